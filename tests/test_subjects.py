"""Whose words a cue verb reports: its subject, also where the parser misplaces it."""

import pytest

from infer.extraction.extractor import load_spacy
from infer.extraction.subjects import subject_of


@pytest.fixture(scope="module")
def nlp():
    return load_spacy()


def test_subject_of_a_cue_verb(nlp):
    doc = nlp("The defence minister said the army would withdraw from the border.")
    assert subject_of(doc[3]).text == "minister"


def test_subject_of_a_coordinated_cue_is_the_first_verbs(nlp):
    doc = nlp("The envoy arrived on Monday and warned that talks could collapse.")
    warned = next(t for t in doc if t.text == "warned")
    assert subject_of(warned).text == "envoy"


def test_a_fronted_place_parsed_as_subject_gives_way_to_its_apposition(nlp):
    doc = nlp(
        "In Tehran, Iran’s foreign ministry spokesman denied that Iran directed the factions."
    )
    verb = next(t for t in doc if t.lemma_ == "deny")
    assert subject_of(verb).text == "spokesman"


def test_a_speaker_the_parser_hangs_on_a_fronted_phrase_is_the_cues_subject(nlp):
    doc = nlp(
        "In a video posted to Telegram, a woman who identified herself as Olena Marchuk, a nurse "
        "at the district hospital, said the clinic had no power."
    )
    said = next(t for t in doc if t.text == "said")
    assert subject_of(said).text == "woman"


def test_a_statement_accusing_someone_is_its_issuers(nlp):
    doc = nlp(
        "The ministry of Kordavia published a statement accusing the rebels of shelling the "
        "port of Varna."
    )
    accusing = next(t for t in doc if t.text == "accusing")
    assert subject_of(accusing).text == "ministry"


def test_a_cue_parsed_as_a_clause_on_a_root_noun_has_that_noun_as_subject(nlp):
    doc = nlp(
        "The faction's commander, who goes by the name Abu Karim, accused “outsiders paid by "
        "the politicians” of starting the fight."
    )
    accused = next(t for t in doc if t.text == "accused")
    assert subject_of(accused).text == "commander"


def test_the_antecedent_of_who_said_is_the_person_described(nlp):
    from infer.extraction.subjects import relative_antecedent

    doc = nlp("Lena Fischer, a nurse from the coastal town who said the ward was full, left.")
    said = next(t for t in doc if t.text == "said")
    assert relative_antecedent(said.head).text == "Fischer"
