"""A team's tracking server: MLflow on PostgreSQL with served artifacts, used by concurrent trainings."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import mlflow
import pytest

from tests.conftest import ROOT, SEED_ARTICLE, run_cli
from tests.servers import mlflow_server, postgres_cluster

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def team_server(tmp_path_factory):
    artifacts = tmp_path_factory.mktemp("team") / "artifacts"
    artifacts.mkdir()
    with postgres_cluster() as db, mlflow_server(db, artifacts) as url:
        yield url


def _fit(config, cwd, url) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "train", "fit", str(config)],
        cwd=cwd,
        env={**os.environ, "MLFLOW_TRACKING_URI": url},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _run_id(stdout: str) -> str:
    return stdout.split("run ", 1)[1].split()[0]


def _champion(client):
    return client.get_model_version_by_alias("quotelens", "champion")


def test_team_server_concurrent_trainings_alias_and_scoring(team_server, tiny_config, tmp_path):
    url = team_server
    client = mlflow.MlflowClient(tracking_uri=url, registry_uri=url)
    # Two trainings started at the same time both finish and both register a version.
    procs = [_fit(tiny_config, tmp_path, url) for _ in range(2)]
    outs = [p.communicate(timeout=900) for p in procs]
    for p, (_, err) in zip(procs, outs, strict=True):
        assert p.returncode == 0, err[-2000:]
    runs = [_run_id(out) for out, _ in outs]
    assert runs[0] != runs[1]
    for run_id, (out, _) in zip(runs, outs, strict=True):
        versions = client.search_model_versions(f"name = 'quotelens' and run_id = '{run_id}'")
        assert len(versions) == 1
        metrics = client.get_run(run_id).data.metrics
        printed = float(out.split("test_heldout/stance_macro_f1=", 1)[1].split()[0])
        assert round(metrics["test_heldout/stance_macro_f1"], 3) == printed
        assert client.get_run(run_id).info.status == "FINISHED"
    # The alias moves only when promote is called.
    with pytest.raises(mlflow.exceptions.MlflowException):
        _champion(client)
    env = {"MLFLOW_TRACKING_URI": url}
    assert run_cli("train", "promote", runs[0], cwd=tmp_path, env=env).returncode == 0
    first = _champion(client)
    assert first.run_id == runs[0]
    third = _fit(tiny_config, tmp_path, url)
    out, err = third.communicate(timeout=900)
    assert third.returncode == 0, err[-2000:]
    assert _champion(client).version == first.version
    # A scoring job resolves @champion through the server (artifacts served by it).
    output = tmp_path / "scored.jsonl"
    scored = run_cli(
        "infer", "score", str(SEED_ARTICLE), "--output", str(output), cwd=ROOT, env=env
    )
    assert scored.returncode == 0, scored.stderr[-2000:]
    records = [json.loads(line) for line in output.read_text("utf-8").splitlines()]
    assert records and {r["model_uri"] for r in records} == {f"models:/quotelens/{first.version}"}
