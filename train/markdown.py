"""Replace generated blocks (``<!-- NAME:begin -->`` … ``<!-- NAME:end -->``) in Markdown files."""

from __future__ import annotations

from pathlib import Path

from infer.errors import QuotelensError


def replace_block(path: str | Path, name: str, text: str) -> None:
    path = Path(path)
    begin, end = f"<!-- {name}:begin -->", f"<!-- {name}:end -->"
    doc = path.read_text("utf-8")
    if begin not in doc or end not in doc:
        raise QuotelensError(f"{path}: add the markers {begin} and {end} where the table goes")
    head, rest = doc.split(begin, 1)
    path.write_text(f"{head}{begin}\n{text.strip()}\n{end}{rest.split(end, 1)[1]}", "utf-8")


def table(header: tuple[str, ...], rows: list[tuple], right: tuple[int, ...] = ()) -> str:
    """A Markdown table; the columns numbered in ``right`` are right-aligned."""
    rule = "".join("---:|" if i in right else "---|" for i in range(len(header)))
    lines = ["| " + " | ".join(header) + " |", "|" + rule]
    lines += ["| " + " | ".join(str(c) for c in r) + " |" for r in rows]
    return "\n".join(lines)
