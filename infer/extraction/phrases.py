"""The speaker phrase of a cue verb or quotation and its Attribution record (kind, resolution
key, apposition), read off a spaCy parse."""

from __future__ import annotations

import re

from infer.extraction.acronyms import spelled_out
from infer.extraction.entities import looks_like_person
from infer.extraction.lexicon import without_article, word_list, words
from infer.extraction.mentions import BODY_NOUNS, body_by_apposition, full_name, is_place
from infer.extraction.persons import is_animate
from infer.extraction.spans import dated
from infer.extraction.types import Attribution

ORG_WORDS = words("attribution", "org_words")
WH_WORDS = words("attribution", "wh_words")
PRONOUN_SUBJECTS = words("attribution", "pronoun_subjects")
OBJECT_PRONOUNS = {"her": "she", "him": "he", "them": "they"}  # resolved as the subject form
MEDIA_HEADS = words("attribution", "media_heads")
HOUSE_OPENERS = words("attribution", "house_openers")
WITHHELD = words("attribution", "withheld_words")
CONTACT = words("attribution", "contact_words")
STRANDED_PREPS = words("attribution", "stranded_preps")
VENUE_NOUNS = words("attribution", "venue_nouns")
GIVEN_NAME = re.compile(
    r"\b(?:(?:identified(?: (?:himself|herself|themselves))?|named|known"
    r"|gave (?:only )?(?:his|her|their) (?:first )?name)(?: only)? as"
    r"|goes by|(?:the )?(?:nom de guerre|pseudonym))"
    r" ([A-Z][\w’'-]+(?: [A-Z][\w’'-]+)?)"
)
EDITOR_INSERT = re.compile(r"\s*\[((?:the )?[A-Z][^\[\]\n]{1,60})\]")
MEDIA_NAMES = re.compile(r"\b(" + "|".join(word_list("attribution", "media_names")) + r")\b")


def phrase(token) -> str:
    """The text of a noun phrase headed by ``token`` (appositions and clauses cut)."""
    toks = speaker_tokens(token)
    return token.doc.text[toks[0].idx : toks[-1].idx + len(toks[-1])].strip(" ,") if toks else ""


ACRONYM = re.compile(r"[A-Z]{2,6}(?: [A-Z]{2,4})?")


def speaker_tokens(head) -> list:
    """The speaker phrase: the subject's subtree without appositions and non-restrictive clauses
    (restrictive ones stay: "an official who attended the talks")."""
    doc = head.doc
    cut = set()
    for child in head.subtree:
        if child == head:
            continue
        after_comma = child.left_edge.i > 0 and doc[child.left_edge.i - 1].text == ","
        # A restrictive clause names who the speaker is ("a nurse working in MSF's clinic");
        # one about why the name is withheld, or a very long one, is cut.
        own = []  # the clause up to a comma (what follows one is cut on its own)
        for t in child.subtree:
            if t.text == "," and t.i > child.i:
                break
            own.append(t)
        long_clause = len(own) > 12 or any(t.lower_ in WITHHELD for t in own)
        long_clause = long_clause or (
            any(t.lower_ in CONTACT for t in own) and not _bare_plural(head)
        )
        # "an official we interviewed", "a worker whom I reached by phone": the reporter's clause.
        long_clause = long_clause or any(
            c.dep_ == "nsubj" and c.lower_ in ("i", "we") for c in child.children
        )
        # "accounts close to the government": a modifier phrase after the head says whose.
        phrasal = child.dep_ == "advmod" and child.i > head.i and not after_comma
        phrasal = phrasal and any(c.dep_ == "prep" for c in child.children)
        # "the United States, the United Kingdom and Norway": a list member's first word.
        opens_member = child.head.dep_ == "conj" and child.head.left_edge.i == child.i
        if (
            (child.head == head and child.dep_ in ("appos", "advmod", "npadvmod") and not phrasal)
            or (
                after_comma
                and child.i > head.i
                and child.dep_ not in ("conj", "cc")
                and not opens_member
            )
            or (child.dep_ in ("relcl", "acl") and (long_clause or child.i < head.i))
            # "Egypt's Ministry of … Irrigation on Saturday accused": the date is the saying's.
            or (child.i > head.i and child.head.pos_ == "PROPN" and dated(child))
        ):
            cut |= {t.i for t in child.subtree}
    keep = {t.i for t in head.subtree} - cut
    lo = hi = head.i
    while lo - 1 in keep and (doc[lo - 1].text not in "—–(" or _acronym_bracket(doc, lo - 1)):
        lo -= 1
    while (
        hi + 1 in keep
        and doc[hi + 1].text not in "—–("
        and not (doc[hi + 1].text == "," and hi + 2 not in keep)
    ):
        hi += 1
    while hi > lo and doc[hi].is_punct:
        hi -= 1
    if (stranded := _stranded_modifier(head, hi)) is not None:
        hi = stranded.right_edge.i
    return [doc[i] for i in range(lo, hi + 1)]


def _bare_plural(head) -> bool:
    """'Residents', 'witnesses': a plural with no determiner, number or owner."""
    return head.tag_ == "NNS" and not any(
        c.dep_ in ("det", "nummod", "poss", "quantmod") for c in head.children
    )


def _stranded_modifier(head, hi: int):
    """ "quoted a senior officer in the Northern Command as saying": the parser hangs the
    officer's modifier on "quoted"; the prep right after the object is the object's."""
    verb = head.head
    if head.dep_ != "dobj" or head.pos_ == "PRON" or verb.lemma_.lower() != "quote":
        return None
    prep = next((c for c in verb.children if c.dep_ == "prep" and c.i == hi + 1), None)
    if prep is None or prep.lower_ not in STRANDED_PREPS:
        return None
    objects = [c for c in prep.children if c.dep_ == "pobj"]
    if (
        not objects
        or objects[0].ent_type_ in ("DATE", "TIME")
        or objects[0].lemma_.lower() in VENUE_NOUNS
    ):
        return None  # "quoted him on Tuesday", "quoted the minister in an interview"
    return prep


def _which_clause(subject) -> bool:
    """ "Médecins Sans Frontières, which supports the hospital, said": a body, not a person."""
    return any(
        c.dep_ == "relcl" and any(t.lower_ == "which" and t.i < c.i for t in c.subtree)
        for c in subject.children
    )


def _acronym_bracket(doc, i: int) -> bool:
    """ "(UKMTO)" at ``i`` inside a name: "The … Trade Operations (UKMTO) agency"."""
    return i + 2 < len(doc) and doc[i + 2].text == ")" and doc[i + 1].text.isupper()


def _in_clause(token, subject, relative: bool = False) -> bool:
    """Whether ``token`` sits in a participle clause on ``subject`` ("carried by …"); a relative
    clause may name a person speaker ("who gave only her first name, Dragana"), never a body
    ("the mission, which replaced the previous mission, Atmis,": ``relative``)."""
    node = token
    while node.i != subject.i and node.head.i != node.i:
        if node.dep_ == "acl" or (relative and node.dep_ == "relcl" and not _who(node)):
            return True
        node = node.head
    return False


def _who(clause) -> bool:
    return any(t.lower_ in ("who", "whom") for t in clause.children)


def _appositive(subject) -> tuple[str, str]:
    """A proper name in apposition to a common-noun subject, and whether it is a person."""
    if subject.ent_type_ == "PERSON":
        return "", ""
    doc = subject.doc
    for child in subject.subtree:
        if doc[child.left_edge.i - 1].text == "(":
            # "the director general of the Inter-Services Public Relations (ISPR)": an acronym
            # in brackets names the body it follows, not the speaker.
            continue
        if _in_clause(child, subject, relative=not is_animate(subject.lemma_)):
            continue  # "The statement, carried by the news agency WAM,": the carrier's name
        if child.dep_ == "appos" and child.pos_ == "PROPN" and child.i > subject.i:
            toks = [
                t
                for t in child.subtree
                if t.dep_ not in ("punct", "appos", "relcl", "acl") or t.i == child.i
            ]
            toks = [t for t in toks if t.i >= child.left_edge.i and t.i <= child.i]
            text = child.doc.text[toks[0].idx : toks[-1].idx + len(toks[-1])]
            doc = subject.doc
            tagged = {e.label_ for e in doc.ents if e.start <= child.i < e.end}
            # "Her son, Artem, said": a name in apposition to a person noun is a person's even
            # when NER misses it or calls it a place.
            # "the mission's head of office, Cecile Marchand,": a person's name whatever NER says
            # ("the group's armed wing, the Qassam Brigades," stays a body).
            # "One of them, a trader who gave only his first name, Yared,": the name's own head
            # ("trader", "name") may say person where the subject ("one") does not.
            animate = any(is_animate(t.lemma_) for t in (subject, child.head))
            person = (
                "PERSON" in tagged
                or child.head.lemma_.lower() == "name"
                or (animate and ("ORG" not in tagged or looks_like_person(text.strip(" ,"))))
            )
            return text.strip(" ,"), "person" if person else "org"
    return "", ""


def house_voice(surface: str) -> bool:
    """ "our correspondent", "Our Great Lakes analysts": the outlet's own staff doing the
    reporting, never a speaker (GUIDELINES 1.1)."""
    return surface.split(" ", 1)[0].lower() in HOUSE_OPENERS


def make_attribution(subject, cue: str, p_start: int = 0, via: str = "") -> Attribution | None:
    """The Attribution for a speaker token (its phrase, kind and resolution key)."""
    toks = speaker_tokens(subject)
    if not toks:
        return None
    doc = subject.doc
    surface = doc.text[toks[0].idx : toks[-1].idx + len(toks[-1])].strip(" ,\ufffd")
    surface = re.sub(r"^(?:and|but|while)\s+", "", surface)
    surface = re.sub(r"\.?\[\d+\]?$", "", surface)  # a footnote mark: "… closely.[5]"
    surface = re.sub(
        r"\s+(?:themselves|itself|himself|herself)$", "", surface
    )  # "The rebels themselves"
    head = subject.text.lower()
    if head in WH_WORDS and not (len(subject.text) > 1 and subject.text.isupper()):
        return None  # "who said …" is no speaker; "WHO says …" (an acronym) is
    media = subject.lemma_.lower() in MEDIA_HEADS or bool(MEDIA_NAMES.search(surface))
    common = {"cue": cue, "pos": p_start + toks[0].idx, "media": media, "via": via}
    if head in PRONOUN_SUBJECTS and len(toks) == 1:
        return Attribution(surface, surface, head, "pronoun", **common)
    if head in OBJECT_PRONOUNS and len(toks) == 1:  # "According to her, …"
        return Attribution(surface, OBJECT_PRONOUNS[head], head, "pronoun", **common)
    persons = [
        e
        for e in doc.ents
        if e.label_ == "PERSON"
        and not ORG_WORDS & {t.lower_ for t in e}
        and (e.start <= subject.i < e.end or e.end == toks[-1].i + 1)
        and not is_place(e)  # "A commander near Tal Tamr": a place NER calls a person
        and not body_by_apposition(e)
    ]
    if persons:
        name = re.sub(r"[’']s$", "", full_name(persons[-1]))
        return Attribution(surface, name, head, "person", **common)
    appos, appos_kind = _appositive(subject)
    if ACRONYM.fullmatch(appos) and (subject.text[:1].isupper() or spelled_out(appos, surface)):
        # "The Party of Democratic Action, SDA, …", "an official in the Office of the High
        # Representative, OHR,": the short form of a name the phrase holds, no one's name
        # ("the UN peacekeeping mission in southern Lebanon, UNIFIL," names its body).
        appos, appos_kind = "", ""
    if inserted := EDITOR_INSERT.match(doc.text, toks[-1].idx + len(toks[-1])):
        # "The group [the Islamic Resistance] said": the editor's brackets name the referent.
        appos = inserted.group(1)
        appos_kind = "person" if looks_like_person(without_article(appos)) else "org"
    if named := re.fullmatch(r"(.+?) \([A-Z]{2,6}\) [a-z]+", surface):
        appos, appos_kind = named.group(1), "org"  # "The … Operations (UKMTO) agency"
    if not appos and (
        given := GIVEN_NAME.search(doc[subject.left_edge.i : subject.right_edge.i + 1].text)
    ):
        appos, appos_kind = given.group(1), "person"  # "who asked to be identified only as Andrii"
    titled = _titled_name(surface)
    if titled:
        return Attribution(surface, titled, head, "person", **common)
    if not appos and _named_body(subject, toks):
        # "Doctors for the Forest, a group of volunteer physicians, said": a body's name.
        return Attribution(surface, surface, head, "org", body=True, **common)
    if subject.pos_ == "PROPN" and not appos and described_person(subject):
        return Attribution(surface, surface, head, "person", **common)
    if subject.pos_ == "PROPN" and subject.text[:1].isupper() and not appos:
        # A lower-case head the tagger calls PROPN ("the minister said") is a description.
        body = _which_clause(subject) or any(
            e.start <= subject.i < e.end and body_by_apposition(e) for e in doc.ents
        )
        return Attribution(surface, surface, head, "org", body=body, **common)
    return Attribution(
        surface,
        surface,
        subject.lemma_.lower(),
        "description",
        appos=appos,
        appos_kind=appos_kind,
        **common,
    )


def _named_body(subject, toks: list) -> bool:
    """A capitalised name of two or more words in apposition to a body noun."""
    capitals = [t for t in toks if t.text[:1].isupper() and t.pos_ in ("NOUN", "PROPN")]
    # The parser may hang the apposition on the name's last word ("Nurses for the Valley, a …").
    appositions = [c for t in toks for c in t.children if c.dep_ == "appos" and c.i > toks[-1].i]
    return (
        len(capitals) >= 2
        and subject.pos_ == "NOUN"
        and any(c.lemma_.lower() in BODY_NOUNS for c in appositions)
    )


def described_person(name) -> bool:
    """ "Hawa, a mother of four who gave only her first name, spoke to …": a name the recogniser
    misses, set off by a description of a person."""
    tagged = {e.label_ for e in name.doc.ents if e.start <= name.i < e.end}
    return not tagged & {"ORG", "GPE", "NORP", "LOC", "FAC"} and any(
        c.dep_ == "appos" and c.pos_ == "NOUN" and is_animate(c.lemma_) for c in name.children
    )


def _titled_name(surface: str) -> str:
    """ "Russian Ambassador to Serbia Alexander Bochkaryov": a title, its post, then the
    person's name (the last two capitalised words), which NER often misses."""
    m = re.search(
        r"\b([A-Z][a-z]+) (?:to|of|for) (?:the )?[A-Z][\w.-]*(?: [A-Z][\w.-]*)*"
        r" ([A-Z][\w’'-]+ [A-Z][\w’'-]+)$",
        surface,
    )
    return m.group(2) if m and is_animate(m.group(1)) else ""
