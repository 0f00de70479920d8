"""The local engine: articles in, one scored record per statement out; resumable and loss-free.

Items (articles or input errors) are numbered in input order and processed in fixed-size chunks.
Each chunk is committed as part files plus a ``.done`` marker written last, so after a kill
``--resume`` redoes only uncommitted chunks; the final files are assembled and renamed atomically.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import asdict
from pathlib import Path

import pandas as pd

from infer.batch.job import RESUME_HINT, Job, ScoreOptions, Tally, run_job, write_error
from infer.batch.readers import Article, InputError, ReadOptions, iter_inputs
from infer.batch.records import article_records, statement_records
from infer.batch.schema import ERROR, RECORD, RECORD_COLUMNS, SUMMARY, TEXT
from infer.batch.writers import iter_parts, read_parts, write_stream, write_table
from infer.extraction.extractor import batched
from infer.model.labels import STANCES

__all__ = ["LocalEngine", "ScoreOptions", "run", "score_chunk", "summary_rows"]


def score_chunk(
    chunk: list, extractor, model, model_uri: str, statements: bool, stance_prior: str = "train"
):
    """Records, per-article summary rows, error rows and HTML texts for one chunk."""
    articles = [a for a in chunk if isinstance(a, Article)]
    errors = [{"input": e.input, "reason": e.reason} for e in chunk if isinstance(e, InputError)]
    if statements:
        frame = statement_records(articles)
    else:
        found = list(extractor.extract_many(a.text for a in articles)) if articles else []
        frame = article_records(articles, found)
    if len(frame):
        scored = model.predict(
            frame[["text", "cue", "context"]].reset_index(drop=True),
            params={"stance_prior": stance_prior},
        )
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


class LocalEngine:
    """Chunks of inputs scored in this process (extraction optionally across spaCy workers)."""

    name = "local"

    def __init__(self, opts: ScoreOptions) -> None:
        self.opts = opts
        self.n_items = 0

    def load(self) -> str:
        from infer.batch import model_uri

        self.model, resolved = model_uri.load_model(
            self.opts.model_uri, self.opts.backend, strict=self.opts.strict
        )
        self.resolved = resolved
        return resolved

    def close(self) -> None:
        self.model = None

    def run(self, job: Job) -> None:
        from infer.batch.progress import Progress
        from infer.extraction.extractor import StatementExtractor
        from infer.model.imports import refused

        opts = self.opts
        # spaCy's thinc imports torch whenever it is installed; a model that needs torch has
        # imported it already, so refusing it here only keeps it out of TF-IDF scoring.
        with refused("torch"):
            extractor = None if opts.statements else StatementExtractor(n_process=opts.workers)
        progress = Progress(unit="articles")
        read = ReadOptions(**{**asdict(opts.read), "statements": opts.statements})
        for k, chunk in enumerate(batched(iter_inputs(opts.inputs, read), opts.chunk_size)):
            self.n_items += len(chunk)
            if job.done(k):
                progress.update(len(chunk))
                continue
            frame, summary, errors, texts = score_chunk(
                chunk, extractor, self.model, self.resolved, opts.statements, opts.stance_prior
            )
            commit(job, k, frame, summary, errors, texts)
            progress.update(len(chunk), statements=len(frame))
        progress.close()

    def assemble(self, job: Job) -> Tally:
        """Committed parts into the final files (each written to a temp name, then renamed).

        ``OUT`` is removed first and written last, so it exists only when this job's summary and
        errors files beside it are complete too; a kill at any point leaves a job --resume ends.
        """
        summary = read_parts(job.parts, "summary")
        errors = read_parts(job.parts, "errors")
        texts = read_parts(job.parts, "texts")
        files = [(job.summary, summary, SUMMARY), (job.errors, errors, ERROR)]
        if len(texts):
            files.append((job.texts, texts, TEXT))  # HTML inputs: offsets refer to this text
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
        return Tally(
            inputs=self.n_items,
            scored=len(summary),
            errors=len(errors),
            statements=n_records,
            summary_statements=int(summary["statements"].sum()) if len(summary) else 0,
            stance=dict(stance),
            devices=dict(devices),
        )


def commit(job: Job, k: int, records, summary: list[dict], errors: list[dict], texts: list[dict]):
    """Part files first, the ``.done`` marker last: a chunk counts only once all are on disk."""
    base = f"part-{k:06d}"
    files = [
        (f"{base}.records.parquet", records, RECORD),
        (f"{base}.texts.parquet", pd.DataFrame(texts, columns=TEXT.names), TEXT),
        (f"{base}.summary.parquet", pd.DataFrame(summary, columns=SUMMARY.names), SUMMARY),
        (f"{base}.errors.parquet", pd.DataFrame(errors, columns=ERROR.names), ERROR),
    ]
    target: Path = job.parts / base
    try:
        for name, frame, schema in files:
            target = job.parts / name
            write_table(frame, target, schema)
    except OSError as err:
        raise write_error(target, err, RESUME_HINT) from None
    job.mark_done(k)


def run(opts: ScoreOptions) -> dict:
    """Score everything on the engine ``opts.engine`` names; returns the summary counts."""
    if opts.engine == "spark":
        from infer.batch.spark import SparkEngine

        return run_job(opts, SparkEngine(opts))
    return run_job(opts, LocalEngine(opts))
