import numpy as np

from infer.model.calibration import TemperatureScaler, expected_calibration_error, tune_thresholds


def test_temperature_softens_overconfident_logits():
    rng = np.random.default_rng(0)
    y = rng.integers(0, 4, 400)
    logits = rng.normal(size=(400, 4))
    logits[np.arange(400), y] += 1.0
    logits *= 5  # overconfident
    scaler = TemperatureScaler().fit(logits, y)
    assert scaler.temperature_ > 1.5
    before = expected_calibration_error(TemperatureScaler().transform(logits), y)
    after = expected_calibration_error(scaler.transform(logits), y)
    assert after < before


def test_thresholds_maximise_f1_per_label():
    y = np.array([[1, 0], [1, 0], [0, 1], [0, 0]])
    p = np.array([[0.3, 0.1], [0.35, 0.2], [0.1, 0.9], [0.05, 0.6]])
    t = tune_thresholds(p, y)
    assert 0.05 < t[0] <= 0.3 and 0.6 < t[1] <= 0.9
