"""Write tables by extension (parquet/jsonl/csv) atomically: temp file, fsync, rename."""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

NESTED = ("stance_scores", "devices", "device_scores")
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


def _arrow(frame: pd.DataFrame) -> pa.Table:
    fields = []
    for col in frame.columns:
        if col in ("stance_scores", "device_scores"):
            fields.append(pa.field(col, pa.map_(pa.string(), pa.float64())))
        elif col == "devices":
            fields.append(pa.field(col, pa.list_(pa.string())))
        elif col in ("start", "end", "statements") or col.startswith("n_"):
            fields.append(pa.field(col, pa.int64()))
        else:
            fields.append(pa.field(col, pa.string()))
    data = {}
    for f in fields:
        values = frame[f.name].tolist()
        if pa.types.is_map(f.type):
            values = [list(v.items()) if isinstance(v, dict) else v for v in values]
        elif pa.types.is_integer(f.type):
            values = [None if v is None or v != v else int(v) for v in values]
        elif pa.types.is_string(f.type):
            values = [
                None if v is None or (isinstance(v, float) and v != v) else str(v) for v in values
            ]
        data[f.name] = pa.array(values, type=f.type)
    return pa.table(data, schema=pa.schema(fields))


def write_table(frame: pd.DataFrame, path: Path) -> None:
    """One frame to ``path`` by its extension, atomically."""
    write_stream([frame], path, list(frame.columns))


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


def write_stream(frames, path: Path, columns: list[str]) -> None:
    """Write frames one after another into ``path`` (temp file, then rename): memory stays flat."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in (".parquet", ".jsonl", ".csv"):
        raise ValueError(f"{path}: unknown output type (use .parquet, .jsonl or .csv)")
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    os.close(fd)
    writer = None
    try:
        empty = _arrow(pd.DataFrame({c: [] for c in columns}))
        writer = pq.ParquetWriter(tmp, empty.schema) if suffix == ".parquet" else None
        with open(tmp, "ab") as fh:
            header = True
            for frame in frames:
                frame = frame.reindex(columns=columns)
                if writer is not None:
                    if len(frame):
                        writer.write_table(_arrow(frame))
                elif suffix == ".jsonl":
                    fh.write(
                        "".join(
                            json.dumps(_plain(r), ensure_ascii=False) + "\n"
                            for r in frame.to_dict("records")
                        ).encode("utf-8")
                    )
                else:
                    flat = frame.copy()
                    for col in NESTED:
                        if col in flat:
                            flat[col] = [
                                json.dumps(_plain(v), ensure_ascii=False) for v in flat[col]
                            ]
                    fh.write(flat.to_csv(index=False, header=header).encode("utf-8"))
                    header = False
            if suffix == ".csv" and header:
                fh.write(pd.DataFrame(columns=columns).to_csv(index=False).encode("utf-8"))
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
