"""End-to-end article scoring: extracted statements pair with gold at overlap 0.3 before stance counts."""

from __future__ import annotations

import json

import numpy as np

from infer.model.labels import STANCES
from infer.model.prior import PriorChoice, apply_prior
from train.eval_e2e import end_to_end, end_to_end_metrics, matched_statements

ARTICLE = (
    "Talks stall in Bamako\n\n"
    '"We will strike back at anyone who attacks our positions," the army spokesman said on Monday.\n\n'
    "The mediator said both sides should return to the table and stop the fighting.\n\n"
    "Long queues for bread formed outside bakeries in the capital.\n"
)


def _span(text: str, part: str) -> tuple[int, int]:
    start = text.index(part)
    return start, start + len(part)


def _folder(tmp_path):
    tmp_path.mkdir(exist_ok=True)
    (tmp_path / "rn-sahel-01.txt").write_text(ARTICLE, "utf-8")
    meta = {"article": "rn-sahel-01", "theatre": "sahel", "writer": "w1"}
    (tmp_path / "meta.jsonl").write_text(json.dumps(meta) + "\n", "utf-8")
    quote = "We will strike back at anyone who attacks our positions,"
    indirect = "both sides should return to the table and stop the fighting"
    gold = []
    for part, kind, stance in (
        (quote, "direct", "escalatory"),
        (indirect, "indirect", "restraining"),
    ):
        start, end = _span(ARTICLE, part)
        gold.append(
            {
                "article": "rn-sahel-01",
                "start": start,
                "end": end,
                "text": part,
                "kind": kind,
                "stance": stance,
                "devices": [],
            }
        )
    missed = "Long queues for bread"  # gold the extractor cannot find: counted, never scored
    start, end = _span(ARTICLE, missed)
    gold.append(
        {
            "article": "rn-sahel-01",
            "start": start,
            "end": end,
            "text": missed,
            "kind": "indirect",
            "stance": "neutral",
            "devices": [],
        }
    )
    (tmp_path / "gold.jsonl").write_text("\n".join(map(json.dumps, gold)) + "\n", "utf-8")
    return tmp_path


class KeywordModel:
    """Calibrated stance probabilities from one word each, so the expected metrics are known."""

    natural_prior_ = None
    prior_ = np.full(len(STANCES), 0.25)

    def predict_calibrated(self, X):
        proba = np.full((len(X), len(STANCES)), 0.1)
        for row, text in enumerate(X["text"]):
            proba[row, STANCES.index("escalatory" if "strike" in text else "neutral")] = 0.7
        return proba, np.zeros((len(X), 1))

    def stance_under(self, proba, prior):
        return apply_prior(proba, prior or PriorChoice("train"), self.prior_, None)


def test_only_matched_statements_are_scored(tmp_path):
    statements = matched_statements(str(_folder(tmp_path)))
    assert statements.gold == 3
    assert statements.matched == 2  # the quote and the indirect statement; the bread line is missed
    assert sorted(STANCES[s] for s in statements.stance) == ["escalatory", "restraining"]
    assert all("spokesman" in c or "mediator" in c for c in statements.inputs["context"])

    metrics = end_to_end_metrics(KeywordModel(), statements, "e2e")
    assert metrics["e2e/matched"] == 2 and metrics["e2e/gold"] == 3
    assert metrics["e2e/prior_train/stance_accuracy"] == 0.5  # restraining called neutral
    assert "e2e/prior_natural/stance_accuracy" not in metrics  # no natural prior stored
    assert "e2e/prior_adapt/stance_accuracy" in metrics


def test_no_article_folder_means_no_end_to_end_figures(tmp_path):
    assert end_to_end([str(tmp_path)], KeywordModel()) == {}


def test_cli_scores_a_registered_model_on_an_independent_folder(champion_folder, tmp_path):
    from tests.conftest import run_main

    readme = tmp_path / "README.md"
    readme.write_text(
        "<!-- e2e-fresh-all:begin -->\nPLACEHOLDER\n<!-- e2e-fresh-all:end -->\n", "utf-8"
    )
    folder = _folder(tmp_path / "fresh")
    result = run_main(
        "train", "eval-e2e", str(folder), "--model", str(champion_folder), "--no-mlflow",
        "--update", str(readme),
    )  # fmt: skip
    assert result.returncode == 0, result.stderr[-2000:]
    assert "| train | " in result.stdout and "accuracy 95% interval" in result.stdout
    assert "3 gold statements" in result.stdout and "2 matched at overlap 0.3" in result.stdout
    text = readme.read_text("utf-8")
    assert "PLACEHOLDER" not in text and "| stance prior |" in text and "eval-e2e" in text


def test_a_folder_the_model_was_fitted_on_is_flagged(trained, small_corpus, tmp_path):
    import mlflow

    from train.eval_e2e import trained_on_folders

    # The registry is passed explicitly: another test in this worker may have set mlflow's
    # process-wide tracking URI, which outranks the environment.
    client = mlflow.MlflowClient(trained["env"]["MLFLOW_TRACKING_URI"])
    version = client.get_model_version_by_alias("quotelens", "champion").version
    uri = f"models:/quotelens/{version}"
    # One registry query for every folder; only the folder it read is named.
    [note] = trained_on_folders(uri, [str(tmp_path), str(small_corpus)], "all", client)
    assert "not held out" in note and str(small_corpus) in note
    assert trained_on_folders(uri, [str(tmp_path)], "all", client) == []  # a folder it never read
    local = trained_on_folders(str(tmp_path), [str(small_corpus)], "all", client)
    assert local == []  # a local model folder: its training data is unknown


def test_folders_pool_into_one_set(tmp_path):
    from train.eval_e2e import MatchedStatements

    one = matched_statements(str(_folder(tmp_path / "one")))
    two = matched_statements(str(_folder(tmp_path / "two")))
    both = MatchedStatements.pooled([one, two])
    assert (both.articles, both.gold, both.matched) == (2, 6, 4)
    assert list(both.stance) == list(one.stance) + list(two.stance)
    assert len(both.inputs) == 4


def test_wilson_interval_brackets_the_share_and_narrows_with_n():
    from train.eval_e2e import wilson_interval

    low, high = wilson_interval(0.8, 64)
    assert low < 0.8 < high
    wide, narrow = high - low, (lambda lo, hi: hi - lo)(*wilson_interval(0.8, 640))
    assert narrow < wide / 2
    assert wilson_interval(1.0, 10)[1] <= 1.0 and wilson_interval(0.0, 10)[0] >= 0.0
