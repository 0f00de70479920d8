"""Speakers described before they are named: a lede's title ("the regional governor said …")
named a paragraph later, and "a local official said …" named by "The official, X, …"."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from infer.extraction.entities import Entity, content_words, plural
from infer.extraction.issuers import StatementIssuers

LEDE = 2  # statements before the first one that names a person (a headline's among them)
# Characters: how far back a description ("the diplomat", "The spokesman, X,") looks for its person.
NEAR = 1200


def unnamed(e: Entity) -> bool:
    """A single person known only by a description ("A US official"), not by a name."""
    first = e.name.split()[0] if e.name.split() else ""
    return (
        e.is_person
        and e.alias_of is None
        and not plural(e)
        and (first.lower() in ("a", "an", "one", "the") or first[:1].islower())
    )


@dataclass
class Ledes(StatementIssuers):
    """The descriptions waiting for a name, and the rules that give them one."""

    ledes: list[Entity] = field(default_factory=list)  # described before they are named
    lede_pos: int = 0

    def _join_ledes(self, ent: Entity) -> None:
        """News ledes name a speaker by title and give the name a paragraph later."""
        if self.ledes and len(self.history) <= LEDE + 1 and ent.last_before(self.lede_pos) < 0:
            for lede in self.ledes:
                ent.absorb(lede)
            self.ledes = []

    def _name_described(self, ent: Entity, surface: str, head: str, pos: int) -> None:
        """ "A police spokesman said …" then "The spokesman, Baton Gashi, added …": a definite
        description given a name names the person described by it last (and the same person's
        shorter descriptions before, a headline's "police spokesman"), not another official."""
        if not re.match(r"the\s", surface, re.I):
            return
        words = content_words(surface)
        found = [
            e
            for e in self.entities
            if e is not ent
            and unnamed(e)
            and e.matches(head.lower(), words)
            and 0 <= pos - e.last_before(pos) < NEAR
        ]
        if not found:
            return
        last = max(found, key=lambda e: e.last_before(pos))
        for e in found:
            if e is last or e.words <= last.words:
                ent.absorb(e)
