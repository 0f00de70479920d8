"""Who issued a statement (infer/extraction/issuers.py)."""

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


def test_the_letter_is_the_one_who_signed_it(nlp):
    from infer.extraction.extractor import StatementExtractor

    text = (
        "Veterans warn Warsaw\n\n"
        "The state agency also carried a letter signed by the Grodno regional council of war "
        "veterans. The letter said the region remembered what came from the west in 1941."
    )
    got = StatementExtractor(nlp, prefilter=False).extract(text)
    [said] = [s for s in got if s.cue == "said"]
    assert said.speaker == "the Grodno regional council of war veterans"
