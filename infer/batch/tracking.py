"""Where MLflow tracking lives, and a fast reachability check before any work starts."""

from __future__ import annotations

import os
import urllib.error
import urllib.request
from pathlib import Path

from infer.errors import QuotelensError

DEFAULT_TRACKING_URI = "sqlite:///mlflow.db"
ARTIFACT_DIR = "mlartifacts"
# The MLflow UI opens such experiments on their training runs, not on the GenAI overview.
EXPERIMENT_TAGS = {"mlflow.experimentKind": "custom_model_development"}


def first_line(err: BaseException, limit: int = 200) -> str:
    """An exception's first non-empty line (its type name when the message is empty)."""
    return (str(err).strip().splitlines() or [type(err).__name__])[0][:limit]


def tracking_uri(configured: str | None = None) -> str:
    """The config's URI, else ``$MLFLOW_TRACKING_URI``, else ``sqlite:///mlflow.db``."""
    return configured or os.environ.get("MLFLOW_TRACKING_URI") or DEFAULT_TRACKING_URI


def check_reachable(uri: str, timeout: float = 5.0) -> None:
    """Fail within ``timeout`` seconds with a clear message when the tracking store is unusable."""
    if uri.startswith(("http://", "https://")):
        url = uri.rstrip("/") + "/health"
        try:
            with urllib.request.urlopen(url, timeout=timeout) as resp:  # noqa: S310 - user's server
                if resp.status >= 400:
                    raise QuotelensError(
                        f"MLflow tracking server {uri} answered HTTP {resp.status}"
                    )
        except (urllib.error.URLError, TimeoutError, OSError) as err:
            reason = getattr(err, "reason", err)
            raise QuotelensError(
                f"MLflow tracking server {uri} is unreachable ({reason}); start it or set "
                "MLFLOW_TRACKING_URI to a reachable server (default sqlite:///mlflow.db)"
            ) from None
    elif uri.startswith("sqlite:///"):
        folder = Path(uri.removeprefix("sqlite:///")).resolve().parent
        if not folder.exists() or not os.access(folder, os.W_OK):
            raise QuotelensError(f"tracking store folder {folder} is missing or not writable")


def setup(uri: str | None = None, experiment: str = "quotelens") -> str:
    """Point MLflow at the store (checked) and the experiment; artifacts sit beside a sqlite store."""
    import mlflow

    uri = tracking_uri(uri)
    check_reachable(uri)
    os.environ.setdefault("MLFLOW_HTTP_REQUEST_MAX_RETRIES", "2")
    os.environ.setdefault("MLFLOW_HTTP_REQUEST_TIMEOUT", "30")
    mlflow.set_tracking_uri(uri)
    found = mlflow.get_experiment_by_name(experiment)
    if found is None:
        location = None
        if uri.startswith("sqlite:///"):
            db = Path(uri.removeprefix("sqlite:///")).resolve()
            location = (db.parent / ARTIFACT_DIR).as_uri()
        try:
            mlflow.create_experiment(experiment, artifact_location=location, tags=EXPERIMENT_TAGS)
        except mlflow.exceptions.MlflowException as err:
            # A concurrent job created it since the lookup (two trainings on a new server).
            if err.error_code != "RESOURCE_ALREADY_EXISTS":
                raise
    mlflow.set_experiment(experiment)
    if found is not None and any(found.tags.get(k) != v for k, v in EXPERIMENT_TAGS.items()):
        for k, v in EXPERIMENT_TAGS.items():  # experiments made before the tag existed
            mlflow.set_experiment_tag(k, v)
    return uri
