import numpy as np
import pytest

from infer.errors import QuotelensError
from infer.model.prior import PriorChoice, apply_prior, em_prior, parse_prior, shift_prior

STANCES = ("escalatory", "restraining", "denial", "neutral")


def simulated(n: int, mix, seed: int = 0):
    """Posteriors of a calibrated classifier trained under a uniform mix, on data drawn from ``mix``."""
    rng = np.random.default_rng(seed)
    y = rng.choice(4, size=n, p=mix)
    logits = rng.normal(size=(n, 4))
    logits[np.arange(n), y] += 1.5
    # x ~ N(1.5 e_y, I), so the Bayes posterior under a uniform prior is softmax(1.5 x).
    proba = np.exp(1.5 * logits) / np.exp(1.5 * logits).sum(1, keepdims=True)
    return proba, y


def test_shift_to_the_same_prior_changes_nothing():
    proba, _ = simulated(50, [0.25] * 4)
    assert np.allclose(shift_prior(proba, np.full(4, 0.25), np.full(4, 0.25)), proba)


def test_shift_raises_the_posterior_of_a_more_frequent_class():
    proba = np.array([[0.4, 0.2, 0.2, 0.2]])
    out = shift_prior(proba, np.full(4, 0.25), np.array([0.1, 0.1, 0.1, 0.7]))
    assert out[0].argmax() == 3 and np.isclose(out.sum(), 1)


def test_em_recovers_a_skewed_mix_and_improves_accuracy():
    mix = np.array([0.1, 0.1, 0.15, 0.65])
    proba, y = simulated(4000, mix)
    estimate = em_prior(proba, np.full(4, 0.25))
    assert estimate.converged and np.abs(estimate.prior - mix).max() < 0.05
    adapted, used = apply_prior(proba, PriorChoice("adapt"), np.full(4, 0.25), None)
    assert np.allclose(used, estimate.prior)
    assert (adapted.argmax(1) == y).mean() > (proba.argmax(1) == y).mean()


def test_natural_needs_a_stored_mix():
    proba, _ = simulated(5, [0.25] * 4)
    with pytest.raises(QuotelensError, match="no natural mix"):
        apply_prior(proba, PriorChoice("natural"), np.full(4, 0.25), None)


def test_prior_file_is_read_normalised_and_checked(tmp_path):
    good = tmp_path / "prior.yaml"
    good.write_text("escalatory: 1\nrestraining: 1\ndenial: 1\nneutral: 7\n", "utf-8")
    choice = parse_prior(str(good), STANCES)
    assert choice.mode == "file" and np.allclose(choice.values, [0.1, 0.1, 0.1, 0.7])
    bad = tmp_path / "bad.json"
    bad.write_text('{"escalatory": 1, "neutral": 3}', "utf-8")
    with pytest.raises(QuotelensError, match="bad.json: a stance prior maps exactly"):
        parse_prior(str(bad), STANCES)
    with pytest.raises(QuotelensError, match="not train, natural, adapt or a file"):
        parse_prior("nonsense", STANCES)
