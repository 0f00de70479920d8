"""Article dates in scored records: input date column, HTML metadata, or the dateline."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from infer.batch.dates import article_date, iso_date
from infer.batch.readers import Article, ReadOptions, iter_inputs
from infer.batch.records import article_records
from infer.extraction.types import Statement

DATELINE_TXT = (
    "Houthis vow to keep up Red Sea attacks\n\n"
    "SANAA, Jan 12, 2024 (Wire) — Yemen's Houthi movement said it would keep attacking ships "
    "linked to Israel until the war in Gaza ends.\n"
)
HTML_PAGE = """<html><head><title>Army retakes bridge</title>
<meta property="article:published_time" content="2025-05-03T08:15:00Z">
</head><body><article><h1>Army retakes bridge</h1>
<p>The army said on Saturday that its forces had retaken the main bridge over the Nile after
weeks of fighting, and that residents could return to the northern districts within days.</p>
<p>A spokesman for the paramilitary force denied that it had lost control of the crossing,
calling the army's account "pure fabrication meant for the cameras".</p>
</body></html>
"""


def _statement(text: str, needle: str) -> Statement:
    start = text.index(needle)
    end = start + len(needle)
    return Statement(start, end, needle, "indirect", "said", "x", "x")


def _one(folder, name: str, content: str) -> Article:
    path = folder / name
    path.write_text(content, "utf-8")
    (item,) = list(iter_inputs([str(path)]))
    assert isinstance(item, Article), item
    return item


def test_iso_date_forms():
    assert iso_date("2024-01-12T10:00:00Z") == "2024-01-12"
    assert iso_date(pd.Timestamp("2024-02-29")) == "2024-02-29"
    assert iso_date("12 January 2024") == "2024-01-12" and iso_date("Jan 12, 2024") == "2024-01-12"
    assert iso_date("2024-02-30") == "" and iso_date(None) == "" and iso_date("soon") == ""


def test_txt_dateline_with_a_year_dates_the_records(tmp_path):
    article = _one(tmp_path, "houthi.txt", DATELINE_TXT)
    assert article.published == ""  # a text file carries no metadata
    frame = article_records([article], [[_statement(article.text, "it would keep attacking")]])
    assert frame["published"].tolist() == ["2024-01-12"]


def test_dateline_without_a_year_leaves_the_date_empty():
    text = "KYIV, March 3 (Wire) - The ministry said the talks would resume next week."
    assert article_date("", text) == ""


def test_a_date_in_the_story_is_not_the_article_date():
    text = "Officials said on 7 October 2023 the fighters had crossed the fence at dawn."
    assert article_date("", text) == ""


def test_html_published_time_meta(tmp_path):
    article = _one(tmp_path, "bridge.html", HTML_PAGE)
    assert article.html and article.published == "2025-05-03"
    frame = article_records([article], [[_statement(article.text, "its forces had retaken")]])
    assert frame["published"].tolist() == ["2025-05-03"]


def test_jsonl_date_column_and_date_column_option(tmp_path):
    rows = [
        {"id": "a1", "text": "The ministry said the talks would resume.", "date": "2024-06-17"},
        {"id": "a2", "text": "KHARTOUM, 3 May 2025 — The army said it held the bridge."},
        {"id": "a3", "text": "The envoy said both sides had agreed.", "date": "17 Jun 2024"},
    ]
    path = tmp_path / "rows.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), "utf-8")
    items = list(iter_inputs([str(path)]))
    assert [a.published for a in items] == ["2024-06-17", "", "2024-06-17"]
    # the dateline fills the record when the row has no date
    frame = article_records(items[1:2], [[_statement(items[1].text, "it held the bridge")]])
    assert frame["published"].tolist() == ["2025-05-03"]
    # an explicit --date-column wins over a column named 'date'
    path.write_text(json.dumps(rows[0] | {"when": "2023-10-07"}) + "\n", "utf-8")
    (item,) = list(iter_inputs([str(path)], ReadOptions(date_column="when")))
    assert item.published == "2023-10-07"


def test_the_row_date_wins_over_the_dateline(tmp_path):
    row = {"id": "w1", "text": DATELINE_TXT, "published": "2024-01-13"}
    path = tmp_path / "w.csv"
    pd.DataFrame([row]).to_csv(path, index=False)
    (item,) = list(iter_inputs([str(path)]))
    frame = article_records([item], [[_statement(item.text, "it would keep attacking")]])
    assert frame["published"].tolist() == ["2024-01-13"]


@pytest.mark.slow
def test_extract_job_dates_every_input_kind(tmp_path):
    from infer.batch.extract_job import extract_to_file

    src = tmp_path / "in"
    src.mkdir()
    (src / "houthi.txt").write_text(DATELINE_TXT, "utf-8")
    (src / "bridge.html").write_text(HTML_PAGE, "utf-8")
    (src / "rows.jsonl").write_text(
        json.dumps({"id": "r1", "text": DATELINE_TXT.split("\n\n")[1], "date": "2024-01-11"})
        + "\n",
        "utf-8",
    )
    out = tmp_path / "statements.jsonl"
    extract_to_file([str(src)], str(out), ReadOptions())
    got = pd.read_json(out, lines=True, dtype={"published": str})
    dates = got.groupby("article_id")["published"].first().to_dict()
    assert dates == {"houthi.txt": "2024-01-12", "bridge.html": "2025-05-03", "r1": "2024-01-11"}
