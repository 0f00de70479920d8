"""Property tests of the writers: every record comes back exactly, in every output format."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq
import pytest
from hypothesis import given
from hypothesis import strategies as st

from infer.batch.schema import RECORD, nested
from infer.batch.writers import iter_parts, write_stream, write_table
from infer.report.load import read_records

INTS = {f.name for f in RECORD if str(f.type) == "int64"}
MAPS = {"stance_scores", "device_scores"}
LISTS = set(nested(RECORD)) - MAPS
STRINGS = [c for c in RECORD.names if c not in INTS | MAPS | LISTS]

# Quotes, commas, newlines of every kind, empty strings, any Unicode (no NUL: inputs holding it
# are refused before they become records; no lone surrogates: no UTF-8 output can hold them).
strings = st.one_of(
    st.text(st.characters(blacklist_characters="\x00", blacklist_categories=["Cs"]), max_size=16),
    st.text(alphabet=",\"'“”\n\r\t \u2028\u0085\x1c;|\\", max_size=8),
    st.sampled_from(["", "null", "NaN", "None", "  ", "1,2", '"', "=1+1", "\ufeff"]),
)
scores = st.dictionaries(strings, st.floats(0, 1), max_size=4)


@st.composite
def frames(draw) -> tuple[list[dict], list[pd.DataFrame]]:
    """Records (as the job builds them) and the same records cut into frames."""
    positions = draw(st.sampled_from(["ints", "none"]))  # statements mode has no offsets
    maps = draw(st.sampled_from(["scored", "none"]))  # `extract` writes no model columns
    rows = []
    for _ in range(draw(st.integers(0, 5))):
        row = {c: draw(strings | st.none()) for c in STRINGS}
        for c in INTS:
            row[c] = draw(st.integers(0, 10**12)) if positions == "ints" else None
        for c in MAPS:
            row[c] = draw(scores) if maps == "scored" else None
        for c in LISTS:
            row[c] = draw(st.lists(strings, max_size=3)) if maps == "scored" else None
        rows.append(row)
    cuts = sorted(draw(st.lists(st.integers(0, len(rows)), max_size=2)))
    bounds = [0, *cuts, len(rows)]
    parts = [
        pd.DataFrame(rows[a:b], columns=RECORD.names)
        for a, b in zip(bounds, bounds[1:], strict=False)
    ]
    return rows, parts


@pytest.fixture(autouse=True)
def _no_fsync(monkeypatch):
    """Durability is not under test here; fsync per example would be most of the time."""
    monkeypatch.setattr("infer.batch.writers.os.fsync", lambda fd: None)


def _read_parquet(path: Path) -> list[dict]:
    return pq.read_table(path).to_pylist(maps_as_pydicts="strict")


def _read_jsonl(path: Path) -> list[dict]:
    # Only "\n" ends a record: U+2028 and friends are text inside a JSON string.
    return [json.loads(line) for line in path.read_text("utf-8").split("\n") if line]


def _read_csv(path: Path) -> list[dict]:
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    assert list(frame.columns) == RECORD.names
    out = []
    for rec in frame.to_dict("records"):
        row = {c: rec[c] for c in STRINGS}
        row.update({c: int(rec[c]) if rec[c] else None for c in INTS})
        row.update({c: json.loads(rec[c]) for c in MAPS | LISTS})
        out.append(row)
    return out


def _as_csv(row: dict) -> dict:
    """CSV has no null string: a missing string reads back as ''."""
    return {c: ("" if c in STRINGS and v is None else v) for c, v in row.items()}


READERS = {".parquet": _read_parquet, ".jsonl": _read_jsonl, ".csv": _read_csv}


def _expected(rows: list[dict], suffix: str) -> list[dict]:
    return [_as_csv(r) for r in rows] if suffix == ".csv" else rows


@given(frames(), st.sampled_from(sorted(READERS)))
def test_records_round_trip_exactly(records, suffix):
    rows, parts = records
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / f"scored{suffix}"
        write_stream(iter(parts), out, RECORD)
        assert READERS[suffix](out) == _expected(rows, suffix)
        # The report reads the same records back (it once split JSONL at U+2028).
        report = read_records(out)
    assert [r["text"] for r in report] == [r["text"] or "" for r in rows]
    assert [r["stance_scores"] for r in report] == [r["stance_scores"] or {} for r in rows]


@given(frames(), st.sampled_from(sorted(READERS)))
def test_records_round_trip_through_committed_parts(records, suffix):
    """The job's real path: each chunk a Parquet part, the parts streamed into the output."""
    rows, parts = records
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "out.parts"
        folder.mkdir()
        for k, frame in enumerate(parts):
            write_table(frame, folder / f"part-{k:06d}.records.parquet", RECORD)
            (folder / f"part-{k:06d}.done").touch()
        out = Path(tmp) / f"scored{suffix}"
        write_stream(iter_parts(folder, "records"), out, RECORD)
        assert READERS[suffix](out) == _expected(rows, suffix)
