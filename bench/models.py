"""Training seconds and statement throughput per family; ONNX vs PyTorch; length-sorted batching."""

from __future__ import annotations

import inspect
import time
from pathlib import Path

import numpy as np
from sklearn.metrics import f1_score

from bench.common import load_average, median_seconds, statements_mix
from infer.model.classifiers import build_classifier
from infer.model.classifiers.blocks import clear_embedding_cache
from infer.model.classifiers.finetune import FinetunedClassifier
from infer.model.onnx_export import feed_forward_matmuls
from train.corpus import load_corpus, to_xy
from train.markdown import table
from train.packaging import save_local
from train.splits import make_splits

BATCHES = (16, 32, 64, 128)
HEADING = "## Training and scoring per family"


def int8_quantization(path: Path) -> dict:
    """How the int8 export was quantized, read from the file itself: which MatMuls became integer
    MatMuls, the weights' type and whether their scales are per output channel."""
    import onnx

    graph = onnx.load(str(path)).graph
    init = {t.name: t for t in graph.initializer}
    quantized = [n for n in graph.node if n.op_type == "MatMulInteger"]
    weights = [init[n.input[1]] for n in quantized if n.input[1] in init]
    zero_points = [init[n.input[3]] for n in quantized if len(n.input) > 3 and n.input[3] in init]
    return {
        "matmuls_quantized": len(quantized),
        "matmuls": len(quantized) + sum(n.op_type == "MatMul" for n in graph.node),
        "weight_type": sorted({onnx.TensorProto.DataType.Name(w.data_type) for w in weights}),
        "per_channel": bool(zero_points) and all(int(np.prod(z.dims)) > 1 for z in zero_points),
        "selection": inspect.getdoc(feed_forward_matmuls),
    }


def _predict_uncached(model, X):
    """``predict_all`` with the embedding cache emptied first: the repeated timing runs would
    otherwise measure a dictionary lookup instead of the encoder."""
    clear_embedding_cache()
    return model.predict_all(X)


def _throughput(model, X, batch_attr: str | None, reps: int) -> tuple[int | str, float, dict]:
    per_batch = {}
    for b in BATCHES if batch_attr else ("all",):
        if batch_attr:
            setattr(model, batch_attr, b)
        secs = median_seconds(lambda: _predict_uncached(model, X), reps=reps)
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
    load_before = load_average()
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
        "int8_quantization": int8_quantization(classifier_dir / "model.int8.onnx"),
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
        "load_before": load_before,
        "load_after": load_average(),
        "reps": reps,
        "sanity": {
            "test_statements": int(len(yt)),
            "onnx_same_stance": float(np.mean(torch_model.predict(Xt) == onnx_model.predict(Xt))),
        },
    }


def section(m: dict) -> str:
    """The ``## Training and scoring per family`` section: families, ONNX table, sorted batches."""
    families = [
        (
            fam,
            f"{f['train_seconds']:.1f}{f.get('train_note', '')}",
            f["best_batch"],
            f"{f['statements_per_second']:.0f}",
        )
        for fam, f in m["families"].items()
    ]
    header = ("family", "training seconds", "best batch", "statements/s")
    lines = [HEADING, "", table(header, families)]
    onnx, srt = m["onnx"], m["sorting"]
    lines += [
        "",
        f"ONNX Runtime against PyTorch fp32 on the same statements, batch {onnx['batch']} (PyTorch: "
        f"{onnx['torch_sps']:.0f} statements/s, stance macro-F1 {onnx['torch_stance_f1']:.3f}, device "
        f"micro-F1 {onnx['torch_device_f1']:.3f} on the held-out-conflict test split):",
        "",
        table(
            (
                "backend", "statements/s", "speed-up (target ≥ 1.25×)", "stance macro-F1",
                "device micro-F1", "both within 0.01",
            ),
            [
                (
                    f"ONNX {name}",
                    f"{v['sps']:.0f}",
                    f"**{v['ratio']:.2f}×**",
                    f"{v['stance_f1']:.3f}",
                    f"{v['device_f1']:.3f}",
                    "yes" if v["within_0.01"] else "no",
                )
                for name, v in onnx["variants"].items()
            ],
        ),
    ]  # fmt: skip
    lines += ["", _int8_sentence(onnx.get("int8_quantization"))]
    lines += [
        "",
        f"Length-sorted batches vs input order ({srt['statements']} statements, batch "
        f"{srt['batch']}): {srt['sorted_sps']:.0f} vs {srt['unsorted_sps']:.0f} statements/s, "
        f"**{srt['ratio']:.2f}×** (target ≥ 1.3×).",
    ]
    if "load_before" in m:
        lines += [
            "",
            f"Medians of {m.get('reps', 3)} runs; load average (1, 5, 15 min) {m['load_before']} "
            f"before and {m['load_after']} after, on the shared 2-core machine.",
        ]
    return "\n".join([*lines, ""])


def _int8_sentence(q: dict | None) -> str:
    """How the int8 export was quantized, in words, from what ``int8_quantization`` read."""
    if not q:
        return "int8: dynamic quantization (which MatMuls were quantized was not recorded)."
    scales = "per output channel" if q["per_channel"] else "per tensor"
    return (
        f"int8: ONNX Runtime dynamic quantization of {q['matmuls_quantized']} of the "
        f"{q['matmuls']} MatMuls, {'/'.join(q['weight_type'])} weights with scales {scales}, "
        "activations quantized at run time; the rest stay fp32. The quantized ones are those "
        f"`infer.model.onnx_export.feed_forward_matmuls` picks: “{q['selection']}”"
    )
