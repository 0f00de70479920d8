"""Stance prior at scoring time: as trained, a fixed mix, or re-estimated by EM per job.

Calibrated probabilities reflect the class mix of the data they were calibrated on. Articles
arrive with their own mix (mostly neutral), so the posterior is re-weighted by
``target / trained`` (Bayes' rule under label shift), with the target either fixed or estimated
from the unlabelled statements themselves (Saerens, Latinne & Decaestecker 2002).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import yaml

from infer.errors import QuotelensError

MODES = ("train", "natural", "adapt", "file")
EPS = 1e-6


@dataclass(frozen=True)
class PriorChoice:
    """What ``--stance-prior`` asked for: a mode, and the mix itself for ``file``."""

    mode: str
    values: tuple[float, ...] | None = None
    source: str = ""


@dataclass(frozen=True)
class PriorEstimate:
    """An EM re-estimate of the class mix from unlabelled calibrated probabilities."""

    prior: np.ndarray
    iterations: int
    converged: bool


def parse_prior(spec: str, stances: tuple[str, ...]) -> PriorChoice:
    """``train``, ``natural``, ``adapt``, or a JSON/YAML file mapping every stance to a weight."""
    if spec in ("train", "natural", "adapt"):
        return PriorChoice(spec)
    path = Path(spec)
    if not path.is_file():
        raise QuotelensError(
            f"--stance-prior {spec}: not train, natural, adapt or a file "
            "(a JSON/YAML mapping of each stance to its share)"
        )
    try:
        raw = yaml.safe_load(path.read_text("utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as err:
        raise QuotelensError(
            f"{path}: unreadable stance prior ({str(err).splitlines()[0]})"
        ) from None
    if not isinstance(raw, dict) or set(raw) != set(stances):
        raise QuotelensError(
            f"{path}: a stance prior maps exactly the stances {', '.join(stances)} to shares"
        )
    try:
        values = np.asarray([float(raw[s]) for s in stances])
    except (TypeError, ValueError):
        raise QuotelensError(f"{path}: every stance share must be a number") from None
    if (values < 0).any() or values.sum() <= 0:
        raise QuotelensError(f"{path}: stance shares must be non-negative and not all zero")
    return PriorChoice("file", tuple(float(v) for v in values / values.sum()), str(path))


def shift_prior(proba: np.ndarray, trained: np.ndarray, target: np.ndarray) -> np.ndarray:
    """Posteriors under ``target`` class mix from posteriors under ``trained`` (rows sum to 1)."""
    w = np.maximum(np.asarray(target, float), EPS) / np.maximum(np.asarray(trained, float), EPS)
    out = proba * w
    return out / out.sum(axis=1, keepdims=True)


def em_prior(
    proba: np.ndarray, trained: np.ndarray, max_iter: int = 200, tol: float = 1e-6
) -> PriorEstimate:
    """Saerens et al. (2002): alternate re-weighted posteriors and their mean until the mix settles."""
    trained = np.asarray(trained, float)
    prior = trained.copy()
    if len(proba) == 0:
        return PriorEstimate(prior, 0, True)
    for it in range(1, max_iter + 1):
        new = shift_prior(proba, trained, prior).mean(axis=0)
        if np.abs(new - prior).max() < tol:
            return PriorEstimate(new, it, True)
        prior = new
    return PriorEstimate(prior, max_iter, False)


def apply_prior(
    proba: np.ndarray, choice: PriorChoice, trained: np.ndarray, natural: np.ndarray | None
) -> tuple[np.ndarray, np.ndarray]:
    """(adjusted posteriors, the prior they now assume) for one batch of calibrated probabilities."""
    trained = np.asarray(trained, float)
    if choice.mode == "train":
        return proba, trained
    if choice.mode == "natural":
        if natural is None:
            raise QuotelensError(
                "--stance-prior natural: this model stores no natural mix (trained without "
                "labelled articles); use train, adapt or a prior file"
            )
        target = np.asarray(natural, float)
    elif choice.mode == "file":
        target = np.asarray(choice.values, float)
    elif choice.mode == "adapt":
        target = em_prior(proba, trained).prior
    else:
        raise QuotelensError(f"unknown stance prior mode '{choice.mode}' (use {', '.join(MODES)})")
    return shift_prior(proba, trained, target), target


def prior_json(prior: np.ndarray, stances: tuple[str, ...]) -> str:
    """A prior as a one-line JSON mapping, for logs and run params."""
    return json.dumps({s: round(float(p), 4) for s, p in zip(stances, prior, strict=True)})
