"""Character spans of reported content (sentences written here)."""

import pytest

from infer.extraction.spans import (
    close_fragment,
    content_span,
    drop_dates,
    without_reporter_tail,
)


def test_the_content_span_leaves_out_the_complementizer(nlp):
    doc = nlp("The governor said that the bridge at Jacmel would reopen.")
    start, end = content_span(doc, list(doc[3:]))
    assert doc.text[start:end] == "the bridge at Jacmel would reopen"


def test_a_trailing_time_phrase_is_dropped_only_at_the_edge(nlp):
    doc = nlp("The ministry denied the allegations on Monday.")
    kept = drop_dates(list(doc[3:7]))
    assert " ".join(t.text for t in kept) == "the allegations"


def test_a_quoted_fragment_keeps_its_closing_mark():
    text = "it was “a step too far.” Later"
    assert text[: close_fragment(text, 0, text.index(".”"))] == "it was “a step too far.”"


@pytest.mark.parametrize(
    ("text", "content"),
    [
        (
            "The Colombian Defence Ministry said earlier that Bogotá had informed its partners "
            "about the incursion.",
            "Bogotá had informed its partners about the incursion",
        ),
        (
            "Haiti's foreign ministry said earlier that the mission would be extended.",
            "the mission would be extended",
        ),
    ],
)
def test_a_that_clause_the_parser_hangs_on_earlier_is_the_content(extractor, text, content):
    assert [s.text for s in extractor.extract(text)] == [content]


@pytest.mark.parametrize(
    ("text", "content"),
    [
        (
            "Cameroon said on Tuesday it would not attend the talks in Ottawa.",
            "it would not attend the talks in Ottawa",
        ),
        (
            "Haiti's transitional council said Monday the elections would be postponed.",
            "the elections would be postponed",
        ),
        ("The ELN said later the two soldiers were safe.", "the two soldiers were safe"),
    ],
)
def test_a_time_phrase_right_after_the_cue_dates_the_saying_not_the_content(
    extractor, text, content
):
    assert [s.text for s in extractor.extract(text)] == [content]


@pytest.mark.parametrize(
    ("text", "content"),
    [
        (
            'The UN envoy warned of "catastrophic consequences" if the talks collapsed.',
            '"catastrophic consequences" if the talks collapsed',
        ),
        ("The junta urged “all patriots” to join the army.", "“all patriots” to join the army"),
    ],
)
def test_a_mixed_statement_that_opens_with_a_fragment_keeps_its_opening_mark(
    extractor, text, content
):
    assert [(s.kind, s.text) for s in extractor.extract(text)] == [("mixed", content)]


@pytest.mark.parametrize(
    ("text", "content"),
    [
        (
            "The envoy urged “all sides to avoid any action that could escalate tensions”.",
            "“all sides to avoid any action that could escalate tensions”",
        ),
        (
            'The council called for "a withdrawal that leaves no civilian exposed".',
            '"a withdrawal that leaves no civilian exposed"',
        ),
    ],
)
def test_content_quoted_whole_keeps_both_marks(extractor, text, content):
    assert [(s.kind, s.text) for s in extractor.extract(text)] == [("mixed", content)]


@pytest.mark.parametrize(
    ("text", "content"),
    [
        (
            "The militia said its gunners had sunk a patrol boat, a claim the navy did not "
            "confirm.",
            "its gunners had sunk a patrol boat",
        ),
        (
            "Several posts on the channel suggested the mayor had paid the gangs, without "
            "offering evidence.",
            "the mayor had paid the gangs",
        ),
        (
            "The council members said the dam would be finished by spring, according to notes "
            "shared by the mayor's office.",
            "the dam would be finished by spring",
        ),
    ],
)
def test_the_reporters_closing_remark_is_not_content(extractor, text, content):
    assert content in [s.text for s in extractor.extract(text)]


def test_a_remark_inside_a_quoted_fragment_stays_in_the_content():
    text = 'it was "a figure, a claim and a lie" and more'
    assert without_reporter_tail(text, 0, len(text)) == len(text)
    text = "Mosul, according to the mayor, was calm"
    assert without_reporter_tail(text, 0, len(text), "according to") == len(text)
