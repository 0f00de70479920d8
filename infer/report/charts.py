"""The report's summary tables and charts, computed once in Python and drawn by the template."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from infer.report.prepare import Report, Statement

COLORS = {
    "escalatory": "#d7301f",
    "restraining": "#1a9850",
    "denial": "#7570b3",
    "neutral": "#969696",
}
OTHER_COLOR = "#444444"
TOP_SPEAKERS = 15
REVIEW_FIRST = 20
MAX_DAYS = 60  # beyond this many dates the timeline counts per month
CHART_H, CHART_PAD = 220, 70


def color(stance: str) -> str:
    return COLORS.get(stance, OTHER_COLOR)


@dataclass(frozen=True)
class Bar:
    """One stacked bar: a label, its total and (stance, count, share of the longest bar) parts."""

    label: str
    note: str
    total: int
    parts: tuple[tuple[str, int, float], ...]


@dataclass(frozen=True)
class Rect:
    """One SVG rectangle of the timeline with its tooltip."""

    x: float
    y: float
    w: float
    h: float
    fill: str
    title: str


@dataclass(frozen=True)
class Timeline:
    rects: tuple[Rect, ...]
    ticks: tuple[tuple[float, float, str], ...]  # x, y, label
    width: int
    height: int
    unit: str  # day | month


def _bar(label: str, note: str, counts: Counter, stances, longest: int) -> Bar:
    parts = tuple((s, counts[s], 100.0 * counts[s] / max(longest, 1)) for s in stances if counts[s])
    return Bar(label, note, sum(counts.values()), parts)


def stance_by_speaker(report: Report) -> list[Bar]:
    """The busiest speakers, one stacked bar each, with the other forms they were written in."""
    per: dict[str, Counter] = {}
    for s in report.statements:
        if s.speaker:
            per.setdefault(s.speaker, Counter())[s.stance] += 1
    top = sorted(per, key=lambda k: (-sum(per[k].values()), report.speakers[k].name))[:TOP_SPEAKERS]
    longest = max((sum(per[k].values()) for k in top), default=1)
    return [
        _bar(
            report.speakers[k].name,
            ", ".join(report.speakers[k].forms),
            per[k],
            report.stances,
            longest,
        )
        for k in top
    ]


def devices_by_stance(report: Report) -> list[tuple[str, list[tuple[int, float]]]]:
    """Device rows of (count, shade 0-1) per stance; shade relative to the largest cell."""
    pairs = Counter((d, s.stance) for s in report.statements for d in s.devices)
    top = max(pairs.values(), default=1)
    return [
        (
            d,
            [
                (pairs[d, st], 0.1 + 0.8 * pairs[d, st] / top if pairs[d, st] else 0.0)
                for st in report.stances
            ],
        )
        for d in report.devices
    ]


def timeline(report: Report) -> Timeline | None:
    """Statements per date (per month when there are many dates), stacked by stance."""
    dated = [s for s in report.statements if s.date]
    if not dated:
        return None
    unit = "month" if len({s.date for s in dated}) > MAX_DAYS else "day"
    bucket = (lambda d: d[:7]) if unit == "month" else (lambda d: d)
    counts: dict[str, Counter] = {}
    for s in dated:
        counts.setdefault(bucket(s.date), Counter())[s.stance] += 1
    keys = sorted(counts)
    bar_w = max(4, min(40, 720 // len(keys)))
    scale = (CHART_H - CHART_PAD) / max(sum(c.values()) for c in counts.values())
    rects, ticks = [], []
    step = max(1, len(keys) // 8)
    for i, k in enumerate(keys):
        x, y = 30.0 + i * (bar_w + 2), float(CHART_H - CHART_PAD)
        for st in report.stances:
            if n := counts[k][st]:
                y -= n * scale
                rects.append(
                    Rect(x, round(y, 1), bar_w, round(n * scale, 1), color(st), f"{k} {st}: {n}")
                )
        if i in (0, len(keys) - 1) or i % step == 0:
            ticks.append((round(x + bar_w / 2, 1), CHART_H - CHART_PAD + 8, k))
    width = 90 + len(keys) * (bar_w + 2)
    return Timeline(tuple(rects), tuple(ticks), width, CHART_H, unit)


def review_first(report: Report) -> list[tuple[int, Statement]]:
    """(index, statement) of the statements the model is least sure of, least sure first."""
    ranked = sorted(enumerate(report.statements), key=lambda p: (p[1].confidence, p[0]))
    return [(i, s) for i, s in ranked[:REVIEW_FIRST] if s.scores]
