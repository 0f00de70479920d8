"""The extractor's scorer: one-to-one matching by overlap, speaker and cue on matched pairs, and the
README block of an independent folder."""

from __future__ import annotations

import json

import pytest

from train.eval_extract import evaluate, load_gold, main, match


def _s(start: int, end: int, speaker: str = "", cue: str = "said", kind: str = "direct") -> dict:
    return {"start": start, "end": end, "speaker": speaker, "cue": cue, "kind": kind}


def test_matching_is_one_to_one_best_overlap_first():
    gold = [_s(0, 10), _s(12, 30)]
    pred = [_s(0, 9), _s(2, 10), _s(20, 30)]
    assert sorted(match(pred, gold, 0.3)) == [(0, 0), (2, 1)]  # (1, 0) loses to the better (0, 0)
    assert match(pred, gold, 0.8) == [(0, 0)]  # 10/18 of the second gold is below 0.8


def test_speaker_and_cue_count_only_on_matched_pairs():
    gold = {"a": [_s(0, 10, "the army", "said"), _s(20, 40, "Lina Haddad", "warned", "indirect")]}
    pred = {"a": [_s(0, 10, "the army", "told"), _s(20, 40, "Haddad", "warned", "indirect")]}
    pred["a"].append(_s(50, 60, "someone"))  # spurious: lowers precision, not speaker accuracy
    m = evaluate(pred, gold)
    assert m["overall@0.3/precision"] == pytest.approx(2 / 3)
    assert m["overall@0.3/recall"] == 1.0
    assert m["overall@0.3/speaker_accuracy"] == 1.0  # the family name matches the full name
    assert m["overall@0.3/cue_accuracy"] == 0.5  # 'told' is not 'said'
    assert m["indirect@0.3/gold"] == 1


def test_an_independent_folder_gets_its_own_readme_block(tmp_path):
    folder = tmp_path / "articles-fresh"
    folder.mkdir()
    text = "\u201cWe are ready to talk,\u201d the mediator said on Monday.\n"
    (folder / "rn-x-01.txt").write_text(text, "utf-8")
    (folder / "meta.jsonl").write_text(json.dumps({"article": "rn-x-01", "theatre": "x"}) + "\n")
    span = "We are ready to talk,"
    start = text.index(span)
    row = {"article": "rn-x-01", "start": start, "end": start + len(span), "text": span}
    row |= {"kind": "direct", "cue": "said", "speaker": "the mediator", "stance": "restraining"}
    (folder / "gold-w9.jsonl").write_text(json.dumps(row | {"devices": []}) + "\n", "utf-8")
    assert list(load_gold(folder, "all")) == ["rn-x-01"]
    readme = tmp_path / "README.md"
    marks = "<!-- extraction-articles-fresh:begin -->\nPLACEHOLDER\n"
    readme.write_text(marks + "<!-- extraction-articles-fresh:end -->\n", "utf-8")
    assert main(str(folder), log=False, update=str(readme), split="all") == 0
    block = readme.read_text("utf-8")
    assert "PLACEHOLDER" not in block
    assert "| overall | 0.3 | 1 | 1.000 | 1.000 | 1.000 | 1.000 | 1.000 |" in block
    assert f"eval-extract {folder} --articles-split all" in block
