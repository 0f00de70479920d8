"""Batch scoring: articles in, one scored record per statement out; resumable and loss-free.

Items (articles or input errors) are numbered in input order and processed in fixed-size chunks.
Each chunk is committed as part files plus a ``.done`` marker written last, so after a kill
``--resume`` redoes only uncommitted chunks; the final files are assembled and renamed atomically.
"""

from __future__ import annotations

import glob
import hashlib
import json
import logging
import sys
import tempfile
import time
from collections import Counter
from dataclasses import asdict, dataclass, field
from pathlib import Path

import pandas as pd

from infer.batch.readers import Article, InputError, ReadOptions, iter_inputs
from infer.batch.records import article_records, statement_records
from infer.batch.schema import ERROR, RECORD, RECORD_COLUMNS, SUMMARY, TEXT
from infer.batch.writers import atomic_write, iter_parts, read_parts, write_stream, write_table
from infer.errors import QuotelensError
from infer.extraction.extractor import batched
from infer.model.labels import STANCES

log = logging.getLogger("quotelens")


@dataclass
class ScoreOptions:
    """One scoring job."""

    inputs: list[str]
    output: str
    model_uri: str = "models:/quotelens@champion"
    statements: bool = False
    resume: bool = False
    overwrite: bool = False
    chunk_size: int = 200
    workers: int = 1
    strict: bool = False
    read: ReadOptions = field(default_factory=ReadOptions)
    log_mlflow: bool = True
    backend: str = "auto"


def write_error(path: Path, err: OSError, hint: str = "") -> QuotelensError:
    """One line naming the file and the OS reason (permission, not a directory, disk full)."""
    reason = err.strerror or str(err).strip() or type(err).__name__
    return QuotelensError(f"cannot write {err.filename or path}: {reason}{hint}")


RESUME_HINT = "; fix that, then rerun with --resume to finish the job"


class Job:
    """Paths and bookkeeping of one output (``OUT``, ``OUT.parts/``, summary and errors beside it)."""

    def __init__(self, opts: ScoreOptions) -> None:
        self.opts = opts
        self.out = Path(opts.output)
        if self.out.suffix.lower() not in (".parquet", ".jsonl", ".csv"):
            self.out = (
                self.out.with_suffix(self.out.suffix + ".parquet")
                if self.out.suffix
                else self.out.with_suffix(".parquet")
            )
        self.parts = self.out.parent / f"{self.out.name}.parts"
        self.summary = self.out.parent / f"{self.out.stem}.summary.csv"
        self.errors = self.out.parent / f"{self.out.stem}.errors.csv"
        self.texts = self.out.parent / f"{self.out.stem}.texts.jsonl"

    def check_output(self) -> None:
        """Fail before any work (the model load takes seconds) when the output folder is unusable."""
        try:
            self.out.parent.mkdir(parents=True, exist_ok=True)
            with tempfile.TemporaryFile(dir=self.out.parent):
                pass
        except OSError as err:
            raise write_error(self.out.parent, err) from None

    def prepare(self, fingerprint: dict) -> None:
        manifest = self.parts / "job.json"
        try:
            self.out.parent.mkdir(parents=True, exist_ok=True)
            if self.parts.exists() and not self.opts.resume:
                if not self.opts.overwrite:
                    raise QuotelensError(
                        f"{self.parts} holds an unfinished job; rerun with --resume "
                        "to finish it or --overwrite to start again"
                    )
                clear_parts(self.parts)
            self.parts.mkdir(exist_ok=True)
            if self.opts.resume and manifest.exists():
                old = json.loads(manifest.read_text("utf-8"))
                if old != fingerprint:
                    raise QuotelensError(
                        f"{self.parts}: --resume with different inputs, model or chunk "
                        "size than the interrupted job; use --overwrite to start again"
                    )
            atomic_write(manifest, json.dumps(fingerprint, indent=2).encode())
        except OSError as err:
            raise write_error(manifest, err, RESUME_HINT if self.parts.exists() else "") from None

    def done(self, k: int) -> bool:
        return (self.parts / f"part-{k:06d}.done").exists()

    def commit(
        self,
        k: int,
        records: pd.DataFrame,
        summary: list[dict],
        errors: list[dict],
        texts: list[dict],
    ) -> None:
        """Part files first, the ``.done`` marker last: a chunk counts only once all are on disk."""
        base = f"part-{k:06d}"
        files = [
            (f"{base}.records.parquet", records, RECORD),
            (f"{base}.texts.parquet", pd.DataFrame(texts, columns=TEXT.names), TEXT),
            (f"{base}.summary.parquet", pd.DataFrame(summary, columns=SUMMARY.names), SUMMARY),
            (f"{base}.errors.parquet", pd.DataFrame(errors, columns=ERROR.names), ERROR),
        ]
        target = self.parts / base
        try:
            for name, frame, schema in files:
                target = self.parts / name
                write_table(frame, target, schema)
            target = self.parts / f"{base}.done"
            atomic_write(target, b"ok")
        except OSError as err:
            raise write_error(target, err, RESUME_HINT) from None


def score_chunk(chunk: list, extractor, model, model_uri: str, statements: bool):
    """Records, per-article summary rows and error rows for one chunk."""
    articles = [a for a in chunk if isinstance(a, Article)]
    errors = [{"input": e.input, "reason": e.reason} for e in chunk if isinstance(e, InputError)]
    if statements:
        frame = statement_records(articles)
    else:
        found = list(extractor.extract_many(a.text for a in articles)) if articles else []
        frame = article_records(articles, found)
    if len(frame):
        scored = model.predict(frame[["text", "context"]].reset_index(drop=True))
        frame = pd.concat([frame.reset_index(drop=True), scored.reset_index(drop=True)], axis=1)
    frame["model_uri"] = model_uri
    frame = frame.reindex(columns=RECORD_COLUMNS)
    key = "statement_id" if statements else "article_id"
    summary = summary_rows([(a.id, a.source) for a in articles], frame, key)
    texts = [{"article_id": a.id, "source": a.source, "text": a.text} for a in articles if a.html]
    return frame, summary, errors, texts


def summary_rows(articles: list[tuple[str, str]], records: pd.DataFrame, key: str) -> list[dict]:
    """Per article (id, source): status, statement count and stance counts, in one pass."""
    per_article = Counter(records[key]) if len(records) else Counter()
    per_stance = (
        Counter(zip(records[key], records["stance"], strict=True)) if len(records) else Counter()
    )
    return [
        {
            "article_id": aid,
            "source": source,
            "status": "scored",
            "statements": per_article[aid],
            **{f"n_{s}": per_stance[aid, s] for s in STANCES},
        }
        for aid, source in articles
    ]


def job_fingerprint(opts: ScoreOptions, model_uri: str) -> dict:
    h = hashlib.sha256()
    for name in sorted(opts.inputs):
        p = Path(name)
        stat = [
            (str(f), f.stat().st_size, int(f.stat().st_mtime))
            for f in ([p] if p.is_file() else sorted(p.rglob("*")) if p.is_dir() else [])
        ]
        h.update(json.dumps([name, stat]).encode())
    return {
        "inputs": opts.inputs,
        "input_fingerprint": h.hexdigest()[:16],
        "model_uri": model_uri,
        "chunk_size": opts.chunk_size,
        "statements": opts.statements,
        "read": asdict(opts.read),
    }


def run(opts: ScoreOptions) -> dict:
    """Score everything; returns the summary counts (also printed as one line)."""
    from infer.batch.model_uri import load_model
    from infer.batch.progress import Progress
    from infer.extraction.extractor import StatementExtractor

    t0 = time.perf_counter()
    job = Job(opts)
    job.check_output()
    model, resolved = load_model(opts.model_uri, opts.backend, strict=opts.strict)
    fingerprint = job_fingerprint(opts, resolved)
    job.prepare(fingerprint)
    extractor = None if opts.statements else StatementExtractor(n_process=opts.workers)
    progress = Progress(unit="articles")
    items = iter_inputs(
        opts.inputs, ReadOptions(**{**asdict(opts.read), "statements": opts.statements})
    )
    n_items = 0
    for k, chunk in enumerate(batched(items, opts.chunk_size)):
        n_items += len(chunk)
        if job.done(k):
            progress.update(len(chunk))
            continue
        frame, summary, errors, texts = score_chunk(
            chunk, extractor, model, resolved, opts.statements
        )
        job.commit(k, frame, summary, errors, texts)
        progress.update(len(chunk), statements=len(frame))
    progress.close()
    counts = finish(job, n_items)
    counts["seconds"] = round(time.perf_counter() - t0, 2)
    counts["model_uri"] = resolved
    line = (
        f"articles: {counts['articles']} (scored {counts['scored']}, errors {counts['errors']}), "
        f"statements: {counts['statements']}, seconds: {counts['seconds']}, "
        f"{'reconciled' if counts['reconciled'] else 'NOT RECONCILED'} -> {job.out}"
    )
    print(line, file=sys.stderr)
    if opts.log_mlflow:
        from infer.batch.score_tracking import log_score_run

        log_score_run(job, counts, fingerprint)
    return counts


def finish(job: Job, n_items: int) -> dict:
    """Assemble committed parts into the final files (each written to a temp name, then renamed).

    ``OUT`` is removed first and written last, so it exists only when this job's summary and
    errors files beside it are complete too; the parts are deleted (``.done`` markers first)
    only after that, so a kill or a failed write at any point leaves a job ``--resume`` finishes.
    """
    summary = read_parts(job.parts, "summary")
    errors = read_parts(job.parts, "errors")
    texts = read_parts(job.parts, "texts")
    files = [(job.summary, summary, SUMMARY), (job.errors, errors, ERROR)]
    if len(texts):
        files.append((job.texts, texts, TEXT))  # HTML inputs: offsets refer to this extracted text
    stance: Counter = Counter()
    devices: Counter = Counter()
    n_records = 0

    def counted(frames):
        # Records stream part by part into OUT, so memory stays flat in the stream's length.
        nonlocal n_records
        for frame in frames:
            n_records += len(frame)
            if len(frame):
                stance.update(frame["stance"])
                devices.update(d for ds in frame["devices"] for d in ds)
            yield frame

    target = job.out
    try:
        job.out.unlink(missing_ok=True)
        for target, frame, schema in files:
            write_table(frame, target, schema)
        target = job.out
        write_stream(counted(iter_parts(job.parts, "records")), job.out, RECORD)  # last
    except OSError as err:
        raise write_error(target, err, RESUME_HINT) from None
    counts = {
        "articles": n_items,
        "scored": len(summary),
        "errors": len(errors),
        "statements": n_records,
        "reconciled": n_items == len(summary) + len(errors)
        and (len(summary) == 0 or int(summary["statements"].sum()) == n_records),
        "stance": dict(stance),
        "devices": dict(devices),
    }
    remove_parts(job)
    return counts


def clear_parts(parts: Path) -> None:
    """Markers first: a kill part-way must never leave a ``.done`` whose part files are gone."""
    for marker in parts.glob("part-*.done"):
        marker.unlink()
    for f in parts.iterdir():
        f.unlink()


def remove_parts(job: Job) -> None:
    clear_parts(job.parts)
    job.parts.rmdir()
    # Temp files of final writes a kill interrupted (a finished write renames its own away).
    for final in (job.out, job.summary, job.errors, job.texts):
        for stale in final.parent.glob(f".{glob.escape(final.name)}.*.tmp"):
            stale.unlink(missing_ok=True)
