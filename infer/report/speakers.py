"""Speakers across articles: drop values that are no speaker, merge the rest by resolved name.

Extraction should never emit a channel or a dateline as a speaker; the report checks again so a
stray one never reaches an analyst's chart.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass

# Platforms carry statements; they never make them.
CHANNELS = frozenset(
    {
        "telegram",
        "twitter",
        "x",
        "x (formerly twitter)",
        "facebook",
        "instagram",
        "youtube",
        "tiktok",
        "whatsapp",
        "weibo",
        "wechat",
        "vk",
        "vkontakte",
        "threads",
        "bluesky",
        "truth social",
    }
)
# Agency tags of a dateline ("(Reuters) —"), not speakers of the statements below them.
WIRE_TAGS = frozenset({"reuters", "afp", "ap", "wire", "associated press", "agence france-presse"})
MONTH = r"(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
DATELIKE = re.compile(rf"\b{MONTH}\s*\d|^\d|\d{{4}}", re.I)
APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"'})


@dataclass(frozen=True)
class Speaker:
    """One speaker of the report: its display name, the forms it was written in, its statements."""

    name: str
    forms: tuple[str, ...]
    statements: int


def key(name: str) -> str:
    """The merge key of a resolved name: case, spacing, curly marks and a leading 'the' ignored."""
    k = " ".join(name.translate(APOSTROPHES).lower().split()).strip(" .,:;\"'")
    return k.removeprefix("the ")


def not_a_speaker(name: str, context: str = "") -> str:
    """Why ``name`` cannot be a speaker ('' when it may be one)."""
    k = key(name)
    if not k:
        return ""
    if k in CHANNELS:
        return "channel"
    if k in WIRE_TAGS or "(" in name or ")" in name or DATELIKE.search(name):
        return "dateline"
    if k.startswith("by "):
        return "byline"
    letters = re.sub(r"[^A-Za-z]", "", name)
    shouting = letters.isupper() and len(letters) > 1
    if shouting and ("/" in name or len(name.split()) > 1):
        return "dateline"  # SANAA/DUBAI, TEL AVIV
    after = context.lstrip()[len(name) : len(name) + 2] if context.lstrip().startswith(name) else ""
    if (shouting and after[:1] == ",") or after == " (":
        return "dateline"  # the paragraph opens with it: "GAZA, ..."
    return ""


def _short_to_full(names: set[str]) -> dict[str, str]:
    """One-word keys that name exactly one multi-word key ('kim' -> 'kim yo jong' when unique)."""
    by_word: dict[str, set[str]] = defaultdict(set)
    for n in names:
        words = n.split()
        if len(words) > 1:
            by_word[words[0]].add(n)
            by_word[words[-1]].add(n)
    return {
        n: next(iter(by_word[n])) for n in names if " " not in n and len(by_word.get(n, ())) == 1
    }


def merge(rows: list[dict]) -> tuple[list[str], Counter]:
    """The merged speaker key of each row ('' unknown) and the count of dropped values by reason.

    A one-word name joins the only fuller name holding that word within its article; across
    articles only equal names merge ('Hezbollah' elsewhere is not 'Kataib Hezbollah').
    """
    dropped: Counter = Counter()
    keys = []
    for r in rows:
        why = not_a_speaker(r["speaker"], r.get("context", ""))
        if why:
            dropped[why] += 1
        keys.append("" if why else key(r["speaker"]))
    per_article: dict[str, set[str]] = defaultdict(set)
    for r, k in zip(rows, keys, strict=True):
        if k:
            per_article[r["article_id"]].add(k)
    local = {a: _short_to_full(ks) for a, ks in per_article.items()}
    keys = [local[r["article_id"]].get(k, k) if k else k for r, k in zip(rows, keys, strict=True)]
    return keys, dropped


def speakers(rows: list[dict], keys: list[str], counts: Counter) -> dict[str, Speaker]:
    """Merged key -> Speaker (display name: the fullest, then most frequent resolved form).

    ``counts`` holds each key's statements after duplicates are collapsed.
    """
    names: dict[str, Counter] = defaultdict(Counter)
    forms: dict[str, set[str]] = defaultdict(set)
    for r, k in zip(rows, keys, strict=True):
        if k:
            names[k][r["speaker"].strip()] += 1
            forms[k].update(f for f in (r["speaker"].strip(), r["speaker_surface"].strip()) if f)
    out = {}
    for k, seen in names.items():
        name = max(seen, key=lambda n: (len(n.split()), seen[n], n))
        out[k] = Speaker(name, tuple(sorted(forms[k] - {name})), counts.get(k, 0))
    return out
