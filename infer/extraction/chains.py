"""Reporting chains: "X quoted Y as saying" (Y the speaker, X the carrier) and the outlet, channel
or agency named as a statement's ``via``."""

from __future__ import annotations

import re

from infer.extraction.lexicon import word_list
from infer.extraction.matchers import matches
from infer.extraction.phrases import phrase
from infer.extraction.types import Candidate

VIA_PATTERNS = [re.compile(p) for p in word_list("attribution", "via_patterns")]


def chain(verb):
    """'X quoted Y as saying' / 'Y was quoted by X as saying': (Y's token, X as written)."""
    for m in matches(verb.doc, "quoted_as"):
        if m["saying"].i != verb.i:
            continue
        q = m["quote"]
        speaker = _named_object(q)
        carrier = next((c for c in q.children if c.dep_ == "nsubj"), None)
        agent = next((c for c in q.children if c.dep_ == "agent"), None)
        if carrier is None and agent is not None:
            carrier = next((c for c in agent.children if c.dep_ == "pobj"), None)
        return speaker, phrase(carrier) if carrier is not None else ""
    return _loose_chain(verb)


def _named_object(quote):
    """Who the "quote" verb quotes; "quoted a spokesman for the governor, Mawlawi X, as saying"
    parsed as two objects: the name set off by a comma after the description."""
    objects = [c for c in quote.children if c.dep_ in ("dobj", "nsubjpass")]
    named = [
        c for c in objects[1:] if c.ent_type_ == "PERSON" and c.doc[c.left_edge.i - 1].text == ","
    ]
    return named[0] if named else (objects[0] if objects else None)


def _loose_chain(verb):
    """ "X quoted Y, <name>, as saying …" where the parser hangs "as saying" on the content:
    Y is the object of the "quote" verb before it in the sentence, X its subject."""
    doc = verb.doc
    if verb.lower_ != "saying" or verb.i == 0 or doc[verb.i - 1].lower_ != "as":
        return None, ""
    for q in reversed(doc[verb.sent.start : verb.i - 1]):
        if q.lemma_.lower() == "quote" and q.pos_ == "VERB":
            speaker = _named_object(q)
            carrier = next((c for c in q.children if c.dep_ == "nsubj"), None)
            if speaker is None:
                return None, ""
            return speaker, phrase(carrier) if carrier is not None else ""
    return None, ""


def via_of(verb) -> str:
    """The outlet, channel or agency that carried what ``verb`` reports, named in its sentence."""
    sent = verb.sent.text
    for pattern in VIA_PATTERNS:
        if m := pattern.search(sent):
            return m.group("via")
    return ""


def content_before(verb) -> list:
    """ "Two soldiers were killed near Kidal, the state news agency quoted a military official as
    saying.": with nothing after "as saying", what was said is the clause before the chain."""
    doc = verb.doc
    by = {t.i for c in verb.children if c.dep_ == "prep" and c.lower_ == "by" for t in c.subtree}
    if any(not t.is_punct and t.i not in by for t in doc[verb.i + 1 : verb.sent.end]):
        return []  # only "… as saying by the state news agency." may follow
    quote = next((a for a in verb.ancestors if a.lemma_.lower() == "quote"), None)
    if quote is None:
        return []
    before = [c for c in quote.children if c.dep_ in ("ccomp", "parataxis") and c.i < quote.i]
    if before:
        return [t for c in before for t in c.subtree]
    subject = next((c for c in quote.children if c.dep_ == "nsubjpass"), None)
    if subject is None or quote.dep_ not in ("advcl", "conj") or quote.head.i > quote.i:
        return []
    # "Talks would resume, an official was quoted as saying": the parser hangs the chain on
    # the content's verb; the content is the words before the speaker's comma.
    end = subject.left_edge.i - 1
    return (
        list(doc[verb.sent.start : end]) if end > verb.sent.start and doc[end].text == "," else []
    )


def drop_nested(items: list[Candidate]) -> list[Candidate]:
    """Reported speech inside reported speech: a news outlet's report yields to the speaker it
    reports ("Reuters reported that X told Y ..."); otherwise the outer statement stands."""
    drop = set()
    for i, a in enumerate(items):
        for j, b in enumerate(items):
            same = (a.start, a.end) == (b.start, b.end)
            if i != j and a.start <= b.start and b.end <= a.end and not same:
                drop.add(i if a.attribution.media and not b.attribution.media else j)
            elif i < j and same:
                drop.add(j)
    return [x for k, x in enumerate(items) if k not in drop]
