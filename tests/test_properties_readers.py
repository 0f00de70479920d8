"""Property tests of the readers: any input, in any format, is an article or a recorded error."""

from __future__ import annotations

import io
import json
import sys
import tempfile
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from hypothesis import given
from hypothesis import strategies as st

from infer.batch.readers import Article, InputError, ReadOptions, iter_inputs
from infer.errors import QuotelensError

MAX_CHARS = 300
OPTS = ReadOptions(max_chars=MAX_CHARS)

# Short texts from all of Unicode (surrogates, controls and NUL included), sometimes over the limit.
texts = st.one_of(
    st.text(max_size=40),
    st.text(alphabet="ab “”\"'’.,\n\r\t", max_size=40),
    st.sampled_from(["lone \ud83d surrogate", "\udc80", "nul\x00byte", "\ufeffbom"]),
    st.integers(MAX_CHARS - 2, MAX_CHARS + 40).map(lambda n: "w" * n),
)
ids = st.one_of(
    st.sampled_from(
        ["a1", "a1", "../../etc/passwd", "a/b", "..", "/abs", "C:\\x", "", " ", "x\x00"]
    ),
    st.text(max_size=12),
    st.integers(-5, 5),
)
ENCODINGS = ["utf-8", "utf-8-sig", "latin-1", "utf-16", "cp1252"]


@st.composite
def encoded(draw) -> bytes:
    """A text as bytes in some encoding, or bytes that are no valid text at all."""
    if draw(st.booleans()):
        return draw(st.binary(max_size=60))
    return draw(texts).encode(draw(st.sampled_from(ENCODINGS)), "replace")


@st.composite
def jsonl_line(draw) -> bytes:
    """One line of a JSONL input: a row (good or not), broken JSON, a non-object, junk or blank."""
    kind = draw(st.sampled_from(["row", "row", "broken", "array", "junk", "blank"]))
    if kind == "row":
        row = {
            draw(st.sampled_from(["id", "ID", "name"])): draw(ids),
            draw(st.sampled_from(["text", "text", "body"])): draw(
                st.one_of(texts, st.none(), st.integers(), st.lists(st.integers(), max_size=2))
            ),
        }
        if draw(st.booleans()):
            row["published"] = draw(st.one_of(st.text(max_size=12), st.integers(), st.none()))
        line = json.dumps(row, ensure_ascii=draw(st.booleans())).encode("utf-8", "surrogatepass")
    elif kind == "broken":
        line = ("{" + draw(st.text(max_size=20))).encode("utf-8", "surrogatepass")
    elif kind == "array":
        line = json.dumps(draw(st.lists(st.integers(), max_size=3))).encode()
    elif kind == "junk":
        line = draw(st.binary(min_size=1, max_size=30))
    else:
        line = draw(st.sampled_from([b"", b"  ", b"\t"]))
    return line.replace(b"\n", b" ")


def _blank(line: bytes) -> bool:
    """As the reader judges a line: a byte-order mark alone (files joined together) is no content."""
    return not line.decode("utf-8", "replace").lstrip("\ufeff").strip()


def _csv_field(value: str) -> str:
    return '"' + value.replace('"', '""') + '"'


@st.composite
def csv_file(draw) -> tuple[bytes, int | None]:
    """A CSV and its number of data rows (None when the file is malformed on purpose)."""
    rows = draw(st.lists(st.tuples(ids.map(str), texts), max_size=6))
    header = draw(st.sampled_from(["id,text", "id,text,published", "name,body"]))
    width = header.count(",") + 1
    lines = [header] + [
        ",".join([_csv_field(i), _csv_field(t.replace("\x00", ""))] + ['""'] * (width - 2))
        for i, t in rows
    ]
    data = "\n".join(lines) + "\n"
    damage = draw(st.sampled_from(["none", "none", "extra_field", "open_quote", "encoding"]))
    if damage == "extra_field":
        return (data + '"x","y","z","w"\n').encode("utf-8", "surrogatepass"), None
    if damage == "open_quote":
        return (data + '"never closed,\n').encode("utf-8", "surrogatepass"), None
    if damage == "encoding":
        return data.encode(draw(st.sampled_from(ENCODINGS)), "replace"), None
    return data.encode("utf-8", "replace"), len(rows)


def _utf8(text: str) -> str:
    """What a Parquet string can hold (valid UTF-8: no lone surrogates)."""
    return text.encode("utf-8", "replace").decode("utf-8")


@st.composite
def parquet_file(draw) -> pa.Table:
    n = draw(st.integers(0, 5))
    id_type = draw(st.sampled_from([pa.string(), pa.int64()]))
    id_values = (st.text(max_size=8) if id_type == pa.string() else st.integers(-9, 9)) | st.none()
    columns = {
        draw(st.sampled_from(["id", "name"])): pa.array(
            draw(st.lists(id_values, min_size=n, max_size=n)), id_type
        ),
        "text": pa.array(
            draw(st.lists(texts.map(_utf8) | st.none(), min_size=n, max_size=n)), pa.string()
        ),
    }
    return pa.table(columns)


def _check_items(items: list) -> None:
    """What every reader promises of each item, whatever the input."""
    seen = set()
    for item in items:
        assert isinstance(item, Article | InputError), item
        if isinstance(item, InputError):
            assert item.reason and "\n" not in item.reason
            continue
        assert item.id not in seen, f"duplicate id {item.id!r} not refused"
        seen.add(item.id)
        assert item.text.strip() and len(item.text) <= MAX_CHARS
        assert "\x00" not in item.text and "\r" not in item.text
        # Every article can be written out: no lone surrogates in its text or id.
        item.text.encode("utf-8")
        item.id.encode("utf-8")


def _read(paths: list[str]) -> list:
    try:
        return list(iter_inputs(paths, OPTS))
    except QuotelensError as err:  # the project's own error is allowed, as one line
        assert "\n" not in str(err)
        return []


@given(
    st.lists(st.tuples(st.sampled_from([".txt", ".md", ".html", ".htm"]), encoded()), max_size=5)
)
def test_documents_are_each_one_article_or_one_error(docs):
    with tempfile.TemporaryDirectory() as tmp:
        paths = []
        for k, (suffix, data) in enumerate(docs):
            # Two files of the same name in different folders: the second is a duplicate id.
            path = Path(tmp) / f"d{k % 2}" / f"doc{k // 2}{suffix}"
            path.parent.mkdir(exist_ok=True)
            path.write_bytes(data)
            paths.append(str(path))
        items = _read([tmp])
        _check_items(items)
        assert sorted(i.source if isinstance(i, Article) else i.input for i in items) == sorted(
            paths
        )


@given(st.lists(jsonl_line(), max_size=8), st.booleans())
def test_jsonl_accounts_for_every_line(lines, crlf):
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "in.jsonl"
        path.write_bytes((b"\r\n" if crlf else b"\n").join(lines))
        items = _read([str(path)])
    _check_items(items)
    expected = [f"{path}:{n}" for n, line in enumerate(lines, 1) if not _blank(line)]
    assert [i.source if isinstance(i, Article) else i.input for i in items] == expected


@given(st.lists(jsonl_line(), max_size=8))
def test_stdin_accounts_for_every_line(lines):
    data = b"\n".join(lines)
    saved = sys.stdin
    # As a real stdin is: text over a byte stream, strict UTF-8, universal newlines.
    sys.stdin = io.TextIOWrapper(io.BytesIO(data), encoding="utf-8")
    try:
        items = _read(["-"])
    finally:
        sys.stdin = saved
    _check_items(items)
    expected = [f"<stdin>:{n}" for n, line in enumerate(lines, 1) if not _blank(line)]
    assert [i.source if isinstance(i, Article) else i.input for i in items] == expected


@given(csv_file())
def test_csv_accounts_for_every_row(table):
    data, n_rows = table
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "in.csv"
        path.write_bytes(data)
        items = _read([str(path)])
    _check_items(items)
    where = [i.source if isinstance(i, Article) else i.input for i in items]
    file_errors = [i for i in items if isinstance(i, InputError) and i.input == str(path)]
    if n_rows is None:  # malformed: rows up to the damage, then one error naming the file
        assert where == [f"{path}:{n}" for n in range(2, 2 + len(where))] or file_errors
    elif file_errors:  # no id/text column: one error for the whole table
        assert len(items) == 1 and "column" in file_errors[0].reason
    else:
        assert where == [f"{path}:{n}" for n in range(2, 2 + n_rows)]


@given(parquet_file(), st.booleans())
def test_parquet_accounts_for_every_row(table, corrupt):
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "in.parquet"
        pq.write_table(table, path)
        if corrupt:
            path.write_bytes(path.read_bytes()[: len(path.read_bytes()) // 2])
        items = _read([str(path)])
    _check_items(items)
    where = [i.source if isinstance(i, Article) else i.input for i in items]
    if corrupt or "id" not in table.column_names:
        assert where == [str(path)]
    else:
        assert where == [f"{path}:{n}" for n in range(1, table.num_rows + 1)]


@pytest.fixture(scope="module")
def mixed_folder(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("mixed")
    (root / "a.txt").write_text("The minister said the talks would resume.", "utf-8")
    (root / "b.jsonl").write_text('{"id": "a.txt", "text": "Same id as the file."}\n', "utf-8")
    (root / "c.csv").write_text("id,text\nc1,One row.\n", "utf-8")
    (root / "x.pdf").write_bytes(b"%PDF-1.4")
    return root


@given(st.lists(st.sampled_from(["a.txt", "b.jsonl", "c.csv", "missing.txt", "x.pdf"]), max_size=6))
def test_mixed_inputs_are_all_accounted_for(mixed_folder, names):
    # Each name yields one item (a file read twice: its rows become duplicate-id errors).
    items = _read([str(mixed_folder / n) for n in names])
    _check_items(items)
    assert len(items) == len(names)


def test_huge_fields_are_refused_by_length_not_by_a_crash(tmp_path):
    big = "x" * 600_000  # over the default --max-chars, and over csv's 131,072 field limit
    (tmp_path / "big.jsonl").write_text(json.dumps({"id": "j", "text": big}) + "\n", "utf-8")
    (tmp_path / "big.csv").write_text(f"id,text\nc,{big}\nd,small\n", "utf-8")
    items = list(iter_inputs([str(tmp_path / "big.jsonl"), str(tmp_path / "big.csv")]))
    assert [type(i).__name__ for i in items] == ["InputError", "InputError", "Article"]
    assert all("over the limit" in i.reason for i in items[:2])


def test_utf16_text_with_a_bom_is_read_as_text(tmp_path):
    text = "The minister said “we will rebuild” — Київ, ‘today’."
    for n, encoding in enumerate(["utf-16", "utf-16-be", "utf-8-sig"]):
        data = text.encode(encoding)
        if encoding == "utf-16-be":
            data = b"\xfe\xff" + data
        (tmp_path / f"a{n}.txt").write_bytes(data)
    items = list(iter_inputs([str(tmp_path)]))
    assert [i.text for i in items] == [text] * 3
