"""Headline attributions no parser reads: "Y: JCS", "PCG: Y", "Y — Russian diplomat",
"Y, military says". Each gives one statement whose speaker is the short source named."""

from __future__ import annotations

import re

from infer.extraction.lexicon import words
from infer.extraction.structure import Structure
from infer.extraction.types import Attribution, Candidate

HEADLINE_CUES = words("cues", "headline_cues")
MAX_SOURCE_WORDS = 3
LABELS = words("cues", "headline_labels")
MIN_CONTENT_WORDS = 3
SOURCE = r"[A-Z][\w.’'-]*(?:\s+[\w.’'-]+){0,3}"
SOURCE_AFTER = re.compile(rf"^(?P<content>.+?)\s*(?P<cue>:|—|–|\s-)\s*(?P<source>{SOURCE})$")
# Only an acronym names a source before a colon ("PCG: …"); "Sudan: …", "Analysis: …" are topics.
SOURCE_BEFORE = re.compile(r"^(?P<source>[A-Z]{2,6})(?P<cue>:)\s+(?P<content>.+)$")
SAYS_AFTER = re.compile(
    r"^(?P<content>.+?),\s+(?P<source>[\w.’'-]+(?:\s+[\w.’'-]+){0,3})\s+(?P<cue>\w+)$"
)
LEADING_TAG = re.compile(r"^\([^()]{1,20}\)\s*")  # "(2nd LD) N. Korea fires …"


def _attribution(source: str, cue: str, pos: int) -> Attribution:
    last = source.split()[-1]
    kind = "description" if last.islower() else "org"
    return Attribution(source, source, last.lower(), kind, cue, pos)


def headline_candidate(text: str, start: int, end: int) -> Candidate | None:
    """The statement of one headline segment written in a source-naming form, else None."""
    segment = text[start:end]
    if tag := LEADING_TAG.match(segment):
        start, segment = start + tag.end(), segment[tag.end() :]
    label = re.match(r"([\w ]{1,20}):", segment)
    if label and label.group(1).lower() in LABELS:
        return None  # "Read also: …", "Tags: …", "LIVE: …" are page furniture
    for pattern in (SAYS_AFTER, SOURCE_AFTER, SOURCE_BEFORE):
        m = pattern.match(segment)
        if m is None:
            continue
        source, cue = m.group("source"), m.group("cue").strip()
        if pattern is SAYS_AFTER and cue.lower() not in HEADLINE_CUES:
            continue
        if len(source.split()) > MAX_SOURCE_WORDS:
            continue
        if len(m.group("content").split()) < MIN_CONTENT_WORDS or ":" in m.group("content"):
            continue
        c_start, c_end = start + m.start("content"), start + m.end("content")
        kind = "mixed" if re.search(r"[“”\"‘]|(?<!\w)'|'(?!\w)", m.group("content")) else "indirect"
        return Candidate(
            c_start,
            c_end,
            kind,
            _attribution(source, cue, start + m.start("source")),
            "headline",
        )
    return None


def headline_candidates(structure: Structure, found: list[Candidate]) -> list[Candidate]:
    """Headline segments in a source-naming form ("Y: JCS", "Y — Russian diplomat") that hold
    no statement the parse found."""
    out = []
    for r in structure.segments():
        if r.role != "headline" or any(r.start <= c.start < r.end for c in found):
            continue
        if (c := headline_candidate(structure.text, r.start, r.end)) is not None:
            out.append(c)
    return out


def _words_of(text: str) -> str:
    """Lower-case words joined by single spaces (marks and punctuation dropped)."""
    return " ".join(re.findall(r"[\w’']+", text.lower()))


def headline_speakers(text: str, found: list[Candidate], names: list[str]) -> list[str]:
    """GUIDELINES 4.14: an unattributed pull-quote in a headline takes the speaker of the body
    statement that holds the same words; otherwise its speaker stays empty."""
    out = list(names)
    for k, c in enumerate(found):
        if c.where != "headline" or c.attribution is not None:
            continue
        words = _words_of(text[c.start : c.end])
        for j, other in enumerate(found):
            if (
                other.where == "body"
                and other.attribution is not None
                and words
                and f" {words} " in f" {_words_of(text[other.start : other.end])} "
            ):
                out[k] = names[j]
                break
    return out
