"""Cue verbs inside relative clauses: who "who said …" is, and what "which X said …" reports."""

from __future__ import annotations

from infer.extraction.bodies import BODY_WORDS
from infer.extraction.persons import is_animate
from infer.extraction.subjects import subject_before

RELATIVE_PRONOUNS = ("which", "who")


def relative_antecedent(noun, body: bool = False):
    """Who "who said …" refers to: the noun the clause hangs on, or the person it describes
    ("Mohamed Adam, a 24-year-old from Darfur who said …"); for "which said …" (``body``) only a
    named body ("a photo released by the General Command, which said …")."""
    if body:
        return noun if noun.ent_type_ == "ORG" and noun.lemma_.lower() in BODY_WORDS else None
    while (
        noun.dep_ in ("pobj", "prep", "poss", "compound")
        and noun.head.i != noun.i
        and not (noun.ent_type_ == "PERSON" or is_animate(noun.lemma_))
    ):
        noun = noun.head  # the parser may hang the clause on "… from Sudan's Darfur region"
    if noun.dep_ == "appos" and noun.head.ent_type_ == "PERSON":
        return noun.head
    return noun if noun.ent_type_ == "PERSON" or is_animate(noun.lemma_) else None


def relative_speaker(verb, subject):
    """The speaker of a cue whose subject is "who" or "which" (the clause's antecedent), or
    ``subject`` itself when it is no relative pronoun."""
    if subject is None or subject.lower_ not in RELATIVE_PRONOUNS or verb.dep_ != "relcl":
        return subject
    if verb.lemma_.lower() not in ("say", "tell"):
        return None
    noun, doc = verb.head, verb.doc
    if noun.pos_ not in ("NOUN", "PROPN") and subject.i >= 2 and doc[subject.i - 1].text == ",":
        noun = doc[subject.i - 2]  # "…, according to a teacher in the town, who said": on the verb
    return relative_antecedent(noun, subject.lower_ == "which")


def relative_content(verb, tokens: list) -> list:
    """The content of a cue in a relative clause: without a relative adverb ("Goma, where
    officials say …"), and for "the raids, which the army said targeted rebel camps, …" the
    predicate after the cue, whose subject is the relative pronoun, up to the clause's comma."""
    if verb.dep_ == "relcl":
        # "a truce that the army said had been broken": the pronoun is no content word either
        before = ("where", "when", "that", *RELATIVE_PRONOUNS)
        tokens = [t for t in tokens if not (t.i < verb.i and t.lower_ in before)]
    return _predicate_of_pronoun(verb) or tokens


def embedded_cue(token) -> bool:
    """A cue in a relative clause with a speaker of its own ("a proposal that Israel said fell
    short"): its own statement, not part of the content it sits in."""
    subject = subject_before(token)
    return (
        token.dep_ == "relcl"
        and subject is not None
        and subject.lower_ not in ("that", *RELATIVE_PRONOUNS)
    )


def _predicate_of_pronoun(verb) -> list:
    doc = verb.doc
    subject = next(
        (c for c in verb.children if c.dep_ == "nsubj" and c.right_edge.i == verb.i - 1), None
    )
    if subject is None or subject.left_edge.i < 2 or verb.i + 1 >= len(doc):
        return []
    pronoun = doc[subject.left_edge.i - 1]
    if pronoun.lower_ not in RELATIVE_PRONOUNS or doc[pronoun.i - 1].text != ",":
        return []
    if doc[verb.i + 1].tag_ not in ("VBD", "VBZ", "VBP", "VBN", "MD"):
        return []  # "which the army said it had destroyed": the pronoun is the object
    out = []
    for t in doc[verb.i + 1 : verb.sent.end]:
        if t.text in (",", ";", ".", "—", "–"):
            break
        out.append(t)
    return out
