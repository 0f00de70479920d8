"""End-to-end articles/s (extraction + scoring) per model, peak RSS on long streams, a profile."""

from __future__ import annotations

import time
from pathlib import Path

from bench.common import OUT_DIR, article_stream, write_jsonl
from bench.memory import score_once
from infer.batch.model_uri import load_local
from infer.batch.readers import Article
from infer.batch.score import score_chunk
from infer.extraction.extractor import StatementExtractor
from train.markdown import table

END_TO_END = "## End to end (extraction + scoring)"
PEAK_MEMORY = "## Peak memory while scoring a stream"


def end_to_end(model_dir: Path, articles: list[Article], chunk: int = 50) -> dict:
    model = load_local(model_dir, str(model_dir))
    extractor = StatementExtractor()
    score_chunk(articles[:5], extractor, model, "bench", False)  # warm-up
    t0 = time.perf_counter()
    n = 0
    for i in range(0, len(articles), chunk):
        frame, *_ = score_chunk(articles[i : i + chunk], extractor, model, "bench", False)
        n += len(frame)
    secs = time.perf_counter() - t0
    return {
        "articles": len(articles),
        "articles_per_second": len(articles) / secs,
        "statements_per_second": n / secs,
    }


def peak_rss(model_dir: Path, stream: Path, out: Path) -> dict:
    run = score_once(model_dir, stream, out, "--overwrite")
    return {"peak_rss_mib": run["peak_rss_mib"], "seconds": run["seconds"]}


def profile(model_dir: Path, articles: list[Article]) -> str:
    from pyinstrument import Profiler

    model = load_local(model_dir, str(model_dir))
    extractor = StatementExtractor()
    profiler = Profiler()
    profiler.start()
    score_chunk(articles, extractor, model, "bench", False)
    profiler.stop()
    return profiler.output_text(unicode=False, color=False, show_all=False)


def run(work: Path, models: dict, quick: bool = False, skip_memory: bool = False) -> dict:
    rows = article_stream(60 if quick else 300, paragraphs_per_article=6, seed=2)
    articles = [Article(r["id"], r["text"], "bench") for r in rows]
    result = {"end_to_end": {}}
    for fam in ("tfidf_linear", "finetune"):
        result["end_to_end"][fam] = end_to_end(Path(models["models"][fam]), articles)
    text = profile(Path(models["models"]["tfidf_linear"]), articles[:100])
    (OUT_DIR / "profile.txt").write_text(text, "utf-8")
    if not skip_memory:
        sizes = (200, 2000) if quick else (2000, 20000)
        runs = {}
        for n in sizes:
            stream = write_jsonl(
                article_stream(n, paragraphs_per_article=1, seed=3), work / f"stream_{n}.jsonl"
            )
            runs[str(n)] = peak_rss(
                Path(models["models"]["tfidf_linear"]), stream, work / f"out_{n}.parquet"
            )
        small, large = (runs[str(n)]["peak_rss_mib"] for n in sizes)
        result["memory"] = {"runs": runs, "ratio": large / small}
    return result


def section(s: dict) -> str:
    """The ``## End to end`` section and, when the long streams ran, the ``## Peak memory`` one."""
    lines = [
        END_TO_END,
        "",
        table(
            ("model", "articles/s", "statements/s"),
            [
                (fam, f"{e['articles_per_second']:.1f}", f"{e['statements_per_second']:.0f}")
                for fam, e in s["end_to_end"].items()
            ],
        ),
    ]
    if s.get("memory"):
        mem = s["memory"]
        lines += [
            "",
            f"{PEAK_MEMORY} (`python -m infer score`, tfidf model)",
            "",
            table(
                ("articles", "peak RSS (MiB)", "seconds"),
                [
                    (n, f"{v['peak_rss_mib']:.0f}", f"{v['seconds']:.0f}")
                    for n, v in mem["runs"].items()
                ],
            ),
        ]
        lines += ["", f"Peak RSS ratio large/small: **{mem['ratio']:.3f}** (target ≤ 1.10)."]
    return "\n".join([*lines, ""])
