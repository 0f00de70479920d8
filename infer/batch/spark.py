"""``--engine spark``: the same scoring job on Apache Spark through the same MLflow model.

The driver enumerates inputs exactly as the local engine does (so errors and ids match), ships the
articles as a DataFrame, and each partition runs ``score_chunk`` with the model loaded once
(``mapInPandas``). Spark writes Parquet parts; the driver assembles the same final files as the
local engine. Run unchanged on a cluster with ``spark-submit -m infer score … --engine spark``.
"""

from __future__ import annotations

import json
import os
import shutil
import sys
import time
from collections import Counter
from collections.abc import Iterator

import pandas as pd

from infer.batch.job import Job, ScoreOptions
from infer.batch.readers import Article, InputError, ReadOptions, iter_inputs
from infer.batch.schema import ERROR, RECORD, RECORD_COLUMNS, SUMMARY, TEXT
from infer.batch.score import score_chunk, summary_rows
from infer.batch.writers import write_table
from infer.errors import QuotelensError

NESTED = ("stance_scores", "devices", "device_scores")
INT_COLUMNS = ("start", "end", "seq")


def _schema():
    from pyspark.sql.types import LongType, StringType, StructField, StructType

    cols = [*RECORD_COLUMNS, "row_type", "seq", "html_text"]
    return StructType(
        [StructField(c, LongType() if c in INT_COLUMNS else StringType()) for c in cols]
    )


def _partition_scorer(model_path: str, model_uri: str, statements: bool):
    def score(frames: Iterator[pd.DataFrame]) -> Iterator[pd.DataFrame]:
        import mlflow

        from infer.extraction.extractor import StatementExtractor

        model = mlflow.pyfunc.load_model(model_path)
        extractor = None if statements else StatementExtractor()
        for frame in frames:
            articles = [
                Article(
                    r.id, r.text, r.source, r.published or "", r.context or "", r.html == "True"
                )
                for r in frame.itertuples()
            ]
            seq = dict(zip(frame["id"], frame["seq"], strict=True))
            records, *_ = score_chunk(articles, extractor, model, model_uri, statements)
            out = records.copy()
            for col in NESTED:
                out[col] = [json.dumps(v) for v in out[col]]
            out["row_type"] = "record"
            key = "statement_id" if statements else "article_id"
            out["seq"] = [seq[a] for a in out[key]]
            rows = [out]
            rows.append(
                pd.DataFrame(
                    [
                        {
                            "article_id": a.id,
                            "source": a.source,
                            "row_type": "article",
                            "seq": seq[a.id],
                            "html_text": a.text if a.html else None,
                        }
                        for a in articles
                    ]
                )
            )
            yield _plain_dtypes(
                pd.concat(rows, ignore_index=True).reindex(columns=_schema().fieldNames())
            )

    return score


def _plain_dtypes(frame: pd.DataFrame) -> pd.DataFrame:
    """numpy-backed columns: pandas 3's Arrow-backed strings trip PySpark's Arrow conversion."""
    out = pd.DataFrame(index=frame.index)
    for col in frame.columns:
        if col in INT_COLUMNS:
            out[col] = pd.array(
                [None if v is None or v != v else int(v) for v in frame[col]], dtype="Int64"
            )
        else:
            out[col] = pd.Series(
                [
                    None if v is None or (isinstance(v, float) and v != v) else str(v)
                    for v in frame[col]
                ],
                index=frame.index,
                dtype=object,
            )
    return out


def run_spark(opts: ScoreOptions, master: str | None = None) -> dict:
    from pyspark.sql import SparkSession

    from infer.batch.model_uri import fetch_model, load_local

    t0 = time.perf_counter()
    folder, resolved = fetch_model(opts.model_uri)
    load_local(
        folder, resolved, opts.backend, opts.strict
    )  # fail here, clearly, not inside an executor
    model_path = str(folder.resolve())
    job = Job(opts)
    job.out.parent.mkdir(parents=True, exist_ok=True)
    items = list(
        iter_inputs(
            opts.inputs, ReadOptions(**{**opts.read.__dict__, "statements": opts.statements})
        )
    )
    articles = [(i, a) for i, a in enumerate(items) if isinstance(a, Article)]
    errors = [{"input": e.input, "reason": e.reason} for e in items if isinstance(e, InputError)]
    # Executors must run the same interpreter (and so the same packages) as the driver.
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    os.environ.setdefault("PYSPARK_DRIVER_PYTHON", sys.executable)
    builder = SparkSession.builder.appName("quotelens-score")
    if master:
        builder = builder.master(master)
    # Stay on loopback unless the user's own Spark configuration says otherwise (cluster runs).
    if not master or master.startswith("local"):
        builder = (
            builder.config("spark.ui.enabled", "false")
            .config("spark.driver.bindAddress", "127.0.0.1")
            .config("spark.driver.host", "127.0.0.1")
        )
    spark = builder.config("spark.sql.execution.arrow.pyspark.enabled", "true").getOrCreate()
    try:
        frame = pd.DataFrame(
            [
                {
                    "id": a.id,
                    "text": a.text,
                    "source": a.source,
                    "published": a.published,
                    "context": a.context,
                    "html": a.html,
                    "seq": i,
                }
                for i, a in articles
            ],
            columns=["id", "text", "source", "published", "context", "html", "seq"],
        )
        parts = max(1, min(len(frame) // max(opts.chunk_size, 1) + 1, 64))
        sdf = spark.createDataFrame(
            _plain_dtypes(frame.assign(html=frame["html"].map(str)))
        ).repartition(parts)
        scored = sdf.mapInPandas(
            _partition_scorer(model_path, resolved, opts.statements), _schema()
        )
        spark_dir = job.out.parent / f"{job.out.name}.spark"
        try:
            scored.write.mode("overwrite").parquet(str(spark_dir))
        except Exception as err:  # noqa: BLE001 - Py4J/Spark errors carry pages of JVM trace
            raise QuotelensError(
                f"Spark job failed: {str(err).strip().splitlines()[0][:300]}"
            ) from None
        result = pd.read_parquet(spark_dir)
        shutil.rmtree(spark_dir, ignore_errors=True)
    finally:
        spark.stop()
    return _assemble(job, result, errors, len(items), resolved, t0, opts)


def _assemble(
    job: Job,
    result: pd.DataFrame,
    errors: list[dict],
    n_items: int,
    resolved: str,
    t0: float,
    opts: ScoreOptions,
) -> dict:
    key = "statement_id" if opts.statements else "article_id"
    records = result[result["row_type"] == "record"].copy()
    records["_n"] = records["statement_id"].str.rsplit(":", n=1).str[-1]
    records["_n"] = pd.to_numeric(records["_n"], errors="coerce").fillna(0)
    records = records.sort_values(["seq", "_n"]).reset_index(drop=True)
    for col in NESTED:
        records[col] = [json.loads(v) for v in records[col]]
    records = records.reindex(columns=RECORD_COLUMNS)
    arts = result[result["row_type"] == "article"].sort_values("seq")
    summary = summary_rows(list(zip(arts["article_id"], arts["source"], strict=True)), records, key)
    write_table(records, job.out, RECORD)
    write_table(pd.DataFrame(summary), job.summary, SUMMARY)
    write_table(pd.DataFrame(errors, columns=ERROR.names), job.errors, ERROR)
    texts = arts[arts["html_text"].notna()]
    if len(texts):
        write_table(
            pd.DataFrame(
                {
                    "article_id": texts["article_id"],
                    "source": texts["source"],
                    "text": texts["html_text"],
                }
            ),
            job.texts,
            TEXT,
        )
    counts = {
        "articles": n_items,
        "scored": len(summary),
        "errors": len(errors),
        "statements": len(records),
        "reconciled": n_items == len(summary) + len(errors),
        "seconds": round(time.perf_counter() - t0, 2),
        "model_uri": resolved,
        "stance": dict(Counter(records["stance"])),
        "devices": dict(Counter(d for ds in records["devices"] for d in ds)),
    }
    print(
        f"articles: {counts['articles']} (scored {counts['scored']}, errors {counts['errors']}), "
        f"statements: {counts['statements']}, seconds: {counts['seconds']}, "
        f"{'reconciled' if counts['reconciled'] else 'NOT RECONCILED'} -> {job.out} (spark)",
        file=sys.stderr,
    )
    return counts
