"""What the parser needs to see: sentences that may hold a statement (quote marks or an inflected
cue verb) and the sentence before each, with the words inside standalone quotations blanked.

Blanking replaces characters by spaces, so offsets into the article stay valid and a blanked run
costs the parser one whitespace token instead of a sentence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from infer.extraction.lexicon import word_list, words

QUOTE_MARKS = '“”„«»‘’‚"'
OPENING_MARKS = '“„«‘"'
# A sentence ends at . ? ! or … (closing marks and brackets may follow) before a capital, digit
# or opening mark; a paragraph break always ends one.
SENTENCE_END = re.compile(r"(?<=[.?!…])[”\"’»)]*\s+(?=[“\"‘«(]?[A-Z0-9])|\n+")
ISSUE_LEMMAS = words("speakers", "issue_lemmas")
IRREGULAR = frozenset({"said", "told", "thought", "wrote", "written", "according", "pled"})


@dataclass(frozen=True)
class View:
    """One region as the parser sees it: ``text`` has the article's offsets from ``start``."""

    start: int
    text: str


def _forms(lemma: str) -> set[str]:
    """Regular inflections of a verb lemma (over-generating is harmless: a form never written
    never matches)."""
    out = {lemma}
    if lemma.endswith("y") and lemma[-2:-1] not in "aeiou":
        out |= {lemma[:-1] + "ies", lemma[:-1] + "ied", lemma + "ing"}
    elif lemma.endswith("e"):
        out |= {lemma + "s", lemma + "d", lemma[:-1] + "ing"}
    else:
        sibilant = lemma.endswith(("s", "sh", "ch", "x", "z"))
        out |= {lemma + ("es" if sibilant else "s"), lemma + "ed", lemma + "ing"}
        out |= {lemma + lemma[-1] + "ed", lemma + lemma[-1] + "ing"}  # admitted, regretting
    return out


@cache
def cue_pattern() -> re.Pattern:
    """Whole-word inflected forms of every cue lemma, the listed cue forms and irregular pasts."""
    forms = set(IRREGULAR) | words("cues", "cue_forms")
    # Issuing verbs too: "X issued a statement" names who "the statement" is.
    for lemma in words("cues", "cue_lemmas") | words("cues", "as_lemmas") | ISSUE_LEMMAS:
        forms |= _forms(lemma)
    alternatives = "|".join(sorted((re.escape(f) for f in forms), key=len, reverse=True))
    return re.compile(rf"\b(?:{alternatives})\b", re.I)


def may_hold_statement(text: str) -> bool:
    """True when ``text`` has a quotation mark or an inflected cue verb, or ends in a colon."""
    # A sentence ending in a colon introduces a quotation or a statement printed in full.
    return (
        any(c in text for c in QUOTE_MARKS)
        or text.rstrip().endswith(":")
        or bool(cue_pattern().search(text))
    )


@cache
def _abbreviations() -> frozenset[str]:
    return frozenset(w.lower() for w in word_list("speakers", "rank_abbreviations"))


def _abbreviation_before(text: str, end: int) -> bool:
    """ "Col. Dwayne Fraser", "U.S. forces", "N. Korea": the period ends a word, not a sentence."""
    word = text[max(0, end - 12) : end].split()[-1:]
    if not word or not word[0].endswith("."):
        return False
    w = word[0].lower()
    # "fired on Oct. 8 struck": a month's short form before the day ends no sentence.
    dated = w[:-1] in _month_abbreviations() and text[end : end + 3].strip()[:1].isdigit()
    return dated or w in _abbreviations() or bool(re.fullmatch(r"(?:[a-z]\.)+", w))


@cache
def _month_abbreviations() -> frozenset[str]:
    return frozenset(m.lower() for m in word_list("structure", "months") if len(m) <= 4)


def sentences(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Cheap sentence ranges of ``text[start:end]`` (article offsets), by punctuation."""
    out, pos = [], start
    for m in SENTENCE_END.finditer(text, start, end):
        if m.group(0)[:1] != "\n" and _abbreviation_before(text, m.start()):
            continue
        if m.start() > pos:
            out.append((pos, m.start()))
        pos = m.end()
    if end > pos:
        out.append((pos, end))
    return out


def kept_sentences(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The sentences that may hold a statement, and the one before each (it often names the
    speaker a quotation or pronoun goes back to)."""
    sents = sentences(text, start, end)
    # A paragraph before one that opens with a quotation brings in its speaker ("A senior
    # officer, speaking on condition of anonymity, went further."), often by name in its first
    # sentence and by "she" in the last ("Amina keeps the key …. … she has not slept in it."):
    # it is kept whole.
    after = text[end : end + 8].lstrip()
    if after and after[0] in OPENING_MARKS:
        return sents
    hit = [may_hold_statement(text[s:e]) for s, e in sents] + [False]
    return [r for k, r in enumerate(sents) if hit[k] or hit[k + 1]]


def blank(chars: list[str], offset: int, spans: list[tuple[int, int]]) -> None:
    """Replace ``spans`` (article offsets) in ``chars`` (starting at ``offset``) by spaces."""
    for s, e in spans:
        for i in range(max(s, offset), min(e, offset + len(chars))):
            if chars[i - offset] not in "\n":
                chars[i - offset] = " "


def quote_interiors(text: str, quotes: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The middle sentences of each standalone quotation (``start``, ``end`` of its words): the
    first and last stay, so the marks and the attribution around them parse as before (blanking
    more words changed attributions on dev)."""
    out = []
    for start, end in quotes:
        sents = sentences(text, start, end)
        if len(sents) > 2:
            out.append((sents[0][1], sents[-1][0]))
    return out


def view(
    text: str, start: int, end: int, quoted: list[tuple[int, int]], filter_sentences: bool = True
) -> View | None:
    """The region ``text[start:end]`` as the parser should see it, or None when nothing in it can
    hold a statement. ``quoted`` are the word spans of standalone quotations."""
    if filter_sentences:
        keep = kept_sentences(text, start, end)
        if not keep:
            return None
        drop, pos = [], start
        for s, e in keep:
            drop.append((pos, s))
            pos = e
        drop.append((pos, end))
    else:
        drop = []
    chars = list(text[start:end])
    blank(chars, start, drop + quote_interiors(text, quoted))
    out = "".join(chars)
    return View(start, out) if out.strip() else None
