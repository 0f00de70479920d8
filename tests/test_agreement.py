"""Article agreement: a folder is compared only on the second annotations of its own articles."""

from __future__ import annotations

import json

from train.agreement import article_agreement


def _row(article: str, start: int, end: int, stance: str) -> dict:
    return {"article": article, "start": start, "end": end, "stance": stance, "devices": []}


def _jsonl(path, rows) -> None:
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), "utf-8")


def test_second_annotations_of_other_folders_are_left_out(tmp_path):
    folder = tmp_path / "articles-dev2"
    folder.mkdir()
    (folder / "a1.txt").write_text("x" * 100, "utf-8")
    first, second = tmp_path / "first.jsonl", tmp_path / "second.jsonl"
    _jsonl(first, [_row("a1", 0, 40, "neutral"), _row("a1", 50, 90, "denial")])
    # b9 lives in another folder: its rows must not count as statements the first annotator missed
    _jsonl(
        second,
        [_row("a1", 0, 38, "neutral"), _row("a1", 52, 90, "neutral"), _row("b9", 0, 9, "neutral")],
    )
    agreement = article_agreement(folder, [second], first)
    assert (agreement.articles, agreement.first, agreement.second) == (1, 2, 2)
    assert agreement.span_f1 == 1.0
    assert agreement.share(lambda a, b: a["stance"] == b["stance"]) == 0.5


def test_no_second_annotation_for_the_folder_gives_none(tmp_path):
    (tmp_path / "a1.txt").write_text("text", "utf-8")
    second = tmp_path / "second.jsonl"
    _jsonl(second, [_row("b9", 0, 4, "neutral")])
    assert article_agreement(tmp_path, [second]) is None
