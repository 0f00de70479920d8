"""Bad and odd inputs: every one is scored or reported in one line, none crashes the job.

All cases sit in ONE folder beside two good articles and are scored once (module fixture); each
case is then checked by its own test. Small fixtures are committed under ``tests/bad_inputs/``;
the binary ones and the big ones (20 MB, one line of 1M characters) are written at test time.
Training gets the same treatment: bad labelled data is refused before any work, in one line.
"""

import json
import shutil
import sqlite3
from pathlib import Path

import pandas as pd
import pytest

from tests.conftest import ROOT, run_main

BAD_INPUTS = Path(__file__).resolve().parent / "bad_inputs"
GOOD = ("art-a01.txt", "art-a02.txt")

# input (file name, or file:line for a table row) -> what its one-line reason must mention
ERRORS = {
    "empty.txt": "empty",
    "whitespace.txt": "empty",
    "binary.txt": "NUL",
    "huge_20mb.txt": "over the limit of 2,000,000 bytes for --max-chars 500,000",
    "one_line_1m.txt": "1,000,000 characters, over the limit of 500,000 (raise --max-chars",
    "scripts_only.html": "no main text",
    "malformed.jsonl:2": "invalid JSON (Invalid control character, column 69)",
    "no_text_column.csv": "no column(s) text (has id, body (draft), published;",  # newline folded
    "no_text_column.parquet": "no column(s) text (has id, body;",
    "duplicate_ids.jsonl:2": "duplicate article id 'dup-1'",
}
# article id -> the file it comes from; odd but valid, so scored (possibly with zero statements)
SCORED = {
    "cp1252.txt": "cp1252.txt",
    "invalid_utf8.txt": "invalid_utf8.txt",
    "unbalanced_quotes.txt": "unbalanced_quotes.txt",
    "only_quote_marks.txt": "only_quote_marks.txt",
    "arabic_hebrew.txt": "arabic_hebrew.txt",
    "emoji.txt": "emoji.txt",
    "crlf.txt": "crlf.txt",
    "wire-ok-1": "malformed.jsonl",
    "wire-ok-2": "malformed.jsonl",
    "dup-1": "duplicate_ids.jsonl",
}
REPLACED = ("cp1252.txt", "invalid_utf8.txt")  # decoded with U+FFFD and a warning


def _decoded(path: Path) -> str:
    """The text the reader scores: UTF-8 with replacement, newlines normalised."""
    text = path.read_bytes().decode("utf-8", errors="replace")
    return text.replace("\r\n", "\n").replace("\r", "\n")


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("bad_corpus")
    for f in BAD_INPUTS.iterdir():
        if not f.name.startswith("."):
            shutil.copy(f, folder / f.name)
    for name in GOOD:
        shutil.copy(ROOT / "data" / "articles" / name, folder / name)
    (folder / "binary.txt").write_bytes(
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00" + bytes(range(256)) * 8
    )
    pd.DataFrame({"id": ["p-1", "p-2"], "body": ["“We will respond,” he said.", "x"]}).to_parquet(
        folder / "no_text_column.parquet"
    )
    paragraph = (ROOT / "data" / "articles" / GOOD[0]).read_text("utf-8") + "\n"
    with (folder / "huge_20mb.txt").open("w", encoding="utf-8") as fh:
        for _ in range(20 * 2**20 // len(paragraph.encode()) + 1):
            fh.write(paragraph)
    (folder / "one_line_1m.txt").write_text(("word " * 200_000)[:1_000_000], "utf-8")
    return folder


@pytest.fixture(scope="module")
def scored(trained, corpus, tmp_path_factory) -> dict:
    out = tmp_path_factory.mktemp("bad_out") / "out.parquet"
    result = run_main(
        "infer",
        "score",
        str(corpus),
        "--output",
        str(out),
        "--no-mlflow",
        cwd=trained["cwd"],
        env=trained["env"],
    )
    read = {"dtype": str, "keep_default_na": False}
    summary = pd.read_csv(out.with_name("out.summary.csv"), **read) if out.exists() else None
    errors = pd.read_csv(out.with_name("out.errors.csv"), **read) if out.exists() else None
    return {
        "result": result,
        "records": pd.read_parquet(out) if out.exists() else None,
        "summary": summary,
        "errors": errors,
    }


def _error_row(scored: dict, name: str) -> pd.Series:
    errors = scored["errors"]
    rows = errors[errors["input"].map(lambda s: Path(s).name == name)]
    assert len(rows) == 1, f"{name}: expected one error row, got\n{errors.to_string()}"
    return rows.iloc[0]


def test_committed_fixtures_keep_their_bytes():
    """Guard against an editor or git re-encoding the byte-exact fixtures."""
    assert (BAD_INPUTS / "empty.txt").read_bytes() == b""
    assert b"\r\n" in (BAD_INPUTS / "crlf.txt").read_bytes()
    assert b"\x93" in (BAD_INPUTS / "cp1252.txt").read_bytes()  # cp1252 left double quote
    for name in REPLACED:
        with pytest.raises(UnicodeDecodeError):
            (BAD_INPUTS / name).read_bytes().decode("utf-8")
    for f in BAD_INPUTS.iterdir():
        assert f.stat().st_size < 4096, f"{f.name}: keep committed fixtures small"


def test_job_succeeds_without_traceback(scored):
    result = scored["result"]
    assert result.returncode == 0, result.stderr[-3000:]
    assert "Traceback" not in result.stderr


def test_counts_reconcile(scored):
    n_articles = len(GOOD) + len(SCORED) + len(ERRORS)
    line = scored["result"].stderr.strip().splitlines()[-1]
    assert line.startswith(
        f"articles: {n_articles} (scored {len(GOOD) + len(SCORED)}, errors {len(ERRORS)})"
    ), line
    assert "reconciled" in line and "NOT RECONCILED" not in line
    assert len(scored["summary"]) + len(scored["errors"]) == n_articles
    assert scored["summary"]["statements"].astype(int).sum() == len(scored["records"])


def test_nothing_unexpected(scored):
    """No input is lost and none is in both files or in the wrong one."""
    assert sorted(scored["summary"]["article_id"]) == sorted([*GOOD, *SCORED])
    assert sorted(Path(s).name for s in scored["errors"]["input"]) == sorted(ERRORS)


@pytest.mark.parametrize("name", GOOD)
def test_good_article_is_scored(scored, name):
    summary = scored["summary"].set_index("article_id")
    assert summary.loc[name, "status"] == "scored"
    assert int(summary.loc[name, "statements"]) > 0


@pytest.mark.parametrize("name", list(ERRORS))
def test_bad_input_is_an_error_with_one_line_reason(scored, name):
    reason = _error_row(scored, name)["reason"]
    assert reason.strip() and "\n" not in reason and "\r" not in reason
    assert "Traceback" not in reason and len(reason) < 400
    assert ERRORS[name] in reason, reason


@pytest.mark.parametrize("article_id", list(SCORED))
def test_odd_but_valid_input_is_scored(scored, corpus, article_id):
    summary = scored["summary"].set_index("article_id")
    assert summary.loc[article_id, "status"] == "scored"
    assert Path(summary.loc[article_id, "source"]).name.startswith(SCORED[article_id])
    records = scored["records"]
    mine = records[records["article_id"] == article_id]
    assert len(mine) == int(summary.loc[article_id, "statements"])
    if article_id.endswith(".txt"):  # offsets index the decoded, newline-normalised text
        text = _decoded(corpus / article_id)
        for r in mine.itertuples():
            assert text[r.start : r.end] == r.text, (article_id, r.start, r.end)


@pytest.mark.parametrize("name", REPLACED)
def test_replacement_decoding_warns_with_the_file_name(scored, name):
    lines = [x for x in scored["result"].stderr.splitlines() if "UTF-8" in x]
    assert any(name in x and "WARNING" in x for x in lines), lines


def test_quotes_survive_odd_text(scored):
    """Statements are still found in CRLF, emoji, mixed-script and repaired text."""
    summary = scored["summary"].set_index("article_id")["statements"].astype(int)
    for article_id in ("crlf.txt", "emoji.txt", "invalid_utf8.txt", "arabic_hebrew.txt"):
        assert summary[article_id] >= 1, article_id
    records = scored["records"]
    crlf = records[records["article_id"] == "crlf.txt"]
    assert not crlf["text"].str.contains("\r").any()
    assert summary["only_quote_marks.txt"] == 0


def test_strict_exits_1_when_errors_file_is_not_empty(trained, tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(ROOT / "data" / "articles" / GOOD[0], folder / GOOD[0])
    shutil.copy(BAD_INPUTS / "empty.txt", folder / "empty.txt")
    out = tmp_path / "strict.parquet"
    result = run_main(
        "infer",
        "score",
        str(folder),
        "--output",
        str(out),
        "--no-mlflow",
        "--strict",
        cwd=trained["cwd"],
        env=trained["env"],
    )
    assert result.returncode == 1, result.stderr[-2000:]
    assert "Traceback" not in result.stderr
    errors = pd.read_csv(tmp_path / "strict.errors.csv")
    assert list(errors["input"].map(lambda s: Path(s).name)) == ["empty.txt"]
    assert list(pd.read_csv(tmp_path / "strict.summary.csv")["article_id"]) == [GOOD[0]]


def test_a_job_that_scores_nothing_exits_1_and_names_the_errors_file(
    champion_folder, tmp_path, monkeypatch, capsys
):
    from infer.__main__ import main

    folder = tmp_path / "in"
    folder.mkdir()
    for name in ("empty.txt", "whitespace.txt"):
        shutil.copy(BAD_INPUTS / name, folder / name)
    monkeypatch.chdir(tmp_path)
    out = tmp_path / "none.parquet"
    args = ["score", str(folder), "--output", str(out), "--no-mlflow"]
    assert main([*args, "--model", str(champion_folder)]) == 1
    [line] = [x for x in capsys.readouterr().err.splitlines() if x.startswith("error:")]
    assert "none of the 2 inputs could be scored" in line and "none.errors.csv" in line
    assert len(pd.read_csv(tmp_path / "none.errors.csv")) == 2  # still listed, with reasons


# -- training refuses bad data before any work ---------------------------------------------------


def _fit(folder: Path, rows: list[dict], **data) -> tuple:
    """``python -m train fit`` on ``rows``; returns the process and the runs it left in the store."""
    folder.mkdir()
    labelled = folder / "labelled.jsonl"
    labelled.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\n", "utf-8")
    extra = "".join(f"  {k}: {v}\n" for k, v in data.items())
    config = folder / "config.yaml"
    config.write_text(
        f"name: bad\nfamily: tfidf_linear\ndata:\n  paths: [{labelled}]\n{extra}", "utf-8"
    )
    db = folder / "mlflow.db"
    result = run_main(
        "train", "fit", str(config), cwd=folder, env={"MLFLOW_TRACKING_URI": f"sqlite:///{db}"}
    )
    runs = []
    if db.exists():
        with sqlite3.connect(db) as con:
            if con.execute("select 1 from sqlite_master where name = 'runs'").fetchone():
                runs = con.execute("select name, status from runs").fetchall()
    return result, runs


# case -> (labelled rows from the small corpus, data config, phrases the one-line error must hold)
FIT_CASES = {
    "unknown_stance": (
        lambda rows: [{**r, "stance": "furious"} if i == 6 else r for i, r in enumerate(rows)],
        {},
        ("labelled.jsonl:7", "unknown stance 'furious'"),
    ),
    "schema_v0": (
        lambda rows: [{**r, "schema_version": "v0"} for r in rows],
        {},
        ("labelled.jsonl:1", "schema 'v0'"),
    ),
    "absent_stance": (
        lambda rows: [r for r in rows if r["stance"] != "denial"],
        {},
        ("denial", "absent"),
    ),
    "empty_split": (lambda rows: rows, {"test_size": 0.99}, ("empty", "test_size")),
}


@pytest.fixture(scope="module")
def refusals(small_corpus, tmp_path_factory) -> dict:
    """Every refused fit, run once: case -> (process, runs left in the store).

    One after another: ``run_main`` swaps process-wide state (cwd, environment, stdout).
    """
    rows = [json.loads(x) for x in small_corpus.read_text("utf-8").splitlines()]
    base = tmp_path_factory.mktemp("refused")
    return {
        case: _fit(base / case, make(rows), **data) for case, (make, data, _) in FIT_CASES.items()
    }


@pytest.mark.parametrize(
    "case",
    list(FIT_CASES),
)
def test_fit_refuses_bad_data_in_one_line(refusals, case):
    result, _ = refusals[case]
    assert result.returncode == 2, result.stderr[-2000:]
    assert "Traceback" not in result.stderr
    message = [x for x in result.stderr.splitlines() if x.startswith("error: ")]
    assert len(message) == 1, result.stderr[-2000:]
    for phrase in FIT_CASES[case][2]:
        assert phrase in message[0], message[0]


@pytest.mark.parametrize(
    "case",
    list(FIT_CASES),
)
def test_refused_fit_starts_no_run(refusals, case):
    """Refused before any work: no MLflow run (not even a FAILED one) is left behind."""
    assert refusals[case][1] == []
