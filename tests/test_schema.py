"""One record schema: writers, the model signature and the predictor agree with it."""

import json

import pandas as pd
import pyarrow.parquet as pq

from infer.batch.schema import MODEL_COLUMNS, RECORD, RECORD_COLUMNS, SUMMARY, nested, to_arrow
from infer.batch.writers import write_table

ROW = {
    "article_id": "a.txt",
    "statement_id": "a.txt:1",
    "start": 3,
    "end": 9,
    "text": "Tanks \u201cnow\u201d\nmove",
    "kind": "direct",
    "speaker_surface": "",
    "speaker": "",
    "stance": "neutral",
    "stance_scores": {"neutral": 0.75, "denial": 0.25},
    "devices": ["hedging"],
    "device_scores": {"hedging": 0.5},
    "model_uri": "models:/quotelens/1",
    "cue": "said",
    "via": "Wire",
    "context": "x",
    "source": "a.txt",
    "published": "",
    "where": "body",
    "schema_version": "v1.1",
}


def test_labels_order_then_project_extras():
    assert RECORD_COLUMNS[:8] == [
        "article_id", "statement_id", "start", "end", "text", "kind", "speaker_surface", "speaker",
    ]  # fmt: skip
    assert RECORD_COLUMNS.index("via") == RECORD_COLUMNS.index("cue") + 1
    assert set(nested(RECORD)) == {"stance_scores", "devices", "device_scores"}


def test_predictor_outputs_are_the_model_columns():
    from infer.model.predictor import OUTPUT_COLUMNS

    assert list(OUTPUT_COLUMNS) == MODEL_COLUMNS


def test_signature_from_schema():
    from train.packaging import output_schema

    assert output_schema().input_names() == MODEL_COLUMNS


def test_types_come_from_the_schema_not_names(tmp_path):
    # A column called n_something or statements is typed by the schema it belongs to.
    table = to_arrow(pd.DataFrame([ROW]), RECORD)
    assert table.schema == RECORD
    summary = to_arrow(pd.DataFrame([{"article_id": "a", "statements": 2}]), SUMMARY)
    assert summary.column("n_neutral").null_count == 1


def test_every_format_round_trips(tmp_path):
    frame = pd.DataFrame([ROW, {**ROW, "statement_id": "a.txt:2", "start": None, "end": None}])
    write_table(frame, tmp_path / "r.parquet", RECORD)
    back = pq.read_table(tmp_path / "r.parquet")
    assert back.schema.names == RECORD_COLUMNS
    assert back.to_pylist()[0]["stance_scores"] == list(ROW["stance_scores"].items())
    write_table(frame, tmp_path / "r.jsonl", RECORD)
    rows = [json.loads(x) for x in (tmp_path / "r.jsonl").read_text("utf-8").splitlines()]
    assert rows[0]["text"] == ROW["text"] and rows[1]["start"] is None
    write_table(frame, tmp_path / "r.csv", RECORD)
    csv = pd.read_csv(tmp_path / "r.csv", keep_default_na=False)
    assert list(csv.columns) == RECORD_COLUMNS
    assert json.loads(csv["device_scores"][0]) == ROW["device_scores"]


def test_side_files_sit_beside_the_output_under_its_stem():
    from pathlib import Path

    from infer.batch.schema import SideFiles

    side = SideFiles.beside(Path("out/run-3/scored.parquet"))
    assert side.summary == Path("out/run-3/scored.summary.csv")
    assert side.errors == Path("out/run-3/scored.errors.csv")
    assert side.texts == Path("out/run-3/scored.texts.jsonl")
