"""Tests for infer.batch.tracking: experiments open on training runs in the MLflow UI."""

from __future__ import annotations

from pathlib import Path

import mlflow

from infer.batch.tracking import setup


def test_experiments_are_model_development(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)  # the untagged experiment keeps its artifacts here
    uri = f"sqlite:///{tmp_path / 'mlflow.db'}"
    setup(uri, "fresh")
    mlflow.create_experiment("old")  # made before the tag existed
    setup(uri, "old")
    for name in ("fresh", "old"):
        tags = mlflow.get_experiment_by_name(name).tags
        assert tags["mlflow.experimentKind"] == "custom_model_development"


def test_experiment_created_by_a_concurrent_job_is_used(tmp_path: Path, monkeypatch) -> None:
    """Two trainings start on a new store: the one whose create loses the race uses the other's."""
    uri = f"sqlite:///{tmp_path / 'mlflow.db'}"
    setup(uri, "shared")
    monkeypatch.setattr(mlflow, "get_experiment_by_name", lambda name: None)  # looked up too early
    assert setup(uri, "shared") == uri
    monkeypatch.undo()
    assert mlflow.get_experiment(mlflow.get_experiment_by_name("shared").experiment_id)
    assert [e.name for e in mlflow.search_experiments() if e.name == "shared"] == ["shared"]
