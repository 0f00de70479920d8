import numpy as np
import pytest

from infer.model.classifiers import build_classifier
from infer.model.classifiers.stack import WEIGHTS, StackedClassifier, blend, stack_logits
from infer.model.predictor import load_classifier
from train.corpus import load_corpus, to_xy


def test_blend_weights_the_finetuned_member_and_gives_log_probabilities():
    parts = {
        "finetune": (np.array([[0.8, 0.2]]), np.array([[0.9, 0.1]])),
        "tfidf": (np.array([[0.2, 0.8]]), np.array([[0.1, 0.5]])),
    }
    stance, devices = blend(parts, 0.25)
    assert np.allclose(stance, [[0.35, 0.65]]) and np.allclose(devices, [[0.3, 0.4]])
    logits, _ = stack_logits(np.array([[1.0, 0.0]]), devices)
    assert logits[0, 0] == 0.0 and np.isfinite(logits[0, 1])


def test_stack_needs_a_dev_part():
    with pytest.raises(ValueError, match="eval_set"):
        StackedClassifier().fit(["a b c d"], [0], [[0] * 13])


@pytest.fixture(scope="module")
def fitted(small_corpus):
    dataset = load_corpus([small_corpus])
    X, y, Y = to_xy(dataset)
    X["cue"] = dataset["cue"]
    X, y, Y = X.head(48), y[:48], Y[:48]
    model = build_classifier(
        "stack", {"finetune": {"epochs": 1, "batch_size": 16}, "input": "cue_text_context"}
    )
    return model.fit(X, y, Y, eval_set=(X, y, Y)), X


@pytest.mark.slow
def test_stack_fits_both_members_chooses_a_weight_and_round_trips(fitted, tmp_path):
    model, X = fitted
    assert model.weight_ in WEIGHTS and len(model.weight_scores_) == len(WEIGHTS)
    assert model.finetune_.input == "cue_text" and model.tfidf_.input == "cue_text_context"
    proba = model.predict_proba(X)
    assert proba.shape == (48, 4) and np.allclose(proba.sum(1), 1)
    model.save(tmp_path)
    assert (tmp_path / "finetune" / "model.safetensors").exists()
    assert {f.suffix for f in (tmp_path / "tfidf").iterdir()} <= {".skops", ".json"}
    loaded = load_classifier(tmp_path, backend="torch")
    assert type(loaded) is StackedClassifier and loaded.weight_ == model.weight_
    assert np.allclose(loaded.predict_proba(X), proba, atol=1e-4)
    assert np.array_equal(loaded.predict_devices(X), model.predict_devices(X))


@pytest.mark.slow
def test_stack_packages_as_a_pyfunc_with_the_member_onnx_export(fitted, tmp_path):
    import mlflow

    from train.packaging import save_local

    model, X = fitted
    folder = save_local(model, tmp_path / "model", "stack", onnx=True, quantize=True)
    member = folder / "artifacts" / "classifier" / "finetune"
    assert (member / "model.onnx").exists() and (member / "model.int8.onnx").exists()
    out = mlflow.pyfunc.load_model(str(folder)).predict(X.head(8))
    assert len(out) == 8 and set(out["stance"]) <= {
        "escalatory",
        "restraining",
        "denial",
        "neutral",
    }
