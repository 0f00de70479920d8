"""Load a saved classifier folder and turn its probabilities into scored-record fields."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from infer.errors import QuotelensError
from infer.model.classifiers import TRANSFORMER_FAMILIES, classifier_class
from infer.model.classifiers.base import SAVE_FORMAT, as_frame
from infer.model.labels import DEVICES, SCHEMA, SCHEMA_VERSION, STANCES
from infer.model.prior import PriorChoice
from infer.model.safe_load import refuse_pickles

OUTPUT_COLUMNS = ("stance", "stance_scores", "devices", "device_scores", "schema_version")
INPUT_COLUMNS = ("text", "cue", "context")


def load_classifier(folder: str | Path, backend: str = "auto"):
    """The fitted classifier saved in ``folder`` (no pickle anywhere in it)."""
    folder = Path(folder)
    meta_file = folder / "classifier.json"
    if not meta_file.exists():
        raise QuotelensError(f"{folder}: not a quotelens classifier folder (no classifier.json)")
    refuse_pickles(folder)
    meta = json.loads(meta_file.read_text("utf-8"))
    if not SCHEMA.readable(meta.get("schema_version")):
        raise QuotelensError(
            f"{folder}: model labelled with schema {meta.get('schema_version')}, code uses {SCHEMA_VERSION}"
        )
    family = meta["family"]
    if family not in TRANSFORMER_FAMILIES and meta.get("format", 1) < SAVE_FORMAT:
        raise QuotelensError(
            f"{folder}: a {family} model saved before the composed estimator (format 1); "
            "retrain it with `python -m train fit`, or score it with the quotelens that logged it"
        )
    cls = classifier_class(family)
    return cls.load(folder, backend=backend) if family in TRANSFORMER_FAMILIES else cls.load(folder)


@dataclass(frozen=True)
class Scored:
    """Scored-record fields for a batch, and the stance prior they assume (None: empty batch)."""

    frame: pd.DataFrame
    prior: np.ndarray | None


def score_frame(classifier, frame: pd.DataFrame, prior: PriorChoice | None = None) -> pd.DataFrame:
    """``text`` (+ ``cue``, ``context``) rows -> stance, stance_scores, devices, device_scores."""
    return score(classifier, frame, prior).frame


def score(classifier, frame: pd.DataFrame, prior: PriorChoice | None = None) -> Scored:
    """As ``score_frame``, keeping the stance prior used (an EM estimate under ``adapt``)."""
    frame = as_frame(frame)
    if len(frame) == 0:
        return Scored(pd.DataFrame({c: [] for c in OUTPUT_COLUMNS}), None)
    calibrated, device_p = classifier.predict_calibrated(frame[list(INPUT_COLUMNS)])
    stance_p, used = classifier.stance_under(calibrated, prior)
    thresholds = np.asarray(classifier.thresholds_)
    stance_idx = stance_p.argmax(axis=1)
    out = pd.DataFrame(
        {
            "stance": [STANCES[i] for i in stance_idx],
            "stance_scores": [dict(zip(STANCES, map(float, row), strict=True)) for row in stance_p],
            "devices": [
                [d for d, p, t in zip(DEVICES, row, thresholds, strict=True) if p >= t]
                for row in device_p
            ],
            "device_scores": [dict(zip(DEVICES, map(float, row), strict=True)) for row in device_p],
            "schema_version": SCHEMA_VERSION,
        }
    )
    return Scored(out, used)
