"""One rule a test: the structure pass on a few lines of page text."""

from infer.extraction.structure import Page, page_structure, read_structure


def roles(text: str) -> list[tuple[str, str]]:
    return [(r.role, text[r.start : r.end]) for r in read_structure(text).regions]


def test_dateline_with_agency_tag_is_cut_from_the_body():
    text = "Ships hit\n\nSANAA/DUBAI, Jan 12 (Reuters) - Yemen's Houthi movement said it fired."
    assert ("dateline", "SANAA/DUBAI, Jan 12 (Reuters) - ") in roles(text)
    assert ("body", "Yemen's Houthi movement said it fired.") in roles(text)


def test_title_case_place_with_an_agency_tag_is_a_dateline():
    text = "Fishermen beaten at sea\n\nManila (AFP) – The Philippines accused its neighbour."
    assert ("dateline", "Manila (AFP) – ") in roles(text)
    assert ("body", "The Philippines accused its neighbour.") in roles(text)


def test_a_liveblog_update_stamp_is_cut_from_the_update():
    text = "Army presses on\n\nThe fighting went on.\n\nUPDATE, 4:20 p.m. – The division said a soldier was safe."
    assert ("dateline", "UPDATE, 4:20 p.m. – ") in roles(text)


def test_a_title_case_place_and_a_spaced_dash_open_the_first_body_paragraph_only():
    text = (
        "Port reopens\n\nVarna Bay – The harbour master said ships could dock.\n\n"
        "Kordo – The second paragraph is body text."
    )
    assert ("dateline", "Varna Bay – ") in roles(text)
    assert ("body", "Kordo – The second paragraph is body text.") in roles(text)


def test_a_bracketed_place_and_date_open_a_press_release_body():
    text = "Floods displace thousands\n\n(Varna, 3 May 2025) – More than 900 families fled."
    assert ("dateline", "(Varna, 3 May 2025) – ") in roles(text)
    assert read_structure(text).date == "2025-05-03"


def test_an_image_source_line_is_a_credit():
    text = (
        "Floods in Varna\n\nBoats on a flooded street in Varna on Monday. Image source: Kordo Press"
    )
    assert ("caption", "Boats on a flooded street in Varna on Monday.") in roles(text)
    assert ("credit", " Image source: Kordo Press") in roles(text)


def test_dateline_with_slashed_agency_and_full_date_gives_the_article_date():
    text = "Title here\n\nTawila/Amsterdam, 23 August 2024 — MSF teams treated 68 people."
    assert read_structure(text).date == "2024-08-23"


def test_byline_is_never_parsed():
    text = "Talks stall in Cairo\n\nBy Lina Haddad and Tom Berger\n\nMediators met on Sunday."
    assert ("byline", "By Lina Haddad and Tom Berger") in roles(text)


def test_first_short_paragraph_is_the_headline_and_standfirst_follows():
    text = "Oman says US and Houthis agree truce\n\nThe Houthis say it does not cover Israel.\n\n"
    text += "Published On 6 May 2025\n\n" + "Body text that is long enough to be a paragraph. " * 3
    got = roles(text)
    assert got[0] == ("headline", "Oman says US and Houthis agree truce")
    assert got[1][0] == "headline"
    assert ("date", "Published On 6 May 2025") in got
    assert read_structure(text).date == "2025-05-06"


def test_photo_caption_keeps_its_text_and_drops_the_credit():
    text = (
        "Headline words here\n\nBy A Writer\n\nA man holds a rifle at a rally. [File: Jo Doe/AFP]"
    )
    got = roles(text)
    assert ("caption", "A man holds a rifle at a rally.") in got
    assert ("credit", " [File: Jo Doe/AFP]") in got


def test_related_links_and_ads_are_furniture():
    text = "Head\n\nBy X Y\n\nBody starts here, and it is a sentence.\n\nRead also:\n\n"
    text += "- Houthis say strikes will go on\n\nADVERTISEMENT\n\nThe body resumes here."
    got = dict((t, r) for r, t in roles(text))
    assert got["- Houthis say strikes will go on"] == "related"
    assert got["ADVERTISEMENT"] == "ad"
    assert got["The body resumes here."] == "body"


def test_repeated_headline_is_furniture():
    text = "Border reopens\n\nBy X Y\n\nThe border reopened on Monday.\n\nBorder reopens"
    assert roles(text)[-1] == ("repeated_headline", "Border reopens")


def test_subhead_in_the_body_counts_as_headline_text():
    text = "Head line\n\nBy X Y\n\nThe army said on Monday it had pulled back.\n\nFear in the north"
    assert roles(text)[-1] == ("headline", "Fear in the north")


def test_where_tells_body_headline_caption_and_furniture_apart():
    text = "Head line\n\nBy X Y\n\nA body sentence."
    s = read_structure(text)
    assert (s.where(0), s.where(text.index("By")), s.where(text.index("A body"))) == (
        "headline",
        None,
        "body",
    )


def test_page_metadata_title_author_and_date():
    text = "Kicker\n\nThe real title of it\n\nJane Roe\n\nThe body of the article goes here."
    page = Page(text, title="The real title of it", author="Jane Roe", date="2024-05-01T10:00")
    s = page_structure(page)
    assert s.date == "2024-05-01"
    assert s.where(text.index("The real")) == "headline"
    assert s.where(text.index("Jane")) is None


def test_dateline_and_agency_are_never_speakers(extractor):
    text = (
        "Ships attacked\n\nSANAA/DUBAI, Jan 12 (Reuters) - Yemen's Houthi movement said on "
        "Friday it had fired missiles at a tanker in the Red Sea."
    )
    [s] = extractor.extract(text)
    assert "DUBAI" not in s.speaker and "Reuters" not in s.speaker
    assert "Houthi" in s.speaker


def test_statements_in_headlines_and_captions_are_found_but_links_are_not(extractor):
    text = (
        "Iran says it will respond to any attack on its soil\n\nBy A Writer\n\n"
        "The foreign minister said the strikes had been a grave mistake.\n\n"
        "The minister said his country would retaliate against any attack. (Photo: IRNA)\n\n"
        "Read also:\n\n- Israel says it will strike Iran's oil sites"
    )
    where = {s.where for s in extractor.extract(text)}
    assert {"headline", "body", "caption"} <= where
    assert not any("oil sites" in s.text for s in extractor.extract(text))


def test_prefilter_keeps_quotes_and_cue_verbs_and_drops_plain_narration():
    from infer.extraction.prefilter import may_hold_statement

    assert may_hold_statement("“We are ready,” he said.")
    assert may_hold_statement("The ministry denied any role in the attack.")
    assert not may_hold_statement("Fighting went on overnight in the north.")


def test_full_sentences_after_a_headline_are_body_unless_a_byline_follows():
    body = "Ruta Kairiene said on Friday that the jets had crossed the border twice in an hour and left."
    assert ("body", body) in roles(f"Russian jets cross border\n\n{body}")
    assert ("headline", body) in roles(f"Russian jets cross border\n\n{body}\n\nBy Ana Ruiz")


def test_a_sentence_opening_with_by_is_no_byline():
    text = "Strikes hit the border\n\nBy Thursday evening the ministry said its forces had struck."
    assert ("byline", "By Thursday evening the ministry said its forces had struck.") not in roles(
        text
    )
    assert ("byline", "By Ana Ruiz and Tom Hale") in roles(f"{text}\n\nBy Ana Ruiz and Tom Hale")


def test_ap_style_dateline_and_agency_line_are_furniture():
    text = "Missiles hit rail station\n\nAssociated Press\n\nLVIV, Ukraine (AP) — Missiles hit a station."
    assert ("furniture", "Associated Press") in roles(text)
    assert ("dateline", "LVIV, Ukraine (AP) — ") in roles(text)


def test_a_question_in_a_related_links_list_is_a_link_title():
    text = "Head\n\nBy X Y\n\nBody starts here, and it is a sentence.\n\nMore on this story\n\n"
    text += "Why is the port closed?\n\nHarbour town: 'We sleep in the boats'"
    got = dict((t, r) for r, t in roles(text))
    assert got["Why is the port closed?"] == "related"
    assert got["Harbour town: 'We sleep in the boats'"] == "related"


def test_how_to_cite_a_brief_is_furniture():
    text = "Head\n\nBy X Y\n\nThe brief ends here.\n\n"
    text += 'Cite this: Doe, J. (2023). "Is the Truce Holding?" Paper No. 3.'
    assert roles(text)[-1][0] == "furniture"


def test_a_caption_label_is_cut_from_the_caption():
    text = (
        "Head\n\nBy X Y\n\nThe body.\n\nImage caption, Boats wait at the pier; the mayor said the "
    )
    text += "ferry was cancelled\n\nThe body goes on."
    got = roles(text)
    assert ("credit", "Image caption, ") in got
    assert ("caption", "Boats wait at the pier; the mayor said the ferry was cancelled") in got


def test_a_related_links_header_in_capitals_makes_its_list_furniture():
    text = (
        "Headline words here\n\nBy A Writer\n\n"
        + "Body text that is long enough to be a paragraph. " * 3
        + "\n\nRELATED\n• Army says the border will stay shut until further notice\n"
    )
    assert roles(text)[-2:] == [
        ("related", "RELATED"),
        ("related", "• Army says the border will stay shut until further notice"),
    ]
