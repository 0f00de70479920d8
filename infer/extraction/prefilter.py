"""A cheap test for text that may hold a statement: quote marks or a cue verb form."""

from __future__ import annotations

import re
from functools import cache

from infer.extraction.lexicon import words

QUOTE_MARKS = "“”„«»‘’‚\"'"


@cache
def _cue_pattern() -> re.Pattern:
    stems = set()
    for lemma in words("cues", "cue_lemmas"):
        stem = lemma[:-1] if lemma[-1] in "ey" and len(lemma) > 3 else lemma
        stems.add(re.escape(stem))
    irregular = words("cues", "cue_forms") | {"according", "told", "said", "wrote", "thought"}
    stems |= {re.escape(w) for w in irregular}
    return re.compile(r"\b(?:" + "|".join(sorted(stems, key=len, reverse=True)) + r")", re.I)


def may_hold_statement(text: str) -> bool:
    """True when ``text`` has a quotation mark or a word starting like a cue verb."""
    return any(c in text for c in QUOTE_MARKS) or bool(_cue_pattern().search(text))
