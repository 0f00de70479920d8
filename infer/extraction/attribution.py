"""Speakers of cue verbs and direct quotations, read off spaCy dependency parses."""

from __future__ import annotations

import re
from dataclasses import replace

from infer.extraction.chains import chain, via_of
from infer.extraction.entities import looks_like_person
from infer.extraction.lexicon import words
from infer.extraction.matchers import matches
from infer.extraction.persons import is_animate
from infer.extraction.phrases import described_person, make_attribution, phrase
from infer.extraction.quotes import Quote
from infer.extraction.subjects import aux_subject, is_cue, subject_of
from infer.extraction.types import Attribution

CUE_FORMS = words("cues", "cue_forms")
ISSUE_LEMMAS = words("speakers", "issue_lemmas")
ANSWER_LEMMAS = words("speakers", "answer_lemmas")
STATEMENT_HEADS = words("speakers", "statement_heads")
DOCUMENT_HEADS = words("attribution", "document_heads")
SPEAKING_LEMMAS = words("speakers", "speaking_lemmas")
AUTHOR_LEMMAS = words("speakers", "author_lemmas")
SOURCE_LINE = re.compile(r"^Source:[ \t]+(?P<name>[^,\n]+)", re.M)


def _speech_idiom(token) -> bool:
    """ "As one official put it to me, “…”", "The statement went on: “…”", "“…,” the
    communique read" (a statement word as the subject of "read")."""
    lemma, kids = token.lemma_.lower(), {(c.dep_, c.lower_) for c in token.children}
    if lemma == "read":
        return any(
            c.dep_ == "nsubj" and c.lemma_.lower() in STATEMENT_HEADS for c in token.children
        )
    return (lemma == "put" and ("dobj", "it") in kids) or (lemma == "go" and ("prt", "on") in kids)


def sourced_quote(text: str, quote: Quote) -> Attribution | None:
    """ "Source: Oleh Marchenko, Head of …, on Telegram" then "Quote: “…”" (a page layout that
    names the speaker on a line of its own): the speaker is the name on the source line."""
    line = text.rfind("\n", 0, quote.open_at) + 1
    if not re.fullmatch(r"Quote:\s*", text[line : quote.open_at]):
        return None
    found = list(SOURCE_LINE.finditer(text, max(0, line - 600), line))
    if not found:
        return None
    name = found[-1].group("name").strip()
    kind = "person" if looks_like_person(name) else "org"
    return Attribution(name, name, name.split()[-1].lower(), kind, "Quote:", found[-1].start(1))


def overlaps(a: int, b: int, ranges: list[tuple[int, int]]) -> bool:
    return any(a < e and s < b for s, e in ranges)


def attribution_near(text: str, paras, quote: Quote, direct_ranges) -> Attribution | None:
    """Find the speaker of a direct quotation in the words around it (same paragraph)."""
    if (sourced := sourced_quote(text, quote)) is not None:
        return sourced
    close = quote.close_at if quote.close_at is not None else quote.end
    prev = text[: quote.open_at].rstrip()[-1:]
    order = ("before", "after") if prev in (":", ",") else ("after", "before")
    for k, (p_start, doc) in enumerate(paras):
        if (
            k
            and p_start <= quote.open_at < p_start + 3
            and doc.text
            and text[:p_start].rstrip().endswith(":")
        ):
            prev_start, prev_doc = paras[k - 1]
            end_quote = Quote(prev_start + len(prev_doc.text), None, 0, 0)
            found = _attribution_in(prev_doc, prev_start, end_quote, 0, "before", direct_ranges)
            if found:
                return found
    for side in order:
        for p_start, doc in paras:
            p_end = p_start + len(doc.text)
            pos = close if side == "after" else quote.open_at
            if not p_start <= pos <= p_end:
                continue
            found = _attribution_in(doc, p_start, quote, close, side, direct_ranges)
            if found:
                return found
    return _introduced_before(paras, quote)


def _introduced_before(paras, quote: Quote) -> Attribution | None:
    """ "Umm Ali, a teacher, spoke to reporters. “…”": the quote's speaker is the named subject
    of the sentence right before it (a person named there, not a pronoun or a thing)."""
    for k, (p_start, doc) in enumerate(paras):
        rel = quote.open_at - p_start
        if not 0 <= rel <= len(doc.text):
            continue
        before = [
            s for s in doc.sents if s.end_char <= rel and not doc.text[s.end_char : rel].strip()
        ]
        if not before and k and not doc.text[:rel].strip():
            # A quotation opening the paragraph after a named person's paraphrase ("Abdul Wali,
            # a money changer, said business had fallen.\n\n“If the gate stays closed …").
            p_start, doc = paras[k - 1]
            before = list(doc.sents)[-1:]
            root = before[0].root if before else None
            subject = next((c for c in root.children if c.dep_ == "nsubj"), None) if root else None
            if subject is None or not is_cue(root) or not _named_person(subject, paras):
                return None  # only a named person's words run on into the next paragraph
        if not before:
            return None
        root = before[-1].root
        subject = next((c for c in root.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subject is not None and (
            _named_person(subject, paras) or (is_cue(root) and is_animate(subject.lemma_))
        ):  # "A senior analyst … told IRNA that …. “…": the paraphrase's speaker goes on
            return make_attribution(subject, root.text, p_start)
    return None


def _named_person(subject, paras) -> bool:
    """A subject NER tags as a person, or a family name alone that the article gave earlier as
    the end of a person's full name ("Delshad Yousif" … "Yousif said")."""
    if subject.ent_type_ == "PERSON":
        return True
    return subject.text[:1].isupper() and any(
        e.label_ == "PERSON" and len(e) > 1 and e[-1].text == subject.text
        for _, doc in paras
        for e in doc.ents
    )


def _window(doc, p_start: int, quote: Quote, close: int, side: str, direct_ranges) -> list:
    """The tokens after (up to the next sentence or quote) or before the quotation."""
    window = []
    if side == "after":
        for t in doc:
            pos = p_start + t.idx
            if pos <= close:
                continue
            if t.text in '“"‘«' or overlaps(pos, pos + 1, direct_ranges):
                break
            window.append(t)
            if (
                t.text in ".?!"
                and t.i + 1 < len(doc)
                and (doc[t.i + 1].is_title or doc[t.i + 1].text in '“"')
            ):
                break
    else:
        for t in reversed(doc):
            pos = p_start + t.idx
            if pos >= quote.open_at:
                continue
            if t.text in '”"’»' or t.text in ".?!" or overlaps(pos, pos + 1, direct_ranges):
                break
            window.insert(0, t)
    return window


def _attribution_in(doc, p_start: int, quote: Quote, close: int, side: str, direct_ranges):
    window = _window(doc, p_start, quote, close, side, direct_ranges)
    ids = {t.i for t in window}
    document = ""  # "…," the ministry said, according to a translation published by SUNA.
    source = None  # "…," the colonel said, according to the broadcaster: the carrier is a via
    for m in matches(doc, "according_to"):
        if m["according"].i in ids:
            if m["source"].lemma_.lower() not in DOCUMENT_HEADS:
                source = m["source"]
            else:
                document = phrase(m["source"])
    if source is not None:
        found = _cue_in(window, ids, p_start, "")
        if found is None or found.kind == "pronoun" or found.media:
            return make_attribution(source, "according to", p_start)
        return replace(found, via=found.via or phrase(source))
    return _cue_in(window, ids, p_start, document)


def _cue_in(window: list, ids: set[int], p_start: int, document: str) -> Attribution | None:
    """The speaker of the first cue verb (or speech idiom) in the window around a quotation."""
    for t in window:
        if is_cue(t) or _speech_idiom(t):
            chained, via = chain(t)
            if chained is not None:
                return make_attribution(chained, "quoted ... as saying", p_start, via)
            # A subject hung on the auxiliary names a quotation's speaker; reported clauses so
            # parsed are left as they were (where their content ends is not settled).
            subject = subject_of(t) or aux_subject(t)
            if subject is not None and subject.i in ids:
                return make_attribution(subject, t.text, p_start, via_of(t) or document)
            after = [
                c for c in window if t.i < c.i <= t.i + 3 and c.pos_ in ("PROPN", "NOUN", "PRON")
            ]
            fronted = t.tag_ == "VBN" and t.dep_ == "advcl" and t.i < t.head.i
            if subject is None and after and t.lower_ in CUE_FORMS and not fronted:
                # "…,” asked Ahmed: the name after the cue; not "Asked whether Wagner units …,
                # he said", where the words after a fronted participle are the question's.
                return make_attribution(after[0], t.text, p_start)
    return None


def statement_issuers(doc) -> list[tuple]:
    """(subject, verb) for "X issued / released / published a (press) statement" and "X responded
    with a statement"."""
    out = []
    for verb in doc:
        if verb.pos_ != "VERB":
            continue
        lemma = verb.lemma_.lower()
        issued = lemma in ISSUE_LEMMAS and any(
            c.dep_ == "dobj" and c.lemma_.lower() in STATEMENT_HEADS for c in verb.children
        )
        answered = lemma in ANSWER_LEMMAS and any(
            c.dep_ == "prep" and c.lower_ == "with" and _holds_statement(c) for c in verb.children
        )
        if not (issued or answered):
            out += _issued_by(verb)
            continue
        subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        if subject is not None:
            out.append((subject, verb))
    return out


def _issued_by(verb) -> list[tuple]:
    """ "a letter signed by the veterans' council", "a letter the group sent": who a statement
    word's participle or relative clause names as its author."""
    if verb.lemma_.lower() not in AUTHOR_LEMMAS or verb.head.lemma_.lower() not in STATEMENT_HEADS:
        return []
    if verb.dep_ == "acl":
        agent = next((c for c in verb.children if c.dep_ == "agent"), None)
        author = next((c for c in agent.children if c.dep_ == "pobj"), None) if agent else None
    elif verb.dep_ == "relcl":
        author = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    else:
        author = None
    return [(author, verb)] if author is not None else []


def _holds_statement(prep) -> bool:
    return any(c.dep_ == "pobj" and c.lemma_.lower() in STATEMENT_HEADS for c in prep.children)


def introduced_sources(doc) -> list:
    """Subjects that bring in an unnamed source without a cue ("A senior army officer, speaking
    to us, went further."; "An aid worker whom I reached by phone was blunter."; "The army's
    spokesman has spoken to journalists.")."""
    return [
        t
        for t in doc
        if t.dep_ == "nsubj"
        and not is_cue(t.head)
        and (
            (
                t.pos_ == "NOUN"
                and is_animate(t.lemma_)
                and (
                    t.left_edge.lower_ in ("a", "an", "one", "another")
                    or t.head.lemma_.lower() in SPEAKING_LEMMAS
                    # "Ethiopia's water minister has taken …. … he said": one person, a subject
                    or (t.head.dep_ == "ROOT" and t.tag_ == "NN")
                )
            )
            or (
                t.pos_ == "PROPN"
                and t.head.lemma_.lower() in SPEAKING_LEMMAS
                and described_person(t)
            )
        )
    ]
