"""Shared fixtures: a small corpus sample, an isolated MLflow store and one trained model."""

from __future__ import annotations

import json
import logging
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SEED_ARTICLE = SHARED / "seed-article.txt"
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")

# Property tests: `ci` (.ci/run exports HYPOTHESIS_PROFILE=ci) runs 500 examples each, derandomized
# so a failure reproduces; `dev`, the default, is quick enough for `make test-fast`.
settings.register_profile(
    "ci",
    max_examples=500,
    deadline=None,
    derandomize=True,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
settings.register_profile(
    "dev",
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "dev"))


def run_cli(
    *args: str,
    cwd: Path | None = None,
    env: dict | None = None,
    timeout: int = 600,
    stdin: str | None = None,
) -> subprocess.CompletedProcess:
    """Run ``python -m …`` as a user would; returns the completed process."""
    return subprocess.run(
        [sys.executable, "-m", *args],
        cwd=cwd or ROOT,
        capture_output=True,
        text=True,
        timeout=timeout,
        env={**os.environ, **(env or {})},
        input=stdin,
    )


def run_main(
    module: str,
    *args: str,
    cwd: Path | None = None,
    env: dict | None = None,
    stdin: str | None = None,
) -> subprocess.CompletedProcess:
    """Call ``module.__main__.main(argv)`` in this process, as ``run_cli`` would run it in a new one."""
    import contextlib
    import importlib
    import io

    main = importlib.import_module(f"{module}.__main__").main
    out, err = io.StringIO(), io.StringIO()
    saved_env, saved_cwd, saved_stdin = dict(os.environ), os.getcwd(), sys.stdin
    os.environ.update(env or {})
    os.chdir(cwd or ROOT)
    sys.stdin = io.StringIO(stdin or "")
    # pytest's own handlers sit on the root logger, so main()'s basicConfig would add none: log
    # records reach this "stderr" through a handler of the same format, as in a real process.
    handler = logging.StreamHandler(err)
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(message)s"))
    root, saved_level = logging.getLogger(), logging.getLogger().level
    root.addHandler(handler)
    root.setLevel(logging.INFO)
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                code = main(list(args))
            except SystemExit as exit_:  # argparse errors
                code = exit_.code if isinstance(exit_.code, int) else 1
    finally:
        root.removeHandler(handler)
        root.setLevel(saved_level)
        os.environ.clear()
        os.environ.update(saved_env)
        os.chdir(saved_cwd)
        sys.stdin = saved_stdin
    return subprocess.CompletedProcess([module, *args], code, out.getvalue(), err.getvalue())


def fresh_python(code: str, *args: str) -> dict:
    """Run ``code`` in a fresh interpreter at the repository root; its last output line as JSON."""
    done = subprocess.run(
        [sys.executable, "-c", code, *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


def write_mixed_folder(folder: Path) -> Path:
    """Four articles (text and HTML) and a JSONL file of two rows in ``folder``: six inputs."""
    articles = ROOT / "data" / "articles"
    for name in ("art-a01.txt", "art-a02.txt", "art-b02.html", "art-a04.html"):
        shutil.copy(articles / name, folder / name)
    rows = [
        {
            "id": "wire-1",
            "text": (articles / "art-b03.txt").read_text("utf-8"),
            "published": "2026-10-03",
        },
        {
            "id": "wire-2",
            "text": "No quotes in this short wire item about grain prices.",
            "published": "",
        },
    ]
    (folder / "wire.jsonl").write_text("\n".join(json.dumps(r) for r in rows) + "\n", "utf-8")
    return folder


def corpus_sample(folder: Path, per_conflict: int) -> Path:
    """The first ``per_conflict`` statements of each conflict in the real corpus, as one JSONL."""
    rows: dict[str, list[dict]] = {}
    for f in sorted((ROOT / "data" / "statements").glob("*.jsonl")):
        for line in f.read_text("utf-8").splitlines():
            r = json.loads(line)
            rows.setdefault(r["conflict"], []).append(r)
    picked = [r for conflict in sorted(rows) for r in rows[conflict][:per_conflict]]
    path = folder / f"sample{per_conflict}.jsonl"
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in picked) + "\n", "utf-8")
    return path


@pytest.fixture(scope="session")
def nlp():
    """The extractor's spaCy pipeline, loaded once per test process."""
    from infer.extraction.extractor import load_spacy

    return load_spacy()


@pytest.fixture(scope="session")
def extractor(nlp):
    """One statement extractor over that pipeline (the extraction tests only read it)."""
    from infer.extraction.extractor import StatementExtractor

    return StatementExtractor(nlp)


@pytest.fixture(scope="session")
def small_corpus(tmp_path_factory) -> Path:
    """~25 statements per conflict (every stance present): the shared model's data."""
    return corpus_sample(tmp_path_factory.mktemp("corpus"), 25)


@pytest.fixture(scope="session")
def tiny_corpus(tmp_path_factory) -> Path:
    """8 statements per conflict (176; every split still has every stance): for tests that need
    trainings to happen (servers, the UI), not a model of any quality."""
    return corpus_sample(tmp_path_factory.mktemp("tiny"), 8)


@pytest.fixture(scope="session")
def tracking_dir(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("mlflow")


@pytest.fixture(scope="session")
def tracking_env(tracking_dir) -> dict:
    return {"MLFLOW_TRACKING_URI": f"sqlite:///{tracking_dir / 'mlflow.db'}"}


def small_training(name: str, family: str, corpus: Path) -> str:
    """YAML of the cheapest realistic training of ``family`` (tfidf_linear or hybrid) on ``corpus``.

    The registered model is the random split's, calibrated on its dev part (no refit on every
    statement with 5-fold cross-validation); n-grams seen once are dropped, which shrinks what
    the heads fit and what skops writes about tenfold.
    """
    section = {"tfidf_linear": "tfidf", "hybrid": "hybrid"}[family]
    return (
        f"name: {name}\nfamily: {family}\nseed: 13\n"
        f"data:\n  paths: [{corpus}]\n  final_split: random\n"
        f"calibration:\n  method: dev\n{section}:\n  char_ngrams: 4\n  min_df: 2\n"
    )


@pytest.fixture(scope="session")
def small_config(tmp_path_factory, small_corpus) -> Path:
    path = tmp_path_factory.mktemp("configs") / "small_tfidf.yaml"
    path.write_text(small_training("small_tfidf", "tfidf_linear", small_corpus), "utf-8")
    return path


@pytest.fixture(scope="session")
def tiny_config(tmp_path_factory, tiny_corpus) -> Path:
    path = tmp_path_factory.mktemp("configs") / "tiny_tfidf.yaml"
    path.write_text(small_training("tiny_tfidf", "tfidf_linear", tiny_corpus), "utf-8")
    return path


@pytest.fixture(scope="session")
def trained(tracking_env, small_config, tracking_dir) -> dict:
    """Train the small config, register it and promote it to champion (the real CLI)."""
    fit = run_main("train", "fit", str(small_config), cwd=tracking_dir, env=tracking_env)
    assert fit.returncode == 0, fit.stderr[-2000:]
    run_id = fit.stdout.split("run ", 1)[1].split()[0]
    promote = run_main("train", "promote", run_id, cwd=tracking_dir, env=tracking_env)
    assert promote.returncode == 0, promote.stderr[-2000:]
    return {"run_id": run_id, "env": tracking_env, "cwd": tracking_dir, "stdout": fit.stdout}


@pytest.fixture(scope="session")
def champion_folder(trained, tmp_path_factory) -> Path:
    """The promoted champion downloaded to a plain local folder (scoring it needs no tracking)."""
    import mlflow

    uri = trained["env"]["MLFLOW_TRACKING_URI"]
    # Resolved by hand: download_artifacts("models:/…@alias", registry_uri=…) looks the alias up
    # in the default store, not the one it is given.
    client = mlflow.MlflowClient(tracking_uri=uri, registry_uri=uri)
    version = client.get_model_version_by_alias("quotelens", "champion")
    assert version.run_id == trained["run_id"]
    folder = mlflow.artifacts.download_artifacts(
        client.get_model_version_download_uri("quotelens", version.version),
        dst_path=str(tmp_path_factory.mktemp("champion")),
    )
    return Path(folder)


TRAINING_FIXTURES = {"trained", "champion_folder"}
# The longest work units first (measured; `make test` keeps this order: --no-loadscope-reorder),
# so neither worker is left with a long one at the end while the other sits idle.
LONGEST_FIRST = [
    "spark",
    "tests/test_faults.py",
    "tests/test_team_server.py",
    "tests/test_classifiers.py",
    "tests/browser/test_mlflow_ui.py",
    "tests/test_properties_writers.py",
    "tests/test_properties_readers.py",
    "tests/test_fit.py",
    "tests/test_mlflow_server.py",
    "tests/test_properties_extract.py",
    "tests/test_stack.py",
    "tests/test_resume.py",
    "tests/test_model_imports.py",
    "tests/test_bad_inputs.py",
]


def work_unit(nodeid: str) -> str:
    """Every Spark test in one unit (one Spark JVM at a time), else the test's file."""
    return "spark" if "spark" in nodeid.lower() else nodeid.split(":", 1)[0]


@pytest.hookimpl(optionalhook=True)
def pytest_xdist_make_scheduler(config, log):
    """pytest-xdist hands out whole work units, so a file's module fixtures are built once.

    (Not xdist_group marks: pytest-xdist 3.8 cannot rename pytest 9's node ids to group them.)
    """
    from xdist.scheduler import LoadScopeScheduling

    class ByWorkUnit(LoadScopeScheduling):
        def _split_scope(self, nodeid: str) -> str:
            return work_unit(nodeid)

    return ByWorkUnit(config, log)


def pytest_collection_modifyitems(items) -> None:
    """A test that needs a trained model is slow, whatever file it sits in; under pytest-xdist
    the longest work units come first."""
    for item in items:
        if TRAINING_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.slow)
    if os.environ.get("PYTEST_XDIST_WORKER"):
        rank = {unit: i for i, unit in enumerate(LONGEST_FIRST)}
        items.sort(key=lambda item: rank.get(work_unit(item.nodeid), len(rank)))
