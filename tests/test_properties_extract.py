"""Property tests of extraction: spans always valid, and no stray quote mark swallows the article."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from infer.extraction.quotes import find_quotes, paragraphs

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")

MARKS = list("“”\"'‘’«»„")
TOKENS = st.sampled_from(
    MARKS * 2
    + list("abc XYZ.,;:!?—-()")
    + ["said", " he ", " she ", "Varga", "that ", " the minister ", "told reporters", "…", "’s"]
)
DATELINES = ["KYIV, Jan 12 (Reuters) — ", "SANAA/DUBAI, Dec 28 (Wire) - ", "By Jane Doe\n", ""]
# Mostly words and marks, now and then any characters at all.
sentences = st.lists(TOKENS | st.text(max_size=2), max_size=25).map("".join)


@st.composite
def articles(draw) -> str:
    """Paragraphs of words and random quote marks behind a random dateline or byline."""
    paras = draw(st.lists(sentences, min_size=1, max_size=4))
    seps = draw(st.lists(st.sampled_from(["\n\n", "\n", "\n\n\n"]), min_size=len(paras)))
    return draw(st.sampled_from(DATELINES)) + "".join(
        p + s for p, s in zip(paras, seps, strict=False)
    )


# Two well-formed paragraphs that open without a quote mark, so no earlier open quote can
# continue into them (a paragraph opening with a mark legitimately continues a quotation).
DIRECT = "The envoy said: “We are ready for talks at any time.”"
INDIRECT = "The governor said the shelling had stopped and that schools would reopen."


def _check_spans(text: str, found) -> None:
    for s in found:
        assert 0 <= s.start < s.end <= len(text)
        assert text[s.start : s.end] == s.text
        assert s.kind in ("direct", "indirect", "mixed")
    spans = sorted((s.start, s.end) for s in found)
    for (_, end), (start, _) in zip(spans, spans[1:], strict=False):
        assert end <= start, f"overlapping statements in {text!r}: {spans}"


@given(articles())
def test_quotes_stay_inside_the_text_and_never_overlap(text):
    quotes = find_quotes(text)
    ends = []
    for q in quotes:
        assert 0 <= q.open_at < q.start <= q.end <= len(text)
        if q.close_at is not None:
            assert q.end <= q.close_at < len(text) and text[q.close_at] in MARKS
        ends.append((q.open_at, q.close_at if q.close_at is not None else q.end))
    for (_, end), (start, _) in zip(ends, ends[1:], strict=False):
        assert end <= start
    # An unclosed quote ends with its paragraph unless the next one reopens the quotation.
    paras = paragraphs(text)
    for q in (q for q in quotes if q.close_at is None):
        k = next(i for i, (a, b) in enumerate(paras) if a <= q.open_at < b)
        last = k
        while last + 1 < len(paras) and text[paras[last + 1][0]] in '“"«„':
            last += 1
        assert q.end <= paras[last][1]


@pytest.mark.slow  # spaCy over every example: 500 of them under the ci profile
@given(articles())
def test_statement_spans_are_valid_and_disjoint(extractor, text):
    _check_spans(text, extractor.extract(text))


@pytest.mark.slow
@given(articles(), articles(), st.booleans())
def test_stray_quotes_never_lose_the_rest_of_the_article(extractor, before, after, swap):
    first, second = (INDIRECT, DIRECT) if swap else (DIRECT, INDIRECT)
    text = f"{before}\n\n{first}\n\n{after}\n\n{second}\n\n{after}"
    found = extractor.extract(text)
    _check_spans(text, found)
    direct = text.index(DIRECT) + DIRECT.index("We are")
    indirect = text.index(INDIRECT) + INDIRECT.index("the shelling")
    assert any(s.start == direct and s.text == "We are ready for talks at any time." for s in found)
    assert any(s.start == indirect and s.text.endswith("schools would reopen") for s in found)
