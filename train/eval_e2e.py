"""End to end on labelled articles: extract statements, classify them, score the stance of each
one that matches a gold statement (character overlap >= 0.3, one-to-one, as ``eval-extract``).

Stance accuracy and macro-F1 are over the matched pairs, under each stance prior; extraction's own
misses and false finds are reported beside them (``matched``, ``gold``, ``extracted``), so a
classifier is never credited for statements the extractor lost.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

import numpy as np
import pandas as pd

from infer.batch.records import statement_context
from infer.model.labels import STANCES
from train.eval_extract import load_gold, match, predict
from train.metrics import prior_metrics

OVERLAP = 0.3


@dataclass(frozen=True)
class MatchedStatements:
    """Extracted statements that match gold ones: model inputs, gold stance ids, and the counts."""

    inputs: pd.DataFrame  # text, cue, context as the extractor found them
    stance: np.ndarray  # gold stance ids, row-aligned with ``inputs``
    articles: int
    gold: int
    extracted: int

    @property
    def matched(self) -> int:
        return len(self.stance)

    @classmethod
    def pooled(cls, parts: list[MatchedStatements]) -> MatchedStatements:
        """Several folders' statements as one set (independent sets are small; pooling narrows
        the interval)."""
        return cls(
            inputs=pd.concat([p.inputs for p in parts], ignore_index=True),
            stance=np.concatenate([p.stance for p in parts]),
            articles=sum(p.articles for p in parts),
            gold=sum(p.gold for p in parts),
            extracted=sum(p.extracted for p in parts),
        )


@cache
def matched_statements(folder: str, split: str = "test") -> MatchedStatements:
    """Run the extractor over the split's labelled articles and pair its statements with gold."""
    golds = load_gold(Path(folder), split)
    preds, _ = predict(Path(folder), sorted(golds))
    rows, stance, n_pred = [], [], 0
    for art in sorted(golds):
        gold, found = golds[art], preds.get(art, [])
        text = (Path(folder) / f"{art}.txt").read_text("utf-8")
        n_pred += len(found)
        for i, j in match(found, gold, OVERLAP):
            if gold[j].get("stance") not in STANCES:
                continue
            p = found[i]
            context = statement_context(text, p["start"], p["end"])  # as scoring builds it
            rows.append({"text": p["text"], "cue": p.get("cue", ""), "context": context})
            stance.append(STANCES.index(gold[j]["stance"]))
    return MatchedStatements(
        inputs=pd.DataFrame(rows, columns=["text", "cue", "context"]),
        stance=np.asarray(stance, dtype=int),
        articles=len(golds),
        gold=sum(len(g) for g in golds.values()),
        extracted=n_pred,
    )


def end_to_end_metrics(model, statements: MatchedStatements, prefix: str) -> dict[str, float]:
    """``<prefix>/prior_<mode>/…`` (``train.metrics.prior_metrics``) and the extraction counts."""
    out = {
        f"{prefix}/gold": float(statements.gold),
        f"{prefix}/extracted": float(statements.extracted),
        f"{prefix}/matched": float(statements.matched),
    }
    if not statements.matched:
        return out
    calibrated, _ = model.predict_calibrated(statements.inputs)
    out |= prior_metrics(model, calibrated, statements.stance, prefix)
    return out


def end_to_end(paths: list[str], model) -> dict[str, float]:
    """The article test split of the first labelled-article folder in ``paths``, end to end."""
    from train.articles import is_article_folder

    folders = [Path(p) for p in paths if is_article_folder(Path(p))]
    if not folders:
        return {}
    print("scoring the article test split end to end (extraction + classification)", flush=True)
    return end_to_end_metrics(model, matched_statements(str(folders[0])), "test_articles_e2e")


def wilson_interval(share: float, n: int, z: float = 1.96) -> tuple[float, float]:
    """95% Wilson score interval of a proportion measured on ``n`` items."""
    if n == 0:
        return 0.0, 1.0
    centre = (share + z * z / (2 * n)) / (1 + z * z / n)
    half = z * np.sqrt(share * (1 - share) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    return max(0.0, float(centre - half)), min(1.0, float(centre + half))


def table(metrics: dict[str, float], prefix: str) -> str:
    from train.markdown import table as markdown_table

    n = int(metrics.get(f"{prefix}/matched", 0))
    rows = []
    for mode in ("train", "natural", "adapt"):
        key = f"{prefix}/prior_{mode}"
        if f"{key}/stance_accuracy" in metrics:
            accuracy, macro = metrics[f"{key}/stance_accuracy"], metrics[f"{key}/stance_macro_f1"]
            low, high = wilson_interval(accuracy, n)
            rows.append((mode, f"{accuracy:.3f}", f"{low:.3f}–{high:.3f}", f"{macro:.3f}"))
    header = ("stance prior", "stance accuracy", "accuracy 95% interval", "stance macro-F1")
    return markdown_table(header, rows)


def trained_on_folders(resolved: str, folders: list[str], split: str, client=None) -> list[str]:
    """Why a registered model's figures on each of ``folders`` would not be held out: its final
    fit read that folder (``data.paths``), other than an article test split it held out.
    ``client``: the registry to ask (default: this process's tracking URI, as the model loaded)."""
    import ast

    import mlflow

    if not resolved.startswith("models:/"):
        return []  # a local folder or run URI: its training data is not looked up
    name, version = resolved.removeprefix("models:/").split("/", 1)
    client = client or mlflow.MlflowClient()
    params = client.get_run(client.get_model_version(name, version).run_id).data.params
    paths = [Path(p).resolve() for p in ast.literal_eval(params.get("data.paths", "[]"))]
    final = params.get("data.final_split", "")
    return [
        f"{resolved} was fitted on {folder} (data.final_split: {final}): these figures are not "
        "held out; score a folder it never read (data/articles-heldout) or a run's own split"
        for folder in folders
        if Path(folder).resolve() in paths and not (final == "articles" and split == "test")
    ]


def main(
    folders: list[str],
    model_uri: str,
    split: str = "all",
    log: bool = True,
    update: str | None = None,
) -> int:
    """Score a registered model end to end on labelled article folders (independent sets), pooled."""
    from infer.batch.model_uri import load_model
    from infer.errors import QuotelensError

    parts = [matched_statements(f, split) for f in folders]
    for folder, part in zip(folders, parts, strict=True):
        if not part.articles:
            raise QuotelensError(f"{folder}: no gold articles in the {split!r} split")
    statements = MatchedStatements.pooled(parts)
    pyfunc, resolved = load_model(model_uri)
    notes = trained_on_folders(resolved, folders, split)
    for note in notes:
        print(f"warning: {note}")
    prefix = "e2e"
    metrics = end_to_end_metrics(pyfunc.unwrap_python_model().classifier, statements, prefix)
    counts = "; ".join(
        f"{folder} ({split}): {p.articles} articles, {p.gold} gold statements, "
        f"{p.extracted} extracted, {p.matched} matched at overlap {OVERLAP}"
        for folder, p in zip(folders, parts, strict=True)
    )
    summary = ("NOT HELD OUT: " if notes else "") + f"{counts}; model {resolved}"
    name = "+".join(Path(f).name for f in folders)
    text = table(metrics, prefix)
    print(text)
    print(summary)
    if update:
        from train.markdown import replace_block

        command = (
            f"`python -m train eval-e2e {' '.join(folders)} --model {model_uri} "
            f"--articles-split {split}`"
        )
        replace_block(
            update, f"e2e-{name}-{split}", f"{text}\n\n{summary}. Generated by {command}."
        )
    if log:
        import mlflow

        from infer.batch.tracking import setup

        setup(None, "quotelens-extraction")
        with mlflow.start_run(run_name=f"eval-e2e-{name}-{split}"):
            mlflow.set_tags(
                {"job": "eval-e2e", "gold": ",".join(folders), "split": split, "model": resolved}
            )
            mlflow.log_metrics(metrics)
            mlflow.log_text(text, f"e2e_metrics_{name}_{split}.md")
    return 0
