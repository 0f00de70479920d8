"""Tests for infer.report.page: every input format, escaping, offline page, empty input, errors."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pandas as pd
import pytest

from infer.errors import QuotelensError
from infer.report.page import _as_dict, _as_list, build_report

STANCES = ("denial", "escalatory", "restraining", "neutral")
XSS = "<script>alert(1)</script>"
SECTIONS = (
    "Stance by speaker",
    "Device frequency by stance",
    "Statements over time",
    "Most escalatory statements",
    "All statements",
)


def _frame() -> pd.DataFrame:
    """Eight statements: all stances, some devices, two dates and one undated row."""
    specs = [
        ("a1", "Esmail Qaani", "escalatory", ["threat", "metaphor"], "2023-10-07", 0.91),
        ("a1", "Esmail Qaani", "escalatory", ["call_to_action"], "2023-10-07", 0.85),
        ("a1", "the White House", "restraining", [], "2023-10-07", 0.05),
        ("a2", "Nasser Kanaani", "denial", ["blame_attribution"], "2023-10-08", 0.10),
        ("a2", "Nasser Kanaani", "neutral", ["hedging"], "2023-10-08", 0.02),
        ("a2", "", "neutral", [], "2023-10-08", 0.01),
        ("a3", "Hassan Nasrallah", "escalatory", ["religious_framing", "threat"], "", 0.97),
        ("a3", "Hassan Nasrallah", "restraining", [], "", 0.20),
    ]
    rows = []
    for i, (art, speaker, stance, devices, published, esc) in enumerate(specs):
        rest = (1 - esc) / 3
        scores = {s: (esc if s == "escalatory" else rest) for s in STANCES}
        rows.append(
            {
                "article_id": art,
                "statement_id": f"{art}:{i}",
                "start": i * 10,
                "end": i * 10 + 9,
                "text": f"statement {i} {XSS}" if i == 6 else f"statement number {i}",
                "kind": "direct",
                "speaker_surface": speaker.split(" ")[-1],
                "speaker": speaker,
                "stance": stance,
                "stance_scores": scores,
                "devices": devices,
                "device_scores": {d: 0.9 for d in devices} | {"hedging": 0.1},
                "model_uri": "models:/quotelens/3",
                "schema_version": "v1",
                "source": f"data/{art}.txt",
                "published": published,
            }
        )
    return pd.DataFrame(rows)


def _write(df: pd.DataFrame, path: Path) -> Path:
    """Write ``df`` as parquet (dict columns) or jsonl/csv (JSON string columns)."""
    if path.suffix == ".parquet":
        df.to_parquet(path)
        return path
    flat = df.copy()
    for col in ("stance_scores", "devices", "device_scores"):
        flat[col] = flat[col].map(json.dumps)
    if path.suffix == ".csv":
        flat.to_csv(path, index=False)
    else:
        flat.to_json(path, orient="records", lines=True)
    return path


@pytest.mark.parametrize("suffix", [".parquet", ".jsonl", ".csv"])
def test_report_from_each_format(tmp_path: Path, suffix: str) -> None:
    scored = _write(_frame(), tmp_path / f"scored{suffix}")
    out = build_report(scored, tmp_path / "out" / "report.html", title="Test <b>run</b>")
    page = out.read_text("utf-8")
    assert out.is_file() and page.startswith("<!DOCTYPE html>")
    for section in SECTIONS:
        assert f"<h2>{section}</h2>" in page
    assert XSS not in page and "<b>run</b>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "Test &lt;b&gt;run&lt;/b&gt;" in page
    assert page.count("<svg") == 2
    assert not re.search(r"""(src|href)\s*=\s*["']?https?://""", page, re.I)
    assert "http://" not in page and "https://" not in page
    # header counts: 3 articles, 8 statements, 4 named speakers, one model
    assert "<td>3</td><td>8</td><td>4</td><td>models:/quotelens/3</td><td>v1</td>" in page
    # stance colors are the fixed ones; device rows keep LABELS.md order
    for color in ("#d7301f", "#1a9850", "#7570b3", "#969696"):
        assert color in page
    heat = page.split("Device frequency by stance")[1].split("Statements over time")[0]
    order = [
        heat.index(d)
        for d in (
            "metaphor",
            "threat",
            "call_to_action",
            "religious_framing",
            "hedging",
            "blame_attribution",
        )
    ]
    assert order == sorted(order)
    assert "2023-10-07" in page and "2023-10-08" in page
    assert "2 statement(s) without a date" in page
    # the most escalatory statement (0.970) comes first
    top = page.split("Most escalatory statements")[1]
    assert top.index("0.970") < top.index("0.910") < top.index("0.850")
    assert '<input id="q"' in page and "<script>" in page


def test_arrow_map_columns_and_row_cap(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    df = _frame()
    table = pa.Table.from_pandas(df.drop(columns=["stance_scores", "device_scores"]))
    score_type = pa.map_(pa.string(), pa.float64())
    for col in ("stance_scores", "device_scores"):
        table = table.append_column(col, pa.array([list(d.items()) for d in df[col]], score_type))
    pq.write_table(table, tmp_path / "m.parquet")
    monkeypatch.setattr("infer.report.page.MAX_ROWS", 5)
    page = build_report(tmp_path / "m.parquet", tmp_path / "m.html").read_text("utf-8")
    assert "Showing the first 5 of 8 statements" in page
    top = page.split("Most escalatory statements")[1]
    assert top.index("0.970") < top.index("0.910")
    body = page.split('id="all"')[1].split("</tbody>")[0]
    assert body.count("<tr>") == 1 + 5


def test_no_dates_note(tmp_path: Path) -> None:
    df = _frame().assign(published="")
    page = build_report(_write(df, tmp_path / "s.jsonl"), tmp_path / "r.html").read_text("utf-8")
    assert "carry no dates" in page
    assert page.count("<svg") == 1


def test_empty_input(tmp_path: Path) -> None:
    empty = _frame().iloc[0:0]
    for name in ("e.parquet", "e.csv"):
        page = build_report(_write(empty, tmp_path / name), tmp_path / "e.html").read_text("utf-8")
        assert "no statements" in page and page.rstrip().endswith("</html>")
        assert "<td>0</td><td>0</td><td>0</td>" in page
    (tmp_path / "e.jsonl").write_text("", "utf-8")
    page = build_report(tmp_path / "e.jsonl", tmp_path / "e.html").read_text("utf-8")
    assert "no statements" in page


def test_missing_and_unknown_files(tmp_path: Path) -> None:
    missing = tmp_path / "nope.parquet"
    with pytest.raises(QuotelensError, match="nope.parquet"):
        build_report(missing, tmp_path / "r.html")
    odd = tmp_path / "scored.xlsx"
    odd.write_text("x", "utf-8")
    with pytest.raises(QuotelensError, match=r"scored\.xlsx.*extension"):
        build_report(odd, tmp_path / "r.html")
    assert not (tmp_path / "r.html").exists()


def test_normalisers() -> None:
    assert _as_dict([("escalatory", 0.5), ("neutral", 0.5)]) == {"escalatory": 0.5, "neutral": 0.5}
    assert _as_dict('{"denial": 1}') == {"denial": 1.0}
    assert _as_dict({"a": None, "b": 0.2}) == {"b": 0.2}
    assert _as_dict(None) == {} and _as_dict("") == {}
    assert _as_list('["threat"]') == ["threat"] and _as_list(None) == []
    assert _as_list(pd.Series(["a", "b"]).to_numpy()) == ["a", "b"]
