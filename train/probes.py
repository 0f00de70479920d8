"""Contract probes: the stance examples of LABELS.md and the seed article's negated and hedged
statements, scored by every training run so that a shortcut (negation -> denial) shows at once.

Fourteen statements are a smoke check, not a test set: ``probes/stance_accuracy`` is logged and
each probe's prediction is listed in ``evaluation/probes.csv``; nothing is tuned on them.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from infer.model.labels import STANCES
from train.articles import read_jsonl

PROBES = Path(__file__).resolve().parents[1] / "data" / "probes" / "contract-examples.jsonl"


def load_probes(path: Path = PROBES) -> pd.DataFrame:
    """id, text, cue, context, stance, why; empty when the file is absent."""
    if not path.exists():
        return pd.DataFrame(columns=["id", "text", "cue", "context", "stance", "why"])
    return pd.DataFrame(read_jsonl(path))


def score_probes(model, probes: pd.DataFrame) -> tuple[dict[str, float], pd.DataFrame]:
    """(``probes/stance_accuracy``, a table of each probe with its predicted stance)."""
    if probes.empty:
        return {}, probes
    proba, _ = model.predict_calibrated(probes[["text", "cue", "context"]])
    table = probes.assign(predicted=[STANCES[i] for i in proba.argmax(axis=1)])
    table["ok"] = table["predicted"] == table["stance"]
    return {"probes/stance_accuracy": float(table["ok"].mean())}, table
