"""What every statement classifier shares: calibrated stance, thresholded devices, input joining."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd

from infer.model.calibration import TemperatureScaler, tune_thresholds
from infer.model.labels import DEVICES, SCHEMA, SCHEMA_VERSION, STANCES

CONTEXT_SEPARATOR = " || "


def as_frame(X) -> pd.DataFrame:
    """Accept a DataFrame with ``text`` (+ ``context``) or a plain list of texts."""
    frame = X if isinstance(X, pd.DataFrame) else pd.DataFrame({"text": list(X)})
    if "text" not in frame:
        raise ValueError("input needs a 'text' column")
    if "context" not in frame:
        frame = frame.assign(context="")
    return frame.assign(
        text=frame["text"].fillna("").astype(str), context=frame["context"].fillna("").astype(str)
    )


def joined_inputs(X, use_context: bool) -> list[str]:
    frame = as_frame(X)
    if not use_context:
        return frame["text"].tolist()
    return [
        t if not c else f"{t}{CONTEXT_SEPARATOR}{c}"
        for t, c in zip(frame["text"], frame["context"], strict=True)
    ]


class StatementClassifierMixin:
    """sklearn-style surface over ``_stance_logits`` and ``_device_proba`` of a fitted model."""

    classes_ = np.array(STANCES)
    device_labels_ = np.array(DEVICES)

    def decision_function(self, X) -> np.ndarray:
        return self._stance_logits(X)

    def predict_proba(self, X) -> np.ndarray:
        """Stance probabilities after temperature scaling."""
        return self._scaler().transform(self._stance_logits(X))

    def predict(self, X) -> np.ndarray:
        return self.classes_[self.predict_proba(X).argmax(axis=1)]

    def predict_device_proba(self, X) -> np.ndarray:
        return self._device_proba(X)

    def predict_devices(self, X) -> np.ndarray:
        return self._device_proba(X) >= self.thresholds_

    def predict_all(self, X) -> tuple[np.ndarray, np.ndarray]:
        """(stance probabilities, device probabilities) in one pass."""
        logits, devices = self._both(X)
        return self._scaler().transform(logits), devices

    def _both(self, X) -> tuple[np.ndarray, np.ndarray]:
        """(stance logits, device probabilities): what each family implements."""
        raise NotImplementedError

    def _stance_logits(self, X) -> np.ndarray:
        return self._both(X)[0]

    def _device_proba(self, X) -> np.ndarray:
        return self._both(X)[1]

    def _save_parts(self, folder: str | Path, parts: dict[str, object], **extra) -> None:
        """Each scikit-learn part to its own .skops file, calibration and params to JSON."""
        from infer.model.safe_load import skops_dump

        folder = Path(folder)
        folder.mkdir(parents=True, exist_ok=True)
        for filename, part in parts.items():
            skops_dump(part, folder / filename)
        self._save_calibration(
            folder, {"family": self.family, "params": self.get_params(), **extra}
        )

    @classmethod
    def _load_parts(cls, folder: str | Path, parts: dict[str, str]):
        """A model rebuilt from its params with each ``attribute_`` loaded from its .skops file."""
        from infer.model.safe_load import skops_load

        folder = Path(folder)
        meta = cls._read_calibration(folder)
        model = cls(**meta["params"])
        for attribute, filename in parts.items():
            setattr(model, attribute, skops_load(folder / filename))
        model._restore_calibration(meta)
        return model

    def calibrate(self, X_dev, y_dev: np.ndarray, Y_dev: np.ndarray):
        """Fit the stance temperature and the per-device thresholds on dev."""
        logits, devices = self._both(X_dev)
        self.temperature_ = TemperatureScaler().fit(logits, y_dev).temperature_
        self.thresholds_ = tune_thresholds(devices, Y_dev)
        return self

    def _scaler(self) -> TemperatureScaler:
        scaler = TemperatureScaler()
        scaler.temperature_ = getattr(self, "temperature_", 1.0)
        return scaler

    def _save_calibration(self, folder: Path, extra: dict) -> None:
        meta = {
            "schema_version": SCHEMA_VERSION,
            "stances": list(STANCES),
            "devices": list(DEVICES),
            "temperature": float(getattr(self, "temperature_", 1.0)),
            "thresholds": [
                float(t) for t in getattr(self, "thresholds_", np.full(len(DEVICES), 0.5))
            ],
            **extra,
        }
        (folder / "classifier.json").write_text(json.dumps(meta, indent=2), "utf-8")

    @staticmethod
    def _read_calibration(folder: Path) -> dict:
        meta = json.loads((folder / "classifier.json").read_text("utf-8"))
        if not SCHEMA.readable(meta.get("schema_version")):
            raise ValueError(
                f"{folder}: model uses label schema {meta.get('schema_version')}, code uses {SCHEMA_VERSION}"
            )
        return meta

    def _restore_calibration(self, meta: dict) -> None:
        self.temperature_ = float(meta["temperature"])
        self.thresholds_ = np.asarray(meta["thresholds"], dtype=float)
