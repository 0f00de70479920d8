"""Timing helpers: medians of repetitions, ratios measured in the same run, synthetic article streams."""

from __future__ import annotations

import json
import os
import random
import statistics
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT_DIR = Path(__file__).resolve().parent
ARTICLES = ROOT / "data" / "articles"
RESULTS_JSON = OUT_DIR / "results.json"


def peak_rss_kib() -> int:
    """This process's peak resident set in KiB: ``VmHWM``, which starts afresh at ``exec``.

    Not ``ru_maxrss``: on Linux it keeps the size the process had when it was forked, so a
    scorer started by a 2 GB bench process reported 2 GB before it had loaded anything.
    """
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    except OSError:
        pass
    import resource  # not Linux: the best there is

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def load_average() -> str:
    """The machine's load averages over 1, 5 and 15 minutes (as ``uptime`` prints them)."""
    return " ".join(f"{x:.1f}" for x in os.getloadavg())


def save_result(part: str, value: object, path: Path = RESULTS_JSON) -> None:
    """Set ``part`` in bench/results.json, keeping the parts this run did not measure."""
    results = json.loads(path.read_text("utf-8")) if path.exists() else {}
    results[part] = value
    path.write_text(json.dumps(results, indent=2) + "\n", "utf-8")


def median_seconds(fn: Callable[[], object], reps: int = 3, warmup: int = 1) -> float:
    """Median wall time of ``fn`` over ``reps`` runs after ``warmup`` untimed runs."""
    for _ in range(warmup):
        fn()
    times = []
    for _ in range(reps):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def gold_texts() -> list[str]:
    return [p.read_text("utf-8") for p in sorted(ARTICLES.glob("*.txt"))]


def quote_paragraphs() -> list[str]:
    """Paragraphs of the gold articles, minus headlines (labels are not needed for load tests)."""
    return [p for t in gold_texts() for p in t.split("\n\n")[1:] if p.strip()]


def article_stream(n: int, paragraphs_per_article: int = 3, seed: int = 0) -> list[dict]:
    """``n`` articles recombined from gold paragraphs (ids unique)."""
    paras = quote_paragraphs()
    rng = random.Random(seed)
    return [
        {"id": f"synth-{i:06d}", "text": "\n\n".join(rng.sample(paras, paragraphs_per_article))}
        for i in range(n)
    ]


def write_jsonl(rows: list[dict], path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as fh:
        for r in rows:
            fh.write(json.dumps(r, ensure_ascii=False) + "\n")
    return path


def statements_mix(n: int = 2000, seed: int = 0) -> list[str]:
    """A realistic mix of statement lengths: corpus statements in random order."""
    texts = [
        json.loads(line)["text"]
        for f in sorted((ROOT / "data" / "statements").glob("*.jsonl"))
        for line in f.read_text("utf-8").splitlines()
    ]
    rng = random.Random(seed)
    return [rng.choice(texts) for _ in range(n)]
