import json

import numpy as np
import pytest
from sklearn.base import clone

from infer.model.classifiers import build_classifier
from infer.model.classifiers.base import CONTEXT_SEPARATOR, model_inputs
from infer.model.classifiers.composed import ComposedClassifier
from infer.model.classifiers.finetune import FinetunedClassifier
from infer.model.predictor import load_classifier, score_frame
from infer.model.prior import PriorChoice
from train.corpus import load_corpus, to_xy


@pytest.fixture(scope="module")
def data(small_corpus):
    dataset = load_corpus([small_corpus])
    X, y, Y = to_xy(dataset)
    X["cue"] = dataset["cue"]
    return X, y, Y


def test_inputs_put_the_cue_before_the_text_and_the_paragraph_after():
    import pandas as pd

    X = pd.DataFrame({"text": ["its forces were involved"], "cue": ["denied"], "context": ["P."]})
    assert model_inputs(X, "text") == ["its forces were involved"]
    assert model_inputs(X, "cue_text") == ["denied: its forces were involved"]
    assert model_inputs(X, "cue_text_context") == ["denied: its forces were involved || P."]
    assert model_inputs(X[["text"]], "cue_text_context") == ["its forces were involved"]


def test_tfidf_follows_sklearn_conventions_and_round_trips(data, tmp_path):
    X, y, Y = data
    model = build_classifier("tfidf_linear", {"char_ngrams": 4, "input": "cue_text"})
    model.fit(X, y, Y, eval_set=(X, y, Y), natural_prior=[0.1, 0.1, 0.2, 0.6])
    assert clone(model).get_params() == model.get_params()
    assert [name for name, _ in model.features_.transformer_list] == ["tfidf"]
    proba = model.predict_proba(X)
    assert proba.shape == (len(y), 4) and np.allclose(proba.sum(1), 1)
    assert (model.predict(X) == model.classes_[proba.argmax(1)]).all()
    model.save(tmp_path)
    assert not list(tmp_path.glob("*.pkl"))
    loaded = load_classifier(tmp_path)
    assert np.allclose(loaded.predict_proba(X), proba)
    assert np.array_equal(loaded.predict_devices(X), model.predict_devices(X))
    assert np.allclose(loaded.natural_prior_, [0.1, 0.1, 0.2, 0.6])


def test_cv_calibration_is_fitted_on_out_of_fold_predictions(data):
    X, y, Y = data
    model = ComposedClassifier(char_ngrams=3, calibration="cv", cv_folds=3).fit(X, y, Y)
    # Out-of-fold logits are less sure than in-sample ones: the fitted temperature is not 1.
    assert model.stance_calibration_.temperature_ != 1.0
    # The bias makes the mean calibrated probability the training mix (the prior EM starts from).
    assert np.allclose(model.prior_, np.bincount(y, minlength=4) / len(y))
    assert model.thresholds_.shape == (13,)


def test_score_frame_matches_labels_contract_under_every_prior(data):
    X, y, Y = data
    model = ComposedClassifier(char_ngrams=3).fit(X, y, Y, natural_prior=[0.1, 0.1, 0.2, 0.6])
    for mode in ("train", "natural", "adapt"):
        out = score_frame(model, X.head(5), PriorChoice(mode))
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


def test_old_format_sklearn_model_is_refused_in_one_line(tmp_path):
    from infer.errors import QuotelensError

    (tmp_path / "classifier.json").write_text(
        json.dumps({"family": "tfidf_linear", "schema_version": "v1", "params": {}}), "utf-8"
    )
    with pytest.raises(QuotelensError, match="format 1.*retrain"):
        load_classifier(tmp_path)


@pytest.mark.slow
def test_finetune_one_epoch_saves_safetensors_and_onnx_agrees(data, tmp_path):
    import onnx

    from infer.model.onnx_export import export_onnx

    X, y, Y = data
    X, y, Y = X.head(48), y[:48], Y[:48]
    model = FinetunedClassifier(epochs=1, batch_size=16, input="cue_text")
    model.fit(X, y, Y, eval_set=(X, y, Y))
    model.save(tmp_path)
    export_onnx(model, tmp_path)
    assert (tmp_path / "model.safetensors").exists() and (tmp_path / "model.onnx").exists()
    torch_model = FinetunedClassifier.load(tmp_path, backend="torch")
    onnx_model = FinetunedClassifier.load(tmp_path, backend="onnx")
    assert np.allclose(torch_model.predict_proba(X), model.predict_proba(X), atol=1e-4)
    assert np.allclose(onnx_model.predict_proba(X), torch_model.predict_proba(X), atol=1e-3)
    export_onnx(model, tmp_path, quantize=True)
    int8 = onnx.load(str(tmp_path / "model.int8.onnx")).graph.node
    float_matmuls = {n.name for n in int8 if n.op_type == "MatMul"}
    assert any("attention/self/query" in n for n in float_matmuls)  # attention stays float
    assert not any("/intermediate/" in n for n in float_matmuls)  # the feed-forward blocks are int8
    assert sum(n.op_type == "MatMulInteger" for n in int8) == 12  # 2 per layer, 6 layers


def test_hybrid_and_embed_are_the_same_estimator_with_other_blocks(data, tmp_path):
    X, y, Y = data
    X, y, Y = X.head(120), y[:120], Y[:120]
    for family, blocks in (("hybrid", ["tfidf", "embedding"]), ("embed_head", ["embedding"])):
        model = build_classifier(family, {"embedding_weight": 0.5})
        model.fit(X, y, Y, eval_set=(X, y, Y))
        assert type(model) is ComposedClassifier
        assert [name for name, _ in model.features_.transformer_list] == blocks
        folder = tmp_path / family
        model.save(folder)
        assert {f.suffix for f in folder.iterdir()} <= {".skops", ".json"}
        loaded = load_classifier(folder)
        assert np.allclose(loaded.predict_proba(X), model.predict_proba(X), atol=1e-6)


def test_embedding_block_can_leave_the_paragraph_out():
    from infer.model.classifiers.blocks import EmbeddingBlock

    statement, paragraph = "We will respond with force.", "The minister spoke in Baku on Monday."
    with_context = f"{statement}{CONTEXT_SEPARATOR}{paragraph}"
    alone = EmbeddingBlock(context=False).transform([with_context, statement])
    assert np.allclose(alone[0], alone[1])  # the paragraph is not read
    both = EmbeddingBlock(context=True).transform([with_context])
    assert not np.allclose(both[0], alone[0])


def test_tfidf_vocabulary_is_saved_as_two_arrays_and_rebuilt_on_load(tmp_path):
    from infer.model.classifiers.blocks import tfidf_block
    from infer.model.safe_load import skops_dump, skops_load

    texts = ["The ministry denied any role.", "He vowed to retaliate", "“We are ready,” he said."]
    block = tfidf_block().fit(texts)
    skops_dump(block, tmp_path / "features.skops")
    assert block.transformer_list[0][1].vocabulary_  # saving leaves the fitted object whole
    loaded = skops_load(tmp_path / "features.skops")
    for (_, before), (_, after) in zip(
        block.transformer_list, loaded.transformer_list, strict=True
    ):
        assert after.vocabulary_ == before.vocabulary_
        assert isinstance(after.__getstate__()["vocabulary_terms_"], np.ndarray)
    assert (loaded.transform(texts) != block.transform(texts)).nnz == 0


def test_device_head_can_read_its_own_input(data, tmp_path):
    X, y, Y = data
    X = X.assign(context="Officials met in the capital on Monday.")
    params = {"char_ngrams": 4, "input": "cue_text_context", "devices_input": "cue_text"}
    model = build_classifier("tfidf_linear", params).fit(X, y, Y, eval_set=(X, y, Y))
    same = build_classifier("tfidf_linear", params | {"devices_input": None})
    same.fit(X, y, Y, eval_set=(X, y, Y))
    # The stance head is the same model; the device head reads the statement without its paragraph.
    assert np.allclose(model.decision_function(X), same.decision_function(X))
    alone = build_classifier("tfidf_linear", params | {"input": "cue_text", "devices_input": None})
    alone.fit(X, y, Y, eval_set=(X, y, Y))
    assert np.allclose(model.predict_device_proba(X), alone.predict_device_proba(X))
    model.save(tmp_path)
    assert (tmp_path / "devices_features.skops").exists()
    loaded = load_classifier(tmp_path)
    assert loaded.devices_input == "cue_text"
    assert np.allclose(loaded.predict_device_proba(X), model.predict_device_proba(X))
    assert np.allclose(loaded.predict_proba(X), model.predict_proba(X))


def test_paragraph_can_be_read_through_blocks_of_its_own(data, tmp_path):
    X, y, Y = data
    X = X.assign(
        context=[f"Officials met on day {i}; they did not deny it." for i in range(len(X))]
    )
    params = {"char_ngrams": 3, "input": "cue_text_context", "separate_context": True}
    model = build_classifier("tfidf_linear", params).fit(X, y, Y, eval_set=(X, y, Y))
    blocks = dict(model.features_.transformer_list)
    assert list(blocks) == ["statement_tfidf", "context_tfidf"]
    assert model.features_.transformer_weights == {"context_tfidf": 0.5}
    # The statement's block never sees the paragraph, and the paragraph's never the statement.
    one, other = ["denied: x || a quiet day"], ["denied: x || not denied at all"]
    assert (
        blocks["statement_tfidf"].transform(one) != blocks["statement_tfidf"].transform(other)
    ).nnz == 0
    assert (
        blocks["context_tfidf"].transform(["a: b || same"])
        != blocks["context_tfidf"].transform(["denied: x || same"])
    ).nnz == 0
    model.save(tmp_path)
    loaded = load_classifier(tmp_path)
    assert np.allclose(loaded.predict_proba(X), model.predict_proba(X))
    # Statements without any paragraph still fit (the paragraph blocks read a placeholder word).
    bare = build_classifier("tfidf_linear", params).fit(X.assign(context=""), y, Y)
    assert bare.predict_proba(X.assign(context="")).shape == (len(y), 4)
