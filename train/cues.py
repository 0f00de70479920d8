"""Shortcut cues: the words and bigrams that decide a label on their own (``stats --cues``).

A feature *decides* a label when at least ``DECIDES_PRECISION`` of the statements holding it carry
that label (and it occurs in at least ``MIN_SUPPORT`` statements); the share of the label it decides
is then its coverage, the label's statements that hold it. Features are read from the cue and the
text together, as a cue-aware classifier sees them.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from infer.model.labels import DEVICES, STANCES

WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
MIN_SUPPORT = 10
STANCE_DECIDES_PRECISION = 0.90
DEVICE_DECIDES_PRECISION = 0.95
MAX_DECIDED_SHARE = 0.25  # issue 11: no feature may decide more than this share of a label


@dataclass(frozen=True)
class Cue:
    """One feature's pull toward one label."""

    label: str
    feature: str
    precision: float
    coverage: float
    support: int

    def decides(self, precision: float) -> bool:
        return self.support >= MIN_SUPPORT and self.precision >= precision


def features(cue: str, text: str) -> set[str]:
    """Lower-cased words and word bigrams of ``cue`` + ``text``."""
    words = [w.lower() for w in WORD.findall(f"{cue} {text}")]
    return set(words) | {f"{a} {b}" for a, b in zip(words, words[1:], strict=False)}


def cue_table(rows: list[dict], top: int = 3) -> dict[str, list[Cue]]:
    """Label -> its ``top`` most precise features (support >= MIN_SUPPORT), best first.

    ``rows`` carry ``cue``, ``text``, ``stance`` (a name) and ``devices`` (names).
    """
    feats = [features(r.get("cue", ""), r["text"]) for r in rows]
    support = Counter(f for fs in feats for f in fs)
    labels = {s: [r["stance"] == s for r in rows] for s in STANCES}
    labels |= {d: [d in r["devices"] for r in rows] for d in DEVICES}
    out = {}
    for label, has in labels.items():
        n_label = sum(has)
        joint = Counter(f for fs, h in zip(feats, has, strict=True) if h for f in fs)
        cues = [
            Cue(label, f, joint[f] / support[f], joint[f] / n_label, support[f])
            for f in joint
            if support[f] >= MIN_SUPPORT
        ]
        cues.sort(key=lambda c: (-c.precision, -c.coverage, c.feature))
        out[label] = cues[:top] if n_label else []
    return out


def worst_decided(rows: list[dict]) -> dict[str, Cue | None]:
    """Label -> the deciding feature with the largest coverage (None when nothing decides it)."""
    table = cue_table(rows, top=10**9)
    out = {}
    for label, cues in table.items():
        bar = STANCE_DECIDES_PRECISION if label in STANCES else DEVICE_DECIDES_PRECISION
        deciding = [c for c in cues if c.decides(bar)]
        out[label] = max(deciding, key=lambda c: c.coverage, default=None)
    return out


def render(rows: list[dict]) -> str:
    """Markdown: per label, its most precise features and the largest share one feature decides."""
    table, worst = cue_table(rows), worst_decided(rows)
    lines = [
        "| label | most precise words/bigrams (precision, coverage) | largest share one feature decides |",
        "|---|---|---|",
    ]
    for label, cues in table.items():
        shown = "; ".join(f"`{c.feature}` ({c.precision:.2f}, {c.coverage:.0%})" for c in cues)
        w = worst[label]
        decided = f"{w.coverage:.0%} (`{w.feature}`)" if w else "0%"
        lines.append(f"| {label} | {shown} | {decided} |")
    return "\n".join(lines)
