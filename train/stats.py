"""``python -m train stats PATH…``: the count tables DATACARD.md is generated from."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

from infer.model.labels import DEVICES, KINDS, STANCES
from train.article_stats import article_agreement_tables, gold_tables
from train.corpus import load_corpus, training_paths
from train.markdown import replace_block
from train.markdown import table as _table
from train.splits import split_indices

LENGTH_BANDS = ((1, 3), (4, 9), (10, 19), (20, 39), (40, 79), (80, 10**6))


def named_rows(paths: list[str]) -> tuple[object, list[dict]]:
    """(the Dataset, its records with stance and device names instead of ids)."""
    ds = load_corpus(paths)
    stance_names = ds.features["stance"].names
    device_names = ds.features["devices"].feature.names
    rows = [
        {
            **r,
            "stance": stance_names[r["stance"]],
            "devices": [device_names[d] for d in r["devices"]],
        }
        for r in ds.to_list()
    ]
    return ds, rows


def corpus_tables(paths: list[str]) -> str:
    ds, rows = named_rows(paths)
    n = len(rows)
    stance = Counter(r["stance"] for r in rows)
    devices = Counter(d for r in rows for d in r["devices"])
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
        (
            "40 words or more",
            f"{sum(w >= 40 for w in words)} ({sum(w >= 40 for w in words) / n:.0%})",
        ),
    ]
    out += [_table(("what", "count"), summary), ""]
    origins = sorted({r["origin"] for r in rows})
    by_origin = Counter((r["origin"], r["stance"]) for r in rows)
    out += [
        _table(
            ("stance", "count", *origins),
            [(s, stance[s], *(by_origin[o, s] for o in origins)) for s in STANCES]
            + [("all", n, *(sum(by_origin[o, s] for s in STANCES) for o in origins))],
        ),
        "",
    ]
    articles = [r for r in rows if r["origin"] == "article"]
    if articles:
        mix = Counter(r["stance"] for r in articles)
        out += [
            "Natural stance mix of the real-structure articles: "
            + ", ".join(f"{s} {mix[s] / len(articles):.0%}" for s in STANCES)
            + f" ({len(articles)} statements).",
            "",
        ]
    bands = [
        (f"{lo}–{hi}" if hi < 10**6 else f"{lo}+", sum(lo <= w <= hi for w in words))
        for lo, hi in LENGTH_BANDS
    ]
    out += [_table(("words per statement", "statements"), bands), ""]
    out += [_table(("device", "positives"), [(d, devices[d]) for d in DEVICES]), ""]
    out += [_table(("kind", "count"), [(k, kinds[k]) for k in KINDS]), ""]
    conflicts = Counter(r["conflict"] for r in rows)
    out += [_table(("conflict", "statements"), sorted(conflicts.items())), ""]
    split_rows = []
    kinds_present = ("heldout_conflict", "random") + (("articles",) if articles else ())
    for kind in kinds_present:
        parts = split_indices(ds, kind)
        test_conflicts = sorted({rows[i]["conflict"] for i in parts["test"]})
        split_rows.append(
            (
                kind,
                len(parts["train"]),
                len(parts["dev"]),
                len(parts["test"]),
                "all" if kind == "random" else ", ".join(test_conflicts),
            )
        )
    out += [_table(("split (seed 13)", "train", "dev", "test", "test conflicts"), split_rows), ""]
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


def cue_section(paths: list[str]) -> str:
    from train import cues

    return (
        "### Shortcut cues\n\n"
        + cues.__doc__.split("\n\n")[1].replace("\n", " ")
        + "\n\n"
        + cues.render(named_rows(paths)[1])
        + "\n"
    )


def render(paths: list[str], with_cues: bool = False) -> str:
    corpus = training_paths(paths)
    note = (
        f"Statement counts and splits are over what the configs train on ({', '.join(corpus)}); "
        "every folder of labelled articles has its own table below.\n"
    )
    parts = [
        note,
        corpus_tables(corpus),
        gold_tables(paths),
        agreement_tables(paths),
        article_agreement_tables(paths),
    ]
    return "\n".join(parts + ([cue_section(corpus)] if with_cues else []))


def main(paths: list[str], update: str | None = None, with_cues: bool = False) -> int:
    text = render(paths, with_cues)
    if update:
        replace_block(update, "stats", text)
    print(text)
    return 0
