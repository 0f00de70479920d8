"""Resolve and load the scoring model: registry alias/version, run URI or local folder."""

from __future__ import annotations

import logging
from pathlib import Path

from infer.batch.tracking import first_line
from infer.errors import QuotelensError
from infer.model.safe_load import refuse_pickles

log = logging.getLogger("quotelens")


def resolve(uri: str) -> str:
    """``models:/name@alias`` -> ``models:/name/<version>``; other URIs unchanged."""
    if uri.startswith("models:/") and "@" in uri:
        import mlflow

        name, alias = uri.removeprefix("models:/").split("@", 1)
        try:
            version = mlflow.MlflowClient().get_model_version_by_alias(name, alias)
        except Exception as err:  # noqa: BLE001 - MLflow raises several types here
            raise QuotelensError(
                f"no model '{name}@{alias}' in the registry ({first_line(err, 120)}); "
                "train and promote one (`make demo`, or `python -m train promote --best METRIC`) "
                "or pass --model"
            ) from None
        return f"models:/{name}/{version.version}"
    return uri


def load_model(uri: str, backend: str = "auto", strict: bool = False):
    """(pyfunc model, resolved URI). Remote models are downloaded and checked for pickles first."""
    folder, resolved = fetch_model(uri)
    return load_local(folder, resolved, backend, strict), resolved


def fetch_model(uri: str) -> tuple[Path, str]:
    """A local folder holding the model, and the resolved URI (alias -> version)."""
    import mlflow

    local = Path(uri)
    if local.is_dir():
        if not (local / "MLmodel").exists():
            raise QuotelensError(f"{local}: not an MLflow model folder (no MLmodel file)")
        folder, resolved = local, str(local.resolve())
    else:
        from infer.batch.tracking import setup

        if uri.startswith(("models:/", "runs:/")):
            setup()
        resolved = resolve(uri)
        try:
            folder = Path(mlflow.artifacts.download_artifacts(resolved))
        except Exception as err:  # noqa: BLE001
            raise QuotelensError(f"cannot fetch model {resolved}: {first_line(err, 160)}") from None
    refuse_pickles(folder)
    return folder, resolved


def check_code_version(folder: Path, resolved: str, strict: bool = False) -> None:
    """Warn (or refuse, when ``strict``) if the model was logged with other model code than runs here.

    Once ``infer`` is imported, a model's logged code is shadowed by the installed package, so the
    running code is what scores: say so when it differs from what the model was trained with.
    """
    import yaml

    from infer.model.code_version import code_version

    meta = yaml.safe_load((folder / "MLmodel").read_text("utf-8")).get("metadata") or {}
    logged, running = meta.get("code_version"), code_version()
    if logged == running:
        return
    message = (
        f"model {resolved} was logged with model code {logged or 'of unknown version'}, "
        f"this process runs {running}"
    )
    if strict:
        raise QuotelensError(f"{message}; retrain the model or install the matching quotelens")
    log.warning("%s; scoring with the running code (--strict refuses)", message)


def load_local(folder: Path, resolved: str, backend: str = "auto", strict: bool = False):
    import mlflow

    check_code_version(folder, resolved, strict)
    try:
        model = mlflow.pyfunc.load_model(str(folder))
    except QuotelensError:
        raise
    except Exception as err:  # noqa: BLE001
        raise QuotelensError(f"cannot load model {resolved}: {first_line(err, 160)}") from None
    _select_backend(model, backend)
    return model


def _select_backend(model, backend: str) -> None:
    classifier = getattr(model.unwrap_python_model(), "classifier", None)
    if classifier is None or not hasattr(classifier, "use_onnx"):
        if backend == "onnx":
            raise QuotelensError("--backend onnx needs a fine-tuned model exported to ONNX")
        return
    if backend == "torch":
        classifier.use_onnx(None)
    elif backend == "onnx" and getattr(classifier, "onnx_session_", None) is None:
        raise QuotelensError(
            "this model has no ONNX export; retrain with finetune.export_onnx: true"
        )
