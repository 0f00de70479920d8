"""Who issued a statement (infer/extraction/issuers.py)."""

import pytest

from infer.extraction.speakers import SpeakerResolver
from infer.extraction.types import Attribution


def test_a_statement_named_after_a_body_is_the_bodys():
    r = SpeakerResolver()
    got = r.resolve(
        Attribution("A Harbour Authority statement", "x", "statement", "description", "said", 10)
    )
    assert got == "the Harbour Authority"


def test_the_statement_is_the_one_whose_statement_was_reported_last():
    r = SpeakerResolver()
    r.resolve(
        Attribution("The Harbour Authority", "The Harbour Authority", "authority", "org", "said", 0)
    )
    got = r.resolve(
        Attribution("the statement", "the statement", "statement", "description", "said", 90)
    )
    assert got == "The Harbour Authority"


def test_a_statement_owned_by_a_description_is_that_owners():
    # "The summit's final communique rejected …": the summit, not the body whose words came last.
    r = SpeakerResolver()
    r.resolve(Attribution("Hamas", "Hamas", "hamas", "org", "said", 0))
    got = r.resolve(
        Attribution(
            "The summit's final communique", "x", "communique", "description", "rejected", 90
        )
    )
    assert got == "the summit"


@pytest.mark.parametrize(
    ("text", "surface", "speaker"),
    [
        (  # "X issued a statement …. …, the statement said."
            "The Home Front Command said residents could leave shelters.\n\n"
            "The Prime Minister's Office issued a statement on Saturday night. Israel would "
            "defend itself on every front, the statement said.",
            "the statement",
            "The Prime Minister's Office",
        ),
        (  # "a letter signed by X. The letter said …"
            "Veterans warn Warsaw\n\n"
            "The state agency also carried a letter signed by the Grodno regional council of war "
            "veterans. The letter said the region remembered what came from the west in 1941.",
            "The letter",
            "the Grodno regional council of war veterans",
        ),
    ],
)
def test_the_statement_is_the_one_someone_was_said_to_issue_or_sign(nlp, text, surface, speaker):
    from infer.extraction.extractor import StatementExtractor

    got = StatementExtractor(nlp, prefilter=False).extract(text)
    assert (got[-1].speaker_surface, got[-1].speaker) == (surface, speaker)
