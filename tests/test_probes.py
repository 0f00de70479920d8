"""Contract probes: every LABELS.md stance example is present, and scoring lists each prediction."""

import numpy as np

from infer.model.labels import STANCES
from train.probes import load_probes, score_probes


class OneStanceModel:
    """Calls every statement neutral, as a model with a 'negation is neutral' shortcut might."""

    def predict_calibrated(self, X):
        proba = np.zeros((len(X), len(STANCES)))
        proba[:, STANCES.index("neutral")] = 1.0
        return proba, np.zeros((len(X), 1))


def test_probes_cover_every_stance_and_the_contracts_neutral_example():
    probes = load_probes()
    assert set(probes["stance"]) == set(STANCES)
    neutral = probes[probes["stance"] == "neutral"]["text"]
    assert "I am not certain Tehran was involved" in set(neutral)
    assert probes["id"].is_unique


def test_scoring_lists_each_probe_and_the_share_right():
    probes = load_probes()
    metrics, table = score_probes(OneStanceModel(), probes)
    share = (probes["stance"] == "neutral").mean()
    assert metrics["probes/stance_accuracy"] == share
    assert list(table["predicted"].unique()) == ["neutral"]
    assert table["ok"].sum() == (probes["stance"] == "neutral").sum()
