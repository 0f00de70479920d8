"""Acronyms and short aliases the article spells out (infer/extraction/acronyms.py)."""

from infer.extraction.acronyms import expand_acronym


def test_an_all_capitals_acronym_expands_to_the_name_it_spells():
    text = "The Kordo Liberation Front (KLF) said the road was open."
    assert expand_acronym("KLF", text) == "the Kordo Liberation Front"


def test_a_bracketed_alias_after_a_name_is_that_name():
    text = "On Monday US Pacific Fleet (Pacflt) said two ships had sailed."
    assert expand_acronym("Pacflt", text) == "US Pacific Fleet"
    assert expand_acronym("Hamas", "Hamas said the talks had failed.") == "Hamas"


def test_a_word_in_capitals_gives_all_its_letters_to_the_acronym():
    text = "The UN Assistance Mission in Afghanistan said the clinic had closed. UNAMA added …"
    assert expand_acronym("UNAMA", text) == "the UN Assistance Mission in Afghanistan"


def test_a_bracketed_acronym_defines_a_name_its_letters_do_not_spell():
    text = "Turkey's Kurdistan Workers' Party (PKK) said its fighters had withdrawn."
    assert expand_acronym("PKK", text) == "Kurdistan Workers' Party"
    text = "Fighting closed the clinic, the charity Doctors Without Borders (MSF) said."
    assert expand_acronym("MSF", text) == "Doctors Without Borders"


def test_a_dateline_place_in_capitals_defines_no_agency():
    assert expand_acronym("AFP", "NEW DELHI (AFP) - The army said two posts were hit.") == "AFP"
