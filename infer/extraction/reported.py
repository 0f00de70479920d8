"""Reported speech: the content a cue verb governs, and ``according to X, <clause>``."""

from __future__ import annotations

import re

from infer.extraction.attribution import chain, make_attribution, overlaps, subject_of, via_of
from infer.extraction.lexicon import words
from infer.extraction.matchers import matches
from infer.extraction.types import Candidate

OBJECT_LEMMAS = words("cues", "object_lemmas")
DOCUMENT_HEADS = words("attribution", "document_heads")


def token_span(doc, tokens) -> tuple[int, int]:
    """Doc-relative character range of ``tokens``, trailing punctuation trimmed."""
    first = min(tokens, key=lambda t: t.i)
    last = max(tokens, key=lambda t: t.i)
    start, end = first.idx, last.idx + len(last)
    text = doc.text
    while end > start and text[end - 1] in " .,;:—–-\n":
        end -= 1
    return start, end


def content_span(doc, tokens) -> tuple[int, int]:
    """v1.1 content span: without a leading complementizer, comma or dash."""
    tokens = sorted(tokens, key=lambda t: t.i)
    while len(tokens) > 1 and (
        (tokens[0].dep_ == "mark" and tokens[0].lower_ in ("that", "whether", "if"))
        or tokens[0].is_punct
        or tokens[0].is_space
    ):
        tokens = tokens[1:]
    return token_span(doc, tokens)


def _close_fragment(text: str, start: int, end: int) -> int:
    """Include the closing mark of a quoted fragment the parse left outside the span."""
    span = text[start:end]
    if span.count("“") > span.count("”"):
        m = re.match(r"[.,;:?!]?”", text[end : end + 3])
        if m:
            return end + m.end()
    return end


def _clause_in_prep(verb) -> list:
    """ "said in a statement that …": the that-clause hangs off the prepositional object."""
    for prep in verb.children:
        if prep.dep_ != "prep" or prep.i < verb.i:
            continue
        for tok in prep.subtree:
            if tok.dep_ in ("acl", "ccomp", "relcl") and any(
                c.dep_ == "mark" and c.lower_ == "that" for c in tok.children
            ):
                return [tok]
    return []


def _content(verb) -> tuple[list, bool]:
    """The tokens that carry what ``verb`` reports, and whether they precede it (inverted)."""
    lemma = verb.lemma_.lower()
    content = [c for c in verb.children if c.dep_ in ("ccomp", "xcomp")]
    if lemma in OBJECT_LEMMAS:
        content += [c for c in verb.children if c.dep_ == "dobj" and lemma != "call"]
        content += [
            c
            for c in verb.children
            if c.dep_ == "prep" and c.i > verb.i and c.text.lower() in ("for", "on", "of")
        ]
    if not content:
        content = _clause_in_prep(verb)
    if not content and verb.dep_ in ("parataxis", "ccomp") and verb.head.i < verb.i:
        head_tokens = {t.i for t in verb.head.subtree} - {t.i for t in verb.subtree}
        before = [
            verb.doc[i] for i in sorted(head_tokens) if i < verb.i and verb.doc[i].dep_ != "punct"
        ]
        return before, True
    return [t for c in content for t in c.subtree], False


def reported_content(text: str, p_start: int, verb, direct_ranges) -> Candidate | None:
    """The reported speech governed by ``verb`` (an ``indirect`` Candidate), or None."""
    chained, via = chain(verb)
    subject = chained if chained is not None else subject_of(verb)
    if subject is None:
        return None
    tokens, inverted = _content(verb)
    if not tokens or subject in tokens:
        return None
    start, end = content_span(verb.doc, tokens)
    if len(text[p_start + start : p_start + end].split()) < 3:
        return None
    start, end = p_start + start, p_start + end
    end = _close_fragment(text, start, end)
    if overlaps(start, end, direct_ranges) or overlaps(
        p_start + subject.idx, p_start + subject.idx + 1, direct_ranges
    ):
        return None
    cue = "quoted ... as saying" if chained is not None else verb.text
    attr = make_attribution(subject, cue, p_start, via or via_of(verb))
    return Candidate(start, end, "indirect", attr) if attr else None


def according_to(text: str, p_start: int, doc, direct_ranges) -> list[Candidate]:
    """``According to X, <clause>``: one ``indirect`` Candidate per occurrence."""
    out = []
    for m in matches(doc, "according_to"):
        tok, source = m["according"], m["source"]
        if tok.head is tok or source.lemma_.lower() in DOCUMENT_HEADS:
            continue
        skip = {t.i for t in tok.subtree}
        clause = [
            t for t in tok.head.subtree if t.i not in skip and (t.dep_ != "punct" or t.i > tok.i)
        ]
        if not clause:
            continue
        start, end = token_span(doc, clause)
        while start < end and text[p_start + start] in " ,":
            start += 1
        s, e = p_start + start, p_start + end
        attr = make_attribution(source, "according to", p_start)
        if attr and not overlaps(s, e, direct_ranges) and len(text[s:e].split()) >= 3:
            out.append(Candidate(s, e, "indirect", attr))
    return out
