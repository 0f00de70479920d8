"""Agreement between the first (gold) and a blind second annotation of whole articles.

Statements are paired by character overlap (|intersection| / |union| >= ``MATCH_OVERLAP``); span
agreement is the F1 of that pairing, and stance, devices, speaker and kind are compared on the pairs.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from train.articles import read_jsonl

MATCH_OVERLAP = 0.5


@dataclass(frozen=True)
class ArticleAgreement:
    """What two annotators agree on over a sample of articles."""

    articles: int
    first: int
    second: int
    pairs: list[tuple[dict, dict]]

    @property
    def span_f1(self) -> float:
        return 2 * len(self.pairs) / (self.first + self.second) if self.first + self.second else 0.0

    def share(self, same) -> float:
        return sum(same(a, b) for a, b in self.pairs) / len(self.pairs) if self.pairs else 0.0

    def stance_kappa(self) -> float:
        from sklearn.metrics import cohen_kappa_score

        return float(
            cohen_kappa_score(
                [a["stance"] for a, _ in self.pairs], [b["stance"] for _, b in self.pairs]
            )
        )

    def device_micro_f1(self) -> float:
        tp = fp = fn = 0
        for a, b in self.pairs:
            g, p = set(a["devices"]), set(b["devices"])
            tp, fp, fn = tp + len(g & p), fp + len(p - g), fn + len(g - p)
        return 2 * tp / (2 * tp + fp + fn) if tp + fp + fn else 1.0


def overlap(a: dict, b: dict) -> float:
    inter = min(a["end"], b["end"]) - max(a["start"], b["start"])
    union = max(a["end"], b["end"]) - min(a["start"], b["start"])
    return max(inter, 0) / union if union else 0.0


def same_speaker(a: dict, b: dict) -> bool:
    x, y = a["speaker"].casefold().strip(), b["speaker"].casefold().strip()
    return x == y or (bool(x) and bool(y) and (x in y or y in x))


def pair_up(first: list[dict], second: list[dict]) -> list[tuple[dict, dict]]:
    """Greedy one-to-one pairing by overlap within each article, best overlaps first."""
    candidates = sorted(
        (
            (overlap(a, b), i, j)
            for i, a in enumerate(first)
            for j, b in enumerate(second)
            if a["article"] == b["article"]
        ),
        reverse=True,
    )
    used_a, used_b, pairs = set(), set(), []
    for ov, i, j in candidates:
        if ov >= MATCH_OVERLAP and i not in used_a and j not in used_b:
            used_a.add(i), used_b.add(j)
            pairs.append((first[i], second[j]))
    return pairs


def article_agreement(
    folder: Path, second_files: list[Path], first_file: Path | None = None
) -> ArticleAgreement | None:
    """Compare the first annotation (``first_file``, as labelled before adjudication, else the
    folder's gold) with every second annotation, on the articles the second annotation covers."""
    second = [
        r for f in second_files for r in read_jsonl(f) if (folder / f"{r['article']}.txt").exists()
    ]
    if not second:
        return None
    covered = {r["article"] for r in second}
    sources = (
        [first_file] if first_file and first_file.exists() else sorted(folder.glob("gold*.jsonl"))
    )
    first = [r for g in sources for r in read_jsonl(g) if r["article"] in covered]
    return ArticleAgreement(len(covered), len(first), len(second), pair_up(first, second))


def render(agreement: ArticleAgreement) -> list[tuple[str, str]]:
    stances = Counter((a["stance"], b["stance"]) for a, b in agreement.pairs)
    disagreements = sum(n for (x, y), n in stances.items() if x != y)
    return [
        ("articles in the sample", str(agreement.articles)),
        ("statements (first / second annotator)", f"{agreement.first} / {agreement.second}"),
        (
            f"statement spans found by both (overlap >= {MATCH_OVERLAP}), F1",
            f"{agreement.span_f1:.3f}",
        ),
        (
            "stance agreement on paired statements",
            f"{agreement.share(lambda a, b: a['stance'] == b['stance']):.1%}",
        ),
        ("stance Cohen's kappa", f"{agreement.stance_kappa():.3f}"),
        ("stance disagreements", str(disagreements)),
        ("device F1 between annotators (micro)", f"{agreement.device_micro_f1():.3f}"),
        ("same kind", f"{agreement.share(lambda a, b: a['kind'] == b['kind']):.1%}"),
        ("same resolved speaker", f"{agreement.share(same_speaker):.1%}"),
        (
            "exact same span",
            f"{agreement.share(lambda a, b: (a['start'], a['end']) == (b['start'], b['end'])):.1%}",
        ),
    ]
