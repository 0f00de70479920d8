"""The MLflow UI as ``make demo`` leaves it: both demo runs listed on the experiment's runs page.

Starts a real ``mlflow server`` on 127.0.0.1, trains the two demo families (the smallest data
and the cheapest settings: a run in the UI is the point, not its model) against it, promotes the
better, and opens the runs page in headless Chromium.
"""

from __future__ import annotations

from pathlib import Path

import mlflow
import pytest

from tests.conftest import run_main, small_training
from tests.servers import mlflow_server

pytestmark = pytest.mark.slow
DEMO = ("tfidf_linear", "hybrid")


def test_demo_runs_listed_in_the_ui(page, tiny_corpus, tmp_path: Path) -> None:
    with mlflow_server(f"sqlite:///{tmp_path / 'db.sqlite'}", tmp_path / "artifacts") as url:
        env = {"MLFLOW_TRACKING_URI": url}
        for name in DEMO:
            cfg = tmp_path / f"{name}.yaml"
            cfg.write_text(small_training(name, name, tiny_corpus), "utf-8")
            fit = run_main("train", "fit", str(cfg), cwd=tmp_path, env=env)
            assert fit.returncode == 0, fit.stderr[-2000:]
        best = run_main("train", "promote", "--best", "test_heldout/stance_macro_f1", env=env)
        assert best.returncode == 0, best.stderr[-2000:]
        client = mlflow.MlflowClient(tracking_uri=url)
        exp = client.get_experiment_by_name("quotelens")
        assert exp.tags["mlflow.experimentKind"] == "custom_model_development"
        runs = client.search_runs([exp.experiment_id])
        assert {r.info.run_name for r in runs} == set(DEMO)
        assert all("data fingerprint" in r.data.tags["mlflow.note.content"] for r in runs)
        page.set_default_timeout(60_000)  # the UI's first load compiles a large bundle
        page.goto(f"{url}/#/experiments/{exp.experiment_id}/runs")
        for name in DEMO:
            page.get_by_text(name, exact=True).first.wait_for()
        assert "GenAI" not in page.title()
