"""Scored rows -> the report's statements: speakers merged, duplicates collapsed, dates found."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass

from infer.model.labels import DEVICES, STANCES
from infer.report.dates import dateline_date, iso_date
from infer.report.speakers import Speaker, merge, speakers

# A short utterance ("We are ready.") is a duplicate only when the same speaker says it.
SHORT_WORDS = 8


@dataclass(frozen=True)
class Statement:
    """One statement as the report shows it; ``copies`` counts the records collapsed into it."""

    statement_id: str
    article_id: str
    text: str
    context: str
    kind: str
    where: str
    speaker: str  # merged speaker key, '' when unknown
    speaker_surface: str
    speaker_resolved: str  # as the record resolved it
    stance: str
    scores: tuple[float, ...]  # in ``Report.stances`` order
    devices: tuple[str, ...]
    cue: str
    via: str
    date: str
    copies: int
    sources: tuple[str, ...]

    @property
    def confidence(self) -> float:
        return max(self.scores, default=0.0)


@dataclass(frozen=True)
class Report:
    """Everything a report page shows."""

    statements: tuple[Statement, ...]
    speakers: dict[str, Speaker]
    stances: tuple[str, ...]
    devices: tuple[str, ...]
    records: int  # before duplicates were collapsed
    articles: int
    dropped_speakers: dict[str, int]  # reason -> count of values that were no speaker
    undated: int
    models: tuple[str, ...]
    schema_versions: tuple[str, ...]


def order(known: tuple[str, ...], seen) -> tuple[str, ...]:
    """Known labels in schema order, then any unexpected ones alphabetically."""
    seen = set(seen)
    return tuple(k for k in known if k in seen) + tuple(sorted(seen - set(known)))


def _norm(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.lower()))


def _dup_key(row: dict, speaker: str) -> tuple[str, str]:
    text = _norm(row["text"])
    return (text, "" if len(text.split()) >= SHORT_WORDS else speaker)


def _article_dates(rows: list[dict], texts: dict[str, str]) -> dict[str, str]:
    """Article id -> date: the input/metadata date, else the dateline of its text or paragraphs."""
    found: dict[str, str] = {}
    for r in rows:
        if (d := iso_date(r["published"])) and r["article_id"]:
            found.setdefault(r["article_id"], d)
    for aid, text in texts.items():
        if aid not in found and (d := dateline_date(text)):
            found[aid] = d
    for r in rows:
        aid = r["article_id"]
        if aid and aid not in found and (d := dateline_date(r["context"])):
            found[aid] = d
    return found


def prepare(rows: list[dict], texts: dict[str, str] | None = None) -> Report:
    """Build the report's model from scored rows (and HTML texts by article id, for dates)."""
    keys, dropped = merge(rows)
    dates = _article_dates(rows, texts or {})
    stances = order(STANCES, (r["stance"] for r in rows if r["stance"])) or STANCES
    groups: dict[tuple[str, str], list[int]] = defaultdict(list)
    for i, (r, k) in enumerate(zip(rows, keys, strict=True)):
        groups[_dup_key(r, k)].append(i)
    statements = []
    for members in groups.values():
        best = min(members, key=lambda i: (keys[i] == "", i))
        r = rows[best]
        date = next((d for i in members if (d := dates.get(rows[i]["article_id"], ""))), "")
        date = iso_date(r["published"]) or date
        statements.append(
            Statement(
                statement_id=r["statement_id"],
                article_id=r["article_id"],
                text=r["text"],
                context=r["context"],
                kind=r["kind"],
                where=r["where"],
                speaker=keys[best],
                speaker_surface=r["speaker_surface"],
                speaker_resolved=r["speaker"],
                stance=r["stance"],
                scores=tuple(float(r["stance_scores"].get(s, 0.0)) for s in stances),
                devices=tuple(d for d in order(DEVICES, r["devices"])),
                cue=r["cue"],
                via=r["via"],
                date=date,
                copies=len(members),
                sources=tuple(
                    dict.fromkeys(rows[i]["source"] or rows[i]["article_id"] for i in members)
                ),
            )
        )
    counts = Counter(s.speaker for s in statements if s.speaker)
    return Report(
        statements=tuple(statements),
        speakers=speakers(rows, keys, counts),
        stances=stances,
        devices=order(DEVICES, (d for r in rows for d in r["devices"])),
        records=len(rows),
        articles=len({r["article_id"] for r in rows if r["article_id"]}),
        dropped_speakers=dict(dropped),
        undated=sum(1 for s in statements if not s.date),
        models=tuple(sorted({r["model_uri"] for r in rows if r["model_uri"]})),
        schema_versions=tuple(sorted({r["schema_version"] for r in rows if r["schema_version"]})),
    )
