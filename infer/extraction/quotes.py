"""Find quotation spans in article text: curly, straight and single marks, robust to odd counts."""

from __future__ import annotations

import re
from dataclasses import dataclass

DOUBLE_OPEN = "“„«"
DOUBLE_CLOSE = "”»"
SINGLE_OPEN = "‘‚"
SINGLE_CLOSE = "’"
TRAILING_INSIDE = ",.;:?!…–— \n\t"


@dataclass(frozen=True)
class Quote:
    """A quotation: marks at ``open_at``/``close_at`` (``close_at`` None when never closed)."""

    open_at: int
    close_at: int | None
    start: int  # first character of the quoted words
    end: int  # the closing mark (punctuation inside kept); unclosed: last word, trimmed


def word_count(text: str) -> int:
    return len(re.findall(r"[\w’'-]+", text))


def paragraphs(text: str) -> list[tuple[int, int]]:
    """Character ranges of paragraphs (blank-line separated; a single newline also breaks)."""
    spans, pos = [], 0
    for m in re.finditer(r"\n", text):
        if text[pos : m.start()].strip():
            spans.append((pos, m.start()))
        pos = m.end()
    if text[pos:].strip():
        spans.append((pos, len(text)))
    return spans


def _is_word(ch: str) -> bool:
    return ch.isalnum()


def _mark_role(text: str, i: int) -> str | None:
    """Classify the mark at ``i`` as 'open', 'close', 'either' or None (an apostrophe)."""
    ch = text[i]
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    if ch in DOUBLE_OPEN or ch in SINGLE_OPEN:
        return "open"
    if ch in DOUBLE_CLOSE:
        return "close"
    if ch in SINGLE_CLOSE or ch == "'":
        if _is_word(before) and _is_word(after):
            return None  # it’s, don't, Qur'an
        if before.isspace() or before in "([—–-":
            return "open" if _is_word(after) or after in '“"' else None
        if _is_word(before) and before.lower() == "s" and after.isspace():
            return "close-or-apostrophe"  # Hamas’ fighters vs ‘... the Hamas’
        return "close"
    if ch == '"':
        if before.isspace() or before in "([—–-" or i == 0:
            return "open"
        if after.isspace() or after in ".,;:?!)—–-" or i + 1 == len(text):
            return "close"
        return "either"
    return None


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1] in TRAILING_INSIDE:
        end -= 1
    return start, end


def find_quotes(text: str) -> list[Quote]:
    """Pair quotation marks paragraph by paragraph; an unclosed quote ends with its paragraph
    unless the next paragraph reopens it (a multi-paragraph quotation)."""
    quotes: list[Quote] = []
    paras = paragraphs(text)
    carry: int | None = None  # open mark of a quotation continuing from the previous paragraph
    for p_index, (p_start, p_end) in enumerate(paras):
        marks = [
            (i, role)
            for i in range(p_start, p_end)
            if text[i] in "“”„«»‘’‚'\"" and (role := _mark_role(text, i))
        ]
        if carry is not None:
            # The continuation paragraph opens with a mark that is not a new quotation.
            if (
                marks
                and marks[0][1] in ("open", "either")
                and not text[p_start : marks[0][0]].strip()
            ):
                marks = marks[1:]
                opened: tuple[int, str] | None = (carry, "double")
            else:
                quotes.append(_unclosed(text, carry, paras[p_index - 1][1]))
                opened = None
            carry = None
        else:
            opened = None
        single_open: int | None = None
        nested = False  # a single quotation open inside the double one
        for i, role in marks:
            ch = text[i]
            is_single = ch in "‘’‚'"
            if is_single:
                if opened is not None:
                    # Nested single quotes inside a double quotation, unless this closes the
                    # double one with the wrong mark: "We have heard this,' said Kahindo.
                    if role == "open":
                        nested = True
                    elif role == "close" and nested:
                        nested = False
                    elif role == "close" and _mismatched_close(text, i):
                        quotes.append(_closed(text, opened[0], i))
                        opened = None
                    continue
                if role == "open" and single_open is None:
                    single_open = i
                elif role in ("close", "close-or-apostrophe") and single_open is not None:
                    quotes.append(_closed(text, single_open, i))
                    single_open = None
                continue
            if opened is None and single_open is not None and role == "close":
                if _mismatched_close(text, i):  # 'We have heard this," said Kahindo.
                    quotes.append(_closed(text, single_open, i))
                    single_open = None
                continue
            if opened is None:
                if role in ("open", "either"):
                    nested = False
                    opened = (i, "double")
                    single_open = None
            elif role in ("close", "either"):
                quotes.append(_closed(text, opened[0], i))
                opened = None
            elif role == "open":
                # Two openers in a row: the first never closed; recover locally.
                quotes.append(_unclosed(text, opened[0], _sentence_end(text, opened[0], i)))
                opened = (i, "double")
        if opened is not None:
            nxt = paras[p_index + 1][0] if p_index + 1 < len(paras) else None
            if nxt is not None and text[nxt] in '“"«„':
                carry = opened[0]
            else:
                quotes.append(_unclosed(text, opened[0], p_end))
    if carry is not None:
        quotes.append(_unclosed(text, carry, paras[-1][1]))
    return sorted(quotes, key=lambda q: q.open_at)


def _closed(text: str, open_at: int, close_at: int) -> Quote:
    # v1.1: a closed quotation keeps the punctuation inside its marks ("We will respond,").
    start, end = open_at + 1, close_at
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return Quote(open_at, close_at, start, end)


def _unclosed(text: str, open_at: int, limit: int) -> Quote:
    start, end = _trim(text, open_at + 1, limit)
    return Quote(open_at, None, start, end)


def _mismatched_close(text: str, i: int) -> bool:
    """A closing mark of the other kind ends the quotation when it follows the quotation's own
    punctuation and the attribution comes next ("… in Rutshuru,' said Esther Kahindo")."""
    return text[i - 1] in ",.?!…" and re.match(r"\s+[a-z]", text[i + 1 : i + 4]) is not None


def _sentence_end(text: str, start: int, limit: int) -> int:
    m = re.search(r"[.?!](\s|$)", text[start:limit])
    return start + m.end() if m else limit
