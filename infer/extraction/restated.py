"""A headline statement that restates a body statement takes the body speaker's fuller name when
the two names can be one source: "Eastern Libya forces say …" / "Forces loyal to the eastern-based
Libyan National Army said …"; "FO says …" / "the Foreign Office spokesperson said …"."""

from __future__ import annotations

import re

from infer.extraction.acronyms import spelled_out
from infer.extraction.entities import GROUP_HEADS, STATE_WORDS, content_words
from infer.extraction.lexicon import word_list, words
from infer.extraction.types import Candidate

RESTATED = 0.4  # share of a headline's content words a body statement must hold to restate it
LOOSE = 0.5  # the share needed when the two names only share a word or an acronym
MIN_STEM = 4  # "Libya" ~ "Libyan", "Iraq" ~ "Iraqi"; shorter words must be equal ("UN")
# "a senior member of the Houthi team", "one of the rebels": a member, never the body itself.
HEAD_SYNONYMS = [frozenset(g) for g in word_list("speakers", "headline_head_synonyms")]
PERSON_NOUNS = words("speakers", "person_nouns")
SPOKEN_FOR = 0.6  # the share a named person's body statement needs to be the headline's source
MIN_SAID = 3  # content words a headline statement needs before a person's words can match it
PARTITIVE = re.compile(r"(?:an?|one)\s.*\bof\b", re.I)


def stems(text: str) -> set[str]:
    """Content words without a possessive or plural ending ("Houthis" ~ "Houthi movement")."""
    out = set()
    for w in content_words(text.replace("-", " ")):
        w = re.sub(r"[’']s?$", "", w)
        out.add(w[:-1] if len(w) > 3 and w.endswith("s") and not w.endswith("ss") else w)
    return out


def _same_word(a: str, b: str) -> bool:
    short, long_ = sorted((a, b), key=len)
    return a == b or (len(short) >= MIN_STEM and long_.startswith(short))


def _split(name: str) -> tuple[set[str], set[str]]:
    """Stems of a name's proper words (capitalised, a leading "The" aside) and of its others."""
    words = re.findall(r"[\w’'-]+", name)
    if words and words[0] in ("The", "A", "An"):
        words = words[1:]
    proper = stems(" ".join(w for w in words if w[:1].isupper()))
    return proper, stems(" ".join(w for w in words if not w[:1].isupper())) - proper


def _matched(words: set[str], other: set[str]) -> set[str]:
    return {a for a in words if any(_same_word(a, b) for b in other)}


def same_source(short: str, full: str) -> bool:
    """Whether a headline's name and a body speaker's can be one source written two ways: an
    acronym the fuller name spells, or a common noun of the short name in the fuller one with
    no proper word on each side that the other lacks ("Syrian military" ~ "a military source";
    "Russian officials" is never "Ukrainian officials", nor "Serbia" "the Serbian church")."""
    if spelled_out(short, full):
        return True
    (p, common), (q, _) = _split(short), _split(full)
    if not _matched(common, stems(full)):
        return False
    return not (p - _matched(p, stems(full)) and q - _matched(q, stems(short)))


def restated_speakers(text: str, found: list[Candidate], names: list[str]) -> list[str]:
    """A headline statement that restates a body statement (most of its words) with a shorter
    name for the same speaker ("Israel says …" / "Israel's military said …") takes the body's
    fuller name; a different source ("Washington" / "a State Department spokesperson") stays."""
    out = list(names)
    heads = [k for k, c in enumerate(found) if c.where == "headline" and c.attribution]
    if not heads:
        return out
    bodies = [
        (names[j], stems(names[j]), stems(text[c.start : c.end]))
        for j, c in enumerate(found)
        if c.where == "body" and c.attribution and not PARTITIVE.match(names[j])
    ]
    for k in heads:
        mine, said = stems(names[k]), stems(text[found[k].start : found[k].end])
        if not mine or not said:
            continue
        best, share = "", RESTATED
        for name, theirs, words_ in bodies:
            got = len(said & words_) / len(said)
            if name == names[k] or got < share:
                continue
            if mine <= theirs or (got >= LOOSE and len(said) > 1 and same_source(names[k], name)):
                best, share = name, got
        if not best and _common_head(names[k]) and len(said) >= MIN_SAID:
            # GUIDELINES 4.15: a headline that names a body by a common noun and summarises what
            # a named person said in the body ("Government says …" / "Maamouri told a news
            # conference …") is that person's; a name ("Belgrade: …") stays.
            shares = [(len(said & w) / len(said), n) for n, _, w in bodies if _personal(n)]
            got, name = max(shares, default=(0.0, ""))
            best = name if got >= SPOKEN_FOR else ""
        out[k] = best or _described(names[k], [b[0] for b in bodies]) or out[k]
    return out


def _common_head(name: str) -> bool:
    """Whether a name ends in a body, group or person noun ("Government", "local officials",
    "Relatives")."""
    last = stems(name.split()[-1]) if name.split() else set()
    return bool(last & (STATE_WORDS | GROUP_HEADS | PERSON_NOUNS))


def _personal(name: str) -> bool:
    """A personal name: two to four capitalised words ("Ali al-Maamouri" too), no body word."""
    words_ = name.split()
    return (
        2 <= len(words_) <= 4
        and all(w.split("-")[-1][:1].isupper() and not w.isupper() for w in words_)
        and not stems(name) & (STATE_WORDS | GROUP_HEADS | {"the"})
    )


def _described(name: str, bodies: list[str]) -> str:
    """The one body speaker a headline's description names with a synonymous head and all its
    other words ("Mali's junta" -> "Mali's military government"), else ""."""
    words_ = re.findall(r"[\w’'-]+", name)
    if len(words_) < 2 or not words_[0][:1].isupper():
        return ""  # a bare "Army" or "officials" names no one in particular
    head, rest = stems(words_[-1]), stems(" ".join(words_[:-1]))
    group = next((g for g in HEAD_SYNONYMS if head & g), None)
    if group is None or not rest:
        return ""
    found = {
        b
        for b in bodies
        if b != name
        and stems(b) & group
        and all(any(_same_word(a, w) for w in stems(b)) for a in rest)
    }
    return found.pop() if len(found) == 1 else ""
