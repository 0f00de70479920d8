"""``According to X, <clause>`` (infer/extraction/according.py)."""

from infer.extraction.according import according_to


def test_according_to_gives_the_source_and_the_clause(nlp):
    text = "According to the health ministry, twelve people were killed in the strike."
    [got] = according_to(text, 0, nlp(text), [])
    assert got.attribution.cue == "according to"
    assert got.attribution.surface == "the health ministry"
    assert text[got.start : got.end].startswith("twelve people were killed")


def test_according_to_a_document_is_not_a_speaker(nlp):
    text = "According to the report, twelve people were killed in the strike."
    assert according_to(text, 0, nlp(text), []) == []


def test_according_to_figures_from_a_source_makes_the_source_the_speaker(nlp):
    text = "Prices have doubled since June, according to preliminary figures from aid agencies."
    [got] = according_to(text, 0, nlp(text), [])
    assert got.attribution.surface == "aid agencies"
    assert text[got.start : got.end] == "Prices have doubled since June"


def test_according_to_our_correspondent_is_the_outlet_reporting(nlp):
    text = "Food trucks reached the northern districts on Friday, according to our correspondent."
    assert according_to(text, 0, nlp(text), []) == []


def test_a_clause_with_its_own_speaking_subject_is_not_the_sources(nlp):
    text = (
        "According to the text of the note published by BelTA, the ministry demanded that "
        "Warsaw stop the flights and investigate the incident."
    )
    assert according_to(text, 0, nlp(text), []) == []
    text = "According to her, the attack confirms the weakness of the regime in Kyiv."
    [got] = according_to(text, 0, nlp(text), [])
    assert got.attribution.surface == "her"
