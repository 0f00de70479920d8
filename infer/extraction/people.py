"""The people and bodies an article names, registered with the speaker resolver before its
statements are resolved (with titles, appositions, gender guesses and issuers)."""

from __future__ import annotations

from infer.extraction.attribution import introduced_sources, statement_issuers
from infer.extraction.mentions import org_mentions, person_mentions, place_names
from infer.extraction.persons import guess_gender
from infer.extraction.phrases import make_attribution
from infer.extraction.reported import says_nothing
from infer.extraction.speakers import SpeakerResolver
from infer.extraction.subjects import cue_verbs, subject_of


def inside(pos: int, ranges: list[tuple[int, int]]) -> bool:
    return any(s <= pos < e for s, e in ranges)


def register_people(resolver: SpeakerResolver, text: str, paras: list, quoted, reported=()) -> None:
    """Every named person and body outside quotations, with titles, appositions and a gender
    guess; only subjects count as mentions (antecedents for pronouns), and not those inside
    ``reported`` content ("The MILF said it had asked … with the Army. It urged …")."""
    resolver.text = text  # before any group is registered, so acronyms expand
    places = place_names(doc for _, doc in paras)
    people = [
        (
            p_start,
            doc,
            [m for m in person_mentions(doc, p_start, places) if not inside(m.start, quoted)],
        )
        for p_start, doc in paras
    ]
    starts = sorted(m.start for _, _, found in people for m in found)
    for p_start, doc, found in people:
        for m in found:
            nxt = next((x for x in starts if x > m.start), len(text))
            gender = guess_gender(text, m.start, m.end, nxt)
            subject = m.is_subject and not inside(m.start, reported)
            # A full name inside reported content ("said his brother, Mourad Hamidi, was turned
            # back") is no candidate for a later lone surname ("Hamidi said").
            told = inside(m.start, reported)
            ent = resolver.person(
                m.name,
                m.title,
                gender,
                pos=m.start if subject else None,
                at=None if told else m.start,
            )
            ent.describe(m.description)
        for m in org_mentions(doc, p_start):
            if not inside(m.start, quoted):
                resolver.group(m.name, m.start, m.is_subject and not inside(m.start, reported))
    for p_start, doc in paras:
        for subject, verb in statement_issuers(doc):
            if inside(p_start + verb.idx, quoted):
                continue  # "“We will answer this with deeds, not statements,” he said"
            if (attr := make_attribution(subject, verb.text, p_start)) is not None:
                resolver.issued(attr)
        for subject in introduced_sources(doc):
            if (attr := make_attribution(subject, subject.head.text, p_start)) is not None:
                resolver.introduce(attr)
        for verb in cue_verbs(doc):
            # "An official … rejected the IOM account. “…,” he said": no statement, an antecedent.
            subject = subject_of(verb) if says_nothing(verb) else None
            attr = make_attribution(subject, verb.text, p_start) if subject is not None else None
            if attr is not None:
                resolver.introduce(attr)
    resolver.text = text
