"""Log a scoring job's report as an artifact of its MLflow run (called by the batch job)."""

from __future__ import annotations

import logging
import tempfile
from pathlib import Path

log = logging.getLogger("quotelens")
# Beyond this a report stops being a page one reads (about 0.5 kB a statement).
MAX_STATEMENTS = 50_000


def log_report(scored: str | Path, statements: int, max_statements: int = MAX_STATEMENTS) -> bool:
    """Build the report of ``scored`` and log it as ``report.html`` in the active run.

    True when logged. A failure is logged as a warning: the scored output is what matters.
    """
    if statements > max_statements:
        log.warning(
            "report not logged: %d statements is over %d; run python -m infer report on a subset",
            statements,
            max_statements,
        )
        return False
    try:
        import mlflow

        from infer.report.page import build_report

        with tempfile.TemporaryDirectory() as tmp:
            page = build_report(
                scored, Path(tmp) / "report.html", title=f"quotelens: {Path(scored).name}"
            )
            mlflow.log_artifact(str(page))
        return True
    except Exception as err:  # noqa: BLE001 - the job is complete; a report problem is a warning
        log.warning(
            "report not logged to MLflow: %s", str(err).splitlines()[0] if str(err) else err
        )
        return False
