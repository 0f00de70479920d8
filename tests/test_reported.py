"""Reported speech: the content a cue verb governs (sentences written here)."""

import pytest


def test_an_attributed_clause_before_a_cue_with_its_own_complement_is_not_its_content(
    extractor,
):
    text = (
        'Angola announces border ceasefire from Sunday, rebels say they are "not concerned"\n\n'
        "The talks in Luanda ended late on Tuesday."
    )
    found = [s for s in extractor.extract(text) if s.cue == "say"]
    assert [s.text for s in found] == ['they are "not concerned"']


@pytest.mark.parametrize(
    ("text", "content"),
    [
        (
            'An aide told reporters that the two sides were "closer than ever," but that "key '
            'details are still open."',
            'the two sides were "closer than ever," but that "key details are still open."',
        ),
        (
            'A Kenyan officer said his men had not seen militants near the port "for many '
            'months" but that small bands still crossed the river.',
            'his men had not seen militants near the port "for many months" but that small '
            "bands still crossed the river",
        ),
    ],
)
def test_a_second_that_clause_after_a_quoted_fragment_is_content(extractor, text, content):
    found = extractor.extract(text)
    assert [s.text for s in found] == [content]


@pytest.mark.parametrize(
    ("text", "content"),
    [
        (
            "The truce was agreed when the army chief called his rival at noon, the minister said.",
            "The truce was agreed when the army chief called his rival at noon",
        ),
        (
            "An analyst noted that the council had yet to approve the budget, as demanded by the "
            "donors in March.",
            "the council had yet to approve the budget, as demanded by the donors in March",
        ),
    ],
)
def test_a_cue_verb_in_a_clause_of_time_inside_the_content_stays_in_it(extractor, text, content):
    title = "Budget talks stall in the capital\n\n"
    found = extractor.extract(title + text + "\n\nTalks resume on Monday.")
    assert [(s.text, s.where) for s in found] == [(content, "body")]


def test_a_second_speaker_after_while_is_still_a_statement_of_its_own(extractor):
    text = (
        "The rebels said they had taken the bridge, while the army said its units held the "
        "northern bank."
    )
    assert [s.text for s in extractor.extract(text)] == [
        "they had taken the bridge",
        "its units held the northern bank",
    ]


@pytest.mark.parametrize(
    "sentence",
    [
        "The office of the UN envoy for Haiti welcomed the announcement and called on all parties "
        "to build on it towards a lasting settlement.",
        "The mission welcomed the truce and called on all parties to build on it towards a "
        "nationwide settlement.",
    ],
)
def test_the_addressee_after_called_on_is_content_also_when_on_is_parsed_as_a_particle(
    extractor, sentence
):
    title = "Budget talks stall in the capital\n\n"
    found = extractor.extract(title + sentence + "\n\nTalks resume on Monday.")
    assert [(s.cue, s.text.split(" to ")[0]) for s in found if s.where == "body"] == [
        ("called on", "all parties")
    ]


def test_a_cognition_verb_coordinated_with_the_contents_verb_stays_in_the_content(extractor):
    title = "Budget talks stall in the capital\n\n"
    sentence = (
        'A ministry spokesperson said the government was studying the offer "page by page" and '
        'believed a deal remained "well within reach".'
    )
    found = extractor.extract(title + sentence + "\n\nTalks resume on Monday.")
    assert [(s.cue, s.text) for s in found if s.where == "body"] == [
        (
            "said",
            'the government was studying the offer "page by page" and believed a deal remained '
            '"well within reach"',
        )
    ]


def test_the_outlets_own_analysts_are_no_speaker(extractor):
    text = (
        "The talks in Nairobi have stalled again. Our regional analysts argue that donors "
        "should tie aid to a verified ceasefire. The rebels said they would return to the table."
    )
    found = extractor.extract(text)
    assert [s.speaker_surface for s in found] == ["The rebels"]


def test_a_clause_a_semicolon_ends_before_the_cue_is_not_its_content(extractor):
    text = (
        "Ferries idle in Mombasa\n\nBy X Y\n\nThe strike entered its third day.\n\n"
        "Image caption, Travellers wait beside the Kenyan ferry terminal in Mombasa; the port "
        "authority said several crossings had been cancelled\n\nThe strike goes on."
    )
    found = [s for s in extractor.extract(text) if s.cue == "said"]
    assert [(s.text, s.where) for s in found] == [
        ("several crossings had been cancelled", "caption")
    ]


@pytest.mark.parametrize(
    ("text", "content"),
    [
        (
            "A harbour official said the navy had denied holding the trawler and had told him "
            "the channel was closed for repairs.",
            "the navy had denied holding the trawler and had told him the channel was closed for "
            "repairs",
        ),
        (
            "The mayor said the council was reviewing the bid and would reply within a week.",
            "the council was reviewing the bid and would reply within a week",
        ),
    ],
)
def test_a_backshifted_cue_coordinated_in_the_content_is_reported(extractor, text, content):
    found = extractor.extract(text)
    assert [s.text for s in found] == [content]


def test_a_second_gerund_the_parser_hangs_on_accused_is_part_of_the_accusation(extractor):
    text = "The head of state accused Kigali of training and sheltering the rebels behind a raid."
    (got,) = extractor.extract(text)
    assert got.text == "Kigali of training and sheltering the rebels behind a raid"
