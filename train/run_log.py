"""What a training run logs to MLflow beside its metrics (evaluation artifacts, datasets, the
model), and the summary it prints at the end."""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

from infer.model.labels import STANCES
from train.config import TrainConfig
from train.metrics import reports, stance_confusion
from train.splits import SPLIT_PREFIX


def log_artifacts(
    mlflow, config: TrainConfig, results: dict, metrics: dict, fp: str, trained_on: str
) -> None:
    from train import artifacts

    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        for split, res in results.items():
            short = SPLIT_PREFIX[split]
            Xt, yt, test_p, Yt, Yp = res["test"]
            artifacts.confusion_png(
                stance_confusion(yt, test_p),
                tmp / f"confusion_{short}.png",
                f"stance, test ({short})",
            )
            artifacts.device_f1_png(
                metrics,
                f"test_{short}",
                tmp / f"device_f1_{short}.png",
                f"device F1, test ({short})",
            )
            (tmp / f"classification_report_{short}.txt").write_text(
                reports(yt, test_p, Yt, Yp), "utf-8"
            )
            test = res["parts"]["test"]
            wrong = artifacts.misclassified(Xt, yt, test_p, Yt, Yp, test["id"], test["conflict"])
            wrong.to_csv(tmp / f"misclassified_{short}.csv", index=False)
        card = artifacts.model_card(config, metrics, fp, trained_on)
        (tmp / "MODEL_CARD.md").write_text(card, "utf-8")
        mlflow.log_artifacts(str(tmp), artifact_path="evaluation")


def log_model(mlflow, config: TrainConfig, model):
    """Save the classifier (skops/safetensors), export ONNX if asked, log as pyfunc from code."""
    from train.packaging import pyfunc_spec

    name = config.tracking.registered_model if config.tracking.register_model else None
    onnx, quantize = config.finetune.export_onnx, config.finetune.quantize_onnx
    with pyfunc_spec(model, config.family, onnx, quantize) as spec:
        return mlflow.pyfunc.log_model(name="model", registered_model_name=name, **spec)


def log_inputs(mlflow, parts, short: str) -> None:
    for name, context in (("train", "training"), ("dev", "validation"), ("test", "evaluation")):
        if name not in parts:
            continue
        frame = parts[name].to_pandas()
        frame["stance"] = [STANCES[i] for i in frame["stance"]]
        frame["devices"] = frame["devices"].map(lambda d: ",".join(map(str, d)))
        ds = mlflow.data.from_pandas(frame, name=f"statements-{short}-{name}", targets="stance")
        _log_input_tolerating_race(mlflow, ds, context)


def _log_input_tolerating_race(mlflow, dataset, context: str, attempts: int = 5) -> None:
    """Log one dataset; retry when a concurrent run inserted the same dataset first.

    The tracking server checks for an existing (experiment, name, digest) and then inserts, so two
    trainings logging the same data at once can both miss the check; on retry the row exists and is
    reused."""
    for attempt in range(attempts):
        try:
            mlflow.log_input(dataset, context=context)
            return
        except mlflow.exceptions.MlflowException as err:
            duplicate = "already exists" in str(err) or "UniqueViolation" in str(err)
            if not duplicate or attempt == attempts - 1:
                raise
            time.sleep(0.2 * (attempt + 1))


def print_summary(config: TrainConfig, metrics: dict, run_id: str) -> None:
    keys = (
        "test_heldout/stance_macro_f1",
        "test_heldout/devices_micro_f1",
        "test_random/stance_macro_f1",
        "test_random/devices_micro_f1",
    )
    shown = "  ".join(f"{k}={metrics[k]:.3f}" for k in keys if k in metrics)
    print(f"run {run_id} ({config.name}): {shown}  train_seconds={metrics['train_seconds']:.1f}")
    for scope, what in (("test_articles", "gold spans"), ("test_articles_e2e", "end to end")):
        for mode in ("train", "natural", "adapt"):
            key = f"{scope}/prior_{mode}"
            if f"{key}/stance_accuracy" in metrics:
                print(
                    f"  article test split ({what}), --stance-prior {mode}: stance accuracy "
                    f"{metrics[f'{key}/stance_accuracy']:.3f}, "
                    f"macro-F1 {metrics[f'{key}/stance_macro_f1']:.3f}"
                )
    for split in SPLIT_PREFIX.values():
        for member in ("finetune", "tfidf"):
            key = f"test_{split}/member_{member}"
            if f"{key}/stance_macro_f1" in metrics:
                print(
                    f"  {split} test, {member} member alone: stance macro-F1 "
                    f"{metrics[f'{key}/stance_macro_f1']:.3f}, devices micro-F1 "
                    f"{metrics[f'{key}/devices_micro_f1']:.3f}"
                )
    if "test_articles_e2e/matched" in metrics:
        print(
            f"  end to end: {metrics['test_articles_e2e/matched']:.0f} of "
            f"{metrics['test_articles_e2e/gold']:.0f} gold statements found "
            f"({metrics['test_articles_e2e/extracted']:.0f} extracted)"
        )
