"""Inputs read by Spark: one DataFrame of raw rows (file bytes, JSON lines, table rows) to parse.

The driver lists file names only (local folders as the local engine expands them, Hadoop URIs
through Hadoop's FileSystem); file contents and rows are read by Spark on the executors.
"""

from __future__ import annotations

from pathlib import Path

from infer.batch.readers import (
    HTML_SUFFIXES,
    SUFFIXES,
    TEXT_SUFFIXES,
    ReadOptions,
    date_column,
    expand,
)
from infer.errors import QuotelensError

RAW_FIELDS = [
    ("file_idx", "long"),
    ("n", "long"),
    ("kind", "string"),
    ("source", "string"),
    ("name", "string"),
    ("content", "binary"),
    ("line", "binary"),
    ("id", "string"),
    ("text", "string"),
    ("published", "string"),
    ("context", "string"),
    ("csv", "boolean"),
    ("error", "string"),
]


def is_uri(name: str) -> bool:
    return "://" in name or name.startswith("file:")


def list_inputs(spark, inputs: list[str]) -> list[str]:
    """Every input file, in the local engine's order; Hadoop URIs listed through Hadoop."""
    out: list[str] = []
    for raw in inputs:
        if raw == "-":
            raise QuotelensError(
                "--engine spark cannot read stdin ('-'); write the lines to a file"
            )
        out += _hadoop_expand(spark, raw) if is_uri(raw) else expand([raw])
    return out


def _hadoop_expand(spark, uri: str) -> list[str]:
    jvm = spark.sparkContext._jvm
    path = jvm.org.apache.hadoop.fs.Path(uri)
    fs = path.getFileSystem(spark.sparkContext._jsc.hadoopConfiguration())
    if not fs.exists(path):
        return [uri]
    if not fs.getFileStatus(path).isDirectory():
        return [str(fs.makeQualified(path).toString())]
    found, files = fs.listFiles(path, True), []
    while found.hasNext():
        name = str(found.next().getPath().toString())
        rel = name[len(str(fs.makeQualified(path).toString())) :].strip("/").split("/")
        if Path(name).suffix.lower() in SUFFIXES and not any(
            x.startswith(".") or x.endswith((".parts", ".spark")) for x in rel
        ):
            files.append(name)
    return sorted(files)


def _qualified(name: str) -> str:
    """The path string Spark's file sources report for ``name``."""
    return name if is_uri(name) else "file:" + str(Path(name).absolute())


def raw_rows(spark, files: list[str], opts: ReadOptions):
    """One DataFrame of raw rows (schema ``RAW_FIELDS``) for every file, read by Spark."""
    from pyspark.sql import functions as F

    schema = ", ".join(f"`{n}` {t}" for n, t in RAW_FIELDS)
    errors, docs, frames = [], {}, []
    for idx, name in enumerate(files):
        suffix = Path(name).suffix.lower()
        if not is_uri(name) and not Path(name).exists():
            errors.append((idx, name, "no such file"))
        elif suffix not in SUFFIXES:
            listed = ", ".join(sorted(SUFFIXES))
            errors.append((idx, name, f"unsupported file type '{suffix}' (use {listed})"))
        elif suffix in TEXT_SUFFIXES | HTML_SUFFIXES:
            docs[_qualified(name)] = (idx, name, Path(name).name)
        elif suffix == ".jsonl":
            lines = spark.sparkContext.textFile(name, use_unicode=False).zipWithIndex()
            frames.append(
                spark.createDataFrame(
                    lines.map(lambda t, i=idx, s=name: (i, t[1] + 1, "jsonl", s, bytearray(t[0]))),
                    "file_idx long, n long, kind string, source string, line binary",
                )
            )
        else:
            table, first = _table(spark, name, suffix)
            missing = [c for c in (opts.id_column, opts.text_column) if c not in table.columns]
            if missing:
                errors.append((idx, name, _missing(missing, table.columns)))
                continue
            wanted = [opts.id_column, opts.text_column, date_column(table.columns, opts), "context"]
            cols = [
                F.col(f"`{c}`").cast("string") if c in table.columns else F.lit(None)
                for c in wanted
            ]
            rows = table.select(*cols).rdd.zipWithIndex()
            frames.append(
                spark.createDataFrame(
                    rows.map(
                        lambda t, i=idx, s=name, f=first, csv=suffix == ".csv": (
                            i,
                            t[1] + f,
                            "row",
                            s,
                            *t[0],
                            csv,
                        )
                    ),  # fmt: skip
                    "file_idx long, n long, kind string, source string, id string, text string, "
                    "published string, context string, csv boolean",
                )
            )
    if docs:
        frames.append(_documents(spark, docs))
    if errors:
        frames.append(
            spark.createDataFrame(
                [(i, 0, "error", s, e) for i, s, e in errors],
                "file_idx long, n long, kind string, source string, error string",
            )
        )
    empty = spark.createDataFrame([], schema)
    for frame in frames:
        empty = empty.unionByName(frame, allowMissingColumns=True)
    return empty


def _documents(spark, docs: dict):
    """Text and HTML files as (path, bytes) rows, named and numbered as the local engine does."""
    from pyspark.sql import functions as F

    index = spark.createDataFrame(
        [(q, i, s, n) for q, (i, s, n) in docs.items()],
        "path string, file_idx long, source string, name string",
    )
    files = spark.read.format("binaryFile").load(list(docs)).select("path", "content")
    return files.join(F.broadcast(index), "path").select(
        "file_idx", F.lit(0).cast("long").alias("n"), F.lit("doc").alias("kind"), "source",
        "name", "content",
    )  # fmt: skip


def _table(spark, name: str, suffix: str):
    if suffix == ".parquet":
        return spark.read.parquet(name), 1
    reader = spark.read.option("header", True).option("multiLine", True).option("escape", '"')
    return reader.csv(name), 2


def _missing(missing: list[str], columns: list[str]) -> str:
    return (
        f"table has no column(s) {', '.join(missing)} "
        f"(has {', '.join(map(str, columns[:8]))}; use --id-column/--text-column)"
    )
