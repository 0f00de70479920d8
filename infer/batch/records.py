"""Scored output records per LABELS.md, built from extracted statements or input statements."""

from __future__ import annotations

import pandas as pd

from infer.batch.readers import Article

RECORD_COLUMNS = [
    "article_id",
    "statement_id",
    "start",
    "end",
    "text",
    "kind",
    "cue",
    "speaker_surface",
    "speaker",
    "stance",
    "stance_scores",
    "devices",
    "device_scores",
    "model_uri",
    "schema_version",
    "context",
    "source",
    "published",
]
SCORE_COLUMNS = (
    "stance",
    "stance_scores",
    "devices",
    "device_scores",
    "model_uri",
    "schema_version",
)
# What extraction fills in before a model scores the rows.
EXTRACTED_COLUMNS = [c for c in RECORD_COLUMNS if c not in SCORE_COLUMNS]
CONTEXT_CHARS = 400


def statement_context(text: str, start: int, end: int) -> str:
    """The paragraph around a statement (attribution included), trimmed to ~400 characters."""
    lo = text.rfind("\n\n", 0, start)
    hi = text.find("\n\n", end)
    lo = 0 if lo < 0 else lo + 2
    hi = len(text) if hi < 0 else hi
    lo = max(lo, start - CONTEXT_CHARS // 2)
    hi = min(hi, end + CONTEXT_CHARS // 2)
    return " ".join(text[lo:hi].split())


def article_records(articles: list[Article], found: list[list]) -> pd.DataFrame:
    rows = []
    for article, statements in zip(articles, found, strict=True):
        for n, s in enumerate(statements, 1):
            rows.append(
                {
                    "article_id": article.id,
                    "statement_id": f"{article.id}:{n}",
                    "start": s.start,
                    "end": s.end,
                    "text": s.text,
                    "kind": s.kind,
                    "cue": s.cue,
                    "speaker_surface": s.speaker_surface,
                    "speaker": s.speaker,
                    "context": statement_context(article.text, s.start, s.end),
                    "source": article.source,
                    "published": article.published,
                }
            )
    return pd.DataFrame(
        rows,
        columns=EXTRACTED_COLUMNS,
    )


def statement_records(items: list[Article]) -> pd.DataFrame:
    """``--statements`` mode: the input rows are the statements; article fields stay empty."""
    return pd.DataFrame(
        [
            {
                "article_id": "",
                "statement_id": a.id,
                "start": None,
                "end": None,
                "text": a.text,
                "kind": "",
                "cue": "",
                "speaker_surface": "",
                "speaker": "",
                "context": a.context,
                "source": a.source,
                "published": a.published,
            }
            for a in items
        ],
        columns=EXTRACTED_COLUMNS,
    )
