"""Title-case headlines are parsed in sentence case; speaker and cue keep the printed case."""

import pytest

from infer.extraction.structure import page_structure
from infer.extraction.titlecase import is_title_case, proper_words, sentence_case


def test_title_case_is_most_longer_words_capitalised():
    assert is_title_case("Haitian Police Chief Denies Losing Control of Capital")
    assert not is_title_case("Haitian police chief denies losing control of the capital")
    assert not is_title_case("Port-au-Prince")


def test_a_word_stays_capitalised_only_where_the_body_writes_it_so():
    text = (
        "Gang Leader Vows to Hold Martissant Despite Police Raids\n\n"
        "The gang leader said on Sunday his men would hold Martissant, a district the police "
        "raided twice this month."
    )
    got = sentence_case(text.split("\n")[0], proper_words(text, page_structure(text)))
    assert got == "Gang leader vows to hold Martissant despite police raids"


@pytest.mark.parametrize(
    "headline, cue, content",
    [
        ("Haitian Police Chief Denies Losing Control of the Capital", "Denies", "Losing Control"),
        ("Bolivian Miners Describe Beatings, Arrests at Oruro Roadblock", "Describe", "Beatings"),
        ("Colombia: Army Says It Repelled Rebel Assault on Tame Base", "Says", "It Repelled"),
    ],
)
def test_a_title_case_headline_statement_is_found_with_its_cue_as_printed(
    extractor, headline, cue, content
):
    text = (
        f"{headline}\n\n"
        "Officials in the region said on Monday the situation had calmed, and the army said it "
        "would keep troops at the base."
    )
    head = [s for s in extractor.extract(text) if s.where == "headline"]
    assert head and head[0].cue == cue and head[0].text.startswith(content)
    assert head[0].speaker_surface[:1].isupper()
