"""Article dates for the timeline: the input's date column, HTML metadata, or the dateline."""

from __future__ import annotations

import re

from infer.batch.dates import iso_date

__all__ = ["dateline_date", "iso_date"]

_MON = r"(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?"
# "SANAA/DUBAI, Jan 12, 2024 (Reuters) —", "Published 12 March 2024", a date alone on a line.
DATELINE = re.compile(r"^(?:[A-Z][A-Za-z .'’/-]{1,40},\s*|(?:published|updated)[: ]\s*)?", re.I)
STARTS_WITH_DATE = re.compile(rf"(\d|{_MON})", re.I)
HEAD_CHARS = 600


def dateline_date(text: str) -> str:
    """The date a page states at its top: a dateline or a date line (not a date in the story)."""
    for line in (text or "")[:HEAD_CHARS].splitlines():
        line = line.strip()
        if not line:
            continue
        lead = DATELINE.match(line)
        rest = line[lead.end() :] if lead else line
        if STARTS_WITH_DATE.match(rest) and (found := iso_date(rest[:40])):
            return found
    return ""
