"""Reporting chains: the speaker a carrier quotes, and the carrier as ``via``."""

import pytest

from infer.extraction.chains import chain
from infer.extraction.extractor import load_spacy
from infer.extraction.reported import reported_content


@pytest.fixture(scope="module")
def nlp():
    return load_spacy()


def test_quoted_as_saying_takes_the_rest_of_the_sentence_when_the_parse_breaks_the_chain(nlp):
    text = (
        "The state radio quoted a navy spokesman, Captain Rolf Lind, as saying patrols had "
        '"found nothing unusual" near the islands and that the port would reopen soon.'
    )
    doc = nlp(text)
    saying = next(t for t in doc if t.text == "saying")
    speaker, carrier = chain(saying)
    assert (speaker.text, carrier) == ("spokesman", "The state radio")
    got = reported_content(text, 0, saying, [])
    assert text[got.start : got.end].startswith("patrols had")
    assert got.attribution.appos == "Captain Rolf Lind"
