"""Speaker names and the entities an article mentions: comparable forms, titles, plurality."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from infer.extraction.lexicon import rules, word_list, words
from infer.extraction.persons import is_animate

GROUP_HEADS = words("speakers", "group_heads")
STATE_WORDS = words("speakers", "state_words")
TITLE_SYNONYMS = [frozenset(group) for group in word_list("speakers", "title_synonyms")]
RANKS = words("speakers", "ranks")
RANK_WORDS = words("speakers", "rank_words")
STOP = words("speakers", "stop")
ROLE_COVERS = {k: frozenset(v) for k, v in rules("speakers")["role_covers"].items()}


def content_words(text: str) -> set[str]:
    words = {w.lower().strip(".") for w in re.findall(r"[\w.-]+", text)}
    return {w for w in words if w and w not in STOP and not w.isdigit()}


def same_title(a: str, b: str) -> bool:
    if a == b or (a.rstrip("s") == b.rstrip("s") and {a, b} & GROUP_HEADS):  # "headquarter"
        return True
    return any(a in s and b in s for s in TITLE_SYNONYMS)


def strip_ranks(name: str) -> tuple[str, str]:
    """('Mehdi Tavakoli', 'Brig. Gen.') from 'Brig. Gen. Mehdi Tavakoli'."""
    name = re.sub(r"[’']s$", "", name.strip())
    words = name.split()
    i = 0
    while i < len(words) - 1 and words[i].lower().strip(".") in RANKS:
        i += 1
    return " ".join(words[i:]), " ".join(words[:i])


def normalize_speaker(name: str) -> str:
    """Comparable form: lower case, no leading article, possessive, rank, punctuation or trailing
    bracketed alias ("the Alliance Fleuve Congo (AFC)" is "the Alliance Fleuve Congo")."""
    name = re.sub(r"\s*\([^()]*\)\s*$", "", name) or name
    name = strip_ranks(name)[0].lower()
    name = re.sub(r"[’']s\b", "", name)
    name = re.sub(r"[^\w\s-]", " ", name)
    return " ".join(w for w in name.split() if w not in {"the", "a", "an"})


def same_speaker(a: str, b: str) -> bool:
    """Equal after normalising, or one name's words contain the other's with the same last word
    (``Ali Khamenei`` ~ ``Ayatollah Ali Khamenei``)."""
    na, nb = normalize_speaker(a), normalize_speaker(b)
    if na == nb:
        return True
    if not na or not nb:
        return False
    wa, wb = na.split(), nb.split()
    short, long_ = (wa, wb) if len(wa) <= len(wb) else (wb, wa)
    return short[-1] == long_[-1] and set(short) <= set(long_)


def _heads(title: str) -> set[str]:
    words = [w.lower().strip(".") for w in re.findall(r"[\w.-]+", title)]
    heads = {w for w in words if w in RANKS or w in RANK_WORDS}
    core = re.split(r"\s(?:of|for|in|at)\s|,", f" {title.lower()} ")[0].split()
    if core:
        heads.add(core[-1].strip(".’'"))
    return {h for h in heads if h and h not in STOP}


@dataclass
class Entity:
    """One speaker or named person in an article."""

    name: str
    is_person: bool
    gender: str | None = None
    heads: set[str] = field(default_factory=set)
    words: set[str] = field(default_factory=set)
    mentions: list[int] = field(default_factory=list)
    alias_of: Entity | None = None

    def canonical(self) -> Entity:
        return self.alias_of.canonical() if self.alias_of is not None else self

    def describe(self, text: str) -> None:
        if text.strip():
            self.heads |= _heads(text)
            self.words |= content_words(text)

    def absorb(self, other: Entity) -> None:
        """``other`` was this entity under another description: its titles and words join."""
        self.heads |= other.heads
        self.words |= other.words
        other.alias_of = self

    def matches(self, head: str, words: set[str]) -> bool:
        if not any(same_title(head, h) for h in self.heads):
            return False
        return (words - {head}) <= self.words

    def last_before(self, pos: int) -> int:
        return max((m for m in self.mentions if m <= pos), default=-1)


def may_be_called(e: Entity, role: str) -> bool:
    """Whether a person whose known titles are ``e.heads`` may be called "the <role>": no
    title known, the same title, or one of the titles the role covers (ambassador: diplomat)."""
    titles = {h for h in e.heads if is_animate(h) and h not in RANKS}
    covered = ROLE_COVERS.get(role, frozenset())
    return not titles or any(same_title(role, t) or t in covered for t in titles)


def words_of(e: Entity) -> set[str]:
    return {w.lower() for w in e.name.split()}


def looks_like_person(name: str) -> bool:
    """Two to four capitalised words with no organisation or state word: a personal name."""
    words = name.split()
    return (
        2 <= len(words) <= 4
        and all(w[:1].isupper() and not w.isupper() for w in words)
        and not (content_words(name) & (STATE_WORDS | GROUP_HEADS | {"the"}))
    )


def plural(e: Entity) -> bool:
    """A described group of people ("Palestinian officials"); a proper name never is."""
    words = e.name.split()
    # The head noun ends the phrase's core: "Residents of Muzaffarabad" -> "Residents".
    core = re.split(r"\s(?:of|from|in|at|who|that|on)\s|,", f" {e.name} ")[0].split()
    last = core[-1] if core else ""
    # "residents and a health worker": a coordinated description is several people.
    # ("the Resident and Humanitarian Coordinator" is one title).
    joined = any(w == "and" and nxt.islower() for w, nxt in zip(core, core[1:], strict=False))
    return (
        e.is_person
        and len(words) > 1
        and (joined or last.endswith("s"))
        and not last.endswith("ss")
        and (joined or last.islower() or (len(core) == 1 and last[1:].islower()))
    )


def named_issuer(surface: str, head: str) -> str:
    """ "A White House statement" -> "the White House", "a statement from Egypt's foreign
    ministry" -> "Egypt's foreign ministry"; "" when no issuer is named."""
    after = re.search(rf"\b{head}\s+(?:from|by|issued by|of)\s+(.+)$", surface)
    if after is not None:
        return after.group(1)
    m = re.match(rf"(?:[Aa]n?|[Tt]he)\s+((?:[A-Z][\w.’'-]*\s+)+)(?:[a-z]+\s+)*{head}\b", surface)
    if m is None or not m.group(1)[:1].isupper():
        return ""
    return "the " + re.sub(r"[’']s$", "", m.group(1).strip())


def statement_owner(surface: str, head: str) -> str:
    """ "The summit's final communique" -> "the summit": a described owner in lower case (a named
    one is ``named_issuer``'s, a pronoun one ``its statement`` the resolver's); "" otherwise."""
    m = re.match(
        rf"[Tt]he\s+((?:[a-z][\w-]*\s+)*[a-z][\w-]*)[’']s\s+(?:[a-z-]+\s+)*{head}\b", surface
    )
    return f"the {m.group(1)}" if m else ""
