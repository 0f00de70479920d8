"""The statements as compact JSON for the page's script: lookup tables and one array per row.

Paragraphs are stored once and a statement points into its paragraph, so 10,000 statements fit
in a few megabytes. The row layout is ``FIELDS``; the page's script reads it by these names.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from infer.report.prepare import Report, Statement

FIELDS = (
    "article",  # index into articles
    "speaker",  # index into speakers, -1 when unknown
    "surface",  # string index: the speaker as written
    "resolved",  # string index: the speaker as the record resolved it
    "stance",  # index into stances
    "probs",  # stance probabilities in thousandths, in stances order
    "devices",  # bit mask over devices
    "cue",  # string index
    "via",  # string index
    "para",  # index into paras
    "off",  # span start in the paragraph, -1 when the text is not found in it
    "len",  # span length
    "kind",  # string index
    "copies",  # records collapsed into this statement
    "date",  # string index ('' when undated)
    "sources",  # string index: the sources of all copies, joined
    "text",  # the text itself when it is not found in the paragraph, else 0
)


@dataclass
class _Table:
    """Interned strings in first-seen order."""

    values: list[str] = field(default_factory=list)
    index: dict[str, int] = field(default_factory=dict)

    def __call__(self, value: str) -> int:
        if value not in self.index:
            self.index[value] = len(self.values)
            self.values.append(value)
        return self.index[value]


def _span(text: str, context: str) -> tuple[str, int, int]:
    """(paragraph, offset, length) of ``text`` within its whitespace-normalised paragraph."""
    para = " ".join(context.split())
    t = " ".join(text.split())
    if not para:
        return t, 0, len(t)
    off = para.find(t) if t else -1
    return para, off, len(t) if off >= 0 else 0


def _row(s: Statement, r: Report, strings: _Table, paras: _Table, articles: _Table, spk) -> list:
    para, off, n = _span(s.text, s.context)
    mask = sum(1 << r.devices.index(d) for d in s.devices if d in r.devices)
    return [
        articles(s.article_id),
        spk.get(s.speaker, -1),
        strings(s.speaker_surface),
        strings(s.speaker_resolved),
        r.stances.index(s.stance) if s.stance in r.stances else -1,
        [round(p * 1000) for p in s.scores],
        mask,
        strings(s.cue),
        strings(s.via),
        paras(para),
        off,
        n,
        strings(s.kind),
        s.copies,
        strings(s.date),
        strings(", ".join(s.sources)),
        0 if off >= 0 else s.text,
    ]


def payload(report: Report) -> dict:
    """The JSON object the page embeds."""
    strings, paras, articles = _Table(), _Table(), _Table()
    keys = sorted(report.speakers, key=lambda k: (-report.speakers[k].statements, k))
    spk = {k: i for i, k in enumerate(keys)}
    rows = [_row(s, report, strings, paras, articles, spk) for s in report.statements]
    return {
        "fields": FIELDS,
        "stances": report.stances,
        "devices": report.devices,
        "speakers": [[report.speakers[k].name, ", ".join(report.speakers[k].forms)] for k in keys],
        "articles": articles.values,
        "strings": strings.values,
        "paras": paras.values,
        "rows": rows,
    }
