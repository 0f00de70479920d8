"""Speaker rules added for real-page articles: one rule a test, on one or two sentences."""

import pytest

from infer.extraction.attribution import make_attribution
from infer.extraction.extractor import load_spacy
from infer.extraction.speakers import SpeakerResolver
from infer.extraction.types import Attribution


@pytest.fixture(scope="module")
def nlp():
    return load_spacy()


def pronoun(word: str, pos: int) -> Attribution:
    return Attribution(word, word, word, "pronoun", "said", pos)


def test_plural_description_is_never_he_or_she():
    r = SpeakerResolver()
    r.person("Omar Khalid", gender="m", pos=0)
    r.resolve(
        Attribution(
            "Residents of Kotli", "Residents of Kotli", "residents", "description", "said", 40
        )
    )
    assert r.resolve(pronoun("he", 90)) == "Omar Khalid"


def test_bracketed_acronym_of_a_body_is_not_the_speakers_name(nlp):
    doc = nlp(
        "The director general of the Inter-Services Public Relations (ISPR) said the "
        "strikes had hit a mosque."
    )
    subject = next(t for t in doc if t.dep_ == "nsubj")
    got = make_attribution(subject, "said")
    assert got.appos == ""
    assert got.surface.startswith("The director general")


def test_headline_pull_quote_takes_the_speaker_of_the_same_words_in_the_body(nlp):
    from infer.extraction.extractor import StatementExtractor

    text = (
        "‘I will sleep on its stones’\n\n"
        "GAZA CITY, Jan 27 — Thousands of displaced families walked north on Monday along the "
        "coastal road, carrying what they could, after the crossing point was opened.\n\n"
        "“My house is gone, but I will sleep on its stones,” said Nour Abu Daqqa, a teacher "
        "who had lived in a tent in Khan Younis for more than a year."
    )
    got = StatementExtractor(nlp, prefilter=False).extract(text)
    head = [s for s in got if s.where == "headline"]
    assert head and head[0].speaker == "Nour Abu Daqqa" and head[0].speaker_surface == ""


def test_object_of_a_place_or_channel_preposition_is_no_antecedent(nlp):
    from infer.extraction.mentions import org_mentions

    doc = nlp("The Islamic Resistance in Iraq posted a message on Telegram.")
    subjects = {m.name: m.is_subject for m in org_mentions(doc)}
    assert subjects == {"The Islamic Resistance in Iraq": True, "Telegram": False}


def test_the_group_resolves_to_a_named_body_written_with_the(nlp):
    r = SpeakerResolver()
    r.group("the Islamic Resistance in Iraq", 0)
    got = r.resolve(Attribution("the group", "the group", "group", "description", "said", 80))
    assert got == "the Islamic Resistance in Iraq"


def test_a_statements_own_content_holds_no_antecedent_for_its_speaker():
    r = SpeakerResolver()
    r.group("Justice Watch", 0)
    r.group("the Red Cross", 60)  # named inside the statement "Russia should let the Red Cross in"
    said = Attribution("the group", "the group", "group", "description", "said", 100)
    assert r.resolve(said, start=40) == "Justice Watch"


def test_a_name_used_as_a_place_anywhere_in_the_article_is_no_person(nlp):
    from infer.extraction.mentions import person_mentions, place_names

    docs = [
        nlp("Thousands fled Zamzam camp on Friday."),
        nlp("Aid groups said the fighters had reached Zamzam."),
    ]
    places = place_names(docs)
    assert "Zamzam" in places
    assert person_mentions(docs[1], 0, places) == []
