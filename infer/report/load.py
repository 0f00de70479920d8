"""Read a scored output (Parquet, JSONL or CSV) and the HTML texts beside it into plain rows."""

from __future__ import annotations

import json
import math
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from infer.batch.schema import RECORD_COLUMNS, SideFiles
from infer.errors import QuotelensError

NESTED = ("stance_scores", "device_scores", "devices")
SUFFIXES = (".parquet", ".jsonl", ".csv")
# Spark names JSON-lines parts *.json; compressed parts carry the codec first (.snappy.parquet).
PART_FORMATS = {".parquet": ".parquet", ".json": ".jsonl", ".jsonl": ".jsonl", ".csv": ".csv"}


def cell(value: Any) -> str:
    """A cell as plain text; None/NaN become ''."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    if isinstance(value, pd.Timestamp):
        return value.strftime("%Y-%m-%d")
    return str(value)


def as_dict(value: Any) -> dict[str, float]:
    """A score map given as dict, JSON string or (key, value) pairs."""
    if isinstance(value, str):
        value = json.loads(value) if value.strip() else {}
    if isinstance(value, dict):
        pairs: Iterable[Any] = value.items()
    elif isinstance(value, (list, tuple, np.ndarray)):
        pairs = (tuple(p.values()) if isinstance(p, dict) else p for p in value)
    else:
        return {}
    out: dict[str, float] = {}
    for key, score in pairs:
        try:
            out[str(key)] = float(score)
        except (TypeError, ValueError):
            continue
    return {k: v for k, v in out.items() if not math.isnan(v)}


def as_list(value: Any) -> list[str]:
    """A device list given as list, numpy array or JSON string."""
    if isinstance(value, str):
        value = json.loads(value) if value.strip() else []
    if isinstance(value, (list, tuple, np.ndarray)):
        return [str(v) for v in value if cell(v)]
    return []


def _read_file(path: Path, suffix: str) -> pd.DataFrame:
    if suffix == ".parquet":
        return pd.read_parquet(path)
    if suffix == ".csv":
        return pd.read_csv(path, dtype=str, keep_default_na=False)
    # Only "\n" ends a JSON line; str.splitlines would also split at U+2028, U+2029 and
    # U+0085, which json.dumps(ensure_ascii=False) leaves raw inside strings.
    lines = path.read_text("utf-8").split("\n")
    return pd.DataFrame([json.loads(line) for line in lines if line.strip()])


def spark_parts(folder: Path) -> tuple[str, list[Path]]:
    """The format and the ``part-*`` files, in order, of a folder Spark wrote (records are
    ordered across parts); Spark's ``_SUCCESS`` and checksum files are not data."""
    parts = sorted(
        f
        for f in folder.iterdir()
        if f.is_file() and f.name.startswith("part-") and f.stat().st_size
    )
    kinds = {PART_FORMATS.get(f.suffix.lower()) for f in parts}
    if len(kinds) > 1 or None in kinds:
        names = ", ".join(sorted({f.suffix or f.name for f in parts})[:4])
        raise QuotelensError(f"{folder}: part files of unknown or mixed format ({names})")
    suffix = kinds.pop() if kinds else folder.suffix.lower()
    if not parts and not (folder / "_SUCCESS").exists():
        raise QuotelensError(
            f"{folder}: a folder with no Spark part files and no _SUCCESS marker; "
            "give the scored file or the folder Spark wrote"
        )
    return suffix, parts


def _frame(path: Path) -> pd.DataFrame:
    if path.is_dir():
        suffix, parts = spark_parts(path)
    else:
        suffix, parts = path.suffix.lower(), [path]
    if suffix not in SUFFIXES:
        raise QuotelensError(f"{path}: unknown extension {suffix!r}; use .parquet, .jsonl or .csv")
    try:
        frames = [_read_file(p, suffix) for p in parts]
    except (ValueError, OSError) as err:
        raise QuotelensError(f"{path}: cannot read scored file ({err})") from err
    frames = [f for f in frames if len(f.columns)]
    if not frames:
        return pd.DataFrame(columns=RECORD_COLUMNS)
    return pd.concat(frames, ignore_index=True) if len(frames) > 1 else frames[0]


def read_records(path: Path) -> list[dict]:
    """Every record of a scored file, or of the folder of part files a Spark job wrote; each
    column a plain str (maps/lists as dict/list)."""
    if not path.exists():
        raise QuotelensError(f"{path}: scored file not found")
    rows = []
    for n, rec in enumerate(_frame(path).to_dict("records"), 1):
        row = {c: cell(rec.get(c)) for c in RECORD_COLUMNS if c not in NESTED}
        try:
            row["stance_scores"] = as_dict(rec.get("stance_scores"))
            row["device_scores"] = as_dict(rec.get("device_scores"))
            row["devices"] = as_list(rec.get("devices"))
        except (ValueError, TypeError) as err:
            raise QuotelensError(
                f"{path}: row {n}: bad stance_scores/devices ({err}); rescore the input"
            ) from err
        rows.append(row)
    return rows


def read_texts(path: Path) -> dict[str, str]:
    """Article id -> text from ``OUT.texts.jsonl`` beside a scored file (HTML inputs), if any."""
    texts = SideFiles.beside(path).texts
    if not texts.is_file():
        return {}
    out: dict[str, str] = {}
    for line in texts.read_text("utf-8", errors="replace").split("\n"):
        try:
            rec = json.loads(line)
        except json.JSONDecodeError:
            continue  # the texts file only helps with dates; a bad line loses nothing else
        if isinstance(rec, dict) and rec.get("article_id"):
            out.setdefault(str(rec["article_id"]), str(rec.get("text") or ""))
    return out
