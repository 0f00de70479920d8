"""Reported speech: the content a cue verb governs."""

from __future__ import annotations

import re

from infer.extraction.attribution import make_attribution, overlaps
from infer.extraction.chains import chain, content_before, via_of
from infer.extraction.inverted import inverted_content, to_closing_comma
from infer.extraction.lexicon import rules, words
from infer.extraction.nonclaims import (
    REJECT_LEMMAS,
    bare_object,
    bracketed_note,
    claims_a_name,
    claims_a_place,
    hypothetical,
    indirect_question,
    judged,
    names_not_claims,
    negated,
    refuses_a_grant,
    told_to,
)
from infer.extraction.phrases import house_voice
from infer.extraction.relatives import embedded_cue, relative_content, relative_speaker
from infer.extraction.spans import (
    clause_after_time_adverb,
    conditional,
    content_span,
    dated,
    drop_dates,
    fragment_marks,
    without_leading_date,
)
from infer.extraction.subjects import (
    comma_coordinated,
    cue_phrase,
    is_cue,
    participle_aside,
    subject_of,
)
from infer.extraction.types import Candidate

OBJECT_LEMMAS = words("cues", "object_lemmas")
AS_LEMMAS = words("cues", "as_lemmas")
ADDRESSEE_LEMMAS = words("cues", "addressee_lemmas")
PREP_LEMMAS = {k: frozenset(v) for k, v in rules("cues")["prep_lemmas"].items()}
NOT_CONTENT = re.compile(
    r"^(?:not to be (?:named|identified|quoted)|anonymity|for anonymity|how|whether|why|when|where"
    r"|who|what|which)\b",
    re.I,
)
DOCUMENT_HEADS = words("attribution", "document_heads")
REPORTED_AUX = words("cues", "reported_auxiliaries")
SUBORDINATORS = words("cues", "subordinators")
COGNITION_LEMMAS = words("cues", "cognition_lemmas")


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


def _cut_other_cues(verb, tokens: list) -> list:
    """Drop a second cue verb and what it governs from ``verb``'s content: "said A and promised
    B, adding C" is three statements, one per cue (the gold's rule), not one."""
    ids = {t.i for t in tokens}
    cut: set[int] = set()
    for t in tokens:
        coordinated = t.dep_ in ("conj", "advcl") or embedded_cue(t)
        if t.i != verb.i and coordinated and t.head.i in ids and is_cue(t):
            if _within_content(t, verb):
                continue
            cut |= {x.i for x in t.subtree}
            before = t.left_edge.i - 1
            while before in ids and t.doc[before].dep_ in ("cc", "punct"):
                cut.add(before)
                before -= 1
    return [t for t in tokens if t.i not in cut]


def _within_content(cue, verb) -> bool:
    """Whether a cue verb inside ``verb``'s content belongs to it, not to a second statement."""
    # "had been announced", "what the army described as …", "was reached when X called Y"
    if any(c.dep_ == "auxpass" for c in cue.children) or names_not_claims(cue):
        return True
    if cue.dep_ == "advcl" and _subordinate(cue):
        return True
    # Coordinated with the content's verb: a cognition verb ("… and believed …") or a cue in the
    # tense of reported speech ("had denied A and had told him B") continues the content.
    backshifted = any(c.dep_ == "aux" and c.lower_ in ("had", "would") for c in cue.children)
    return (
        cue.dep_ == "conj"
        and cue.head.i != verb.i
        and (cue.lemma_.lower() in COGNITION_LEMMAS or backshifted)
    )


def _prep(token) -> bool:
    """A preposition, or a particle the parser gives an object ("called *on* all parties")."""
    return token.dep_ == "prep" or (
        token.dep_ == "prt" and any(c.dep_ == "pobj" for c in token.children)
    )


def _subordinate(clause) -> bool:
    """A clause opened by a subordinator of time or reason ("when", "after", "because")."""
    return any(c.dep_ in ("mark", "advmod") and c.lower_ in SUBORDINATORS for c in clause.children)


def _content(verb) -> tuple[list, bool, str]:
    """The tokens that carry what ``verb`` reports, whether they precede it (inverted), and the
    particle that belongs to the cue ("called *for*", "warned *of*")."""
    lemma = verb.lemma_.lower()
    kids = [c for c in verb.children if c.i > verb.i]
    aside = participle_aside(verb)
    content = [
        c
        for c in verb.children
        if c.dep_ in ("ccomp", "xcomp") and not _own_statement(c, verb) and c != aside
    ]
    if any(c.i > verb.i for c in content):
        # "Protesters burn tyres; the ministry said …": a clause a semicolon ends is not content
        content = [c for c in content if c.i > verb.i or ";" not in _marks_between(c, verb)]
    objects = [c for c in kids if c.dep_ in ("dobj", "oprd")]
    if lemma in OBJECT_LEMMAS or lemma in AS_LEMMAS:
        # Propositional complements: "accused X of ...", "called X illegal", "rejected X as ..."
        judging = any(o.dep_ == "oprd" for o in kids) or judged(verb)
        content += [c for c in objects if lemma != "call" or judging]
        preps = ("for", "on") if lemma == "call" else ("of", "as", "for")
        content += [c for c in kids if _prep(c) and c.lower_ in preps and not dated(c)]
        content += _gerund_conjuncts(kids, content)
    elif lemma in PREP_LEMMAS:
        content += [c for c in kids if _prep(c) and c.lower_ in PREP_LEMMAS[lemma]]
    if lemma in ADDRESSEE_LEMMAS and content and not any(c.dep_ == "xcomp" for c in content):
        # "called on Serbs to stay at home and not to respond": the parser hangs the request
        # (a to-infinitive) on the cue verb, not on the addressee.
        content += [c for c in kids if c.dep_ in ("advcl", "conj") and _to_infinitive(c)]
    content += _reported_predicates(verb, content)
    last = max((t.i for c in content for t in c.subtree), default=len(verb.doc))
    # "warned of X if Y": a condition after the content is part of the warning.
    content += [c for c in kids if c.dep_ == "advcl" and c.left_edge.i > last and conditional(c)]
    if any(c.dep_ == "xcomp" for c in content):
        # "urged X to do Y": the addressee belongs to the content.
        content += [c for c in objects if c not in content]
    if not content:
        content = _clause_in_prep(verb) or clause_after_time_adverb(verb)
    if not content and lemma == "say":
        # Headline style "Forces say 340 migrants detained near Tobruk": a passive with its
        # auxiliary dropped, parsed as an object and a participle.
        content = [
            o for o in objects if any(c.dep_ == "acl" and c.tag_ == "VBN" for c in o.children)
        ]
    if not content and (before := inverted_content(verb)) is not None:
        return before, True, ""
    tokens = to_closing_comma(verb, _cut_other_cues(verb, [t for c in content for t in c.subtree]))
    first = min(tokens, key=lambda t: t.i) if tokens else None
    particle = ""
    if first is not None and _prep(first) and first.head.i == verb.i and first.lower_ != "as":
        particle = first.text
        tokens = [t for t in tokens if t.i != first.i]
    return tokens, False, particle


def _gerund_conjuncts(kids: list, content: list) -> list:
    """ "accused Kigali of training and sheltering the rebels": the parser hangs the second
    gerund on the cue; a subjectless -ing conjunct after "of <gerund>" is the accusation's."""
    if not any(
        _prep(c)
        and c.lower_ == "of"
        and any(p.tag_ == "VBG" or p.lower_.endswith("ing") for p in c.children)
        for c in content
    ):
        return []
    return [
        c
        for c in kids
        if c.dep_ == "conj"
        and c.tag_ == "VBG"
        and not any(x.dep_ in ("nsubj", "nsubjpass") for x in c.children)
    ]


def _reported_predicates(verb, content: list) -> list:
    """ "said it was “deeply concerned” and would punish …": after a quoted fragment the parser
    may hang the content's second predicate on the cue; one with no subject of its own, no cue,
    and a modal or past-perfect auxiliary (the tense of reported speech) is content, as is a
    second that-clause."""
    clauses = [c for c in content if c.dep_ == "ccomp" and c.i > verb.i]
    if not clauses:
        return []
    return [
        c
        for c in verb.children
        if c.dep_ == "conj"
        and c.i > clauses[0].i
        and not is_cue(c)
        and (
            _that_clause(c)
            or (
                not any(x.dep_ in ("nsubj", "nsubjpass") for x in c.children)
                and any(x.dep_ == "aux" and x.lower_ in REPORTED_AUX for x in c.children)
            )
        )
    ]


def _that_clause(clause) -> bool:
    """ "said A "…" but that B": a conjunct opened by "that" is a second complement, whatever
    the parser hangs it on (no verb is coordinated with a that-clause)."""
    return any(x.dep_ == "mark" and x.lower_ == "that" for x in clause.children)


def _own_statement(clause, verb) -> bool:
    """ "X said A; it said B": the parser may hang X's attribution on the second cue as its
    complement; an attributed clause ended by a semicolon before the cue (or by a comma, when
    the cue has a complement of its own after it) is its own statement."""
    if (first := comma_coordinated(verb)) is not None and first.i == clause.i:
        return True  # "Pakistan says A, urges B"
    if clause.i > verb.i or not is_cue(clause) or subject_of(clause) is None:
        return False
    between = _marks_between(clause, verb)
    # "Angola announces A, M23 says it is B": with a complement of its own after the cue, an
    # attributed clause before it is a statement of its own, not the cue's content.
    answered = any(c.dep_ == "ccomp" and c.i > verb.i for c in verb.children)
    return ";" in between or ("," in between and answered)


def _marks_between(clause, verb) -> set[str]:
    """The tokens between the end of a clause before the cue and the cue."""
    return {verb.doc[i].text for i in range(clause.right_edge.i + 1, verb.i)}


def _to_infinitive(token) -> bool:
    """A to-infinitive clause, or a conjunct holding one ("and the states …, to guarantee")."""
    return any(
        t.pos_ in ("VERB", "AUX") and any(c.dep_ == "aux" and c.lower_ == "to" for c in t.children)
        for t in token.subtree
    )


def reported_content(text: str, p_start: int, verb, direct_ranges) -> Candidate | None:
    """The reported speech governed by ``verb`` (an ``indirect`` Candidate), or None."""
    chained, via = chain(verb)
    subject = chained if chained is not None else relative_speaker(verb, subject_of(verb))
    if subject is None:
        return None
    if chained is None and subject.dep_ == "nsubjpass" and subject.head.i == verb.i:
        return None  # "is expected to", "was denied entry": unattributed passives
    if names_not_claims(verb) or claims_a_place(verb) or refuses_a_grant(verb) or told_to(verb):
        return None
    if hypothetical(verb) or negated(verb):
        return None
    tokens, inverted, particle = _content(verb)
    tokens = relative_content(verb, tokens)
    if indirect_question(tokens):
        return None
    if chained is not None and (before := content_before(verb)):
        tokens, inverted = before, True
    if (
        chained is not None
        and not inverted
        and verb.i + 1 < len(verb.doc)
        and verb.doc[verb.i + 1].lower_ != "by"
        and not any(t.i == verb.i + 1 for t in tokens)
    ):
        # "… as saying <content>": the rest of the sentence, however the parser hung it.
        tokens = list(verb.doc[verb.i + 1 : verb.sent.end])
    if not tokens or subject in tokens:
        return None
    start, end = content_span(verb.doc, without_leading_date(verb, tokens))
    content = text[p_start + start : p_start + end]
    c_start, c_end = content_span(verb.doc, drop_dates(tokens))  # "the allegations on Monday"
    if len(verb.doc.text[c_start:c_end].split()) < (
        1 if particle or _is_object_complement(verb) else 2 if judged(verb) else 3
    ):
        return None
    if NOT_CONTENT.match(content) or bare_object(verb, tokens) or claims_a_name(verb, tokens):
        return None
    start, end = p_start + start, p_start + end
    if bracketed_note(text, start, end):
        return None
    start, end = fragment_marks(text, start, end)
    if overlaps(start, end, direct_ranges) or overlaps(
        p_start + subject.idx, p_start + subject.idx + 1, direct_ranges
    ):
        return None
    cue = "quoted ... as saying" if chained is not None else cue_phrase(verb, particle)
    attr = make_attribution(subject, cue, p_start, via or via_of(verb))
    reported_object = verb.lemma_.lower() == "report" and not any(
        c.dep_ in ("ccomp", "xcomp") for c in verb.children
    )
    if attr and attr.media and reported_object:
        return None  # "Al Masirah TV is reporting a series of strikes": news, not a claim
    if attr and house_voice(attr.surface):
        return None
    return Candidate(start, end, "indirect", attr) if attr else None


def says_nothing(verb) -> bool:
    """A cue verb whose only object is a bare anaphoric one ("rejected the IOM account")."""
    if verb.lemma_.lower() not in REJECT_LEMMAS:  # the cheap test first: most cues are not
        return False
    return bare_object(verb, _content(verb)[0])


def _is_object_complement(verb) -> bool:
    """Headline style "Pakistan vows response": a one- or two-word object of a promissory verb."""
    return verb.lemma_.lower() in ("vow", "pledge", "promise", "urge", "demand", "deny", "claim")
