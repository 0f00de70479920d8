"""Content before a closing attribution the parser misplaces (sentences written here)."""

import pytest

TITLE = "Fighting spreads in the south\n\n"


def body(extractor, sentence: str) -> list[tuple[str, str]]:
    found = extractor.extract(TITLE + sentence + "\n\nMore aid is expected next week.")
    return [(s.text, s.speaker) for s in found if s.where == "body"]


@pytest.mark.parametrize(
    ("sentence", "content", "speaker"),
    [
        (
            # parsed with "said" as an adverbial clause of "fled"
            "Tens of thousands of residents have fled Kadugli since Monday, after a ground "
            "assault and days of shelling that killed nurses and patients, UN aid officials said "
            "on Friday.",
            "Tens of thousands of residents have fled Kadugli since Monday, after a ground "
            "assault and days of shelling that killed nurses and patients",
            "UN aid officials",
        ),
        (
            # parsed with "after …" hung on "said"
            "Thousands of people have fled the camp since Sunday, after an assault and nights of "
            "shelling that killed teachers, aid officials said on Monday.",
            "Thousands of people have fled the camp since Sunday, after an assault and nights of "
            "shelling that killed teachers",
            "aid officials",
        ),
    ],
)
def test_content_before_a_closing_attribution_runs_to_the_speakers_comma(
    extractor, sentence, content, speaker
):
    assert body(extractor, sentence) == [(content, speaker)]
