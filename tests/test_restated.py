"""A headline statement restating a body statement takes the body speaker's fuller name."""

import pytest

from infer.extraction.restated import restated_speakers, same_source
from infer.extraction.types import Attribution, Candidate


def _found(text: str, headline: str, bodies: list[str]) -> list[Candidate]:
    said = Attribution("x", "x", "x", "org", "said", 0)
    out = [Candidate(text.index(headline), text.index(headline) + len(headline), "indirect", said)]
    out[0] = Candidate(out[0].start, out[0].end, "indirect", said, "headline")
    for content in bodies:
        start = text.index(content)
        out.append(Candidate(start, start + len(content), "indirect", said))
    return out


@pytest.mark.parametrize(
    "short, full",
    [
        ("Western Bolivia police", "Police units of the western-based Bolivian command"),
        ("Haitian military", "a military source"),
        ("HNP", "the Haitian National Police spokesperson"),
    ],
)
def test_one_source_written_two_ways(short, full):
    assert same_source(short, full)


@pytest.mark.parametrize(
    "short, full",
    [
        ("Colombian officials", "Venezuelan officials"),
        ("Haiti", "The Haitian Episcopal Conference"),
        ("UN envoy's office", "The spokesperson for UN Secretary-General"),
        ("the Guyana Defence Force", "Venezuela Defence Force"),
    ],
)
def test_different_sources_stay_apart(short, full):
    assert not same_source(short, full)


def test_headline_restating_the_lede_with_a_shorter_name_takes_the_lede_speaker():
    text = (
        "Haitian military says gang attack on Mirebalais repelled\n\n"
        "A gang attack on Mirebalais was repelled overnight, a military source said. "
        "Residents said the gang attack lasted hours."
    )
    found = _found(
        text,
        "gang attack on Mirebalais repelled",
        ["A gang attack on Mirebalais was repelled overnight", "the gang attack lasted hours"],
    )
    got = restated_speakers(text, found, ["Haitian military", "a military source", "Residents"])
    assert got[0] == "a military source"


def test_headline_acronym_takes_the_body_name_it_spells():
    text = (
        "Cocaine seizure at Cap-Haitien port a record, HNP says\n\n"
        "The Haitian National Police spokesperson said the cocaine seizure at Cap-Haitien port "
        "was a record for the year."
    )
    found = _found(
        text,
        "Cocaine seizure at Cap-Haitien port a record",
        ["the cocaine seizure at Cap-Haitien port was a record for the year"],
    )
    got = restated_speakers(text, found, ["HNP", "The Haitian National Police spokesperson"])
    assert got[0] == "The Haitian National Police spokesperson"


def test_a_member_of_the_group_never_replaces_the_group():
    text = (
        "Gang coalition says truce talks in Port-au-Prince stalled\n\n"
        "Truce talks in Port-au-Prince have stalled, a senior member of the gang coalition said."
    )
    found = _found(
        text,
        "truce talks in Port-au-Prince stalled",
        ["Truce talks in Port-au-Prince have stalled"],
    )
    names = ["Gang coalition", "a senior member of the gang coalition"]
    assert restated_speakers(text, found, names)[0] == "Gang coalition"


@pytest.mark.parametrize(
    "headline_name, bodies, expected",
    [
        (
            "Guinea’s junta",
            ["Guinea’s military government", "ECOWAS"],
            "Guinea’s military government",
        ),
        (
            "Peru's nuclear energy body",
            ["Peru's Nuclear Energy Institute Authority", "The International Atomic Energy Agency"],
            "Peru's Nuclear Energy Institute Authority",
        ),
        ("Army", ["Guinea’s military government"], "Army"),  # a bare head names no one
        ("Chad's junta", ["Niger's military government"], "Chad's junta"),
    ],
)
def test_a_headline_description_takes_the_body_name_with_a_synonymous_head(
    headline_name, bodies, expected
):
    text = "Headline words here\n\n" + " ".join(f"Words {k} said." for k in range(len(bodies)))
    found = _found(text, "Headline words here", [f"Words {k}" for k in range(len(bodies))])
    assert restated_speakers(text, found, [headline_name, *bodies])[0] == expected


def test_a_headline_body_noun_summarising_a_named_person_is_that_person():
    text = (
        "Government says Haiti will not become a base for foreign gangs\n\n"
        "Haiti will not become a base for foreign gangs, Jean-Marc Pierre told reporters."
    )
    found = _found(
        text,
        "Haiti will not become a base for foreign gangs\n",
        ["Haiti will not become a base for foreign gangs,"],
    )
    assert restated_speakers(text, found, ["Government", "Jean-Marc Pierre"])[0] == (
        "Jean-Marc Pierre"
    )
    # a name ("Caracas: …") is the source the headline chose, and stays
    assert restated_speakers(text, found, ["Caracas", "Jean-Marc Pierre"])[0] == "Caracas"


def test_a_headline_group_of_people_quoting_one_named_person_is_that_person():
    text = (
        "Relatives: 'Nobody can stop this halfway'\n\n"
        '"Nobody can stop this halfway," said Marie Joseph, whose son is held in Cité Soleil.'
    )
    found = _found(text, "Nobody can stop this halfway'", ["Nobody can stop this halfway,"])
    assert restated_speakers(text, found, ["Relatives", "Marie Joseph"])[0] == "Marie Joseph"
