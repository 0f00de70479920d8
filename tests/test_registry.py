from types import SimpleNamespace

from train.registry import _input


def run_with(**tags):
    return SimpleNamespace(data=SimpleNamespace(tags=tags))


def test_the_runs_table_names_each_heads_input():
    assert _input(run_with(input="cue_text_context")) == "cue_text_context"
    both = run_with(input="cue_text_context", devices_input="cue_text")
    assert _input(both) == "cue_text_context (devices: cue_text)"
    assert _input(run_with(use_context="True")) == "text_context"
    assert _input(run_with()) == "text"
