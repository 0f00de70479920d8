"""Article inputs: files or folders of txt/md/html, jsonl/csv/parquet tables, or JSON lines on stdin.

Every input yields either an ``Article`` or an ``InputError``, in a deterministic order, so a
batch job can account for each one and resume by position.
"""

from __future__ import annotations

import json
import logging
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from infer.batch.dates import iso_date

log = logging.getLogger("quotelens")

TEXT_SUFFIXES = {".txt", ".md"}
HTML_SUFFIXES = {".html", ".htm"}
TABLE_SUFFIXES = {".jsonl", ".csv", ".parquet"}
SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | TABLE_SUFFIXES
DEFAULT_MAX_CHARS = 500_000


@dataclass(frozen=True)
class ReadOptions:
    """How to read tables and what to refuse."""

    id_column: str = "id"
    text_column: str = "text"
    date_column: str = "published"
    max_chars: int = DEFAULT_MAX_CHARS
    statements: bool = False  # rows are statements (id, text, context) to score without extraction


@dataclass(frozen=True)
class Article:
    id: str
    text: str
    source: str
    published: str = ""
    context: str = ""  # statements mode only
    html: bool = False


@dataclass(frozen=True)
class InputError:
    input: str
    reason: str

    def __post_init__(self) -> None:
        # The reason is one line of the errors file: fold any newline a message may carry
        # (a column name, an exception text) and never leave it empty.
        one_line = " ".join(self.reason.split()) or "unreadable input"
        object.__setattr__(self, "reason", one_line)


Item = Article | InputError


OWN_OUTPUT = re.compile(r"\.(summary|errors)\.csv$|\.texts\.jsonl$")


def _own_output(f: Path, root: Path) -> bool:
    """Hidden files, job parts and quotelens's own sidecar files are never read back as input."""
    rel = f.relative_to(root).parts
    return any(x.startswith(".") or x.endswith((".parts", ".spark")) for x in rel) or bool(
        OWN_OUTPUT.search(f.name)
    )


def expand(inputs: list[str]) -> list[str]:
    """Files in the order given; folders contribute their supported files, sorted."""
    out: list[str] = []
    for raw in inputs:
        if raw == "-":
            out.append("-")
            continue
        p = Path(raw)
        if p.is_dir():
            out += [
                str(f)
                for f in sorted(p.rglob("*"))
                if f.is_file() and f.suffix.lower() in SUFFIXES and not _own_output(f, p)
            ]
        else:
            out.append(str(p))
    return out


def _check_id(raw) -> str | None:
    """A usable article id, or None. Ids never become paths, but control characters are refused."""
    if raw is None:
        return None
    text = str(raw).strip()
    if not text or any(ord(c) < 32 for c in text) or len(text) > 512:
        return None
    return text


UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")


def _decode(data: bytes, where: str, sniff_utf16: bool = True) -> str:
    """UTF-8 (a BOM dropped), UTF-16 when a whole file opens with its BOM, else UTF-8 with a warning."""
    # "Unicode" text as some Windows editors save it
    if sniff_utf16 and data.startswith(UTF16_BOMS):
        return data.decode("utf-16", errors="replace")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        log.warning("%s: not valid UTF-8; decoded with replacement characters", where)
        return data.decode("utf-8", errors="replace")


def _article(aid: str, text: str, source: str, opts: ReadOptions, **kw) -> Item:
    if "\x00" in text:
        return InputError(source, "binary content (NUL bytes); not a text article")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        return InputError(source, "empty article (no text)")
    if len(text) > opts.max_chars:
        return InputError(
            source,
            f"article has {len(text):,} characters, over the limit of "
            f"{opts.max_chars:,} (raise --max-chars to accept it)",
        )
    return Article(aid, text, source, **kw)


def _too_big(size: int, source: str, opts: ReadOptions) -> InputError | None:
    """Refuse a file by its size before reading it (a character takes at most 4 bytes)."""
    if size > 4 * opts.max_chars:
        return InputError(
            source,
            f"file is {size:,} bytes, over the limit of {4 * opts.max_chars:,} bytes for "
            f"--max-chars {opts.max_chars:,} (raise --max-chars to accept it)",
        )
    return None


def document_item(data: bytes, name: str, source: str, opts: ReadOptions) -> Item:
    """One text or HTML file's bytes (by ``name``'s suffix) as an article or the reason it is not."""
    if refused := _too_big(len(data), source, opts):
        return refused
    if Path(name).suffix.lower() in HTML_SUFFIXES:
        return _html_item(_decode(data, source), name, source, opts)
    if b"\x00" in data and not data.startswith(UTF16_BOMS):
        return InputError(source, "binary content (NUL bytes); not a text article")
    return _article(name, _decode(data, source), source, opts)


def _html_item(html: str, name: str, source: str, opts: ReadOptions) -> Item:
    import trafilatura

    text = trafilatura.extract(
        html, include_comments=False, include_tables=False, favor_precision=True
    )
    if not text or not text.strip():
        return InputError(source, "no main text found in the HTML page")
    meta = trafilatura.extract_metadata(html)
    date = iso_date(meta.date) if meta is not None else ""
    return _article(name, text, source, opts, published=date, html=True)


def read_document(path: Path, opts: ReadOptions) -> Item:
    if refused := _too_big(path.stat().st_size, str(path), opts):
        return refused
    return document_item(path.read_bytes(), path.name, str(path), opts)


def date_column(columns, opts: ReadOptions) -> str:
    """The row's date column: ``--date-column`` when the input has it, else a ``date`` column."""
    return opts.date_column if opts.date_column in columns or "date" not in columns else "date"


LONE_SURROGATE = re.compile(r"[\ud800-\udfff]")


def row_item(row: dict, where: str, opts: ReadOptions) -> Item:
    # A JSON escape such as "\\ud83d" decodes to a lone surrogate that no UTF-8 output can hold.
    row = {k: LONE_SURROGATE.sub("\ufffd", v) if isinstance(v, str) else v for k, v in row.items()}
    aid = _check_id(row.get(opts.id_column))
    if aid is None:
        return InputError(where, f"missing or unusable '{opts.id_column}' (use --id-column)")
    text = row.get(opts.text_column)
    if not isinstance(text, str):
        return InputError(where, f"missing '{opts.text_column}' text (use --text-column)")
    context = row.get("context") if opts.statements else ""
    return _article(
        aid,
        text,
        where,
        opts,
        published=iso_date(row.get(date_column(row, opts))),
        context=context if isinstance(context, str) else "",
    )


def jsonl_item(line: bytes | str, where: str, opts: ReadOptions) -> Item | None:
    """One JSON line as an article or an error; None for a blank line."""
    if isinstance(line, bytes):
        line = _decode(line, where, sniff_utf16=False)  # a JSONL line is never UTF-16
    if not line.strip():
        return None
    try:
        row = json.loads(line)
    except json.JSONDecodeError as err:
        return InputError(
            where,
            f"invalid JSON ({err.msg.removesuffix(' at')}, column {err.colno}); "
            "fix or remove the line",
        )
    if not isinstance(row, dict):
        return InputError(where, "a line must be a JSON object")
    return row_item(row, where, opts)


def read_jsonl(lines, name: str, opts: ReadOptions) -> Iterator[Item]:
    for n, line in enumerate(lines, 1):
        if (item := jsonl_item(line, f"{name}:{n}", opts)) is not None:
            yield item


def read_table(path: Path, opts: ReadOptions, chunk_rows: int = 2048) -> Iterator[Item]:
    """CSV or Parquet in row batches (bounded memory)."""
    import pandas as pd
    import pyarrow.parquet as pq

    if path.suffix.lower() == ".parquet":
        pf = pq.ParquetFile(path)
        columns = pf.schema_arrow.names
        batches = (b.to_pandas() for b in pf.iter_batches(batch_size=chunk_rows))
        first_row = 1
    else:
        columns = list(pd.read_csv(path, nrows=0).columns)
        batches = pd.read_csv(path, chunksize=chunk_rows, dtype=str, keep_default_na=False)
        first_row = 2
    missing = [c for c in (opts.id_column, opts.text_column) if c not in columns]
    if missing:
        yield InputError(
            str(path),
            f"table has no column(s) {', '.join(missing)} "
            f"(has {', '.join(map(str, columns[:8]))}; use --id-column/--text-column)",
        )
        return
    n = first_row
    for frame in batches:
        for row in frame.to_dict("records"):
            yield row_item(row, f"{path}:{n}", opts)
            n += 1


def iter_inputs(inputs: list[str], opts: ReadOptions = ReadOptions()) -> Iterator[Item]:
    """Every article (or the reason it cannot be read), in a stable order; duplicate ids refused."""
    seen: dict[str, str] = {}
    for name in expand(inputs):
        for item in _read_one(name, opts):
            if isinstance(item, Article):
                if item.id in seen:
                    item = InputError(
                        item.source, f"duplicate article id '{item.id}' (first in {seen[item.id]})"
                    )
                else:
                    seen[item.id] = item.source
            yield item


def _read_one(name: str, opts: ReadOptions) -> Iterator[Item]:
    if name == "-":
        # The bytes under stdin: invalid UTF-8 is decoded line by line with replacement (as for
        # files) instead of raising from the text layer, and only "\n" ends a line.
        yield from read_jsonl(getattr(sys.stdin, "buffer", sys.stdin), "<stdin>", opts)
        return
    path = Path(name)
    suffix = path.suffix.lower()
    try:
        if not path.exists():
            yield InputError(name, "no such file")
        elif suffix not in SUFFIXES:
            yield InputError(
                name, f"unsupported file type '{suffix}' (use {', '.join(sorted(SUFFIXES))})"
            )
        elif suffix in TEXT_SUFFIXES | HTML_SUFFIXES:
            yield read_document(path, opts)
        elif suffix == ".jsonl":
            with path.open("rb") as fh:
                yield from read_jsonl(fh, name, opts)
        else:
            yield from read_table(path, opts)
    except (OSError, ValueError) as err:
        detail = (str(err).strip().splitlines() or [""])[0][:200]
        yield InputError(name, f"cannot read: {type(err).__name__}: {detail}".rstrip(": "))
