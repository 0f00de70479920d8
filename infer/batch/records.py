"""Scored-output rows per LABELS.md, built from extracted statements or input statements."""

from __future__ import annotations

import pandas as pd

from infer.batch.dates import article_date
from infer.batch.readers import Article
from infer.batch.schema import EXTRACTED_COLUMNS, STATEMENT_COLUMNS

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


def _article_fields(article: Article, dated: bool = True) -> dict:
    published = article_date(article.published, article.text) if dated else article.published
    return {"article_id": article.id, "source": article.source, "published": published}


def article_records(articles: list[Article], found: list[list]) -> pd.DataFrame:
    """One row per extracted statement; statement columns copy the attribute of the same name."""
    rows = []
    for article, statements in zip(articles, found, strict=True):
        fields = _article_fields(article) if statements else {}
        for n, s in enumerate(statements, 1):
            rows.append(
                {
                    **{c: getattr(s, c, None) for c in STATEMENT_COLUMNS},
                    **fields,
                    "statement_id": f"{article.id}:{n}",
                    "context": statement_context(article.text, s.start, s.end),
                }
            )
    return pd.DataFrame(rows, columns=EXTRACTED_COLUMNS)


def statement_records(items: list[Article]) -> pd.DataFrame:
    """``--statements`` mode: the input rows are the statements; article fields stay empty."""
    return pd.DataFrame(
        [
            {
                **{c: None if c in ("start", "end") else "" for c in STATEMENT_COLUMNS},
                **_article_fields(a, dated=False),
                "article_id": "",
                "statement_id": a.id,
                "text": a.text,
                "context": a.context,
            }
            for a in items
        ],
        columns=EXTRACTED_COLUMNS,
    )
