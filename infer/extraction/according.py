"""``According to X, <clause>``: the clause as an indirect statement whose speaker is X."""

from __future__ import annotations

import re
from dataclasses import replace

from infer.extraction.attribution import make_attribution, overlaps
from infer.extraction.bodies import GROUP_HEADS
from infer.extraction.lexicon import words
from infer.extraction.matchers import matches
from infer.extraction.persons import is_animate
from infer.extraction.phrases import house_voice
from infer.extraction.spans import token_span
from infer.extraction.subjects import is_cue
from infer.extraction.types import Candidate

DOCUMENT_HEADS = words("attribution", "document_heads")


def according_to(text: str, p_start: int, doc, direct_ranges) -> list[Candidate]:
    """``According to X, <clause>``: one ``indirect`` Candidate per occurrence."""
    out = []
    for m in matches(doc, "according_to"):
        tok, source = m["according"], m["source"]
        if source.lemma_.lower() in DOCUMENT_HEADS:
            source = _issuer(source)  # "according to preliminary figures from X": X's figures
        if tok.head == tok or source is None:
            continue
        if _own_speaker(tok):
            continue  # "According to the note published by BelTA, the ministry demanded …"
        skip = {t.i for t in tok.subtree}
        name = None
        if source.pos_ == "NOUN":
            name = _name_after(doc, tok.right_edge.i + 1) or _name_after(doc, source.i + 1)
        if name is not None:
            skip |= set(range(name.start - 1, name.end + 1))  # the name and its commas
        clause = [
            t for t in tok.head.subtree if t.i not in skip and (t.dep_ != "punct" or t.i > tok.i)
        ]
        if tok.i > tok.head.i:  # "…, according to figures from the agency, Frontex.": the end
            clause = [t for t in clause if t.i < tok.i]
        if not clause:
            continue
        start, end = token_span(doc, clause)
        while start < end and text[p_start + start] in " ,":
            start += 1
        s, e = p_start + start, p_start + end
        attr = make_attribution(source, "according to", p_start)
        if attr and name is not None:
            kind = "person" if name.label_ == "PERSON" else "org"
            attr = replace(attr, appos=name.text, appos_kind=kind)
        if attr and house_voice(attr.surface):
            continue
        if attr and not overlaps(s, e, direct_ranges) and len(text[s:e].split()) >= 3:
            out.append(Candidate(s, e, "indirect", attr))
    return out


def _name_after(doc, i: int):
    """ "According to the regional governor, Ihor Tkachuk, three workers …" (or "the UN's
    humanitarian office, OCHA,"): the parser takes the name in apposition for a subject of the
    clause; the person's or body's name set off by commas."""
    if i + 1 >= len(doc) or doc[i].text != ",":
        return None
    ent = next((e for e in doc.ents if e.start == i + 1 and e.label_ in ("PERSON", "ORG")), None)
    if ent is None and re.fullmatch(r"[A-Z]{2,8}", doc[i + 1].text):
        from spacy.tokens import Span  # imported here: spaCy loads when a Doc exists, not before

        ent = Span(doc, i + 1, i + 2, label="ORG")  # an acronym NER left untagged ("CENI")
    if ent is None or ent.end >= len(doc) or doc[ent.end].text != ",":
        return None
    return ent


def _issuer(document):
    """Who a document is from ("figures from humanitarian partners"); None when not named."""
    for prep in document.children:
        if prep.dep_ == "prep" and prep.lower_ == "from":
            return next((c for c in prep.children if c.dep_ == "pobj"), None)
    return None


def _own_speaker(tok) -> bool:
    """Whether the clause after a fronted "according to X" is a cue with its own subject: the
    statement is that subject's, found with the cue, and X only carried it."""
    head = tok.head
    subject = next((c for c in head.children if c.dep_ == "nsubj"), None)
    return (
        tok.i < head.i
        and is_cue(head)
        and head.tag_ in ("VBD", "VBZ", "VBP")  # a finite cue, not "commanders to report"
        and subject is not None
        and subject.i > tok.right_edge.i
        # a speaker, not "the attack confirms …"
        and (subject.pos_ == "PROPN" or is_animate(subject.lemma_) or subject.lemma_ in GROUP_HEADS)
    )
