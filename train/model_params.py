"""The model sections of a training config: one typed, documented class per family."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class NgramParams(Strict):
    word_ngrams: int = Field(2, ge=1, le=3, description="Largest word n-gram.")
    char_ngrams: int = Field(5, ge=2, le=6, description="Largest character n-gram (char_wb).")
    min_df: int = Field(1, ge=1, description="Drop n-grams seen in fewer documents.")


class EncoderParams(Strict):
    embed_context: bool = Field(
        True, description="Embed the paragraph with the statement (False: the statement part only)."
    )
    batch_size: int = Field(64, ge=1, description="Encoder batch size.")


class ContextParams(Strict):
    separate_context: bool = Field(
        False,
        description="With a *_context input: read the paragraph through blocks of its own "
        "instead of as more words of the statement.",
    )
    context_weight: float = Field(
        0.5, gt=0, description="Scale of the paragraph's blocks when separate_context is set."
    )


class TfidfParams(NgramParams, ContextParams):
    stance_C: float = Field(8.0, gt=0, description="Inverse regularisation of the stance LR.")
    devices_C: float = Field(8.0, gt=0, description="Inverse regularisation of each device LR.")
    class_weight: Literal["balanced"] | None = Field("balanced", description="LR class weighting.")


class EmbedParams(EncoderParams, ContextParams):
    stance_C: float = Field(4.0, gt=0, description="Inverse regularisation of the stance head.")
    devices_C: float = Field(4.0, gt=0, description="Inverse regularisation of each device head.")
    class_weight: Literal["balanced"] | None = Field(
        "balanced", description="Head class weighting."
    )


class HybridParams(NgramParams, EncoderParams, ContextParams):
    embedding_weight: float = Field(
        0.5, gt=0, description="Scale of the MiniLM embedding beside the TF-IDF features."
    )
    stance_C: float = Field(2.0, gt=0, description="Inverse regularisation of the stance head.")
    devices_C: float = Field(2.0, gt=0, description="Inverse regularisation of each device head.")
    class_weight: Literal["balanced"] | None = Field(
        "balanced", description="Head class weighting."
    )


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
