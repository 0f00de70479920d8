"""Read labelled statements (JSONL/CSV/Parquet) into Hugging Face ``datasets`` with declared features."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from pathlib import Path

import datasets

from infer.errors import QuotelensError
from infer.model.labels import DEVICES, SCHEMA, SCHEMA_VERSION, STANCES
from train.articles import article_records, is_article_folder

TEXT_FIELDS = (
    "id",
    "text",
    "context",
    "speaker",
    "kind",
    "cue",
    "source",
    "conflict",
    "origin",
    "article",
)
LABELLED_SUFFIXES = (".jsonl", ".csv", ".parquet")


def features() -> datasets.Features:
    """The corpus schema: a ClassLabel stance and a list of ClassLabel devices."""
    return datasets.Features(
        {
            **{name: datasets.Value("string") for name in TEXT_FIELDS},
            "stance": datasets.ClassLabel(names=list(STANCES)),
            "devices": datasets.Sequence(datasets.ClassLabel(names=list(DEVICES))),
            "hard": datasets.Value("bool"),
        }
    )


def labelled_files(paths: list[str | Path]) -> list[Path]:
    """Expand folders to their labelled files (gold article annotations excluded), sorted."""
    out: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            out += sorted(
                f
                for f in p.rglob("*")
                if f.suffix in LABELLED_SUFFIXES
                and f.name != "gold.jsonl"
                and not is_article_folder(f.parent)  # gold and meta of labelled articles
                and "annotation" not in f.parts
                and "probes" not in f.parts  # evaluation-only statements (train/probes.py)
            )
        elif p.exists():
            out.append(p)
        else:
            raise QuotelensError(f"{p}: no such file or folder")
    return out


def iter_rows(path: Path) -> Iterator[tuple[int, dict | str]]:
    """(line number, record) for each row; a JSON error is yielded as its message string."""
    if path.suffix == ".jsonl":
        with path.open(encoding="utf-8", errors="replace") as fh:
            for n, line in enumerate(fh, 1):
                if not line.strip():
                    continue
                try:
                    row = json.loads(line)
                except json.JSONDecodeError as err:
                    yield n, f"invalid JSON ({err.msg} at column {err.colno})"
                    continue
                yield n, row if isinstance(row, dict) else "a line must be a JSON object"
        return
    import pandas as pd

    frame = (
        pd.read_csv(path, dtype=str, keep_default_na=False)
        if path.suffix == ".csv"
        else pd.read_parquet(path)
    )
    for n, row in enumerate(frame.to_dict("records"), 2 if path.suffix == ".csv" else 1):
        devices = row.get("devices")
        if isinstance(devices, str):
            row["devices"] = [d for d in devices.replace(";", ",").split(",") if d.strip()]
        elif devices is not None and not isinstance(devices, list):
            row["devices"] = list(devices)
        yield n, row


def normalize(row: dict) -> dict:
    """A record with every declared field present (missing optional strings become '')."""
    out = {name: str(row.get(name) or "") for name in TEXT_FIELDS}
    out["origin"] = out["origin"] or ("counter" if row.get("counter") else "standalone")
    out["stance"] = row["stance"]
    out["devices"] = sorted(set(row.get("devices") or []))
    hard = row.get("hard", False)
    out["hard"] = (
        hard.strip().lower() in ("true", "1", "yes") if isinstance(hard, str) else bool(hard)
    )
    return out


def check_row(row: dict) -> list[str]:
    """Problems with one record, each phrased as what is wrong and how to fix it."""
    problems = [
        f"missing required field '{f}'" for f in ("id", "text", "stance", "devices") if f not in row
    ]
    if problems:
        return problems
    if row["stance"] not in STANCES:
        problems.append(f"unknown stance '{row['stance']}' (use one of {', '.join(STANCES)})")
    if not isinstance(row["devices"], list):
        problems.append("'devices' must be a list of device labels")
    else:
        problems += [
            f"unknown device '{d}' (see LABELS.md for the 13 devices)"
            for d in row["devices"]
            if d not in DEVICES
        ]
    version = row.get("schema_version")
    if version is not None and not SCHEMA.readable(version):
        problems.append(f"labelled with schema '{version}', this code uses '{SCHEMA_VERSION}'")
    if not isinstance(row["text"], str) or not row["text"].strip():
        problems.append("empty 'text'")
    return problems


def article_folders(paths: list[str | Path]) -> list[Path]:
    """Folders of labelled whole articles under ``paths`` (a folder holding ``gold*.jsonl``)."""
    out: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            out += (
                [p]
                if is_article_folder(p)
                else [d for d in sorted(p.iterdir()) if is_article_folder(d)]
            )
    return out


def load_corpus(paths: list[str | Path]) -> datasets.Dataset:
    """All labelled records under ``paths`` (standalone files and labelled articles) as one Dataset."""
    rows = [normalize(r) for folder in article_folders(paths) for r in article_records(folder)]
    for path in labelled_files(paths):
        for n, row in iter_rows(path):
            problems = [row] if isinstance(row, str) else check_row(row)
            if problems:
                raise QuotelensError(
                    f"{path}:{n}: {problems[0]} (run `python -m train validate {path}`)"
                )
            rows.append(normalize(row))
    if not rows:
        raise QuotelensError(f"no labelled statements found under {', '.join(map(str, paths))}")
    return datasets.Dataset.from_list(rows, features=features())


def fingerprint(dataset: datasets.Dataset) -> str:
    """A short content hash of the records, order-independent, for tags and caching."""
    h = hashlib.sha256()
    for key in sorted(json.dumps(r, sort_keys=True) for r in dataset.to_list()):
        h.update(key.encode())
    return h.hexdigest()[:12]


def to_xy(dataset: datasets.Dataset):
    """(X frame with text/context, stance ids, device indicator matrix) for the classifiers."""
    import numpy as np
    import pandas as pd

    X = pd.DataFrame({"text": dataset["text"], "context": dataset["context"]})
    y = np.asarray(dataset["stance"])
    Y = np.zeros((len(dataset), len(DEVICES)), dtype=int)
    for i, devs in enumerate(dataset["devices"]):
        Y[i, devs] = 1
    return X, y, Y


def training_paths(paths: list[str]) -> list[str]:
    """What the configs train on inside ``paths``: a data root stands for its default
    ``data.paths`` folders (statements, articles), not the independent article sets beside them."""
    from train.config import DataConfig

    names = [Path(d).name for d in DataConfig().paths]
    out: list[str] = []
    for p in map(Path, paths):
        inside = [str(p / n) for n in names if p.is_dir() and (p / n).exists()]
        out += inside or [str(p)]
    return out
