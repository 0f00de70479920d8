import numpy as np
import pytest
from sklearn.base import clone

from infer.model.classifiers.finetune import FinetunedClassifier
from infer.model.classifiers.tfidf import TfidfLinearClassifier
from infer.model.predictor import load_classifier, score_frame
from train.corpus import load_corpus, to_xy


@pytest.fixture(scope="module")
def data(small_corpus):
    return to_xy(load_corpus([small_corpus]))


def test_tfidf_follows_sklearn_conventions_and_round_trips(data, tmp_path):
    X, y, Y = data
    model = TfidfLinearClassifier(char_ngrams=4).fit(X, y, Y).calibrate(X, y, Y)
    assert clone(model).get_params() == model.get_params()
    assert list(model.stance_pipeline_.named_steps) == ["features", "clf"]
    proba = model.predict_proba(X)
    assert proba.shape == (len(y), 4) and np.allclose(proba.sum(1), 1)
    assert (model.predict(X) == model.classes_[proba.argmax(1)]).all()
    model.save(tmp_path)
    assert not list(tmp_path.glob("*.pkl"))
    loaded = load_classifier(tmp_path)
    assert np.allclose(loaded.predict_proba(X), proba)
    assert np.array_equal(loaded.predict_devices(X), model.predict_devices(X))


def test_score_frame_matches_labels_contract(data, tmp_path):
    X, y, Y = data
    model = TfidfLinearClassifier(char_ngrams=3).fit(X, y, Y)
    out = score_frame(model, X.head(5))
    assert list(out.columns) == [
        "stance",
        "stance_scores",
        "devices",
        "device_scores",
        "schema_version",
    ]
    row = out.iloc[0]
    assert set(row["stance_scores"]) == {"denial", "escalatory", "restraining", "neutral"}
    assert len(row["device_scores"]) == 13
    assert row["stance"] == max(row["stance_scores"], key=row["stance_scores"].get)


@pytest.mark.slow
def test_finetune_one_epoch_saves_safetensors_and_onnx_agrees(data, tmp_path):
    from infer.model.onnx_export import export_onnx

    X, y, Y = data
    X, y, Y = X.head(48), y[:48], Y[:48]
    model = FinetunedClassifier(epochs=1, batch_size=16).fit(X, y, Y, eval_set=(X, y, Y))
    model.calibrate(X, y, Y)
    model.save(tmp_path)
    export_onnx(model, tmp_path)
    assert (tmp_path / "model.safetensors").exists() and (tmp_path / "model.onnx").exists()
    torch_model = FinetunedClassifier.load(tmp_path, backend="torch")
    onnx_model = FinetunedClassifier.load(tmp_path, backend="onnx")
    assert np.allclose(torch_model.predict_proba(X), model.predict_proba(X), atol=1e-4)
    assert np.allclose(onnx_model.predict_proba(X), torch_model.predict_proba(X), atol=1e-3)


def test_hybrid_and_embed_round_trip_without_pickle(data, tmp_path):
    from infer.model.classifiers.embed import EmbedHeadClassifier
    from infer.model.classifiers.hybrid import HybridClassifier

    X, y, Y = data
    X, y, Y = X.head(120), y[:120], Y[:120]
    for cls in (HybridClassifier, EmbedHeadClassifier):
        model = cls().fit(X, y, Y).calibrate(X, y, Y)
        folder = tmp_path / cls.family
        model.save(folder)
        assert {f.suffix for f in folder.iterdir()} <= {".skops", ".json"}
        loaded = load_classifier(folder)
        assert np.allclose(loaded.predict_proba(X), model.predict_proba(X), atol=1e-6)
