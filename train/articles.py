"""Labelled whole articles: their metadata, gold statements, and those statements as corpus records.

A folder of labelled articles holds ``<id>.txt`` files, ``meta*.jsonl`` (theatre, outlet style, date)
and ``gold*.jsonl`` (every statement in place, LABELS.md v1.1 fields).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from infer.batch.records import statement_context
from infer.errors import QuotelensError


@dataclass(frozen=True)
class ArticleMeta:
    """One labelled article: where it is set and in which outlet's style it is written."""

    article: str
    theatre: str
    outlet_style: str
    date: str
    writer: str

    @property
    def origin(self) -> str:
        """``gold_v1`` for the 30 articles of the first gold set, ``article`` for real-structure ones."""
        return "gold_v1" if self.writer == "v1" else "article"


def is_article_folder(path: Path) -> bool:
    """A folder of article texts with their gold statements."""
    return path.is_dir() and any(path.glob("gold*.jsonl")) and any(path.glob("*.txt"))


def gold_files(folder: Path) -> list[Path]:
    return sorted(folder.glob("gold*.jsonl"))


def read_jsonl(path: Path) -> list[dict]:
    """The JSON objects of a JSONL file; a bad line is a one-line error naming file and line."""
    rows = []
    for n, line in enumerate(path.read_text("utf-8").splitlines(), 1):
        if line.strip():
            try:
                rows.append(json.loads(line))
            except json.JSONDecodeError as err:
                raise QuotelensError(f"{path}:{n}: invalid JSON ({err.msg})") from None
    return rows


def load_meta(folder: Path) -> dict[str, ArticleMeta]:
    """Article id -> metadata, from every ``meta*.jsonl`` in the folder."""
    out = {}
    for path in sorted(folder.glob("meta*.jsonl")):
        for row in read_jsonl(path):
            out[row["article"]] = ArticleMeta(
                article=row["article"],
                theatre=row.get("theatre", ""),
                outlet_style=row.get("outlet_style", ""),
                date=str(row.get("date") or ""),
                writer=row.get("writer", ""),
            )
    return out


def article_records(folder: Path) -> list[dict]:
    """Every gold statement of the folder as a labelled record (id ``<article>:<n>``)."""
    meta = load_meta(folder)
    texts: dict[str, str] = {}
    records = []
    for path in gold_files(folder):
        counters: dict[str, int] = {}
        for row in read_jsonl(path):
            art = row["article"]
            if art not in texts:
                file = folder / f"{art}.txt"
                if not file.exists():
                    raise QuotelensError(f"{path}: article '{art}' has no text file {file}")
                texts[art] = file.read_text("utf-8")
            info = meta.get(art) or ArticleMeta(art, "", "", "", "")
            n = counters[art] = counters.get(art, 0) + 1
            records.append(
                {
                    "id": f"{art}:{n:03d}",
                    "text": row["text"],
                    # the context scoring gives the model, so training and scoring read the same
                    "context": statement_context(texts[art], row["start"], row["end"]),
                    "speaker": row.get("speaker", ""),
                    "kind": row.get("kind", ""),
                    "cue": row.get("cue", ""),
                    "source": info.outlet_style,
                    "conflict": info.theatre,
                    "stance": row["stance"],
                    "devices": row.get("devices", []),
                    "origin": info.origin,
                    "article": art,
                }
            )
    return records
