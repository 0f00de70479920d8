"""A body's fullest name as the article writes it (infer/extraction/bodies.py)."""

from infer.extraction.bodies import fullest_body


def test_a_body_head_widens_to_the_body_it_belongs_to_but_not_to_a_country():
    text = (
        "The General Staff of the Korean People's Army said the border would be sealed. "
        "The State Emergency Service of Ukraine said two fires were out."
    )
    assert (
        fullest_body("the General Staff", text) == "the General Staff of the Korean People's Army"
    )
    assert fullest_body("the State Emergency Service", text) == "the State Emergency Service"


def test_a_place_before_a_bracketed_acronym_belongs_to_the_body_name():
    text = (
        "The Joint Observer Mission in Kordavia (JOMK) said the truce held. "
        "The Health Ministry in Varna said 3 people were hurt."
    )
    assert fullest_body("The Joint Observer Mission", text) == (
        "The Joint Observer Mission in Kordavia"
    )
    assert fullest_body("The Health Ministry", text) == "The Health Ministry"


def test_a_description_widens_to_the_body_word_the_article_adds():
    text = "Gaza's civil defence agency said 19 people were killed."
    assert fullest_body("Gaza's civil defence", text) == "Gaza's civil defence agency"
    assert fullest_body("UN", "The UN mission said") == "UN"


def test_a_body_word_written_next_to_a_name_is_what_the_body_is_later_called():
    from infer.extraction.speakers import SpeakerResolver
    from infer.extraction.types import Attribution

    text = "The state railway company Ukrzaliznytsia said two staff died. The company said …"
    r = SpeakerResolver(text=text)
    r.group("Ukrzaliznytsia", 26)
    said = Attribution("The company", "The company", "company", "description", "said", 62)
    assert r.resolve(said) == "Ukrzaliznytsia"


def test_the_ministry_is_the_ministry_named_with_its_owner_before():
    from infer.extraction.bodies import named_before

    text = "said Ali Reza, a spokesman for the Taliban’s defence ministry. Later the ministry said"
    assert named_before("ministry", text, len(text) - 20) == "the Taliban’s defence ministry"
    assert named_before("army", text, len(text)) == ""


def test_a_commission_named_for_its_task_takes_its_whole_name():
    text = (
        "Chad's National Commission for the Reception and Reintegration of Refugees and "
        "Returnees said arrivals had doubled. The commission called on partners to help."
    )
    assert fullest_body("National Commission", text) == (
        "National Commission for the Reception and Reintegration of Refugees and Returnees"
    )
