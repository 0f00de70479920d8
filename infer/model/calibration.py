"""Stance temperature scaling and per-device thresholds, both fitted on dev."""

from __future__ import annotations

import numpy as np
from scipy.optimize import minimize_scalar
from scipy.special import log_softmax, softmax


class TemperatureScaler:
    """Divides stance logits by one temperature chosen to minimise dev negative log-likelihood."""

    def fit(self, logits: np.ndarray, y: np.ndarray) -> TemperatureScaler:
        y = np.asarray(y)

        def nll(log_t: float) -> float:
            lp = log_softmax(logits / np.exp(log_t), axis=1)
            return -float(lp[np.arange(len(y)), y].mean())

        res = minimize_scalar(nll, bounds=(-3.0, 3.0), method="bounded")
        self.temperature_ = float(np.exp(res.x))
        return self

    def transform(self, logits: np.ndarray) -> np.ndarray:
        return softmax(logits / getattr(self, "temperature_", 1.0), axis=1)


def tune_thresholds(proba: np.ndarray, y: np.ndarray, grid: np.ndarray | None = None) -> np.ndarray:
    """Per-label threshold maximising dev F1 (0.5 where a label has no dev positive)."""
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
            # Ties go to the threshold nearest 0.5: less overfit to a small dev set.
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
