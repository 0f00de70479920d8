"""What every statement classifier shares: model inputs, calibration steps, prior, persistence."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd

from infer.model.calibration import DeviceThresholds, StanceCalibrator
from infer.model.labels import DEVICES, SCHEMA, SCHEMA_VERSION, STANCES
from infer.model.prior import PriorChoice, apply_prior

CONTEXT_SEPARATOR = " || "
# What the classifier reads: the statement, optionally after its cue, optionally with its paragraph.
INPUTS = ("text", "cue_text", "text_context", "cue_text_context")
SAVE_FORMAT = 2  # 2: one composed estimator (features.skops + two heads); calibration in JSON


def as_frame(X) -> pd.DataFrame:
    """A DataFrame with ``text``, ``cue`` and ``context`` (the last two may be absent: empty)."""
    frame = X if isinstance(X, pd.DataFrame) else pd.DataFrame({"text": list(X)})
    if "text" not in frame:
        raise ValueError("input needs a 'text' column")
    return pd.DataFrame(
        {
            col: (frame[col].fillna("").astype(str) if col in frame else "")
            for col in ("text", "cue", "context")
        },
        index=frame.index,
    )


def statement_part(text: str, cue: str, input: str) -> str:
    """``denied: its forces were involved`` for the cue inputs; the text alone otherwise."""
    cue = cue.strip()
    return f"{cue}: {text}" if cue and input.startswith("cue_") else text


def model_inputs(X, input: str) -> list[str]:
    """One string per row as the model reads it (see ``INPUTS``)."""
    if input not in INPUTS:
        raise ValueError(f"unknown input '{input}' (use one of {', '.join(INPUTS)})")
    frame = as_frame(X)
    rows = zip(frame["text"], frame["cue"], frame["context"], strict=True)
    with_context = input.endswith("_context")
    out = []
    for t, q, c in rows:
        s = statement_part(t, q, input)
        out.append(f"{s}{CONTEXT_SEPARATOR}{c}" if with_context and c else s)
    return out


class StatementClassifierMixin:
    """sklearn-style surface over ``_both`` (raw stance logits, device probabilities).

    Calibration is two fitted steps, ``stance_calibration_`` and ``device_thresholds_``, plus the
    stance priors (``prior_`` as calibrated, ``natural_prior_`` measured on labelled articles).
    """

    classes_ = np.array(STANCES)
    device_labels_ = np.array(DEVICES)

    def _both(self, X) -> tuple[np.ndarray, np.ndarray]:
        raise NotImplementedError

    def decision_function(self, X) -> np.ndarray:
        return self._both(X)[0]

    def predict_proba(self, X, prior: PriorChoice | None = None) -> np.ndarray:
        return self.predict_all(X, prior)[0]

    def predict(self, X) -> np.ndarray:
        return self.classes_[self.predict_proba(X).argmax(axis=1)]

    def predict_device_proba(self, X) -> np.ndarray:
        return self._both(X)[1]

    def predict_devices(self, X) -> np.ndarray:
        return self.device_thresholds_.transform(self._both(X)[1])

    def predict_all(self, X, prior: PriorChoice | None = None) -> tuple[np.ndarray, np.ndarray]:
        """(calibrated stance probabilities under ``prior``, device probabilities) in one pass."""
        proba, devices = self.predict_calibrated(X)
        return self.stance_under(proba, prior)[0], devices

    def predict_calibrated(self, X) -> tuple[np.ndarray, np.ndarray]:
        """(stance probabilities under the calibration data's mix, device probabilities)."""
        logits, devices = self._both(X)
        return self.stance_calibration_.transform(logits), devices

    def stance_under(
        self, proba: np.ndarray, prior: PriorChoice | None
    ) -> tuple[np.ndarray, np.ndarray]:
        """(probabilities, prior assumed) after re-weighting calibrated ``proba`` to ``prior``."""
        natural = getattr(self, "natural_prior_", None)
        return apply_prior(proba, prior or PriorChoice("train"), self.prior_, natural)

    @property
    def thresholds_(self) -> np.ndarray:
        return self.device_thresholds_.thresholds_

    @property
    def prior_(self) -> np.ndarray:
        return self.stance_calibration_.prior_

    # -- calibration: fitted on held-out predictions ----------------------------------------
    def fit_calibration(self, logits, y, device_proba, Y) -> None:
        self.stance_calibration_ = StanceCalibrator().fit(logits, y)
        self.device_thresholds_ = DeviceThresholds().fit(device_proba, Y)

    def no_calibration(self, y) -> None:
        self.stance_calibration_ = StanceCalibrator.identity(y, len(STANCES))
        self.device_thresholds_ = DeviceThresholds.fixed(np.full(len(DEVICES), 0.5))

    def calibrate(self, X_dev, y_dev: np.ndarray, Y_dev: np.ndarray):
        """Refit both calibration steps on the given held-out statements."""
        logits, devices = self._both(X_dev)
        self.fit_calibration(logits, y_dev, devices, Y_dev)
        return self

    # -- persistence ------------------------------------------------------------------------
    def _save_parts(self, folder: str | Path, parts: dict[str, object], **extra) -> None:
        """Each scikit-learn part to its own .skops file, calibration and params to JSON."""
        from infer.model.safe_load import skops_dump

        folder = Path(folder)
        folder.mkdir(parents=True, exist_ok=True)
        for filename, part in parts.items():
            skops_dump(part, folder / filename)
        self._save_meta(folder, {"family": self.family, "params": self.get_params(), **extra})

    @classmethod
    def _load_parts(cls, folder: str | Path, parts: dict[str, str]):
        """A model rebuilt from its params with each ``attribute_`` loaded from its .skops file."""
        from infer.model.safe_load import skops_load

        folder = Path(folder)
        meta = read_meta(folder)
        model = cls(**meta["params"])
        for attribute, filename in parts.items():
            setattr(model, attribute, skops_load(folder / filename))
        model.restore_calibration(meta)
        return model

    def _save_meta(self, folder: Path, extra: dict) -> None:
        natural = getattr(self, "natural_prior_", None)
        meta = {
            "format": SAVE_FORMAT,
            "schema_version": SCHEMA_VERSION,
            "stances": list(STANCES),
            "devices": list(DEVICES),
            "stance_calibration": self.stance_calibration_.to_dict(),
            "thresholds": [float(t) for t in self.thresholds_],
            "natural_prior": None if natural is None else [float(v) for v in natural],
            **extra,
        }
        (folder / "classifier.json").write_text(json.dumps(meta, indent=2), "utf-8")

    def restore_calibration(self, meta: dict) -> None:
        raw = meta.get("stance_calibration") or {"temperature": meta.get("temperature", 1.0)}
        self.stance_calibration_ = StanceCalibrator.from_dict(raw, len(STANCES))
        self.device_thresholds_ = DeviceThresholds.fixed(meta["thresholds"])
        natural = meta.get("natural_prior")
        self.natural_prior_ = None if natural is None else np.asarray(natural, dtype=float)


def read_meta(folder: Path) -> dict:
    meta = json.loads((folder / "classifier.json").read_text("utf-8"))
    if not SCHEMA.readable(meta.get("schema_version")):
        raise ValueError(
            f"{folder}: model uses label schema {meta.get('schema_version')}, code uses {SCHEMA_VERSION}"
        )
    return meta
