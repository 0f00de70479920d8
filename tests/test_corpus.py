import json

import pandas as pd
import pytest

from infer.errors import QuotelensError
from train.corpus import load_corpus


def test_features_are_class_labels(small_corpus):
    ds = load_corpus([small_corpus])
    assert ds.features["stance"].names == ["denial", "escalatory", "restraining", "neutral"]
    assert ds.features["devices"].feature.num_classes == 13


def test_csv_and_parquet_load_the_same(tmp_path):
    rows = [
        {
            "id": "a",
            "text": "We will answer every attack.",
            "stance": "escalatory",
            "devices": ["threat"],
        },
        {
            "id": "b",
            "text": "We call on both sides to stop.",
            "stance": "restraining",
            "devices": [],
        },
    ]
    (tmp_path / "x.jsonl").write_text("\n".join(json.dumps(r) for r in rows), "utf-8")
    frame = pd.DataFrame(rows)
    frame.to_parquet(tmp_path / "x.parquet")
    frame.assign(devices=frame["devices"].map(",".join)).to_csv(tmp_path / "x.csv", index=False)
    loaded = [load_corpus([tmp_path / f"x.{ext}"]).to_list() for ext in ("jsonl", "csv", "parquet")]
    assert loaded[0] == loaded[1] == loaded[2]


def test_other_schema_version_is_refused(tmp_path):
    f = tmp_path / "old.jsonl"
    f.write_text(
        json.dumps(
            {
                "id": "a",
                "text": "Some words here",
                "stance": "neutral",
                "devices": [],
                "schema_version": "v0",
            }
        )
        + "\n",
        "utf-8",
    )
    with pytest.raises(QuotelensError, match="schema 'v0'"):
        load_corpus([f])


def test_v1_data_still_loads_under_v1_1(tmp_path):
    f = tmp_path / "v1.jsonl"
    row = {"id": "a", "text": "Some words here", "stance": "neutral", "devices": []}
    f.write_text(json.dumps({**row, "schema_version": "v1"}) + "\n", "utf-8")
    assert load_corpus([f])[0]["text"] == "Some words here"
