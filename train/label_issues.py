"""``python -m train label-issues data/ -o flagged.jsonl``: likely label errors, found with cleanlab.

Out-of-fold probabilities from a quick TF-IDF model (cue + text + context) feed cleanlab's
``find_label_issues``: stance as multi-class, devices as multi-label. Each flagged statement is then
reviewed by hand against the guidelines; decisions go to ``data/annotation/label-review.jsonl``.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np

from infer.model.labels import DEVICES, STANCES
from train.corpus import load_corpus, to_xy

FOLDS = 5


def _inputs(dataset) -> list[str]:
    return [
        f"{c}: {t} || {x}" if c else f"{t} || {x}"
        for c, t, x in zip(dataset["cue"], dataset["text"], dataset["context"], strict=True)
    ]


def out_of_fold(dataset, seed: int = 13) -> tuple[np.ndarray, np.ndarray]:
    """(stance probabilities, device probabilities), each row predicted by a model not fitted on it."""
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import StratifiedKFold
    from sklearn.multiclass import OneVsRestClassifier
    from sklearn.pipeline import make_pipeline

    texts = np.asarray(_inputs(dataset), dtype=object)
    _, y, Y = to_xy(dataset)
    stance = np.zeros((len(y), len(STANCES)))
    devices = np.zeros((len(y), len(DEVICES)))
    for train, test in StratifiedKFold(FOLDS, shuffle=True, random_state=seed).split(texts, y):
        lr = {"max_iter": 2000, "class_weight": "balanced", "C": 4.0}
        vec = TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True, min_df=2)
        m = make_pipeline(vec, LogisticRegression(**lr)).fit(texts[train], y[train])
        stance[test] = m.predict_proba(texts[test])
        keep = Y[train].sum(axis=0) > 0
        d = make_pipeline(
            TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True, min_df=2),
            OneVsRestClassifier(LogisticRegression(**lr)),
        ).fit(texts[train], Y[train][:, keep])
        devices[np.ix_(test, np.flatnonzero(keep))] = d.predict_proba(texts[test])
    return stance, devices


def find_issues(dataset) -> list[dict]:
    """One record per statement whose stance or device labels cleanlab doubts, worst first."""
    from cleanlab.filter import find_label_issues

    stance_p, device_p = out_of_fold(dataset)
    _, y, Y = to_xy(dataset)
    bad_stance = find_label_issues(y, stance_p, return_indices_ranked_by="self_confidence")
    device_lists = [list(np.flatnonzero(row)) for row in Y]
    bad_devices = find_label_issues(
        device_lists, device_p, multi_label=True, return_indices_ranked_by="self_confidence"
    )
    out = []
    for i in dict.fromkeys([*bad_stance, *bad_devices]):
        r = dataset[int(i)]
        out.append(
            {
                "id": r["id"],
                "text": r["text"],
                "cue": r["cue"],
                "context": r["context"],
                "speaker": r["speaker"],
                "stance": STANCES[r["stance"]],
                "devices": [DEVICES[d] for d in r["devices"]],
                "flagged": [
                    n for n, s in (("stance", bad_stance), ("devices", bad_devices)) if i in s
                ],
                "model_stance": STANCES[int(stance_p[i].argmax())],
                "model_stance_p": round(float(stance_p[i].max()), 3),
                "model_devices": [DEVICES[d] for d in np.flatnonzero(device_p[i] >= 0.5)],
            }
        )
    return out


def main(paths: list[str], output: str) -> int:
    dataset = load_corpus(paths)
    issues = find_issues(dataset)
    Path(output).write_text(
        "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in issues), "utf-8"
    )
    n_stance = sum("stance" in r["flagged"] for r in issues)
    print(f"{len(issues)} of {len(dataset)} statements flagged ({n_stance} for stance) -> {output}")
    return 0
