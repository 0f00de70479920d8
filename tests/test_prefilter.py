"""The per-sentence prefilter: which sentences are parsed, and blanking that keeps offsets."""

from __future__ import annotations

from infer.extraction.prefilter import (
    cue_pattern,
    kept_sentences,
    quote_interiors,
    sentences,
    view,
)


def test_sentences_split_on_end_punctuation_before_a_capital_or_quote():
    text = "Shelling resumed. “We are ready,” he said. Talks end Friday."
    assert [text[s:e] for s, e in sentences(text, 0, len(text))] == [
        "Shelling resumed.",
        "“We are ready,” he said.",
        "Talks end Friday.",
    ]


def test_cue_forms_match_whole_inflected_words_only():
    assert cue_pattern().search("The ministry denied any role.")
    assert cue_pattern().search("She admitted the error.")
    assert not cue_pattern().search("The statement was long and the address was short.")


def test_sentence_before_a_statement_is_kept_and_plain_narration_dropped():
    text = "Fighting went on overnight. Umm Ali is a teacher. “We have no water,” she said."
    kept = [text[s:e] for s, e in kept_sentences(text, 0, len(text))]
    assert kept == ["Umm Ali is a teacher.", "“We have no water,” she said."]


def test_view_blanks_dropped_sentences_with_spaces_and_keeps_offsets():
    text = "Fighting went on overnight. Rain fell. The army said it had withdrawn."
    v = view(text, 0, len(text), quoted=[])
    assert v is not None and len(v.text) == len(text)
    assert v.text.strip() == "Rain fell. The army said it had withdrawn."
    assert text.index("The army") == v.text.index("The army")


def test_view_of_a_region_without_statements_is_none():
    text = "Fighting went on overnight. Rain fell."
    assert view(text, 0, len(text), quoted=[]) is None


def test_middle_sentences_of_a_long_quotation_are_blanked():
    words = "We will hold. Nobody leaves. The line stays. We are ready"
    text = f"“{words},” he said."
    (start, end) = quote_interiors(text, [(1, 1 + len(words))])[0]
    assert text[start:end].strip() == "Nobody leaves. The line stays."


def test_titles_and_initials_do_not_end_a_sentence():
    text = "Col. Dwayne Fraser spoke to U.S. reporters. He said the soldier was conscious."
    assert len(sentences(text, 0, len(text))) == 2


def test_a_sentence_ending_in_a_colon_is_kept():
    from infer.extraction.prefilter import may_hold_statement

    assert may_hold_statement("Kim Su Ryon released the following press statement on Sunday:")


def test_a_sentence_naming_who_issued_a_statement_is_kept():
    from infer.extraction.prefilter import may_hold_statement

    assert may_hold_statement("A spokesman for the ministry issued a press statement on Monday.")


def test_the_paragraph_before_one_opening_with_a_quotation_is_kept_whole():
    from infer.extraction.prefilter import kept_sentences

    text = (
        "Olena Marchuk keeps the key to her flat in Bakhmut. The block is still standing, but "
        "she has not slept there for two years.\n\n“We left with nothing,” she said."
    )
    end = text.index("\n")
    assert kept_sentences(text, 0, end) == [(0, 51), (52, end)]  # the name and the "she"


def test_a_month_short_form_before_the_day_does_not_end_a_sentence():
    text = "Shells fired on Oct. 8 hit two huts, the group said. Talks resume on Sept. 14."
    assert [text[a:b] for a, b in sentences(text, 0, len(text))] == [
        "Shells fired on Oct. 8 hit two huts, the group said.",
        "Talks resume on Sept. 14.",
    ]
