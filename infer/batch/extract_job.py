"""``python -m infer extract``: statements and speakers for every article, no model needed."""

from __future__ import annotations

import sys
from pathlib import Path

import pandas as pd

from infer.batch.readers import Article, InputError, ReadOptions, iter_inputs
from infer.batch.records import article_records
from infer.batch.schema import ERROR, RECORD, TEXT, SideFiles
from infer.batch.writers import write_table
from infer.errors import QuotelensError


def extract_to_file(inputs: list[str], output: str, opts: ReadOptions, workers: int = 1) -> int:
    from infer.extraction.extractor import StatementExtractor

    items = list(iter_inputs(inputs, opts))
    articles = [a for a in items if isinstance(a, Article)]
    errors = [{"input": e.input, "reason": e.reason} for e in items if isinstance(e, InputError)]
    found = list(StatementExtractor(n_process=workers).extract_many(a.text for a in articles))
    frame = article_records(articles, found)
    out = Path(output)
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        write_table(frame, out, RECORD)
        write_table(
            pd.DataFrame(errors, columns=ERROR.names),
            SideFiles.beside(out).errors,
            ERROR,
        )
        html = [
            {"article_id": a.id, "source": a.source, "text": a.text} for a in articles if a.html
        ]
        if html:
            write_table(pd.DataFrame(html), SideFiles.beside(out).texts, TEXT)
    except OSError as err:
        raise QuotelensError(f"cannot write {out}: {err.strerror or err}") from None
    print(
        f"articles: {len(items)} (extracted {len(articles)}, errors {len(errors)}), "
        f"statements: {len(frame)} -> {out}",
        file=sys.stderr,
    )
    return 0
