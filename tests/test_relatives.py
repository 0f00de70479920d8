"""Cue verbs in relative clauses: the antecedent as speaker, the predicate as content."""

import pytest

from infer.extraction.relatives import relative_antecedent


def test_the_antecedent_of_who_said_is_the_person_described(extractor):
    doc = extractor.nlp(
        "Lena Fischer, a nurse from the coastal town who said the ward was full, left."
    )
    said = next(t for t in doc if t.text == "said")
    assert relative_antecedent(said.head).text == "Fischer"


@pytest.mark.parametrize(
    ("text", "speaker", "content"),
    [
        (
            "The raids, which Colombia's army said targeted dissident camps, killed at least "
            "nine people.",
            "Colombia's army",
            "targeted dissident camps",
        ),
        (
            "Local militias, which the mayor said were extorting farmers, control the road to "
            "Tumaco.",
            "the mayor",
            "were extorting farmers",
        ),
        (
            "The accord, which the rebels say ignores their demands, was signed in Havana.",
            "the rebels",
            "ignores their demands",
        ),
    ],
)
def test_which_x_said_reports_the_predicate_whose_subject_is_the_pronoun(
    extractor, text, speaker, content
):
    found = extractor.extract(text)
    assert [(s.speaker.lower(), s.text) for s in found] == [(speaker.lower(), content)]


def test_a_pronoun_that_is_the_object_of_the_content_gives_no_predicate(extractor):
    text = "The airstrip, which the army said it had destroyed, was back in use."
    assert all(s.text != "had destroyed" for s in extractor.extract(text))


@pytest.mark.parametrize(
    ("text", "speaker", "content"),
    [
        (
            "Two schools were burned overnight in Bamenda, according to a teacher in the town, "
            "who said classes would not resume this year.",
            "a teacher in the town",
            "classes would not resume this year",
        ),
        (
            "The convoy was stopped at the border on Friday, according to a WFP official in "
            "Bogotá, who said the trucks carried only flour.",
            "a WFP official in Bogotá",
            "the trucks carried only flour",
        ),
    ],
)
def test_who_said_after_according_to_is_the_source_named_there(extractor, text, speaker, content):
    found = extractor.extract(text)
    assert (speaker, "said", content) in [(s.speaker, s.cue, s.text) for s in found]


@pytest.mark.parametrize(
    ("text", "speaker", "content"),
    [
        (
            "Farmers returned to a valley that the army said had been cleared of mines.",
            "the army",
            "had been cleared of mines",
        ),
        (
            "The envoy brought a draft that the rebels say ignores their main demand.",
            "the rebels",
            "ignores their main demand",
        ),
    ],
)
def test_that_x_said_reports_the_predicate_after_the_cue(extractor, text, speaker, content):
    found = extractor.extract(text)
    assert (speaker, content) in [(s.speaker, s.text) for s in found]


def test_a_relative_cue_with_its_own_speaker_is_cut_from_the_content_around_it(extractor):
    text = (
        "The council said it had received a plan from the mediators that the opposition said "
        "fell short of its demands."
    )
    found = {(s.speaker, s.text) for s in extractor.extract(text)}
    assert found == {
        ("The council", "it had received a plan from the mediators"),
        ("the opposition", "fell short of its demands"),
    }
