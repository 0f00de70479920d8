"""Acronyms spelled out by the article itself: 'The RSF' -> 'the Rapid Support Forces'."""

from __future__ import annotations

import re

from infer.extraction.lexicon import without_article

WORD = r"[A-Z][\w’'.]*(?:-[\w’']+)*"
LINK_WORDS = ("of", "for", "and", "on", "in")
LINK = r"(?:of|for|and|on|in)(?:\s+the)?"
PHRASE = re.compile(rf"{WORD}(?:\s+(?:{LINK}\s+)?{WORD}){{1,7}}")


def _initials(word: str) -> str:
    return "".join(p[0] for p in re.split(r"-", word) if p[:1].isupper())


def _span_for(words: list[str], acronym: str) -> list[str] | None:
    """The shortest run of words, starting and ending capitalised, whose capitals spell it (a
    linking word may give its initial too: "Economic Community of West African States")."""
    for i, first in enumerate(words):
        if first[:1].isupper() and (end := _spell(words, i, acronym)) is not None:
            return words[i:end]
    return None


def _spell(words: list[str], j: int, rest: str) -> int | None:
    """The end of a run from ``words[j]`` whose capitals spell ``rest``, or None."""
    if j >= len(words):
        return None
    word = words[j]
    options = [_initials(word)]
    if word in LINK_WORDS:
        options.append(word[0].upper())
    # "UN Mission in South Sudan": a word in capitals gives all its letters.
    if len(word) > 1 and word.isupper() and len(word) < len(rest):
        options.append(word)
    for got in options:
        if not rest.startswith(got):
            continue
        if got == rest and word[:1].isupper():
            return j + 1
        if got != rest and (end := _spell(words, j + 1, rest[len(got) :])) is not None:
            return end
    return None


def expand_acronym(name: str, text: str) -> str:
    """The spelled-out name (with 'the') for an all-capitals name the article spells out, the
    bracketed definition first ("the Armed Forces of the Philippines (AFP)"); else ``name``."""
    bare = without_article(name.strip())
    if text and re.fullmatch(r"[A-Z][a-z]{3,11}", bare):
        return _bracketed_alias(bare, text) or name
    if not re.fullmatch(r"[A-Z]{3,6}", bare) or not text:  # "US", "UN" stay as written
        return name
    defined = [
        m for m in PHRASE.finditer(text) if text[m.end() : m.end() + 3 + len(bare)] == f" ({bare})"
    ]
    for m in defined + list(PHRASE.finditer(text)):
        words = m.group(0).split()
        span = _span_for(words, bare)
        if span:
            chosen = " ".join(span)
            return chosen if chosen.lower().startswith("the ") else f"the {chosen}"
        if defined and m is defined[-1]:
            # "the Kurdistan Workers' Party (PKK)": a bracketed acronym defines the name before
            # it even when its letters come from another language's name.
            return _defined_name(m, text) or name
    return name


def _defined_name(m: re.Match, text: str) -> str:
    """The name a bracket follows, as written (a leading owner, "Turkey's", left out); "" for a
    dateline's place in capitals ("NEW DELHI (AFP)")."""
    words = m.group(0).split()
    while len(words) > 1 and re.search(r"[’']s?$", words[0]) and words[0][:1].isupper():
        words = words[1:]
    if not any(c.islower() for c in "".join(words)):
        return ""
    if words[0].lower() == "the":
        return " ".join(words)
    article = (
        text[max(0, m.start() - 4) : m.start()].lower() == "the " and words == m.group(0).split()
    )
    return ("the " if article else "") + " ".join(words)


def _bracketed_alias(alias: str, text: str) -> str:
    """ "US Africa Command (Africom)": the name a short alias in brackets follows, when the
    alias's letters run in order through it (the name starting at a word in capitals or at
    the alias's initial); else ""."""
    if f" ({alias})" not in text:
        return ""
    for m in PHRASE.finditer(text):
        if text[m.end() : m.end() + 3 + len(alias)] != f" ({alias})":
            continue
        words = m.group(0).split()
        for i in range(len(words) - 1):
            phrase = " ".join(words[i:])
            letters = iter(phrase.lower())
            starts = words[i].isupper() or words[i][:1] == alias[:1]
            if starts and alias[:1] in phrase and all(c in letters for c in alias.lower()):
                return phrase
    return ""


def spelled_out(surface: str, name: str) -> set[str]:
    """The acronyms of ``surface`` (lower-cased) whose letters ``name`` spells out: "the CCG
    spokesperson" and "a spokesperson for the China Coast Guard" share "CCG"."""
    words = name.split()
    return {
        a.lower() for a in re.findall(r"\b[A-Z]{2,6}\b", surface) if _span_for(words, a) is not None
    }


def acronyms_of(surface: str, name: str) -> bool:
    """Whether ``surface`` is nothing but acronyms each spelled by words of ``name``, titles in
    lower case too: "the DG ISPR" and "the director general of the Inter-Services Public
    Relations"."""
    tokens = without_article(surface.strip()).split()
    if not tokens or not all(re.fullmatch(r"[A-Z]{2,6}", t) for t in tokens):
        return False
    if max(len(t) for t in tokens) < 3 or set(tokens) & set(name.split()):
        return False  # "the US" is no spelling of "US State Department"
    words = [w[:1].upper() + w[1:] if w not in LINK_WORDS else w for w in name.split()]
    return all(_span_for(words, t) is not None for t in tokens)
