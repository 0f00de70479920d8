"""Training seconds and statement throughput per family; ONNX vs PyTorch; length-sorted batching."""

from __future__ import annotations

import time
from pathlib import Path

import numpy as np
from sklearn.metrics import f1_score

from bench.common import median_seconds, statements_mix
from infer.model.classifiers import build_classifier
from infer.model.classifiers.finetune import FinetunedClassifier
from train.corpus import load_corpus, to_xy
from train.packaging import save_local
from train.splits import make_splits

BATCHES = (16, 32, 64, 128)


def _throughput(model, X, batch_attr: str | None, reps: int) -> tuple[int | str, float, dict]:
    per_batch = {}
    for b in BATCHES if batch_attr else ("all",):
        if batch_attr:
            setattr(model, batch_attr, b)
        secs = median_seconds(lambda: model.predict_all(X), reps=reps)
        per_batch[str(b)] = len(X) / secs
    best = max(per_batch, key=per_batch.get)
    if batch_attr:
        setattr(model, batch_attr, int(best))
    return best, per_batch[best], per_batch


def run(work: Path, quick: bool = False) -> dict:
    ds = load_corpus(["data/statements"])
    parts = make_splits(ds, "heldout_conflict")
    (Xtr, ytr, Ytr), (Xd, yd, Yd), (Xt, yt, Yt) = (
        to_xy(parts[k]) for k in ("train", "dev", "test")
    )
    reps = 1 if quick else 3
    mix = statements_mix(300 if quick else 1000)
    import pandas as pd

    X_mix = pd.DataFrame({"text": mix})
    families: dict[str, dict] = {}
    fitted = {}
    epochs = 1 if quick else 2
    for name, model, batch_attr in (
        ("tfidf_linear", build_classifier("tfidf_linear", {}), None),
        ("embed_head", build_classifier("embed_head", {}), "batch_size"),
        ("finetune", FinetunedClassifier(epochs=epochs), "predict_batch_size"),
    ):
        t0 = time.perf_counter()
        model.fit(Xtr, ytr, Ytr, eval_set=(Xd, yd, Yd))  # calibration is fitted inside
        train_s = time.perf_counter() - t0
        best, sps, per_batch = _throughput(model, X_mix, batch_attr, reps)
        families[name] = {
            "train_seconds": train_s,
            "best_batch": best,
            "statements_per_second": sps,
            "per_batch": per_batch,
            "train_statements": len(ytr),
        }
        if name == "finetune":
            families[name]["train_note"] = f" ({epochs} epochs; {train_s / epochs:.0f} s/epoch)"
        fitted[name] = model
    ft = fitted["finetune"]
    folder = save_local(ft, work / "finetune_model", "finetune", onnx=True, quantize=True)
    save_local(fitted["tfidf_linear"], work / "tfidf_model", "tfidf_linear")
    classifier_dir = folder / "artifacts" / "classifier"
    torch_model = FinetunedClassifier.load(classifier_dir, backend="torch")
    onnx_model = FinetunedClassifier.load(classifier_dir, backend="torch")
    batch = int(families["finetune"]["best_batch"])
    torch_model.predict_batch_size = onnx_model.predict_batch_size = batch

    def quality(model) -> tuple[float, float]:
        p, d = model.predict_all(Xt)
        return (
            f1_score(yt, p.argmax(1), average="macro"),
            f1_score(Yt, d >= model.thresholds_, average="micro", zero_division=0),
        )

    t_torch = median_seconds(lambda: torch_model.predict_all(X_mix), reps=reps)
    ts, td = quality(torch_model)
    onnx = {
        "batch": batch,
        "torch_sps": len(X_mix) / t_torch,
        "torch_stance_f1": ts,
        "torch_device_f1": td,
        "variants": {},
    }
    for variant, file in (("fp32", "model.onnx"), ("int8", "model.int8.onnx")):
        onnx_model.use_onnx(classifier_dir / file)
        t_onnx = median_seconds(lambda: onnx_model.predict_all(X_mix), reps=reps)
        os_, od = quality(onnx_model)
        onnx["variants"][variant] = {
            "sps": len(X_mix) / t_onnx,
            "ratio": t_torch / t_onnx,
            "stance_f1": os_,
            "device_f1": od,
            "within_0.01": abs(os_ - ts) <= 0.01 and abs(od - td) <= 0.01,
        }
    torch_model.length_sorted = False
    t_unsorted = median_seconds(lambda: torch_model.predict_all(X_mix), reps=reps)
    torch_model.length_sorted = True
    t_sorted = median_seconds(lambda: torch_model.predict_all(X_mix), reps=reps)
    sorting = {
        "statements": len(X_mix),
        "batch": batch,
        "sorted_sps": len(X_mix) / t_sorted,
        "unsorted_sps": len(X_mix) / t_unsorted,
        "ratio": t_unsorted / t_sorted,
    }
    return {
        "families": families,
        "onnx": onnx,
        "sorting": sorting,
        "models": {"tfidf_linear": str(work / "tfidf_model"), "finetune": str(folder)},
        "sanity": {
            "test_statements": int(len(yt)),
            "onnx_same_stance": float(np.mean(torch_model.predict(Xt) == onnx_model.predict(Xt))),
        },
    }
