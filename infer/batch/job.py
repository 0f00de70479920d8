"""One scoring job, whatever engine runs it: lock, manifest, commits, reconciliation, tracking.

with job.locked():             # output writable, one writer (lock file naming its holder)
    job.prepare(fingerprint)   # refuse or clear an unfinished job, write the manifest
    engine.run(job)            # commit every part not committed yet (--resume skips those)
    job.finish(engine.assemble(job))   # final files, reconciled; parts removed
job.log(counts)                # the MLflow job run, the same metrics for every engine
"""

from __future__ import annotations

import glob
import hashlib
import json
import shutil
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Protocol

from infer.batch.lock import OutputLock
from infer.batch.readers import ReadOptions
from infer.batch.schema import SideFiles
from infer.batch.writers import atomic_write
from infer.errors import QuotelensError

RESUME_HINT = "; fix that, then rerun with --resume to finish the job"


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
    engine: str = "local"
    master: str | None = None  # Spark master, e.g. local[2]
    stance_prior: str = "train"  # train | natural | adapt | FILE (infer/model/prior.py)


@dataclass(frozen=True)
class Tally:
    """What an engine's final files hold, counted while they were written."""

    inputs: int
    scored: int
    errors: int
    statements: int
    summary_statements: int  # the summary's own statement total, checked against ``statements``
    stance: dict
    devices: dict


class Engine(Protocol):
    name: str

    def load(self) -> str:
        """Load (or check) the model; the resolved model URI."""

    def run(self, job: Job) -> None:
        """Score and commit every part the job has not committed yet."""

    def assemble(self, job: Job) -> Tally:
        """Write the final record, summary, errors (and texts) outputs from the committed parts."""

    def close(self) -> None:
        """Let go of what ``load`` started (a Spark session), however the job ended."""


def write_error(path: Path, err: OSError, hint: str = "") -> QuotelensError:
    """One line naming the file and the OS reason (permission, not a directory, disk full)."""
    reason = err.strerror or str(err).strip() or type(err).__name__
    return QuotelensError(f"cannot write {err.filename or path}: {reason}{hint}")


class Job:
    """Paths and bookkeeping of one output (``OUT``, ``OUT.parts/``, summary and errors beside it)."""

    def __init__(self, opts: ScoreOptions) -> None:
        self.opts = opts
        self.out = Path(opts.output)
        if self.out.suffix.lower() not in (".parquet", ".jsonl", ".csv"):
            self.out = self.out.with_suffix(self.out.suffix + ".parquet")
        self.parts = self.out.parent / f"{self.out.name}.parts"
        side = SideFiles.beside(self.out)
        self.summary, self.errors, self.texts = side.summary, side.errors, side.texts
        self.lock = OutputLock(self.out.parent / f".{self.out.name}.lock", self.out)
        self.t0 = time.perf_counter()

    def check_output(self) -> None:
        """Fail before any work (the model load takes seconds) when the output folder is unusable."""
        try:
            self.out.parent.mkdir(parents=True, exist_ok=True)
            with tempfile.TemporaryFile(dir=self.out.parent):
                pass
        except OSError as err:
            raise write_error(self.out.parent, err) from None

    @contextmanager
    def locked(self) -> Iterator[Job]:
        """The output checked writable and locked for this job; released however the job ends."""
        self.check_output()
        try:
            self.lock.acquire()
        except OSError as err:
            raise write_error(self.lock.path, err) from None
        try:
            yield self
        finally:
            self.lock.release()

    def prepare(self, fingerprint: dict) -> None:
        """Refuse (or, with --overwrite, clear) an unfinished job; --resume must match its manifest."""
        manifest = self.parts / "job.json"
        try:
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
                        f"{self.parts}: --resume with different inputs, model, engine or chunk "
                        "size than the interrupted job; use --overwrite to start again"
                    )
            atomic_write(manifest, json.dumps(fingerprint, indent=2).encode())
        except OSError as err:
            raise write_error(manifest, err, RESUME_HINT if self.parts.exists() else "") from None

    def marker(self, k: int | str) -> Path:
        return self.parts / (f"part-{k:06d}.done" if isinstance(k, int) else f"part-{k}.done")

    def done(self, k: int | str) -> bool:
        return self.marker(k).exists()

    def mark_done(self, k: int | str) -> None:
        """Written last: a part counts only once everything it wrote is on disk."""
        target = self.marker(k)
        try:
            atomic_write(target, b"ok")
        except OSError as err:
            raise write_error(target, err, RESUME_HINT) from None

    def finish(self, tally: Tally, model_uri: str) -> dict:
        """Counts of the finished job, printed as one line; the parts are removed."""
        counts = {
            "articles": tally.inputs,
            "scored": tally.scored,
            "errors": tally.errors,
            "statements": tally.statements,
            "reconciled": tally.inputs == tally.scored + tally.errors
            and tally.summary_statements == tally.statements,
            "stance": tally.stance,
            "devices": tally.devices,
            "seconds": round(time.perf_counter() - self.t0, 2),
            "model_uri": model_uri,
            "engine": self.opts.engine,
            "errors_file": str(self.errors),
        }
        remove_parts(self)
        print(
            f"articles: {counts['articles']} (scored {counts['scored']}, errors "
            f"{counts['errors']}), statements: {counts['statements']}, seconds: "
            f"{counts['seconds']}, {'reconciled' if counts['reconciled'] else 'NOT RECONCILED'}"
            f" -> {self.out}" + (f" ({self.opts.engine})" if self.opts.engine != "local" else ""),
            file=sys.stderr,
        )
        return counts

    def log(self, counts: dict, fingerprint: dict) -> None:
        if self.opts.log_mlflow:
            from infer.batch.score_tracking import log_score_run

            log_score_run(self, counts, fingerprint)


def job_fingerprint(opts: ScoreOptions, model_uri: str) -> dict:
    """What a resumed job must share with the interrupted one."""
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
        "engine": opts.engine,
        "read": asdict(opts.read),
    }


def run_job(opts: ScoreOptions, engine: Engine) -> dict:
    """Run one job on ``engine``; the summary counts (also printed as one line)."""
    from infer.model.labels import STANCES
    from infer.model.prior import parse_prior

    parse_prior(opts.stance_prior, STANCES)  # a bad prior file is refused before any work
    job = Job(opts)
    with job.locked():
        try:
            resolved = engine.load()
            fingerprint = job_fingerprint(opts, resolved)
            job.prepare(fingerprint)
            engine.run(job)
            try:
                tally = engine.assemble(job)
            except OSError as err:
                raise write_error(job.out, err, RESUME_HINT) from None
        finally:
            engine.close()
        counts = job.finish(tally, resolved)
    job.log(counts, fingerprint)
    return counts


def clear_parts(parts: Path) -> None:
    """Markers first: a kill part-way must never leave a ``.done`` whose part files are gone."""
    for marker in parts.glob("part-*.done"):
        marker.unlink()
    for f in parts.iterdir():
        if f.is_dir():
            shutil.rmtree(f)
        else:
            f.unlink()


def remove_parts(job: Job) -> None:
    clear_parts(job.parts)
    job.parts.rmdir()
    # Temp files of final writes a kill interrupted (a finished write renames its own away).
    for final in (job.out, job.summary, job.errors, job.texts):
        for stale in final.parent.glob(f".{glob.escape(final.name)}.*.tmp"):
            stale.unlink(missing_ok=True)
