import re

from tests.conftest import run_cli


def _count(out: str, label: str) -> int:
    m = re.search(rf"\| {re.escape(label)} \| (\d+)", out)
    assert m, label
    return int(m.group(1))


def test_corpus_meets_the_issue_counts():
    result = run_cli("train", "stats", "data/")
    assert result.returncode == 0, result.stderr[-2000:]
    out = result.stdout
    assert _count(out, "statements") >= 1500
    assert _count(out, "conflicts") >= 12
    assert _count(out, "distinct speakers") >= 150
    assert _count(out, "hard cases") >= 200
    assert _count(out, "no device") >= 200
    for stance in ("denial", "escalatory", "restraining", "neutral"):
        assert _count(out, stance) >= 250, stance
    for device in (
        "loaded_language",
        "name_calling",
        "metaphor",
        "threat",
        "call_to_action",
        "appeal_to_unity",
        "religious_framing",
        "historical_framing",
        "exaggeration",
        "appeal_to_fear",
        "hedging",
        "victimhood",
        "blame_attribution",
    ):
        assert _count(out, device) >= 80, device
    share = re.search(r"\| indirect or mixed \| \d+ \((\d+)%\)", out)
    assert share and int(share.group(1)) >= 25
    lo, _, hi = re.search(
        r"\| words per text \(min / median / max\) \| (\d+) / (\d+) / (\d+)", out
    ).groups()
    assert int(lo) >= 4 and int(hi) <= 80
    assert _count(out, "articles (.txt)") >= 30
    assert _count(out, "of which also .html") >= 5
