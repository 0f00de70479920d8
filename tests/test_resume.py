"""A scoring run killed part-way, then --resume, yields exactly the uninterrupted run's records."""

import logging
import os
import shutil
import signal
import subprocess
import sys
import time

import pandas as pd
import pytest

from tests.conftest import ROOT, run_main


@pytest.fixture(scope="module")
def many_articles(tmp_path_factory):
    """Every third gold .txt article: ten parts of one, enough to be killed part-way."""
    folder = tmp_path_factory.mktemp("many")
    for src in sorted((ROOT / "data" / "articles").glob("art-*.txt"))[::3]:
        shutil.copy(src, folder / src.name)
    return folder


def score_args(folder, out):
    return [
        "score",
        str(folder),
        "--output",
        str(out),
        "--chunk-size",
        "1",
        "--no-mlflow",
    ]


def kill_after_parts(args, parts_dir, n_parts, env, cwd):
    proc = subprocess.Popen(
        [sys.executable, "-m", "infer", *args],
        env={**os.environ, **env},
        cwd=cwd,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.time() + 300
    while time.time() < deadline and proc.poll() is None:
        if parts_dir.exists() and len(list(parts_dir.glob("*.done"))) >= n_parts:
            break
        time.sleep(0.05)
    proc.send_signal(signal.SIGKILL)
    proc.wait()


def records(path):
    return pd.read_parquet(path).sort_values("statement_id").reset_index(drop=True)


@pytest.fixture(scope="module")
def baseline(trained, many_articles, tmp_path_factory):
    out = tmp_path_factory.mktemp("base") / "full.parquet"
    done = run_main("infer", *score_args(many_articles, out), **ctx(trained))
    assert done.returncode == 0, done.stderr[-2000:]
    return records(out)


def test_kill_then_resume_equals_uninterrupted(trained, many_articles, baseline, tmp_path, caplog):
    out = tmp_path / "killed.parquet"
    kill_after_parts(
        score_args(many_articles, out),
        tmp_path / "killed.parquet.parts",
        4,
        trained["env"],
        trained["cwd"],
    )
    assert not out.exists()
    lock = out.parent / f".{out.name}.lock"
    assert lock.exists()  # left by the killed job, naming it
    again = run_main("infer", *score_args(many_articles, out), **ctx(trained))
    assert again.returncode == 2 and "--resume" in again.stderr
    with caplog.at_level(logging.WARNING, logger="quotelens"):
        resumed = run_main("infer", *score_args(many_articles, out), "--resume", **ctx(trained))
    assert resumed.returncode == 0, resumed.stderr[-2000:]
    assert "articles: 10 (scored 10, errors 0)" in resumed.stderr and "reconciled" in resumed.stderr
    assert "taking over the lock" in caplog.text and "that is gone" in caplog.text
    assert not lock.exists()
    pd.testing.assert_frame_equal(records(out), baseline)


def ctx(trained) -> dict:
    return {"cwd": trained["cwd"], "env": trained["env"]}
