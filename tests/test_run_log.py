"""What a training run logs: datasets survive a concurrent run logging the same data first."""

from __future__ import annotations

import mlflow
import pytest
from mlflow.exceptions import MlflowException, RestException

from train import run_log

DUPLICATE = {
    "error_code": "BAD_REQUEST",
    "message": "(psycopg.errors.UniqueViolation) duplicate key value violates unique constraint "
    '"dataset_pk" DETAIL: Key (experiment_id, name, digest)=(1, statements-random-test, d2) '
    "already exists.",
}


def _flaky(monkeypatch, errors):
    calls = []

    def log_input(dataset, context=None):
        calls.append(context)
        if errors:
            raise errors.pop(0)

    monkeypatch.setattr(mlflow, "log_input", log_input)
    monkeypatch.setattr(run_log.time, "sleep", lambda _: None)
    return calls


def test_dataset_logged_again_after_a_concurrent_insert(monkeypatch):
    calls = _flaky(monkeypatch, [RestException(DUPLICATE)])
    run_log._log_input_tolerating_race(mlflow, object(), "evaluation")
    assert calls == ["evaluation", "evaluation"]


def test_other_tracking_errors_are_not_retried(monkeypatch):
    calls = _flaky(monkeypatch, [MlflowException("permission denied for experiment 1")])
    with pytest.raises(MlflowException, match="permission denied"):
        run_log._log_input_tolerating_race(mlflow, object(), "training")
    assert calls == ["training"]


def test_a_duplicate_that_persists_is_raised_after_the_last_attempt(monkeypatch):
    calls = _flaky(monkeypatch, [RestException(DUPLICATE) for _ in range(3)])
    with pytest.raises(RestException, match="already exists"):
        run_log._log_input_tolerating_race(mlflow, object(), "validation", attempts=3)
    assert len(calls) == 3
