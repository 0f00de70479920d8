"""Fitted calibration steps: stance temperature + bias scaling, per-device thresholds; and ECE."""

from __future__ import annotations

import numpy as np
from scipy.optimize import minimize
from scipy.special import log_softmax, softmax


class StanceCalibrator:
    """Bias-corrected temperature scaling (Alexandari et al. 2020) of stance logits.

    One temperature and one bias per class, fitted by negative log-likelihood on held-out logits.
    The bias makes the mean calibrated probability equal the calibration data's class mix, which
    is ``prior_``: the prior that a label-shift correction (``infer.model.prior``) starts from.
    """

    def __init__(self, bias: bool = True) -> None:
        self.bias = bias

    def fit(self, logits: np.ndarray, y: np.ndarray) -> StanceCalibrator:
        y = np.asarray(y)
        k = logits.shape[1]

        def unpack(theta: np.ndarray) -> tuple[float, np.ndarray]:
            b = np.concatenate([[0.0], theta[1:]]) if self.bias else np.zeros(k)
            return float(np.exp(theta[0])), b

        def nll(theta: np.ndarray) -> float:
            t, b = unpack(theta)
            lp = log_softmax(logits / t + b, axis=1)
            return -float(lp[np.arange(len(y)), y].mean())

        start = np.zeros(k if self.bias else 1)
        bounds = [(-3.0, 3.0)] + [(-10.0, 10.0)] * (len(start) - 1)
        res = minimize(nll, start, method="L-BFGS-B", bounds=bounds)
        self.temperature_, self.bias_ = unpack(res.x)
        self.prior_ = np.bincount(y, minlength=k) / max(len(y), 1)
        return self

    def transform(self, logits: np.ndarray) -> np.ndarray:
        t = getattr(self, "temperature_", 1.0)
        b = getattr(self, "bias_", np.zeros(logits.shape[1]))
        return softmax(logits / t + b, axis=1)

    def to_dict(self) -> dict:
        return {
            "temperature": float(self.temperature_),
            "bias": [float(v) for v in self.bias_],
            "prior": [float(v) for v in self.prior_],
        }

    @classmethod
    def from_dict(cls, raw: dict, k: int) -> StanceCalibrator:
        """Also reads the format of models saved before bias and prior existed (temperature only)."""
        out = cls(bias="bias" in raw)
        out.temperature_ = float(raw.get("temperature", 1.0))
        out.bias_ = np.asarray(raw.get("bias", np.zeros(k)), dtype=float)
        out.prior_ = np.asarray(raw.get("prior", np.full(k, 1 / k)), dtype=float)
        return out

    @classmethod
    def identity(cls, y: np.ndarray, k: int) -> StanceCalibrator:
        """No scaling; the prior is the class mix of ``y`` (a model fitted without held-out data)."""
        out = cls(bias=False)
        out.temperature_, out.bias_ = 1.0, np.zeros(k)
        out.prior_ = np.bincount(np.asarray(y), minlength=k) / max(len(y), 1)
        return out


class DeviceThresholds:
    """One decision threshold per device, each maximising F1 on held-out probabilities."""

    def fit(self, proba: np.ndarray, Y: np.ndarray) -> DeviceThresholds:
        self.thresholds_ = tune_thresholds(proba, np.asarray(Y))
        return self

    def transform(self, proba: np.ndarray) -> np.ndarray:
        return proba >= self.thresholds_

    @classmethod
    def fixed(cls, values) -> DeviceThresholds:
        out = cls()
        out.thresholds_ = np.asarray(values, dtype=float)
        return out


def tune_thresholds(proba: np.ndarray, y: np.ndarray, grid: np.ndarray | None = None) -> np.ndarray:
    """Per-label threshold maximising F1 (0.5 where a label has no positive)."""
    grid = np.linspace(0.05, 0.95, 37) if grid is None else grid
    out = np.full(proba.shape[1], 0.5)
    for j in range(proba.shape[1]):
        if y[:, j].sum() == 0:
            continue
        best = -1.0
        for t in grid:
            pred = proba[:, j] >= t
            tp = float((pred & (y[:, j] == 1)).sum())
            f1 = 2 * tp / (pred.sum() + y[:, j].sum()) if tp else 0.0
            # Ties go to the threshold nearest 0.5: less overfit to a small held-out set.
            if f1 > best + 1e-12 or (abs(f1 - best) <= 1e-12 and abs(t - 0.5) < abs(out[j] - 0.5)):
                best, out[j] = f1, float(t)
    return out


def expected_calibration_error(proba: np.ndarray, y: np.ndarray, bins: int = 10) -> float:
    """ECE of the top-class probability over equal-width confidence bins."""
    conf = proba.max(axis=1)
    correct = proba.argmax(axis=1) == np.asarray(y)
    edges = np.linspace(0, 1, bins + 1)
    ece = 0.0
    for lo, hi in zip(edges[:-1], edges[1:], strict=True):
        mask = (conf > lo) & (conf <= hi)
        if mask.any():
            ece += mask.mean() * abs(correct[mask].mean() - conf[mask].mean())
    return float(ece)
