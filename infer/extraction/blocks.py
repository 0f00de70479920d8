"""A statement reproduced in full after its introduction ("X released the following press
statement:"): each paragraph that follows, up to the next furniture or heading, is a direct
statement by X, with no quotation marks (state agencies print them this way)."""

from __future__ import annotations

import re
from dataclasses import replace

from infer.extraction.attribution import statement_issuers
from infer.extraction.phrases import make_attribution
from infer.extraction.structure import Structure
from infer.extraction.subjects import cue_verbs, subject_of
from infer.extraction.types import Attribution, Candidate

INTRO = re.compile(
    r"\bthe following\b[^.:]{0,60}:\s*$"
    # "The statement, posted on the ministry's website, read in part:"
    r"|\b(?:statement|text|message|letter|communiqu[eé])\b(?:,[^.:]{0,80},)?"
    r"\s+(?P<cue>(?:reads|read|said|says)(?:\s+in\s+part)?)\s*:\s*$",
    re.I,
)
QUOTE_OPENERS = "“\"‘'«"


def _introducer(paras, end: int) -> Attribution | None:
    """Who the introduction names: the subject of its issuing or cue verb."""
    for p_start, doc in paras:
        if not p_start <= end - 1 < p_start + len(doc.text):
            continue
        verbs = [(s, v) for s, v in statement_issuers(doc)]
        verbs += [(s, v) for v in cue_verbs(doc) if (s := subject_of(v)) is not None]
        for subject, verb in sorted(verbs, key=lambda x: -x[1].i):
            if (attr := make_attribution(subject, verb.text, p_start)) is not None:
                return attr
    return None


def statement_blocks(text: str, structure: Structure, paras) -> list[Candidate]:
    """Direct statements for the paragraphs after each introduction that ends with a colon."""
    out: list[Candidate] = []
    regions = list(structure.regions)
    for k, r in enumerate(regions):
        intro = INTRO.search(text[r.start : r.end])
        if r.role != "body" or intro is None:
            continue
        attr = _introducer(paras, r.end)
        if attr is None:
            continue
        if intro.group("cue"):  # "The statement … read in part:": the cue as written
            attr = replace(attr, cue=intro.group("cue"))
        for nxt in regions[k + 1 :]:
            para = text[nxt.start : nxt.end]
            if nxt.role != "body" or para.lstrip()[:1] in QUOTE_OPENERS:
                break
            out.append(Candidate(nxt.start, nxt.end, "direct", attr, "body"))
    return out
