"""Speaker rules added for real-page articles: one rule a test, on one or two sentences."""

from dataclasses import replace

import pytest

from infer.extraction.attribution import make_attribution
from infer.extraction.speakers import SpeakerResolver
from infer.extraction.types import Attribution


def spoken(phrase: str, head: str, kind: str, pos: int, cue: str = "said") -> Attribution:
    """An attribution whose surface is also what the resolver is given (most rules' case)."""
    return Attribution(phrase, phrase, head, kind, cue, pos)


def pronoun(word: str, pos: int) -> Attribution:
    return spoken(word, word, "pronoun", pos)


def test_plural_description_is_never_he_or_she():
    r = SpeakerResolver()
    r.person("Omar Khalid", gender="m", pos=0)
    r.resolve(spoken("Residents of Kotli", "residents", "description", 40))
    assert r.resolve(pronoun("he", 90)) == "Omar Khalid"


def test_a_coordinated_description_is_never_he():
    r = SpeakerResolver()
    r.person("Omar Khalid", gender="m", pos=0)
    r.resolve(spoken("villagers and a nurse", "villager", "description", 40))
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
    got = r.resolve(spoken("the group", "group", "description", 80))
    assert got == "the Islamic Resistance in Iraq"


def test_a_bodys_media_wing_is_the_body_just_named():
    r = SpeakerResolver()
    r.group("the Inter-Services Public Relations", 0)
    got = r.resolve(spoken("the military's media wing", "wing", "description", 90))
    assert got == "the Inter-Services Public Relations"


def test_a_statements_own_content_holds_no_antecedent_for_its_speaker():
    r = SpeakerResolver()
    r.group("Justice Watch", 0)
    r.group("the Red Cross", 60)  # named inside the statement "Russia should let the Red Cross in"
    said = spoken("the group", "group", "description", 100)
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


def test_pronouns_inside_a_quotation_do_not_set_the_speakers_gender():
    from infer.extraction.persons import guess_gender

    text = (
        'Omer Levinson said the family had no news. "We don\'t know if she has her pills," he said.'
    )
    assert guess_gender(text, 0, 13) == "m"


def test_a_gendered_head_noun_outweighs_the_pronoun_guess():
    r = SpeakerResolver()
    r.person("Dragana", gender="m", pos=0)  # guessed from "My son … He" in her quote
    woman = Attribution(
        "a 52-year-old woman",
        "a 52-year-old woman",
        "woman",
        "description",
        "said",
        10,
        appos="Dragana",
        appos_kind="person",
    )
    r.resolve(woman)
    r.person("Besnik Krasniqi", pos=50)
    assert r.resolve(pronoun("he", 90)) == "Besnik Krasniqi"


def test_a_name_in_apposition_to_a_person_noun_is_a_person(nlp):
    doc = nlp("Her son, Artem, 37, said he had driven from the other side of the city.")
    subject = next(t for t in doc if t.dep_ == "nsubj")
    got = make_attribution(subject, "said")
    assert (got.appos, got.appos_kind) == ("Artem", "person")


def test_a_description_of_a_thing_is_never_he():
    r = SpeakerResolver()
    r.person("Nasser Kanaani", gender="m", pos=0)
    r.resolve(spoken("the response", "response", "description", 40, cue="be"))
    assert r.resolve(pronoun("he", 90)) == "Nasser Kanaani"


def test_spokesman_does_not_resolve_to_an_earlier_spokeswoman():
    r = SpeakerResolver()
    r.resolve(spoken("the foreign ministry spokeswoman", "spokeswoman", "description", 0))
    man = spoken("foreign ministry spokesman", "spokesman", "description", 90, cue="told")
    assert r.resolve(man) == "foreign ministry spokesman"


def test_the_n_year_old_is_the_person_just_named():
    r = SpeakerResolver()
    r.person("Nguyen Van Tho", pos=0)
    age = spoken("the 44-year-old", "old", "description", 60, cue="told")
    assert r.resolve(age) == "Nguyen Van Tho"


def test_a_subject_hung_on_a_fronted_place_is_still_the_subject(nlp):
    from infer.extraction.mentions import person_mentions

    doc = nlp("In Uri, shopkeeper Mohammad Yaseen, 46, said he had only just returned to his town.")
    assert [m.is_subject for m in person_mentions(doc) if m.name == "Mohammad Yaseen"] == [True]


def test_a_lower_case_head_tagged_propn_is_a_description(nlp):
    doc = nlp("“We will rebuild it,” the minister said.")
    subject = next(t for t in doc if t.dep_ == "nsubj" and t.lower_ == "minister")
    assert make_attribution(subject, "said").kind == "description"


def test_according_to_a_role_then_a_name_takes_the_name_and_leaves_it_out_of_the_content(nlp):
    from infer.extraction.according import according_to

    text = (
        "According to the regional governor, Ihor Tkachuk, three workers were killed at the plant."
    )
    found = according_to(text, 0, nlp(text), [])
    assert found and found[0].attribution.appos == "Ihor Tkachuk"
    assert text[found[0].start :].startswith("three workers")


def test_a_bare_role_word_is_the_person_just_named_when_the_title_allows():
    r = SpeakerResolver()
    r.person("Alexander Bochkaryov", title="Ambassador", pos=0)
    r.person("Kyaw Thura", title="spokesman", pos=300)
    abbot = spoken("the abbot", "abbot", "description", 400)
    assert r.resolve(abbot) == "the abbot"  # a spokesman is not an abbot
    r.person("Alexander Bochkaryov", pos=500)
    diplomat = spoken("the diplomat", "diplomat", "description", 600)
    assert r.resolve(diplomat) == "Alexander Bochkaryov"  # an ambassador is a diplomat


def test_a_title_and_post_before_a_name_ner_missed_give_a_person(nlp):
    doc = nlp("Russian Ambassador to Serbia Alexander Bochkaryov told TASS.")
    subject = next(t for t in doc if t.dep_ == "nsubj")
    got = make_attribution(subject, "told")
    assert (got.kind, got.key) == ("person", "Alexander Bochkaryov")


def test_an_acronym_expands_to_the_words_whose_capitals_spell_it():
    from infer.extraction.acronyms import expand_acronym

    text = (
        "The United States and Yemen's Houthis agreed. The Armed Forces of the Philippines "
        "(AFP) said the boat was rammed."
    )
    assert expand_acronym("the AFP", text) == "the Armed Forces of the Philippines"
    assert expand_acronym("The US", text) == "The US"  # two letters stay as written


def test_an_acronym_ner_calls_a_person_is_no_person(nlp):
    from infer.extraction.mentions import person_mentions

    doc = nlp("The RSF denied attacking residential areas in the city.")
    assert [m.name for m in person_mentions(doc)] == []


def test_the_before_an_acronym_does_not_find_another_body_named_with_the():
    r = SpeakerResolver()
    r.text = "The World Food Programme said. The Rapid Support Forces (RSF) attacked."
    r.person("The World Food Programme", pos=0)  # NER sometimes calls a body a person
    rsf = spoken("The RSF", "rsf", "org", 80, cue="denied")
    assert r.resolve(rsf) == "the Rapid Support Forces"


def test_its_before_a_role_names_the_body_it_refers_to():
    r = SpeakerResolver()
    r.group("China", 0)
    its = spoken("Its foreign ministry", "ministry", "description", 50, cue="urged")
    assert r.resolve(its) == "China's foreign ministry"


def test_a_statement_named_after_its_issuer_is_the_issuers():
    r = SpeakerResolver()
    r.group("Iran's atomic energy body", 0)
    said = spoken("A White House statement", "statement", "description", 90)
    assert r.resolve(said) == "the White House"


def test_a_restrictive_clause_stays_in_the_speaker_and_a_withheld_name_clause_goes(nlp):
    doc = nlp(
        "Two soldiers from a unit that withdrew from the hills above Sake, who asked not to be "
        "named because they were not authorised to speak, described a disorderly retreat."
    )
    subject = next(t for t in doc if t.dep_ == "nsubj" and t.lower_ == "soldiers")
    got = make_attribution(subject, "described")
    assert got.surface == "Two soldiers from a unit that withdrew from the hills above Sake"


@pytest.mark.parametrize(
    "sentence, head, name",
    [
        (
            "A 34-year-old marine, who asked to be identified only as Andrii, said guards beat him.",
            "marine",
            "Andrii",
        ),
        (
            "One of them, a driver who gave only his first name, Kofi, said the road was closed.",
            "one",
            "Kofi",
        ),
        (
            "A man who identified himself as Karim Haddad said the unit had withdrawn.",
            "man",
            "Karim Haddad",
        ),
        (
            "A commander of the local battalion, who uses the nom de guerre Bo Thunder, denied it.",
            "commander",
            "Bo Thunder",
        ),
    ],
)
def test_a_name_the_source_gave_is_the_speaker(nlp, sentence, head, name):
    doc = nlp(sentence)
    subject = next(t for t in doc if t.dep_ == "nsubj" and t.lower_ == head)
    got = make_attribution(subject, "said")
    assert (got.appos, got.appos_kind) == (name, "person")


def test_every_description_in_the_lede_joins_the_person_named_next():
    r = SpeakerResolver()
    r.resolve(spoken("Russian diplomat", "diplomat", "description", 0, cue="—"))
    r.resolve(spoken("the ambassador", "ambassador", "description", 80, cue="to"))
    r.resolve(spoken("Alexander Bochkaryov", "bochkaryov", "person", 300, cue="told"))
    assert r.final_names() == ["Alexander Bochkaryov"] * 3


def test_a_headline_description_joins_the_person_the_lede_names_in_apposition():
    r = SpeakerResolver()
    r.resolve(spoken("Port chief", "chief", "description", 0, cue="warns"))
    lede = Attribution("The head of the port authority", "x", "head", "description", "said", 60)
    r.resolve(replace(lede, appos="Marta Kovac", appos_kind="person"))
    assert r.final_names() == ["Marta Kovac"] * 2


def test_a_hyphenated_given_name_ner_cuts_is_kept_whole(nlp):
    from infer.extraction.mentions import person_mentions

    doc = nlp("JCS spokesperson Col. Seo Min-gyu said the warning fire was aimed at open ground.")
    assert [m.name for m in person_mentions(doc)] == ["Seo Min-gyu"]


def test_the_reporters_own_clause_is_cut_from_the_speaker(nlp):
    doc = nlp("A former national security official we interviewed said the claims were weak.")
    subject = next(t for t in doc if t.dep_ == "nsubj" and t.lower_ == "official")
    assert make_attribution(subject, "said").surface == "A former national security official"


@pytest.mark.parametrize(
    ("sentence", "head", "surface"),
    [
        (
            "A rebel spokesman reached by telephone denied the movement took orders from abroad.",
            "spokesman",
            "A rebel spokesman",
        ),
        (
            "Residents reached by telephone said the shelling went on all night.",
            "Residents",
            "Residents reached by telephone",
        ),
    ],
)
def test_how_the_reporter_reached_a_source_is_cut_unless_it_alone_says_who(
    nlp, sentence, head, surface
):
    doc = nlp(sentence)
    subject = next(t for t in doc if t.dep_ == "nsubj" and t.text == head)
    assert make_attribution(subject, "said").surface == surface


def test_a_source_brought_in_without_a_cue_is_the_next_pronouns_antecedent(nlp):
    from infer.extraction.extractor import StatementExtractor

    text = (
        "A retired general said the truce would hold.\n\n"
        "An aid worker in Deir al-Balah whom I interviewed by phone was blunter. "
        "“People here are not asking about phase two,” she said."
    )
    got = StatementExtractor(nlp, prefilter=False).extract(text)
    assert got[-1].speaker == "An aid worker in Deir al-Balah"


def test_an_indefinite_description_brings_in_someone_new():
    r = SpeakerResolver()
    r.resolve(spoken("Residents of Hsenwi and Lashio", "resident", "description", 0))
    one = spoken("a Lashio resident", "resident", "description", 90)
    assert r.resolve(one) == "a Lashio resident"


def test_the_same_official_is_the_official_named_before():
    r = SpeakerResolver()
    first = "a senior US administration official"
    r.resolve(spoken(first, "official", "description", 0))
    same = spoken("The same official", "official", "description", 90)
    assert r.resolve(same) == first


def test_a_capitalised_title_is_a_person_for_a_later_she():
    r = SpeakerResolver()
    r.group("MONUSCO", 0)
    title = "the Special Representative of the Secretary-General"
    r.resolve(spoken(title, "representative", "org", 40))
    assert r.resolve(pronoun("she", 120)) == title


def test_a_body_word_ner_calls_a_person_is_no_person(nlp):
    from infer.extraction.mentions import person_mentions

    doc = nlp("The Headquarters told reporters it had no confirmed figure.")
    assert all("Headquarters" not in m.name for m in person_mentions(doc))


def test_a_body_named_by_its_head_word_alone_is_the_body_named_in_full():
    r = SpeakerResolver()
    full = "The Coordination Headquarters for the Treatment of Prisoners of War"
    r.resolve(spoken(full, "headquarters", "org", 0))
    short = spoken("The Headquarters", "headquarter", "description", 90, cue="told")
    assert r.resolve(short) == full


def test_an_acronym_in_a_description_matches_the_name_it_spells():
    r = SpeakerResolver()
    full = "a spokesperson for the China Coast Guard"
    r.resolve(spoken(full, "spokesperson", "description", 0))
    ccg = spoken("the CCG spokesperson", "spokesperson", "description", 90)
    assert r.resolve(ccg) == full


def test_a_surname_without_its_arabic_article_is_the_person_named_in_full():
    r = SpeakerResolver()
    r.person("Khaled al-Wazir", pos=0, at=0)
    wazir = spoken("Wazir", "wazir", "person", 90)
    assert r.resolve(wazir) == "Khaled al-Wazir"


def test_the_lede_joins_a_singular_role_after_a_headline_but_never_a_plural():
    r = SpeakerResolver()
    r.resolve(spoken("Ukraine", "ukraine", "org", 0, cue="pleads"))  # headline
    r.resolve(spoken("regional officials", "official", "description", 40))
    r.resolve(spoken("the regional governor", "governor", "description", 90, cue="warned"))
    r.resolve(spoken("Mykola Savchuk", "savchuk", "person", 300))
    assert r.final_names()[1:] == ["regional officials", "Mykola Savchuk", "Mykola Savchuk"]


def test_headline_restating_the_lede_takes_its_fuller_speaker_name():
    from infer.extraction.restated import restated_speakers
    from infer.extraction.types import Candidate

    text = (
        "Israel says it struck port\n\n"
        "Israel's military said it struck the port. Washington said it backed the strike."
    )
    said = spoken("Israel", "israel", "org", 0, cue="says")
    found = [
        Candidate(text.index("it struck"), text.index("port\n") + 4, "indirect", said, "headline"),
        Candidate(text.index("it struck the"), text.index(". W"), "indirect", said),
        Candidate(text.index("it backed"), len(text) - 1, "indirect", said),
    ]
    got = restated_speakers(text, found, ["Israel", "Israel's military", "Washington"])
    assert got[0] == "Israel's military"
    assert restated_speakers(text, found, ["Pakistan", "Israel's military", "x"])[0] == "Pakistan"


def test_the_group_is_the_body_named_since_not_a_headline_description_sharing_the_word():
    r = SpeakerResolver()
    r.resolve(Attribution("Paramilitary group", "x", "group", "description", "accuses", 0))
    r.group("the Rapid Support Forces", 50)
    said = spoken("the group", "group", "description", 120)
    assert r.resolve(said) == "the Rapid Support Forces"


def test_a_name_after_a_person_noun_and_a_comma_is_a_person_whatever_ner_says(nlp):
    from infer.extraction.mentions import person_mentions, place_names

    doc = nlp("The monk, U Zawana Dhamma, was wounded in the arm.")  # NER: ORG
    got = person_mentions(doc, 0, place_names([doc]))
    assert [m.name for m in got] == ["U Zawana Dhamma"]


def test_a_bracketed_acronym_before_a_body_word_keeps_the_name_as_the_speaker(nlp):
    doc = nlp("The Kenya Maritime Authority (KMA) agency said the master of a vessel saw a blast.")
    subject = next(t for t in doc if t.dep_ == "nsubj")
    got = make_attribution(subject, "said")
    assert got.surface.startswith("The Kenya") and got.appos == "The Kenya Maritime Authority"


def test_a_footnote_mark_is_no_part_of_the_speaker(nlp):
    doc = nlp("“Nobody has walked through it yet,” said a Western diplomat in Nairobi.[5]")
    subject = next(t for t in doc if t.dep_ == "nsubj" and t.head.lemma_ == "say")
    assert make_attribution(subject, "said").surface == "a Western diplomat in Nairobi"


def test_a_name_after_a_body_word_in_a_title_case_headline_is_no_person(nlp):
    from infer.extraction.mentions import person_mentions

    assert person_mentions(nlp("Ukrainian Police Comb Zvecan After Clash")) == []
    got = person_mentions(nlp("Army spokesman Hisham Abdelrahim told reporters."))
    assert [m.name for m in got] == ["Hisham Abdelrahim"]


def test_an_acronym_may_take_the_initial_of_a_linking_word():
    from infer.extraction.acronyms import expand_acronym

    text = "The Economic Community of West African States (ECOWAS) met on Sunday."
    assert expand_acronym("ECOWAS", text) == "the Economic Community of West African States"


def test_a_short_form_of_a_body_name_is_the_body_named_in_full():
    r = SpeakerResolver()
    full = r.group("the Chinese army's Eastern Theater Command", 0)
    assert r.group("The Eastern Command", 60) is full and r.group("The Command", 90) is full
    assert r.group("the Army", 120) is not full  # another head word: another body


def test_an_acronym_inside_a_short_body_name_matches_the_words_it_spells():
    r = SpeakerResolver()
    full = r.group("The People's Liberation Army Navy", 0)
    assert r.group("The PLA Navy", 60) is full


def test_a_name_with_an_age_set_off_by_commas_is_a_person(nlp):
    from infer.extraction.mentions import person_mentions

    doc = nlp("Back at the square, Eli Shalem, 61, sat beside a poster of his son.")  # NER: ORG
    assert [m.name for m in person_mentions(doc)] == ["Eli Shalem"]


def test_a_personal_name_in_apposition_to_a_person_noun_is_a_person_even_if_ner_says_org(nlp):
    doc = nlp(
        "“Stations are civilian objects,” the mission’s head of office in Dnipro, Odile Marchand, "
        "said in a statement."
    )
    subject = next(t for t in doc if t.dep_ == "nsubj" and t.head.lemma_ == "say")
    got = make_attribution(subject, "said")
    assert (got.appos, got.appos_kind) == ("Odile Marchand", "person")


def test_a_one_word_name_describing_a_person_noun_is_no_person(nlp):
    from infer.extraction.mentions import person_mentions

    doc = nlp("Sheikh Omar Haddad, a Druze cleric in the hill town, urged young men not to join.")
    assert [m.name for m in person_mentions(doc)] == ["Omar Haddad"]  # not "Druze"


def test_for_x_comma_presents_a_persons_view_and_makes_them_an_antecedent(nlp):
    from infer.extraction.mentions import person_mentions

    doc = nlp("For Paul-Henri Mbala, head of a farmers union, the truce is not enough.")  # NER: ORG
    assert [(m.name, m.is_subject) for m in person_mentions(doc)] == [("Paul-Henri Mbala", True)]


def test_according_to_her_resolves_like_she_and_themselves_is_cut(nlp):
    doc = nlp("According to her, the attack confirmed the regime's nature.")
    source = next(t for t in doc if t.lower_ == "her")
    got = make_attribution(source, "according to")
    assert (got.kind, got.key) == ("pronoun", "she")
    r = SpeakerResolver()
    r.person("Yelena Kostyuchenko", gender="f", pos=0)
    assert r.resolve(got, 40) == "Yelena Kostyuchenko"
    doc = nlp("The rebels themselves said pressure would not stop them.")
    subject = next(t for t in doc if t.dep_ == "nsubj")
    assert make_attribution(subject, "said").surface == "The rebels"


def test_the_army_is_the_one_national_force_the_article_names():
    r = SpeakerResolver()
    r.group("the Israel Defense Forces", 0)
    r.group("the General Staff of the Armed Forces", 20)  # a staff, not a force
    army = spoken("the military", "military", "description", 80)
    assert r.resolve(army) == "the Israel Defense Forces"
    r.group("the Lebanese Armed Forces", 100)
    army = spoken("the army", "army", "description", 180)
    assert r.resolve(army) == "the army"  # two national forces: left as written


def test_the_agency_is_the_named_body_mentioned_last():
    r = SpeakerResolver()
    r.group("the World Food Programme", 0)
    said = spoken("the agency", "agency", "description", 60)
    assert r.resolve(said) == "the World Food Programme"


def test_a_title_and_body_in_acronyms_is_the_person_described_in_full():
    r = SpeakerResolver()
    full = "the director general of the Inter-Services Public Relations"
    r.resolve(spoken(full, "general", "description", 0))
    dg = spoken("the DG ISPR", "ispr", "org", 90)
    assert r.resolve(dg) == full
    assert r.resolve(spoken("The US", "us", "org", 120)) == "The US"


def test_a_name_with_a_which_clause_is_a_body_however_personal_it_looks(nlp):
    doc = nlp(
        "Médecins Sans Frontières, which supports the hospital, said it had run out of blood."
    )
    subject = next(t for t in doc if t.dep_ == "nsubj" and t.head.lemma_ == "say")
    got = make_attribution(subject, "said")
    r = SpeakerResolver()
    r.resolve(got)
    assert got.body and not r.entities[-1].is_person


def test_the_x_in_a_place_is_the_x_whose_introduction_named_that_place():
    text = "“They came at dawn,” said a survivor who spoke by telephone from Koudougou. "
    r = SpeakerResolver(text=text)
    r.resolve(spoken("a survivor", "survivor", "description", 30))
    later = Attribution("The survivor in Koudougou", "x", "survivor", "description", "said", 90)
    assert r.resolve(later) == "a survivor"


def test_it_after_the_statement_said_is_the_same_statements_speaker():
    r = SpeakerResolver()
    r.resolve(spoken("A spokesman", "spokesman", "description", 0, cue="issued"))
    said = Attribution("The statement", "x", "statement", "description", "said", 60)
    assert r.resolve(said) == "A spokesman"
    assert r.resolve(pronoun("It", 140)) == "A spokesman"


def test_a_statement_from_a_body_is_that_bodys_and_its_carrier_is_the_via(nlp):
    from infer.extraction.entities import named_issuer

    assert named_issuer("a statement from Egypt's foreign ministry", "statement") == (
        "Egypt's foreign ministry"
    )
    doc = nlp(
        "The statement, carried by the official news agency WAM, said the embassy would stay."
    )
    subject = next(t for t in doc if t.dep_ == "nsubj" and t.head.lemma_ == "say")
    from infer.extraction.chains import via_of

    assert via_of(subject.head) == "WAM"
    got = make_attribution(subject, "said", via="WAM")
    assert got.appos == ""  # the carrier named in "carried by …" is not the statement's name
    r = SpeakerResolver()
    r.group("WAM", 40)
    assert r.resolve(got, 90) == "The statement"


def test_a_body_name_never_resolves_to_a_person_sharing_one_of_its_words():
    r = SpeakerResolver()
    r.person("Kordo", pos=0)
    got = r.resolve(spoken("The Kordo People's Liberation Front", "front", "org", 50))
    assert got == "The Kordo People's Liberation Front"


def test_a_name_in_a_bodys_relative_clause_is_not_the_bodys_name(nlp):
    doc = nlp(
        "The Northern Relief Mission, which replaced the previous mission, Unamor, last year, "
        "said the roads were open."
    )
    subject = next(t for t in doc if t.dep_ == "nsubj" and t.text == "Mission")
    assert make_attribution(subject, "said").appos == ""


def test_a_clause_on_how_the_source_reached_the_reporter_is_cut_from_the_speaker(nlp):
    doc = nlp("A fisherman who spoke to the radio from the harbour said the nets were empty.")
    subject = next(t for t in doc if t.dep_ == "nsubj" and t.lower_ == "fisherman")
    assert make_attribution(subject, "said").surface == "A fisherman"


def test_a_headline_description_is_the_fuller_description_the_body_gives_next():
    r = SpeakerResolver()
    r.resolve(spoken("Port official", "official", "description", 0, cue="says"))
    r.resolve(spoken("a port official in Varna", "official", "description", 60, cue="told"))
    r.resolve(spoken("Ana Petrova", "petrova", "person", 300))
    assert r.final_names() == ["a port official in Varna"] * 2 + ["Ana Petrova"]


def test_a_generic_head_with_a_name_in_it_is_its_own_body():
    r = SpeakerResolver()
    r.group("Kordo Liberation Front", 0)
    got = r.resolve(spoken("the UN relief agency", "agency", "description", 50))
    assert got == "the UN relief agency"


def test_a_modifier_phrase_after_the_head_stays_in_the_speaker(nlp):
    doc = nlp("Several social media accounts close to the government suggested the army lied.")
    subject = next(t for t in doc if t.lower_ == "accounts")
    assert make_attribution(subject, "suggested").surface == (
        "Several social media accounts close to the government"
    )


def test_one_of_them_is_one_of_the_group_just_described():
    r = SpeakerResolver()
    r.resolve(spoken("Two residents of Kordo", "resident", "description", 0))
    assert (
        r.resolve(spoken("one of them", "one", "description", 80))
        == "one of two residents of Kordo"
    )


def test_an_acronym_modifying_the_head_is_the_owner_not_the_body_meant():
    r = SpeakerResolver()
    r.text = "The United Nations Relief Mission in Kordo (UNRMK) said … The UN mission said …"
    r.group("UN", 40)
    r.group("The United Nations Relief Mission in Kordo", 60)
    got = r.resolve(spoken("UN mission", "mission", "description", 0, cue="urges"))
    assert got == "The United Nations Relief Mission in Kordo"


def test_an_acronym_the_parser_took_for_a_description_resolves_to_the_body_it_defines():
    r = SpeakerResolver()
    r.text = (
        "Troops from the Economic Community of West African States (ECOWAS) will leave in June. "
        "In a statement ECOWAS said the region would keep backing Niger."
    )
    ecowas = spoken("ECOWAS", "ecowas", "description", 107)
    assert r.resolve(ecowas) == "the Economic Community of West African States"


@pytest.mark.parametrize(
    "sentence, name",
    [
        ("Her neighbour, Oksana Dzyuba, was less patient.", "Oksana Dzyuba"),
        ("Tomas Mabote, a 47-year-old who drives a minibus, was less patient.", "Tomas Mabote"),
    ],
)
def test_a_name_ner_calls_org_is_a_person_after_a_neighbour_or_before_an_age(nlp, sentence, name):
    from spacy.tokens import Span

    from infer.extraction.mentions import person_mentions

    doc = nlp(sentence)
    start = next(t.i for t in doc if t.text == name.split()[0])
    doc.ents = [Span(doc, start, start + 2, label="ORG")]  # what NER said of "Fátima Issufo"
    assert [m.name for m in person_mentions(doc)] == [name]


@pytest.mark.parametrize(
    "sentence",
    [
        "The Troika of the United States, the United Kingdom and Norway said the truce must hold.",
        "Foreign ministers of the United States, the United Kingdom and France said the border "
        "would stay closed.",
    ],
)
def test_a_list_whose_members_take_the_stays_whole_in_the_speaker(nlp, sentence):
    doc = nlp(sentence)
    subject = next(t for t in doc if t.dep_ == "nsubj")
    surface = make_attribution(subject, "said").surface
    assert surface.endswith(("and Norway", "and France")) and ", the United Kingdom" in surface


def test_according_to_a_description_then_a_bodys_name_takes_the_name(nlp):
    from infer.extraction.according import according_to

    text = (
        "According to the country's electoral body, CENI, turnout in the first round was "
        "below 40 percent."
    )
    found = according_to(text, 0, nlp(text), [])
    assert [text[c.start : c.end] for c in found] == [
        "turnout in the first round was below 40 percent"
    ]
    assert (found[0].attribution.appos, found[0].attribution.appos_kind) == ("CENI", "org")
    text = "According to the UN's refugee agency, UNHCR, 20,000 people crossed the border."
    assert [c.attribution.appos for c in according_to(text, 0, nlp(text), [])] == ["UNHCR"]


@pytest.mark.parametrize(
    "sentence, appos, kind",
    [
        (
            "The group [the Wagner Group] said in a post that its men would leave the town.",
            "the Wagner Group",
            "org",
        ),
        ("The spokesman [Ahmed Musa] said the army had left the post.", "Ahmed Musa", "person"),
    ],
)
def test_an_editors_brackets_after_the_speaker_name_the_referent(nlp, sentence, appos, kind):
    doc = nlp(sentence)
    subject = next(t for t in doc if t.dep_ == "nsubj")
    got = make_attribution(subject, "said")
    assert (got.appos, got.appos_kind) == (appos, kind)


def test_the_company_is_the_named_body_mentioned_last():
    r = SpeakerResolver()
    r.group("Chevron", 0)
    said = spoken("the company", "company", "description", 90)
    assert r.resolve(said) == "Chevron"


@pytest.mark.parametrize("company", ["Shell", "Chevron"])
def test_the_company_said_after_a_named_company_is_that_company(company):
    from infer.extraction.extractor import StatementExtractor

    text = (
        f"Oil output cut\n\nLAGOS\n\n{company} has shut two pumping stations in the delta. In a "
        "statement on Monday, the company said output would fall by a third."
    )
    assert [s.speaker for s in StatementExtractor().extract(text)] == [company]


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        (
            "The UN said aid convoys had been stopped near Bunia. The UN mission said its "
            "peacekeepers had come under fire overnight.",
            "The UN mission",
        ),
        (
            "The EU mission in Bamako said the training programme was suspended.",
            "The EU mission in Bamako",
        ),
    ],
)
def test_a_body_noun_after_an_acronym_names_the_bodys_own_unit_not_the_acronym(text, speaker):
    from infer.extraction.extractor import StatementExtractor
    from infer.extraction.speakers import same_speaker

    assert same_speaker(StatementExtractor().extract(text)[-1].speaker, speaker)


@pytest.mark.parametrize(
    ("text", "issuer"),
    [
        (
            "The dockers' union called the strike. The port authority replied with a two-line "
            "statement on Friday. “The terminals will stay open for all vessels,” it said.",
            "The port authority",
        ),
        (
            "The teachers' federation rejected the plan. The education board responded with a "
            "short statement. “Every school will reopen in September,” it said.",
            "The education board",
        ),
    ],
)
def test_it_after_x_responded_with_a_statement_is_x(nlp, text, issuer):
    from infer.extraction.extractor import StatementExtractor

    got = StatementExtractor(nlp).extract(text)[-1]
    assert (got.speaker_surface, got.speaker) == ("it", issuer)


def test_a_statement_issued_inside_a_quotation_names_no_issuer(nlp):
    from infer.extraction.extractor import StatementExtractor

    text = (
        "The abbot of the temple, Tenzin Norbu, condemned the raid. A commander of the militia "
        "denied the charge. “We will answer this on the ground, not with statements,” he said."
    )
    got = StatementExtractor(nlp).extract(text)[-1]
    assert got.speaker == "A commander of the militia"


@pytest.mark.parametrize(
    ("text", "body"),
    [
        (
            "The Coastal Alliance claimed the raid. Boko Haram, one of the armed groups in the "
            "region, said it had not been involved. “We do not attack markets,” the group said.",
            "Boko Haram",
        ),
        (
            "The Northern Front claimed the ambush. Ansar Dine, the largest of the factions, "
            "denied any part in it. “We had no fighters in the area,” the group said.",
            "Ansar Dine",
        ),
    ],
)
def test_a_name_in_apposition_to_a_body_noun_is_the_group_named_last(nlp, text, body):
    from infer.extraction.extractor import StatementExtractor

    assert StatementExtractor(nlp).extract(text)[-1].speaker == body


def test_a_name_in_apposition_to_a_member_of_a_body_stays_a_person(nlp):
    from infer.extraction.mentions import person_mentions

    doc = nlp("Ines Varga, a member of the farmers' union, said the harvest had failed.")
    assert [m.name for m in person_mentions(doc)] == ["Ines Varga"]


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        (
            "ELN rebels said they had freed two soldiers. The army has fought the ELN near the "
            "border for months.",
            "the ELN",
        ),
        (
            "Troops retook the valley from the Taliban last week. Taliban fighters said they had "
            "withdrawn to spare civilians.",
            "the Taliban",
        ),
        ("Houthi rebels said they had hit a tanker.", "Houthi rebels"),
    ],
)
def test_members_named_after_a_body_the_article_names_speak_for_it(nlp, text, speaker):
    from infer.extraction.extractor import StatementExtractor
    from infer.extraction.speakers import same_speaker

    got = StatementExtractor(nlp).extract(text)[0].speaker
    assert same_speaker(got, speaker) and got.split()[-1] == speaker.split()[-1]


def test_someone_who_has_spoken_to_journalists_is_the_later_he(nlp):
    from infer.extraction.extractor import StatementExtractor

    text = (
        "Troops head home\n\n"
        "“People are arriving with nothing,” said Ana Ferro, a spokeswoman for the agency.\n\n"
        "The Burundian army's spokesman has spoken to journalists in Bujumbura.\n\n"
        "“Our soldiers are not fleeing from anyone,” he said."
    )
    got = StatementExtractor(nlp, prefilter=False).extract(text)
    last = [s for s in got if s.text.startswith("Our soldiers")]
    assert last and last[0].speaker == "The Burundian army's spokesman"


def test_a_name_the_recogniser_runs_into_a_verb_is_no_person(nlp):
    from infer.extraction.mentions import person_mentions

    doc = nlp("Burundi's president said Rwanda fed, housed and funded the group.")
    names = [m.name for m in person_mentions(doc)]
    assert not any(n.split()[-1].islower() for n in names)


@pytest.mark.parametrize(
    "text, speaker",
    [
        (  # a name NER misses, set off by a person description: the later "she"
            "Mariam Okafor, the agency's field coordinator, said on Monday that the camp was "
            "full.\n\nZeinab, a 31-year-old widow who gave only her first name, spoke to "
            "reporters at the gate.\n\n"
            "“We walked for four days and nobody stopped to help us,” she said.",
            "Zeinab",
        ),
        (  # a name set off by a body noun: the later "the group"
            "His cousin, Pavel Sokol, who works with the town's rescue brigade, said the road "
            "was closed.\n\nNurses for the Valley, a group of volunteer medics, said its teams "
            "were refused entry. The group said three people had frostbite.",
            "Nurses for the Valley",
        ),
    ],
)
def test_a_name_set_off_by_a_description_is_the_later_reference(extractor, text, speaker):
    assert [s.speaker for s in extractor.extract(text)][-1] == speaker
