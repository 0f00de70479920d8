"""Splice ``## `` sections into bench/RESULTS.md: the named ones are replaced (or appended when
missing), every other section is kept byte for byte."""

from __future__ import annotations

import re
from pathlib import Path

RESULTS = Path(__file__).resolve().parent / "RESULTS.md"
_HEADING = re.compile(r"^## ", flags=re.M)


def split_sections(text: str) -> list[str]:
    """The text before the first ``## `` heading, then each section up to the next heading."""
    starts = [0, *(m.start() for m in _HEADING.finditer(text) if m.start() > 0), len(text)]
    return [text[a:b] for a, b in zip(starts, starts[1:], strict=False)]


def heading_key(section: str) -> str:
    """A section's identity: its heading line up to the first `` (`` (the rest carries figures)."""
    return section.split("\n", 1)[0].split(" (", 1)[0].rstrip()


def replace_section(text: str, prefix: str, new: str) -> str:
    """``text`` with the first section whose heading starts with ``prefix`` replaced by ``new``;
    ``new`` is appended after a blank line when no heading matches."""
    body = new.rstrip("\n") + "\n"
    parts = split_sections(text)
    for i, part in enumerate(parts):
        if part.startswith("## ") and part.startswith(prefix):
            parts[i] = body + ("\n" if i + 1 < len(parts) else "")
            return "".join(parts)
    if text and not text.endswith("\n"):
        text += "\n"
    return text + ("\n" if text and not text.endswith("\n\n") else "") + body


def splice(text: str, new: str) -> str:
    """``text`` with each ``## `` section of ``new`` replacing the one with the same heading key."""
    for part in split_sections(new):
        if part.startswith("## "):
            text = replace_section(text, heading_key(part), part)
    return text


def write_sections(new: str, path: Path = RESULTS) -> None:
    """Splice the sections of ``new`` into the file at ``path`` (created when missing)."""
    text = path.read_text("utf-8") if path.exists() else ""
    path.write_text(splice(text, new), "utf-8")
