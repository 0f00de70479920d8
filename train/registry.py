"""The model registry side: promote a run's model to ``champion`` and print a run leaderboard."""

from __future__ import annotations

from infer.errors import QuotelensError

MAIN_METRICS = (
    "test_heldout/stance_macro_f1",
    "test_heldout/devices_micro_f1",
    "test_heldout/devices_macro_f1",
    "test_random/stance_macro_f1",
    "test_articles/stance_accuracy",
    "test_articles/stance_macro_f1",
    "test_articles/prior_natural/stance_accuracy",
    "test_articles/prior_adapt/stance_accuracy",
    "test_articles_e2e/prior_train/stance_accuracy",
    "test_articles_e2e/prior_train/stance_macro_f1",
    "test_articles_e2e/prior_natural/stance_accuracy",
    "test_articles_e2e/prior_natural/stance_macro_f1",
    "train_seconds",
)
CHAMPION = "champion"


def _client(experiment: str):
    import mlflow

    from infer.batch.tracking import setup

    setup(None, experiment)
    return mlflow.MlflowClient(), mlflow.get_experiment_by_name(experiment)


def promote(
    run_id: str | None,
    best: str | None,
    experiment: str = "quotelens",
    model_name: str = "quotelens",
    latest: bool = False,
) -> int:
    """Alias ``champion`` -> the registered version logged by ``run_id``, by the best run on a
    metric, or by the latest training run."""
    client, exp = _client(experiment)
    if exp is None:
        raise QuotelensError(f"no experiment '{experiment}' in the tracking store yet; train first")
    if latest:
        runs = client.search_runs(
            [exp.experiment_id],
            filter_string="tags.job = 'train' and attributes.status = 'FINISHED'",
            order_by=["attributes.start_time DESC"],
            max_results=1,
        )
        if not runs:
            raise QuotelensError(f"no finished training run in '{experiment}'")
        run_id = runs[0].info.run_id
    elif best:
        runs = client.search_runs(
            [exp.experiment_id],
            filter_string="tags.job = 'train'",
            order_by=[f"metrics.`{best}` DESC"],
            max_results=50,
        )
        runs = [r for r in runs if best in r.data.metrics]
        if not runs:
            raise QuotelensError(f"no training run in '{experiment}' has metric '{best}'")
        run_id = runs[0].info.run_id
    if not run_id:
        raise QuotelensError("give a RUN_ID or --best METRIC")
    versions = client.search_model_versions(f"name = '{model_name}' and run_id = '{run_id}'")
    if not versions:
        raise QuotelensError(f"run {run_id} has no registered '{model_name}' model version")
    version = max(versions, key=lambda v: int(v.version))
    client.set_registered_model_alias(model_name, CHAMPION, version.version)
    print(f"models:/{model_name}@{CHAMPION} -> version {version.version} (run {run_id})")
    return 0


def leaderboard(
    experiment: str = "quotelens",
    sort: str = MAIN_METRICS[0],
    limit: int = 20,
    markdown: bool = False,
    best_per_family: bool = False,
    update: str | None = None,
    data: str | None = None,
) -> int:
    """Print training runs sorted by ``sort`` (any logged metric), best first; ``data`` keeps
    the runs of one data fingerprint (``latest``: the newest run's), so rows are comparable."""
    client, exp = _client(experiment)
    if exp is None:
        raise QuotelensError(f"no experiment '{experiment}' in the tracking store yet; train first")
    runs = client.search_runs(
        [exp.experiment_id], filter_string="tags.job = 'train'", max_results=1000
    )
    runs = [r for r in runs if r.info.status == "FINISHED"]  # not killed, failed or running
    if data:
        if data == "latest" and runs:
            data = max(runs, key=lambda r: r.info.start_time).data.tags.get("data_fingerprint")
        runs = [r for r in runs if r.data.tags.get("data_fingerprint") == data]
    if not any(sort in r.data.metrics for r in runs) and runs:
        raise QuotelensError(f"no run has metric '{sort}' (e.g. {MAIN_METRICS[0]})")
    runs = sorted(runs, key=lambda r: r.data.metrics.get(sort, float("-inf")), reverse=True)
    if best_per_family:
        seen: set[tuple[str, str]] = set()
        runs = [
            r
            for r in runs
            if (key := (r.data.tags.get("family", ""), _input(r))) not in seen and not seen.add(key)
        ]
    runs = runs[:limit]
    cols = ["run", "name", "family", "input"] + [
        m.replace("test_", "").replace("prior_", "") for m in MAIN_METRICS
    ]
    sep = " | "
    lines = []
    if markdown or update:
        lines += ["| " + sep.join(cols) + " |", "|" + "---|" * len(cols)]
    else:
        lines += [f"sorted by {sort}", sep.join(cols)]
    for r in runs:
        m = r.data.metrics
        vals = [
            f"{m[k]:.3f}" if k in m and k != "train_seconds" else f"{m[k]:.0f}" if k in m else "-"
            for k in MAIN_METRICS
        ]
        row = [
            r.info.run_id[:8],
            r.info.run_name or "",
            r.data.tags.get("family", ""),
            _input(r),
            *vals,
        ]
        lines.append(("| " + sep.join(row) + " |") if markdown or update else sep.join(row))
    print("\n".join(lines))
    if update:
        from train.markdown import replace_block

        note = (
            f"\n\nSorted by `{sort}`; `heldout` = conflicts never seen in training, `random` = "
            "stratified random split, `articles` = the article test split (whole real-structure "
            "articles of held-out theatres, gold spans; `articles_e2e` = the same articles end to end, "
            "extracted statements paired with gold at overlap 0.3; `natural`/`adapt` = under that "
            "stance prior); "
            "train_seconds covers every fit of the run. Generated by "
            f"`python -m train runs --best-per-family{' --data ' + data if data else ''} "
            "--update README.md`" + (f" (data fingerprint `{data}`)." if data else ".")
        )
        replace_block(update, "results", "\n".join(lines) + note)
    return 0


def _input(run) -> str:
    """The run's ``data.input`` (runs before it existed: text, or text_context with context),
    and the device head's own input when it had one."""
    tags = run.data.tags
    if "input" not in tags:
        return "text_context" if tags.get("use_context") == "True" else "text"
    devices = tags.get("devices_input")
    return f"{tags['input']} (devices: {devices})" if devices else tags["input"]
