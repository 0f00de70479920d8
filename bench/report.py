"""The analyst report at scale: size and real-browser render time of a 10,000-statement report.

``python -m bench.report [--statements N]``; also part of ``python -m bench``. Needs Chromium and
Playwright (the dev extra); without them only the size and build time are measured. Writes its part
of bench/results.json and its section of bench/RESULTS.md.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import time
from pathlib import Path

import pyarrow.parquet as pq

from bench.common import load_average, save_result
from bench.results_md import write_sections
from infer.batch.schema import RECORD, to_arrow
from infer.model.labels import DEVICES, STANCES
from infer.report.page import build_report
from train.markdown import table

VOCABULARY = (
    "the minister said forces would respond to any attack on territory we will not allow "
    "talks ceasefire border security council region government army statement officials "
    "strike drone missile civilians aid humanitarian pressure sanctions allies war peace"
)
WORDS = VOCABULARY.split()
HEADING = "## Report at scale (synthetic scored records)"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--no-first-run"]  # fmt: skip


def _words(rng: random.Random, n: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(n))


def synthetic_records(n: int, seed: int = 0) -> list[dict]:
    """Records of ``n`` statements shaped like real output: 6 paragraphs an article, 1-3 statements
    a paragraph, and 5% of statements carried again by a wire copy (one more record each)."""
    rng = random.Random(seed)
    names = [f"{_words(rng, 1).title()} {_words(rng, 1).title()}son {i}" for i in range(400)]
    rows: list[dict] = []
    art = 0
    distinct = 0
    while distinct < n:
        art += 1
        day = f"2024-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        for p in range(6):
            before, after = _words(rng, rng.randint(10, 30)), _words(rng, rng.randint(5, 20))
            texts = [_words(rng, rng.randint(8, 45)) for _ in range(rng.choice((1, 2, 2, 3)))]
            context = " ".join([before, *texts, after])
            for t in texts[: n - distinct]:
                distinct += 1
                raw = [rng.random() for _ in STANCES]
                probs = {s: v / sum(raw) for s, v in zip(STANCES, raw, strict=True)}
                dev_scores = {d: rng.random() for d in DEVICES}
                who = rng.choice(names)
                rows.append({
                    "article_id": f"art-{art:05d}", "statement_id": f"art-{art:05d}:{len(rows)}",
                    "start": 0, "end": len(t), "text": t, "kind": rng.choice(("direct", "indirect")),
                    "speaker_surface": who.split()[-1], "speaker": who,
                    "stance": max(probs, key=probs.get), "stance_scores": probs,
                    "devices": [d for d, v in dev_scores.items() if v > 0.85],
                    "device_scores": dev_scores, "model_uri": "models:/quotelens/1", "cue": "said",
                    "via": "", "context": context, "source": f"in/art-{art:05d}.txt",
                    "published": day, "where": "body", "schema_version": "v1.1",
                })  # fmt: skip
                if rng.random() < 0.05:  # a wire copy of the same statement
                    rows.append(rows[-1] | {"article_id": f"copy-{art:05d}-{p}"})
    return rows


def browser_times(html: Path, reps: int = 3) -> dict | None:
    """Median ms from navigation start to the page being ready, and to apply a stance filter."""
    import shutil

    exe = shutil.which("chromium")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        return None
    if exe is None:
        return None
    ready, filters = [], []
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=exe, args=FLAGS)
        version = browser.version
        for _ in range(reps + 1):  # the first load warms the browser's caches; not counted
            page = browser.new_page()
            page.goto(html.as_uri(), timeout=60_000)
            page.wait_for_selector("body[data-painted-ms]", timeout=60_000)
            ready.append(int(page.get_attribute("body", "data-painted-ms")))
            filters.append(page.evaluate(
                "() => { const t = performance.now(); const s = document.getElementById('f-stance');"
                " s.value = '0'; s.dispatchEvent(new Event('input', {bubbles: true}));"
                " return performance.now() - t; }"
            ))  # fmt: skip
            page.close()
        browser.close()
    return {
        "ready_ms": statistics.median(ready[1:]),
        "filter_ms": statistics.median(filters[1:]),
        "chromium": version,
    }


def run(work: Path, statements: int = 10_000) -> dict:
    work.mkdir(parents=True, exist_ok=True)
    import pandas as pd

    load_before = load_average()
    scored = work / "report-bench.parquet"
    pq.write_table(to_arrow(pd.DataFrame(synthetic_records(statements)), RECORD), scored)
    t0 = time.perf_counter()
    html = build_report(scored, work / "report-bench.html")
    build_s = time.perf_counter() - t0
    out = {
        "statements": statements,
        "records": pq.read_metadata(scored).num_rows,
        "bytes": html.stat().st_size,
        "build_seconds": round(build_s, 2),
        "browser": browser_times(html),
        "load_before": load_before,
        "load_after": load_average(),
    }
    return out


def section(r: dict) -> str:
    """The ``## Report at scale`` section of RESULTS.md."""
    b = r["browser"]
    lines = [
        HEADING,
        "",
        table(
            (
                "statements (records)",
                "HTML MB (target ≤ 5)",
                "build s",
                "Chromium: load to first frame ms (target < 3000)",
                "apply a filter ms",
            ),
            [
                (
                    f"{r['statements']:,} ({r['records']:,})",
                    f"{r['bytes'] / 1e6:.2f}",
                    f"{r['build_seconds']:.1f}",
                    *(
                        (f"{b['ready_ms']:.0f}", f"{b['filter_ms']:.0f}")
                        if b
                        else ("no browser", "–")
                    ),
                )
            ],
        ),
    ]
    if b and "chromium" in b:
        lines += [
            "",
            f"Headless Chromium {b['chromium']}; medians of 3 loads after one warm-up load. Load "
            f"average (1, 5, 15 min) {r['load_before']} before and {r['load_after']} after.",
        ]
    return "\n".join([*lines, ""])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.report", description=__doc__)
    parser.add_argument("--statements", type=int, default=10_000)
    args = parser.parse_args(argv)
    result = run(Path(__file__).resolve().parent / "work", args.statements)
    print(json.dumps(result, indent=2))
    save_result("report", result)
    text = section(result)
    write_sections(text)
    print(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
