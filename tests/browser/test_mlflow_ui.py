"""The MLflow UI as ``make demo`` leaves it: both demo runs listed on the experiment's runs page.

Starts a real ``mlflow server`` on 127.0.0.1, trains the two demo families (small data) against
it, promotes the better, and opens the runs page in headless Chromium.
"""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import mlflow
import pytest

from tests.conftest import run_main

pytestmark = pytest.mark.slow
DEMO = {"tfidf_linear": "tfidf:\n  char_ngrams: 4\n", "hybrid": ""}


def _server(root: Path) -> tuple[subprocess.Popen, str]:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    cmd = [sys.executable, "-m", "mlflow", "server", "--host", "127.0.0.1", "--port", str(port),
           "--backend-store-uri", f"sqlite:///{root / 'db.sqlite'}",
           "--artifacts-destination", str(root / "artifacts"), "--workers", "1"]  # fmt: skip
    log = root / "server.log"
    proc = subprocess.Popen(cmd, stdout=log.open("w"), stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    for _ in range(600):
        if proc.poll() is not None:
            pytest.fail(f"mlflow server exited: {log.read_text()[-1500:]}")
        try:
            urllib.request.urlopen(url + "/health", timeout=1)
            return proc, url
        except OSError:
            time.sleep(0.5)
    proc.kill()
    pytest.fail(f"mlflow server did not answer /health within 300 s: {log.read_text()[-1500:]}")


def test_demo_runs_listed_in_the_ui(page, small_corpus, tmp_path: Path) -> None:
    proc, url = _server(tmp_path)
    env = {"MLFLOW_TRACKING_URI": url}
    try:
        for name, extra in DEMO.items():
            cfg = tmp_path / f"{name}.yaml"
            cfg.write_text(
                f"name: {name}\nfamily: {name}\nseed: 13\ndata:\n  paths: [{small_corpus}]\n{extra}",
                "utf-8",
            )
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
    finally:
        proc.terminate()
        proc.wait(timeout=20)
