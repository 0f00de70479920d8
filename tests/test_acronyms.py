"""Acronyms and short aliases the article spells out (infer/extraction/acronyms.py)."""

from infer.extraction.acronyms import expand_acronym


def test_an_all_capitals_acronym_expands_to_the_name_it_spells():
    text = "The Kordo Liberation Front (KLF) said the road was open."
    assert expand_acronym("KLF", text) == "the Kordo Liberation Front"


def test_a_bracketed_alias_after_a_name_is_that_name():
    text = "On Monday US Pacific Fleet (Pacflt) said two ships had sailed."
    assert expand_acronym("Pacflt", text) == "US Pacific Fleet"
    assert expand_acronym("Hamas", "Hamas said the talks had failed.") == "Hamas"
