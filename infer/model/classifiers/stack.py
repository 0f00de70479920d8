"""A fine-tuned MiniLM and a TF-IDF model, stacked: their calibrated probabilities blended.

    fine-tuned member (own dev calibration) --+
                                               +-- w * p_finetune + (1 - w) * p_tfidf
    TF-IDF member (own dev calibration) ------+      -> stance calibration + device thresholds

Both members are fitted on the same train part and calibrated on the same dev part; the blend
weight ``w`` is the one of 0, 0.1, ..., 1 that scores best on dev (stance macro-F1 + device
micro-F1), unless fixed by ``finetune_weight``. Each member keeps its own input.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
from sklearn.base import BaseEstimator
from sklearn.metrics import f1_score

from infer.model.calibration import DeviceThresholds
from infer.model.classifiers.base import StatementClassifierMixin, as_frame, read_meta
from infer.model.classifiers.composed import ComposedClassifier
from infer.model.classifiers.finetune import FinetunedClassifier

WEIGHTS = np.round(np.linspace(0.0, 1.0, 11), 2)
EPS = 1e-6


class StackedClassifier(StatementClassifierMixin, BaseEstimator):
    """Fine-tuned + TF-IDF members whose calibrated probabilities are blended, then recalibrated."""

    family = "stack"

    def __init__(
        self,
        finetune: dict | None = None,
        tfidf: dict | None = None,
        finetune_input: str = "cue_text",
        finetune_weight: float | None = None,
        input: str = "cue_text_context",
        seed: int = 13,
    ) -> None:
        self.finetune = finetune
        self.tfidf = tfidf
        self.finetune_input = finetune_input
        self.finetune_weight = finetune_weight
        self.input = input
        self.seed = seed

    def members(self) -> dict[str, StatementClassifierMixin]:
        """Fresh, unfitted members built from the stack's parameters."""
        ft = FinetunedClassifier(**(self.finetune or {}), input=self.finetune_input, seed=self.seed)
        tf = ComposedClassifier(
            family="tfidf_linear",
            **(self.tfidf or {}),
            input=self.input,
            seed=self.seed,
            calibration="dev",
        )
        return {"finetune": ft, "tfidf": tf}

    def fit(self, X, y, Y_devices, eval_set=None, natural_prior=None, on_epoch=None):
        """Fit both members (dev: early stopping and their calibration), the weight, the stack's calibration."""
        if eval_set is None:
            raise ValueError("the stack needs eval_set: its weight and calibration come from dev")
        X, y, Y = as_frame(X), np.asarray(y), np.asarray(Y_devices)
        members = self.members()
        self.finetune_ = members["finetune"].fit(
            X, y, Y, eval_set=eval_set, natural_prior=natural_prior, on_epoch=on_epoch
        )
        self.tfidf_ = members["tfidf"].fit(X, y, Y, eval_set=eval_set, natural_prior=natural_prior)
        Xd, yd, Yd = as_frame(eval_set[0]), np.asarray(eval_set[1]), np.asarray(eval_set[2])
        parts = self.member_outputs(Xd)
        if self.finetune_weight is None:
            scores = [dev_score(*blend(parts, w), yd, Yd) for w in WEIGHTS]
            self.weight_ = float(WEIGHTS[int(np.argmax(scores))])
            self.weight_scores_ = [float(s) for s in scores]
        else:
            self.weight_ = float(self.finetune_weight)
        logits, devices = stack_logits(*blend(parts, self.weight_))
        self.fit_calibration(logits, yd, devices, Yd)
        self.natural_prior_ = None if natural_prior is None else np.asarray(natural_prior, float)
        return self

    def fitted_members(self) -> dict[str, StatementClassifierMixin]:
        """The fitted members by name (the names ``blend`` and the run's metrics use)."""
        return {"finetune": self.finetune_, "tfidf": self.tfidf_}

    def member_outputs(self, X) -> dict[str, tuple[np.ndarray, np.ndarray]]:
        """Each member's (calibrated stance probabilities, device probabilities)."""
        return {name: m.predict_calibrated(X) for name, m in self.fitted_members().items()}

    def tuned_parts(self, folder: Path) -> list[tuple[FinetunedClassifier, Path]]:
        """The fine-tuned model inside and the folder ``save`` writes it to (for ONNX export)."""
        return [(self.finetune_, Path(folder) / "finetune")]

    def use_onnx(self, path) -> None:
        """Run the fine-tuned member on ONNX Runtime (None: back to PyTorch)."""
        self.finetune_.use_onnx(path)

    @property
    def onnx_session_(self):
        return getattr(self.finetune_, "onnx_session_", None)

    def _both(self, X):
        return stack_logits(*blend(self.member_outputs(as_frame(X)), self.weight_))

    # -- persistence: each member in its own folder, the blend and calibration in JSON ----------
    def save(self, folder: str | Path) -> None:
        folder = Path(folder)
        self.finetune_.save(folder / "finetune")
        self.tfidf_.save(folder / "tfidf")
        self._save_meta(
            folder, {"family": self.family, "params": self.get_params(), "weight": self.weight_}
        )

    @classmethod
    def load(cls, folder: str | Path, backend: str = "auto") -> StackedClassifier:
        folder = Path(folder)
        meta = read_meta(folder)
        model = cls(**meta["params"])
        model.finetune_ = FinetunedClassifier.load(folder / "finetune", backend=backend)
        model.tfidf_ = ComposedClassifier.load(folder / "tfidf")
        model.weight_ = float(meta["weight"])
        model.restore_calibration(meta)
        return model


def blend(parts: dict, weight: float) -> tuple[np.ndarray, np.ndarray]:
    """(stance probabilities, device probabilities) as ``weight`` fine-tuned + the rest TF-IDF."""
    (ps, pd_), (ts, td) = parts["finetune"], parts["tfidf"]
    return weight * ps + (1 - weight) * ts, weight * pd_ + (1 - weight) * td


def stack_logits(stance: np.ndarray, devices: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Blended stance probabilities as log-probabilities, which the stance calibrator rescales."""
    return np.log(np.clip(stance, EPS, 1.0)), devices


def dev_score(stance: np.ndarray, devices: np.ndarray, y: np.ndarray, Y: np.ndarray) -> float:
    """Stance macro-F1 plus device micro-F1 at thresholds fitted on the same dev rows."""
    predicted = DeviceThresholds().fit(devices, Y).transform(devices)
    return f1_score(y, stance.argmax(1), average="macro") + f1_score(
        Y, predicted, average="micro", zero_division=0
    )
