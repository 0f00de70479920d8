"""The record shapes a scoring job writes, one pyarrow schema each: every column and type lives here.

Field metadata ``from`` says who fills a record column: ``statement`` (the extracted statement's
attribute of the same name), ``model`` (the pyfunc's output), ``article`` (the input article) or
``job``. Adding a field is one line below (plus, for ``statement``, the attribute it copies).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc

from infer.model.labels import STANCES

SCORES = pa.map_(pa.string(), pa.float64())


def _f(name: str, kind: pa.DataType, origin: str) -> pa.Field:
    return pa.field(name, kind, metadata={"from": origin})


# LABELS.md's fields in its order, then the project's own.
RECORD = pa.schema(
    [
        _f("article_id", pa.string(), "article"),
        _f("statement_id", pa.string(), "job"),
        _f("start", pa.int64(), "statement"),
        _f("end", pa.int64(), "statement"),
        _f("text", pa.string(), "statement"),
        _f("kind", pa.string(), "statement"),
        _f("speaker_surface", pa.string(), "statement"),
        _f("speaker", pa.string(), "statement"),
        _f("stance", pa.string(), "model"),
        _f("stance_scores", SCORES, "model"),
        _f("devices", pa.list_(pa.string()), "model"),
        _f("device_scores", SCORES, "model"),
        _f("model_uri", pa.string(), "job"),
        _f("cue", pa.string(), "statement"),
        _f("via", pa.string(), "statement"),  # v1.1
        _f("context", pa.string(), "job"),
        _f("source", pa.string(), "article"),
        _f("published", pa.string(), "article"),
        _f("where", pa.string(), "statement"),
        _f("schema_version", pa.string(), "model"),
    ]
)
SUMMARY = pa.schema(
    [
        pa.field("article_id", pa.string()),
        pa.field("source", pa.string()),
        pa.field("status", pa.string()),
        pa.field("statements", pa.int64()),
        *(pa.field(f"n_{s}", pa.int64()) for s in STANCES),
    ]
)
ERROR = pa.schema([pa.field("input", pa.string()), pa.field("reason", pa.string())])
# Text extracted from HTML inputs: record offsets index this text, not the page.
TEXT = pa.schema(
    [
        pa.field("article_id", pa.string()),
        pa.field("source", pa.string()),
        pa.field("text", pa.string()),
    ]
)


def columns(schema: pa.Schema, origin: str | None = None) -> list[str]:
    """Column names in schema order, optionally only those filled by ``origin``."""
    return [
        f.name
        for f in schema
        if origin is None or (f.metadata or {}).get(b"from", b"").decode() == origin
    ]


RECORD_COLUMNS = columns(RECORD)
MODEL_COLUMNS = columns(RECORD, "model")
STATEMENT_COLUMNS = columns(RECORD, "statement")
# What extraction fills in before a model scores the rows.
EXTRACTED_COLUMNS = [c for c in RECORD_COLUMNS if c not in MODEL_COLUMNS and c != "model_uri"]


def nested(schema: pa.Schema) -> list[str]:
    """Columns holding maps or lists (JSON-encoded in CSV)."""
    return [f.name for f in schema if pa.types.is_map(f.type) or pa.types.is_list(f.type)]


def _cell(value, kind: pa.DataType):
    if value is None or (isinstance(value, float) and value != value):
        return None
    if pa.types.is_map(kind):
        return list(value.items()) if isinstance(value, dict) else list(value)
    if pa.types.is_list(kind):
        return list(value)
    if pa.types.is_integer(kind):
        return int(value)
    if pa.types.is_floating(kind):
        return float(value)
    return str(value)


def to_arrow(frame, schema: pa.Schema) -> pa.Table:
    """A pandas frame as a table of exactly ``schema`` (missing columns become nulls)."""
    n = len(frame)
    arrays = []
    for f in schema:
        if f.name in frame.columns:
            arrays.append(pa.array([_cell(v, f.type) for v in frame[f.name].tolist()], type=f.type))
        else:
            arrays.append(pa.nulls(n, type=f.type))
    return pa.Table.from_arrays(arrays, schema=schema)


def conform(table: pa.Table, schema: pa.Schema) -> pa.Table:
    """An Arrow table read back (Spark, older parts) cast to ``schema``'s columns and types."""
    arrays = [
        pc.cast(table.column(f.name), f.type)
        if f.name in table.column_names
        else pa.nulls(len(table), f.type)
        for f in schema
    ]
    return pa.Table.from_arrays(arrays, schema=schema)


@dataclass(frozen=True)
class SideFiles:
    """The files a job writes beside its output ``OUT``: per-article summary, errors (one reason
    per input that failed) and the texts of HTML inputs (offsets refer to them)."""

    summary: Path
    errors: Path
    texts: Path

    @classmethod
    def beside(cls, out: Path) -> SideFiles:
        """``scored.parquet`` -> ``scored.summary.csv``, ``scored.errors.csv``, ``scored.texts.jsonl``."""
        out = Path(out)
        return cls(
            *(
                out.parent / f"{out.stem}.{end}"
                for end in ("summary.csv", "errors.csv", "texts.jsonl")
            )
        )
