"""Cue verbs that report no claim: indirect questions and refusals (sentences written here)."""

from __future__ import annotations

import pytest


def test_a_question_put_to_the_speaker_is_not_their_statement(extractor):
    text = (
        "Asked whether the truce in Tigray would hold, the minister said talks were continuing "
        "in Nairobi."
    )
    found = extractor.extract(text)
    assert [s.text for s in found] == ["talks were continuing in Nairobi"]


def test_a_refusal_to_say_whether_is_no_statement(extractor):
    text = "A NATO spokesman would not say if any allied aircraft had entered the zone."
    assert extractor.extract(text) == []


def test_a_conditional_inside_the_content_stays_a_statement(extractor):
    text = "The envoy said that if the talks in Geneva failed, the fighting would resume."
    found = extractor.extract(text)
    assert len(found) == 1 and found[0].text.endswith("the fighting would resume")


def test_a_bracketed_note_after_the_cue_is_not_what_was_said(extractor):
    text = (
        "Farid Rahimi, a shopkeeper in Herat, said prices had doubled. "
        '"Who will buy bread now?" he asked (translated from Dari).'
    )
    found = extractor.extract(text)
    assert [s.text for s in found] == ["prices had doubled", "Who will buy bread now?"]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Rebels claim Tame after three days of fighting in Arauca.", []),
        ("Rebels claim control of Tame after three days of fighting.", ["control of Tame"]),
    ],
)
def test_claiming_a_bare_name_is_taking_a_place_not_a_statement(extractor, text, expected):
    assert [s.text for s in extractor.extract(text)][:1] == expected


@pytest.mark.parametrize(
    ("text", "speaker", "content"),
    [
        (
            "Kenya, which has led the police mission in Haiti since last year, called on the "
            "gangs to lay down their weapons.",
            "Kenya",
            "the gangs to lay down their weapons",
        ),
        (
            "Samuel Eto'o Mbarga, the regional governor of the North-West, called on parents to "
            "send their children back to school.",
            "Samuel Eto'o Mbarga",
            "parents to send their children back to school",
        ),
    ],
)
def test_called_on_is_a_request_not_a_name_where_the_parser_hangs_it_on_the_subject(
    extractor, text, speaker, content
):
    found = extractor.extract(text)
    assert [(s.speaker, s.cue, s.text) for s in found] == [(speaker, "called on", content)]


def test_a_name_given_inside_the_content_does_not_end_it(extractor):
    text = (
        "Colombian troops said they found rifles, explosives and what the army described as a "
        'rebel "command post" in the jungle.'
    )
    found = extractor.extract(text)
    assert [s.text for s in found] == [
        'they found rifles, explosives and what the army described as a rebel "command post" in '
        "the jungle"
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('The harbour authority called the closure "unjustified".', 'the closure "unjustified"'),
        (
            "The mayor said the ferry had been held at the pier overnight, calling it "
            "“unacceptable”.",
            "it “unacceptable”",
        ),
        (
            'Navy says drones hit a tanker near the strait; Tehran calls claim "lies"',
            'claim "lies"',
        ),
        ('Minister calls strike "shameful"', 'strike "shameful"'),
    ],
)
def test_a_two_word_judgement_after_call_is_a_statement(extractor, text, expected):
    found = [s for s in extractor.extract(text) if s.cue.lower().startswith("call")]
    assert [(s.text, s.kind) for s in found] == [(expected, "mixed")]


def test_a_proper_name_given_with_call_is_a_name_not_a_statement(extractor):
    """GUIDELINES 1.1: a name given to a thing asserts nothing."""
    text = (
        "Students have marched every week since March, and the organisers call the protests "
        "the “Lantern Movement”."
    )
    assert [s for s in extractor.extract(text) if s.cue == "call"] == []


@pytest.mark.parametrize(
    "text",
    [
        "Both countries claim the Kestrel Islands, which changed hands in 1952.",
        "The kingdom claims most of the disputed territory north of the river.",
    ],
)
def test_claiming_a_territory_is_holding_it_not_a_statement(extractor, text):
    assert extractor.extract(text) == []


def test_claiming_a_deed_is_still_a_statement(extractor):
    found = extractor.extract("The rebels claimed the ambush on the convoy near the border.")
    assert [(s.text, s.cue) for s in found] == [
        ("the ambush on the convoy near the border", "claimed")
    ]


def test_denied_access_is_a_refusal_not_a_denial(extractor):
    assert extractor.extract("Aid Convoys Denied Access") == []


def test_a_bare_told_to_is_a_passive_headline(extractor):
    assert extractor.extract("Storm nears coast, villagers told to leave their homes") == []


@pytest.mark.parametrize(
    "text",
    [
        "Each capital can argue that the truce favours its own side.",
        "Neither army seems to believe that the other will keep the truce.",
    ],
)
def test_a_cue_under_a_modal_or_an_inference_is_the_reporters_supposition(extractor, text):
    assert extractor.extract(text) == []


def test_would_only_say_is_still_a_report(extractor):
    text = "A spokesman would only say that the talks had been postponed."
    found = extractor.extract(text)
    assert [s.text for s in found] == ["the talks had been postponed"]


@pytest.mark.parametrize(
    "text",
    [
        "The ministry struck a firm tone. Yet it did not announce or promise any new sanctions.",
        "The governor did not confirm that the bridge had been closed.",
    ],
)
def test_a_negated_cue_reports_nothing_said(extractor, text):
    assert extractor.extract(text) == []


def test_a_cue_after_a_negated_content_verb_still_reports(extractor):
    text = "The mayors said they had not been consulted and asked the ministry to delay the vote."
    found = extractor.extract(text)
    assert "the ministry to delay the vote" in [s.text for s in found]
