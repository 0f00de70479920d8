"""Spark tasks that fail: a retried task leaves no trace; one that always fails leaves no output."""

import json
import shutil

import pandas as pd
import pytest

from infer.batch.spark_tasks import FAULT_ENV, FAULT_LOG_ENV, part_key
from tests.conftest import ROOT, run_main
from tests.test_score import same_outputs, score_args

pytestmark = pytest.mark.slow

# --chunk-size 1: one part per file or JSONL row; the JSONL file sorts last, so its first row's
# part is in the second wave (four parts a wave on local[2]) and the first wave commits before it.
DOC_PART = part_key("doc", 1, 1, 1)
ROW_PART = part_key("row", 4, 1, 1)


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    """Four articles (text and HTML) and a JSONL file of two, read as six parts."""
    folder = tmp_path_factory.mktemp("faults")
    articles = ROOT / "data" / "articles"
    for name in ("art-a01.txt", "art-a02.txt", "art-b02.html", "art-a04.html"):
        shutil.copy(articles / name, folder / name)
    rows = [
        {"id": "wire-1", "text": (articles / "art-b03.txt").read_text("utf-8")},
        {"id": "wire-2", "text": "No quotes in this short wire item about grain prices."},
    ]
    (folder / "wire.jsonl").write_text("\n".join(json.dumps(r) for r in rows) + "\n", "utf-8")
    return folder


@pytest.fixture(scope="module")
def outputs(trained, folder, tmp_path_factory):
    """A folder holding the local engine's output of ``folder`` as ``local.*``."""
    out = tmp_path_factory.mktemp("fault-outputs")
    local = run_main("infer", *score_args(folder, out / "local.parquet", "local"), **_ctx(trained))
    assert local.returncode == 0, local.stderr[-3000:]
    return out


def score(trained, folder, out, env: dict | None = None, *extra: str):
    args = score_args(folder, out, "spark", "--chunk-size", "1", *extra)
    return run_main("infer", *args, cwd=trained["cwd"], env={**trained["env"], **(env or {})})


def no_duplicates(out) -> None:
    records = pd.read_parquet(out)
    summary = pd.read_csv(out.parent / f"{out.stem}.summary.csv")
    assert not records["statement_id"].duplicated().any()
    assert not summary["article_id"].duplicated().any()


def test_task_failing_once_is_retried_without_duplicates(trained, folder, outputs):
    out = outputs / "retried.parquet"
    fault_log = outputs / "faults.log"
    result = score(trained, folder, out, {FAULT_ENV: DOC_PART, FAULT_LOG_ENV: str(fault_log)})
    assert result.returncode == 0, result.stderr[-3000:]
    # The first attempt did fail (after its rows had been yielded), and only the first.
    assert fault_log.read_text("utf-8").splitlines() == [f"{DOC_PART} 0"]
    assert same_outputs(outputs, "local", "retried") > 20
    no_duplicates(out)


def test_task_failing_every_time_leaves_no_complete_output(trained, folder, outputs):
    out = outputs / "failed.parquet"
    parts = outputs / "failed.parquet.parts"
    failed = score(trained, folder, out, {FAULT_ENV: f"{ROW_PART}:always"})
    assert failed.returncode == 2
    [line] = [x for x in failed.stderr.splitlines() if x.startswith("error:")]
    assert f"Spark job failed: part {ROW_PART}: injected fault" in line
    assert "--resume" in line and "Traceback" not in failed.stderr
    # Nothing final: no records, summary or errors; the failing part is not committed.
    assert not out.exists()
    assert not list(outputs.glob("failed.summary.*")) and not list(outputs.glob("failed.errors.*"))
    assert not (parts / f"part-{ROW_PART}.done").exists()
    assert not list((parts / "scored").glob(f"part={ROW_PART}/**/*.parquet"))
    assert (parts / f"part-{DOC_PART}.done").exists()  # the first wave stays committed

    resumed = score(trained, folder, out, None, "--resume")
    assert resumed.returncode == 0, resumed.stderr[-3000:]
    assert same_outputs(outputs, "local", "failed") > 20
    no_duplicates(out)
    assert not parts.exists()


def _ctx(trained) -> dict:
    return {"cwd": trained["cwd"], "env": trained["env"]}
