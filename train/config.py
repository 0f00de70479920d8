"""Typed, validated experiment configs (YAML in ``configs/``) with ``--set key=value`` overrides."""

from __future__ import annotations

import copy
import itertools
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import Field, ValidationError

from infer.errors import QuotelensError
from infer.model.classifiers import TRANSFORMER_FAMILIES
from train.model_params import (
    EmbedParams,
    FinetuneParams,
    HybridParams,
    StackParams,
    Strict,
    TfidfParams,
)

# What a model head reads (infer.model.classifiers.base.INPUTS).
InputName = Literal["text", "cue_text", "text_context", "cue_text_context"]


class DataConfig(Strict):
    paths: list[str] = Field(
        ["data/statements", "data/articles"],
        description="Labelled files or folders (JSONL/CSV/Parquet; folders of labelled articles).",
    )
    input: InputName = Field(
        "text",
        description="What the model reads: the statement text, or 'cue: text', either optionally "
        "joined with its paragraph (context). `use_context: true` is read as *_context.",
    )
    devices_input: InputName | None = Field(
        None,
        description="What the device head reads, when it should differ from `input` (tfidf_linear, "
        "embed_head, hybrid): the paragraph helps stance but adds other sentences' devices. "
        "null: the same as `input`.",
    )
    test_size: float = Field(
        0.2, gt=0, lt=1, description="Share of statements (or conflicts) held out for test."
    )
    dev_size: float = Field(
        0.15,
        gt=0,
        lt=1,
        description="Share of the train part kept for early stopping and calibration.",
    )
    splits: list[Literal["heldout_conflict", "random", "articles"]] | None = Field(
        None,
        description="Splits to fit and evaluate (null: held-out conflicts, random, and the "
        "article test split when its articles are loaded); fewer make a slow family's run shorter.",
    )
    final_split: Literal["all", "random", "heldout_conflict"] = Field(
        "all",
        description="The registered model: 'all' refits on every labelled statement with "
        "calibration from cross-validated predictions; else one split's train part.",
    )

    @property
    def use_context(self) -> bool:
        return self.input.endswith("_context")


class CalibrationConfig(Strict):
    method: Literal["dev", "cv"] = Field(
        "dev",
        description="Fit stance scaling and device thresholds on the dev part, or on "
        "cross-validated predictions over the train part (finetune: dev only).",
    )
    cv_folds: int = Field(5, ge=2, le=10, description="Folds for method cv and final_split all.")


class TrackingConfig(Strict):
    uri: str | None = Field(
        None,
        description="MLflow tracking URI; else $MLFLOW_TRACKING_URI, else sqlite:///mlflow.db.",
    )
    experiment: str = Field("quotelens", description="MLflow experiment name.")
    registered_model: str = Field(
        "quotelens", description="Registry name the model is registered under."
    )
    register_model: bool = Field(True, description="Register the logged model.")


class TrainConfig(Strict):
    """One experiment. ``sweep`` maps dotted keys to lists of values: one nested run per point."""

    name: str = Field(description="Run name shown in the MLflow UI.")
    family: Literal["tfidf_linear", "embed_head", "hybrid", "finetune", "stack"] = Field(
        description="Model family."
    )
    seed: int = Field(13, description="Seed for splits and training.")
    data: DataConfig = Field(default_factory=DataConfig)
    calibration: CalibrationConfig = Field(default_factory=CalibrationConfig)
    tfidf: TfidfParams = Field(default_factory=TfidfParams)
    embed: EmbedParams = Field(default_factory=EmbedParams)
    hybrid: HybridParams = Field(default_factory=HybridParams)
    finetune: FinetuneParams = Field(default_factory=FinetuneParams)
    stack: StackParams = Field(default_factory=StackParams)
    tracking: TrackingConfig = Field(default_factory=TrackingConfig)
    sweep: dict[str, list[Any]] = Field(
        default_factory=dict, description="Dotted key -> values to try."
    )

    def family_section(self) -> str:
        return FAMILY_SECTION[self.family]

    def sections(self) -> tuple[str, ...]:
        """The model sections this run reads (a stack reads its members' sections too)."""
        members = ("finetune", "tfidf") if self.family == "stack" else ()
        return (self.family_section(), *members)

    def model_params(self) -> dict:
        """Constructor parameters of the family's estimator: its section, the input, the seed."""
        out = getattr(self, self.family_section()).model_dump(exclude=EXPORT_KEYS)
        if self.family == "stack":
            finetune = self.finetune.model_dump(exclude=EXPORT_KEYS)
            out |= {"finetune": finetune, "tfidf": self.tfidf.model_dump()}
        out |= {"input": self.data.input, "seed": self.seed}
        if self.family not in TRANSFORMER_FAMILIES:
            out |= {"calibration": self.calibration.method, "cv_folds": self.calibration.cv_folds}
            out |= {"devices_input": self.data.devices_input}
        elif self.data.devices_input is not None:
            raise QuotelensError(
                f"data.devices_input: the {self.family} family reads one input for both heads; "
                "remove data.devices_input or use tfidf_linear, embed_head or hybrid"
            )
        return out

    def flat(self) -> dict[str, Any]:
        """Dotted-key view for MLflow params: only the trained family's section."""

        def walk(prefix: str, value: Any, out: dict) -> dict:
            if isinstance(value, dict) and value:
                for k, v in value.items():
                    walk(f"{prefix}.{k}" if prefix else k, v, out)
            else:
                out[prefix] = value
            return out

        others = set(FAMILY_SECTION.values()) - set(self.sections())
        return walk("", self.model_dump(exclude={"sweep", *others}), {})


# Settings of the packaging step, not of the estimator.
EXPORT_KEYS = {"export_onnx", "quantize_onnx"}
FAMILY_SECTION = {
    "tfidf_linear": "tfidf",
    "embed_head": "embed",
    "hybrid": "hybrid",
    "finetune": "finetune",
    "stack": "stack",
}


def legacy_keys(raw: dict) -> dict:
    """``data.use_context: true/false`` (before ``data.input``) read as the matching input."""
    data = raw.get("data")
    if isinstance(data, dict) and "use_context" in data:
        data = dict(data)
        with_context = data.pop("use_context")
        base = str(data.get("input", "text")).removesuffix("_context")
        data["input"] = f"{base}_context" if with_context is True else base
        raw = {**raw, "data": data}
    return raw


def set_dotted(raw: dict, key: str, value: Any) -> None:
    node = raw
    parts = key.split(".")
    for part in parts[:-1]:
        node = node.setdefault(part, {})
        if not isinstance(node, dict):
            raise QuotelensError(f"--set {key}: '{part}' is not a section")
    node[parts[-1]] = value


def parse_override(item: str) -> tuple[str, Any]:
    if "=" not in item:
        raise QuotelensError(f"--set {item!r}: expected KEY=VALUE, e.g. --set tfidf.stance_C=4")
    key, value = item.split("=", 1)
    try:
        return key.strip(), yaml.safe_load(value)
    except yaml.YAMLError as err:
        raise QuotelensError(
            f"--set {item}: not a plain YAML value ({str(err).splitlines()[0]})"
        ) from None


def validate_config(raw: dict, where: str) -> TrainConfig:
    try:
        return TrainConfig.model_validate(legacy_keys(raw))
    except ValidationError as err:
        first = err.errors()[0]
        loc = ".".join(str(p) for p in first["loc"])
        raise QuotelensError(f"{where}: {loc}: {first['msg']}") from None


def load_config(path: str | Path, overrides: list[str] = ()) -> TrainConfig:
    """Parse with ``yaml.safe_load`` (no object tags), apply overrides, validate before any work."""
    path = Path(path)
    if not path.exists():
        raise QuotelensError(f"{path}: config not found (see configs/ for examples)")
    try:
        raw = yaml.safe_load(path.read_text("utf-8")) or {}
    except yaml.YAMLError as err:
        raise QuotelensError(f"{path}: not valid YAML ({str(err).splitlines()[0]})") from None
    if not isinstance(raw, dict):
        raise QuotelensError(f"{path}: a config must be a mapping of keys to values")
    for item in overrides:
        set_dotted(raw, *parse_override(item))
    config = validate_config(raw, str(path))
    for key in config.sweep:
        probe = copy.deepcopy(raw)
        probe.pop("sweep")
        set_dotted(probe, key, config.sweep[key][0] if config.sweep[key] else None)
        validate_config(probe, f"{path}: sweep key {key}")
    return config


def sweep_points(config: TrainConfig) -> list[TrainConfig]:
    """Every combination of the sweep values as its own validated config (just ``config`` if none)."""
    if not config.sweep:
        return [config]
    keys = list(config.sweep)
    points = []
    for values in itertools.product(*(config.sweep[k] for k in keys)):
        raw = config.model_dump()
        raw["sweep"] = {}
        for k, v in zip(keys, values, strict=True):
            set_dotted(raw, k, v)
        raw["name"] = (
            f"{config.name}["
            + ",".join(f"{k}={v}" for k, v in zip(keys, values, strict=True))
            + "]"
        )
        points.append(validate_config(raw, f"sweep point {raw['name']}"))
    return points
