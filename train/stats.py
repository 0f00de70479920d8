"""``python -m train stats PATH…``: the count tables DATACARD.md is generated from."""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

from infer.model.labels import DEVICES, KINDS, STANCES
from train.corpus import load_corpus
from train.markdown import replace_block
from train.splits import split_indices
from train.validate import gold_files


def _table(header: tuple[str, ...], rows: list[tuple]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(str(c) for c in r) + " |" for r in rows]
    return "\n".join(lines)


def corpus_tables(paths: list[str]) -> str:
    ds = load_corpus(paths)
    rows = ds.to_list()
    n = len(rows)
    stance_names = ds.features["stance"].names
    device_names = ds.features["devices"].feature.names
    stance = Counter(stance_names[r["stance"]] for r in rows)
    devices = Counter(device_names[d] for r in rows for d in r["devices"])
    kinds = Counter(r["kind"] or "unknown" for r in rows)
    words = [len(r["text"].split()) for r in rows]
    out = ["### Labelled statements", ""]
    summary = [
        ("statements", n),
        ("conflicts", len({r["conflict"] for r in rows})),
        ("distinct speakers", len({r["speaker"] for r in rows})),
        ("hard cases", sum(r["hard"] for r in rows)),
        ("no device", sum(not r["devices"] for r in rows)),
        (
            "indirect or mixed",
            f"{kinds['indirect'] + kinds['mixed']} ({(kinds['indirect'] + kinds['mixed']) / n:.0%})",
        ),
        (
            "words per text (min / median / max)",
            f"{min(words)} / {sorted(words)[n // 2]} / {max(words)}",
        ),
    ]
    out += [_table(("what", "count"), summary), ""]
    out += [_table(("stance", "count"), [(s, stance[s]) for s in STANCES]), ""]
    out += [_table(("device", "positives"), [(d, devices[d]) for d in DEVICES]), ""]
    out += [_table(("kind", "count"), [(k, kinds[k]) for k in KINDS]), ""]
    conflicts = Counter(r["conflict"] for r in rows)
    out += [_table(("conflict", "statements"), sorted(conflicts.items())), ""]
    split_rows = []
    for kind in ("heldout_conflict", "random"):
        parts = split_indices(ds, kind)
        test_conflicts = sorted({rows[i]["conflict"] for i in parts["test"]})
        split_rows.append(
            (
                kind,
                len(parts["train"]),
                len(parts["dev"]),
                len(parts["test"]),
                ", ".join(test_conflicts) if kind == "heldout_conflict" else "all",
            )
        )
    out += [_table(("split (seed 13)", "train", "dev", "test", "test conflicts"), split_rows), ""]
    return "\n".join(out)


def gold_tables(paths: list[str]) -> str:
    out = []
    for gold in gold_files(paths):
        recs = [json.loads(line) for line in gold.read_text("utf-8").splitlines() if line.strip()]
        arts = sorted(gold.parent.glob("*.txt"))
        words = [len(a.read_text("utf-8").split()) for a in arts]
        html = len(list(gold.parent.glob("*.html")))
        kinds = Counter(r["kind"] for r in recs)
        marks = sum(
            1
            for a in arts
            if (t := a.read_text("utf-8")).count("“") != t.count("”")
            or len(re.findall(r'"', t)) % 2
        )
        out += [f"### Gold articles ({gold.parent})", ""]
        out += [
            _table(
                ("what", "count"),
                [
                    ("articles (.txt)", len(arts)),
                    ("of which also .html", html),
                    (
                        "words per article (min / max)",
                        f"{min(words, default=0)} / {max(words, default=0)}",
                    ),
                    ("statements", len(recs)),
                    *[(f"{k} statements", kinds[k]) for k in KINDS],
                    ("distinct speakers", len({r["speaker"] for r in recs})),
                    ("articles with an odd number of quote marks", marks),
                ],
            ),
            "",
        ]
    return "\n".join(out)


def agreement_tables(paths: list[str]) -> str:
    """Blind second annotation of a sample: stance agreement, Cohen's kappa, device F1 per label."""
    from sklearn.metrics import cohen_kappa_score

    out = []
    for folder in [Path(p) / "annotation" for p in paths if (Path(p) / "annotation").is_dir()]:
        first, second = (folder / "first_annotator.jsonl"), (folder / "second_annotator.jsonl")
        if not (first.exists() and second.exists()):
            continue
        a = {r["id"]: r for r in map(json.loads, first.read_text("utf-8").splitlines())}
        b = [json.loads(line) for line in second.read_text("utf-8").splitlines()]
        sa, sb = [a[r["id"]]["stance"] for r in b], [r["stance"] for r in b]
        agree = sum(x == y for x, y in zip(sa, sb, strict=True))
        rows = [
            ("sample size", len(b)),
            ("stance agreement", f"{agree / len(b):.1%}"),
            ("stance Cohen's kappa", f"{cohen_kappa_score(sa, sb):.3f}"),
        ]
        tp = fp = fn = exact = 0
        per = {d: [0, 0, 0] for d in DEVICES}
        for r in b:
            g, p = set(a[r["id"]]["devices"]), set(r["devices"])
            exact += g == p
            tp, fp, fn = tp + len(g & p), fp + len(p - g), fn + len(g - p)
            for d in DEVICES:  # true positive, false positive, false negative
                per[d][0] += d in g and d in p
                per[d][1] += d in p and d not in g
                per[d][2] += d in g and d not in p
        rows += [
            ("device F1 between annotators (micro)", f"{2 * tp / (2 * tp + fp + fn):.3f}"),
            ("identical device sets", f"{exact / len(b):.1%}"),
        ]
        out += [
            "### Inter-annotator agreement (blind second annotation)",
            "",
            _table(("what", "value"), rows),
            "",
        ]
        out += [
            _table(
                ("device", "F1 between annotators"),
                [
                    (d, f"{2 * t / (2 * t + f + n):.2f}" if t + f + n else "-")
                    for d, (t, f, n) in per.items()
                ],
            ),
            "",
        ]
        adjudicated = folder / "adjudication.jsonl"
        if adjudicated.exists():
            decisions = [json.loads(line) for line in adjudicated.read_text("utf-8").splitlines()]
            sources = Counter(d["stance_from"] for d in decisions)
            out += [
                f"Adjudicated disagreements: {len(decisions)} (stance settled for the first annotator "
                f"{sources['A']}, the second {sources['B']}, unchanged {sources['same']}, new {sources['new']}).",
                "",
            ]
    return "\n".join(out)


def render(paths: list[str]) -> str:
    return corpus_tables(paths) + "\n" + gold_tables(paths) + "\n" + agreement_tables(paths)


def main(paths: list[str], update: str | None = None) -> int:
    text = render(paths)
    if update:
        replace_block(update, "stats", text)
    print(text)
    return 0
