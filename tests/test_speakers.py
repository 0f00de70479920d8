"""One rule a test: how a speaker as written resolves to the fullest name the article gives."""

from infer.extraction.persons import guess_gender
from infer.extraction.speakers import (
    SpeakerResolver,
    normalize_speaker,
    same_speaker,
    strip_ranks,
)
from infer.extraction.types import Attribution


def attr(surface: str, kind: str, pos: int, key: str = "", head: str = "", **kw) -> Attribution:
    return Attribution(
        surface, key or surface, head or surface.split()[-1].lower(), kind, "said", pos, **kw
    )


def test_ranks_are_stripped_from_names():
    assert strip_ranks("Brig. Gen. Mehdi Tavakoli") == ("Mehdi Tavakoli", "Brig. Gen.")


def test_normalised_names_drop_article_and_possessive():
    assert normalize_speaker("The Kremlin’s") == "kremlin"


def test_same_speaker_with_a_longer_form_of_the_name():
    assert same_speaker("Ali Khamenei", "Ayatollah Ali Khamenei")
    assert not same_speaker("Ali Khamenei", "Ali Larijani")


def test_a_trailing_bracketed_alias_names_the_same_speaker():
    assert same_speaker("the Alliance Fleuve Congo (AFC)", "The Alliance Fleuve Congo")
    assert not same_speaker("the Alliance Fleuve Congo (AFC)", "the AFC's allies")


def test_surname_resolves_to_the_full_name():
    r = SpeakerResolver()
    r.person("Tomas Varga", "Defence Minister", "m", pos=0)
    assert r.resolve(attr("Varga", "person", 50, key="Varga")) == "Tomas Varga"


def test_pronoun_resolves_to_the_nearest_person_of_its_gender():
    r = SpeakerResolver()
    r.person("Anna Kovacs", gender="f", pos=0)
    r.person("Peter Novak", gender="m", pos=40)
    assert r.resolve(attr("she", "pronoun", 90, head="she")) == "Anna Kovacs"
    assert r.resolve(attr("he", "pronoun", 95, head="he")) == "Peter Novak"


def test_it_resolves_to_a_body_not_a_person():
    r = SpeakerResolver()
    r.group("the Foreign Ministry", 0)
    r.person("Peter Novak", gender="m", pos=40)
    assert r.resolve(attr("it", "pronoun", 90, head="it")) == "the Foreign Ministry"


def test_title_description_resolves_to_the_person_with_that_title():
    r = SpeakerResolver()
    r.person("Tomas Varga", "Defence Minister", "m", pos=0)
    assert r.resolve(attr("the minister", "description", 80)) == "Tomas Varga"


def test_statement_as_speaker_resolves_to_the_issuing_body():
    r = SpeakerResolver()
    r.group("the Foreign Ministry", 0)
    assert r.resolve(attr("the statement", "description", 60)) == "the Foreign Ministry"


def test_acronym_is_expanded_when_the_article_spells_it_out():
    r = SpeakerResolver()
    r.text = "Fighting between the army and the Rapid Support Forces went on. The RSF said ..."
    assert r.resolve(attr("The RSF", "org", 70, key="The RSF")) == "the Rapid Support Forces"


def test_lede_title_is_linked_to_the_name_given_later():
    r = SpeakerResolver()
    r.resolve(attr("the army chief", "description", 0))
    r.resolve(attr("Karim Haddad", "person", 100, key="Karim Haddad"))
    assert r.final_names() == ["Karim Haddad", "Karim Haddad"]


def test_unresolvable_description_stays_as_written():
    r = SpeakerResolver()
    assert r.resolve(attr("an aid official", "description", 0)) == "an aid official"


def test_gender_guessed_from_the_pronouns_that_follow():
    text = "Mira Osei arrived late. She said her team was ready."
    assert guess_gender(text, 0, 9) == "f"


def test_a_full_name_parsed_as_a_body_is_not_the_first_person_with_its_surname():
    r = SpeakerResolver()
    r.person("Milan Todorović", "deputy", "m", pos=0, at=0)
    r.person("Nikola Todorović", "analyst", "m", pos=100, at=100)
    got = r.resolve(attr("Nikola Todorović", "org", 100, key="Nikola Todorović"))
    assert got == "Nikola Todorović"
    assert r.resolve(attr("Todorović", "org", 200, key="Todorović")) == "Nikola Todorović"


def test_an_honorific_picks_the_person_of_that_gender_sharing_a_surname():
    r = SpeakerResolver()
    r.person("Immaculée Niyonzima", "", "f", pos=0, at=0)
    r.person("Déo Niyonzima", "", "m", pos=100, at=100)
    assert r.resolve(attr("Ms Niyonzima", "person", 200, key="Ms Niyonzima")) == (
        "Immaculée Niyonzima"
    )
    assert r.resolve(attr("Niyonzima", "person", 300, key="Niyonzima")) == "Déo Niyonzima"


def test_a_shared_surname_follows_the_pronouns_after_it():
    text = (
        "“The water came at night,” said Sayed Ghoneim, a farmer. His cousin, Nagwa Ghoneim, "
        "said her seedlings had rotted. Ghoneim said he did not know whom to blame."
    )
    r = SpeakerResolver()
    r.text = text
    r.person("Sayed Ghoneim", "", "m", pos=33, at=33)
    r.person("Nagwa Ghoneim", "", "f", pos=70, at=70)
    at = text.index("Ghoneim said he")
    assert r.resolve(attr("Ghoneim", "person", at, key="Ghoneim")) == "Sayed Ghoneim"


def test_a_body_name_cut_at_a_joining_word_takes_the_rest_of_its_name():
    text = "The Prosecutor’s Office of Bosnia and Herzegovina said the law had no effect."
    r = SpeakerResolver()
    r.text = text
    ent = r.group("The Prosecutor’s Office of Bosnia and", 0)
    assert ent.name == "The Prosecutor’s Office of Bosnia and Herzegovina"


def test_a_body_name_never_ends_in_a_possessive():
    text = (
        "The Philippine Army's spokesperson called the attack cowardly. Army says it will respond."
    )
    r = SpeakerResolver()
    r.text = text
    assert r.group("the Philippine Army's", 0).name == "the Philippine Army"
