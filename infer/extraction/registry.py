"""The people and bodies one article names, indexed by the words of their names."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from infer.extraction.acronyms import expand_acronym, spelled_out
from infer.extraction.bodies import BODY_WORDS, adjoining_heads, fullest_body
from infer.extraction.entities import (
    RANK_WORDS,
    RANKS,
    STOP,
    Entity,
    normalize_speaker,
    strip_ranks,
    words_of,
)
from infer.extraction.persons import guess_gender, noun_gender


@dataclass
class EntityRegistry:
    """Named people and bodies of one article: full names, surnames and acronyms point to one
    entity each."""

    entities: list[Entity] = field(default_factory=list)
    by_token: dict[str, Entity] = field(default_factory=dict)
    named: dict[str, list[tuple[int, Entity]]] = field(default_factory=dict)  # full-name mentions
    text: str = ""

    def person(
        self,
        name: str,
        title: str = "",
        gender: str | None = None,
        pos: int | None = None,
        at: int | None = None,
    ) -> Entity:
        """The entity for a person name (surnames and given names index the fullest form)."""
        bare, ranks = strip_ranks(name)
        tokens = [t for t in bare.split() if len(t) > 1]
        if not tokens:
            tokens = [bare]
        if len(tokens) > 1:
            # Two people may share a family name (Kim Jong Un, Kim Yo Jong): a full name joins
            # only an entity whose words it contains or that contains all of its words.
            mine = {t.lower() for t in tokens}
            ent = next(
                (
                    e
                    for e in reversed(self.entities)
                    if e.is_person
                    and ({w.lower() for w in e.name.split()} <= mine or mine <= words_of(e))
                ),
                None,
            )
        else:  # "Ms Niyonzima" is the woman of that name, though her brother was named since
            ent = self._latest_named(tokens[0].lower(), pos, gender or noun_gender(ranks))
        if ent is None or not ent.is_person:
            ent = Entity(bare, True)
            self.entities.append(ent)
        elif len(bare) > len(ent.name) and set(ent.name.split()) <= set(bare.split()):
            ent.name = bare
        # "Khaled al-Wazir" is "Wazir" later on: a name is indexed without its article too.
        keys = [t.lower() for t in tokens]
        keys += [k[3:] for k in keys if re.match(r"(?:al|el|ad|as|ar|an)-\w", k)]
        for k in keys:
            self.by_token.setdefault(k, ent)
            if len(tokens) > 1 and at is not None:
                self.named.setdefault(k, []).append((at, ent))
        ent.describe(f"{title} {ranks}")
        ent.gender = ent.gender or gender
        if pos is not None:
            ent.mentions.append(pos)
        return ent

    def _latest_named(
        self, token: str, pos: int | None, gender: str | None = None
    ) -> Entity | None:
        """The person most recently named in full with this word before ``pos`` (a shared family
        name goes to the one just named, of the gender asked for), else the first indexed by it."""
        if pos is not None:
            before = [
                (at, e)
                for at, e in self.named.get(token, [])
                if at <= pos and not (gender and e.gender and e.gender != gender)
            ]
            if before:
                return max(before, key=lambda x: x[0])[1]
        return self.by_token.get(token)

    def group(self, name: str, pos: int, subject: bool = True) -> Entity:
        name = fullest_body(self._expand_acronym(completed(name, self.text)), self.text)
        key = normalize_speaker(name)
        ent = next(
            (e for e in self.entities if not e.is_person and normalize_speaker(e.name) == key), None
        )
        if ent is None and (ent := self._same_body(name, pos)) is not None:
            if len(key.split()) > len(normalize_speaker(ent.name).split()):
                ent.name = name  # the fullest form the article gives
            ent.describe(name)
        if ent is None:
            ent = Entity(name, False)
            ent.describe(name)
            ent.heads |= adjoining_heads(name, self.text)
            self.entities.append(ent)
            for t in name.split():
                if t[:1].isupper() and t.lower() not in STOP:
                    self.by_token.setdefault(t.lower(), ent)
        if subject:  # only subjects and speakers are antecedents for "it" and "they"
            ent.mentions.append(pos)
        return ent

    def _same_body(self, name: str, pos: int) -> Entity | None:
        """A named body whose name holds all the words of ``name`` (or the reverse) and ends in
        the same word: 'the Eastern Command' is 'the Eastern Theater Command', 'the PLA Navy' the
        'People's Liberation Army Navy'. A one-word name ('the Command') joins only when a single
        body fits."""
        mine = normalize_speaker(name).split()
        if not mine or mine[-1] not in BODY_WORDS:
            return None  # "Iran" inside "the Ministry of Foreign Affairs of … Iran" is no body
        fits = []
        for e in self.entities:
            theirs = normalize_speaker(e.name).split()
            if e.is_person or e.alias_of is not None or not theirs or theirs[-1] != mine[-1]:
                continue
            if not e.name[:1].isupper() and not e.name.startswith("the "):
                continue  # a description ("its units"), not a name
            if set(mine) - spelled_out(name, e.name) <= set(theirs) or set(theirs) <= set(mine):
                fits.append(e)
        if len(fits) == 1 or (fits and min(len(mine), *(len(e.name.split()) for e in fits)) > 1):
            return max(fits, key=lambda e: e.last_before(pos))
        return None

    def _expand_acronym(self, name: str) -> str:
        return expand_acronym(name, self.text)

    def _fullest(self, name: str, pos: int) -> str:
        """A lone surname or given name widened to the fullest capitalised name in the article."""
        bare, ranks = strip_ranks(name)
        if " " in bare or not self.text:
            return name
        # "Ghoneim said he …" after his cousin Nagwa Ghoneim: the pronouns that follow decide.
        gender = noun_gender(ranks) or guess_gender(self.text, pos, pos + len(name), pos + 200)
        if bare.lower() in self.by_token:
            ent = self._latest_named(bare.lower(), pos, gender)
            return ent.name if ent is not None else name
        pattern = rf"(?:[A-Z][\w’'-]+\s+){{0,3}}{re.escape(bare)}(?:\s+[A-Z][\w’'-]+){{0,2}}"
        names = [strip_ranks(m.group(0))[0] for m in re.finditer(pattern, self.text)]
        names = [
            n
            for n in names
            if not any(
                w.lower().strip(".") in STOP | RANKS | RANK_WORDS for w in n.split() if w != bare
            )
        ]
        if not names:
            return name
        ent = self._latest_named(bare.lower(), pos, gender)
        return ent.name if ent is not None else max(names, key=len)


def completed(name: str, text: str) -> str:
    """ "The Prosecutor’s Office of Bosnia and" (a recogniser's span that stops at a place) ->
    "… of Bosnia and Herzegovina": a name ending in a joining word takes the capitalised words
    that follow it in the text; a possessive ending is dropped."""
    name = re.sub(r"[’']s$", "", name)  # "the Philippine Army's" (before "spokesperson")
    if not re.search(r"\s(?:and|of|for|on|the)$", name):
        return name
    m = re.search(re.escape(name) + r"((?:\s+[A-Z][\w’'-]*)+)", text)
    return name + m.group(1) if m else name
