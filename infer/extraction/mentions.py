"""Named people and organisations in a parsed paragraph, as ``Mention`` records."""

from __future__ import annotations

import re

from infer.extraction.entities import looks_like_person
from infer.extraction.lexicon import words
from infer.extraction.persons import is_animate
from infer.extraction.types import Mention

PERSON_ROLES = words("attribution", "person_roles")
EVENT_OBJECT = words("speakers", "event_object_lemmas")
PLACE_NOUNS = words("speakers", "place_nouns")
ORG_WORDS = words("attribution", "org_words")
GROUP_HEADS = words("speakers", "group_heads")
BODY_NOUNS = GROUP_HEADS | words("speakers", "generic_groups")
PLACE_PREPS = frozenset({"in", "near", "outside", "around", "into", "across", "towards", "toward"})
# Objects of these prepositions may be the next speaker ("heard from X", "spoke with X"); the
# object of any other ("at Goma", "on Telegram", "to the United Nations") never is.
SOURCE_PREPS = frozenset({"from", "with", "by"})


def _person_by_apposition(ent) -> bool:
    """'Vesna Pavlovic, a Balkans analyst, …' and 'The monastery's abbot, U Pyinnya Wuntha, …'
    name a person even when NER says ORG or LOC."""
    if ent.label_ not in ("ORG", "GPE", "NORP", "LOC", "FAC"):
        return False
    if _after_person_noun(ent) or _aged(ent):
        return True
    # "Jean-Paul Muhindo, president of …": any person noun will do for what looks like a name.
    named = looks_like_person(ent.text)
    return any(
        c.dep_ == "appos"
        and (c.lemma_.lower() in PERSON_ROLES or (named and (is_animate(c.lemma_) or _an_age(c))))
        for c in ent.root.children
    )


def body_by_apposition(ent) -> bool:
    """ "Jaysh al-Adl, a Sunni militant group, …", "X, one of the armed factions, …": a name in
    apposition to a body noun (or to a part of a body noun's plural) is a body, whatever NER says."""
    for c in ent.root.children:
        if c.dep_ != "appos":
            continue
        # "one of the factions", "the most powerful of the groups"; never "a member of …"
        partitive = c.pos_ in ("NUM", "ADJ", "PRON")
        parts = [p for r in c.children if r.lower_ == "of" and partitive for p in r.children]
        if c.lemma_.lower() in BODY_NOUNS or any(
            p.dep_ == "pobj" and p.lemma_.lower() in BODY_NOUNS for p in parts
        ):
            return True
    return False


def _an_age(token) -> bool:
    """ "Fatima Issufo, a 51-year-old who sells fish": an age as the head of an apposition."""
    return token.doc[token.left_edge.i : token.i + 1].text.endswith("-old")


def _modifies_person_noun(ent) -> bool:
    """A one-word name used as a modifier of a common person noun ("an Alawite cleric")."""
    root = ent.root
    return (
        len(ent) == 1
        and root.dep_ in ("compound", "amod")
        and root.head.pos_ == "NOUN"
        and root.head.text.islower()
        and is_animate(root.head.lemma_)
    )


def _aged(ent) -> bool:
    """ "Avi Shalem, 61, sat …": a name followed by an age set off by commas is a person's."""
    doc, end = ent.doc, ent.end
    return (
        end + 2 < len(doc)
        and doc[end].text == ","
        and doc[end + 1].like_num
        and doc[end + 2].text == ","
        and 0 < int(doc[end + 1].text if doc[end + 1].text.isdigit() else 0) < 120
    )


def _after_person_noun(ent) -> bool:
    """A name set off by a comma right after a person noun ("abbot, U Pyinnya Wuntha,")."""
    root = ent.root
    return (
        root.dep_ == "appos"
        and root.head.pos_ == "NOUN"
        and ent.start == root.head.i + 2
        and is_animate(root.head.lemma_)
    )


def org_mentions(doc, p_start: int = 0) -> list[Mention]:
    """Organisations named in the paragraph (antecedents for 'it', 'the group')."""
    return [
        Mention(
            ent.text,
            p_start + ent.start_char,
            p_start + ent.end_char,
            is_subject=_is_subject(ent),
            is_person=False,
        )
        for ent in doc.ents
        if ent.label_ == "ORG" and not _person_by_apposition(ent)
    ]


def _description(ent) -> str:
    root = ent.root
    appos = [c for c in root.children if c.dep_ == "appos"]
    if appos:
        return " ".join(t.text for t in appos[0].subtree)
    if root.dep_ == "appos":
        skip = {t.i for t in root.subtree}
        return " ".join(t.text for t in root.head.subtree if t.i not in skip and t.dep_ != "punct")
    return ""


def _fronted_subject(node) -> bool:
    """ "In Uri, shopkeeper Mohammad Yaseen, 46, said …": the parser hangs the subject on the
    fronted place as an apposition; the verb after them then has no subject of its own."""
    if node.dep_ not in ("appos", "conj") or node.head.dep_ != "pobj":
        return False
    verb = node.head.head.head
    while verb.dep_ in ("prep", "advmod") and verb.head != verb:
        verb = verb.head
    return (
        verb.pos_ in ("VERB", "AUX")
        and node.i < verb.i
        and not any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children)
    )


def _is_subject(ent) -> bool:
    """Subject of its clause (or the object of 'heard from X'), climbing appositions."""
    node = ent.root
    if _fronted_subject(node):
        return True
    in_clause = any(t.dep_ in ("relcl", "acl") for t in ent.root.ancestors)
    for _ in range(3):
        if node.dep_ == "nsubjpass" and node.head.lemma_.lower() in EVENT_OBJECT:
            return False  # "X was killed": the object of an event, never a pronoun's antecedent
        if node.dep_ in ("nsubj", "nsubjpass"):
            return node.head.dep_ not in ("relcl", "acl", "advcl")
        if node.dep_ == "pobj" and node.head.lower_ == "for" and node.head.i == node.sent.start:
            return True  # "For Jean-Paul Muhindo, …, a ceasefire is not enough.": X's view
        if node.dep_ == "pobj" and not in_clause:
            # "heard from Dr. X" introduces the next speaker; "the killing of X" does not.
            if node.head.lower_ not in SOURCE_PREPS:
                return False
            governor = node.head.head if node.head.dep_ == "prep" else node.head
            return governor.lemma_.lower() not in EVENT_OBJECT
        if node.dep_ not in ("appos", "compound") or node.head == node:
            return False
        node = node.head
    return False


def is_place(ent) -> bool:
    """NER says PERSON but the text says place: "in Goma", "Zamzam camp", "Shan State"."""
    root = ent.root
    if root.dep_ == "pobj" and root.head.lower_ in PLACE_PREPS:
        return True
    doc = ent.doc
    after = doc[ent.end].lower_ if ent.end < len(doc) else ""
    return after in PLACE_NOUNS or doc[ent.end - 1].lower_ in PLACE_NOUNS


def place_names(docs) -> frozenset[str]:
    """Names the article uses as places anywhere (tagged GPE/LOC/FAC, or a PERSON in a place
    phrase), so a place never becomes a person or a pronoun's antecedent in another paragraph."""
    return frozenset(
        ent.text
        for doc in docs
        for ent in doc.ents
        if (ent.label_ in ("GPE", "LOC", "FAC") and not _after_person_noun(ent))
        or (ent.label_ == "PERSON" and is_place(ent))
    )


def full_name(ent) -> str:
    """The entity's text with a hyphenated tail NER left out ("Seo Min" + "-gyu")."""
    doc, end = ent.doc, ent.end
    while (
        end + 1 < len(doc)
        and doc[end].text == "-"
        and not doc[end - 1].whitespace_
        and not doc[end].whitespace_
        and doc[end + 1].is_alpha
    ):
        end += 2
    return doc[ent.start : end].text


def person_mentions(doc, p_start: int = 0, places: frozenset[str] = frozenset()) -> list[Mention]:
    """Each person named in the paragraph, with the title before the name and any apposition
    (names in ``places`` and names in a place phrase are places, not people)."""
    out = []
    for ent in doc.ents:
        if len(ent.text) < 3 or not (ent.label_ == "PERSON" or _person_by_apposition(ent)):
            continue
        if ent.text in places or is_place(ent) or re.fullmatch(r"[A-Z]{2,6}", ent.text):
            continue  # a place, or an acronym NER calls a person ("RSF")
        if ORG_WORDS & {t.lower_ for t in ent} or body_by_apposition(ent):
            continue  # "Headquarters", "Interior Ministry": a body NER calls a person
        if _modifies_person_noun(ent):
            continue  # "an Alawite cleric": a word describing someone else
        if ent.text.split()[-1].isalpha() and ent.text.split()[-1].islower():
            continue  # "said Rwanda fed, housed and funded the group": a name and a verb
        title_toks = [t for t in ent.root.subtree if t.i < ent.start]
        title = doc[title_toks[0].i : ent.start].text if title_toks else ""
        if title and title.split()[-1].lower() in GROUP_HEADS:
            continue  # "Kosovo Police Comb Banjska" (a title-case headline): a body, then a verb
        name = full_name(ent)
        out.append(
            Mention(
                name,
                p_start + ent.start_char,
                p_start + ent.start_char + len(name),
                title,
                _description(ent),
                _is_subject(ent),
            )
        )
    return out
