import pytest

from tests.conftest import SEED_ARTICLE

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")


@pytest.fixture(scope="module")
def seed(extractor):
    if not SEED_ARTICLE.exists():
        pytest.skip("shared/seed-article.txt not present")
    text = SEED_ARTICLE.read_text("utf-8")
    return text, extractor.extract(text)


def test_seed_qaani_quotes_all_attributed(seed):
    text, statements = seed
    qaani = [s for s in statements if s.kind == "direct" and s.speaker == "Esmail Qaani"]
    quoted = [
        "We stand by our fraternal pledge",
        "Your brothers in the resistance axis",
        "The resistance has clearly demonstrated",
        "The resistance will not allow the enemy",
    ]
    for opening in quoted:
        assert any(s.text.startswith(opening) for s in qaani), opening
    chief = next(s for s in qaani if s.text.startswith("The resistance will not allow"))
    assert chief.speaker_surface == "the Quds Force chief"


def test_seed_deif_calls(seed):
    _, statements = seed
    deif = [s for s in statements if s.speaker == "Muhammad Deif"]
    for call in (
        "merge their resistance with that of the Palestinians today",
        "start marching toward Palestine now",
    ):
        assert any(call in s.text for s in deif), call


def test_seed_reported_statements_are_indirect(seed):
    _, statements = seed
    reported = [s for s in statements if s.kind in ("indirect", "mixed")]

    def by(speaker: str, words: str):
        return next(s for s in reported if s.speaker == speaker and words in s.text)

    assert by("Ali Khamenei", "it would not join the war against Israel").kind == "indirect"
    assert by("Ali Khamenei", "silence those voices").kind == "mixed"
    assert by("the White House", "has not yet found any evidence").kind == "indirect"
    assert by("Benjamin Netanyahu", "not certain that Tehran was involved").kind == "indirect"
    assert not any(s.speaker.startswith("Wednesday") or "Reuters" in s.speaker for s in reported)


def test_scare_quotes_are_not_statements(seed):
    _, statements = seed
    assert not any(s.text == "Operation Al-Aqsa Flood" for s in statements)
    assert not any(s.text == "resistance" for s in statements)


def test_split_quotation_keeps_speaker(extractor):
    text = (
        "“We have rebuilt this grid five times,” the minister, Olena Bondar, said, "
        "“and we will rebuild it a sixth time if we have to.”"
    )
    found = extractor.extract(text)
    assert [s.kind for s in found] == ["direct", "direct"]
    assert {s.speaker for s in found} == {"Olena Bondar"}


def test_pronoun_and_title_resolution(extractor):
    text = (
        "Defence Minister Tomas Varga said on Monday that the army would not cross the river.\n\n"
        "“We have no interest in a wider war,” he told reporters.\n\n"
        "“Our patience is not unlimited,” the minister added."
    )
    found = extractor.extract(text)
    assert [s.speaker for s in found] == ["Tomas Varga"] * 3
    assert found[0].kind == "indirect"


def test_unresolvable_speaker_stays_as_written(extractor):
    text = "“We will keep the crossing open for as long as we can,” an aid official said."
    [s] = extractor.extract(text)
    assert s.speaker == "an aid official"


def test_odd_quote_marks_do_not_lose_the_rest(extractor):
    text = (
        "“This quote never closes and runs on, the mayor said.\n\n"
        "The governor said the shelling had stopped and that schools would reopen.\n\n"
        "“We are ready for talks at any time,” the envoy said."
    )
    found = extractor.extract(text)
    assert any(
        s.text.startswith("We are ready for talks") and s.speaker == "the envoy" for s in found
    )
    assert any(s.kind == "indirect" and "schools would reopen" in s.text for s in found)


def test_short_utterance_with_a_speech_verb_is_a_statement(extractor):
    [s] = extractor.extract("“We are ready,” the commander said.")
    assert (s.text, s.kind, s.speaker) == ("We are ready,", "direct", "the commander")


def test_short_scare_quote_is_still_not_a_statement(extractor):
    # A name for something ("what officials call ...") is not a claim, quoted or not.
    assert extractor.extract("Troops crossed what officials call the “red line” on Monday.") == []


def test_pronoun_never_resolves_to_a_name_inside_a_quotation(extractor):
    text = (
        "Defence Minister Anna Kovacs spoke on Monday.\n\n"
        "“Peter Novak has lied to everyone about the strike,” she said."
    )
    [s] = extractor.extract(text)
    assert s.speaker == "Anna Kovacs"


def test_statement_as_speaker_resolves_to_the_issuing_body(extractor):
    text = (
        "The Foreign Ministry said on Monday that the embassy would stay open.\n\n"
        "“Our diplomats will remain at their posts,” the statement said."
    )
    found = extractor.extract(text)
    assert [s.speaker for s in found] == ["The Foreign Ministry", "The Foreign Ministry"]


def test_the_speaker_of_a_bare_rejection_is_the_next_pronouns_antecedent(extractor):
    text = (
        "Port strike continues\n\n"
        "An official at the port authority rejected the union's account. “Every ship that "
        "arrived was unloaded on time,” he said."
    )
    [got] = extractor.extract(text)
    assert got.speaker == "An official at the port authority"


def test_a_person_described_as_the_subject_of_a_sentence_is_the_next_pronouns_antecedent(
    extractor,
):
    text = (
        "Dam talks stall\n\n"
        "A technical official in Khartoum said the team had followed the round remotely.\n\n"
        "Ethiopia's minister of water and energy has taken the opposite tack at home. Addressing "
        "lawmakers last month, he said the dam “belongs to every Ethiopian who bought a bond”."
    )
    got = extractor.extract(text)
    assert got[-1].speaker == "Ethiopia's minister of water and energy"


def test_a_body_named_inside_reported_content_is_no_antecedent_for_it(extractor):
    text = (
        "Blast kills two\n\n"
        "In a statement posted on its website, the Moro Islamic Liberation Front said it had "
        "asked its ceasefire committee to investigate the blast jointly with the Army. It urged "
        "residents not to be carried away by rumours."
    )
    got = extractor.extract(text)
    assert [s.speaker for s in got] == ["the Moro Islamic Liberation Front"] * 2


def test_a_full_name_inside_reported_content_does_not_take_a_later_lone_surname(extractor):
    text = (
        "Border trade stalls\n\n"
        "Karim Salhi, a flour wholesaler, said his lorries had stopped when his brother, Nabil "
        "Salhi, was turned back at the border.\n\n"
        "\u201cThe small traders pay the price,\u201d Salhi said."
    )
    got = extractor.extract(text)
    assert [s.speaker for s in got] == ["Karim Salhi"] * 2


@pytest.mark.parametrize(
    ("text", "content"),
    [
        (
            'The Haitian police said they were "in control of the situation" and had arrested '
            "twelve gang members.",
            'they were "in control of the situation" and had arrested twelve gang members',
        ),
        (
            'Cameroon\'s army said it was "deeply concerned" and would punish any soldier found '
            "responsible.",
            'it was "deeply concerned" and would punish any soldier found responsible',
        ),
    ],
)
def test_a_second_predicate_in_the_tense_of_reported_speech_continues_the_content(
    extractor, text, content
):
    found = extractor.extract(text)
    assert [s.text for s in found] == [content]


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        (
            "With both Jacmel and the nearby Les Cayes port shut, deliveries of medicine had been "
            '"choked off", a spokesperson for the health ministry told reporters in Port-au-Prince.',
            "a spokesperson for the health ministry",
        ),
        (
            "With both Cúcuta and the nearby Arauca crossing shut, fuel shipments had been "
            '"cut to a trickle", an official at the energy ministry told a briefing.',
            "an official at the energy ministry",
        ),
    ],
)
def test_content_parsed_as_an_adverbial_clause_of_a_closing_attribution(extractor, text, speaker):
    found = extractor.extract(text)
    assert [(s.speaker, s.cue) for s in found] == [(speaker, "told")]
    assert found[0].text.startswith("With both") and found[0].text.endswith('"')


def test_framed_as_is_a_characterisation_by_the_subject(extractor):
    found = extractor.extract("The ELN has long framed its kidnappings as a form of war taxation.")
    assert [(s.speaker, s.cue, s.text) for s in found] == [
        ("The ELN", "has long framed", "its kidnappings as a form of war taxation")
    ]


def test_a_passive_participle_framed_as_names_no_speaker(extractor):
    text = (
        "Colombia's push for talks with the dissidents, framed in Bogotá as a step toward "
        "'total peace', has stalled."
    )
    assert extractor.extract(text) == []


def test_reminded_x_that_reports_the_that_clause(extractor):
    text = (
        "In a joint statement, Colombia and Venezuela said the border would reopen on Monday and "
        "reminded traders that they needed new permits."
    )
    found = extractor.extract(text)
    assert [(s.cue, s.text) for s in found] == [
        ("said", "the border would reopen on Monday"),
        ("reminded", "they needed new permits"),
    ]


def test_a_date_after_the_object_of_called_is_no_request(extractor):
    text = "Haiti's prime minister called the meeting on Monday after gangs attacked the airport."
    assert extractor.extract(text) == []


def test_called_on_a_date_for_something_is_still_a_request(extractor):
    found = extractor.extract("The ELN called on Monday for a ceasefire in Arauca.")
    assert [(s.cue, s.text) for s in found] == [("called for", "a ceasefire in Arauca")]


def test_a_condition_after_a_warning_is_part_of_it(extractor):
    text = "The UN envoy warns of a looming famine in the north if aid convoys remain blocked."
    found = extractor.extract(text)
    assert [s.text for s in found] == [
        "a looming famine in the north if aid convoys remain blocked"
    ]
