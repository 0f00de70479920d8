"""One composed estimator for tfidf_linear, embed_head and hybrid.

    model inputs -> FeatureUnion(chosen blocks) -> stance LR head + one-vs-rest device LR head
                 -> stance calibration (temperature + bias) and per-device thresholds

With ``devices_input`` the device head reads its own input through its own copy of the blocks.
With ``separate_context`` each block reads the statement, and a copy of it the paragraph, so a
word in the paragraph is never a word of the statement (weighted by ``context_weight``).

The family only chooses the blocks. Calibration is fitted inside ``fit``: on ``eval_set`` when
``calibration='dev'``, or on out-of-fold predictions of ``cv_folds`` refits when ``'cv'`` (which
also lets the final model train on every labelled statement).
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
from sklearn.base import BaseEstimator, clone
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedKFold
from sklearn.multiclass import OneVsRestClassifier
from sklearn.pipeline import FeatureUnion, Pipeline

from infer.model.classifiers.base import StatementClassifierMixin, as_frame, model_inputs
from infer.model.classifiers.blocks import ENCODER, EmbeddingBlock, InputPart, tfidf_block
from infer.model.labels import DEVICES, STANCES

BLOCKS = {
    "tfidf_linear": ("tfidf",),
    "embed_head": ("embedding",),
    "hybrid": ("tfidf", "embedding"),
}
CALIBRATION = ("dev", "cv", "none")


class ComposedClassifier(StatementClassifierMixin, BaseEstimator):
    """Feature blocks chosen by ``family`` -> two logistic-regression heads -> calibration steps."""

    def __init__(
        self,
        family: str = "tfidf_linear",
        input: str = "text",
        devices_input: str | None = None,
        word_ngrams: int = 2,
        char_ngrams: int = 5,
        min_df: int = 1,
        embedding_weight: float = 1.0,
        embed_context: bool = True,
        separate_context: bool = False,
        context_weight: float = 0.5,
        batch_size: int = 64,
        stance_C: float = 8.0,
        devices_C: float = 8.0,
        class_weight: str | None = "balanced",
        calibration: str = "dev",
        cv_folds: int = 5,
        seed: int = 13,
    ) -> None:
        self.family = family
        self.input = input
        self.devices_input = devices_input
        self.word_ngrams = word_ngrams
        self.char_ngrams = char_ngrams
        self.min_df = min_df
        self.embedding_weight = embedding_weight
        self.embed_context = embed_context
        self.separate_context = separate_context
        self.context_weight = context_weight
        self.batch_size = batch_size
        self.stance_C = stance_C
        self.devices_C = devices_C
        self.class_weight = class_weight
        self.calibration = calibration
        self.cv_folds = cv_folds
        self.seed = seed

    def _union(self, input: str) -> FeatureUnion:
        if self.family not in BLOCKS:
            raise ValueError(f"unknown family '{self.family}' (use one of {', '.join(BLOCKS)})")
        blocks = {
            "tfidf": lambda: tfidf_block(self.word_ngrams, self.char_ngrams, self.min_df),
            "embedding": lambda: EmbeddingBlock(
                self.embedding_weight, self.batch_size, self.embed_context
            ),
        }
        names = BLOCKS[self.family]
        if not (self.separate_context and input.endswith("_context")):
            return FeatureUnion([(name, blocks[name]()) for name in names])
        parts = [
            (f"{part}_{name}", Pipeline([("part", InputPart(part)), (name, blocks[name]())]))
            for part in ("statement", "context")
            for name in names
        ]
        weights = {name: self.context_weight for name, _ in parts if name.startswith("context_")}
        return FeatureUnion(parts, transformer_weights=weights)

    def _heads(self) -> tuple[LogisticRegression, OneVsRestClassifier]:
        def lr(c: float, solver: str) -> LogisticRegression:
            return LogisticRegression(
                C=c,
                solver=solver,
                dual=solver == "liblinear",
                max_iter=3000,
                class_weight=self.class_weight,
                random_state=self.seed,
            )

        # Each device is a binary problem: dual liblinear is ~20x faster than lbfgs when features
        # far outnumber statements (n-grams); the multinomial stance head needs lbfgs.
        return lr(self.stance_C, "lbfgs"), OneVsRestClassifier(lr(self.devices_C, "liblinear"))

    def fit(self, X, y, Y_devices, eval_set=None, natural_prior=None) -> ComposedClassifier:
        """Fit blocks and heads on ``X``, then the calibration steps (see the module docstring)."""
        X, y, Y = as_frame(X), np.asarray(y), np.asarray(Y_devices)
        if self.calibration not in CALIBRATION:
            raise ValueError(
                f"unknown calibration '{self.calibration}' (use {', '.join(CALIBRATION)})"
            )
        held_out = self._out_of_fold(X, y, Y) if self.calibration == "cv" else None
        self.features_ = self._union(self.input)
        F = self.features_.fit_transform(model_inputs(X, self.input))
        if self._own_device_input():
            self.devices_features_ = self._union(self.devices_input)
            Fd = self.devices_features_.fit_transform(model_inputs(X, self.devices_input))
        else:
            self.devices_features_, Fd = None, F
        stance, devices = self._heads()
        self.stance_head_ = stance.fit(F, y)
        self.devices_head_ = devices.fit(Fd, Y)
        if held_out is None and self.calibration == "dev" and eval_set is not None:
            Xd, yd, Yd = eval_set
            held_out = (*self._both(Xd), np.asarray(yd), np.asarray(Yd))
        if held_out is None:
            self.no_calibration(y)
        else:
            logits, proba, yc, Yc = held_out
            self.fit_calibration(logits, yc, proba, Yc)
        self.natural_prior_ = None if natural_prior is None else np.asarray(natural_prior, float)
        return self

    def _out_of_fold(self, X, y, Y):
        """Raw stance logits and device probabilities of every row from a model that never saw it."""
        logits = np.zeros((len(y), len(STANCES)))
        proba = np.zeros((len(y), len(DEVICES)))
        folds = StratifiedKFold(self.cv_folds, shuffle=True, random_state=self.seed)
        for train_idx, test_idx in folds.split(np.zeros(len(y)), y):
            part = clone(self).set_params(calibration="none")
            part.fit(X.iloc[train_idx], y[train_idx], Y[train_idx])
            logits[test_idx], proba[test_idx] = part._both(X.iloc[test_idx])
        return logits, proba, y, Y

    def _own_device_input(self) -> bool:
        return self.devices_input is not None and self.devices_input != self.input

    def _both(self, X):
        F = self.features_.transform(model_inputs(X, self.input))
        devices = getattr(self, "devices_features_", None)
        Fd = F if devices is None else devices.transform(model_inputs(X, self.devices_input))
        return self.stance_head_.decision_function(F), self.devices_head_.predict_proba(Fd)

    def save(self, folder: str | Path) -> None:
        parts = {
            "features.skops": self.features_,
            "stance_head.skops": self.stance_head_,
            "devices_head.skops": self.devices_head_,
        }
        if getattr(self, "devices_features_", None) is not None:
            parts["devices_features.skops"] = self.devices_features_
        extra = {"encoder": ENCODER} if "embedding" in BLOCKS[self.family] else {}
        self._save_parts(folder, parts, **extra)

    @classmethod
    def load(cls, folder: str | Path) -> ComposedClassifier:
        parts = {
            "features_": "features.skops",
            "stance_head_": "stance_head.skops",
            "devices_head_": "devices_head.skops",
        }
        if (Path(folder) / "devices_features.skops").exists():
            parts["devices_features_"] = "devices_features.skops"
        return cls._load_parts(folder, parts)
