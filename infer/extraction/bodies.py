"""A body's fullest name as the article writes it ('the General Staff' -> 'the General Staff of
the Korean People's Army') and the body words it answers to ('railway company Ukrzaliznytsia')."""

from __future__ import annotations

import re

from infer.extraction.lexicon import without_article, words

GROUP_HEADS = words("speakers", "group_heads")
BODY_WORDS = GROUP_HEADS | words("attribution", "org_words")
MEMBER_NOUNS = words("speakers", "member_nouns")
CAP = r"[A-Z][\w’'.-]*"
# "of the Korean People's Army", "to the United Nations": the body a head belongs to ("of
# Ukraine", a country, names no other body: "the State Emergency Service" is already whole).
OF_NAME = re.compile(
    rf" (?:of|to|for) the {CAP}(?: (?:of |and )?{CAP}){{0,5}}"
    # "Support Mission in Libya (UNSMIL)": the bracketed acronym shows where the name ends.
    rf"| (?:in|for|on) {CAP}(?: {CAP}){{0,2}}(?= \([A-Z][A-Za-z]{{1,7}}\))"
)
BODY_WORD = "(?:" + "|".join(sorted(GROUP_HEADS, key=len, reverse=True)) + ")"
WORD_BEFORE = re.compile(rf"\b({BODY_WORD}) $")
WORD_AFTER = re.compile(rf" ({BODY_WORD})\b")
# "Doctors for the Forest, a group of volunteer physicians,": the body noun of an apposition.
APPOSITION_AFTER = re.compile(rf", (?:an?|the) (?:[\w-]+ ){{0,3}}?({BODY_WORD})\b", re.I)


def fullest_body(name: str, text: str) -> str:
    """The longest form of a body's name the article writes: its name followed by "of <Name>"
    when the name ends in a body word ("staff", "mission"), or by a body word when it is a
    description of two or more words; otherwise ``name``."""
    bare = without_article(name.strip())
    words_ = bare.split()
    if not text or not words_ or not bare[:1].isalpha():
        return name
    tails = []
    if words_[-1].lower() in GROUP_HEADS and words_[-1][:1].isupper():
        tails.append(OF_NAME)
    if len(words_) >= 2 and words_[-1].lower() not in GROUP_HEADS:
        tails.append(WORD_AFTER)
    longer = [
        bare + m.group(0)
        for at in (_occurrences(bare, text) if tails else [])
        for tail in tails
        if (m := tail.match(text, at + len(bare)))
    ]
    if not longer:
        return name
    best = max(longer, key=len)
    return name[: len(name) - len(name.lstrip())] + name.strip()[: -len(bare)] + best


def _in_word(c: str) -> bool:
    return c.isalnum() or c in "_’'-"


def _occurrences(bare: str, text: str) -> list[int]:
    """Where ``bare`` stands as whole words in ``text`` (a literal scan, then its edges: a
    regular expression per name cost more than the rest of speaker resolution)."""
    out, at = [], text.find(bare)
    while at >= 0:
        end = at + len(bare)
        if (at == 0 or not _in_word(text[at - 1])) and (
            end == len(text) or not _in_word(text[end])
        ):
            out.append(at)
        at = text.find(bare, at + 1)
    return out


def adjoining_heads(name: str, text: str) -> set[str]:
    """The body words the article puts right before or after a name ("railway company
    Ukrzaliznytsia", "NATO's KFOR mission"): a later "the company" or "the mission" is that body."""
    bare = without_article(name.strip())
    if not text or not bare[:1].isupper():
        return set()
    out = set()
    for at in _occurrences(bare, text):
        if got := WORD_BEFORE.search(text, max(0, at - 20), at):
            out.add(got.group(1).lower())
        if got := WORD_AFTER.match(text, at + len(bare)) or APPOSITION_AFTER.match(
            text, at + len(bare)
        ):
            out.add(got.group(1).lower())
    return out


def named_before(head: str, text: str, pos: int) -> str:
    """The last phrase before ``pos`` that names a body by ``head`` with its owner ("a spokesman
    for the Taliban's defence ministry", "Iran's Foreign Ministry Spokesman"): what a later bare
    "the ministry" is; "" when there is none."""
    owner = r"(?:[A-Z][\w.’'-]*[’']s|the(?:\s+[A-Z][\w.’'-]*)+[’']s)"
    pattern = rf"{owner}\s+(?:[\w-]+\s+){{0,3}}?(?i:{re.escape(head)})\b"
    found = [m for m in re.finditer(pattern, text[:pos]) if "\n" not in m.group(0)]
    return found[-1].group(0) if found else ""


def body_name(name: str) -> bool:
    """ "The Tigray People's Liberation Front": a name ending in a body word names no person."""
    last = without_article(name).split()[-1:]
    return bool(last) and last[0].lower() in BODY_WORDS


def members_body(surface: str, text: str) -> str:
    """ "M23 rebels", "the Rwanda-backed ELN rebels": members named after their body speak for it,
    when the article also writes the body's own name ("the ELN"); "" otherwise."""
    words_ = without_article(surface.strip()).split()
    if len(words_) < 2 or words_[-1].lower() not in MEMBER_NOUNS:
        return ""
    name = words_[-2]
    if not name[:1].isupper():
        return ""
    # "Taliban fighters" -> "the Taliban"; "Houthi rebels" with no "the Houthi" stay as written.
    return f"the {name}" if re.search(rf"\bthe {re.escape(name)}\b", text) else ""
