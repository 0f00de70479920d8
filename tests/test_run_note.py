"""Tests for train.run_note: the training run's description."""

from train.run_note import run_note


def test_note_has_family_input_fingerprint_and_metrics() -> None:
    metrics = {
        "test_heldout/stance_macro_f1": 0.8123,
        "test_heldout/devices_micro_f1": 0.6,
        "test_articles/stance_accuracy": 0.7,
        "dev/stance_macro_f1": 0.99,
    }
    note = run_note("hybrid", "cue_text", "abc123", metrics, "all 4000 labelled statements")
    assert note.startswith("**hybrid** on input `cue_text`; data fingerprint `abc123`.")
    assert "all 4000 labelled statements" in note
    assert "| test_heldout | 0.812 | – | 0.600 | – |" in note
    assert "| test_articles | – | 0.700 | – | – |" in note
    assert "test_random" not in note and "0.990" not in note
