"""Peak RSS of scoring the 2,000-article stream with a TF-IDF model, and what the process imported.

python -m bench.memory [--model FOLDER]   # trains a TF-IDF model on data/ when none is given
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.common import article_stream, write_jsonl

HEAVY = ("torch", "transformers", "datasets", "onnxruntime", "pyspark")
# One scoring process: its peak RSS and which heavy packages it imported by the end.
SCRIPT = """
import json, resource, sys
from infer.__main__ import main
code = main(sys.argv[2:])
heavy = sorted(m for m in json.loads(sys.argv[1]) if m in sys.modules)
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
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


def score_once(model: Path, stream: Path, out: Path) -> dict:
    args = ["score", str(stream), "-o", str(out), "--model", str(model), "--no-mlflow"]
    t0 = time.perf_counter()
    proc = subprocess.run(
        [sys.executable, "-c", SCRIPT, json.dumps(HEAVY), *args, "--chunk-size", "200"],
        capture_output=True,
        text=True,
    )
    if proc.returncode != 0:
        raise RuntimeError(proc.stderr[-2000:])
    return {**json.loads(proc.stdout.strip().splitlines()[-1]), "seconds": time.perf_counter() - t0}


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m bench.memory")
    p.add_argument("--model", type=Path)
    p.add_argument("--articles", type=int, default=2000)
    args = p.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        model = args.model or tfidf_model(tmp / "tfidf")
        rows = article_stream(args.articles, paragraphs_per_article=1, seed=3)
        stream = write_jsonl(rows, tmp / "stream.jsonl")
        result = score_once(model, stream, tmp / "out.parquet")
    print(json.dumps({"articles": args.articles, **result}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
