"""Cue verbs used for something other than a claim: a name for a thing ("what Moscow calls …"),
an unattributed passive ("is expected to"), an indirect question ("asked whether …", "would not
say if …"), a place taken ("rebels claim Goma")."""

from __future__ import annotations

NAMING_LEMMAS = ("call", "regard", "describe", "term", "dub", "label")
PASSIVE_LEMMAS = ("expect", "believe", "think", "say", "report", "admit", "deny")
QUESTION_MARKS = ("whether", "if")


def names_not_claims(verb) -> bool:
    """ "what Moscow calls its 'special operation'", "which Pristina regards as ...": a name for
    something, inside a relative clause, is not a statement; nor is a passive "is expected to"."""
    naming = verb.lemma_.lower() in NAMING_LEMMAS and not _a_request(verb)
    if naming and (
        verb.dep_ in ("relcl", "acl") or any(c.lower_ in ("what", "which") for c in verb.children)
    ):
        return True
    return any(c.dep_ == "auxpass" for c in verb.children) and verb.lemma_.lower() in PASSIVE_LEMMAS


def _a_request(verb) -> bool:
    """ "called on X to …", "called for X": a request, never a name, even where the parser hangs
    the verb on the subject noun as a clause ("Kenya, which …, called on the gangs to …")."""
    return any(
        c.dep_ == "prep" and c.lower_ in ("on", "for") and c.i == verb.i + 1 for c in verb.children
    )


def indirect_question(tokens: list) -> bool:
    """A content clause opened by "whether" or "if" is a question put to someone ("Asked whether
    the talks had failed, …") or a refusal ("would not say if …"), not a claim. An "if" that
    opens a conditional inside the content ("said that if …") belongs to a deeper clause."""
    ids = {t.i for t in tokens}
    roots = [t for t in tokens if t.head.i not in ids or t.head.i == t.i]
    first = min(ids, default=-1)
    # Only a clause the content opens with: "warned of X if Y" ends with a condition.
    return any(
        c.dep_ == "mark" and c.lower_ in QUESTION_MARKS and c.i < r.i and r.left_edge.i <= first
        for r in roots
        for c in r.children
    )


def bracketed_note(text: str, start: int, end: int) -> bool:
    """ "…?” he asked (translated from Kurdish).": words in brackets after a cue are the
    reporter's note on the quotation, not what was said."""
    return text[:start].rstrip().endswith("(") and text[end:].lstrip().startswith(")")


def claims_a_name(verb, tokens: list) -> bool:
    """ "MNDAA claims Lashio": "claim" with a bare name for its object is taking a place, not
    saying something ("claims control of Lashio", "claims it took Lashio" are statements)."""
    words = [t for t in tokens if not t.is_punct]
    return verb.lemma_.lower() == "claim" and bool(words) and all(t.pos_ == "PROPN" for t in words)
