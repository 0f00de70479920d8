"""Speakers described before they are named (infer/extraction/ledes.py); sentences written here."""

from __future__ import annotations


def test_the_described_speaker_takes_the_name_a_later_definite_description_gives(extractor):
    text = (
        "A police spokesman said two men had been arrested in Mitrovica.\n\n"
        "The spokesman, Baton Gashi, told reporters that both had since been released."
    )
    assert [s.speaker for s in extractor.extract(text)] == ["Baton Gashi", "Baton Gashi"]


def test_a_headline_description_and_the_lede_both_take_the_name(extractor):
    text = (
        "Road to Tumaco closed after ambush, regional official says\n\n"
        "A regional official said the road to Tumaco had been closed after an ambush.\n\n"
        "The official, Lucia Mendez, said it would reopen once the army had swept it."
    )
    assert {s.speaker for s in extractor.extract(text)} == {"Lucia Mendez"}


def test_another_official_described_otherwise_keeps_the_description(extractor):
    text = (
        "An Iraqi official said the border crossing at Rabia had reopened.\n\n"
        "A US official said the convoy had turned back.\n\n"
        "The official, John Harlan, said the convoy would try again on Friday."
    )
    speakers = [s.speaker for s in extractor.extract(text)]
    assert speakers == ["An Iraqi official", "John Harlan", "John Harlan"]
