import numpy as np

from infer.model.calibration import (
    DeviceThresholds,
    StanceCalibrator,
    expected_calibration_error,
    tune_thresholds,
)


def test_temperature_softens_overconfident_logits():
    rng = np.random.default_rng(0)
    y = rng.integers(0, 4, 400)
    logits = rng.normal(size=(400, 4))
    logits[np.arange(400), y] += 1.0
    logits *= 5  # overconfident
    scaler = StanceCalibrator().fit(logits, y)
    assert scaler.temperature_ > 1.5
    before = expected_calibration_error(StanceCalibrator().transform(logits), y)
    after = expected_calibration_error(scaler.transform(logits), y)
    assert after < before


def test_bias_moves_the_mean_probability_to_the_calibration_mix():
    rng = np.random.default_rng(1)
    y = rng.choice(4, size=600, p=[0.1, 0.1, 0.2, 0.6])
    logits = rng.normal(size=(600, 4))
    logits[np.arange(600), y] += 2.0  # informative, but blind to the skewed mix
    scaler = StanceCalibrator().fit(logits, y)
    assert np.allclose(scaler.transform(logits).mean(0), scaler.prior_, atol=0.01)
    restored = StanceCalibrator.from_dict(scaler.to_dict(), 4)
    assert np.allclose(restored.transform(logits), scaler.transform(logits))


def test_thresholds_maximise_f1_per_label():
    y = np.array([[1, 0], [1, 0], [0, 1], [0, 0]])
    p = np.array([[0.3, 0.1], [0.35, 0.2], [0.1, 0.9], [0.05, 0.6]])
    t = tune_thresholds(p, y)
    assert 0.05 < t[0] <= 0.3 and 0.6 < t[1] <= 0.9
    assert DeviceThresholds().fit(p, y).transform(p).tolist() == (p >= t).tolist()
