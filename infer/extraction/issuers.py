"""Who issued a statement: "A White House statement said", "the statement said" after the
article reported someone's statement or said someone issued one."""

from __future__ import annotations

from dataclasses import dataclass, field

from infer.extraction.entities import Entity, named_issuer, normalize_speaker
from infer.extraction.lexicon import words
from infer.extraction.registry import EntityRegistry

STATEMENT_HEADS = words("speakers", "statement_heads")


@dataclass
class StatementIssuers(EntityRegistry):
    """The resolved speakers so far, and who the article says issued statements."""

    history: list[Entity | None] = field(default_factory=list)
    surfaces: list[str] = field(default_factory=list)
    issuers: list[tuple[int, Entity]] = field(default_factory=list)  # who issued a statement

    def _statement_issuer(self, surface: str, head: str, pos: int, via: str) -> Entity | None:
        """The body or person behind "<a/the> statement" (``head`` is a statement word)."""
        if issuer := named_issuer(surface, head):
            # "A White House statement said": the body named before the word "statement".
            known = self.by_token.get(issuer.split()[-1].lower())
            return known if known is not None and known.is_person else self.group(issuer, pos)
        # "the statement said": the body or person whose statement the article last reported,
        # or the one it last said issued a statement, whichever came later.
        issuer = next((e for e in reversed(self.history) if e is not None), None)
        issued = max(
            ((p, e) for p, e in self.issuers if p <= pos), default=None, key=lambda x: x[0]
        )
        if issued and (issuer is None or issued[0] > issuer.canonical().last_before(pos)):
            return issued[1].canonical()
        if issuer is not None and issuer.canonical().name.split()[-1].lower() not in (
            STATEMENT_HEADS
        ):
            return issuer.canonical()
        groups = [  # never the outlet that carried it ("carried by the agency WAM")
            e
            for e in self.entities
            if e.alias_of is None
            and e.last_before(pos) >= 0
            and normalize_speaker(e.name) != normalize_speaker(via)
        ]
        return max(groups, key=lambda e: (not e.is_person, e.last_before(pos))) if groups else None

    def _after_statement(self) -> bool:
        """Whether the last attribution was a statement ("The statement said", "the communique")."""
        last = self.surfaces[-1].lower().split() if self.surfaces else []
        return bool(last) and last[-1] in STATEMENT_HEADS and self.history[-1] is not None
