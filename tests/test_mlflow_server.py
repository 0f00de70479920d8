"""A real ``mlflow server`` on 127.0.0.1: train against it and read everything back."""

import socket
import subprocess
import sys
import time
import urllib.request

import mlflow
import pytest

from tests.conftest import run_cli


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    root = tmp_path_factory.mktemp("server")
    port = free_port()
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "mlflow",
            "server",
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "--backend-store-uri",
            f"sqlite:///{root / 'db.sqlite'}",
            "--artifacts-destination",
            str(root / "artifacts"),
            "--workers",
            "1",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    for _ in range(120):
        try:
            urllib.request.urlopen(url + "/health", timeout=1)
            break
        except OSError:
            time.sleep(0.5)
    else:
        proc.kill()
        pytest.fail("mlflow server did not start")
    yield url, root
    proc.terminate()
    proc.wait(timeout=20)


def test_train_against_server_and_read_back(server, small_config, tmp_path):
    url, _ = server
    result = run_cli(
        "train", "fit", str(small_config), cwd=tmp_path, env={"MLFLOW_TRACKING_URI": url}
    )
    assert result.returncode == 0, result.stderr[-2000:]
    run_id = result.stdout.split("run ", 1)[1].split()[0]
    mlflow.set_tracking_uri(url)
    client = mlflow.MlflowClient()
    run = client.get_run(run_id)
    assert run.info.status == "FINISHED"
    assert run.data.metrics["test_heldout/stance_macro_f1"] > 0.3
    assert any(i.dataset.name.startswith("statements-") for i in run.inputs.dataset_inputs)
    versions = client.search_model_versions(f"name = 'quotelens' and run_id = '{run_id}'")
    assert versions
    model = mlflow.pyfunc.load_model(f"models:/quotelens/{versions[0].version}")
    assert len(model.predict({"text": ["We deny any involvement in the strike."]})) == 1
