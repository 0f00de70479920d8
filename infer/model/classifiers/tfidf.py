"""Word + character TF-IDF with logistic regression (stance) and one-vs-rest LR (devices)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
from sklearn.base import BaseEstimator
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.multiclass import OneVsRestClassifier
from sklearn.pipeline import FeatureUnion, Pipeline

from infer.model.classifiers.base import StatementClassifierMixin, joined_inputs


class TfidfLinearClassifier(StatementClassifierMixin, BaseEstimator):
    """Two scikit-learn Pipelines with named steps: ``features`` then ``clf``."""

    family = "tfidf_linear"

    def __init__(
        self,
        use_context: bool = False,
        word_ngrams: int = 2,
        char_ngrams: int = 5,
        min_df: int = 1,
        stance_C: float = 8.0,
        devices_C: float = 8.0,
        class_weight: str | None = "balanced",
        seed: int = 13,
    ) -> None:
        self.use_context = use_context
        self.word_ngrams = word_ngrams
        self.char_ngrams = char_ngrams
        self.min_df = min_df
        self.stance_C = stance_C
        self.devices_C = devices_C
        self.class_weight = class_weight
        self.seed = seed

    def _features(self) -> FeatureUnion:
        return FeatureUnion(
            [
                (
                    "word",
                    TfidfVectorizer(
                        ngram_range=(1, self.word_ngrams),
                        min_df=self.min_df,
                        sublinear_tf=True,
                        lowercase=True,
                    ),
                ),
                (
                    "char",
                    TfidfVectorizer(
                        analyzer="char_wb",
                        ngram_range=(2, self.char_ngrams),
                        min_df=self.min_df,
                        sublinear_tf=True,
                    ),
                ),
            ]
        )

    def fit(self, X, y, Y_devices, eval_set=None):
        """Fit both pipelines; ``eval_set`` is accepted for a uniform interface and unused."""
        inputs = joined_inputs(X, self.use_context)
        self.stance_pipeline_ = Pipeline(
            [
                ("features", self._features()),
                (
                    "clf",
                    LogisticRegression(
                        C=self.stance_C,
                        max_iter=2000,
                        class_weight=self.class_weight,
                        random_state=self.seed,
                    ),
                ),
            ]
        ).fit(inputs, np.asarray(y))
        self.devices_pipeline_ = Pipeline(
            [
                ("features", self._features()),
                (
                    "clf",
                    OneVsRestClassifier(
                        LogisticRegression(
                            C=self.devices_C,
                            max_iter=2000,
                            class_weight=self.class_weight,
                            random_state=self.seed,
                        )
                    ),
                ),
            ]
        ).fit(inputs, np.asarray(Y_devices))
        self.temperature_ = 1.0
        self.thresholds_ = np.full(np.asarray(Y_devices).shape[1], 0.5)
        return self

    def _both(self, X):
        inputs = joined_inputs(X, self.use_context)
        return (
            self.stance_pipeline_.decision_function(inputs),
            self.devices_pipeline_.predict_proba(inputs),
        )

    def save(self, folder: str | Path) -> None:
        self._save_parts(
            folder, {"stance.skops": self.stance_pipeline_, "devices.skops": self.devices_pipeline_}
        )

    @classmethod
    def load(cls, folder: str | Path) -> TfidfLinearClassifier:
        return cls._load_parts(
            folder, {"stance_pipeline_": "stance.skops", "devices_pipeline_": "devices.skops"}
        )
