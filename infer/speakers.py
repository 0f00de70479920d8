"""Resolve speakers as written (pronouns, surnames, titles) to the fullest name an article gives."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

PRONOUNS = {"he": "person", "she": "person", "they": "group", "it": "group", "we": "group"}
GROUP_HEADS = {
    "ministry", "government", "office", "army", "military", "forces", "force", "group", "movement",
    "council", "department", "agency", "command", "mission", "committee", "coalition", "authority",
    "authorities", "administration", "house", "kremlin", "embassy", "union", "alliance", "wing",
    "brigades", "party", "cabinet", "presidency", "front", "organisation", "organization", "junta",
    "guard", "service", "services", "bureau", "court", "parliament", "secretariat", "statement",
    "headquarters", "staff", "navy", "corps", "militia", "rebels", "officials", "leaders",
}
# Title heads that name the same role in news prose.
TITLE_SYNONYMS = [
    {"chief", "commander", "head", "leader", "boss", "director", "chairman", "chair"},
    {"spokesman", "spokeswoman", "spokesperson", "spokesmen"},
    {"minister"},
    {"president"},
    {"envoy", "representative", "ambassador", "mediator"},
]
STOP = {"the", "a", "an", "of", "’s", "'s", "s", "in", "for", "and", "its", "his", "her", "their", "’", "'"}


def content_words(text: str) -> set[str]:
    words = {w.lower() for w in re.findall(r"[\w-]+", text)}
    return {w for w in words if w not in STOP and not w.isdigit()}


def _same_title(a: str, b: str) -> bool:
    return a == b or any(a in s and b in s for s in TITLE_SYNONYMS)


def normalize_speaker(name: str) -> str:
    """Comparable form: lower case, no leading article, no possessive or punctuation."""
    name = re.sub(r"[’']s\b", "", name.lower())
    name = re.sub(r"[^\w\s-]", " ", name)
    words = [w for w in name.split() if w not in {"the", "a", "an"}]
    return " ".join(words)


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


@dataclass
class Entity:
    """One speaker in an article: its fullest name and the words of its titles and descriptions."""

    name: str
    is_person: bool
    title_heads: set[str] = field(default_factory=set)
    words: set[str] = field(default_factory=set)
    last_seen: int = -1
    alias_of: Entity | None = None

    def canonical(self) -> Entity:
        return self.alias_of.canonical() if self.alias_of is not None else self

    def matches_description(self, head: str, words: set[str]) -> bool:
        if not any(_same_title(head, h) for h in self.title_heads) and head not in self.words:
            return False
        return (words - {head}) <= self.words


@dataclass
class SpeakerResolver:
    """Stateful resolver for one article; feed statements in reading order."""

    persons: dict[str, Entity] = field(default_factory=dict)  # surname/last word -> entity
    entities: list[Entity] = field(default_factory=list)
    history: list[Entity | None] = field(default_factory=list)
    surfaces: list[str] = field(default_factory=list)
    lede: Entity | None = None

    def add_person(self, full_name: str, title: str = "", description: str = "") -> Entity:
        """Register a named person with any title before the name or description in apposition."""
        full_name = re.sub(r"[’']s$", "", full_name.strip())
        parts = full_name.split()
        if not parts:
            raise ValueError("empty person name")
        key = parts[-1].lower()
        ent = self.persons.get(key)
        if ent is None:
            ent = Entity(full_name, True)
            self.persons[key] = ent
            self.entities.append(ent)
        elif len(full_name) > len(ent.name) and key == ent.name.split()[-1].lower():
            ent.name = full_name
        for extra in (title, description):
            if extra.strip():
                words = content_words(extra)
                ent.words |= words
                head = extra.split()[-1].lower() if not description else _head_word(extra)
                ent.title_heads.add(head)
                ent.title_heads |= words & {w for s in TITLE_SYNONYMS for w in s}
        return ent

    def resolve(self, surface: str, position: int, kind: str, head: str = "") -> str:
        """Resolve ``surface`` ('he', 'Qaani', 'the Quds Force chief') for the statement at
        ``position``; kind is 'pronoun', 'person' or 'description'."""
        ent: Entity | None = None
        last = surface.split()[-1].lower() if surface.split() else ""
        if kind == "description" and last in self.persons and surface[:1].isupper():
            kind, surface = "person", self.persons[last].name
        if kind == "pronoun":
            want = PRONOUNS.get(surface.lower())
            for prev in reversed(self.history):
                if prev is not None and (want is None or prev.is_person == (want == "person")):
                    ent = prev
                    break
        elif kind == "person":
            ent = self.add_person(surface)
            if self.lede is not None and len(self.history) <= 2 and not self._seen(ent):
                # News ledes name a speaker by title and give the name a paragraph later.
                ent.words |= self.lede.words
                ent.title_heads |= self.lede.title_heads
                self.lede.alias_of = ent
                self.lede = None
        else:
            head = head or _head_word(surface)
            words = content_words(surface)
            candidates = [e for e in self.entities if e.matches_description(head, words)]
            if candidates:
                ent = max(candidates, key=lambda e: e.last_seen)
            elif surface.lower().startswith("the "):
                ent = Entity(surface, head not in GROUP_HEADS, {head}, words)
                self.entities.append(ent)
                if not self.history and ent.is_person:
                    self.lede = ent
        if ent is not None:
            ent = ent.canonical()
            ent.last_seen = position
        self.history.append(ent)
        self.surfaces.append(surface)
        return ent.name if ent is not None else surface

    def final_names(self) -> list[str]:
        """Resolved names in feeding order, with links found later (the lede) applied."""
        return [
            e.canonical().name if e is not None else s
            for e, s in zip(self.history, self.surfaces, strict=True)
        ]

    def _seen(self, ent: Entity) -> bool:
        return any(e is ent for e in self.history)


def _head_word(text: str) -> str:
    words = re.findall(r"[\w-]+", text.lower())
    for stop in (" of ", " for ", " in ", " at ", " to ", ","):
        if stop in f" {text.lower()} ":
            words = re.findall(r"[\w-]+", f" {text.lower()} ".split(stop)[0])
            break
    return words[-1] if words else ""
