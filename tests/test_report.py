"""Tests for infer.report: reading every format, speakers, duplicates, dates, escaping, the page."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq
import pytest

from infer.batch.schema import RECORD, to_arrow
from infer.errors import QuotelensError
from infer.report.dates import dateline_date, iso_date
from infer.report.load import as_dict, as_list, read_records
from infer.report.page import build_report
from infer.report.prepare import prepare
from infer.report.speakers import merge, not_a_speaker

STANCES = ("denial", "escalatory", "restraining", "neutral")
XSS = "<script>alert(1)</script>"
SECTIONS = (
    "Statements",
    "Review first",
    "Stance by speaker",
    "Devices by stance",
    "Stance over time",
)


def record(n: int, article: str, speaker: str, stance: str, text: str, **kw) -> dict:
    """One scored record; ``esc`` is the escalatory probability, the rest shared evenly."""
    esc = kw.pop("esc", 0.4)
    scores = {s: esc if s == "escalatory" else (1 - esc) / 3 for s in STANCES}
    scores[stance] = max(scores.values()) + 0.01 if stance != "escalatory" else esc
    base = {
        "article_id": article,
        "statement_id": f"{article}:{n}",
        "start": 10 * n,
        "end": 10 * n + len(text),
        "text": text,
        "kind": "direct",
        "speaker_surface": speaker.split(" ")[-1],
        "speaker": speaker,
        "stance": stance,
        "stance_scores": scores,
        "devices": [],
        "device_scores": {},
        "model_uri": "models:/quotelens/3",
        "cue": "said",
        "via": "",
        "context": f"Before it, {text} after it.",
        "source": f"data/{article}.txt",
        "published": "",
        "where": "body",
        "schema_version": "v1.1",
    }
    return base | kw


def records() -> list[dict]:
    """Eleven records: a .txt/.html pair, two wire copies, a channel and a dateline as speakers."""
    long = "We will respond to any attack on our territory with full force and without delay"
    return [
        record(
            1,
            "a1",
            "Esmail Qaani",
            "escalatory",
            long,
            esc=0.91,
            devices=["threat"],
            published="2023-10-07",
        ),
        record(
            1,
            "a1",
            "Esmail Qaani",
            "escalatory",
            long,
            esc=0.91,
            devices=["threat"],
            source="data/a1.html",
        ),
        record(
            2,
            "a1",
            "the White House",
            "restraining",
            "We urge every side to step back now",
            esc=0.05,
            published="2023-10-07",
            cue="urged",
            via="CNN",
        ),
        record(
            1,
            "a2",
            "Kim Yo Jong",
            "denial",
            "The report is a fabrication from start to end",
            esc=0.1,
            devices=["blame_attribution"],
            context="PYONGYANG, Jan 12, 2024 (Wire) - The report is a fabrication from start "
            "to end, she said.",
        ),
        record(2, "a2", "Kim", "neutral", "We are ready", esc=0.02, kind="direct"),
        record(
            1,
            "w1",
            "Nasser Kanaani",
            "denial",
            "Iran had no role whatsoever in the attack on the base",
            esc=0.3,
            published="2023-10-08",
        ),
        record(
            1,
            "w2",
            "Nasser Kanaani",
            "denial",
            "Iran had no role whatsoever in the attack on the base",
            esc=0.3,
            published="2023-10-08",
            source="data/w2.txt",
        ),
        record(
            1,
            "a3",
            "Telegram",
            "escalatory",
            f"statement with {XSS} inside it",
            esc=0.97,
            devices=["religious_framing", "threat"],
        ),
        record(
            2,
            "a3",
            "DUBAI",
            "neutral",
            "Talks will resume next week in the capital",
            context="DUBAI, March 3 (Wire) — Talks will resume next week in the capital, "
            "an official said.",
            esc=0.2,
        ),
        record(
            3, "a3", "Hassan Nasrallah", "restraining", "We do not seek a wider war here", esc=0.2
        ),
        record(4, "a3", "", "neutral", "Nobody knows what comes next in this war", esc=0.34),
    ]


def write(rows: list[dict], path: Path) -> Path:
    """Write rows as parquet (map columns) or jsonl/csv (JSON string columns)."""
    df = pd.DataFrame(rows)
    if path.suffix == ".parquet":
        pq.write_table(to_arrow(df, RECORD), path)  # as the scoring job writes it
        return path
    for col in ("stance_scores", "devices", "device_scores"):
        df[col] = df[col].map(json.dumps)
    if path.suffix == ".csv":
        df.to_csv(path, index=False)
    else:
        df.to_json(path, orient="records", lines=True)
    return path


def payload_of(page: str) -> dict:
    raw = page.split('<script type="application/json" id="data">')[1].split("</script>")[0]
    return json.loads(raw)


@pytest.mark.parametrize("suffix", [".parquet", ".jsonl", ".csv"])
def test_report_from_each_format(tmp_path: Path, suffix: str) -> None:
    scored = write(records(), tmp_path / f"scored{suffix}")
    out = build_report(scored, tmp_path / "out" / "report.html", title="Test <b>run</b>")
    page = out.read_text("utf-8")
    assert page.startswith("<!DOCTYPE html>") and page.rstrip().endswith("</html>")
    for section in SECTIONS:
        assert f"<h2>{section}</h2>" in page
    assert XSS not in page and "<b>run</b>" not in page and "Test &lt;b&gt;run&lt;/b&gt;" in page
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", page, re.I)
    assert "http://" not in page and "https://" not in page
    data = payload_of(page)
    assert len(data["rows"]) == 9  # 11 records, the .html copy and the wire copy collapsed
    texts = [r[data["fields"].index("text")] or "" for r in data["rows"]]
    assert any(XSS in t for t in data["paras"] + texts)  # kept as data, escaped by the script
    assert "2 duplicate record(s) collapsed" in page
    assert "1 channel" in page and "1 dateline" in page


def test_speakers_merged_and_non_speakers_dropped() -> None:
    rows = records()
    keys, dropped = merge(rows)
    assert dropped == {"channel": 1, "dateline": 1}
    assert keys[7] == "" and keys[8] == ""  # Telegram, DUBAI
    assert keys[4] == keys[3] == "kim yo jong"  # 'Kim' in the same article joins her full name
    assert keys[2] == "white house"
    report = prepare(rows)
    kim = report.speakers["kim yo jong"]
    assert kim.name == "Kim Yo Jong" and "Kim" in kim.forms and kim.statements == 2
    assert report.speakers["nasser kanaani"].statements == 1  # two wire copies, one statement


def test_one_word_name_joins_only_within_its_article() -> None:
    rows = [
        record(1, "a", "Kim Yo Jong", "neutral", "first statement of some length here"),
        record(2, "a", "Kim Jong Un", "neutral", "second statement of some length here"),
        record(3, "a", "Kim", "neutral", "third statement of some length here"),
        record(1, "b", "Kataib Hezbollah", "neutral", "fourth statement of some length here"),
        record(1, "c", "Hezbollah", "neutral", "fifth statement of some length here"),
        record(2, "c", "kim  Yo Jong", "neutral", "sixth statement of some length here"),
    ]
    keys, _ = merge(rows)
    assert keys == [
        "kim yo jong",
        "kim jong un",
        "kim",
        "kataib hezbollah",
        "hezbollah",
        "kim yo jong",
    ]


@pytest.mark.parametrize(
    ("name", "context", "why"),
    [
        ("Telegram", "", "channel"),
        ("Dec 28 (Wire", "", "dateline"),
        ("Reuters", "", "dateline"),
        ("SANAA/DUBAI", "", "dateline"),
        ("GAZA", "GAZA, Jan 3 - The ministry said", "dateline"),
        ("NATO", "NATO said on Monday that", ""),
        ("By Jane Doe", "", "byline"),
        ("Esmail Qaani", "", ""),
    ],
)
def test_not_a_speaker(name: str, context: str, why: str) -> None:
    assert not_a_speaker(name, context) == why


def test_duplicates_counted_and_dates_found() -> None:
    report = prepare(records(), texts={"a3": "Headline\n\nPublished: 5 March 2024\n\nBody text."})
    by_text = {s.text: s for s in report.statements}
    long = next(s for s in report.statements if s.text.startswith("We will respond"))
    assert long.copies == 2 and long.sources == ("data/a1.txt", "data/a1.html")
    kanaani = next(s for s in report.statements if s.speaker == "nasser kanaani")
    assert kanaani.copies == 2
    assert by_text["We are ready"].date == "2024-01-12"  # the article's dateline, via a sibling
    assert by_text["We do not seek a wider war here"].date == "2024-03-05"  # HTML text date line
    assert report.undated == 0
    assert report.records == 11 and len(report.statements) == 9


def test_dates() -> None:
    assert iso_date("2024-01-05T10:00:00Z") == "2024-01-05"
    assert iso_date("2024-02-30") == "" and iso_date("") == ""
    assert iso_date("Jun 17, 2024") == "2024-06-17" and iso_date("6 May 2025") == "2025-05-06"
    assert (
        dateline_date("SANAA/DUBAI, Jan 12, 2024 (Reuters) — Yemen's Houthis said") == "2024-01-12"
    )
    assert dateline_date("KYIV, March 3 (Reuters) - no year here") == ""
    assert dateline_date("On 7 October 2023, fighters crossed") == ""  # a date in the story


def test_review_first_and_sections(tmp_path: Path) -> None:
    page = build_report(write(records(), tmp_path / "s.jsonl"), tmp_path / "r.html").read_text()
    review = page.split('<ol id="review">')[1].split("</ol>")[0]
    confidences = [float(x) for x in re.findall(r'<span class="num">([\d.]+)</span>', review)]
    assert confidences == sorted(confidences) and len(confidences) == 9
    speakers = page.split('id="by-speaker"')[1].split("</table>")[0]
    assert "Kim Yo Jong" in speakers and "Telegram" not in speakers and "DUBAI" not in speakers
    devices = page.split('id="by-device"')[1].split("</table>")[0]
    assert devices.index("threat") < devices.index("religious_framing")  # LABELS.md order
    assert "left out" in page and page.count("<rect") >= 3


def test_no_dates_note(tmp_path: Path) -> None:
    rows = [r | {"published": "", "context": r["text"]} for r in records()]
    page = build_report(write(rows, tmp_path / "s.jsonl"), tmp_path / "r.html").read_text()
    assert "so all 9 statements are left out of the timeline" in page
    assert "<svg" not in page


def test_empty_input(tmp_path: Path) -> None:
    empty = pd.DataFrame(columns=list(records()[0]))
    for name in ("e.parquet", "e.csv"):
        page = build_report(_empty(empty, tmp_path / name), tmp_path / "e.html").read_text("utf-8")
        assert "no statements" in page and page.rstrip().endswith("</html>")
        assert "<td>0</td><td>0</td><td>0</td><td>0</td>" in page
    (tmp_path / "e.jsonl").write_text("", "utf-8")
    page = build_report(tmp_path / "e.jsonl", tmp_path / "e.html").read_text("utf-8")
    assert "no statements" in page


def _empty(df: pd.DataFrame, path: Path) -> Path:
    if path.suffix == ".parquet":
        df.to_parquet(path)
    else:
        df.to_csv(path, index=False)
    return path


def test_missing_and_unknown_files(tmp_path: Path) -> None:
    with pytest.raises(QuotelensError, match="nope.parquet"):
        build_report(tmp_path / "nope.parquet", tmp_path / "r.html")
    odd = tmp_path / "scored.xlsx"
    odd.write_text("x", "utf-8")
    with pytest.raises(QuotelensError, match=r"scored\.xlsx.*extension"):
        build_report(odd, tmp_path / "r.html")
    bad = tmp_path / "bad.jsonl"
    bad.write_text(json.dumps(records()[0] | {"stance_scores": "{oops"}) + "\n", "utf-8")
    with pytest.raises(QuotelensError, match=r"bad\.jsonl: row 1: bad stance_scores"):
        read_records(bad)
    assert not (tmp_path / "r.html").exists()


def test_normalisers() -> None:
    assert as_dict([("escalatory", 0.5), ("neutral", 0.5)]) == {"escalatory": 0.5, "neutral": 0.5}
    assert as_dict('{"denial": 1}') == {"denial": 1.0}
    assert as_dict({"a": None, "b": 0.2}) == {"b": 0.2}
    assert as_dict(None) == {} and as_dict("") == {}
    assert as_list('["threat"]') == ["threat"] and as_list(None) == []
    assert as_list(pd.Series(["a", "b"]).to_numpy()) == ["a", "b"]
