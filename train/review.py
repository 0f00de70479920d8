"""The review loop: scored statements -> Label Studio tasks -> reviewed labels (v1.1 JSONL).

python -m train review export out/scored.parquet --select uncertain -n 100 -o tasks.json
python -m train review config > config.xml
python -m train review import export.json -o data/statements/reviewed-2025-01-31.jsonl

Every reviewed statement carries ``conflict`` (its article's theatre, from the article folder's
``meta*.jsonl`` or ``--conflict``) so held-out-conflict splits group it with its article; the
article test split's theatres are never exported or imported.
"""

from __future__ import annotations

import datetime as dt
import json
import random
import sys
from functools import cache
from pathlib import Path

from infer.errors import QuotelensError
from infer.report.load import read_records
from train.articles import load_meta
from train.corpus import check_row
from train.label_studio import labeling_config, read_task, task
from train.splits import ARTICLE_TEST_THEATRES

SELECTIONS = ("uncertain", "disagree", "random")
# Devices that only an escalatory statement carries: the model disagrees with itself otherwise.
ESCALATORY_DEVICES = ("threat", "call_to_action")


@cache
def _meta(folder: str) -> dict:
    try:
        return load_meta(Path(folder))
    except (OSError, QuotelensError):
        return {}


def theatre(source: str, article: str) -> str:
    """The theatre an article's folder records for it (``meta*.jsonl``), or ''."""
    if not source or not article:
        return ""
    meta = _meta(str(Path(source).parent)).get(Path(article).stem)
    return meta.theatre if meta is not None else ""


def _key(row: dict) -> str:
    return " ".join(row["text"].lower().split())


def _confidence(row: dict) -> float:
    return max(row["stance_scores"].values(), default=0.0)


def _disagreement(row: dict, other: dict | None) -> float:
    """How strongly two models (or the stance and its own devices) disagree; 0 when they agree."""
    if other is not None:
        if other["stance"] == row["stance"]:
            return 0.0
        return _confidence(row) + _confidence(other)
    if row["stance"] == "escalatory":
        return 0.0
    return max(
        (row["device_scores"].get(d, 0.0) for d in ESCALATORY_DEVICES if d in row["devices"]),
        default=0.0,
    )


def select(
    rows: list[dict], how: str, n: int, against: list[dict] | None = None, seed: int = 0
) -> list[dict]:
    """``n`` statements to review: least confident, most disagreed on, or a seeded random sample."""
    seen: set[str] = set()  # one task per text: wire copies and re-read articles are one review
    rows = [
        r
        for r in rows
        if r["text"].strip() and r["stance"] and not (_key(r) in seen or seen.add(_key(r)))
    ]
    if how == "uncertain":
        return sorted(rows, key=_confidence)[:n]
    if how == "random":
        return random.Random(seed).sample(rows, min(n, len(rows)))
    if how != "disagree":
        raise QuotelensError(f"unknown --select {how!r}; use one of {', '.join(SELECTIONS)}")
    others = {r["statement_id"]: r for r in against or []}
    if against is not None and not others.keys() & {r["statement_id"] for r in rows}:
        raise QuotelensError("--against shares no statement_id with SCORED; score the same inputs")
    ranked = sorted(
        (
            (_disagreement(r, others.get(r["statement_id"]) if against is not None else None), i)
            for i, r in enumerate(rows)
        ),
        key=lambda p: -p[0],
    )
    return [rows[i] for score, i in ranked[:n] if score > 0]


def export(
    scored: str, how: str, n: int, output: str, against: str | None = None, seed: int = 0
) -> int:
    """Write Label Studio tasks for ``n`` selected statements of ``scored``."""
    rows = read_records(Path(scored))
    other = read_records(Path(against)) if against else None
    for r in rows:
        r["conflict"] = theatre(r["source"], r["article_id"])
    held = {r["conflict"] for r in rows if r["conflict"] in ARTICLE_TEST_THEATRES}
    if held:
        print(f"skipped statements of the article test split ({', '.join(sorted(held))})")
        rows = [r for r in rows if r["conflict"] not in held]
    picked = select(rows, how, n, other, seed)
    tasks = [
        task(
            {
                "id": r["statement_id"],
                "text": r["text"],
                "context": r["context"] or r["text"],
                "speaker": r["speaker"] or r["speaker_surface"] or "(no speaker)",
                "cue": r["cue"] or "no cue",
                "kind": r["kind"],
                "via": r["via"],
                "article": r["article_id"],
                "source": r["source"],
                "conflict": r["conflict"],
            },
            r["stance"],
            r["devices"],
            _confidence(r),
            r["model_uri"] or "quotelens",
        )
        for r in picked
    ]
    out = Path(output)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(tasks, ensure_ascii=False, indent=1) + "\n", "utf-8")
    print(f"{len(tasks)} tasks ({how}) from {len(rows)} statements -> {out}")
    return 0


def _conflict(d: dict, given: str) -> tuple[str, str]:
    """(the statement's conflict, a problem): ``--conflict``, the task's, or the article meta's."""
    conflict = (
        given
        or str(d.get("conflict") or "")
        or theatre(str(d.get("source") or ""), str(d.get("article") or ""))
    )
    if not conflict:
        return "", "no conflict (the article's theatre) for this statement; rerun with --conflict"
    if conflict in ARTICLE_TEST_THEATRES:
        return conflict, (
            f"statement from the article test split ({conflict}); its labels must not train a "
            "model; delete the task"
        )
    return conflict, ""


def reviewed_rows(
    path: Path, reviewed_on: str, conflict: str = ""
) -> tuple[list[dict], list[str], int]:
    """(labelled rows, problems as 'file:item: reason', tasks left unannotated)."""
    try:
        items = json.loads(path.read_text("utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as err:
        raise QuotelensError(
            f"{path}: not a Label Studio JSON export ({err}); export as JSON"
        ) from err
    if not isinstance(items, list):
        raise QuotelensError(
            f"{path}: a Label Studio JSON export is a list of tasks; export as JSON"
        )
    rows, problems, open_tasks, seen = [], [], 0, {}
    for n, item in enumerate(items, 1):
        got = read_task(item)
        if got is None:
            open_tasks += 1
            continue
        loc = f"{path}:{n}"
        if got.problem:
            problems.append(f"{loc}: {got.problem}")
            continue
        d = got.data
        theatre_of, problem = _conflict(d, conflict)
        if problem:
            problems.append(f"{loc}: {problem}")
            continue
        row = {
            "id": f"reviewed:{d.get('id') or n}",
            "text": str(d.get("text") or ""),
            "context": str(d.get("context") or ""),
            "speaker": "" if d.get("speaker") == "(no speaker)" else str(d.get("speaker") or ""),
            "kind": str(d.get("kind") or ""),
            "cue": "" if d.get("cue") == "no cue" else str(d.get("cue") or ""),
            "stance": got.stance,
            "devices": sorted(got.devices),
            "source": f"label-studio review {reviewed_on}"
            + (f" of {d['source']}" if d.get("source") else ""),
            "article": str(d.get("article") or ""),
            "conflict": theatre_of,
            "origin": "reviewed",
        }
        problems += [f"{loc}: {p}" for p in check_row(row)]
        if row["id"] in seen:
            problems.append(f"{loc}: the same statement as item {seen[row['id']]}; keep one")
        seen.setdefault(row["id"], n)
        rows.append(row)
    return rows, problems, open_tasks


def import_export(export_path: str, output: str | None = None, conflict: str = "") -> int:
    """Turn a Label Studio JSON export into labelled JSONL; on any problem, write nothing."""
    today = dt.date.today().isoformat()
    out = Path(output or f"data/statements/reviewed-{today}.jsonl")
    if out.exists():
        raise QuotelensError(
            f"{out} exists; choose another -o (reviewed files are never overwritten)"
        )
    rows, problems, open_tasks = reviewed_rows(Path(export_path), today, conflict)
    if problems:
        print("\n".join(problems), file=sys.stderr)
        raise QuotelensError(
            f"{export_path}: {len(problems)} problem(s) above; fix them in Label Studio, nothing written"
        )
    if not rows:
        raise QuotelensError(f"{export_path}: no annotated task; label some in Label Studio first")
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_suffix(".jsonl.tmp")
    tmp.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), "utf-8")
    tmp.replace(out)
    left = f"{open_tasks} task(s) skipped or not yet annotated"
    print(f"{len(rows)} reviewed statements -> {out} ({left})")
    return 0


def print_config() -> int:
    print(labeling_config(), end="")
    return 0
