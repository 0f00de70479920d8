"""Resolve speakers as written (pronouns, surnames, titles, descriptions) to the fullest name an
article gives, using only links the article itself makes."""

from __future__ import annotations

import re
from dataclasses import dataclass

from infer.extraction.acronyms import acronyms_of, spelled_out
from infer.extraction.bodies import body_name, fullest_body, members_body, named_before
from infer.extraction.entities import (
    GROUP_HEADS,
    STATE_WORDS,
    STOP,
    Entity,
    content_words,
    looks_like_person,
    may_be_called,
    normalize_speaker,
    plural,
    same_speaker,
    statement_owner,
    strip_ranks,
)
from infer.extraction.ledes import LEDE, NEAR, Ledes
from infer.extraction.lexicon import without_article, word_list, words
from infer.extraction.persons import is_animate, noun_gender
from infer.extraction.types import Attribution

__all__ = ["SpeakerResolver", "normalize_speaker", "same_speaker", "strip_ranks"]

GENERIC_GROUPS = words("speakers", "generic_groups")
STATEMENT_HEADS = words("speakers", "statement_heads")
MILITARY_WORDS = words("speakers", "military_words")
NATIONAL_FORCE = re.compile("|".join(word_list("speakers", "national_force_names")))


@dataclass
class SpeakerResolver(Ledes):
    """Resolver for one article: register people first, then feed attributions in text order."""

    def resolve(self, attr: Attribution, start: int | None = None) -> str:
        """Resolve one attribution (kind pronoun | person | org | description) to a name; an
        antecedent is looked for before ``start`` (the statement's own content never holds it:
        "Russia should let the ICRC in, the group said")."""
        surface, key, kind, head, pos = attr.surface, attr.key, attr.kind, attr.head, attr.pos
        look = min(pos, start) if start is not None else pos
        appos, appos_kind = attr.appos, attr.appos_kind
        ent: Entity | None = None
        if kind == "description" and self._expand_acronym(key) != key:
            kind = "org"  # "SADC said": an acronym the article spells out, however it was parsed
        if kind in ("org", "description") and not appos and (body := members_body(key, self.text)):
            kind, key, head = "org", body, body.split()[-1].lower()  # "M23 rebels": the M23
        if appos:
            ent = self.person(appos, pos=pos) if appos_kind == "person" else self.group(appos, pos)
            ent.describe(surface)
            if appos_kind == "person":
                self._join_ledes(ent)
                self._name_described(ent, surface, head, look)
        elif kind == "pronoun" and key.lower() == "it" and self._after_statement():
            ent = self.history[-1]  # "The statement said …. It called …": the same statement
        elif kind == "pronoun":
            ent = self._pronoun(key.lower(), look)  # the subject form: "her" is looked up as "she"
            if (
                ent is not None
                and ent.is_person
                and ent.gender is None
                and key.lower() in ("he", "she")
            ):
                ent.gender = "m" if key.lower() == "he" else "f"
        elif kind == "person":
            ent = self.person(self._fullest(key, pos), pos=pos)
            self._join_ledes(ent)
        elif kind == "org" and is_animate(head) and not looks_like_person(key):
            # "the Special Representative of the Secretary-General said": a capitalised title
            # names a person, a "she" later on.
            ent = self._description(surface, head, look)
        elif kind == "org":
            key = self._expand_acronym(key)  # "The RSF" is looked up by its spelled-out name
            known = next(
                (
                    self.by_token[t.lower()]
                    for t in reversed(key.split())
                    if t.lower() in self.by_token and t.lower() not in STOP
                ),
                None,
            )
            spelled = [e for e in self.entities if e.alias_of is None and acronyms_of(key, e.name)]
            if spelled:  # "the DG ISPR": the director general of the Inter-Services Public …
                ent = max(spelled, key=lambda e: e.last_before(look))
            elif known is not None and known.is_person and not body_name(key):
                # "Nikola Todorović" (parsed as a body) is not the Milan Todorović indexed first
                # by the shared family name; a lone surname is the one most recently named.
                bare = strip_ranks(key)[0]
                ent = self.person(bare if " " in bare else self._fullest(bare, pos), pos=pos)
            elif looks_like_person(key) and not attr.body:
                ent = self.person(self._fullest(key, pos), pos=pos)
            else:
                ent = self.group(key, pos)
        else:
            ent = self._description(self._possessor(surface, look), head, look, attr.via)
        if ent is not None:
            ent = ent.canonical()
            ent.mentions.append(pos)
            if ent.is_person and kind != "pronoun":
                # A gendered head noun ("a 52-year-old woman", "her son") outweighs pronoun counts.
                ent.gender = noun_gender(head) or ent.gender
        self.history.append(ent)
        self.surfaces.append(surface)
        return ent.name if ent is not None else surface

    def introduce(self, attr: Attribution) -> Entity | None:
        """Register someone the article presents without a statement ("A senior army officer,
        speaking on condition of anonymity, went further."), an antecedent for a later "he"."""
        ledes = list(self.ledes)
        self.resolve(attr)
        self.ledes = ledes  # registered ahead of the statements: never a lede
        self.surfaces.pop()
        return self.history.pop()

    def issued(self, attr: Attribution) -> None:
        """Record who issued a statement ("A spokesman … issued a press statement"), for a later
        "the statement said"; no statement of its own."""
        if (ent := self.introduce(attr)) is not None:
            self.issuers.append((attr.pos, ent))

    def unattributed(self) -> None:
        """Record a statement with no attribution (keeps ``final_names`` aligned)."""
        self.history.append(None)
        self.surfaces.append("")

    def _pronoun(self, pronoun: str, pos: int) -> Entity | None:
        def ok(e: Entity) -> bool:
            if pronoun in ("he", "she"):
                return (
                    e.is_person and e.gender != {"he": "f", "she": "m"}[pronoun] and not plural(e)
                )
            if pronoun == "it":
                return not e.is_person
            if pronoun == "they":
                return not e.is_person or plural(e)
            return True

        live = [
            e for e in self.entities if e.alias_of is None and ok(e) and e.last_before(pos) >= 0
        ]
        return max(live, key=lambda e: e.last_before(pos)) if live else None

    def _possessor(self, surface: str, pos: int) -> str:
        """ "Its foreign ministry" -> "China's foreign ministry": "its" resolved like "it"; "one
        of them" -> "one of two residents of Alamata", "them" like "they"."""
        part = re.fullmatch(
            r"(one|another|two|three|some|several) of (?:them|those)", surface, re.I
        )
        group = self._pronoun("they", pos) if part else None
        if part and group is not None and plural(group):
            return f"{part.group(1).lower()} of {group.name[:1].lower()}{group.name[1:]}"
        m = re.match(r"(?:its|their)\s+(.+)", surface, re.I)
        if m is None:
            return surface
        owner = self._pronoun("it" if surface[:3].lower() == "its" else "they", pos)
        if owner is None:
            return surface
        name = re.sub(r"^The\s", "the ", owner.name)
        return f"{name}'s {m.group(1)}"

    def _last_person(self, pos: int) -> Entity | None:
        """The single person most recently presented as a subject or speaker before ``pos``."""
        live = [
            e
            for e in self.entities
            if e.alias_of is None and e.is_person and not plural(e) and e.last_before(pos) >= 0
        ]
        return max(live, key=lambda e: e.last_before(pos)) if live else None

    def _description(self, surface: str, head: str, pos: int, via: str = "") -> Entity | None:
        head = head.lower()
        if head in STATEMENT_HEADS:
            if owner := statement_owner(surface, head):
                return self._description(owner, owner.split()[-1], pos)  # the summit's communique
            return self._statement_issuer(surface, head, pos, via)
        words = content_words(surface)
        gender = noun_gender(head)
        # "a Lashio resident", "a doctor": an indefinite description brings in someone new.
        new = re.match(r"(?:an?|one|another)\s", surface.lower()) is not None
        found = [
            e
            for e in self.entities
            if e.alias_of is None
            and not new
            and e.matches(head, words - spelled_out(surface, e.name) - self._placed(surface, e))
            and not (gender and e.gender and gender != e.gender)  # spokesman vs spokeswoman
        ]
        if (
            surface.lower() == f"the {head}"
            and head in GENERIC_GROUPS
            and all(not any(w[:1].isupper() for w in e.name.split()[1:]) for e in found)
        ):
            # "the group": a named body mentioned since outranks a description with no name in
            # it ("Paramilitary group" in the headline) that shares only the word.
            found += self._named_bodies(pos)
        # "UN mission": the body "UN" is the mission's owner when a body spelling it out is there.
        before_head = surface.lower().split()
        before_head = before_head[: before_head.index(head)] if head in before_head else []
        owners = [e for e in found if normalize_speaker(e.name) in before_head]
        if owners and (len(owners) < len(found) or head not in GENERIC_GROUPS):
            found = [e for e in found if e not in owners]  # "the UN mission" is not the UN
        if found:
            return max(found, key=lambda e: e.last_before(pos))
        if re.fullmatch(r"the \d+-year-old", surface.lower()):
            # "the 44-year-old told …": the person the article has just named, like "he".
            return self._last_person(pos)
        if surface.lower() == f"the {head}" and is_animate(head):  # singular: word == lemma
            # "Ambassador X told TASS. … the diplomat said": a bare definite role word with no
            # holder in the article is the person just named, when gender allows.
            last = self._last_person(pos)
            if (
                last is not None
                and last.name[:1].isupper()
                and not re.match(r"(?:The|A|An)\s", last.name)
                and pos - last.last_before(pos) < NEAR
                and not (gender and last.gender and gender != last.gender)
                and may_be_called(last, head)
            ):
                last.heads.add(head)
                return last
        # "the group", "the armed group"; "the UN refugee agency" names its own body.
        generic = (
            head in GENERIC_GROUPS
            and surface.lower().startswith("the ")
            and not any(w[:1].isupper() for w in surface.split()[1:])
        )
        if generic and (named := self._named_bodies(pos)):
            return max(named, key=lambda e: e.last_before(pos))
        bare = surface.lower() == f"the {head}" and head in GROUP_HEADS
        forces = [  # the force itself, not "the General Staff of the Armed Forces"
            e for e in self._named_bodies(pos) if NATIONAL_FORCE.search(e.name.split(" of ")[0])
        ]
        if bare and head in MILITARY_WORDS and len(forces) == 1:
            return forces[0]
        if bare and (owned := named_before(head, self.text, pos)):
            return self.group(owned, pos)  # "the ministry": the Taliban's defence ministry
        animate = head not in GROUP_HEADS and is_animate(head)
        ent = Entity(surface if animate else fullest_body(surface, self.text), animate)
        ent.describe(surface)
        ent.heads.add(head)
        self.entities.append(ent)
        for lede in self.ledes if ent.is_person else []:
            # "Taliban official says" then "a Taliban official in Kandahar told …": the same one.
            if head in lede.heads and lede.words <= ent.words:
                lede.alias_of = ent
        self.ledes = [lede for lede in self.ledes if lede.alias_of is None]
        # "the regional governor" (or headline-style "Russian diplomat") first, named later.
        definite = not re.match(r"(?:an?|one|some|another|two|three|several)\s", surface.lower())
        single = head in surface.lower().split()  # the head is written as its lemma: not plural
        if len(self.history) <= LEDE and ent.is_person and definite and single:
            self.lede_pos = pos if not self.ledes else self.lede_pos
            self.ledes.append(ent)
        return ent

    def _placed(self, surface: str, e: Entity) -> set[str]:
        """ "The survivor in Dédougou": the place, when the sentence that brought ``e`` in names
        it ("a survivor who spoke by telephone from Dédougou")."""
        places = {p.lower() for p in re.findall(r"\b(?:in|from) ([A-Z][\w’'-]+)", surface)}
        if not places or not e.mentions or not surface.lower().startswith("the "):
            return set()
        at = min(e.mentions)
        end = self.text.find(".", at)
        return places & content_words(self.text[at : end if 0 <= end - at < 300 else at + 300])

    def _named_bodies(self, pos: int) -> list[Entity]:
        """Bodies with a proper name (not a state's organ) mentioned before ``pos``."""
        return [
            e
            for e in self.entities
            if not e.is_person
            and e.alias_of is None
            and without_article(e.name)[:1].isupper()
            and e.last_before(pos) >= 0
            and not content_words(e.name) & STATE_WORDS
        ]

    def final_names(self) -> list[str]:
        """Resolved names in feeding order, with links found later (the lede) applied."""
        return [
            e.canonical().name if e is not None else s
            for e, s in zip(self.history, self.surfaces, strict=True)
        ]
