"""Faults: kill -9 at random points, tracking server down or lost, unwritable output, disk full."""

from __future__ import annotations

import errno
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import pandas as pd
import pytest

from tests.conftest import ROOT, run_main
from tests.servers import free_port

ARTICLES = sorted((ROOT / "data" / "articles").glob("art-*.txt"))
# Every third gold article, one part each: ten kill points need ten parts, not thirty articles
# (a cycle's cost is mostly the process starting and loading the model, then one part).
KILLED = ARTICLES[::3]
CHUNK = 1
N_CHUNKS = -(-len(KILLED) // CHUNK)


@pytest.fixture(scope="module")
def articles(tmp_path_factory) -> Path:
    """Ten of the 30 gold .txt articles (gold.jsonl and the HTML pages left out)."""
    assert len(ARTICLES) == 30 and len(KILLED) == 10
    folder = tmp_path_factory.mktemp("articles")
    for src in KILLED:
        shutil.copy(src, folder / src.name)
    return folder


@pytest.fixture(scope="module")
def two_articles(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("two")
    for src in ARTICLES[:2]:
        shutil.copy(src, folder / src.name)
    return folder


def score_cmd(inputs: Path, out: Path, model: Path, *extra: str) -> list[str]:
    return [
        sys.executable,
        "-m",
        "infer",
        "score",
        str(inputs),
        "--output",
        str(out),
        "--chunk-size",
        str(CHUNK),
        "--model",
        str(model),
        *extra,
    ]


def records(path: Path) -> pd.DataFrame:
    return pd.read_parquet(path).sort_values("statement_id").reset_index(drop=True)


def n_done(parts: Path) -> int:
    return len(list(parts.glob("*.done"))) if parts.exists() else 0


def one_error_line(stderr: str) -> str:
    """The single ``error:`` line of a failed CLI run (and no traceback)."""
    assert "Traceback" not in stderr, stderr[-2000:]
    errors = [line for line in stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 1, stderr[-2000:]
    return errors[0]


class MlflowServer:
    """A real ``mlflow server`` on 127.0.0.1; ``start`` returns at once so it can boot beside work."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.proc: subprocess.Popen | None = None

    def start(self) -> None:
        if self.proc is not None:
            return
        with (self.root / "server.log").open("w") as log:
            self.proc = subprocess.Popen(
                [
                    sys.executable, "-m", "mlflow", "server", "--host", "127.0.0.1",
                    "--port", str(self.port), "--workers", "1",
                    "--backend-store-uri", f"sqlite:///{self.root / 'db.sqlite'}",
                    "--artifacts-destination", str(self.root / "artifacts"),
                ],
                stdout=log,
                stderr=subprocess.STDOUT,
                env={**os.environ, "MLFLOW_SERVER_ENABLE_JOB_EXECUTION": "false"},
                start_new_session=True,  # its own process group: stop() ends it and its workers
            )  # fmt: skip

    def healthy(self) -> bool:
        try:
            with urllib.request.urlopen(self.url + "/health", timeout=1) as resp:
                return resp.status == 200
        except OSError:
            return False

    def wait_ready(self, timeout: float = 90) -> str:
        self.start()
        deadline = time.time() + timeout
        while not self.healthy():
            if self.proc.poll() is not None or time.time() > deadline:
                log = (self.root / "server.log").read_text()[-2000:]
                pytest.fail(f"mlflow server did not start: {log}")
            time.sleep(0.2)
        return self.url

    def listening_addresses(self) -> set[str]:
        import psutil

        procs = [psutil.Process(self.proc.pid)]
        procs += procs[0].children(recursive=True)
        return {
            c.laddr.ip
            for p in procs
            for c in p.net_connections(kind="inet")
            if c.status == psutil.CONN_LISTEN
        }

    def stop(self) -> None:
        if self.proc is None or self.proc.poll() is not None:
            return
        os.killpg(self.proc.pid, signal.SIGTERM)
        try:
            self.proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait()


@pytest.fixture(scope="module")
def mlflow_server(tmp_path_factory):
    server = MlflowServer(tmp_path_factory.mktemp("server"))
    yield server
    server.stop()


# 1. kill -9 at ten random points, resume after each -------------------------------------------


def kill_plan(rng: random.Random) -> list[tuple[str, float]]:
    """Eight kills once a random number of parts is committed (rising, as each resume goes on
    from the last), and two at random times right after start, at random places in the chain."""
    plan: list[tuple[str, float]] = [
        ("parts", n) for n in sorted(rng.sample(range(1, N_CHUNKS + 1), 8))
    ]
    for _ in range(2):
        plan.insert(rng.randrange(len(plan) + 1), ("seconds", round(rng.uniform(0.2, 3.0), 2)))
    return plan


def run_and_kill(cmd: list[str], env: dict, cwd: Path, parts: Path, when: tuple[str, float]) -> int:
    kind, value = when
    proc = subprocess.Popen(
        cmd, env=env, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    t0 = time.time()
    while proc.poll() is None and time.time() - t0 < 120:
        if (kind == "seconds" and time.time() - t0 >= value) or (
            kind == "parts" and n_done(parts) >= value
        ):
            break
        time.sleep(0.02)
    proc.send_signal(signal.SIGKILL)
    return proc.wait()


def test_ten_kills_then_resume_equal_uninterrupted(
    trained, articles, champion_folder, tmp_path, mlflow_server
):
    """Ten kills on one output, each followed by --resume, then a resume that completes: the
    records equal an uninterrupted run's. (The server for a later test boots meanwhile.)"""
    env = {**os.environ, **trained["env"]}
    base = tmp_path / "base" / "full.parquet"
    base_log = tmp_path / "base.log"
    with base_log.open("w") as log:  # the uninterrupted run goes on beside the kill chain
        baseline = subprocess.Popen(
            score_cmd(articles, base, champion_folder, "--no-mlflow"),
            env=env,
            cwd=tmp_path,
            stdout=log,
            stderr=subprocess.STDOUT,
        )

    out = tmp_path / "killed" / "scored.parquet"
    parts = out.parent / f"{out.name}.parts"
    plan = kill_plan(random.Random(7))
    assert len(plan) == 10
    early_outputs = []
    for i, when in enumerate(plan):
        extra = ["--no-mlflow"] + (["--resume"] if i else [])
        rc = run_and_kill(
            score_cmd(articles, out, champion_folder, *extra), env, tmp_path, parts, when
        )
        assert rc in (-signal.SIGKILL, 0), (when, rc)
        if out.exists():  # only once every part is committed: then it must be complete
            early_outputs.append(records(out))
        if baseline.poll() is not None:  # its core is free: boot the server the test below needs
            mlflow_server.start()

    final = subprocess.run(
        score_cmd(articles, out, champion_folder, "--no-mlflow", "--resume"),
        env=env,
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert final.returncode == 0, final.stderr[-2000:]
    assert "articles: 10 (scored 10, errors 0)" in final.stderr and "reconciled" in final.stderr
    assert baseline.wait(timeout=300) == 0, base_log.read_text()[-2000:]

    expected, got = records(base), records(out)
    assert got["statement_id"].is_unique
    assert set(got["statement_id"]) == set(expected["statement_id"])
    pd.testing.assert_frame_equal(got, expected)
    for early in early_outputs:
        pd.testing.assert_frame_equal(early, expected)
    for side in ("summary", "errors"):
        pd.testing.assert_frame_equal(
            pd.read_csv(out.with_name(f"scored.{side}.csv")),
            pd.read_csv(base.with_name(f"full.{side}.csv")),
        )
    assert not parts.exists()
    # No parts, and no temp file of a final write a kill interrupted.
    assert sorted(p.name for p in out.parent.iterdir()) == [
        "scored.errors.csv",
        "scored.parquet",
        "scored.summary.csv",
    ]


# 2. tracking server down at start ------------------------------------------------------------


DOWN = {"MLFLOW_TRACKING_URI": "http://127.0.0.1:9"}


def test_tracking_down_local_model_still_scores_and_warns(two_articles, champion_folder, tmp_path):
    """Scoring a local model needs no tracking: the output is complete, one line says logging failed."""
    out = tmp_path / "scored.parquet"
    result = run_main(
        "infer",
        "score",
        str(two_articles),
        "--output",
        str(out),
        "--model",
        str(champion_folder),
        cwd=tmp_path,
        env=DOWN,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert "articles: 2 (scored 2, errors 0)" in result.stderr and "reconciled" in result.stderr
    summary = pd.read_csv(tmp_path / "scored.summary.csv")
    assert len(summary) == 2 and summary["statements"].sum() == len(pd.read_parquet(out)) > 0
    warnings = [line for line in result.stderr.splitlines() if line.startswith("warning:")]
    assert len(warnings) == 1, result.stderr[-2000:]
    assert "logging the run to MLflow failed" in warnings[0] and "unreachable" in warnings[0]
    assert "Traceback" not in result.stderr


def test_tracking_down_registry_model_is_a_clear_error(two_articles, tmp_path):
    result = run_main(
        "infer",
        "score",
        str(two_articles),
        "--output",
        str(tmp_path / "scored.parquet"),
        cwd=tmp_path,
        env=DOWN,
    )
    assert result.returncode == 2
    line = one_error_line(result.stderr)
    assert "http://127.0.0.1:9" in line and "unreachable" in line
    assert not (tmp_path / "scored.parquet").exists()


# 3. tracking server lost mid-scoring ---------------------------------------------------------


def test_tracking_server_lost_mid_scoring(two_articles, champion_folder, mlflow_server, tmp_path):
    """The server is up when the job starts and gone before it logs: the output is still complete."""
    url = mlflow_server.wait_ready()
    assert mlflow_server.listening_addresses() == {"127.0.0.1"}
    out = tmp_path / "scored.parquet"
    log = tmp_path / "score.log"
    with log.open("w") as fh:
        proc = subprocess.Popen(
            score_cmd(two_articles, out, champion_folder),
            env={**os.environ, "MLFLOW_TRACKING_URI": url},
            cwd=tmp_path,
            stdout=fh,
            stderr=fh,
        )
    mlflow_server.stop()  # takes ~2 s; loading the model and spaCy alone take longer
    assert not mlflow_server.healthy()
    assert proc.poll() is None, "scoring ended before the server went away"
    assert proc.wait(timeout=180) == 0, log.read_text()[-2000:]

    stderr = log.read_text()
    assert "articles: 2 (scored 2, errors 0)" in stderr and "reconciled" in stderr
    summary = pd.read_csv(tmp_path / "scored.summary.csv")
    assert len(summary) == 2 and summary["statements"].sum() == len(pd.read_parquet(out)) > 0
    assert not (tmp_path / "scored.parquet.parts").exists()
    warnings = [line for line in stderr.splitlines() if line.startswith("warning:")]
    assert len(warnings) == 1 and "logging the run to MLflow failed" in warnings[0], stderr[-2000:]
    assert "Traceback" not in stderr


# 4. unwritable output folder; disk full ------------------------------------------------------


def chmod_stops_writes(folder: Path) -> bool:
    """False as root (or with CAP_DAC_OVERRIDE), where a 0o500 folder is still writable."""
    return not os.access(folder, os.W_OK)


@pytest.mark.parametrize("how", ["read-only folder", "path under a file"])
def test_unwritable_output_is_a_one_line_error(how, two_articles, champion_folder, tmp_path):
    if how == "read-only folder":
        folder = tmp_path / "locked"
        folder.mkdir()
        folder.chmod(0o500)
        if not chmod_stops_writes(folder):
            folder.chmod(0o700)
            pytest.skip(
                "running as root: chmod does not stop writes ('path under a file' covers it)"
            )
        out = folder / "scored.parquet"
    else:
        folder = tmp_path / "file.txt"
        folder.write_text("a regular file, not a folder\n", "utf-8")
        out = folder / "sub" / "scored.parquet"
    try:
        result = run_main(
            "infer",
            "score",
            str(two_articles),
            "--output",
            str(out),
            "--model",
            str(champion_folder),
            "--no-mlflow",
            cwd=tmp_path,
        )
    finally:
        if how == "read-only folder":
            folder.chmod(0o700)
    assert result.returncode == 2
    line = one_error_line(result.stderr)
    assert line.startswith(f"error: cannot write {folder}")
    assert "articles:" not in result.stderr  # refused before any work
    left = [p for p in tmp_path.rglob("*") if p.is_file() and p.name != "file.txt"]
    assert left == []


class _ModuleProxy:
    """Stands in for a module inside ``infer.batch.writers`` only; overrides win, the rest is the module."""

    def __init__(self, module, **overrides) -> None:
        self._module = module
        self.__dict__.update(overrides)

    def __getattr__(self, name):
        return getattr(self._module, name)


def fill_disk_for(monkeypatch, name: str) -> None:
    """Writing the file called ``name`` through ``infer.batch.writers`` fails as on a full disk: its
    temp file takes the data, then ``fsync`` reports ENOSPC (as delayed allocation does)."""
    import infer.batch.writers

    doomed: set[tuple[int, int]] = set()

    def mkstemp(*args, **kwargs):
        fd, tmp = tempfile.mkstemp(*args, **kwargs)
        if Path(tmp).name.startswith(f".{name}."):
            st = os.fstat(fd)
            doomed.add((st.st_dev, st.st_ino))
        return fd, tmp

    def fsync(fd: int) -> None:
        st = os.fstat(fd)
        if (st.st_dev, st.st_ino) in doomed:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        os.fsync(fd)

    monkeypatch.setattr(infer.batch.writers, "tempfile", _ModuleProxy(tempfile, mkstemp=mkstemp))
    monkeypatch.setattr(infer.batch.writers, "os", _ModuleProxy(os, fsync=fsync))


@pytest.fixture(scope="module")
def loaded_champion(champion_folder):
    """(model, resolved URI), loaded once: the disk-full cases are about writes, not loading."""
    from infer.batch.model_uri import load_model

    return load_model(str(champion_folder))


@pytest.mark.parametrize(
    "full_at", ["job.json", "part-000001.records.parquet", "scored.summary.csv", "scored.parquet"]
)
def test_disk_full_is_a_clear_error_and_resumable(full_at, loaded_champion, tmp_path, monkeypatch):
    import infer.batch.model_uri
    from infer.batch.score import ScoreOptions, run
    from infer.errors import QuotelensError

    stmts = tmp_path / "stmts.jsonl"
    lines = [
        {"id": f"s{i}", "text": text}
        for i, text in enumerate(
            ["We deny any involvement.", "They will pay a heavy price.", "We call for calm."] * 2
        )
    ]
    stmts.write_text("".join(json.dumps(r) + "\n" for r in lines), "utf-8")
    out = tmp_path / "out" / "scored.parquet"
    opts = ScoreOptions(
        inputs=[str(stmts)],
        output=str(out),
        model_uri=loaded_champion[1],
        statements=True,
        chunk_size=2,
        log_mlflow=False,
    )

    monkeypatch.setattr(
        infer.batch.model_uri, "load_model", lambda uri, backend, strict=False: loaded_champion
    )
    fill_disk_for(monkeypatch, full_at)
    with pytest.raises(QuotelensError) as caught:
        run(opts)
    message = str(caught.value)
    assert f"{full_at}: No space left on device" in message and "--resume" in message
    assert "\n" not in message
    assert not out.exists()
    assert [p for p in tmp_path.rglob("*.tmp")] == []

    monkeypatch.undo()  # space freed: the job finishes from what it committed
    monkeypatch.setattr(
        infer.batch.model_uri, "load_model", lambda uri, backend, strict=False: loaded_champion
    )
    counts = run(ScoreOptions(**{**opts.__dict__, "resume": True}))
    assert counts["reconciled"] and counts["scored"] == 6 and counts["statements"] == 6
    assert sorted(pd.read_parquet(out)["statement_id"]) == [f"s{i}" for i in range(6)]
    assert [p for p in tmp_path.rglob("*.tmp")] == []
