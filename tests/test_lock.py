"""One writer per output: a live holder refuses a second writer (even with --resume), by name;
a lock left by a killed job is taken over with a warning."""

import json
import logging
import os
import signal
import subprocess
import sys
import time

import pytest

from infer.batch.lock import OutputLock
from infer.errors import QuotelensError
from tests.conftest import run_main

HOLD = """
import sys, time
from pathlib import Path
from infer.batch.lock import OutputLock
lock = OutputLock(Path(sys.argv[1]), Path(sys.argv[2]))
lock.acquire()
print("held", flush=True)
time.sleep(600)
"""


@pytest.fixture
def holder(tmp_path):
    """A real process holding the lock on ``tmp_path/out.parquet`` (the point is another pid)."""
    out = tmp_path / "out.parquet"
    lock = tmp_path / ".out.parquet.lock"
    proc = subprocess.Popen(
        [sys.executable, "-c", HOLD, str(lock), str(out)], stdout=subprocess.PIPE, text=True
    )
    assert proc.stdout.readline().strip() == "held"
    yield proc, out, lock
    if proc.poll() is None:
        proc.kill()
        proc.wait()


def test_second_writer_is_refused_naming_the_holder(holder):
    proc, out, lock = holder
    with pytest.raises(QuotelensError) as caught:
        OutputLock(lock, out).acquire()
    message = str(caught.value)
    assert f"pid {proc.pid}" in message and os.uname().nodename in message
    assert "\n" not in message
    assert json.loads(lock.read_text())["pid"] == proc.pid  # the holder's lock is untouched


def test_score_with_resume_is_refused_while_another_job_writes(holder, tmp_path):
    proc, out, _ = holder
    article = tmp_path / "a.txt"
    article.write_text("\u201cWe will respond,\u201d the minister said.\n", "utf-8")
    for extra in ([], ["--resume"], ["--overwrite"]):
        result = run_main(
            "infer", "score", str(article), "--output", str(out), "--no-mlflow", *extra,
            "--model", str(tmp_path / "no-model"), cwd=tmp_path,
        )  # fmt: skip
        assert result.returncode == 2
        assert f"pid {proc.pid}" in result.stderr and "even with --resume" in result.stderr
    assert not (tmp_path / "out.parquet.parts").exists()


def test_lock_of_a_killed_job_is_taken_over_with_a_warning(holder, caplog):
    proc, out, lock = holder
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    assert lock.exists()  # kill -9 leaves the file; the kernel dropped the flock
    mine = OutputLock(lock, out)
    with caplog.at_level(logging.WARNING, logger="quotelens"):
        mine.acquire()
    assert f"pid {proc.pid}" in caplog.text and "that is gone" in caplog.text
    assert json.loads(lock.read_text())["pid"] == os.getpid()
    mine.release()
    assert not lock.exists()


def test_release_then_a_new_writer_gets_it(tmp_path):
    out = tmp_path / "o.parquet"
    first = OutputLock(tmp_path / ".o.parquet.lock", out)
    first.acquire()
    with pytest.raises(QuotelensError):
        OutputLock(first.path, out).acquire()  # another open file description: refused
    first.release()
    second = OutputLock(first.path, out)
    second.acquire()
    assert json.loads(first.path.read_text())["started"] <= time.time()
    second.release()
