"""Tests for infer.report.artifact: a scoring job's report logged to its MLflow run."""

from __future__ import annotations

from pathlib import Path

import mlflow

from infer.report.artifact import log_report
from tests.test_report import records, write


def test_report_logged_as_artifact(tmp_path: Path, caplog) -> None:
    mlflow.set_tracking_uri(f"sqlite:///{tmp_path / 'mlflow.db'}")
    exp = mlflow.create_experiment("t", artifact_location=(tmp_path / "art").as_uri())
    scored = write(records(), tmp_path / "scored.parquet")
    with mlflow.start_run(experiment_id=exp) as run:
        assert log_report(scored, statements=11)
        assert not log_report(scored, statements=11, max_statements=10)
        assert not log_report(tmp_path / "missing.parquet", statements=1)  # a warning, no raise
    assert "report not logged to MLflow" in caplog.text and "missing.parquet" in caplog.text
    names = [a.path for a in mlflow.MlflowClient().list_artifacts(run.info.run_id)]
    assert names == ["report.html"]
    page = mlflow.artifacts.download_artifacts(run_id=run.info.run_id, artifact_path="report.html")
    assert "<h2>Statements</h2>" in Path(page).read_text("utf-8")
