"""Headline attributions no parser reads: "Y: JCS", "PCG: Y", "Y — Russian diplomat",
"Y, military says", "Y, says US", "Prime minister's office: Y", 'Belgrade: "Y"'. Each gives one
statement whose speaker is the short source named."""

from __future__ import annotations

import re
from dataclasses import replace

from infer.extraction.entities import looks_like_person
from infer.extraction.lexicon import words
from infer.extraction.structure import Structure
from infer.extraction.types import Attribution, Candidate

HEADLINE_CUES = words("cues", "headline_cues")
MAX_SOURCE_WORDS = 3
LABELS = words("cues", "headline_labels")
MIN_CONTENT_WORDS = 3
SOURCE = r"[A-Z][\w.’'-]*(?:\s+[\w.’'-]+){0,3}"
SOURCE_AFTER = re.compile(rf"^(?P<content>.+?)\s*(?P<cue>:|—|–|\s-)\s*(?P<source>{SOURCE})$")
# Before a colon a source is an acronym ("PCG: …"), a name before a quotation ('Belgrade: "No
# …"') or a phrase whose last word is a body or a person ("Prime minister's office: …"); "Sudan:
# …", "Sudan conflict: …", "Analysis: …" are topics.
SOURCE_BEFORE = re.compile(r"^(?P<source>[A-Z]{2,6})(?P<cue>:)\s+(?P<content>.+)$")
NAME_BEFORE_QUOTE = re.compile(
    r"^(?P<source>[A-Z][\w.’'-]*(?:\s+[A-Z][\w.’'-]*){0,2})(?P<cue>:)\s+(?P<content>[“\"‘'].+)$"
)
BODY_BEFORE = re.compile(rf"^(?P<source>{SOURCE})(?P<cue>:)\s+(?P<content>.+)$")
SPEAKER_HEADS = words("speakers", "group_heads") | words("speakers", "person_nouns")
SAYS_AFTER = re.compile(
    r"^(?P<content>.+?),\s+(?P<source>[\w.’'-]+(?:\s+[\w.’'-]+){0,3})\s+(?P<cue>\w+)$"
)
SAYS_BEFORE = re.compile(
    r"^(?P<content>.+?),\s+(?P<cue>\w+)\s+(?P<source>[\w.’'-]+(?:\s+[\w.’'-]+){0,3})$"
)  # "No injuries, says US"
PATTERNS = (SAYS_AFTER, SAYS_BEFORE, SOURCE_AFTER, SOURCE_BEFORE, NAME_BEFORE_QUOTE, BODY_BEFORE)
# "Burundi shuts Rwanda border, says Kigali 'harbours' attackers": one subject for an action and
# a saying; what follows the cue is the statement, the subject its speaker.
SHARED_SUBJECT = re.compile(
    r"^(?P<source>[A-Z][\w.’'-]*(?:\s+[A-Z][\w.’'-]*){0,2})\s+[a-z]+s\s+[^,:]+,\s+"
    r"(?P<cue>[a-z]+)\s+(?P<content>.+)$"
)
# A quotation mark, not an apostrophe inside a word: the headline quotes the speaker's words.
QUOTE_MARK = re.compile(r"[“”\"‘]|(?<!\w)'|'(?!\w)")
LEADING_TAG = re.compile(r"^\([^()]{1,20}\)\s*")  # "(2nd LD) N. Korea fires …"


def _attribution(source: str, cue: str, pos: int) -> Attribution:
    last = source.split()[-1]
    kind = "description" if last.islower() else "org"
    return Attribution(source, source, last.lower(), kind, cue, pos)


def _head(source: str) -> str:
    """The last word of a source, lower case and singular ("officials" -> "official")."""
    last = re.sub(r"[’']s?$", "", source.split()[-1].lower())
    return last[:-1] if last.endswith("s") and last[:-1] in SPEAKER_HEADS else last


def _may_say(source: str, quotation: str) -> bool:
    """A quotation in the first person singular is one person's: before it a place or a body
    ("DR Congo: 'I saw bodies …'") is the topic, not the speaker."""
    return not re.match(r"[“\"‘']I\b", quotation) or looks_like_person(source)


def headline_candidate(text: str, start: int, end: int) -> Candidate | None:
    """The statement of one headline segment written in a source-naming form, else None."""
    segment = text[start:end]
    if tag := LEADING_TAG.match(segment):
        start, segment = start + tag.end(), segment[tag.end() :]
    label = re.match(r"([\w ]{1,20}):", segment)
    if label and label.group(1).lower() in LABELS:
        return None  # "Read also: …", "Tags: …", "LIVE: …" are page furniture
    for pattern in PATTERNS:
        m = pattern.match(segment)
        if m is None:
            continue
        source, cue = m.group("source"), m.group("cue").strip()
        if pattern in (SAYS_AFTER, SAYS_BEFORE) and cue.lower() not in HEADLINE_CUES:
            continue
        if pattern is BODY_BEFORE and _head(source) not in SPEAKER_HEADS:
            continue
        if pattern is NAME_BEFORE_QUOTE and not _may_say(source, m.group("content")):
            continue
        if len(source.split()) > MAX_SOURCE_WORDS:
            continue
        # "No injuries, says US": the cue verb marks even two words as what was said.
        least = MIN_CONTENT_WORDS - (pattern in (SAYS_AFTER, SAYS_BEFORE))
        if len(m.group("content").split()) < least or ":" in m.group("content"):
            continue
        c_start, c_end = start + m.start("content"), start + m.end("content")
        kind = "mixed" if QUOTE_MARK.search(m.group("content")) else "indirect"
        if re.fullmatch(r"[“\"‘'][^“”\"‘’]+[”\"’']", m.group("content")):
            c_start, c_end, kind = c_start + 1, c_end - 1, "direct"  # 'Belgrade: "No …"'

        return Candidate(
            c_start,
            c_end,
            kind,
            _attribution(source, cue, start + m.start("source")),
            "headline",
        )
    return None


def _shared_subject(text: str, start: int, end: int) -> Candidate | None:
    """The statement of a headline whose subject both acts and says ("Egypt recalls envoy,
    says Ethiopia broke the deal"), else None."""
    m = SHARED_SUBJECT.match(text[start:end])
    if m is None or m.group("cue") not in HEADLINE_CUES:
        return None
    if len(m.group("content").split()) < MIN_CONTENT_WORDS:
        return None
    quoted = QUOTE_MARK.search(m.group("content"))
    return Candidate(
        start + m.start("content"),
        start + m.end("content"),
        "mixed" if quoted else "indirect",
        _attribution(m.group("source"), m.group("cue"), start + m.start("source")),
        "headline",
    )


def headline_candidates(structure: Structure, found: list[Candidate]) -> list[Candidate]:
    """``found`` with the statements of headline segments in a source-naming form ("Y: JCS",
    "Y — Russian diplomat") that hold no statement the parse found, and with a quotation the
    parse left unattributed given the name before its colon ('Belgrade: "No …"'), in order."""
    out = list(found)
    for r in structure.segments():
        if r.role != "headline":
            continue
        inside = [k for k, c in enumerate(out) if r.start <= c.start < r.end]
        if (shared := _shared_subject(structure.text, r.start, r.end)) is not None:
            out = [c for k, c in enumerate(out) if k not in inside] + [shared]
            continue
        for k in inside:
            out[k] = without_context(structure.text, out[k])
        if not inside:
            if (c := headline_candidate(structure.text, r.start, r.end)) is not None:
                out.append(c)
            continue
        m = NAME_BEFORE_QUOTE.match(structure.text[r.start : r.end])
        if m and not _may_say(m.group("source"), m.group("content")):
            m = None
        if m and len(inside) == 1 and out[inside[0]].attribution is None:
            attr = _attribution(m.group("source"), ":", r.start + m.start("source"))
            out[inside[0]] = replace(out[inside[0]], attribution=attr)
    return sorted(out, key=lambda c: c.start)


HEADLINE_CONTEXT = re.compile(
    r"(?<!long)(?<!soon)(?<!well)(?<!much)(?<!far),?\s+(?:"
    + "|".join(sorted(words("cues", "headline_context"), key=len, reverse=True))
    + r")\s+(?![“\"‘']|(?:long|soon|well|much|far|if|though)\b)\w",
    re.I,
)
AS_VERBS = words("cues", "headline_as_verbs")


def without_context(text: str, c: Candidate) -> Candidate:
    """A headline's reported content without the news it is set against ("Rebels say they hold
    the port as residents flee", "… hours after UN vote"); "condemns X as Y" keeps its "as"."""
    if c.kind == "direct" or c.attribution is None:
        return c
    cue = c.attribution.cue.lower()
    for m in HEADLINE_CONTEXT.finditer(text, c.start, c.end):
        word = m.group().strip(", ").split()[0].lower()
        # "what the army described as …" inside the content keeps its "as" too
        before = text[c.start : m.start()].split()[-1:]
        if m.start() == c.start or (
            word == "as" and any(w.startswith(v) for w in cue.split() + before for v in AS_VERBS)
        ):
            continue
        kind = c.kind if QUOTE_MARK.search(text[c.start : m.start()]) else "indirect"
        return replace(c, end=m.start(), kind=kind)
    return c


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
