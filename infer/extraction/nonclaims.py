"""Cue verbs used for something other than a claim: a name for a thing ("what Moscow calls …"),
an unattributed passive ("is expected to"), an indirect question ("asked whether …", "would not
say if …"), a place taken ("rebels claim Goma"), a bare anaphoric object ("rejected the
allegations")."""

from __future__ import annotations

from infer.extraction.lexicon import words
from infer.extraction.subjects import is_cue

NAMING_LEMMAS = ("call", "regard", "describe", "term", "dub", "label")
PASSIVE_LEMMAS = ("expect", "believe", "think", "say", "report", "admit", "deny")
QUESTION_MARKS = ("whether", "if")
REJECT_LEMMAS = words("cues", "reject_lemmas")
JUDGING_LEMMAS = words("cues", "judging_lemmas")
PART_WORDS = words("cues", "part_words")
TERRITORY_NOUNS = words("cues", "territory_nouns")
GRANTS = words("cues", "grants")
DIRECTIVE_LEMMAS = words("cues", "directive_lemmas")
HYPOTHETICAL_AUX = words("cues", "hypothetical_auxiliaries")
INFERENCE_LEMMAS = words("cues", "inference_lemmas")


def names_not_claims(verb) -> bool:
    """ "what Moscow calls its 'special operation'", "which Pristina regards as ...": a name for
    something, inside a relative clause, is not a statement; nor is a passive "is expected to"."""
    naming = verb.lemma_.lower() in NAMING_LEMMAS and not _a_request(verb)
    if naming and (
        verb.dep_ in ("relcl", "acl") or any(c.lower_ in ("what", "which") for c in verb.children)
    ):
        return True
    # "calls the uprising the “Spring Revolution”": a proper name given to a thing
    if naming and any(c.dep_ == "oprd" and c.pos_ == "PROPN" for c in verb.children):
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


def claims_a_place(verb) -> bool:
    """ "claim the Paracels, which …", "claims two-thirds of Guyana's territory": a place or
    territory for the object of "claim" (no clause) is holding it, not saying something."""
    if verb.lemma_.lower() != "claim" or any(c.dep_ in ("ccomp", "xcomp") for c in verb.children):
        return False
    objects = [c for c in verb.children if c.dep_ == "dobj"]
    for head in objects:
        if head.lemma_.lower() in PART_WORDS:  # "most of the islands"
            head = next((p for c in head.children if c.lower_ == "of" for p in c.children), head)
        if head.lemma_.lower() in TERRITORY_NOUNS or head.ent_type_ in ("GPE", "LOC"):
            return True
        if head.pos_ == "PROPN" and head.ent_type_ not in ("ORG", "PERSON", "NORP"):
            return True
    return False


def refuses_a_grant(verb) -> bool:
    """ "Monitors Denied Access", "denied them entry": refusing to grant something (a headline
    passive without its auxiliary, or an act), not denying a claim."""
    return verb.lemma_.lower() == "deny" and any(
        c.dep_ == "dobj" and c.lemma_.lower() in GRANTS and not list(c.children)
        for c in verb.children
    )


def hypothetical(verb) -> bool:
    """ "Israel can argue that …", "both sides appear to believe …": a cue under a modal or an
    inference verb is the reporter's supposition, not something said ("would say only that …"
    is a report)."""
    modal = any(
        c.dep_ == "aux"
        and c.lemma_.lower() in HYPOTHETICAL_AUX
        and not (c.lower_ == "would" and verb.lemma_.lower() == "say")
        for c in verb.children
    )
    inferred = verb.dep_ == "xcomp" and verb.head.lemma_.lower() in INFERENCE_LEMMAS
    return modal or inferred


def negated(verb) -> bool:
    """ "it did not announce or promise any immediate action": a negated cue reports that
    something was not said (the dev gold has no statement with a negated cue)."""
    if any(c.dep_ == "neg" for c in verb.children):
        return True
    # "did not announce or promise": a cue coordinated with a negated cue shares its "not"
    head = verb.head
    shared = verb.dep_ == "conj" and not any(c.dep_.startswith("nsubj") for c in verb.children)
    return shared and is_cue(head) and any(c.dep_ == "neg" for c in head.children)


def told_to(verb) -> bool:
    """ "residents told to stay in shelters": a directive verb straight before a to-infinitive,
    with no addressee, is a passive without its auxiliary; its subject was told, said nothing."""
    doc = verb.doc
    return (
        verb.lemma_.lower() in DIRECTIVE_LEMMAS
        and verb.tag_ in ("VBD", "VBN")
        and verb.i + 1 < len(doc)
        and doc[verb.i + 1].lower_ == "to"
        and not any(c.dep_ in ("dobj", "dative", "iobj") for c in verb.children)
    )


def judged(verb) -> bool:
    """ "called it “regrettable”", "calls claim “lies”": a judgement on an object after "call"
    or "describe" (a small clause) is content at two words; a proper name there is a name."""
    if verb.lemma_.lower() not in JUDGING_LEMMAS:
        return False
    objects = [c for c in verb.children if c.dep_ == "dobj"]
    judgements = [c for c in verb.children if c.dep_ == "oprd" and c.i > verb.i]
    # Headline style "calls claim “lies”": the parser makes the judgement the object's object.
    judgements += [c for o in objects for c in o.children if c.dep_ == "dobj" and _quoted(c)]
    return bool(objects) and any(j.pos_ != "PROPN" and _whole(j) for j in judgements)


def _whole(judgement) -> bool:
    """The judgement is all of its clause: nothing the parser left elsewhere follows it, or a
    closing mark ends it ("“regrettable”", not "“propaganda by …”" cut at its noun)."""
    doc, end = judgement.doc, judgement.right_edge.i + 1
    return end >= len(doc) or doc[end].is_punct


def _quoted(token) -> bool:
    """A word that opens a quoted fragment or is quoted whole."""
    doc = token.doc
    return token.i > 0 and doc[token.i - 1].text in ("“", '"', "‘")


def bare_object(verb, tokens: list) -> bool:
    """ "rejected the IOM account", "denied these claims": a definite object with nothing of
    its own (no clause or complement) points back at something said, it says nothing."""
    objects = [c for c in verb.children if c.dep_ == "dobj"]
    if verb.lemma_.lower() not in REJECT_LEMMAS or len(objects) != 1:
        return False
    subtree = list(objects[0].subtree)
    if {t.i for t in tokens} != {t.i for t in subtree}:
        return False
    definite = subtree[0].lower_ in ("the", "these", "those", "this", "that", "its", "their")
    return definite and not any(t.dep_ in ("prep", "acl", "relcl", "ccomp") for t in subtree)
