"""Article dates for scored records: the input's date column, the page metadata, or the dateline."""

from __future__ import annotations

import re
from datetime import date

from infer.extraction.structure import page_structure

_NAMES = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
MONTHS = {m: i for i, m in enumerate(_NAMES, 1)}
_MON = rf"({'|'.join(_NAMES)})[a-z]*\.?"
ISO = re.compile(r"^\s*(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})")
DAY_MONTH_YEAR = re.compile(rf"\b(\d{{1,2}})\s+{_MON},?\s+(\d{{4}})\b", re.I)
MONTH_DAY_YEAR = re.compile(rf"\b{_MON}\s+(\d{{1,2}}),?\s+(\d{{4}})\b", re.I)


def _valid(y: int, m: int, d: int) -> str:
    try:
        return date(y, m, d).isoformat()
    except ValueError:
        return ""


def iso_date(value: object) -> str:
    """YYYY-MM-DD from an ISO-like value or '12 Jan 2024' / 'January 12, 2024'; '' otherwise."""
    text = "" if value is None else str(value)
    if m := ISO.match(text):
        return _valid(int(m[1]), int(m[2]), int(m[3]))
    if m := DAY_MONTH_YEAR.search(text):
        return _valid(int(m[3]), MONTHS[m[2][:3].lower()], int(m[1]))
    if m := MONTH_DAY_YEAR.search(text):
        return _valid(int(m[3]), MONTHS[m[1][:3].lower()], int(m[2]))
    return ""


def article_date(published: str, text: str) -> str:
    """The date an input gave (row column or HTML metadata), else the one its dateline or date
    line states (the extraction structure pass); '' when neither carries a year."""
    return iso_date(published) or iso_date(page_structure(text).date)
