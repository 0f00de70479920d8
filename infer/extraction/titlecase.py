"""Title-case headlines ("Junta Denies Losing Northeastern Command") parsed in sentence case: the
parser reads capitalised verbs and nouns there as names, so a word goes to lower case unless the
article's own sentences write it capitalised (a name) or it is an acronym."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace

from infer.extraction.lexicon import words
from infer.extraction.structure import Structure
from infer.extraction.types import Candidate

WORD = re.compile(r"[A-Za-z][\w’'-]*")
MIN_LONG_WORDS = 3  # words of four letters or more a headline needs to be judged title case
MINOR = words("structure", "title_case_minor_words")


def is_title_case(segment: str) -> bool:
    """Whether every longer word of ``segment`` but a preposition starts with a capital ("Army
    Says It Repelled Dawn Assault"; "Defence Minister Anna Kovacs spoke on Monday" is a sentence)."""
    long_words = [w for w in WORD.findall(segment) if len(w) >= 4 and w.lower() not in MINOR]
    return len(long_words) >= MIN_LONG_WORDS and all(w[0].isupper() for w in long_words)


def proper_words(text: str, structure: Structure) -> frozenset[str]:
    """Words the article's body writes capitalised more often than not inside its sentences (not
    first in a sentence, a line or a quotation): names, in lower case."""
    body = "\n".join(text[r.start : r.end] for r in structure.segments() if r.role == "body")
    upper: Counter[str] = Counter()
    lower: Counter[str] = Counter()
    for m in re.finditer(r"(?<=[\w,;)] )[\"“‘]?([A-Za-z][\w’'-]*)", body):
        w = m.group(1)
        (upper if w[0].isupper() else lower)[w.lower()] += 1
    return frozenset(w for w, n in upper.items() if n > lower[w])


def sentence_case(segment: str, proper: frozenset[str]) -> str:
    """``segment`` with its common words in lower case; same length, so offsets still hold."""

    def recase(m: re.Match) -> str:
        w = m.group()
        first = m.start() == 0 or re.search(r"[:—–]\s+$", segment[: m.start()])
        if first or w.isupper() or w.lower() in proper:
            return w
        return w[0].lower() + w[1:]

    return WORD.sub(recase, segment)


def title_case_headlines(text: str, structure: Structure) -> list[tuple[int, int]]:
    """The (start, end) of each headline region written in title case."""
    return [
        (r.start, r.end)
        for r in structure.segments()
        if r.role == "headline" and is_title_case(text[r.start : r.end])
    ]


def as_printed(text: str, found: list[Candidate], spans: list[tuple[int, int]]) -> list[Candidate]:
    """Candidates from recased headlines with speaker and cue as the headline prints them
    ("Denounces", not the parser's "denounces"); the lower-cased key still serves resolution."""
    out = []
    for c in found:
        a = c.attribution
        span = next(((s, e) for s, e in spans if s <= c.start < e), None)
        if a is None or span is None:
            out.append(c)
            continue
        surface, cue = a.surface, a.cue
        if text[a.pos : a.pos + len(surface)].lower() == surface.lower():
            surface = text[a.pos : a.pos + len(surface)]
        segment = text[span[0] : span[1]]
        if cue and (i := segment.lower().find(cue.lower())) >= 0:
            cue = segment[i : i + len(cue)]
        out.append(replace(c, attribution=replace(a, surface=surface, cue=cue)))
    return out
