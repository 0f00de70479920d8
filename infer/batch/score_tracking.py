"""Log a scoring job as an MLflow run (tag ``job=score``); failures are reported, never fatal."""

from __future__ import annotations

import logging
import sys

from infer.batch.tracking import first_line, setup

log = logging.getLogger("quotelens")


def log_score_run(
    job, counts: dict, fingerprint: dict, experiment: str = "quotelens-scoring"
) -> bool:
    """True when logged. The output files are already complete on disk before this runs."""
    try:
        import mlflow

        setup(None, experiment)
        with mlflow.start_run(run_name=f"score {job.out.name}"):
            uri = counts["model_uri"]
            mlflow.set_tags(
                {
                    "job": "score",
                    "engine": counts.get("engine", "local"),
                    "model_uri": uri,
                    "model_version": uri.rsplit("/", 1)[-1] if uri.startswith("models:/") else "",
                }
            )
            mlflow.log_params(
                {
                    "inputs": ",".join(fingerprint["inputs"])[:500],
                    "input_fingerprint": fingerprint["input_fingerprint"],
                    "chunk_size": fingerprint["chunk_size"],
                    "output": str(job.out),
                    "stance_prior": getattr(job.opts, "stance_prior", "train"),
                }
            )
            seconds = max(counts["seconds"], 1e-9)
            mlflow.log_metrics(
                {
                    "articles": counts["articles"],
                    "scored": counts["scored"],
                    "errors": counts["errors"],
                    "statements": counts["statements"],
                    "seconds": counts["seconds"],
                    "articles_per_second": counts["articles"] / seconds,
                    "statements_per_second": counts["statements"] / seconds,
                    **{f"stance/{k}": v for k, v in counts["stance"].items()},
                    **{f"devices/{k}": v for k, v in counts["devices"].items()},
                }
            )
            mlflow.log_artifact(str(job.summary))
            mlflow.log_artifact(str(job.errors))
            from infer.report.artifact import log_report  # the analyst's page beside the counts

            log_report(job.out, counts["statements"])
        return True
    except Exception as err:  # noqa: BLE001 - any tracking failure must not lose the scored output
        print(
            f"warning: scoring finished and {job.out} is complete, but logging the run to MLflow "
            f"failed: {first_line(err)}",
            file=sys.stderr,
        )
        return False
