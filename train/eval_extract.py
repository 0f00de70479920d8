"""``python -m train eval-extract data/articles``: extractor precision/recall/F1, speaker and cue
accuracy, by kind and by where the statement sits (body, headline, caption).

A predicted statement matches a gold one when their character spans overlap by at least the
threshold, overlap being |intersection| / |union| (the strictest common definition); matching is
one-to-one, best overlap first. Reported at thresholds 0.3 and 0.8. A cue is right when its
reporting verb (first word, case aside) is the gold cue's; an empty cue matches only an empty one.
"""

from __future__ import annotations

import json
import re
import time
from collections import defaultdict
from pathlib import Path

from infer.errors import QuotelensError
from infer.extraction.speakers import same_speaker
from infer.model.labels import KINDS

THRESHOLDS = (0.3, 0.8)
ARTICLES_DIR = Path(__file__).resolve().parents[1] / "data" / "articles"
TEST_THEATRES = frozenset(
    {"armenia_azerbaijan", "china_taiwan", "israel_lebanon", "russia_nato", "sahel"}
)
SPLITS = ("dev", "test", "all")
WHERE = ("body", "headline", "caption")
SCOPES = {
    "overall": None,
    **{k: {k} for k in KINDS},
    "reported": {"indirect", "mixed"},
    **{w: w for w in WHERE},
}


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


def same_cue(pred: str, gold: str) -> bool:
    head = [re.findall(r"[\w’']+", c.lower())[:1] for c in (pred, gold)]
    return head[0] == head[1]


def _in_scope(statement: dict, scope) -> bool:
    if scope is None:
        return True
    if isinstance(scope, str):
        return (statement.get("where") or "body") == scope
    return statement["kind"] in scope


def evaluate(preds: dict[str, list[dict]], golds: dict[str, list[dict]]) -> dict[str, float]:
    """Metrics named ``<scope>@<threshold>/<metric>`` (scope: overall, a kind, reported, a where)."""
    out: dict[str, float] = {}
    for t in THRESHOLDS:
        for scope, sel in SCOPES.items():
            tp = n_pred = n_gold = speaker_ok = cue_ok = cue_n = 0
            for art, gold in golds.items():
                p = [s for s in preds.get(art, []) if _in_scope(s, sel)]
                g = [s for s in gold if _in_scope(s, sel)]
                pairs = match(p, g, t)
                tp, n_pred, n_gold = tp + len(pairs), n_pred + len(p), n_gold + len(g)
                speaker_ok += sum(same_speaker(p[i]["speaker"], g[j]["speaker"]) for i, j in pairs)
                cued = [(i, j) for i, j in pairs if "cue" in g[j]]
                cue_n += len(cued)
                cue_ok += sum(same_cue(p[i].get("cue", ""), g[j]["cue"]) for i, j in cued)
            for name, value in prf(tp, n_pred, n_gold).items():
                out[f"{scope}@{t}/{name}"] = value
            out[f"{scope}@{t}/speaker_accuracy"] = speaker_ok / tp if tp else 0.0
            out[f"{scope}@{t}/cue_accuracy"] = cue_ok / cue_n if cue_n else float("nan")
            out[f"{scope}@{t}/gold"] = n_gold
    return out


def _theatres(folder: Path) -> dict[str, str]:
    """Article id -> theatre, from the writers' ``meta-*.jsonl`` files."""
    out = {}
    for path in sorted(folder.glob("meta-*.jsonl")):
        for n, line in enumerate(path.read_text("utf-8").splitlines(), 1):
            if line.strip():
                try:
                    rec = json.loads(line)
                    out[rec["article"]] = rec["theatre"]
                except (json.JSONDecodeError, KeyError, TypeError) as err:
                    raise QuotelensError(
                        f"{path}:{n}: bad metadata row ({err}); need 'article' and 'theatre'"
                    ) from None
    return out


def in_split(article: str, split: str, theatres: dict[str, str]) -> bool:
    """test = the held-out theatres; dev = every other article (the 30 art-* among them)."""
    if split == "all":
        return True
    m = re.fullmatch(r"rn-(.+)-\d+", article)
    theatre = theatres.get(article, m.group(1) if m else "")
    return (theatre in TEST_THEATRES) == (split == "test")


def load_gold(folder: Path, split: str = "dev") -> dict[str, list[dict]]:
    """Gold statements by article from ``gold.jsonl`` and ``gold-*.jsonl``, for one split."""
    if split not in SPLITS:
        raise QuotelensError(f"--articles-split {split!r}: choose one of {', '.join(SPLITS)}")
    files = sorted(folder.glob("gold.jsonl")) + sorted(folder.glob("gold-*.jsonl"))
    if not files:
        raise QuotelensError(f"{folder}: no gold.jsonl or gold-*.jsonl; eval-extract needs gold")
    theatres = _theatres(folder)
    golds: dict[str, list[dict]] = defaultdict(list)
    for path in files:
        for n, line in enumerate(path.read_text("utf-8").splitlines(), 1):
            if not line.strip():
                continue
            try:
                rec = json.loads(line)
                art = rec["article"]
                int(rec["start"]), int(rec["end"]), rec["kind"]
            except (json.JSONDecodeError, KeyError, TypeError, ValueError) as err:
                raise QuotelensError(
                    f"{path}:{n}: bad gold row ({err}); need article, start, end, kind"
                ) from None
            if in_split(art, split, theatres) and (folder / f"{art}.txt").exists():
                golds[art].append(rec)
    return dict(golds)


def predict(folder: Path, article_ids: list[str], **options) -> tuple[dict[str, list[dict]], float]:
    from infer.extraction.extractor import StatementExtractor

    texts = [(folder / f"{a}.txt").read_text("utf-8") for a in article_ids]
    extractor = StatementExtractor(**options)
    t0 = time.perf_counter()
    found = list(extractor.extract_many(texts))
    seconds = time.perf_counter() - t0
    return {a: [s.to_dict() for s in f] for a, f in zip(article_ids, found, strict=True)}, seconds


def table(metrics: dict[str, float]) -> str:
    lines = [
        "| scope | threshold | gold | precision | recall | F1 | speaker acc. | cue acc. |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for t in THRESHOLDS:
        for scope in SCOPES:
            k = f"{scope}@{t}"
            if not metrics[k + "/gold"] and scope in WHERE:
                continue
            cue = metrics[k + "/cue_accuracy"]
            lines.append(
                f"| {scope} | {t} | {int(metrics[k + '/gold'])} | {metrics[k + '/precision']:.3f} "
                f"| {metrics[k + '/recall']:.3f} | {metrics[k + '/f1']:.3f} "
                f"| {metrics[k + '/speaker_accuracy']:.3f} | {'–' if cue != cue else f'{cue:.3f}'} |"
            )
    return "\n".join(lines)


def main(folder: str, log: bool = True, update: str | None = None, split: str = "dev") -> int:
    folder = Path(folder)
    golds = load_gold(folder, split)
    if not golds:
        raise QuotelensError(f"{folder}: no gold articles in the {split!r} split")
    preds, seconds = predict(folder, sorted(golds))
    metrics = evaluate(preds, golds)
    metrics["articles_per_second"] = len(golds) / seconds
    print(table(metrics))
    print(
        f"{split} split: {len(golds)} articles, {seconds:.1f} s "
        f"({metrics['articles_per_second']:.1f} articles/s)"
    )
    if update:
        from train.markdown import replace_block

        n_gold = sum(len(g) for g in golds.values())
        note = (
            f"{split} split: {len(golds)} articles, {n_gold} gold statements. Generated by "
            f"`python -m train eval-extract {folder} --articles-split {split} --update README.md`."
        )
        # data/articles keeps its block names; any other folder (an independent set) gets its own
        block = f"extraction-{split}" if folder.name == "articles" else f"extraction-{folder.name}"
        replace_block(update, block, f"{table(metrics)}\n\n{note}")
    if log:
        import mlflow

        from infer.batch.tracking import setup

        setup(None, "quotelens-extraction")
        with mlflow.start_run(run_name=f"eval-extract-{split}"):
            mlflow.set_tags({"job": "eval-extract", "gold": str(folder), "split": split})
            mlflow.log_metrics(
                {k.replace("@", "_at_"): v for k, v in metrics.items() if v == v}  # drop NaN
            )
            mlflow.log_text(table(metrics), f"extraction_metrics_{split}.md")
    return 0
