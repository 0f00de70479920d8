"""Article dates for the timeline: the input's date column, HTML metadata, or the dateline."""

from __future__ import annotations

import re
from datetime import date

_NAMES = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
MONTHS = {m: i for i, m in enumerate(_NAMES, 1)}
_MON = rf"({'|'.join(_NAMES)})[a-z]*\.?"
ISO = re.compile(r"^\s*(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})")
DAY_MONTH_YEAR = re.compile(rf"\b(\d{{1,2}})\s+{_MON},?\s+(\d{{4}})\b", re.I)
MONTH_DAY_YEAR = re.compile(rf"\b{_MON}\s+(\d{{1,2}}),?\s+(\d{{4}})\b", re.I)
# "SANAA/DUBAI, Jan 12, 2024 (Reuters) —", "Published 12 March 2024", a date alone on a line.
DATELINE = re.compile(r"^(?:[A-Z][A-Za-z .'’/-]{1,40},\s*|(?:published|updated)[: ]\s*)?", re.I)
STARTS_WITH_DATE = re.compile(rf"(\d|{_MON})", re.I)
HEAD_CHARS = 600


def _valid(y: int, m: int, d: int) -> str:
    try:
        return date(y, m, d).isoformat()
    except ValueError:
        return ""


def iso_date(value: str) -> str:
    """YYYY-MM-DD from an ISO-like value or '12 Jan 2024' / 'January 12, 2024'; '' otherwise."""
    if m := ISO.match(value or ""):
        return _valid(int(m[1]), int(m[2]), int(m[3]))
    if m := DAY_MONTH_YEAR.search(value or ""):
        return _valid(int(m[3]), MONTHS[m[2][:3].lower()], int(m[1]))
    if m := MONTH_DAY_YEAR.search(value or ""):
        return _valid(int(m[3]), MONTHS[m[1][:3].lower()], int(m[2]))
    return ""


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
