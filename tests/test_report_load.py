"""The report reads a Spark job's output: a folder of part files (Parquet, JSON lines or CSV)."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq
import pytest

from infer.batch.schema import RECORD, to_arrow
from infer.errors import QuotelensError
from infer.report.load import read_records
from infer.report.page import build_report
from tests.test_report import records

NESTED = ("stance_scores", "device_scores", "devices")


def _spark_like(folder: Path, rows: list[dict], fmt: str) -> Path:
    """Write ``rows`` in three ordered part files (one empty), with the files Spark leaves."""
    folder.mkdir()
    chunks = [rows[: len(rows) // 2], [], rows[len(rows) // 2 :]]
    for n, chunk in enumerate(chunks):
        name = f"part-{n:05d}-1b2c-c000"
        frame = pd.DataFrame(chunk, columns=RECORD.names)
        if fmt == "parquet":
            pq.write_table(to_arrow(frame, RECORD), folder / f"{name}.snappy.parquet")
        elif fmt == "json":
            text = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in chunk)
            (folder / f"{name}.json").write_text(text, "utf-8")  # Spark writes nothing if empty
        else:
            for col in NESTED:
                frame[col] = frame[col].map(json.dumps)
            frame.to_csv(folder / f"{name}.csv", index=False)
        (folder / f".{name}.crc").write_bytes(b"\x00crc")
    (folder / "_SUCCESS").write_bytes(b"")
    return folder


@pytest.mark.parametrize(("fmt", "name"), [("parquet", "out.parquet"), ("json", "out.jsonl")])
def test_spark_folder_reads_like_one_file(tmp_path: Path, fmt: str, name: str) -> None:
    rows = records()
    folder = _spark_like(tmp_path / name, rows, fmt)
    got = read_records(folder)
    assert [r["statement_id"] for r in got] == [r["statement_id"] for r in rows]
    assert got[0]["stance_scores"] == pytest.approx(rows[0]["stance_scores"])
    assert got[0]["devices"] == rows[0]["devices"]


def test_spark_csv_folder_and_a_folder_without_suffix(tmp_path: Path) -> None:
    rows = records()
    folder = _spark_like(tmp_path / "scored", rows, "csv")  # a folder named by a Spark user
    got = read_records(folder)
    assert len(got) == len(rows) and got[-1]["text"] == rows[-1]["text"]
    assert got[0]["stance_scores"] == pytest.approx(rows[0]["stance_scores"])


def test_report_from_a_spark_folder(tmp_path: Path) -> None:
    folder = _spark_like(tmp_path / "spark.parquet", records(), "parquet")
    (tmp_path / "spark.texts.jsonl").write_text(
        json.dumps({"article_id": "a1", "source": "a1.html", "text": "x"}) + "\n", "utf-8"
    )
    page = build_report(folder, tmp_path / "report.html").read_text("utf-8")
    assert "Esmail Qaani" in page and "Nasser Kanaani" in page


def test_an_empty_spark_output_is_an_empty_report(tmp_path: Path) -> None:
    folder = tmp_path / "none.parquet"
    folder.mkdir()
    (folder / "_SUCCESS").write_bytes(b"")
    assert read_records(folder) == []


def test_a_folder_that_spark_did_not_write_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "random"
    folder.mkdir()
    (folder / "notes.txt").write_text("hello", "utf-8")
    with pytest.raises(QuotelensError, match="no Spark part files"):
        read_records(folder)
    (folder / "part-00000.xlsx").write_bytes(b"PK")
    with pytest.raises(QuotelensError, match="unknown or mixed format"):
        read_records(folder)


@pytest.mark.slow
@pytest.mark.parametrize("suffix", [".parquet", ".jsonl", ".csv"])
def test_report_reads_what_the_spark_writer_wrote(tmp_path: Path, suffix: str) -> None:
    from infer.batch.spark import _write, session

    spark = session("local[1]")
    source = tmp_path / "in.parquet"
    rows = records()
    pq.write_table(to_arrow(pd.DataFrame(rows, columns=RECORD.names), RECORD), source)
    out = tmp_path / f"spark{suffix}"
    _write(spark.read.parquet(str(source)).repartition(3), out, out)
    assert len([p for p in out.iterdir() if p.name.startswith("part-")]) > 1
    got = read_records(out)
    assert sorted(r["statement_id"] for r in got) == sorted(r["statement_id"] for r in rows)
    first = next(r for r in got if r["statement_id"] == rows[0]["statement_id"])
    assert first["stance_scores"] == pytest.approx(rows[0]["stance_scores"])
    assert first["devices"] == rows[0]["devices"]
