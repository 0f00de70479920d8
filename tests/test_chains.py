"""Reporting chains: the speaker a carrier quotes, and the carrier as ``via``."""

import pytest

from infer.extraction.chains import chain
from infer.extraction.reported import reported_content


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


def test_a_name_parsed_as_a_second_object_of_quoted_is_the_speaker(nlp):
    from spacy.tokens import Doc, Span

    sentence = "Radio quoted a spokesman , Omar Said , as saying that calm held ."
    words = sentence.split(" ")
    heads = [1, 1, 3, 1, 3, 6, 1, 1, 1, 8, 12, 12, 9, 1]
    deps = "nsubj ROOT det dobj punct compound dobj punct prep pcomp mark nsubj ccomp punct"
    doc = Doc(
        nlp.vocab, words=words, heads=heads, deps=deps.split(), lemmas=[w.lower() for w in words]
    )
    doc[1].lemma_, doc[9].lemma_ = "quote", "say"
    doc.ents = [Span(doc, 5, 7, label="PERSON")]
    speaker, carrier = chain(doc[9])
    assert (speaker.text, carrier) == ("Said", "Radio")


@pytest.mark.parametrize(
    "text, said, speaker",
    [
        (
            "Two soldiers were killed when their patrol hit a mine near Kidal, the state news "
            "agency quoted a military official as saying.",
            "Two soldiers were killed when their patrol hit a mine near Kidal",
            "official",
        ),
        (
            "The border crossing at Torkham will reopen on Friday, Pajhwok quoted a customs "
            "official as saying.",
            "The border crossing at Torkham will reopen on Friday",
            "official",
        ),
    ],
)
def test_a_chain_closing_the_sentence_reports_the_clause_before_it(nlp, text, said, speaker):
    doc = nlp(text)
    saying = next(t for t in doc if t.text == "saying")
    got = reported_content(text, 0, saying, [])
    assert text[got.start : got.end] == said
    assert got.attribution.head == speaker and got.attribution.cue == "quoted ... as saying"


@pytest.mark.parametrize(
    "text, via",
    [
        (
            "The militia will fight on, its commander said in a letter published by Ugandan state "
            "media on Friday.",
            "Ugandan state media",
        ),
        (
            "Talks would resume in March, the minister said in remarks aired by Peru's state "
            "television.",
            "Peru's state television",
        ),
        ("The road is open, the governor said in comments carried by state radio.", "state radio"),
    ],
)
def test_a_carrier_named_with_its_kind_of_outlet_is_kept_whole_as_via(nlp, text, via):
    from infer.extraction.chains import via_of

    said = next(t for t in nlp(text) if t.text == "said")
    assert via_of(said) == via


@pytest.mark.parametrize(
    ("text", "speaker", "content"),
    [
        (
            "The border would stay closed until further notice, an interior ministry official was "
            "quoted as saying by the state broadcaster.",
            "an interior ministry official",
            "The border would stay closed until further notice",
        ),
        (
            "Colombia had no part in the raid and did not allow any aircraft to cross its "
            "airspace, a defence ministry spokesman was quoted as saying by the state news agency.",
            "a defence ministry spokesman",
            "Colombia had no part in the raid and did not allow any aircraft to cross its airspace",
        ),
    ],
)
def test_content_before_a_closing_passive_chain_with_its_carrier_after(nlp, text, speaker, content):
    doc = nlp(text)
    saying = next(t for t in doc if t.text == "saying")
    got = reported_content(text, 0, saying, [])
    assert text[got.start : got.end] == content and got.attribution.surface == speaker


@pytest.mark.parametrize(
    "text, speaker",
    [
        (
            "The news agency ANI quoted a senior officer in the Northern Command as saying that "
            "the troops would stay.",
            "a senior officer in the Northern Command",
        ),
        (
            "The state broadcaster quoted the governor in a televised interview as saying that "
            "the road was open.",
            "the governor",
        ),
    ],
)
def test_a_modifier_the_parser_hangs_on_quoted_belongs_to_the_quoted_speaker(nlp, text, speaker):
    from infer.extraction.phrases import phrase

    doc = nlp(text)
    saying = next(t for t in doc if t.text == "saying")
    quoted, _ = chain(saying)
    assert phrase(quoted) == speaker
