"""Load a saved classifier folder and turn its probabilities into scored-record fields."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd

from infer.errors import QuotelensError
from infer.model.classifiers import classifier_class
from infer.model.classifiers.base import as_frame
from infer.model.labels import DEVICES, SCHEMA, SCHEMA_VERSION, STANCES
from infer.model.safe_load import refuse_pickles

OUTPUT_COLUMNS = ("stance", "stance_scores", "devices", "device_scores", "schema_version")


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
    cls = classifier_class(meta["family"])
    return cls.load(folder, backend=backend) if meta["family"] == "finetune" else cls.load(folder)


def score_frame(classifier, frame: pd.DataFrame) -> pd.DataFrame:
    """``text`` (+ ``context``) rows -> stance, stance_scores, devices, device_scores per LABELS.md."""
    frame = as_frame(frame)
    if len(frame) == 0:
        return pd.DataFrame({c: [] for c in OUTPUT_COLUMNS})
    stance_p, device_p = classifier.predict_all(frame[["text", "context"]])
    thresholds = np.asarray(classifier.thresholds_)
    stance_idx = stance_p.argmax(axis=1)
    return pd.DataFrame(
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
