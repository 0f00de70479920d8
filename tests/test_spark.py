"""``--engine spark`` against the local engine: same records under a prior, resume, failing tasks.

The cost of a Spark test is mostly Python workers starting: each loads the model and spaCy, and a
task that fails takes its worker with it. So the fault and resume jobs run on ``local[1]`` (one
worker) with the champion's local folder (no registry lookup per worker), and compare with one
local output of the same folder; the parity test keeps ``local[2]`` and the registry URI.
"""

import json
from pathlib import Path

import pandas as pd
import pytest

from infer.batch.spark_tasks import FAULT_ENV, FAULT_LOG_ENV, part_key
from tests.conftest import run_main, write_mixed_folder

pytestmark = pytest.mark.slow

# --chunk-size 1: one part per file or JSONL row; waves of two parts on local[1]. The JSONL file
# sorts last, so its first row's part is in the third wave and the first wave commits before it.
ONE_WORKER = "local[1]"
DOC_PART = part_key("doc", 1, 1, 1)
ROW_PART = part_key("row", 4, 1, 1)


@pytest.fixture(scope="module")
def mixed_folder(tmp_path_factory) -> Path:
    """Four articles (text and HTML) and a JSONL file of two, read as six parts."""
    return write_mixed_folder(tmp_path_factory.mktemp("mixed"))


def score_args(folder, out, engine: str, *extra: str, master: str = "local[2]") -> list[str]:
    args = ["score", str(folder), "--output", str(out), "--no-mlflow", "--engine", engine]
    return args + (["--master", master] if engine == "spark" else []) + list(extra)


def same_outputs(left: Path, right: Path) -> int:
    """The records, summary, errors and texts of two outputs are identical; the record count."""
    records = [pd.read_parquet(p) for p in (left, right)]
    pd.testing.assert_frame_equal(records[0].astype(str), records[1].astype(str))
    for side in ("summary", "errors"):
        pd.testing.assert_frame_equal(
            *(pd.read_csv(p.parent / f"{p.stem}.{side}.csv") for p in (left, right))
        )
    texts = [
        [
            json.loads(x)
            for x in (p.parent / f"{p.stem}.texts.jsonl").read_text("utf-8").splitlines()
        ]
        for p in (left, right)
    ]
    assert texts[0] == texts[1]
    return len(records[0])


@pytest.fixture(scope="module")
def reference(trained, champion_folder, mixed_folder, tmp_path_factory) -> Path:
    """The local engine's output of ``mixed_folder`` with the champion's folder as the model."""
    out = tmp_path_factory.mktemp("reference") / "local.parquet"
    args = score_args(mixed_folder, out, "local", "--model", str(champion_folder))
    local = run_main("infer", *args, cwd=trained["cwd"], env=trained["env"])
    assert local.returncode == 0, local.stderr[-3000:]
    return out


def spark(trained, champion_folder, folder, out, env=None, *extra: str, master: str = ONE_WORKER):
    """A Spark job of the fault tests: one worker, one part per input, the model from a folder."""
    args = score_args(folder, out, "spark", "--chunk-size", "1", master=master)
    args += ["--model", str(champion_folder), *extra]
    return run_main("infer", *args, cwd=trained["cwd"], env={**trained["env"], **(env or {})})


def no_duplicates(out: Path) -> None:
    records = pd.read_parquet(out)
    summary = pd.read_csv(out.parent / f"{out.stem}.summary.csv")
    assert not records["statement_id"].duplicated().any()
    assert not summary["article_id"].duplicated().any()


def test_spark_engine_gives_identical_records(trained, mixed_folder, tmp_path):
    # A prior far from the training mix: records differ unless Spark's executors apply it too.
    # The model comes from the registry here, so executors resolve it through MLflow as on a cluster.
    prior = tmp_path / "prior.json"
    prior.write_text('{"denial": 0.05, "escalatory": 0.1, "restraining": 0.1, "neutral": 0.75}')
    for engine in ("local", "spark"):
        out = tmp_path / f"{engine}.parquet"
        args = score_args(mixed_folder, out, engine, "--stance-prior", str(prior))
        result = run_main("infer", *args, cwd=trained["cwd"], env=trained["env"])
        assert result.returncode == 0, result.stderr[-3000:]
    assert (tmp_path / "spark.parquet").is_dir()  # a Parquet dataset written by Spark
    assert same_outputs(tmp_path / "local.parquet", tmp_path / "spark.parquet") > 20


def test_spark_resume_skips_committed_parts(
    trained, champion_folder, mixed_folder, reference, tmp_path, monkeypatch
):
    """A Spark job that dies after its first wave of parts resumes with only the others."""
    import infer.batch.spark as spark_engine

    real, calls, dying = spark_engine.SparkEngine._score, [], [True]

    def dies_after_one_wave(self, items_dir, scored_dir, parts, fields):
        calls.append(list(parts))
        if len(calls) == 2 and dying:
            raise RuntimeError("executor lost")
        return real(self, items_dir, scored_dir, parts, fields)

    monkeypatch.setattr(spark_engine.SparkEngine, "_score", dies_after_one_wave)
    out = tmp_path / "spark.parquet"
    failed = spark(trained, champion_folder, mixed_folder, out)
    assert failed.returncode == 2 and "Spark job failed: executor lost" in failed.stderr
    first_wave = calls[0]
    dying.clear()  # the jobs below run to the end
    again = spark(trained, champion_folder, mixed_folder, out)
    assert again.returncode == 2 and "--resume" in again.stderr  # same --overwrite refusal
    calls.clear()
    resumed = spark(trained, champion_folder, mixed_folder, out, None, "--resume")
    assert resumed.returncode == 0, resumed.stderr[-3000:]
    assert calls and not set(first_wave) & {p for wave in calls for p in wave}
    same_outputs(reference, out)


def test_task_failing_once_is_retried_without_duplicates(
    trained, champion_folder, mixed_folder, reference, tmp_path
):
    out = tmp_path / "retried.parquet"
    fault_log = tmp_path / "faults.log"
    env = {FAULT_ENV: DOC_PART, FAULT_LOG_ENV: str(fault_log)}
    result = spark(trained, champion_folder, mixed_folder, out, env)
    assert result.returncode == 0, result.stderr[-3000:]
    # The first attempt did fail (after its rows had been yielded), and only the first.
    assert fault_log.read_text("utf-8").splitlines() == [f"{DOC_PART} 0"]
    assert same_outputs(reference, out) > 20
    no_duplicates(out)


def test_task_failing_every_time_leaves_no_complete_output(
    trained, champion_folder, mixed_folder, reference, tmp_path
):
    out = tmp_path / "failed.parquet"
    parts = tmp_path / "failed.parquet.parts"
    # Two attempts (local[N] alone gets four): every one fails either way, and each failed attempt
    # costs a fresh Python worker loading the model and spaCy again.
    always = {FAULT_ENV: f"{ROW_PART}:always"}
    failed = spark(trained, champion_folder, mixed_folder, out, always, master="local[1,2]")
    assert failed.returncode == 2
    [line] = [x for x in failed.stderr.splitlines() if x.startswith("error:")]
    assert f"Spark job failed: part {ROW_PART}: injected fault" in line
    assert f"({FAULT_ENV}, attempt 2)" in line  # the last of two attempts
    assert "--resume" in line and "Traceback" not in failed.stderr
    # Nothing final: no records, summary or errors; the failing part is not committed.
    assert not out.exists()
    assert not list(tmp_path.glob("failed.summary.*")) and not list(
        tmp_path.glob("failed.errors.*")
    )
    assert not (parts / f"part-{ROW_PART}.done").exists()
    assert not list((parts / "scored").glob(f"part={ROW_PART}/**/*.parquet"))
    assert (parts / f"part-{DOC_PART}.done").exists()  # the first wave stays committed

    resumed = spark(trained, champion_folder, mixed_folder, out, None, "--resume")
    assert resumed.returncode == 0, resumed.stderr[-3000:]
    assert same_outputs(reference, out) > 20
    no_duplicates(out)
    assert not parts.exists()
