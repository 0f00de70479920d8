"""The model registry side: promote a run's model to ``champion`` and print a run leaderboard."""

from __future__ import annotations

from infer.errors import QuotelensError

MAIN_METRICS = (
    "test_heldout/stance_macro_f1",
    "test_heldout/devices_micro_f1",
    "test_random/stance_macro_f1",
    "test_random/devices_micro_f1",
    "train_seconds",
)
CHAMPION = "champion"


def _client(experiment: str):
    import mlflow

    from infer.tracking import setup

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
) -> int:
    """Print training runs sorted by ``sort`` (any logged metric), best first."""
    client, exp = _client(experiment)
    if exp is None:
        raise QuotelensError(f"no experiment '{experiment}' in the tracking store yet; train first")
    runs = client.search_runs(
        [exp.experiment_id], filter_string="tags.job = 'train'", max_results=1000
    )
    if not any(sort in r.data.metrics for r in runs) and runs:
        raise QuotelensError(f"no run has metric '{sort}' (e.g. {MAIN_METRICS[0]})")
    runs = sorted(runs, key=lambda r: r.data.metrics.get(sort, float("-inf")), reverse=True)
    if best_per_family:
        seen: set[tuple[str, str]] = set()
        runs = [
            r
            for r in runs
            if (key := (r.data.tags.get("family", ""), r.data.tags.get("use_context", "")))
            not in seen
            and not seen.add(key)
        ]
    runs = runs[:limit]
    cols = ["run", "name", "family", "context"] + [m.replace("test_", "") for m in MAIN_METRICS]
    sep = " | "
    if markdown:
        print("| " + sep.join(cols) + " |")
        print("|" + "---|" * len(cols))
    else:
        print(f"sorted by {sort}")
        print(sep.join(cols))
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
            r.data.tags.get("use_context", ""),
            *vals,
        ]
        print(("| " + sep.join(row) + " |") if markdown else sep.join(row))
    return 0
