"""Peak RSS of scoring the 2,000-article stream with a TF-IDF model, and what the process imported.

python -m bench.memory [--model FOLDER]   # trains a TF-IDF model on data/ when none is given
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

from bench.common import article_stream, write_jsonl
from bench.streams import peak_rss

HEAVY = ("torch", "transformers", "datasets", "onnxruntime", "pyspark")
IMPORTS_SCRIPT = """
import json, sys
from infer.__main__ import main
main(sys.argv[2:])
print(json.dumps(sorted(m for m in json.loads(sys.argv[1]) if m in sys.modules)))
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


def heavy_imports(model: Path, stream: Path, out: Path) -> list[str]:
    args = ["score", str(stream), "-o", str(out), "--model", str(model), "--no-mlflow"]
    proc = subprocess.run(
        [sys.executable, "-c", IMPORTS_SCRIPT, json.dumps(HEAVY), *args, "--overwrite"],
        capture_output=True,
        text=True,
    )
    if proc.returncode != 0:
        raise RuntimeError(proc.stderr[-2000:])
    return json.loads(proc.stdout.strip().splitlines()[-1])


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
        rss = peak_rss(model, stream, tmp / "out.parquet")
        imported = heavy_imports(model, stream, tmp / "out2.parquet")
    print(json.dumps({"articles": args.articles, **rss, "heavy_imports": imported}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
