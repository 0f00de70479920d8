"""Whose words a cue verb reports: its subject, also where the parser misplaces it."""

import pytest

from infer.extraction.subjects import subject_of


def subject(nlp, text: str, cue: str) -> str:
    """The text of the subject ``subject_of`` finds for the first token ``cue`` in ``text``."""
    return subject_of(next(t for t in nlp(text) if t.text == cue)).text


def test_subject_of_a_cue_verb(nlp):
    text = "The defence minister said the army would withdraw from the border."
    assert subject(nlp, text, "said") == "minister"


def test_subject_of_a_coordinated_cue_is_the_first_verbs(nlp):
    text = "The envoy arrived on Monday and warned that talks could collapse."
    assert subject(nlp, text, "warned") == "envoy"


def test_a_cue_hung_on_the_contents_verb_keeps_the_sentences_speaker(nlp):
    text = (
        "The General Staff said the operation had ended, but warned that should the regime "
        "take any reckless action, the response would be far stronger."
    )
    assert subject(nlp, text, "warned") == "Staff"


def test_a_fronted_place_parsed_as_subject_gives_way_to_its_apposition(nlp):
    text = "In Tehran, Iran’s foreign ministry spokesman denied that Iran directed the factions."
    assert subject(nlp, text, "denied") == "spokesman"


def test_a_speaker_the_parser_hangs_on_a_fronted_phrase_is_the_cues_subject(nlp):
    text = (
        "In a video posted to Telegram, a woman who identified herself as Olena Marchuk, a nurse "
        "at the district hospital, said the clinic had no power."
    )
    assert subject(nlp, text, "said") == "woman"


def test_a_speaker_hung_on_a_fronted_place_without_a_comma_before_the_cue(nlp):
    text = (
        "In Addis Ababa, a spokesperson for Ethiopia's Ministry of Water and Energy denied that "
        "the dam had caused flooding anywhere downstream."
    )
    assert subject(nlp, text, "denied") == "spokesperson"


def test_a_statement_accusing_someone_is_its_issuers(nlp):
    text = (
        "The ministry of Kordavia published a statement accusing the rebels of shelling the "
        "port of Varna."
    )
    assert subject(nlp, text, "accusing") == "ministry"


def test_a_cue_parsed_as_a_clause_on_a_root_noun_has_that_noun_as_subject(nlp):
    text = (
        "The faction's commander, who goes by the name Abu Karim, accused “outsiders paid by "
        "the politicians” of starting the fight."
    )
    assert subject(nlp, text, "accused") == "commander"


@pytest.mark.parametrize(
    "headline, cue, speaker",
    [
        ("Bolivia says border will stay open, urges Chile to lift truck ban", "urges", "Bolivia"),
        ("Haiti says gangs will be disarmed, vows new elections in spring", "vows", "Haiti"),
    ],
)
def test_a_second_cue_joined_by_a_comma_shares_the_first_one_s_subject(nlp, headline, cue, speaker):
    assert subject(nlp, headline, cue) == speaker


def test_the_second_of_two_comma_joined_cues_reports_only_its_own_content(nlp):
    from infer.extraction.reported import reported_content

    text = "Bolivia says border will stay open, urges Chile to lift truck ban"
    doc = nlp(text)
    got = reported_content(text, 0, next(t for t in doc if t.text == "urges"), [])
    assert got is not None and text[got.start : got.end] == "Chile to lift truck ban"


def test_a_request_parsed_as_a_participle_on_the_root_noun_has_that_noun_as_subject(nlp):
    text = (
        "Brazil, which has hosted talks on Venezuela in the past, called on both camps to "
        "accept the electoral count."
    )
    assert subject(nlp, text, "called") == "Brazil"


@pytest.mark.parametrize("place", ["Bluefields", "Hinche", "Arauca"])
def test_a_speaker_after_a_fronted_place_whose_comma_the_parser_keeps_is_the_subject(nlp, place):
    text = f"In {place}, shopkeeper Carlos Mejía, 46, said the market had been closed since the floods."
    assert subject(nlp, text, "said") == "Mejía"


@pytest.mark.parametrize(
    ("text", "cue", "speaker"),
    [
        (
            "A Colombian defence ministry spokesman said Bogotá “firmly rejects” any group that "
            "recruits children and urged the dissidents to release them.",
            "urged",
            "spokesman",
        ),
        (
            'The Haitian council called the vote "a step backward" to please donors and accused '
            "the gangs of blocking the polling stations.",
            "accused",
            "council",
        ),
    ],
)
def test_a_second_cue_hung_on_the_contents_last_verb_shares_the_first_cues_subject(
    nlp, text, cue, speaker
):
    assert subject(nlp, text, cue) == speaker


@pytest.mark.parametrize(
    ("text", "cue", "phrase"),
    [
        ("The ELN has repeatedly denied recruiting children.", "denied", "has repeatedly denied"),
        ("Haitian officials have in the past said the gangs rule.", "said", "have said"),
        ("The junta is calling on the rebels to disarm.", "calling", "is calling on"),
        ("The minister said the border would reopen.", "said", "said"),
    ],
)
def test_the_cue_phrase_keeps_its_auxiliary_and_adverbs(nlp, text, cue, phrase):
    from infer.extraction.subjects import cue_phrase

    verb = next(t for t in nlp(text) if t.text == cue)
    particle = "on" if cue == "calling" else ""
    assert cue_phrase(verb, particle) == phrase


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        (
            "“We will not leave our boats,” the cooperative has, in several interviews, said.",
            "the cooperative",
        ),
        (
            "“The line will reopen by spring,” the rail operator had, for weeks, insisted.",
            "the rail operator",
        ),
    ],
)
def test_a_quotations_speaker_hung_on_the_auxiliary_is_the_speaker(text, speaker):
    from infer.extraction.extractor import StatementExtractor

    assert [s.speaker for s in StatementExtractor().extract(text)] == [speaker]


@pytest.mark.parametrize(
    ("text", "cue", "speaker"),
    [
        (
            "In the port city, Mombasa, dockworkers blocked the gates, accusing the government "
            "of selling the port.",
            "accusing",
            "dockworkers",
        ),
        (
            "In the northern town, Gao, herders said soldiers had seized their cattle.",
            "said",
            "herders",
        ),
        (
            "“We were never told,” Mayor Ana Ruiz, a critic of the plan, said in a statement.",
            "said",
            "Ruiz",
        ),
    ],
)
def test_an_apposition_to_a_fronted_place_made_a_second_subject_is_not_the_subject(
    nlp, text, cue, speaker
):
    assert subject(nlp, text, cue) == speaker


def test_a_name_whose_relative_clause_the_parser_hangs_on_a_fronted_place_is_the_subject(nlp):
    text = (
        "At the Nemba crossing in Kirundo province, Immaculée Niyonzima, who sells dried fish to "
        "buyers on the Rwandan side, said she had three sacks of stock she could no longer move."
    )
    assert subject(nlp, text, "said") == "Niyonzima"


def test_a_description_right_before_a_name_gives_the_name_as_subject(nlp):
    text = "The UN refugee agency UNHCR urged both governments to let aid workers reach them."
    assert subject(nlp, text, "urged") == "UNHCR"


def test_a_closing_participle_hung_on_the_content_is_the_root_cues(nlp):
    text = (
        "The commission also rejected reports that Chadian border guards had turned families "
        "back at Tiné, calling them 'false and malicious'."
    )
    assert subject(nlp, text, "calling") == "commission"
