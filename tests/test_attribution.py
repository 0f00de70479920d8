"""One rule a test: who said it, and with which cue, read off one or two parsed sentences."""

import pytest

from infer.extraction.attribution import attribution_near, make_attribution, subject_of
from infer.extraction.matchers import matches
from infer.extraction.quotes import find_quotes
from infer.extraction.reported import reported_content


def near(nlp, text: str):
    """The attribution of the first quotation in a one-paragraph text."""
    [q, *_] = find_quotes(text)
    return attribution_near(text, [(0, nlp(text))], q, [(q.open_at, q.close_at + 1)])


def reported(nlp, text: str, verb: str):
    doc = nlp(text)
    cue = next(t for t in doc if t.text == verb)
    return reported_content(text, 0, cue, [])


def test_reported_content_carries_the_cue_and_speaker(nlp):
    got = reported(
        nlp, "The defence minister said the army would withdraw from the border.", "said"
    )
    assert got.attribution.surface == "The defence minister"
    assert got.attribution.cue == "said"
    assert got.attribution.kind == "description"


def test_object_cue_takes_its_object_as_content(nlp):
    text = "The ministry denied any involvement in the attack on the convoy."
    got = reported(nlp, text, "denied")
    assert "any involvement in the attack" in text[got.start : got.end]


def test_dependency_matcher_finds_according_to(nlp):
    [m] = matches(nlp("Prices rose, according to officials in the capital."), "according_to")
    assert m["source"].text == "officials"


def test_speaker_after_the_quote(nlp):
    attr = near(nlp, "“We will not retreat from the city,” the commander said.")
    assert (attr.surface, attr.cue) == ("the commander", "said")


def test_speaker_before_the_quote_with_a_colon(nlp):
    attr = near(nlp, "The general told reporters: “We are ready for any outcome.”")
    assert attr.surface == "The general"


def test_inverted_cue_takes_the_name_after_it(nlp):
    attr = near(nlp, "“We are ready for any outcome,” said Ali Hassan.")
    assert attr.key == "Ali Hassan" and attr.kind == "person"


def test_speaker_introduced_in_the_sentence_before(nlp):
    attr = near(nlp, "Umm Ali Khalil spoke to reporters. “We have nothing left here at all.”")
    assert attr is not None and "Umm Ali" in attr.key


def test_pronoun_subject_is_a_pronoun_attribution(nlp):
    attr = near(nlp, "“We have no interest in a wider war,” he told reporters.")
    assert (attr.kind, attr.surface) == ("pronoun", "he")


def test_possessive_is_dropped_from_a_persons_key(nlp):
    doc = nlp("Netanyahu's spokesman Omer Dostri said the talks had stalled.")
    attr = make_attribution(subject_of(doc[5]), "said")
    assert attr.key == "Omer Dostri"


def test_outlet_subject_is_marked_as_media(nlp):
    got = reported(nlp, "The Times of Malta reported that the ship had been seized.", "reported")
    assert got.attribution.media


def test_appositive_name_of_a_described_body(nlp):
    text = "The UN peacekeeping mission, UNIFIL, said its positions had been hit twice."
    got = reported(nlp, text, "said")
    assert got.attribution.appos == "UNIFIL"
    assert got.attribution.appos_kind == "org"


def test_relative_pronoun_is_not_a_speaker(nlp):
    doc = nlp("Officials who said the strike was legal were quoted on television.")
    said = next(t for t in doc if t.text == "said")
    assert make_attribution(subject_of(said), "said") is None


def test_reported_span_is_the_content_only(nlp):
    text = "The minister told reporters that the army would withdraw from the border."
    got = reported(nlp, text, "told")
    assert text[got.start : got.end] == "the army would withdraw from the border"


def test_chain_quoted_as_saying_gives_speaker_and_via(nlp):
    text = "State media quoted the defence minister as saying that the army would respond."
    got = reported(nlp, text, "saying")
    assert got.attribution.surface == "the defence minister"
    assert got.attribution.via == "State media"
    assert text[got.start : got.end] == "the army would respond"


def test_chain_statement_carried_by_an_agency_is_the_via(nlp):
    text = "Kim Yo Jong said in a statement carried by KCNA that Seoul would pay dearly."
    got = reported(nlp, text, "said")
    assert got.attribution.key == "Kim Yo Jong"
    assert got.attribution.via == "KCNA"


def test_according_to_a_translation_is_the_carrier_not_the_speaker(nlp):
    text = "“The ink was not yet dry,” the ministry said, according to a translation by the agency."
    got = attribution_near(text, [(0, nlp(text))], find_quotes(text)[0], [])
    assert got.surface == "the ministry" and got.via.startswith("a translation")


def test_an_attributed_clause_before_a_semicolon_is_not_the_next_cues_content(nlp):
    text = (
        "Ukraine’s air force said Russia fired two ballistic missiles and six cruise missiles at "
        "the region; it said four of the cruise missiles were shot down over the city."
    )
    doc = nlp(text)
    second = [t for t in doc if t.text == "said"][1]
    got = reported_content(text, 0, second, [])
    assert text[got.start : got.end].startswith("four of the cruise missiles")


def test_a_quotation_after_a_described_speakers_paraphrase_is_theirs(nlp):
    text = (
        "A senior analyst at a Tehran institute told the agency that the rules had changed. "
        "“For the first time, the response came directly from our soil."
    )
    got = attribution_near(text, [(0, nlp(text))], find_quotes(text)[0], [])
    assert got is not None and got.surface == "A senior analyst at a Tehran institute"


def test_put_it_and_went_on_attribute_a_quotation(nlp):
    attr = near(nlp, "As one official involved in the talks put it to me, “Nobody has agreed yet.”")
    assert attr is not None and attr.surface == "one official involved in the talks"
    text = "The statement went on:\n\n“We will take all necessary measures to defend ourselves.”"
    paras = [(0, nlp(text[:22])), (24, nlp(text[24:]))]
    got = attribution_near(text, paras, find_quotes(text)[0], [])
    assert got is not None and got.surface == "The statement"


def test_a_quote_line_takes_the_name_on_the_source_line_before_it():
    from infer.extraction.attribution import sourced_quote

    text = (
        'Source: Ivan Petrenko, Head of the Military Administration\n\nQuote: "Two men were hurt."'
    )
    got = sourced_quote(text, find_quotes(text)[0])
    assert (got.surface, got.kind, got.cue) == ("Ivan Petrenko", "person", "Quote:")


def test_a_speaker_said_according_to_a_carrier_keeps_the_carrier_as_via(nlp):
    attr = near(nlp, '"We will not move from here," the mayor said, according to the local radio.')
    assert (attr.surface, attr.via) == ("the mayor", "the local radio")


def test_a_speaker_before_a_participle_aside_is_the_cues_subject(nlp):
    text = (
        "Pakistan's Foreign Office, asked about the closure at its weekly briefing, said the "
        "rules applied to everyone."
    )
    got = reported(nlp, text, "said")
    assert got.attribution.surface == "Pakistan's Foreign Office"
    assert text[got.start : got.end] == "the rules applied to everyone"


def test_a_passive_cue_verb_inside_the_content_stays_in_it(nlp):
    text = (
        "The ministry said the soldiers had entered the compound and had been instructed to "
        "avoid harming patients."
    )
    got = reported(nlp, text, "said")
    assert text[got.start : got.end].endswith("had been instructed to avoid harming patients")


def test_a_bare_definite_object_of_reject_is_no_statement(nlp):
    text = "An official at the port authority rejected the union's account."
    assert reported(nlp, text, "rejected") is None
    text = "An official at the port authority rejected claims that ships had been turned away."
    assert reported(nlp, text, "rejected") is not None


def test_who_said_reports_the_person_the_clause_describes(nlp):
    text = (
        "Lena Fischer, a 30-year-old nurse from the coastal town who said she had worked for two "
        "days without sleep, described the ward."
    )
    got = reported(nlp, text, "said")
    assert got is not None and got.attribution.key == "Lena Fischer"
    assert text[got.start : got.end] == "she had worked for two days without sleep"


def test_which_said_reports_the_named_body_the_clause_hangs_on(nlp):
    text = (
        "The photo was released by the Kordo Harbour Command, which said the ship had been "
        "seized near the coast."
    )
    got = reported(nlp, text, "said")
    assert got is not None and "Command" in got.attribution.surface
    assert text[got.start : got.end] == "the ship had been seized near the coast"


def test_a_quotation_opening_the_paragraph_after_a_named_persons_paraphrase_is_theirs(nlp):
    text = (
        "Abdul Wahid, a baker in the old town, said sales had fallen by half.\n\n"
        "“If the road stays closed another month, half of these shops will shut for good."
    )
    paras = [(0, nlp(text[:68])), (70, nlp(text[70:]))]
    got = attribution_near(text, paras, find_quotes(text)[0], [])
    assert got is not None and got.key == "Abdul Wahid"


def test_a_headline_passive_without_its_auxiliary_is_what_was_said(nlp):
    text = "Coast guard officials say 40 fishermen rescued near Varna"
    got = reported(nlp, text, "say")
    assert got is not None and text[got.start : got.end] == "40 fishermen rescued near Varna"


def test_report_with_a_propositional_object_is_a_statement_unless_an_outlet_relays_news(nlp):
    text = "Families reached camps near Varna, where aid groups report severe shortages of water."
    got = reported(nlp, text, "report")
    assert got is not None and text[got.start : got.end] == "severe shortages of water"
    news = "Kordo TV is reporting a series of explosions near the port of Varna."
    assert reported(nlp, news, "reporting") is None


def test_a_statement_word_as_the_subject_of_read_attributes_the_quotation():
    from infer.extraction.extractor import StatementExtractor

    text = (
        "The Arakan Army said in a statement that it had taken the town.\n\n"
        '"We will not withdraw from any position we now hold," the statement read.'
    )
    extractor = StatementExtractor()
    read = [s for s in extractor.extract(text) if s.cue == "read"]
    assert [(s.text[:10], s.speaker) for s in read] == [("We will no", "The Arakan Army")]
    banner = 'Crowds filled the square.\n\n"No retreat and no surrender today," the banner read.'
    assert all(s.cue != "read" for s in extractor.extract(banner))


@pytest.mark.parametrize("full", ["Delwar Hossain", "Rebwar Kareem"])
def test_a_quotation_after_a_paraphrase_by_a_family_name_alone_is_that_persons(full):
    from infer.extraction.extractor import StatementExtractor

    family = full.split()[1]
    text = (
        "Border farms empty\n\nDUHOK, Iraq\n\n"
        f"The mayor, {full}, who runs the district office, told reporters that two shepherds "
        f"were missing.\n\n{family} said most families had left the valley over the past year."
        '\n\n"Only the old people stayed behind, and those who have nowhere else to go.\n\n'
    )
    found = StatementExtractor().extract(text)
    assert found[-1].kind == "direct" and found[-1].speaker == full


def test_an_acronym_spelled_like_a_wh_word_is_a_speaker(nlp):
    got = reported(nlp, "WHO says cholera cases in Port-au-Prince have doubled since May.", "says")
    assert got is not None and got.attribution.surface == "WHO"
    assert reported(nlp, "Those who say the truce will hold are few in Cap-Haitien.", "say") is None


def test_a_date_after_a_named_speaker_dates_the_saying_not_the_name(nlp):
    text = (
        "Egypt's Ministry of Water Resources and Irrigation on Saturday accused Ethiopia of "
        "emptying the reservoir without warning."
    )
    found = reported(nlp, text, "accused")
    assert found.attribution.surface == "Egypt's Ministry of Water Resources and Irrigation"


@pytest.mark.parametrize(
    ("text", "surface"),
    [
        (
            "The Party of Democratic Action, SDA, the largest Bosniak party, accused the entity's "
            "leaders of holding the country hostage.",
            "The Party of Democratic Action",
        ),
        (
            "A senior official in the Office of the High Representative, OHR, said the office "
            "would wait for the court.",
            "A senior official in the Office of the High Representative",
        ),
    ],
)
def test_an_acronym_in_apposition_is_the_short_form_of_the_phrase_not_a_name(nlp, text, surface):
    cue = next(t for t in nlp(text) if t.text in ("accused", "said"))
    attr = make_attribution(subject_of(cue), cue.text)
    assert attr.surface == surface
    assert attr.appos == ""


def test_the_words_after_a_fronted_asked_are_the_question_not_the_speaker(nlp):
    attr = near(
        nlp,
        "Asked whether Wagner units might be moved closer to the frontier, he said: "
        '"That is a question for the generals."',
    )
    assert (attr.surface, attr.kind) == ("he", "pronoun")
