"""Peak RSS of scoring the 2,000-article stream with a TF-IDF model, and what the process imported.

python -m bench.memory [--model FOLDER]   # trains a TF-IDF model on data/ when none is given

Writes its part of bench/results.json ("scoring_memory") and its section of bench/RESULTS.md.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.common import ROOT, article_stream, load_average, save_result, write_jsonl
from bench.results_md import write_sections
from train.markdown import table

HEADING = "## Scoring process memory (`python -m bench.memory`)"
TARGET_MIB = 1024
# The 2,000-article stream's peak before issue 10's lazy imports (make bench, same stream): history.
BEFORE_LAZY_IMPORTS_MIB = 2404
HEAVY = ("torch", "transformers", "datasets", "onnxruntime", "pyspark")
# One scoring process: its peak RSS and which heavy packages it imported by the end.
SCRIPT = """
import json, sys
from bench.common import peak_rss_kib
from infer.__main__ import main
code = main(sys.argv[2:])
heavy = sorted(m for m in json.loads(sys.argv[1]) if m in sys.modules)
peak = peak_rss_kib() / 1024
print(json.dumps({"code": code, "peak_rss_mib": peak, "heavy_imports": heavy}))
"""


def tfidf_model(folder: Path) -> Path:
    """A TF-IDF model fitted on every labelled statement (calibration skipped: memory only)."""
    from infer.model.classifiers import build_classifier
    from train.corpus import load_corpus
    from train.fit import xy
    from train.packaging import save_local

    dataset = load_corpus(["data/statements", "data/articles"])
    model = build_classifier("tfidf_linear", {"input": "cue_text_context", "calibration": "none"})
    return save_local(model.fit(*xy(dataset)), folder, "tfidf_linear")


def score_once(model: Path, stream: Path, out: Path, *extra: str) -> dict:
    """``infer score`` of ``stream`` in a fresh process: exit code, peak RSS, heavy imports, seconds."""
    args = ["score", str(stream), "-o", str(out), "--model", str(model), "--no-mlflow", *extra]
    t0 = time.perf_counter()
    proc = subprocess.run(
        [sys.executable, "-c", SCRIPT, json.dumps(HEAVY), *args, "--chunk-size", "200"],
        cwd=ROOT,  # the script imports bench.common
        capture_output=True,
        text=True,
    )
    if proc.returncode != 0:
        raise RuntimeError(proc.stderr[-2000:])
    return {**json.loads(proc.stdout.strip().splitlines()[-1]), "seconds": time.perf_counter() - t0}


def run(model: Path | None = None, articles: int = 2000) -> dict:
    """Score ``articles`` synthetic one-paragraph articles in a fresh process; its peak RSS."""
    load_before = load_average()
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        model = model or tfidf_model(tmp / "tfidf")
        rows = article_stream(articles, paragraphs_per_article=1, seed=3)
        stream = write_jsonl(rows, tmp / "stream.jsonl")
        result = score_once(model, stream, tmp / "out.parquet")
    return {
        "articles": articles,
        **result,
        "load_before": load_before,
        "load_after": load_average(),
    }


def section(r: dict) -> str:
    """The ``## Scoring process memory`` section of RESULTS.md."""
    heavy = ", ".join(
        "pyspark (Python side only; no JVM)" if m == "pyspark" else m for m in r["heavy_imports"]
    )
    seconds = (
        f" It took {r['seconds']:.0f} s at load average {r['load_before']} (1, 5, 15 min) before "
        f"and {r['load_after']} after; seconds are not comparable on the shared machine."
        if "seconds" in r
        else " Seconds were not recorded (the machine was shared)."
    )
    return "\n".join([
        HEADING,
        "",
        "A TF-IDF model fitted on all labelled statements (`cue_text_context`), then "
        f"`infer score` of the {r['articles']:,}-article stream (chunk 200, no MLflow logging) in a "
        "fresh process: its peak resident set (`VmHWM`), and which heavy packages it had imported "
        "by the end. "
        "Since issue 10 (lazy imports) a TF-IDF model loads through skops and spaCy with torch "
        "refused, so neither the model nor thinc imports it." + seconds,
        "",
        table(
            ("articles", "peak RSS (MiB)", "before lazy imports (MiB)", "target",
             "heavy packages imported"),
            [(r["articles"], f"{r['peak_rss_mib']:.0f}", BEFORE_LAZY_IMPORTS_MIB,
              f"≤ {TARGET_MIB}", heavy or "none")],
        ),
        "",
        "Figures before this one read `ru_maxrss`, which on Linux keeps the size a process had "
        "when it was forked: run after the models part inside `python -m bench`, the scorer "
        "reported the bench process's own 2.4–2.6 GB. The 2,404 MiB above was very likely that "
        "artefact, not the scorer; `VmHWM` starts afresh when the scorer's program starts.",
        "",
    ])  # fmt: skip


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m bench.memory")
    p.add_argument("--model", type=Path)
    p.add_argument("--articles", type=int, default=2000)
    args = p.parse_args(argv)
    result = run(args.model, args.articles)
    print(json.dumps(result))
    save_result("scoring_memory", result)
    write_sections(section(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
