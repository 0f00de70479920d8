"""Train one config (or a sweep) and track it in MLflow.

    python -m train fit configs/tfidf_linear.yaml
    python -m train fit configs/finetune.yaml --set finetune.epochs=3 --set data.use_context=true
    python -m train fit configs/sweep_tfidf.yaml      # parent run + one nested run per point

Each run fits the family on each split (held-out conflicts; stratified random; the article test
split when labelled articles are loaded), with calibration fitted inside the estimator (dev or
cross-validated), logs metrics as ``dev_<split>/…`` and ``test_<split>/…`` (the article split
also under each stance prior), and logs + registers the model of ``data.final_split``: by default
one refitted on every labelled statement (``all``), as an MLflow pyfunc whose code is ``infer.model``.
"""

from __future__ import annotations

import subprocess
import time

import numpy as np

from infer.errors import QuotelensError
from infer.model.classifiers import TRANSFORMER_FAMILIES, build_classifier
from infer.model.labels import SCHEMA_VERSION, STANCES
from train.config import TrainConfig, load_config, sweep_points
from train.corpus import fingerprint, load_corpus, to_xy
from train.eval_e2e import end_to_end
from train.metrics import member_metrics, prior_metrics, stance_device_metrics
from train.probes import load_probes, score_probes
from train.run_log import log_artifacts, log_inputs, log_model, print_summary
from train.run_note import run_note
from train.splits import ARTICLE_TEST_THEATRES, SPLIT_PREFIX, make_splits


def evaluated_splits(dataset, config: TrainConfig | None = None) -> tuple[str, ...]:
    """Held-out conflicts and random; the article test split when its articles are loaded;
    only those of them in ``data.splits`` when the config names some."""
    has_articles = any(
        o == "article" and c in ARTICLE_TEST_THEATRES
        for o, c in zip(dataset["origin"], dataset["conflict"], strict=True)
    )
    splits = ("heldout_conflict", "random") + (("articles",) if has_articles else ())
    chosen = config.data.splits if config is not None else None
    if chosen is None:
        return splits
    final = config.data.final_split
    if final != "all" and final not in chosen:
        raise QuotelensError(
            f"data.final_split {final} is not among data.splits {chosen}; add it or use 'all'"
        )
    return tuple(s for s in splits if s in chosen)


def git_commit() -> str:
    try:
        out = subprocess.run(
            ["git", "rev-parse", "HEAD"], capture_output=True, text=True, timeout=5
        )
        return out.stdout.strip() or "unknown"
    except (OSError, subprocess.SubprocessError):
        return "unknown"


def check_trainable(dataset, parts) -> None:
    """Refuse before any work: empty splits or a stance class missing from train."""
    for name, part in parts.items():
        if len(part) == 0:
            raise QuotelensError(
                f"the {name} split is empty; add statements or lower data.test_size"
            )
    present = set(parts["train"]["stance"])
    missing = [STANCES[i] for i in range(len(STANCES)) if i not in present]
    if missing:
        raise QuotelensError(
            f"stance class(es) {', '.join(missing)} absent from the train split; label some"
        )


def trainable_splits(config: TrainConfig, dataset, split: str):
    """The train/dev/test parts of one split, refused in one line when they cannot be trained on."""
    try:
        parts = make_splits(
            dataset,
            split,
            seed=config.seed,
            test_size=config.data.test_size,
            dev_size=config.data.dev_size,
        )
    except ValueError as err:  # sklearn: an empty part, or too few statements of a class
        first = (str(err).strip().splitlines() or ["cannot split"])[0]
        raise QuotelensError(
            f"the {split} split is empty or unstratifiable with data.test_size="
            f"{config.data.test_size} and data.dev_size={config.data.dev_size} ({first}); "
            "change them or add statements"
        ) from None
    check_trainable(dataset, parts)
    return parts


def xy(part):
    """(X with text, cue and context; stance ids; device indicators) of one split part."""
    X, y, Y = to_xy(part)
    X["cue"] = part["cue"]
    return X, y, Y


def natural_prior(part) -> list[float] | None:
    """The stance mix of the labelled real-structure articles in ``part`` (None if it has none)."""
    stances = [s for s, o in zip(part["stance"], part["origin"], strict=True) if o == "article"]
    if not stances:
        return None
    counts = [stances.count(i) for i in range(len(STANCES))]
    return [c / len(stances) for c in counts]


def fit_model(config: TrainConfig, train, dev, log_epoch=None, **overrides):
    """A fitted, calibrated estimator of the config's family on ``train`` (``dev``: held out)."""
    model = build_classifier(config.family, {**config.model_params(), **overrides})
    kwargs = {"on_epoch": log_epoch} if config.family in TRANSFORMER_FAMILIES else {}
    eval_set = xy(dev) if dev is not None else None
    model.fit(*xy(train), eval_set=eval_set, natural_prior=natural_prior(train), **kwargs)
    return model


def fit_split(config: TrainConfig, dataset, split: str, log_epoch) -> dict:
    """Fit (calibration included) and evaluate on one split; the model, metrics, test predictions."""
    parts = trainable_splits(config, dataset, split)
    (Xd, yd, Yd), (Xt, yt, Yt) = xy(parts["dev"]), xy(parts["test"])
    short = SPLIT_PREFIX[split]
    sizes = "/".join(str(len(parts[p])) for p in ("train", "dev", "test"))
    print(f"[{short}] fitting {config.family} (train/dev/test {sizes})", flush=True)
    t0 = time.perf_counter()
    model = fit_model(config, parts["train"], parts["dev"], log_epoch)
    seconds = time.perf_counter() - t0
    metrics = {f"train_seconds_{short}": seconds}
    dev_p, dev_d = model.predict_all(Xd)
    metrics |= stance_device_metrics(yd, dev_p, Yd, dev_d >= model.thresholds_, f"dev_{short}")
    t1 = time.perf_counter()
    calibrated, test_d = model.predict_calibrated(Xt)
    metrics[f"scoring_{short}/statements_per_second"] = len(Xt) / (time.perf_counter() - t1)
    test_p = calibrated
    Yp = test_d >= model.thresholds_
    metrics |= stance_device_metrics(yt, test_p, Yt, Yp, f"test_{short}")
    metrics |= member_metrics(model, Xt, yt, Yt, f"test_{short}")
    print(
        f"[{short}] fitted in {seconds:.0f} s: test stance macro-F1 "
        f"{metrics[f'test_{short}/stance_macro_f1']:.3f}, "
        f"devices micro-F1 {metrics[f'test_{short}/devices_micro_f1']:.3f}",
        flush=True,
    )
    if split == "articles":
        metrics |= prior_metrics(model, calibrated, yt, f"test_{short}")
        metrics |= end_to_end(config.data.paths, model)
    return {"model": model, "metrics": metrics, "parts": parts, "test": (Xt, yt, test_p, Yt, Yp)}


def fit_final(config: TrainConfig, dataset, log_epoch) -> tuple[object, int, str]:
    """(model, statements it trained on, how) for ``final_split: all``."""
    if config.family not in TRANSFORMER_FAMILIES:
        model = fit_model(config, dataset, None, calibration="cv")
        how = (
            f"every labelled statement ({len(dataset)}); stance scaling and device thresholds "
            f"from {config.calibration.cv_folds}-fold cross-validated predictions"
        )
        return model, len(dataset), how
    # Fine-tuning k times is too slow on CPU: one stratified slice stops it early and calibrates
    # (and, for a stack, chooses the blend).
    from sklearn.model_selection import train_test_split

    train_idx, dev_idx = train_test_split(
        np.arange(len(dataset)),
        test_size=config.data.dev_size,
        random_state=config.seed,
        stratify=np.asarray(dataset["stance"]),
    )
    train, dev = dataset.select(np.sort(train_idx)), dataset.select(np.sort(dev_idx))
    model = fit_model(config, train, dev, log_epoch)
    how = (
        f"all labelled statements but a {config.data.dev_size:.0%} stratified slice "
        f"({len(train)}); the slice stops training early and fits the calibration"
    )
    return model, len(train), how


def run_one(config: TrainConfig, dataset, nested: bool = False) -> str:
    import mlflow

    fp = fingerprint(dataset)
    with mlflow.start_run(run_name=config.name, nested=nested) as run:
        mlflow.set_tags(
            {
                "family": config.family,
                "data_fingerprint": fp,
                "schema_version": SCHEMA_VERSION,
                "git_commit": git_commit(),
                "job": "train",
                "use_context": str(config.data.use_context),
                "input": config.data.input,
                "final_split": config.data.final_split,
            }
        )
        if config.data.devices_input:
            mlflow.set_tag("devices_input", config.data.devices_input)
        mlflow.log_params({k: str(v)[:500] for k, v in config.flat().items()})
        mlflow.log_dict(config.model_dump(mode="json"), "config.json")
        results, metrics = {}, {}
        for split in evaluated_splits(dataset, config):
            short = SPLIT_PREFIX[split]

            def log_epoch(epoch: int, record: dict, short: str = short) -> None:
                mlflow.log_metrics({f"epoch_{short}/{k}": v for k, v in record.items()}, step=epoch)

            res = fit_split(config, dataset, split, log_epoch)
            results[split] = res
            metrics |= res["metrics"]
            if split == config.data.final_split:
                log_inputs(mlflow, res["parts"], short)
        if config.data.final_split == "all":
            print(f"fitting the final model on all {len(dataset)} labelled statements", flush=True)
            t0 = time.perf_counter()
            final, n, trained_on = fit_final(config, dataset, None)
            metrics["train_seconds_final"] = time.perf_counter() - t0
            log_inputs(mlflow, {"train": dataset}, "all")
            if "random" in results:  # what the final model's figures come from
                random = results["random"]["parts"]
                log_inputs(mlflow, {"dev": random["dev"], "test": random["test"]}, "random")
        else:
            res = results[config.data.final_split]
            final, n = res["model"], len(res["parts"]["train"])
            trained_on = f"{n} statements, the train part of the {config.data.final_split} split"
        probe_metrics, probes = score_probes(final, load_probes())
        metrics |= probe_metrics
        if len(probes):
            mlflow.log_text(probes.to_csv(index=False), "evaluation/probes.csv")
            wrong = ", ".join(f"{r.id} ({r.predicted})" for r in probes.itertuples() if not r.ok)
            print(
                f"contract probes: {probes['ok'].sum()}/{len(probes)} right; wrong: {wrong or '-'}"
            )
        metrics["train_seconds"] = sum(
            v for k, v in metrics.items() if k.startswith("train_seconds_")
        )
        mlflow.log_metrics(metrics)
        mlflow.log_param("final_trained_on", trained_on[:500])
        note = run_note(
            config.family, config.data.input, fp, metrics, trained_on, config.data.devices_input
        )
        mlflow.set_tag("mlflow.note.content", note)  # the run's description in the UI
        log_artifacts(mlflow, config, results, metrics, fp, trained_on)
        log_model(mlflow, config, final)
        print_summary(config, metrics, run.info.run_id)
        return run.info.run_id


def main(config_path: str, overrides: list[str]) -> int:
    import mlflow

    from infer.model.encoder import show_progress

    show_progress()  # a TF-IDF run never encodes; this imports no torch
    from infer.batch.tracking import setup

    config = load_config(config_path, overrides)
    setup(config.tracking.uri, config.tracking.experiment)
    dataset = load_corpus(config.data.paths)
    points = sweep_points(config)
    for point in points:  # refuse before any run is started: every split must be trainable
        for split in evaluated_splits(dataset, point):
            trainable_splits(point, dataset, split)
    if len(points) == 1:
        run_one(points[0], dataset)
        return 0
    with mlflow.start_run(run_name=config.name) as parent:
        mlflow.set_tags(
            {"family": config.family, "sweep": "true", "schema_version": SCHEMA_VERSION}
        )
        mlflow.log_dict(config.model_dump(mode="json"), "config.json")
        scores = []
        for point in points:
            run_one(point, dataset, nested=True)
            scores.append(point.name)
        print(f"sweep {parent.info.run_id}: {len(points)} nested runs")
    return 0
