"""End to end: trained + promoted model -> score a mixed folder -> records per LABELS.md."""

import json

import pandas as pd
import pytest

from tests.conftest import run_main, write_mixed_folder

RECORD_FIELDS = {
    "article_id",
    "statement_id",
    "start",
    "end",
    "text",
    "kind",
    "speaker_surface",
    "speaker",
    "stance",
    "stance_scores",
    "devices",
    "device_scores",
    "model_uri",
}


@pytest.fixture(scope="module")
def mixed_folder(tmp_path_factory):
    return write_mixed_folder(tmp_path_factory.mktemp("mixed"))


def test_score_mixed_folder(trained, mixed_folder, tmp_path):
    out = tmp_path / "scored.parquet"
    result = run_main(
        "infer",
        "score",
        str(mixed_folder),
        "--output",
        str(out),
        cwd=trained["cwd"],
        env=trained["env"],
    )
    assert result.returncode == 0, result.stderr[-3000:]
    assert "articles: 6 (scored 6, errors 0)" in result.stderr and "reconciled" in result.stderr
    records = pd.read_parquet(out)
    assert set(records.columns) >= RECORD_FIELDS
    assert records["statement_id"].is_unique
    assert set(records["article_id"]) == {
        "art-a01.txt",
        "art-a02.txt",
        "art-b02.html",
        "art-a04.html",
        "wire-1",
    }
    assert records["model_uri"].str.fullmatch(r"models:/quotelens/\d+").all()
    row = records.iloc[0]
    assert set(dict(row["stance_scores"])) == {"denial", "escalatory", "restraining", "neutral"}
    assert len(dict(row["device_scores"])) == 13 and set(row["devices"]) <= set(
        dict(row["device_scores"])
    )
    text = (mixed_folder / "art-a01.txt").read_text("utf-8")
    for r in records[records["article_id"] == "art-a01.txt"].itertuples():
        assert text[r.start : r.end] == r.text
    html_texts = {
        json.loads(line)["article_id"]: json.loads(line)["text"]
        for line in (tmp_path / "scored.texts.jsonl").read_text("utf-8").splitlines()
    }
    for r in records[records["article_id"] == "art-b02.html"].itertuples():
        assert html_texts["art-b02.html"][r.start : r.end] == r.text
    summary = pd.read_csv(tmp_path / "scored.summary.csv")
    assert summary.set_index("article_id").loc["wire-2", "statements"] == 0
    assert summary["statements"].sum() == len(records)
    assert len(pd.read_csv(tmp_path / "scored.errors.csv")) == 0


def test_statements_mode_and_formats(trained, tmp_path):
    stmts = tmp_path / "stmts.jsonl"
    stmts.write_text(
        json.dumps({"id": "s1", "text": "We had no prior knowledge of the attack."})
        + "\n"
        + json.dumps({"id": "s2", "text": "They will pay a heavy price.", "context": "x"})
        + "\n",
        "utf-8",
    )
    for ext in ("jsonl", "csv"):
        out = tmp_path / f"scored.{ext}"
        result = run_main(
            "infer",
            "score",
            "--statements",
            str(stmts),
            "--output",
            str(out),
            "--no-mlflow",
            cwd=trained["cwd"],
            env=trained["env"],
        )
        assert result.returncode == 0, result.stderr[-2000:]
        rows = pd.read_json(out, lines=True) if ext == "jsonl" else pd.read_csv(out)
        assert list(rows["statement_id"]) == ["s1", "s2"]
        scores = rows["stance_scores"][0]
        scores = json.loads(scores) if isinstance(scores, str) else scores
        assert abs(sum(scores.values()) - 1) < 1e-6


def test_stdin_input(trained, tmp_path):
    line = json.dumps(
        {"id": "in-1", "text": "“We will never accept this ceasefire,” the commander said."}
    )
    out = tmp_path / "stdin.jsonl"
    result = run_main(
        "infer",
        "score",
        "-",
        "--output",
        str(out),
        "--no-mlflow",
        cwd=trained["cwd"],
        env=trained["env"],
        stdin=line + "\n",
    )
    assert result.returncode == 0, result.stderr[-2000:]
    [rec] = [json.loads(x) for x in out.read_text("utf-8").splitlines()]
    assert rec["article_id"] == "in-1" and rec["speaker"] == "the commander"


def test_scoring_run_is_logged(trained, mixed_folder, tmp_path):
    import mlflow

    out = tmp_path / "logged.parquet"
    result = run_main(
        "infer",
        "score",
        str(mixed_folder),
        "--output",
        str(out),
        cwd=trained["cwd"],
        env=trained["env"],
    )
    assert result.returncode == 0
    mlflow.set_tracking_uri(trained["env"]["MLFLOW_TRACKING_URI"])
    exp = mlflow.get_experiment_by_name("quotelens-scoring")
    runs = mlflow.search_runs(
        [exp.experiment_id], filter_string="tags.job = 'score'", output_format="list"
    )
    run = next(r for r in runs if r.data.params["output"] == str(out))
    assert run.data.metrics["articles"] == 6 and run.data.metrics["errors"] == 0
    assert run.data.tags["model_uri"].startswith("models:/quotelens/")
    assert run.data.params["input_fingerprint"]


def test_missing_champion_is_a_clear_error(tmp_path):
    (tmp_path / "a.txt").write_text("“We will respond,” he said.", "utf-8")
    result = run_main(
        "infer",
        "score",
        str(tmp_path / "a.txt"),
        "--output",
        str(tmp_path / "o.parquet"),
        cwd=tmp_path,
        env={"MLFLOW_TRACKING_URI": f"sqlite:///{tmp_path / 'empty.db'}"},
    )
    assert result.returncode == 2
    assert "quotelens@champion" in result.stderr and "Traceback" not in result.stderr
