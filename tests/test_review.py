"""Tests for train.review and train.label_studio: tasks out, reviewed labels back in (v1.1)."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from infer.errors import QuotelensError
from infer.model.labels import DEVICES, STANCES
from tests.conftest import run_main
from tests.test_report import records, write
from train.label_studio import labeling_config
from train.review import export, import_export, select
from train.validate import validate_labelled

EXPORT = Path(__file__).parent / "label_studio" / "export.json"


def test_config_has_the_stance_choice_and_13_devices() -> None:
    root = ET.fromstring(labeling_config())
    stance, devices = root.findall("Choices")
    assert stance.get("name") == "stance" and stance.get("choice") == "single-radio"
    assert [c.get("value") for c in stance] == list(STANCES)
    assert devices.get("choice") == "multiple" and [c.get("value") for c in devices] == list(
        DEVICES
    )
    assert {t.get("value") for t in root.findall("Text")} == {"$text", "$context"}


def test_export_tasks_with_predictions(tmp_path: Path) -> None:
    scored = write(records(), tmp_path / "scored.jsonl")
    export(str(scored), "uncertain", 3, str(tmp_path / "tasks.json"))
    tasks = json.loads((tmp_path / "tasks.json").read_text("utf-8"))
    assert len(tasks) == 3
    first = tasks[0]
    assert set(first) == {"data", "predictions"}
    assert first["data"]["text"] and first["data"]["text"] in first["data"]["context"]
    pred = first["predictions"][0]
    assert pred["model_version"] == "models:/quotelens/3"
    stance = pred["result"][0]
    assert stance["from_name"] == "stance" and stance["to_name"] == "text"
    assert stance["type"] == "choices" and stance["value"]["choices"][0] in STANCES
    scores = [t["predictions"][0]["score"] for t in tasks]
    assert scores == sorted(scores)  # least confident first


def test_selections() -> None:
    rows = [
        r | {"stance_scores": r["stance_scores"], "device_scores": {"threat": 0.9}}
        for r in records()
    ]
    assert len(select(rows, "random", 4, seed=1)) == 4
    assert select(rows, "random", 4, seed=1) == select(rows, "random", 4, seed=1)
    # the model's own devices disagree: a threat on a statement it did not call escalatory
    rows[5]["devices"] = ["threat"]
    assert [r["statement_id"] for r in select(rows, "disagree", 5)] == [rows[5]["statement_id"]]
    other = [dict(r) for r in rows]
    other[2]["stance"] = "neutral"
    assert [r["statement_id"] for r in select(rows, "disagree", 5, other)] == ["a1:2"]
    with pytest.raises(QuotelensError, match="no statement_id"):
        select(rows, "disagree", 5, [r | {"statement_id": "x"} for r in rows])


def test_import_documented_export(tmp_path: Path, capsys) -> None:
    out = tmp_path / "reviewed-2025-01-30.jsonl"
    assert import_export(str(EXPORT), str(out)) == 0
    rows = [json.loads(line) for line in out.read_text("utf-8").splitlines()]
    assert [r["id"] for r in rows] == ["reviewed:a1:2", "reviewed:a2:2"]
    assert rows[0]["stance"] == "restraining" and rows[0]["devices"] == ["call_to_action"]
    assert rows[0]["speaker"] == "the White House" and rows[0]["cue"] == "urged"
    assert {r["conflict"] for r in rows} == {"korean_peninsula"}
    # the cancelled annotation is ignored; the later one counts
    assert rows[1]["stance"] == "escalatory" and rows[1]["devices"] == ["exaggeration", "threat"]
    assert validate_labelled([out]) == []
    assert "1 task(s) skipped or not yet annotated" in capsys.readouterr().out


def _broken(tmp_path: Path, **changes) -> Path:
    items = json.loads(EXPORT.read_text("utf-8"))
    region = items[1]["annotations"][1]["result"]
    if "stance" in changes:
        region[0]["value"]["choices"] = [changes["stance"]]
    if changes.get("drop_stance"):
        del region[0]
    if "device" in changes:
        region[-1]["value"]["choices"] = [changes["device"]]
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(items), "utf-8")
    return path


@pytest.mark.parametrize(
    ("changes", "reason"),
    [
        ({"stance": "hostile"}, r"bad\.json:2: unknown stance \['hostile'\]"),
        ({"drop_stance": True}, r"bad\.json:2: missing stance"),
        ({"device": "sarcasm"}, r"bad\.json:2: unknown device 'sarcasm'"),
    ],
)
def test_bad_labels_write_nothing(tmp_path: Path, changes: dict, reason: str) -> None:
    out = tmp_path / "reviewed.jsonl"
    result = run_main(
        "train", "review", "import", str(_broken(tmp_path, **changes)), "-o", str(out)
    )
    assert result.returncode == 2
    assert re.search(reason, result.stderr), result.stderr
    assert "nothing written" in result.stderr and not out.exists()


def test_round_trip_through_the_cli(tmp_path: Path) -> None:
    """Tasks out; a reviewer accepts each pre-annotation; the import gives the model's labels."""
    scored = write(records(), tmp_path / "scored.parquet")
    tasks_path = tmp_path / "tasks.json"
    args = ["review", "export", str(scored), "--select", "random", "-n", "5", "-o", str(tasks_path)]
    assert run_main("train", *args).returncode == 0
    tasks = json.loads(tasks_path.read_text("utf-8"))
    exported = [
        {"id": i, "data": t["data"], "predictions": t["predictions"],
         "annotations": [{"id": i, "completed_by": 1, "was_cancelled": False,
                          "result": t["predictions"][0]["result"]}]}
        for i, t in enumerate(tasks, 1)
    ]  # fmt: skip
    (tmp_path / "export.json").write_text(json.dumps(exported), "utf-8")
    out = tmp_path / "reviewed.jsonl"
    imported = run_main(
        "train", "review", "import", str(tmp_path / "export.json"), "-o", str(out),
        "--conflict", "red_sea",
    )  # fmt: skip
    assert imported.returncode == 0, imported.stderr
    rows = [json.loads(line) for line in out.read_text("utf-8").splitlines()]
    by_id = {r["statement_id"]: r for r in records()}
    for row in rows:
        original = by_id[row["id"].removeprefix("reviewed:")]
        assert row["stance"] == original["stance"] and row["devices"] == sorted(original["devices"])
        assert row["text"] == original["text"] and row["conflict"] == "red_sea"
    again = run_main("train", "review", "import", str(tmp_path / "export.json"), "-o", str(out))
    assert again.returncode == 2 and "exists" in again.stderr  # never overwritten


def _article_folder(tmp_path: Path) -> Path:
    """Scored records of two articles whose folder's meta names their theatres."""
    folder = tmp_path / "articles"
    folder.mkdir()
    meta = [
        {"article": "a1", "theatre": "sudan"},
        {"article": "a2", "theatre": "sahel"},  # an article-test-split theatre
    ]
    (folder / "meta.jsonl").write_text("".join(json.dumps(m) + "\n" for m in meta), "utf-8")
    rows = [
        r
        | {"source": str(folder / f"{r['article_id']}.txt"), "article_id": f"{r['article_id']}.txt"}
        for r in records()
        if r["article_id"] in ("a1", "a2")
    ]
    return write(rows, tmp_path / "scored.jsonl")


def _annotated(tasks: list[dict]) -> list[dict]:
    return [
        {"id": i, "data": t["data"],
         "annotations": [{"id": i, "result": t["predictions"][0]["result"]}]}
        for i, t in enumerate(tasks, 1)
    ]  # fmt: skip


def test_conflict_comes_from_the_article_meta(tmp_path: Path, capsys) -> None:
    scored = _article_folder(tmp_path)
    export(str(scored), "random", 10, str(tmp_path / "tasks.json"))
    assert "skipped statements of the article test split (sahel)" in capsys.readouterr().out
    tasks = json.loads((tmp_path / "tasks.json").read_text("utf-8"))
    assert tasks and {t["data"]["conflict"] for t in tasks} == {"sudan"}
    (tmp_path / "export.json").write_text(json.dumps(_annotated(tasks)), "utf-8")
    assert import_export(str(tmp_path / "export.json"), str(tmp_path / "r.jsonl")) == 0
    rows = [json.loads(line) for line in (tmp_path / "r.jsonl").read_text("utf-8").splitlines()]
    assert {r["conflict"] for r in rows} == {"sudan"} and validate_labelled(
        [tmp_path / "r.jsonl"]
    ) == []


def test_conflict_missing_or_from_the_test_split_writes_nothing(tmp_path: Path) -> None:
    items = json.loads(EXPORT.read_text("utf-8"))
    for item in items:
        del item["data"]["conflict"]
    path = tmp_path / "no_conflict.json"
    path.write_text(json.dumps(items), "utf-8")
    out = tmp_path / "reviewed.jsonl"
    result = run_main("train", "review", "import", str(path), "-o", str(out))
    assert result.returncode == 2 and "no_conflict.json:1: no conflict" in result.stderr
    assert not out.exists()
    leak = run_main("train", "review", "import", str(path), "-o", str(out), "--conflict", "sahel")
    assert leak.returncode == 2 and "from the article test split (sahel)" in leak.stderr
    assert not out.exists()
    assert import_export(str(path), str(out), conflict="gulf") == 0
    assert {json.loads(x)["conflict"] for x in out.read_text("utf-8").splitlines()} == {"gulf"}
