"""Render a self-contained HTML report (inline SVG, no external assets) from a scored output."""

from __future__ import annotations

import json
import math
from collections import Counter
from collections.abc import Iterable
from html import escape
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from infer.batch.schema import RECORD_COLUMNS
from infer.errors import QuotelensError
from infer.model.labels import DEVICES, SCHEMA_VERSION, STANCES

COLORS = {
    "escalatory": "#d7301f",
    "restraining": "#1a9850",
    "denial": "#7570b3",
    "neutral": "#969696",
}
OTHER_COLOR = "#444444"
MAX_ROWS = 5000
COLUMNS = tuple(c for c in RECORD_COLUMNS if c not in ("cue", "context"))
CSS = """body{font-family:system-ui,sans-serif;margin:2em;color:#222}
table{border-collapse:collapse;font-size:13px;margin:.5em 0}
td,th{border:1px solid #ddd;padding:3px 6px;text-align:left;vertical-align:top}
th{background:#f3f3f3}.num{text-align:right}.note{color:#666;font-style:italic}
.chip{display:inline-block;width:10px;height:10px;margin:0 4px 0 10px}"""
JS = """document.getElementById('q').addEventListener('input',function(){
var q=this.value.toLowerCase();document.querySelectorAll('#all tbody tr').forEach(function(r){
r.style.display=r.textContent.toLowerCase().indexOf(q)<0?'none':'';});});"""


def _s(value: Any) -> str:
    """A cell as plain text; None/NaN become ''."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    if isinstance(value, pd.Timestamp):
        return value.strftime("%Y-%m-%d")
    return str(value)


def _as_dict(value: Any) -> dict[str, float]:
    """Normalise a score map given as dict, JSON string or (key, value) pairs."""
    if isinstance(value, str):
        value = json.loads(value) if value.strip() else {}
    if isinstance(value, dict):
        pairs: Iterable[Any] = value.items()
    elif isinstance(value, (list, tuple, np.ndarray)):
        pairs = (tuple(p.values()) if isinstance(p, dict) else p for p in value)
    else:
        return {}
    out: dict[str, float] = {}
    for key, score in pairs:
        try:
            out[str(key)] = float(score)
        except (TypeError, ValueError):
            continue
    return {k: v for k, v in out.items() if not math.isnan(v)}


def _as_list(value: Any) -> list[str]:
    """Normalise a device list given as list, numpy array or JSON string."""
    if isinstance(value, str):
        value = json.loads(value) if value.strip() else []
    if isinstance(value, (list, tuple, np.ndarray)):
        return [str(v) for v in value if _s(v)]
    return []


def _read(path: Path) -> pd.DataFrame:
    """Read a scored file by extension and normalise every column to plain Python values."""
    if not path.is_file():
        raise QuotelensError(f"{path}: scored file not found")
    suffix = path.suffix.lower()
    try:
        if suffix == ".parquet":
            df = pd.read_parquet(path)
        elif suffix == ".jsonl":
            lines = path.read_text("utf-8").splitlines()
            df = pd.DataFrame([json.loads(line) for line in lines if line.strip()])
        elif suffix == ".csv":
            df = pd.read_csv(path, dtype=str, keep_default_na=False)
        else:
            raise QuotelensError(
                f"{path}: unknown extension {suffix!r}; use .parquet, .jsonl or .csv"
            )
    except (ValueError, OSError) as err:
        raise QuotelensError(f"{path}: cannot read scored file ({err})") from err
    rows = []
    for rec in df.to_dict("records"):
        row = {c: _s(rec.get(c)) for c in COLUMNS}
        try:
            row["stance_scores"] = _as_dict(rec.get("stance_scores"))
            row["device_scores"] = _as_dict(rec.get("device_scores"))
            row["devices"] = _as_list(rec.get("devices"))
        except (ValueError, TypeError) as err:
            raise QuotelensError(f"{path}: bad scores/devices in row {len(rows) + 1}") from err
        row["published"] = row["published"][:10]
        rows.append(row)
    return pd.DataFrame(rows, columns=list(COLUMNS))


def _order(known: tuple[str, ...], seen: Iterable[str]) -> list[str]:
    """Known labels in schema order, then any unexpected ones alphabetically."""
    seen = set(seen)
    return [k for k in known if k in seen] + sorted(seen - set(known))


def _color(stance: str) -> str:
    return COLORS.get(stance, OTHER_COLOR)


def _legend(stances: list[str]) -> str:
    return (
        "<p>"
        + "".join(
            f'<span class="chip" style="background:{_color(s)}"></span>{escape(s)}' for s in stances
        )
        + "</p>"
    )


def _table(head: list[str], rows: list[list[str]], attrs: str = "") -> str:
    """An HTML table; cells must already be escaped."""
    th = "".join(f"<th>{h}</th>" for h in head)
    body = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in r) + "</tr>" for r in rows)
    return f"<table{attrs}><thead><tr>{th}</tr></thead><tbody>{body}</tbody></table>"


def _speakers(df: pd.DataFrame, stances: list[str]) -> str:
    """Top 15 speakers as stacked horizontal bars, plus a table of the counts."""
    named = df[df["speaker"] != ""]
    if named.empty:
        return '<p class="note">No statement has a resolved speaker.</p>'
    counts = pd.crosstab(named["speaker"], named["stance"]).reindex(columns=stances, fill_value=0)
    counts = counts.assign(_t=counts.sum(axis=1)).sort_values("_t", ascending=False).head(15)
    width, label_w, bar_h = 760, 220, 20
    scale = (width - label_w - 50) / max(int(counts["_t"].max()), 1)
    parts = []
    for i, (speaker, row) in enumerate(counts.iterrows()):
        y, x = i * (bar_h + 4), float(label_w)
        parts.append(
            f'<text x="{label_w - 6}" y="{y + 15}" text-anchor="end" font-size="12">'
            f"{escape(str(speaker)[:40])}</text>"
        )
        for st in stances:
            n = int(row[st])
            if n:
                parts.append(
                    f'<rect x="{x:.1f}" y="{y}" width="{n * scale:.1f}" height="{bar_h}" '
                    f'fill="{_color(st)}"><title>{escape(st)}: {n}</title></rect>'
                )
                x += n * scale
        parts.append(f'<text x="{x + 4:.1f}" y="{y + 15}" font-size="12">{int(row["_t"])}</text>')
    svg = (
        f'<svg width="{width}" height="{len(counts) * (bar_h + 4)}" role="img">'
        + "".join(parts)
        + "</svg>"
    )
    rows = [
        [escape(str(sp))] + [str(int(r[c])) for c in [*stances, "_t"]]
        for sp, r in counts.iterrows()
    ]
    head = ["speaker", *map(escape, stances), "total"]
    return _legend(stances) + svg + _table(head, rows)


def _devices(df: pd.DataFrame, stances: list[str]) -> str:
    """Device x stance counts, each cell tinted by its stance color and count."""
    pairs = Counter(
        (d, st) for st, devs in zip(df["stance"], df["devices"], strict=True) for d in devs
    )
    if not pairs:
        return '<p class="note">No statement carries a rhetorical device.</p>'
    devices = _order(DEVICES, (d for d, _ in pairs))
    top = max(pairs.values())
    rows = []
    for dev in devices:
        cells = [escape(dev)]
        for st in stances:
            n, rgb = pairs.get((dev, st), 0), _color(st)
            alpha = 0.1 + 0.8 * n / top if n else 0
            r, g, b = (int(rgb[i : i + 2], 16) for i in (1, 3, 5))
            cells.append(
                f'<span style="display:block;background:rgba({r},{g},{b},{alpha:.2f})">{n}</span>'
            )
        rows.append(cells)
    return _table(["device", *map(escape, stances)], rows)


def _timeline(df: pd.DataFrame, stances: list[str]) -> str:
    """Statements per published date (per month when dates are many), stacked by stance."""
    dated = df[df["published"] != ""]
    if dated.empty:
        return '<p class="note">The articles carry no dates, so there is no timeline.</p>'
    keys = dated["published"]
    if keys.nunique() > 60:
        keys = keys.str[:7]
    counts = pd.crosstab(keys, dated["stance"]).reindex(columns=stances, fill_value=0).sort_index()
    height, pad = 260, 80
    bar_w = max(4, min(40, 720 // len(counts)))
    scale = (height - pad) / max(int(counts.sum(axis=1).max()), 1)
    parts = []
    for i, (day, row) in enumerate(counts.iterrows()):
        x, y = 30 + i * (bar_w + 2), float(height - pad)
        for st in stances:
            n = int(row[st])
            if n:
                y -= n * scale
                parts.append(
                    f'<rect x="{x}" y="{y:.1f}" width="{bar_w}" height="{n * scale:.1f}" '
                    f'fill="{_color(st)}"><title>{escape(str(day))} {escape(st)}: {n}'
                    "</title></rect>"
                )
        if i == 0 or i == len(counts) - 1 or i % max(1, len(counts) // 8) == 0:
            ty = height - pad + 8
            parts.append(  # rotated so neighbouring dates never overlap
                f'<text x="{x + bar_w / 2:.1f}" y="{ty}" font-size="10" text-anchor="end" '
                f'transform="rotate(-45 {x + bar_w / 2:.1f} {ty})">{escape(str(day))}</text>'
            )
    width = 60 + len(counts) * (bar_w + 2) + 60
    undated = len(df) - len(dated)
    note = (
        f'<p class="note">{undated} statement(s) without a date are left out.</p>'
        if undated
        else ""
    )
    return (
        _legend(stances)
        + f'<svg width="{width}" height="{height}" role="img">'
        + "".join(parts)
        + "</svg>"
        + note
    )


def _escalatory(df: pd.DataFrame) -> str:
    """The 20 statements with the highest escalatory score."""
    score = df["stance_scores"].map(lambda d: d.get("escalatory", float("nan")))
    top = df.assign(_score=score).dropna(subset=["_score"])
    top = top.sort_values("_score", ascending=False, kind="stable").head(20)
    if top.empty:
        return '<p class="note">No statement has an escalatory score.</p>'
    rows = [
        [
            f"{r['_score']:.3f}",
            escape(r["speaker"] or r["speaker_surface"]),
            escape(r["article_id"]) + "<br>" + escape(r["source"]),
            escape(r["text"]),
        ]
        for _, r in top.iterrows()
    ]
    return _table(["score", "speaker", "article / source", "text"], rows)


def _all(df: pd.DataFrame) -> str:
    """Every statement (capped) with a text box that filters rows in place."""
    shown = df.head(MAX_ROWS)
    rows = [
        [
            escape(r["article_id"]),
            escape(r["speaker"] or r["speaker_surface"]),
            f'<span style="color:{_color(r["stance"])}">{escape(r["stance"])}</span>',
            escape(", ".join(r["devices"])),
            escape(r["published"]),
            escape(r["text"]),
        ]
        for _, r in shown.iterrows()
    ]
    note = (
        f'<p class="note">Showing the first {MAX_ROWS:,} of {len(df):,} statements.</p>'
        if len(df) > MAX_ROWS
        else ""
    )
    box = (
        '<input id="q" type="search" size="50" '
        'placeholder="filter by text, speaker, stance, device">'
    )
    head = ["article", "speaker", "stance", "devices", "published", "text"]
    return note + box + _table(head, rows, ' id="all"') + f"<script>{JS}</script>"


def build_report(
    scored_path: str | Path, html_path: str | Path, title: str = "quotelens report"
) -> Path:
    """Write the analyst's HTML report for ``scored_path`` to ``html_path`` and return that path."""
    df = _read(Path(scored_path))
    stances = _order(STANCES, (s for s in df["stance"] if s)) or list(STANCES)

    def distinct(col: str) -> str:
        vals = sorted({v for v in df[col] if v})
        return escape(", ".join(vals)) if vals else "&ndash;"

    header = _table(
        ["articles", "statements", "speakers", "model", "schema version"],
        [
            [
                str(df.loc[df["article_id"] != "", "article_id"].nunique()),
                str(len(df)),
                str(df.loc[df["speaker"] != "", "speaker"].nunique()),
                distinct("model_uri"),
                distinct("schema_version")
                if df["schema_version"].any()
                else escape(SCHEMA_VERSION),
            ]
        ],
    )
    parts = [f"<h1>{escape(title)}</h1>", header]
    if df.empty:
        parts.append('<p class="note">There are no statements in this file.</p>')
    else:
        parts += [
            "<h2>Stance by speaker</h2>",
            _speakers(df, stances),
            "<h2>Device frequency by stance</h2>",
            _devices(df, stances),
            "<h2>Statements over time</h2>",
            _timeline(df, stances),
            "<h2>Most escalatory statements</h2>",
            _escalatory(df),
            "<h2>All statements</h2>",
            _all(df),
        ]
    page = (
        f'<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>{escape(title)}'
        f"</title><style>{CSS}</style></head><body>{''.join(parts)}</body></html>\n"
    )
    out = Path(html_path)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(page, "utf-8")
    return out
