"""A real ``mlflow server`` on 127.0.0.1: train against it and read everything back."""

import mlflow
import pytest

from tests.conftest import run_cli
from tests.servers import mlflow_server

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    root = tmp_path_factory.mktemp("server")
    with mlflow_server(f"sqlite:///{root / 'db.sqlite'}", root / "artifacts") as url:
        yield url, root


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
