"""The small frozen records passed between the extraction stages."""

from __future__ import annotations

from dataclasses import asdict, dataclass

WHERE = ("body", "headline", "caption")


@dataclass(frozen=True)
class Attribution:
    """Who said it (as written), how to resolve it, the cue as written and any carrier (``via``)."""

    surface: str
    key: str  # what the resolver is given: the person's name, or the surface
    head: str
    kind: str  # pronoun | person | org | description
    cue: str
    pos: int = 0  # article offset of the speaker phrase
    appos: str = ""  # a proper name in apposition: "the UN mission, UNIFIL," -> "UNIFIL"
    appos_kind: str = ""  # person | org, for ``appos``
    media: bool = False  # the speaker is an outlet or a report, not a source
    via: str = ""  # outlet, agency or document in a reporting chain
    body: bool = False  # the text marks the name as a body's ("Médecins Sans Frontières, which")


@dataclass(frozen=True)
class Mention:
    """A named person or organisation in the article (offsets are article-relative)."""

    name: str
    start: int
    end: int
    title: str = ""  # words before the name inside its phrase ("Defence Minister")
    description: str = ""  # an apposition ("a Balkans analyst")
    is_subject: bool = False  # presented as a speaker or subject, not only an object
    is_person: bool = True


@dataclass(frozen=True)
class Candidate:
    """A statement found but not yet given its resolved speaker."""

    start: int
    end: int
    kind: str  # direct | indirect | mixed
    attribution: Attribution | None
    where: str = "body"


@dataclass(frozen=True)
class Statement:
    """One statement per ``LABELS.md``; ``start``/``end`` index the article text."""

    start: int
    end: int
    text: str
    kind: str
    cue: str
    speaker_surface: str
    speaker: str
    via: str = ""
    where: str = "body"

    def to_dict(self) -> dict:
        return asdict(self)
