import re

import pytest

from train import cues
from train.__main__ import main as train_main
from train.stats import named_rows


def _count(out: str, label: str) -> int:
    m = re.search(rf"\| {re.escape(label)} \| (\d+)", out)
    assert m, label
    return int(m.group(1))


def train_main_output(argv: list[str]) -> list[str]:
    import contextlib
    import io

    buf = io.StringIO()
    with contextlib.redirect_stdout(buf):
        assert train_main(argv) == 0
    return buf.getvalue().splitlines()


@pytest.fixture(scope="module")
def stats_out():
    return "\n".join(train_main_output(["stats", "data/", "--cues"]))


def test_corpus_meets_the_issue_counts(stats_out):
    out = stats_out
    assert _count(out, "statements") >= 3000
    assert _count(out, "conflicts") >= 15
    assert _count(out, "hard cases") >= 200
    assert _count(out, "no device") >= 200
    for stance in ("denial", "escalatory", "restraining", "neutral"):
        assert _count(out, stance) >= 250, stance
    share = re.search(r"\| indirect or mixed \| \d+ \((\d+)%\)", out)
    assert share and int(share.group(1)) >= 25


def test_at_least_15_percent_of_statements_are_40_words_or_more():
    rows = named_rows(["data/"])[1]
    long = sum(len(r["text"].split()) >= 40 for r in rows)
    assert long / len(rows) >= 0.15, f"{long} of {len(rows)}"


def test_articles_meet_the_issue_counts(stats_out):
    out = stats_out
    assert _count(out, "articles (.txt)") >= 90
    assert _count(out, "real-structure articles (v1.1)") >= 60
    assert _count(out, "theatres") >= 15
    assert _count(out, "outlet styles") >= 20
    lo, _, hi = re.search(
        r"\| words per article \(min / median / max\) \| (\d+) / (\d+) / (\d+)", out
    ).groups()
    assert int(lo) <= 250 and int(hi) >= 1000
    split = re.search(r"\| articles \| \d+ \| \d+ \| (\d+) \|", out)
    assert split and int(split.group(1)) >= 250


def test_no_single_word_or_bigram_decides_a_quarter_of_a_label():
    rows = named_rows(["data/"])[1]
    for label, cue in cues.worst_decided(rows).items():
        assert cue is None or cue.coverage <= cues.MAX_DECIDED_SHARE, (label, cue)


def test_cue_table_finds_a_planted_shortcut():
    rows = [
        {"cue": "denied", "text": f"x{i}", "stance": "denial", "devices": []} for i in range(12)
    ]
    rows += [
        {"cue": "said", "text": f"x{i}", "stance": "neutral", "devices": []} for i in range(12)
    ]
    worst = cues.worst_decided(rows)
    assert "denied" in worst["denial"].feature and worst["denial"].coverage == 1.0
    assert worst["neutral"] is not None and "said" in worst["neutral"].feature


def test_counts_are_over_what_the_configs_train_on(tmp_path):
    from train.corpus import training_paths

    assert training_paths(["data/"]) == ["data/statements", "data/articles"]
    assert training_paths([str(tmp_path)]) == [str(tmp_path)]  # a folder without them: as given
    table = [line for line in train_main_output(["stats", "data/"]) if "| not trained on |" in line]
    assert {line.split(" | ")[0].strip("| ") for line in table} >= {"colombia", "haiti"}
