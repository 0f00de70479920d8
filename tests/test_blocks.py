"""A statement reproduced in full after its introduction (infer/extraction/blocks.py)."""


def test_paragraphs_after_the_following_statement_are_the_issuers(extractor):
    text = (
        "Port closes\n\n"
        "VARNA, May 3 (Reuters) - The Harbour Authority released the following statement:\n\n"
        "The port will stay closed until the storm has passed."
    )
    got = [s for s in extractor.extract(text) if s.kind == "direct"]
    assert [(s.text, s.speaker) for s in got] == [
        ("The port will stay closed until the storm has passed.", "The Harbour Authority")
    ]


def test_a_statement_that_read_in_part_introduces_its_text_with_that_cue(extractor):
    text = (
        "Port closes\n\n"
        "VARNA, May 3 (Reuters) - The Harbour Authority published a statement on Sunday. The "
        "statement, posted on its website, read in part:\n\n"
        "The port will stay closed until the storm has passed."
    )
    [got] = [s for s in extractor.extract(text) if s.kind == "direct"]
    assert (got.speaker, got.cue) == ("The Harbour Authority", "read in part")


def test_reported_speech_inside_a_printed_statement_is_part_of_it(extractor):
    text = (
        "Port closes\n\n"
        "VARNA, May 3 (Reuters) - The Harbour Authority released the following statement:\n\n"
        "The shipping companies claim that the pier was unsafe. This claim is false."
    )
    got = extractor.extract(text)
    assert [(s.kind, s.speaker) for s in got] == [("direct", "The Harbour Authority")]
