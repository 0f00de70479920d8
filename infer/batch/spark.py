"""``--engine spark``: the scoring job on Apache Spark, with nothing sized by the input on the driver.

Spark reads the inputs, executors parse them into items (``OUT.parts/items``, partitioned by
part) and score them in ``mapInPandas`` with the model loaded once per executor process; each
wave of parts is written by Spark (``OUT.parts/scored``) and marked done, so ``--resume`` skips
committed parts. The final records are a Parquet dataset written by Spark at ``OUT``; summary,
errors and texts are single files, written by one Spark task and moved into place. A failed task
is retried by Spark (local masters too); a part whose task keeps failing ends the job with one line
naming it, and the unfinished job is left for ``--resume``.
"""

from __future__ import annotations

import os
import re
import shutil
import sys
from pathlib import Path

from infer.batch.job import RESUME_HINT, Job, ScoreOptions, Tally
from infer.batch.schema import ERROR, RECORD, SUMMARY, TEXT, nested
from infer.batch.spark_tasks import (
    FAULT_ENV,
    FAULT_LOG_ENV,
    ITEM_COLUMNS,
    KEYS,
    TaskConfig,
    parse_rows,
    score_rows,
)
from infer.errors import QuotelensError

TASK_ATTEMPTS = 4  # Spark's own default on a cluster; plain local masters try each task once
SPARK_TYPES = {"string": "string", "int64": "long", "double": "double", "bool": "boolean"}


def ddl(fields) -> str:
    """A Spark DDL schema string from pyarrow fields (maps and lists included)."""

    def kind(t) -> str:
        import pyarrow as pa

        if pa.types.is_map(t):
            return f"map<{kind(t.key_type)},{kind(t.item_type)}>"
        if pa.types.is_list(t):
            return f"array<{kind(t.value_type)}>"
        return SPARK_TYPES[str(t)]

    return ", ".join(f"`{f.name}` {kind(f.type)}" for f in fields)


def scored_fields():
    """One row shape for records, summary, error and text rows: their columns, then the keys."""
    import pyarrow as pa

    fields = {f.name: f for f in [*RECORD, *SUMMARY, *ERROR, *TEXT]}
    keys = [
        pa.field(k, pa.int64() if k in ("file_idx", "n", "stmt") else pa.string()) for k in KEYS
    ]
    return [*fields.values(), *keys]


ITEM_DDL = (
    "file_idx long, n long, part string, id string, text string, source string, "
    "published string, context string, html boolean, error_input string, error_reason string"
)


def session(master: str | None):
    from pyspark.sql import SparkSession

    # Executors must run the same interpreter (and so the same packages) as the driver.
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    os.environ.setdefault("PYSPARK_DRIVER_PYTHON", sys.executable)
    builder = SparkSession.builder.appName("quotelens-score")
    if master:
        builder = builder.master(with_retries(master))
    # Stay on loopback unless the user's own Spark configuration says otherwise (cluster runs).
    if not master or master.startswith("local"):
        builder = (
            builder.config("spark.ui.enabled", "false")
            .config("spark.driver.bindAddress", "127.0.0.1")
            .config("spark.driver.host", "127.0.0.1")
        )
    return (
        builder.config("spark.sql.execution.arrow.pyspark.enabled", "true")
        .config("spark.sql.sources.partitionOverwriteMode", "dynamic")
        .config("spark.sql.session.timeZone", "UTC")
        .config("spark.sql.sources.partitionColumnTypeInference.enabled", "false")
        .getOrCreate()
    )


def with_retries(master: str) -> str:
    """``local`` and ``local[N]`` give a task one attempt; retry failed tasks as a cluster would."""
    m = re.fullmatch(r"local(?:\[(\d+|\*)\])?", master.strip())
    return f"local[{m.group(1) or 1},{TASK_ATTEMPTS}]" if m else master


def spark_error(err: Exception, hint: str = "") -> QuotelensError:
    """Py4J/Spark errors carry pages of JVM trace: keep the executor's own one-line reason."""
    text = str(err).strip()
    lines = [x.strip() for x in text.splitlines() if x.strip()] or [type(err).__name__]
    ours = [x.split("QuotelensError: ", 1)[1] for x in lines if "QuotelensError: " in x]
    named = [x for x in ours if x.startswith("part ")]  # a task's error naming its parts
    tries = re.search(r"failed (\d+) times", text)
    after = f" (a task failed {tries.group(1)} times)" if tries else ""
    return QuotelensError(f"Spark job failed: {(named or ours or lines)[0][:300]}{after}{hint}")


class SparkEngine:
    name = "spark"

    def __init__(self, opts: ScoreOptions) -> None:
        self.opts = opts
        self.spark = None

    def load(self) -> str:
        """Fetch and load the model here once, so a bad model fails clearly, not in an executor."""
        from infer.batch.model_uri import fetch_model, load_local
        from infer.batch.tracking import tracking_uri

        if Path(self.opts.output).is_dir() and not (Path(self.opts.output) / "_SUCCESS").exists():
            raise QuotelensError(f"{self.opts.output} is a folder that is not a scored output")
        folder, resolved = fetch_model(self.opts.model_uri)
        load_local(folder, resolved, self.opts.backend, self.opts.strict)
        self.cfg = TaskConfig(
            read=type(self.opts.read)(
                **{**self.opts.read.__dict__, "statements": self.opts.statements}
            ),
            chunk_size=max(self.opts.chunk_size, 1),
            model_uri=str(folder.resolve()) if Path(self.opts.model_uri).is_dir() else resolved,
            backend=self.opts.backend,
            strict=self.opts.strict,
            tracking_uri=tracking_uri(),
            stance_prior=self.opts.stance_prior,
            fault=os.environ.get(FAULT_ENV, ""),
            fault_log=os.environ.get(FAULT_LOG_ENV, ""),
        )
        self.spark = session(self.opts.master)
        return resolved

    def close(self) -> None:
        if self.spark is not None:
            self.spark.stop()
            self.spark = None

    def run(self, job: Job) -> None:
        from pyspark.sql import Window
        from pyspark.sql import functions as F

        from infer.batch.spark_inputs import list_inputs, raw_rows

        items_dir, scored_dir = job.parts / "items", job.parts / "scored"
        try:
            if not job.done("items"):
                raw = raw_rows(self.spark, list_inputs(self.spark, self.opts.inputs), self.cfg.read)
                items = raw.mapInPandas(parse_rows(self.cfg), ITEM_DDL)
                # The first article with an id keeps it; later ones become errors, as locally.
                first = Window.partitionBy("id").orderBy("file_idx", "n")
                dup = F.col("error_input").isNull() & (F.row_number().over(first) > 1)
                items = items.select(
                    *[c for c in ITEM_COLUMNS if c not in ("error_input", "error_reason")],
                    F.when(dup, F.col("source"))
                    .otherwise(F.col("error_input"))
                    .alias("error_input"),
                    F.when(
                        dup,
                        F.format_string(
                            "duplicate article id '%s' (first in %s)",
                            F.col("id"),
                            F.first("source").over(first),
                        ),
                    )
                    .otherwise(F.col("error_reason"))
                    .alias("error_reason"),
                )
                items.write.mode("overwrite").partitionBy("part").parquet(str(items_dir))
                job.mark_done("items")
            parts = sorted(
                p.name.removeprefix("part=") for p in items_dir.glob("part=*") if p.is_dir()
            )
            todo = [p for p in parts if not job.done(p)]
            wave = max(2 * self.spark.sparkContext.defaultParallelism, 1)
            fields = scored_fields()
            for i in range(0, len(todo), wave):
                self._score(items_dir, scored_dir, todo[i : i + wave], fields)
                for part in todo[i : i + wave]:
                    job.mark_done(part)
        except QuotelensError:
            raise
        except Exception as err:  # noqa: BLE001
            raise spark_error(err, RESUME_HINT) from None

    def _score(self, items_dir: Path, scored_dir: Path, parts: list[str], fields) -> None:
        from pyspark.sql import functions as F

        items = self.spark.read.parquet(str(items_dir)).where(F.col("part").isin(parts))
        scored = (
            items.repartition(len(parts), "part")
            .sortWithinPartitions("part", "file_idx", "n")
            .mapInPandas(score_rows(self.cfg, [f.name for f in fields]), ddl(fields))
        )
        scored.write.mode("overwrite").partitionBy("part", "row_type").parquet(str(scored_dir))

    def assemble(self, job: Job) -> Tally:
        from pyspark.sql import functions as F

        try:
            scored = self.spark.read.parquet(str(job.parts / "scored"))
            kind = F.col("row_type")
            records = scored.where(kind == "record").orderBy("file_idx", "n", "stmt")
            _replace(job.out, lambda tmp: _write(records.select(*RECORD.names), tmp, job.out))
            summary = scored.where(kind == "summary")
            errors = scored.where(kind == "error")
            texts = scored.where(kind == "text")
            _single(summary.select(*SUMMARY.names, "file_idx", "n"), job.summary, SUMMARY)
            _single(errors.select(*ERROR.names, "file_idx", "n"), job.errors, ERROR)
            n_texts = texts.count()
            if n_texts:
                _single(texts.select(*TEXT.names, "file_idx", "n"), job.texts, TEXT)
            counts = scored.groupBy(kind).agg(
                F.count("*").alias("rows"), F.sum("statements").alias("statements")
            )
            by_kind = {r["row_type"]: r for r in counts.collect()}
            stance = records.groupBy("stance").count().collect()
            devices = records.select(F.explode("devices").alias("d")).groupBy("d").count().collect()
            inputs = self.spark.read.parquet(str(job.parts / "items")).count()
        except OSError:
            raise
        except Exception as err:  # noqa: BLE001
            raise spark_error(err) from None

        def rows(k: str) -> int:
            return int(by_kind[k]["rows"]) if k in by_kind else 0

        return Tally(
            inputs=inputs,
            scored=rows("summary"),
            errors=rows("error"),
            statements=rows("record"),
            summary_statements=int(by_kind["summary"]["statements"] or 0)
            if "summary" in by_kind
            else 0,
            stance={r["stance"]: r["count"] for r in stance},
            devices={r["d"]: r["count"] for r in devices},
        )


def _write(frame, tmp: Path, out: Path) -> None:
    """Records as a dataset in ``out``'s format (Parquet, JSON lines, or CSV with JSON cells)."""
    from pyspark.sql import functions as F

    suffix = out.suffix.lower()
    if suffix == ".parquet":
        frame.write.parquet(str(tmp))
    elif suffix == ".jsonl":
        frame.write.option("ignoreNullFields", False).json(str(tmp))
    else:
        for col in nested(RECORD):
            frame = frame.withColumn(col, F.to_json(col))
        frame.write.option("header", True).option("escape", '"').csv(str(tmp))


def _replace(target: Path, write) -> None:
    """Write into a hidden temp folder beside ``target``, then swap it in."""
    tmp = target.parent / f".{target.name}.spark-tmp"
    shutil.rmtree(tmp, ignore_errors=True)
    write(tmp)
    if target.is_dir():
        shutil.rmtree(target)
    else:
        target.unlink(missing_ok=True)
    os.replace(tmp, target)


def _single(frame, target: Path, schema) -> None:
    """A small table written by one Spark task in input order, moved to one file at ``target``."""
    import pandas as pd

    from infer.batch.writers import write_table

    one = frame.repartition(1).sortWithinPartitions("file_idx", "n").select(*schema.names)

    def write(tmp: Path) -> None:
        if target.suffix == ".csv":
            one.write.option("header", True).option("escape", '"').csv(str(tmp))
        else:
            one.write.option("ignoreNullFields", False).json(str(tmp))

    tmp = target.parent / f".{target.name}.spark-tmp"
    shutil.rmtree(tmp, ignore_errors=True)
    write(tmp)
    produced = sorted(p for p in tmp.iterdir() if p.name.startswith("part-"))
    if produced:
        os.replace(produced[0], target)
    else:  # no rows: Spark may write no file at all
        write_table(pd.DataFrame(columns=schema.names), target, schema)
    shutil.rmtree(tmp, ignore_errors=True)
