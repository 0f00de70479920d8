"""Stance and device metrics under stable, namespaced names (``<split>/<metric>``)."""

from __future__ import annotations

import numpy as np
from sklearn.metrics import accuracy_score, classification_report, confusion_matrix, f1_score

from infer.model.calibration import expected_calibration_error
from infer.model.labels import DEVICES, STANCES


def stance_device_metrics(
    y: np.ndarray, stance_proba: np.ndarray, Y: np.ndarray, Y_pred: np.ndarray, prefix: str
) -> dict[str, float]:
    """Accuracy, macro and per-class F1 for stance; micro, macro and per-label F1 for devices; ECE."""
    pred = stance_proba.argmax(axis=1)
    labels = list(range(len(STANCES)))
    per_class = f1_score(y, pred, labels=labels, average=None, zero_division=0)
    per_device = f1_score(Y, Y_pred, average=None, zero_division=0)
    out = {
        f"{prefix}/stance_accuracy": accuracy_score(y, pred),
        f"{prefix}/stance_macro_f1": f1_score(
            y, pred, labels=labels, average="macro", zero_division=0
        ),
        f"{prefix}/devices_micro_f1": f1_score(Y, Y_pred, average="micro", zero_division=0),
        f"{prefix}/devices_macro_f1": f1_score(Y, Y_pred, average="macro", zero_division=0),
        f"{prefix}/stance_ece": expected_calibration_error(stance_proba, y),
    }
    out |= {f"{prefix}/stance_f1_{s}": float(v) for s, v in zip(STANCES, per_class, strict=True)}
    out |= {f"{prefix}/device_f1_{d}": float(v) for d, v in zip(DEVICES, per_device, strict=True)}
    return {k: float(v) for k, v in out.items()}


def reports(y: np.ndarray, stance_proba: np.ndarray, Y: np.ndarray, Y_pred: np.ndarray) -> str:
    pred = stance_proba.argmax(axis=1)
    labels = list(range(len(STANCES)))
    return (
        "STANCE\n"
        + classification_report(y, pred, labels=labels, target_names=list(STANCES), zero_division=0)
        + "\nDEVICES\n"
        + classification_report(Y, Y_pred, target_names=list(DEVICES), zero_division=0)
    )


def stance_confusion(y: np.ndarray, stance_proba: np.ndarray) -> np.ndarray:
    return confusion_matrix(y, stance_proba.argmax(axis=1), labels=list(range(len(STANCES))))


def prior_metrics(model, calibrated: np.ndarray, y: np.ndarray, prefix: str) -> dict[str, float]:
    """Stance accuracy and macro-F1 under each stance prior (train, natural, adapt), and the priors."""
    from infer.model.prior import PriorChoice

    labels = list(range(len(STANCES)))
    out: dict[str, float] = {}
    for mode in ("train", "natural", "adapt"):
        if mode == "natural" and getattr(model, "natural_prior_", None) is None:
            continue
        proba, used = model.stance_under(calibrated, PriorChoice(mode))
        pred = proba.argmax(axis=1)
        out[f"{prefix}/prior_{mode}/stance_accuracy"] = float(accuracy_score(y, pred))
        out[f"{prefix}/prior_{mode}/stance_macro_f1"] = float(
            f1_score(y, pred, labels=labels, average="macro", zero_division=0)
        )
        out |= {
            f"{prefix}/prior_{mode}/p_{s}": float(p) for s, p in zip(STANCES, used, strict=True)
        }
    return out


def member_metrics(model, X, y: np.ndarray, Y: np.ndarray, prefix: str) -> dict[str, float]:
    """A stack's members scored alone (``<prefix>/member_<name>/…``) and its blend weight."""
    if not hasattr(model, "member_outputs"):
        return {}
    out = {f"{prefix}/stack_finetune_weight": float(model.weight_)}
    members = model.fitted_members()
    for name, (proba, devices) in model.member_outputs(X).items():
        predicted = devices >= members[name].thresholds_
        out |= stance_device_metrics(y, proba, Y, predicted, f"{prefix}/member_{name}")
    return out
