"""``python -m train eval-extract data/articles``: extractor precision/recall/F1 and speaker accuracy.

A predicted statement matches a gold one when their character spans overlap by at least the
threshold, overlap being |intersection| / |union| (the strictest common definition); matching is
one-to-one, best overlap first. Reported at thresholds 0.3 and 0.8.
"""

from __future__ import annotations

import json
import time
from collections import defaultdict
from pathlib import Path

from infer.errors import QuotelensError
from infer.extraction.speakers import same_speaker
from infer.model.labels import KINDS

THRESHOLDS = (0.3, 0.8)
ARTICLES_DIR = Path(__file__).resolve().parents[1] / "data" / "articles"


def overlap(a: tuple[int, int], b: tuple[int, int]) -> float:
    inter = max(0, min(a[1], b[1]) - max(a[0], b[0]))
    union = max(a[1], b[1]) - min(a[0], b[0])
    return inter / union if union else 0.0


def match(pred: list[dict], gold: list[dict], threshold: float) -> list[tuple[int, int]]:
    pairs = sorted(
        (
            (overlap((p["start"], p["end"]), (g["start"], g["end"])), i, j)
            for i, p in enumerate(pred)
            for j, g in enumerate(gold)
        ),
        reverse=True,
    )
    used_p, used_g, out = set(), set(), []
    for ov, i, j in pairs:
        if ov < threshold:
            break
        if i not in used_p and j not in used_g:
            used_p.add(i)
            used_g.add(j)
            out.append((i, j))
    return out


def prf(tp: int, n_pred: int, n_gold: int) -> dict[str, float]:
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    return {"precision": p, "recall": r, "f1": 2 * p * r / (p + r) if p + r else 0.0}


def evaluate(preds: dict[str, list[dict]], golds: dict[str, list[dict]]) -> dict[str, float]:
    """Metrics named ``<scope>@<threshold>/<metric>`` (scope: overall, a kind, or reported)."""
    out: dict[str, float] = {}
    groups = {"overall": None, **{k: {k} for k in KINDS}, "reported": {"indirect", "mixed"}}
    for t in THRESHOLDS:
        for scope, kinds in groups.items():
            tp = n_pred = n_gold = 0
            speaker_ok = speaker_n = 0
            for art, gold in golds.items():
                pred = preds.get(art, [])
                p = [s for s in pred if kinds is None or s["kind"] in kinds]
                g = [s for s in gold if kinds is None or s["kind"] in kinds]
                pairs = match(p, g, t)
                tp, n_pred, n_gold = tp + len(pairs), n_pred + len(p), n_gold + len(g)
                speaker_ok += sum(same_speaker(p[i]["speaker"], g[j]["speaker"]) for i, j in pairs)
                speaker_n += len(pairs)
            for name, value in prf(tp, n_pred, n_gold).items():
                out[f"{scope}@{t}/{name}"] = value
            out[f"{scope}@{t}/speaker_accuracy"] = speaker_ok / speaker_n if speaker_n else 0.0
            out[f"{scope}@{t}/gold"] = n_gold
    return out


def load_gold(folder: Path) -> dict[str, list[dict]]:
    gold_file = folder / "gold.jsonl"
    if not gold_file.exists():
        raise QuotelensError(f"{gold_file} not found: eval-extract needs gold annotations")
    golds: dict[str, list[dict]] = defaultdict(list)
    for line in gold_file.read_text("utf-8").splitlines():
        if line.strip():
            rec = json.loads(line)
            golds[rec["article"]].append(rec)
    return dict(golds)


def predict(folder: Path, article_ids: list[str]) -> tuple[dict[str, list[dict]], float]:
    from infer.extraction.extractor import StatementExtractor

    texts = [(folder / f"{a}.txt").read_text("utf-8") for a in article_ids]
    extractor = StatementExtractor()
    t0 = time.perf_counter()
    found = list(extractor.extract_many(texts))
    seconds = time.perf_counter() - t0
    return {a: [s.to_dict() for s in f] for a, f in zip(article_ids, found, strict=True)}, seconds


def table(metrics: dict[str, float]) -> str:
    lines = [
        "| scope | threshold | gold | precision | recall | F1 | speaker acc. |",
        "|---|---|---|---|---|---|---|",
    ]
    for t in THRESHOLDS:
        for scope in ("overall", *KINDS, "reported"):
            k = f"{scope}@{t}"
            lines.append(
                f"| {scope} | {t} | {int(metrics[k + '/gold'])} | {metrics[k + '/precision']:.3f} | "
                f"{metrics[k + '/recall']:.3f} | {metrics[k + '/f1']:.3f} | {metrics[k + '/speaker_accuracy']:.3f} |"
            )
    return "\n".join(lines)


def main(folder: str, log: bool = True, update: str | None = None) -> int:
    folder = Path(folder)
    golds = load_gold(folder)
    preds, seconds = predict(folder, sorted(golds))
    metrics = evaluate(preds, golds)
    metrics["articles_per_second"] = len(golds) / seconds
    print(table(metrics))
    print(
        f"{len(golds)} articles, {seconds:.1f} s ({metrics['articles_per_second']:.1f} articles/s)"
    )
    if update:
        from train.markdown import replace_block

        n_gold = sum(len(g) for g in golds.values())
        note = (
            f"{len(golds)} articles, {n_gold} gold statements. Generated by "
            "`python -m train eval-extract data/articles --update README.md`."
        )
        replace_block(update, "extraction", f"{table(metrics)}\n\n{note}")
    if log:
        import mlflow

        from infer.batch.tracking import setup

        setup(None, "quotelens-extraction")
        with mlflow.start_run(run_name="eval-extract"):
            mlflow.set_tags({"job": "eval-extract", "gold": str(folder / "gold.jsonl")})
            mlflow.log_metrics({k.replace("@", "_at_"): v for k, v in metrics.items()})
            mlflow.log_text(table(metrics), "extraction_metrics.md")
    return 0
