"""Whether a speaker description names a person, and a person's gender, from the article's words."""

from __future__ import annotations

import re

from infer.extraction.lexicon import words

PERSON_NOUNS = words("speakers", "person_nouns")
FEMALE_NOUNS = words("speakers", "female_nouns")
MALE_NOUNS = words("speakers", "male_nouns")
RANK_WORDS = words("speakers", "rank_words")
PERSON_SUFFIXES = ("man", "woman", "person", "ist")
# A quotation inside the window: its pronouns are the speaker's, about other people.
QUOTED = re.compile(r"“[^”]*”|\"[^\"]*\"|‘.*?’(?![a-z])", re.S)


def is_animate(head: str) -> bool:
    """A head noun that names a person ("spokesperson", "the 44-year-old", "fisherman")."""
    head = head.lower().strip(".’'")
    return (
        head in PERSON_NOUNS
        or head in RANK_WORDS
        or head.endswith(PERSON_SUFFIXES)
        or head.endswith("-old")
    )


def noun_gender(text: str) -> str | None:
    """'f' or 'm' when the phrase names a woman or a man by a gendered noun ("a 52-year-old
    woman", "her son"), else None; pronouns in the phrase are about someone else."""
    found = {w.lower() for w in re.findall(r"[\w-]+", text)}
    female, male = bool(found & FEMALE_NOUNS), bool(found & MALE_NOUNS)
    if female != male:
        return "f" if female else "m"
    return None


def guess_gender(text: str, start: int, end: int, limit: int | None = None) -> str | None:
    """From the pronouns after a mention, up to the next person mentioned (or 400 characters),
    outside quotations."""
    window = text[end : min(end + 400, limit or len(text))]
    cut = re.search(r"\n\n", window)
    window = window[: cut.start()] if cut else window
    window = QUOTED.sub(" ", window)
    he = len(re.findall(r"\b(he|his|him)\b", window, re.I))
    she = len(re.findall(r"\b(she|her|hers)\b", window, re.I))
    title = text[max(0, start - 5) : start]
    if re.search(r"\b(Ms|Mrs)\.?\s*$", title):
        return "f"
    if re.search(r"\bMr\.?\s*$", title):
        return "m"
    if he > she:
        return "m"
    if she > he:
        return "f"
    return None
