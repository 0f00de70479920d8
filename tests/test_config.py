import pytest

from infer.errors import QuotelensError
from train.config import load_config, sweep_points

BASE = "name: t\nfamily: tfidf_linear\n"


def write(tmp_path, text):
    p = tmp_path / "c.yaml"
    p.write_text(text, "utf-8")
    return p


def test_unknown_key_is_a_clear_error(tmp_path):
    with pytest.raises(
        QuotelensError, match=r"c.yaml: tfidf.stance_c: Extra inputs are not permitted"
    ):
        load_config(write(tmp_path, BASE + "tfidf:\n  stance_c: 3\n"))


def test_wrong_type_is_a_clear_error(tmp_path):
    with pytest.raises(QuotelensError, match=r"finetune.epochs"):
        load_config(write(tmp_path, BASE + "finetune:\n  epochs: many\n"))


def test_yaml_object_tags_are_refused(tmp_path):
    with pytest.raises(QuotelensError, match="not valid YAML"):
        load_config(write(tmp_path, BASE + "seed: !!python/object/apply:os.system ['true']\n"))


def test_overrides_are_typed(tmp_path):
    cfg = load_config(write(tmp_path, BASE), ["tfidf.stance_C=2.5", "data.use_context=true"])
    assert cfg.tfidf.stance_C == 2.5 and cfg.data.use_context is True
    assert cfg.flat()["tfidf.stance_C"] == 2.5


def test_sweep_points_are_validated_combinations(tmp_path):
    cfg = load_config(
        write(
            tmp_path, BASE + "sweep:\n  tfidf.stance_C: [1, 2]\n  data.use_context: [false, true]\n"
        )
    )
    points = sweep_points(cfg)
    assert len(points) == 4
    assert {(p.tfidf.stance_C, p.data.use_context) for p in points} == {
        (1, False),
        (1, True),
        (2, False),
        (2, True),
    }


def test_every_shipped_config_validates():
    from tests.conftest import ROOT

    for path in sorted((ROOT / "configs").glob("*.yaml")):
        load_config(path)


def test_run_params_hold_only_the_trained_family_and_the_input(tmp_path):
    cfg = load_config(write(tmp_path, BASE + "data:\n  input: cue_text\n"))
    flat = cfg.flat()
    assert flat["data.input"] == "cue_text" and "tfidf.stance_C" in flat
    assert not [k for k in flat if k.startswith(("hybrid.", "embed.", "finetune."))]
    assert cfg.model_params()["input"] == "cue_text" and cfg.data.final_split == "all"


def test_legacy_use_context_reads_as_a_context_input(tmp_path):
    cfg = load_config(write(tmp_path, BASE + "data:\n  input: cue_text\n  use_context: true\n"))
    assert cfg.data.input == "cue_text_context"


def test_device_input_reaches_composed_families_and_is_refused_elsewhere(tmp_path):
    cfg = load_config(
        write(tmp_path, BASE + "data:\n  input: cue_text_context\n  devices_input: cue_text\n")
    )
    assert cfg.model_params()["devices_input"] == "cue_text"
    assert cfg.flat()["data.devices_input"] == "cue_text"
    assert load_config(write(tmp_path, BASE)).model_params()["devices_input"] is None
    stack = "name: s\nfamily: stack\ndata:\n  devices_input: cue_text\n"
    with pytest.raises(QuotelensError, match="data.devices_input"):
        load_config(write(tmp_path, stack)).model_params()
