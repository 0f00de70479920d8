"""Reported speech: the content a cue verb governs (sentences written here)."""

import pytest

from infer.extraction.extractor import StatementExtractor


@pytest.fixture(scope="module")
def extractor():
    return StatementExtractor()


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
