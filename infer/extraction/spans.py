"""Character spans of reported content: trimmed of complementizers, punctuation and the time
phrases that date the saying rather than the content."""

from __future__ import annotations

import re

from infer.extraction.lexicon import word_list, words


def token_span(doc, tokens) -> tuple[int, int]:
    """Doc-relative character range of ``tokens``, trailing punctuation trimmed."""
    first = min(tokens, key=lambda t: t.i)
    last = max(tokens, key=lambda t: t.i)
    start, end = first.idx, last.idx + len(last)
    text = doc.text
    while end > start and text[end - 1] in " .,;:—–-\n":
        end -= 1
    return start, end


def content_span(doc, tokens) -> tuple[int, int]:
    """v1.1 content span: without a leading complementizer, comma or dash."""
    tokens = sorted(tokens, key=lambda t: t.i)
    while len(tokens) > 1 and (
        (tokens[0].dep_ == "mark" and tokens[0].lower_ in ("that", "whether", "if"))
        or (tokens[0].is_punct and not _opening_mark(tokens[0]))
        or tokens[0].is_space
    ):
        tokens = tokens[1:]
    return token_span(doc, tokens)


def open_fragment(text: str, start: int, end: int) -> int:
    """Include the opening mark of a quoted fragment the parse left outside the span ("urged
    “all patriots” to …": the mark hangs on the verb)."""
    span, before = text[start:end], text[start - 1 : start]
    curly = before == "“" and span.count("”") > span.count("“")
    straight = before == '"' and span.count('"') % 2 == 1
    return start - 1 if curly or straight else start


def fragment_marks(text: str, start: int, end: int) -> tuple[int, int]:
    """The span with the quotation marks of the fragments it holds: an opening or closing mark
    the parse left outside, or both marks of content quoted whole ("urged “all sides to …”")."""
    start, end = open_fragment(text, start, end), close_fragment(text, start, end)
    pairs = {"“": "”", '"': '"'}
    before, after = text[start - 1 : start], text[end : end + 1]
    if before in pairs and after == pairs[before] and before not in text[start:end]:
        return start - 1, end + 1
    return start, end


def _opening_mark(token) -> bool:
    """A quotation mark that opens a fragment: a mixed statement's span keeps it."""
    after = token.doc.text[token.idx + 1 : token.idx + 2]
    return token.text in ("“", "‘", '"', "'") and after.strip() != ""


def close_fragment(text: str, start: int, end: int) -> int:
    """Include the closing mark of a quoted fragment the parse left outside the span."""
    span = text[start:end]
    for mark, opened in (("”", span.count("“") > span.count("”")), ('"', span.count('"') % 2)):
        m = re.match(rf"[.,;:?!]?{mark}", text[end : end + 3]) if opened else None
        if m:
            return end + m.end()
    return end


def drop_dates(tokens: list) -> list:
    """Without a leading or trailing time phrase ("on Monday"): when it was said, not what."""
    if not tokens:
        return tokens
    tokens = sorted(tokens, key=lambda t: t.i)
    ids = {t.i for t in tokens}
    cut: set[int] = set()
    for t in tokens:
        if _date_phrase(t):
            cut |= {x.i for x in t.subtree}
    # Only at the edges: a date inside the content ("troops left on Monday and ...") stays.
    lo, hi = 0, len(tokens)
    while lo < hi and (tokens[lo].i in cut or tokens[lo].is_punct):
        lo += 1
    while hi > lo and (tokens[hi - 1].i in cut or tokens[hi - 1].is_punct):
        hi -= 1
    kept = tokens[lo:hi]
    return kept if kept and ids else tokens


TIME_ADVERBS = words("cues", "time_adverbs")


def _date_phrase(token) -> bool:
    """ "on Wednesday" (a preposition with a date or time) or a bare "Tuesday"."""
    if token.dep_ == "prep":
        return any(c.ent_type_ in ("DATE", "TIME") for c in token.children)
    return token.ent_type_ in ("DATE", "TIME") and token.dep_ == "npadvmod"


def dated(token) -> bool:
    """A phrase that dates the saying: "on Wednesday", "Tuesday", "later", "earlier"."""
    if token.dep_ == "advmod":
        return token.lower_ in TIME_ADVERBS
    return _date_phrase(token)


def without_leading_date(verb, tokens: list) -> list:
    """ "said on Wednesday it would respond", "said later they were safe": a time phrase right
    after the cue dates the saying; it leaves the content when a clause with its own subject
    follows it."""
    tokens = sorted(tokens, key=lambda t: t.i)
    if not tokens or tokens[0].i != verb.i + 1 or not dated(tokens[0]):
        return tokens
    cut = {x.i for x in tokens[0].subtree}
    rest = [t for t in tokens if t.i not in cut]
    return rest if any(t.dep_ in ("nsubj", "nsubjpass") for t in rest) else tokens


def clause_after_time_adverb(verb) -> list:
    """ "said earlier that …": the parser may hang the that-clause on the adverb (as in
    "earlier than"); that clause, or []."""
    for adverb in verb.children:
        if adverb.dep_ == "advmod" and adverb.i == verb.i + 1 and adverb.lower_ in TIME_ADVERBS:
            return [c for c in adverb.children if c.dep_ == "ccomp"]
    return []


def conditional(clause) -> bool:
    """An adverbial clause opened by "if" or "unless"."""
    return any(c.dep_ == "mark" and c.lower_ in ("if", "unless") for c in clause.children)


REPORTER_TAILS = [re.compile(p) for p in word_list("cues", "reporter_tails")]


def without_reporter_tail(text: str, start: int, end: int, cue: str = "") -> int:
    """The end of reported content before a closing remark of the reporter's (", a claim that
    could not be verified"), unless the remark sits inside a quoted fragment or is the cue."""
    span, own = text[start:end], cue.lower()
    cuts = [
        m.start()
        for p in REPORTER_TAILS
        if (m := p.search(span)) and not (own and own in m.group().lower())
    ]
    cut = min(cuts, default=None)
    if cut is None or cut == 0 or _open_marks(span[:cut]):
        return end
    return start + cut


def _open_marks(span: str) -> bool:
    return span.count("“") > span.count("”") or span.count('"') % 2 == 1
