"""Export the fine-tuned model to ONNX (optionally dynamic int8) for ONNX Runtime inference."""

from __future__ import annotations

from pathlib import Path

INPUT_NAMES = ["input_ids", "attention_mask", "token_type_ids"]


def export_onnx(model, folder: str | Path, quantize: bool = False, opset: int = 17) -> Path:
    """Write ``model.onnx`` (and ``model.int8.onnx`` when ``quantize``) into ``folder``."""
    import torch

    folder = Path(folder)
    sample = model.tokenizer_(
        ["a short example", "a somewhat longer example sentence here"],
        padding=True,
        return_tensors="pt",
    )
    args = tuple(sample[name] for name in INPUT_NAMES)
    path = folder / "model.onnx"
    dynamic = {name: {0: "batch", 1: "sequence"} for name in INPUT_NAMES}
    dynamic |= {"stance_logits": {0: "batch"}, "device_logits": {0: "batch"}}
    model.model_.eval()
    with torch.inference_mode():
        torch.onnx.export(
            model.model_,
            args,
            str(path),
            input_names=INPUT_NAMES,
            output_names=["stance_logits", "device_logits"],
            dynamic_axes=dynamic,
            opset_version=opset,
            dynamo=False,
        )
    if quantize:
        from onnxruntime.quantization import QuantType, quantize_dynamic

        # Per-channel scales keep the int8 model's predictions close to fp32.
        quantize_dynamic(
            str(path),
            str(folder / "model.int8.onnx"),
            weight_type=QuantType.QInt8,
            per_channel=True,
        )
    return path
