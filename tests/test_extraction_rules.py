"""One test per extraction rule of issue 12, each on one or two sentences written for this project."""

from __future__ import annotations

import re

import pytest


def one(extractor, text: str):
    found = extractor.extract(text)
    assert len(found) == 1, found
    return found[0]


def test_dateline_is_never_the_speaker(extractor):
    s = one(extractor, "ADEN/RIYADH, March 3 (Wire) - The coalition said its jets hit two depots.")
    assert s.speaker == "The coalition" and "ADEN" not in s.speaker_surface


def test_byline_is_never_parsed(extractor):
    text = "By Rana Haddad and Tom Ellis\n\nThe ministry said the border would reopen on Monday."
    assert one(extractor, text).speaker == "The ministry"


def test_caption_statement_is_found_without_its_credit(extractor):
    text = "Talks stall in Doha\n\nThe envoy said the talks would resume next week. (Photo: Wire)"
    s = one(extractor, text)
    assert s.where in ("caption", "body") and "Photo" not in s.text


def test_chain_gives_speaker_and_via(extractor):
    s = one(
        extractor,
        "Kim Yo Jong said in a statement carried by KCNA that the drills would be answered.",
    )
    assert (s.speaker, s.via) == ("Kim Yo Jong", "KCNA")


def test_pronoun_never_resolves_to_the_object_of_a_killing(extractor):
    text = (
        "Hassan Nasrallah spoke on Wednesday. Fuad Shukr was killed in Beirut a day earlier.\n\n"
        "“We will respond to this crime without fail,” he said."
    )
    assert one(extractor, text).speaker == "Hassan Nasrallah"


def test_shared_family_name_goes_to_the_one_named_last_in_full(extractor):
    text = (
        "Kim Jong Un watched the launch. Later his sister Kim Yo Jong issued a statement.\n\n"
        "Kim said the drills were “a rehearsal for invasion and must stop at once”."
    )
    assert one(extractor, text).speaker == "Kim Yo Jong"


def test_statement_as_speaker_is_the_issuing_body(extractor):
    text = (
        "The Northern Command issued a statement on Sunday. "
        "The statement said that troops had pulled back from two villages."
    )
    assert one(extractor, text).speaker == "The Northern Command"


def test_short_utterance_with_a_speech_verb(extractor):
    s = one(extractor, "“We are not leaving,” the mayor said.")
    assert (s.text, s.kind, s.speaker) == ("We are not leaving,", "direct", "the mayor")


@pytest.mark.parametrize(
    ("sentence", "content", "cue"),
    [
        ("The ministry called the strike illegal.", "the strike illegal", "called"),
        (
            "The army rejected the report as “pure fabrication”.",
            "the report as “pure fabrication”",
            "rejected",
        ),
        ("The rebels vowed to retake the town.", "to retake the town", "vowed"),
        (
            "The government accused the rebels of shelling the market.",
            "the rebels of shelling the market",
            "accused",
        ),
        ("The group denied any role in the attack.", "any role in the attack", "denied"),
        ("The envoy warned of further steps.", "further steps", "warned of"),
    ],
)
def test_propositional_complement_is_an_indirect_statement(extractor, sentence, content, cue):
    s = one(extractor, sentence)
    assert (s.text, s.kind, s.cue) == (content, "indirect" if "“" not in content else "mixed", cue)


def test_two_cue_verbs_are_two_statements_with_one_speaker(extractor):
    found = extractor.extract(
        "The ministry said it regretted the violence and promised to protect the embassies."
    )
    assert [(s.text, s.speaker) for s in found] == [
        ("it regretted the violence", "The ministry"),
        ("to protect the embassies", "The ministry"),
    ]


def test_bare_anaphoric_object_is_not_a_statement(extractor):
    assert extractor.extract("The ministry rejected the allegations on Monday.") == []


def test_a_request_hung_on_the_cue_verb_stays_in_the_content(extractor):
    s = one(
        extractor,
        'The Srpska Lista party called on Serbs in the north to stay at home and "not to respond '
        'to provocations."',
    )
    assert s.text.startswith("Serbs in the north to stay at home")
    assert s.text.rstrip('."').endswith("provocations")


@pytest.mark.parametrize(
    "headline, content, source",
    [
        ("N. Korea fires long-range ballistic missile into East Sea: JCS", "N. Korea fires", "JCS"),
        ("PCG: Chinese ship 'deliberately' rammed patrol vessel", "Chinese ship", "PCG"),
        (
            "Drone attack on airport will not go unpunished — Russian diplomat",
            "Drone",
            "Russian diplomat",
        ),
        ("Hostages back in Israel, military says", "Hostages back", "military"),
        ("No casualties, says Haitian police", "No casualties", "Haitian police"),
        ("Interior ministry: curfew lifted in Cap-Haitien", "curfew lifted", "Interior ministry"),
        ('Caracas: "We will not be intimidated"', "We will not", "Caracas"),
        ("Miners: 'We will not go back down'", "We will not", "Miners"),
    ],
)
def test_headline_naming_its_source_is_a_statement(headline, content, source):
    from infer.extraction.headlines import headline_candidate

    got = headline_candidate(headline, 0, len(headline))
    assert got is not None and got.where == "headline"
    assert headline[got.start : got.end].startswith(content)
    assert got.attribution.surface == source


@pytest.mark.parametrize(
    "headline",
    [
        "Analysis: why the port matters",
        "Read also: Timeline of the talks",
        "Sudan: aid arrives by cart",
        "Haiti crisis: gangs block the main road north",
        "Bolivia: protesters say they will stay",
        "Haiti: 'I saw bodies on the road to Jacmel'",  # one person's words: Haiti is the topic
    ],
)
def test_headline_label_or_topic_before_a_colon_is_no_source(headline):
    from infer.extraction.headlines import headline_candidate

    assert headline_candidate(headline, 0, len(headline)) is None


def test_a_headline_quotation_after_a_name_and_colon_is_that_name_s(extractor):
    text = (
        'Caracas: "We will not be intimidated by anyone"\n\n'
        "Venezuela's foreign minister said on Monday the border would stay closed."
    )
    h = extractor.extract(text)[0]
    assert (h.text, h.kind, h.cue, h.speaker) == (
        "We will not be intimidated by anyone",
        "direct",
        ":",
        "Caracas",
    )


def test_attribution_closing_a_sentence_as_a_conjunct_is_found(extractor):
    s = one(
        extractor,
        "The overnight attack on the airport is yet another terrorist act and will not go "
        "unanswered, Yelena Kostyuchenko, deputy director of the ministry's press department, "
        "said on Wednesday.",
    )
    assert s.text.startswith("The overnight attack") and s.speaker == "Yelena Kostyuchenko"


def test_headline_source_is_the_person_the_lede_names(extractor):
    text = (
        "Drone attack on airport will not go unpunished — Russian diplomat\n\n"
        "The attack on the airport will not go unanswered, Yelena Kostyuchenko said on Wednesday."
    )
    head = [s for s in extractor.extract(text) if s.where == "headline"]
    assert head and head[0].speaker == "Yelena Kostyuchenko"


def test_a_statement_printed_in_full_after_its_introduction_is_direct(extractor):
    text = (
        "Pyongyang, June 9 (KCNA) -- Kim Su Ryon, a party official, released the following "
        "press statement on Sunday:\n\n"
        "The balloons carried nothing but waste paper and soil.\n\n"
        "Our response will be many times stronger than their provocation.\n\n"
        "Related:\nKCNA Commentary on the leaflets"
    )
    got = [s for s in extractor.extract(text) if s.kind == "direct"]
    assert [s.text[:14] for s in got] == ["The balloons c", "Our response w"]
    assert {s.speaker for s in got} == {"Kim Su Ryon"}


def test_second_half_of_a_quote_split_by_a_long_attribution_is_found(extractor):
    text = (
        '"We sleep in our coats," said Svetlana, a 61-year-old retired nurse who asked that her '
        'surname not be published, "and my mother, who is 83, has not had a hot shower."'
    )
    got = [s.text for s in extractor.extract(text) if s.kind == "direct"]
    assert got[-1].startswith("and my mother")


def test_a_she_quoted_after_a_paragraph_naming_her_first_resolves_to_her(extractor):
    text = (
        "Waiting to go home\n\nKRAMATORSK, Ukraine\n\n"
        "Halyna Petrenko keeps the key to her flat in Bakhmut on a string. The block is still "
        "standing, but she has not slept there for two years.\n\n"
        "“We left with nothing. The shelling came at night and we ran,” she said."
    )
    assert one(extractor, text).speaker == "Halyna Petrenko"


@pytest.mark.parametrize(
    "text, speaker",
    [
        (
            "A fighter near Wad Madani, who gave his name as Omar Khalil, said the shelling had "
            "stopped.",
            "Omar Khalil",
        ),
        ("A nurse in Wad Madani said the clinic had run out of insulin.", "A nurse in Wad Madani"),
    ],
)
def test_a_place_ner_calls_a_person_inside_the_speaker_phrase_is_no_speaker(
    extractor, text, speaker
):
    assert one(extractor, text).speaker == speaker


@pytest.mark.parametrize(
    "text, said",
    [
        (
            "Two aid trucks were denied entry at the Rafah crossing on Monday, an official at "
            "the crossing said, without giving a reason.",
            "Two aid trucks were denied entry at the Rafah crossing on Monday",
        ),
        (
            "The families were told to leave the camp by Friday, residents said.",
            "The families were told to leave the camp by Friday",
        ),
    ],
)
def test_a_passive_cue_before_a_closing_attribution_is_the_content(extractor, text, said):
    assert one(extractor, text).text == said


def test_a_relative_adverb_the_parser_hangs_on_the_content_stays_out_of_it(extractor):
    from spacy.tokens import Doc

    from infer.extraction.reported import reported_content

    text = "Soldiers in Goma , where officials say markets have reopened ."
    words = text.split(" ")
    heads = [0, 0, 1, 2, 9, 6, 2, 9, 9, 6, 0]  # "where" hung on "reopened", as on a dev caption
    deps = "ROOT prep pobj punct advmod nsubj relcl nsubj aux ccomp punct"
    pos = "NOUN ADP PROPN PUNCT SCONJ NOUN VERB NOUN AUX VERB PUNCT"
    lemmas = [w.lower() for w in words]
    doc = Doc(
        extractor.nlp.vocab,
        words=words,
        heads=heads,
        deps=deps.split(),
        pos=pos.split(),
        lemmas=lemmas,
    )
    got = reported_content(text, 0, doc[6], [])
    assert got is not None and text[got.start : got.end] == "markets have reopened"


@pytest.mark.parametrize(
    "text, said",
    [
        (
            "Aid trucks reached Kupiansk, where officials say power has been restored.",
            "power has been restored",
        ),
        (
            "Residents queue for water in Rumbek, where officials say the wells have dried up.",
            "the wells have dried up",
        ),
    ],
)
def test_a_cue_in_a_where_clause_reports_what_follows_it(extractor, text, said):
    assert one(extractor, text).text == said


def test_recount_with_an_object_reports_what_was_told(extractor):
    text = (
        "Freed Haitian hostages recount beatings and mock executions in gang captivity\n\n"
        "By Staff\n\nPORT-AU-PRINCE — Seven missionaries were freed on Sunday."
    )
    s = one(extractor, text)
    assert (s.cue, s.text, s.where) == (
        "recount",
        "beatings and mock executions in gang captivity",
        "headline",
    )


@pytest.mark.parametrize(
    ("headline", "content"),
    [
        ("Rebels say they hold the river port as families flee south", "they hold the river port"),
        (
            "Haitian police vow to reopen the highway after gangs burn buses",
            "to reopen the highway",
        ),
        ("Army says it repelled an attack on Kidal hours after the council vote", "it repelled"),
        ("Ministry says the bridge will stay shut as long as the river is high", "as long as"),
        ('Minister condemns the raids as "a crime" against civilians', '"a crime" against'),
    ],
)
def test_a_headline_statement_ends_before_the_news_it_is_set_against(extractor, headline, content):
    text = f"{headline}\n\nThe ministry said on Monday the border would stay closed for a week."
    head = [s for s in extractor.extract(text) if s.start < len(headline)]
    assert len(head) == 1 and content in head[0].text
    assert not re.search(r" (as|after) (families|gangs|the council)", head[0].text)


@pytest.mark.parametrize(
    "headline, speaker, content",
    [
        ("Egypt recalls envoy, says Ethiopia broke the deal", "Egypt", "Ethiopia broke the deal"),
        (
            "Army retakes hill town, says rebels fled before dawn",
            "Army",
            "rebels fled before dawn",
        ),
        (
            "Chad shuts border to Sudanese trucks, vows to take raid row to regional bodies",
            "Chad",
            "to take raid row to regional bodies",
        ),
    ],
)
def test_a_headline_subject_that_acts_and_says_is_the_speaker(
    extractor, headline, speaker, content
):
    text = f"{headline}\n\nBy Staff Writer\n\nThe talks ended on Monday without a date for more."
    (got,) = [s for s in extractor.extract(text) if s.where == "headline"]
    assert (got.speaker, got.text) == (speaker, content)


def test_a_bullet_before_a_subhead_is_no_part_of_its_speaker(extractor):
    text = (
        "Council warns of firm response\n\n"
        "\u2022 Ministry says the country wants no escalation with its neighbour\n\n"
        "By Staff Writer\n\nThe council met on Friday."
    )
    (got,) = [s for s in extractor.extract(text) if "escalation" in s.text]
    assert got.speaker == "Ministry"
