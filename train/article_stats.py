"""The DATACARD tables of each folder of labelled articles: what it holds, and its blind second
labelling's agreement with the gold."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

from infer.model.labels import KINDS
from train.articles import gold_files, load_meta, read_jsonl
from train.corpus import article_folders, training_paths
from train.markdown import table as _table
from train.splits import ARTICLE_TEST_THEATRES
from train.validate import PLACES


def _article_split(theatre: str) -> str:
    return "test" if theatre in ARTICLE_TEST_THEATRES else "train"


def gold_tables(paths: list[str]) -> str:
    """Per folder of labelled articles: articles, theatres, outlet styles, statements and places."""
    out = []
    trained_on = {f.resolve() for f in article_folders(training_paths(paths))}
    for folder in article_folders(paths):
        trained = folder.resolve() in trained_on
        meta = load_meta(folder)
        recs = [r for g in gold_files(folder) for r in read_jsonl(g)]
        arts = sorted(folder.glob("*.txt"))
        texts = {a.stem: a.read_text("utf-8") for a in arts}
        words = sorted(len(t.split()) for t in texts.values())
        per_article = Counter(r["article"] for r in recs)
        counts = sorted(per_article.get(a, 0) for a in texts)
        kinds = Counter(r["kind"] for r in recs)
        where = Counter(r.get("where", "body") for r in recs)
        real = [m for m in meta.values() if m.origin == "article"]
        marks = sum(
            1
            for t in texts.values()
            if t.count("“") != t.count("”") or len(re.findall(r'"', t)) % 2
        )
        mid = len(words) // 2
        out += [f"### Labelled articles ({folder})", ""]
        out += [
            _table(
                ("what", "count"),
                [
                    ("articles (.txt)", len(arts)),
                    ("of which also .html", len(list(folder.glob("*.html")))),
                    ("real-structure articles (v1.1)", len(real)),
                    ("theatres", len({m.theatre for m in meta.values()})),
                    ("outlet styles", len({m.outlet_style for m in real})),
                    (
                        "words per article (min / median / max)",
                        f"{words[0]} / {words[mid]} / {words[-1]}",
                    ),
                    (
                        "statements per article (min / median / max)",
                        f"{counts[0]} / {counts[mid]} / {counts[-1]}",
                    ),
                    ("statements", len(recs)),
                    *[(f"{k} statements", kinds[k]) for k in KINDS],
                    *[
                        (
                            f"statements in {w}s" if w != "body" else "statements in the body",
                            where[w],
                        )
                        for w in PLACES
                    ],
                    ("statements with a via", sum(bool(r.get("via")) for r in recs)),
                    ("distinct speakers", len({r["speaker"] for r in recs})),
                    ("articles with an odd number of quote marks", marks),
                ],
            ),
            "",
        ]
        theatres = Counter(m.theatre for m in meta.values())
        stmts = Counter(meta[r["article"]].theatre for r in recs if r["article"] in meta)
        out += [
            _table(
                ("theatre", "articles", "statements", "article split"),
                [
                    (t, theatres[t], stmts[t], _article_split(t) if trained else "not trained on")
                    for t in sorted(theatres)
                ],
            ),
            "",
            "Outlet styles: " + "; ".join(sorted({m.outlet_style for m in real})) + ".",
            "",
        ]
    return "\n".join(out)


def article_agreement_tables(paths: list[str]) -> str:
    """Blind second labelling of sample articles against their gold (spans, stance, devices)."""
    from train.agreement import article_agreement, render

    out = []
    for data in map(Path, paths):
        for folder in article_folders([data]):
            seconds = sorted((data / "annotation").glob("articles-second-*.jsonl"))
            first = data / "annotation" / "articles-first.jsonl"  # before adjudication
            agreement = article_agreement(folder, seconds, first) if seconds else None
            if agreement:
                out += [
                    f"### Article agreement (blind second labelling, {folder})",
                    "",
                    _table(("what", "value"), render(agreement)),
                    "",
                ]
    return "\n".join(out)
