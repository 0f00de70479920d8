"""What Spark executors run, as plain functions of pandas frames (no Spark import, testable alone).

``parse_rows``: raw input rows (file bytes, JSON lines, table rows) -> items, with the local
readers' own rules, so ids, errors and order match the local engine. ``score_rows``: items -> one
frame of record, summary, error and text rows, keyed by input position for ordering. A task that
fails names the parts it was scoring; ``injected_fault`` is a test-only hook, inert unless set.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass

import pandas as pd

from infer.batch.readers import (
    Article,
    InputError,
    ReadOptions,
    document_item,
    jsonl_item,
    row_item,
)
from infer.errors import QuotelensError

ITEM_COLUMNS = ["file_idx", "n", "part", "id", "text", "source", "published", "context", "html"]
ITEM_COLUMNS += ["error_input", "error_reason"]
KEYS = ["row_type", "part", "file_idx", "n", "stmt"]
# Test-only: ``PART`` fails the first attempt of the task scoring PART, ``PART:always`` every one.
FAULT_ENV = "QUOTELENS_SPARK_FAULT"
FAULT_LOG_ENV = "QUOTELENS_SPARK_FAULT_LOG"


@dataclass(frozen=True)
class TaskConfig:
    """Everything an executor needs, shipped in the task closure (small, no data)."""

    read: ReadOptions
    chunk_size: int
    model_uri: str
    backend: str
    strict: bool
    tracking_uri: str
    stance_prior: str = "train"  # a FILE prior must be readable by the executors, like the model
    fault: str = ""  # FAULT_ENV as read on the driver (executors may not share its environment)
    fault_log: str = ""  # FAULT_LOG_ENV: a file each injected fault appends "<part> <attempt>" to


def part_key(kind: str, file_idx: int, n: int, chunk_size: int) -> str:
    """Committed unit of work: ``chunk_size`` files, or ``chunk_size`` rows of one table."""
    if kind == "doc":
        return f"d{file_idx // chunk_size:06d}"
    return f"t{file_idx:06d}-{n // chunk_size:06d}"


def _parse_one(row, cfg: TaskConfig) -> Article | InputError | None:
    where = f"{row.source}:{row.n}"
    if row.kind == "doc":
        return document_item(bytes(row.content), row.name, row.source, cfg.read)
    if row.kind == "jsonl":
        line = bytes(row.line)
        return jsonl_item(
            line.removeprefix(b"\xef\xbb\xbf") if row.n == 1 else line, where, cfg.read
        )
    if row.kind == "row":
        fields = {"id": row.id, "text": row.text, "published": row.published}
        if cfg.read.statements:
            fields["context"] = row.context
        if row.csv:  # pandas reads CSV cells as '' where Spark gives null
            fields = {k: "" if v is None else v for k, v in fields.items()}
        keyed = {
            cfg.read.id_column: fields["id"],
            cfg.read.text_column: fields["text"],
            cfg.read.date_column: fields["published"],
        }
        if "context" in fields:
            keyed["context"] = fields["context"]
        return row_item(keyed, where, cfg.read)
    return InputError(row.source, row.error)


def parse_rows(cfg: TaskConfig):
    def parse(frames: Iterator[pd.DataFrame]) -> Iterator[pd.DataFrame]:
        for frame in frames:
            out = []
            for row in frame.itertuples(index=False):
                item = _parse_one(row, cfg)
                if item is None:
                    continue
                base = {
                    "file_idx": int(row.file_idx),
                    "n": int(row.n),
                    "part": part_key(row.kind, int(row.file_idx), int(row.n), cfg.chunk_size),
                }
                if isinstance(item, InputError):
                    out.append({**base, "error_input": item.input, "error_reason": item.reason})
                else:
                    out.append(
                        {
                            **base,
                            "id": item.id,
                            "text": item.text,
                            "source": item.source,
                            "published": item.published,
                            "context": item.context,
                            "html": item.html,
                        }
                    )
            yield plain(pd.DataFrame(out, columns=ITEM_COLUMNS))

    return parse


_CACHE: dict = {}


def _tools(cfg: TaskConfig, statements: bool):
    """The model and extractor, loaded once per executor process and reused by its tasks."""
    key = (cfg.model_uri, cfg.backend, statements)
    if key not in _CACHE:
        from infer.batch.model_uri import load_model
        from infer.extraction.extractor import StatementExtractor

        os.environ["MLFLOW_TRACKING_URI"] = cfg.tracking_uri
        model, _ = load_model(cfg.model_uri, cfg.backend, strict=cfg.strict)
        _CACHE[key] = (model, None if statements else StatementExtractor())
    return _CACHE[key]


def _items(frame: pd.DataFrame) -> list:
    return [
        InputError(r.error_input, r.error_reason)
        if isinstance(r.error_input, str)
        else Article(r.id, r.text, r.source, r.published or "", r.context or "", bool(r.html))
        for r in frame.itertuples(index=False)
    ]


def score_rows(cfg: TaskConfig, columns: list[str]):
    def score(frames: Iterator[pd.DataFrame]) -> Iterator[pd.DataFrame]:
        model, extractor = _tools(cfg, cfg.read.statements)
        for frame in frames:
            parts = sorted(set(frame["part"]))
            try:
                rows = _score_frame(frame, model, extractor, cfg, columns)
            except Exception as err:  # noqa: BLE001
                reason = str(err).strip().splitlines()[0] if str(err).strip() else ""
                raise QuotelensError(
                    f"part {', '.join(parts)}: {reason or type(err).__name__}"
                ) from err
            if rows is not None:
                yield rows
            # After the rows are out: a retried attempt must not leave the failed one's behind.
            injected_fault(cfg, parts)

    return score


def injected_fault(cfg: TaskConfig, parts: list[str]) -> None:
    """Test-only fault for the part named in ``FAULT_ENV`` on the driver; does nothing unless set."""
    part, _, when = cfg.fault.partition(":")
    if not part or part not in parts:
        return
    from pyspark import TaskContext

    attempt = TaskContext.get().attemptNumber()
    if attempt == 0 or when == "always":
        if cfg.fault_log:
            with open(cfg.fault_log, "a", encoding="utf-8") as log:
                log.write(f"{part} {attempt}\n")
        raise QuotelensError(f"part {part}: injected fault ({FAULT_ENV}, attempt {attempt + 1})")


def _score_frame(frame: pd.DataFrame, model, extractor, cfg: TaskConfig, columns: list[str]):
    """One frame of items -> record, summary, error and text rows with their keys (or None)."""
    from infer.batch.score import score_chunk

    statements = cfg.read.statements
    items = _items(frame)
    pos = {
        (it.id if isinstance(it, Article) else (it.input, it.reason)): (p, f, n)
        for it, p, f, n in zip(items, frame["part"], frame["file_idx"], frame["n"], strict=True)
    }
    records, summary, errors, texts = score_chunk(
        items, extractor, model, cfg.model_uri, statements, cfg.stance_prior
    )
    key = "statement_id" if statements else "article_id"
    rows = [
        records.assign(
            row_type="record",
            stmt=[0 if statements else int(s.rsplit(":", 1)[1]) for s in records["statement_id"]],
            **_keys([pos[a] for a in records[key]]),
        ),
        pd.DataFrame(summary).assign(
            row_type="summary", stmt=0, **_keys([pos[s["article_id"]] for s in summary])
        ),
        pd.DataFrame(errors).assign(
            row_type="error",
            stmt=0,
            **_keys([pos[(e["input"], e["reason"])] for e in errors]),
        ),
        pd.DataFrame(texts).assign(
            row_type="text", stmt=0, **_keys([pos[t["article_id"]] for t in texts])
        ),
    ]
    rows = [r for r in rows if len(r)]
    return plain(pd.concat(rows, ignore_index=True), columns) if rows else None


def _keys(positions: list[tuple]) -> dict:
    return {
        "part": [p for p, _, _ in positions],
        "file_idx": [f for _, f, _ in positions],
        "n": [n for _, _, n in positions],
    }


def plain(frame: pd.DataFrame, columns: list[str] | None = None) -> pd.DataFrame:
    """Object columns of plain values: pandas 3's Arrow-backed strings trip PySpark's conversion."""
    frame = frame.reindex(columns=columns) if columns is not None else frame
    out = {}
    for col in frame.columns:
        values = frame[col].tolist()
        out[col] = pd.Series(
            [None if isinstance(v, float) and v != v else v for v in values], dtype=object
        )
    return pd.DataFrame(out, columns=list(frame.columns))
