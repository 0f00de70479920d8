"""Benchmarks on this machine: ``python -m bench [--quick] [--only extraction,models,...]``.

Each part measured sets its key in bench/results.json and splices its own ``## `` section(s) into
bench/RESULTS.md; parts not run keep their figures and sections. Every speed-up is a ratio of
medians measured in the same run against its baseline; absolute numbers depend on the machine.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import time
from pathlib import Path

from bench import extraction, memory, models, streams
from bench import report as report_bench
from bench.common import OUT_DIR, RESULTS_JSON, save_result
from bench.results_md import write_sections

DEFAULT = ("extraction", "models", "streams", "report")  # what `make bench` runs
PARTS = (*DEFAULT, "memory")
SECTIONS = {
    "extraction": extraction.section,
    "models": models.section,
    "streams": streams.section,
    "report": report_bench.section,
    "memory": memory.section,
}
KEYS = {"memory": "scoring_memory"}  # results.json key where it differs from the part's name


def parse_only(value: str) -> list[str]:
    """``extraction,models`` -> the parts in the order they run; unknown names are an error."""
    names = [v.strip() for v in value.split(",") if v.strip()]
    unknown = sorted(set(names) - set(PARTS))
    if unknown or not names:
        raise argparse.ArgumentTypeError(
            f"--only {value!r}: unknown part(s) {', '.join(unknown) or '(none given)'}; "
            f"choose from {','.join(PARTS)}"
        )
    return [p for p in PARTS if p in names]


def trained_models(work: Path) -> dict:
    """The models part of the last run, for ``--only streams`` without ``models``."""
    saved = (
        json.loads(RESULTS_JSON.read_text("utf-8")).get("models", {})
        if RESULTS_JSON.exists()
        else {}
    )
    paths = saved.get("models", {})
    if not all(Path(paths.get(f, "")).is_dir() for f in ("tfidf_linear", "finetune")):
        raise SystemExit(
            f"--only streams needs the models a models run saves under {work}; "
            "run `python -m bench --only models,streams`"
        )
    return saved


def run_part(part: str, work: Path, done: dict, quick: bool, skip_memory: bool) -> dict:
    if part == "extraction":
        return extraction.run(quick=quick)
    if part == "models":
        return models.run(work, quick=quick)
    if part == "streams":
        fitted = done.get("models") or trained_models(work)
        return streams.run(work, fitted, quick=quick, skip_memory=skip_memory)
    if part == "report":
        return report_bench.run(work)
    return memory.run(articles=200 if quick else 2000)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument(
        "--quick", action="store_true", help="smaller loads (a smoke run, not for the README)"
    )
    parser.add_argument(
        "--skip-memory", action="store_true", help="skip the 2,000/20,000 article streams"
    )
    parser.add_argument(
        "--only",
        type=parse_only,
        default=list(DEFAULT),
        help=f"comma-separated parts to run, from {','.join(PARTS)} (default: {','.join(DEFAULT)})",
    )
    args = parser.parse_args(argv)
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    work = OUT_DIR / "work"
    work.mkdir(exist_ok=True)
    machine = {
        "cpus": os.cpu_count(),
        "python": platform.python_version(),
        "platform": platform.platform(),
    }
    save_result("machine", machine)
    done: dict = {}
    for part in args.only:
        print(f"== {part}", flush=True)
        t0 = time.perf_counter()
        done[part] = run_part(part, work, done, args.quick, args.skip_memory)
        done[part] |= {"part_seconds": round(time.perf_counter() - t0, 1), "quick": args.quick}
        save_result(KEYS.get(part, part), done[part])
        text = SECTIONS[part](done[part])
        write_sections(text)
        print(text, flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
