"""Typed, validated experiment configs (YAML in ``configs/``) with ``--set key=value`` overrides."""

from __future__ import annotations

import copy
import itertools
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from infer.errors import QuotelensError


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class DataConfig(Strict):
    paths: list[str] = Field(
        ["data/statements", "data/articles"],
        description="Labelled files or folders (JSONL/CSV/Parquet; folders of labelled articles).",
    )
    input: Literal["text", "cue_text", "text_context", "cue_text_context"] = Field(
        "text",
        description="What the model reads: the statement text, or 'cue: text', either optionally "
        "joined with its paragraph (context). `use_context: true` is read as *_context.",
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


class TfidfParams(Strict):
    word_ngrams: int = Field(2, ge=1, le=3, description="Largest word n-gram.")
    char_ngrams: int = Field(5, ge=2, le=6, description="Largest character n-gram (char_wb).")
    min_df: int = Field(1, ge=1, description="Drop n-grams seen in fewer documents.")
    stance_C: float = Field(8.0, gt=0, description="Inverse regularisation of the stance LR.")
    devices_C: float = Field(8.0, gt=0, description="Inverse regularisation of each device LR.")
    class_weight: Literal["balanced"] | None = Field("balanced", description="LR class weighting.")


class EmbedParams(Strict):
    stance_C: float = Field(4.0, gt=0, description="Inverse regularisation of the stance head.")
    devices_C: float = Field(4.0, gt=0, description="Inverse regularisation of each device head.")
    class_weight: Literal["balanced"] | None = Field(
        "balanced", description="Head class weighting."
    )
    embed_context: bool = Field(
        True, description="Embed the paragraph with the statement (False: the statement part only)."
    )
    batch_size: int = Field(64, ge=1, description="Encoder batch size.")


class HybridParams(Strict):
    word_ngrams: int = Field(2, ge=1, le=3, description="Largest word n-gram.")
    char_ngrams: int = Field(5, ge=2, le=6, description="Largest character n-gram (char_wb).")
    min_df: int = Field(1, ge=1, description="Drop n-grams seen in fewer documents.")
    embedding_weight: float = Field(
        0.5, gt=0, description="Scale of the MiniLM embedding beside the TF-IDF features."
    )
    stance_C: float = Field(2.0, gt=0, description="Inverse regularisation of the stance head.")
    devices_C: float = Field(2.0, gt=0, description="Inverse regularisation of each device head.")
    class_weight: Literal["balanced"] | None = Field(
        "balanced", description="Head class weighting."
    )
    embed_context: bool = Field(
        True, description="Embed the paragraph with the statement (False: the statement part only)."
    )
    batch_size: int = Field(64, ge=1, description="Encoder batch size.")


class FinetuneParams(Strict):
    epochs: int = Field(8, ge=1, description="Most epochs; early stopping may end sooner.")
    patience: int = Field(2, ge=1, description="Epochs without dev improvement before stopping.")
    batch_size: int = Field(16, ge=1, description="Training batch size.")
    learning_rate: float = Field(5e-5, gt=0, description="AdamW learning rate of the encoder.")
    head_learning_rate: float = Field(
        1e-3, gt=0, description="AdamW learning rate of the two heads."
    )
    weight_decay: float = Field(0.01, ge=0, description="AdamW weight decay.")
    dropout: float = Field(0.1, ge=0, lt=1, description="Dropout before the heads.")
    device_loss_weight: float = Field(1.0, gt=0, description="Weight of the device BCE loss.")
    device_loss: Literal["bce", "focal"] = Field(
        "bce", description="Device loss: class-weighted BCE, or focal (down-weights easy labels)."
    )
    focal_gamma: float = Field(2.0, ge=0, description="Focusing exponent of the focal loss.")
    contrastive_epochs: int = Field(
        0, ge=0, description="SetFit-style contrastive epochs on stance pairs before the heads."
    )
    contrastive_pairs: int = Field(2000, ge=2, description="Sentence pairs per contrastive epoch.")
    max_length: int = Field(128, ge=16, le=512, description="Token limit per input.")
    predict_batch_size: int = Field(64, ge=1, description="Batch size when scoring.")
    export_onnx: bool = Field(
        True, description="Export model.onnx beside the weights at training time."
    )
    quantize_onnx: bool = Field(
        False, description="Also write a dynamic int8 model.int8.onnx (used first)."
    )


class StackParams(Strict):
    finetune_input: Literal["text", "cue_text", "text_context", "cue_text_context"] = Field(
        "cue_text",
        description="What the fine-tuned member reads (short without the paragraph); the TF-IDF "
        "member reads data.input. Members take their settings from the finetune and tfidf sections.",
    )
    finetune_weight: float | None = Field(
        None,
        ge=0,
        le=1,
        description="Weight of the fine-tuned member's probabilities (TF-IDF gets the rest); "
        "null: the best of 0, 0.1, ..., 1 on dev.",
    )


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
        out = getattr(self, self.family_section()).model_dump()
        out.pop("export_onnx", None)
        out.pop("quantize_onnx", None)
        if self.family == "stack":
            finetune = self.finetune.model_dump(exclude={"export_onnx", "quantize_onnx"})
            out |= {"finetune": finetune, "tfidf": self.tfidf.model_dump()}
        out |= {"input": self.data.input, "seed": self.seed}
        if self.family not in ("finetune", "stack"):
            out |= {"calibration": self.calibration.method, "cv_folds": self.calibration.cv_folds}
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
