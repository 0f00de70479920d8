"""Spark engine scale: driver peak RSS for a folder of 2,000 small articles against 200.

python -m bench.spark_scale --model MODEL_DIR [--sizes 200 2000] [--master local[2]]

Each size runs in its own process (``python -m infer score FOLDER --engine spark``); the driver's
peak RSS is its own ``VmHWM`` (``bench.common.peak_rss_kib``); the largest child (the JVM or a Python
worker) is ``RUSAGE_CHILDREN`` ``ru_maxrss``, which is at least the driver's size when it forked.
Writes bench/spark_scale.json and the "Spark engine scale" section of bench/RESULTS.md.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.common import ARTICLES, OUT_DIR, ROOT, load_average
from bench.results_md import write_sections
from train.markdown import table

HEADING = "## Spark engine scale"

RSS_SCRIPT = """
import resource, sys
from bench.common import peak_rss_kib
from infer.__main__ import main
code = main(sys.argv[1:])
kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
print("PEAK_RSS_KB", peak_rss_kib(), kids, file=sys.stderr)
sys.exit(code)
"""


def small_articles(n: int, folder: Path, seed: int = 5) -> Path:
    """``n`` one-paragraph .txt articles from the training-side gold articles (art-*.txt)."""
    paras = [
        p
        for f in sorted(ARTICLES.glob("art-*.txt"))
        for p in f.read_text("utf-8").split("\n\n")[1:]
        if p.strip()
    ]
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        (folder / f"small-{i:06d}.txt").write_text(rng.choice(paras) + "\n", "utf-8")
    return folder


def driver_rss(model: Path, folder: Path, out: Path, master: str) -> dict:
    args = ["score", str(folder), "--output", str(out), "--model", str(model), "--no-mlflow"]
    args += ["--engine", "spark", "--master", master, "--overwrite"]
    t0 = time.perf_counter()
    proc = subprocess.run(
        [sys.executable, "-c", RSS_SCRIPT, *args], cwd=ROOT, capture_output=True, text=True
    )
    if proc.returncode != 0:
        raise RuntimeError(proc.stderr[-3000:])
    own, kids = proc.stderr.rsplit("PEAK_RSS_KB", 1)[1].split()[:2]
    line = next(x for x in proc.stderr.splitlines() if x.startswith("articles:"))
    return {
        "driver_peak_rss_mib": round(int(own) / 1024, 1),
        "largest_child_peak_rss_mib": round(int(kids) / 1024, 1),
        "seconds": round(time.perf_counter() - t0, 1),
        "status": line,
    }


def _status(line: str) -> str:
    """``articles: 200 (scored 200, errors 0), statements: 211, ...`` in the table's words."""
    nums = re.findall(r"\d+", line)
    scored, errors, statements = (f"{int(n):,}" for n in nums[1:4])
    tail = ", reconciled" if "reconciled" in line else ""
    return f"{scored} scored, {errors} errors, {statements} statements{tail}"


def section(r: dict) -> str:
    """The ``## Spark engine scale`` section of RESULTS.md, from bench/spark_scale.json."""
    sizes = sorted(r["runs"], key=int)
    load = r.get("load_average") or f"{r['load_before']} before and {r['load_after']} after"
    lines = [
        f"{HEADING} (`python -m bench.spark_scale --model DIR`, tfidf model, `{r['master']}`)",
        "",
        "Folders of one-paragraph `.txt` articles made from the training-side gold paragraphs "
        "(`art-*.txt`); driver peak RSS is the Python driver's own `VmHWM` (the JVM and Python "
        "workers are separate processes). Measured on the shared 2-core machine at load average "
        f"{load}, so seconds are not speed figures.",
        "",
        table(
            ("articles", "driver peak RSS", "seconds", "status"),
            [
                (
                    f"{int(n):,}",
                    f"{v['driver_peak_rss_mib']:.1f} MiB",
                    f"{v['seconds']:,.0f}",
                    _status(v["status"]),
                )
                for n in sizes
                for v in [r["runs"][n]]
            ],
            right=(0, 1, 2),
        ),
    ]
    lines += [
        "",
        f"Driver peak RSS for {int(sizes[-1]):,} articles is {r['driver_rss_ratio']:.3f}× that for "
        f"{int(sizes[0]):,} (target: within 10%). Figures in `bench/spark_scale.json`."
        + (f" {r['note']}" if r.get("note") else ""),
        "",
    ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m bench.spark_scale", description=__doc__)
    p.add_argument("--model", required=True, type=Path)
    p.add_argument("--sizes", type=int, nargs="+", default=[200, 2000])
    p.add_argument("--master", default="local[2]")
    args = p.parse_args(argv)
    runs = {}
    load_before = load_average()
    with tempfile.TemporaryDirectory() as tmp:
        for n in args.sizes:
            folder = small_articles(n, Path(tmp) / f"in_{n}")
            runs[n] = driver_rss(args.model, folder, Path(tmp) / f"out_{n}.parquet", args.master)
            print(n, runs[n], file=sys.stderr)
    small, large = (runs[n]["driver_peak_rss_mib"] for n in (min(runs), max(runs)))
    result = {"master": args.master, "runs": runs, "driver_rss_ratio": round(large / small, 3)}
    result |= {"load_before": load_before, "load_after": load_average(), "model": str(args.model)}
    (OUT_DIR / "spark_scale.json").write_text(json.dumps(result, indent=2) + "\n", "utf-8")
    write_sections(section(result))
    print(json.dumps(result, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
