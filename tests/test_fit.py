"""The training workflow through the real CLI, tracked in a temporary sqlite store."""

import mlflow
import pandas as pd
import pytest

from tests.conftest import run_main


@pytest.fixture(scope="module")
def client(trained):
    mlflow.set_tracking_uri(trained["env"]["MLFLOW_TRACKING_URI"])
    return mlflow.MlflowClient()


def test_run_records_params_tags_metrics_inputs_artifacts(trained, client):
    run = client.get_run(trained["run_id"])
    tags, metrics, params = run.data.tags, run.data.metrics, run.data.params
    assert tags["family"] == "tfidf_linear" and tags["schema_version"] == "v1.1"
    assert len(tags["data_fingerprint"]) == 12 and tags["git_commit"]
    assert params["tfidf.char_ngrams"] == "4"
    for split in ("dev_heldout", "dev_random", "test_heldout", "test_random"):
        for name in (
            "stance_accuracy",
            "stance_macro_f1",
            "stance_f1_denial",
            "devices_micro_f1",
            "devices_macro_f1",
            "device_f1_hedging",
            "stance_ece",
        ):
            assert 0.0 <= metrics[f"{split}/{name}"] <= 1.0, (split, name)
    assert metrics["train_seconds"] > 0 and metrics["scoring_heldout/statements_per_second"] > 0
    contexts = {i.tags[0].value for i in run.inputs.dataset_inputs if i.tags}
    assert {"training", "validation", "evaluation"} <= contexts
    files = {f.path for f in client.list_artifacts(trained["run_id"], "evaluation")}
    for name in (
        "confusion_heldout.png",
        "device_f1_random.png",
        "classification_report_heldout.txt",
        "misclassified_heldout.csv",
        "MODEL_CARD.md",
    ):
        assert f"evaluation/{name}" in files
    assert "config.json" in {f.path for f in client.list_artifacts(trained["run_id"])}


def test_registered_champion_predicts_per_contract(trained, client):
    version = client.get_model_version_by_alias("quotelens", "champion")
    assert version.run_id == trained["run_id"]
    model = mlflow.pyfunc.load_model("models:/quotelens@champion")
    out = model.predict(
        pd.DataFrame(
            {
                "text": [
                    "We will burn their bases to the ground.",
                    "We had no prior knowledge of the attack.",
                ]
            }
        )
    )
    assert list(out["stance"]) and set(out.columns) >= {
        "stance",
        "stance_scores",
        "devices",
        "device_scores",
    }
    assert abs(sum(out["stance_scores"][0].values()) - 1) < 1e-6
    assert model.metadata.signature.inputs.input_names() == ["text", "cue", "context"]


def test_same_config_same_metrics(trained, small_config, client):
    again = run_main(
        "train",
        "fit",
        str(small_config),
        "--set",
        "tracking.register_model=false",
        cwd=trained["cwd"],
        env=trained["env"],
    )
    assert again.returncode == 0, again.stderr[-2000:]
    second = again.stdout.split("run ", 1)[1].split()[0]
    a, b = client.get_run(trained["run_id"]).data.metrics, client.get_run(second).data.metrics
    for key in a:
        if key.startswith(("test_", "dev_")):
            assert a[key] == b[key], key


def test_sweep_is_parent_with_nested_runs(trained, small_config, client, tmp_path):
    sweep = tmp_path / "sweep.yaml"
    sweep.write_text(
        small_config.read_text() + "tracking:\n  register_model: false\n"
        "sweep:\n  tfidf.stance_C: [1.0, 4.0]\n",
        "utf-8",
    )
    result = run_main("train", "fit", str(sweep), cwd=trained["cwd"], env=trained["env"])
    assert result.returncode == 0, result.stderr[-2000:]
    parent = result.stdout.split("sweep ", 1)[1].split(":")[0]
    exp = client.get_experiment_by_name("quotelens")
    children = client.search_runs([exp.experiment_id], f"tags.mlflow.parentRunId = '{parent}'")
    assert sorted(r.data.params["tfidf.stance_C"] for r in children) == ["1.0", "4.0"]


def test_leaderboard_sorts_by_any_metric(trained):
    result = run_main(
        "train",
        "runs",
        "--sort",
        "test_random/devices_micro_f1",
        cwd=trained["cwd"],
        env=trained["env"],
    )
    assert result.returncode == 0 and "sorted by test_random/devices_micro_f1" in result.stdout
    assert trained["run_id"][:8] in result.stdout
    same_data = run_main(
        "train", "runs", "--data", "latest", cwd=trained["cwd"], env=trained["env"]
    )
    assert same_data.returncode == 0 and trained["run_id"][:8] in same_data.stdout
    other = run_main("train", "runs", "--data", "0" * 16, cwd=trained["cwd"], env=trained["env"])
    assert trained["run_id"][:8] not in other.stdout  # another data fingerprint: not listed


def test_unknown_config_key_fails_before_work(tmp_path, trained):
    bad = tmp_path / "bad.yaml"
    bad.write_text("name: x\nfamily: tfidf_linear\nlearning_rat: 3\n", "utf-8")
    result = run_main("train", "fit", str(bad), cwd=trained["cwd"], env=trained["env"])
    assert result.returncode == 2
    assert "learning_rat: Extra inputs are not permitted" in result.stderr
    assert "Traceback" not in result.stderr


def test_unreachable_tracking_server_is_a_clear_error(small_config, tmp_path):
    result = run_main(
        "train",
        "fit",
        str(small_config),
        cwd=tmp_path,
        env={"MLFLOW_TRACKING_URI": "http://127.0.0.1:9"},
    )
    assert result.returncode == 2 and "unreachable" in result.stderr


def test_data_splits_choose_what_is_evaluated_and_must_hold_the_final_split():
    from infer.errors import QuotelensError
    from train.config import TrainConfig
    from train.fit import evaluated_splits

    dataset = {"origin": ["standalone", "article"], "conflict": ["sudan", "sahel"]}
    both = TrainConfig(name="x", family="tfidf_linear")
    assert evaluated_splits(dataset, both) == ("heldout_conflict", "random", "articles")
    data = {"splits": ["articles", "heldout_conflict"], "final_split": "heldout_conflict"}
    chosen = TrainConfig(name="x", family="stack", data=data)
    assert evaluated_splits(dataset, chosen) == ("heldout_conflict", "articles")
    wrong = TrainConfig(name="x", family="stack", data={**data, "final_split": "random"})
    with pytest.raises(QuotelensError, match="data.final_split random is not among"):
        evaluated_splits(dataset, wrong)
