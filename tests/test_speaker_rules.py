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
