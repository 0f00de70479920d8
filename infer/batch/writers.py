"""Write tables by extension (parquet/jsonl/csv) atomically: temp file, fsync, rename."""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from infer.batch.schema import nested, to_arrow

# RFC 4180 rows: with "\r\n" as the row end, the csv module also quotes a field holding a bare "\r"
# (with "\n" alone it writes it raw, and every reader then splits the record there).
CRLF = "\r\n"
_UMASK = os.umask(0)
os.umask(_UMASK)


def atomic_write(path: Path, data: bytes) -> None:
    """Readers see the old file or the whole new one, never a partial file."""
    path = Path(path)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, 0o666 & ~_UMASK)  # mkstemp makes 0600; outputs get the usual permissions
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_table(frame: pd.DataFrame, path: Path, schema: pa.Schema) -> None:
    """One frame to ``path`` by its extension, with ``schema``'s columns and types, atomically."""
    write_stream([frame], path, schema)


def _plain(value):
    """JSON-safe: numpy scalars/arrays, Arrow map pairs and NaN made plain."""
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if hasattr(value, "tolist") and not isinstance(value, str):
        value = value.tolist()
    if isinstance(value, list):
        if value and all(isinstance(x, tuple) and len(x) == 2 for x in value):
            return {k: _plain(v) for k, v in value}
        return [_plain(v) for v in value]
    if isinstance(value, float) and value != value:
        return None
    return value


def read_parts(folder: Path, kind: str) -> pd.DataFrame:
    """Concatenate committed part files of one kind (records/summary/errors) in chunk order."""
    frames = []
    for done in sorted(Path(folder).glob("part-*.done")):
        part = done.with_name(done.name.replace(".done", f".{kind}.parquet"))
        frames.append(pq.read_table(part).to_pandas(maps_as_pydicts="strict"))
    frames = [f for f in frames if len(f)]
    return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame()


def iter_parts(folder: Path, kind: str):
    """Committed part frames of one kind, in chunk order, one at a time (bounded memory)."""
    for done in sorted(Path(folder).glob("part-*.done")):
        part = done.with_name(done.name.replace(".done", f".{kind}.parquet"))
        yield pq.read_table(part).to_pandas(maps_as_pydicts="strict")


def write_stream(frames, path: Path, schema: pa.Schema) -> None:
    """Write frames one after another into ``path`` (temp file, then rename): memory stays flat."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in (".parquet", ".jsonl", ".csv"):
        raise ValueError(f"{path}: unknown output type (use .parquet, .jsonl or .csv)")
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    os.close(fd)
    writer = None
    try:
        columns = schema.names
        writer = pq.ParquetWriter(tmp, schema) if suffix == ".parquet" else None
        with open(tmp, "ab") as fh:
            header = True
            for frame in frames:
                frame = frame.reindex(columns=columns)
                if writer is not None:
                    if len(frame):
                        writer.write_table(to_arrow(frame, schema))
                elif suffix == ".jsonl":
                    fh.write(
                        "".join(
                            json.dumps(_plain(r), ensure_ascii=False) + "\n"
                            for r in frame.to_dict("records")
                        ).encode("utf-8")
                    )
                else:
                    flat = frame.copy()
                    for col in nested(schema):
                        if col in flat:
                            flat[col] = [
                                json.dumps(_plain(v), ensure_ascii=False) for v in flat[col]
                            ]
                    fh.write(flat.to_csv(index=False, header=header, lineterminator=CRLF).encode())
                    header = False
            if suffix == ".csv" and header:
                fh.write(
                    pd.DataFrame(columns=columns).to_csv(index=False, lineterminator=CRLF).encode()
                )
            if writer is not None:
                writer.close()
                writer = None
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, 0o666 & ~_UMASK)
        os.replace(tmp, path)
    except BaseException:
        if writer is not None:
            writer.close()
        Path(tmp).unlink(missing_ok=True)
        raise
