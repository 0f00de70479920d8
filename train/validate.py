"""``python -m train validate PATH…``: every problem in labelled files and gold articles, as file:line."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import numpy as np
from sklearn.feature_extraction.text import HashingVectorizer

from infer.model.labels import DEVICES, KINDS, STANCES
from train.corpus import check_row, iter_rows, labelled_files

NEAR_DUPLICATE_JACCARD = 0.7
MAX_WORDS = 250
PLACES = ("body", "headline", "caption")  # v1.1: where a gold statement sits
GOLD_FIELDS = (
    "article",
    "start",
    "end",
    "text",
    "kind",
    "speaker_surface",
    "speaker",
    "stance",
    "devices",
)


def gold_files(paths: list[str | Path]) -> list[Path]:
    """Gold article files: ``gold*.jsonl`` inside folders of article texts (not annotation logs)."""
    out = []
    for p in map(Path, paths):
        if p.is_dir():
            out += sorted(g for g in p.rglob("gold*.jsonl") if any(g.parent.glob("*.txt")))
        elif p.name.startswith("gold") and p.suffix == ".jsonl":
            out.append(p)
    return out


def near_duplicates(
    texts: list[str], threshold: float = NEAR_DUPLICATE_JACCARD
) -> list[tuple[int, int, float]]:
    """Pairs (i, j, jaccard) with character 5-gram Jaccard >= threshold, i < j."""
    if len(texts) < 2:
        return []
    vec = HashingVectorizer(
        analyzer="char",
        ngram_range=(5, 5),
        n_features=2**22,
        binary=True,
        norm=None,
        alternate_sign=False,
        lowercase=True,
    )
    x = vec.transform([" ".join(t.split()) for t in texts]).tocsr()
    x.data[:] = 1
    sizes = np.asarray(x.sum(axis=1)).ravel()
    inter = (x @ x.T).tocoo()
    pairs = []
    for i, j, v in zip(inter.row, inter.col, inter.data, strict=True):
        if i < j:
            jac = v / (sizes[i] + sizes[j] - v)
            if jac >= threshold:
                pairs.append((int(i), int(j), float(jac)))
    return sorted(pairs)


def validate_labelled(files: list[Path]) -> list[str]:
    problems: list[str] = []
    seen_ids: dict[str, str] = {}
    texts: list[str] = []
    where: list[str] = []
    for path in files:
        for n, row in iter_rows(path):
            loc = f"{path}:{n}"
            if isinstance(row, str):
                problems.append(f"{loc}: {row}")
                continue
            problems += [f"{loc}: {p}" for p in check_row(row)]
            if row.get("kind") not in (None, "", *KINDS):
                problems.append(
                    f"{loc}: unknown kind '{row['kind']}' (use one of {', '.join(KINDS)})"
                )
            rid = str(row.get("id", ""))
            if rid in seen_ids:
                problems.append(
                    f"{loc}: duplicate id '{rid}' (first at {seen_ids[rid]}); give it a new id"
                )
            elif rid:
                seen_ids[rid] = loc
            text = row.get("text")
            if isinstance(text, str) and text.strip():
                if len(text.split()) > MAX_WORDS:
                    problems.append(
                        f"{loc}: text is {len(text.split())} words, over {MAX_WORDS}; split it"
                    )
                texts.append(text)
                where.append(loc)
    for i, j, jac in near_duplicates(texts):
        what = (
            "duplicate text" if jac >= 0.999 else f"near-duplicate text (5-gram Jaccard {jac:.2f})"
        )
        problems.append(f"{where[j]}: {what} of {where[i]}; rewrite or drop one")
    return problems


def validate_gold(path: Path) -> list[str]:
    problems: list[str] = []
    articles: dict[str, str] = {}
    spans = defaultdict(list)
    for n, row in iter_rows(path):
        loc = f"{path}:{n}"
        if isinstance(row, str):
            problems.append(f"{loc}: {row}")
            continue
        missing = [f for f in GOLD_FIELDS if f not in row]
        if missing:
            problems.append(f"{loc}: missing field(s) {', '.join(missing)}")
            continue
        if row["stance"] not in STANCES:
            problems.append(f"{loc}: unknown stance '{row['stance']}'")
        problems += [f"{loc}: unknown device '{d}'" for d in row["devices"] if d not in DEVICES]
        if row["kind"] not in KINDS:
            problems.append(f"{loc}: unknown kind '{row['kind']}'")
        if row.get("where", "body") not in PLACES:
            problems.append(f"{loc}: unknown where '{row['where']}' (use {', '.join(PLACES)})")
        problems += [
            f"{loc}: '{f}' must be a string"
            for f in ("cue", "via")
            if not isinstance(row.get(f, ""), str)
        ]
        art = str(row["article"])
        if art not in articles:
            file = path.parent / f"{art}.txt"
            articles[art] = file.read_text("utf-8") if file.exists() else None
        text = articles[art]
        if text is None:
            problems.append(f"{loc}: article file {path.parent / (art + '.txt')} not found")
            continue
        s, e = row["start"], row["end"]
        if not (isinstance(s, int) and isinstance(e, int) and 0 <= s < e <= len(text)):
            problems.append(f"{loc}: span {s}-{e} is outside article '{art}' (0-{len(text)})")
        elif text[s:e] != row["text"]:
            problems.append(
                f"{loc}: span {s}-{e} does not match the article text: it holds {text[s:e][:40]!r}, "
                f"the record says {row['text'][:40]!r}; recompute start/end"
            )
        else:
            for s2, e2, n2 in spans[art]:
                if s < e2 and s2 < e:
                    problems.append(f"{loc}: span overlaps the statement at line {n2}")
            spans[art].append((s, e, n))
    return problems


def validate(paths: list[str | Path]) -> list[str]:
    """All problems found under ``paths`` (empty when clean)."""
    return validate_labelled(labelled_files(paths)) + [
        p for g in gold_files(paths) for p in validate_gold(g)
    ]


def main(paths: list[str]) -> int:
    problems = validate(paths)
    for p in problems:
        print(p)
    n_files = len(labelled_files(paths)) + len(gold_files(paths))
    print(
        f"{len(problems)} problem(s) in {n_files} file(s)"
        if problems
        else f"ok: {n_files} file(s) clean"
    )
    return 1 if problems else 0
