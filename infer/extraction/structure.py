"""Article structure before extraction: headlines, datelines, bylines, captions and furniture.

Each paragraph gets a role; only headline, body and caption text is ever parsed, with datelines
and photo credits cut off, so none of them can become a speaker.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from infer.extraction.lexicon import rules
from infer.extraction.quotes import paragraphs

PARSED = ("headline", "body", "caption")  # roles whose text can hold statements
MAX_HEADLINE_WORDS = 40
MAX_SUBHEAD_WORDS = 15
MAX_CAPTION_WORDS = 70
MAX_LINK_QUESTION_WORDS = 12
MONTHS = {m[:3].lower(): i for i, m in enumerate(rules("structure")["months"][:12], 1)}


@dataclass(frozen=True)
class Region:
    """A stretch of the article with one role (offsets into the text as read)."""

    role: str  # headline | body | caption | dateline | byline | date | credit | related | ad | ...
    start: int
    end: int


@dataclass(frozen=True)
class Page:
    """An article text with what its HTML metadata says (trafilatura's title, author, date)."""

    text: str
    title: str = ""
    author: str = ""
    date: str = ""


@dataclass(frozen=True)
class Structure:
    """Every region of one article, in text order, and the article date when the page gives it."""

    regions: tuple[Region, ...]
    date: str = ""  # ISO date (YYYY-MM-DD) from a date line or dateline
    text: str = ""  # the article text, for splitting headline clauses

    def segments(self) -> list[Region]:
        """The regions that are parsed for statements; a headline's clauses ("A; B says C") are
        parsed apart, as a parser reads one headline as one sentence."""
        out = []
        for r in self.regions:
            if r.role == "headline" and self.text:
                pos = r.start
                for m in re.finditer(r";\s+|\s+\|\s+", self.text[r.start : r.end]):
                    out.append(Region(r.role, pos, r.start + m.start()))
                    pos = r.start + m.end()
                out.append(Region(r.role, pos, r.end))
            elif r.role in PARSED:
                out.append(r)
        return out

    def where(self, pos: int) -> str | None:
        """body / headline / caption for a position in parsed text; None inside furniture."""
        for r in self.regions:
            if r.start <= pos < r.end:
                return r.role if r.role in PARSED else None
        return None


@cache
def _patterns(key: str) -> list[re.Pattern]:
    data = rules("structure")
    months = "(?:" + "|".join(data["months"]) + ")"
    items = data[key] if isinstance(data[key], list) else [data[key]]
    return [re.compile(p.replace("{month}", months)) for p in items]


def _any(key: str, text: str) -> re.Match | None:
    return next((m for p in _patterns(key) if (m := p.search(text))), None)


def _words(text: str) -> int:
    return len(text.split())


def _link_title(para: str) -> bool:
    """A line of a related-links list: short, no full stop ("Who are the rebels?" is a title)."""
    question = para.rstrip()[-1:] == "?" and _words(para) <= MAX_LINK_QUESTION_WORDS
    return _words(para) <= 20 and (question or not _ends_sentence(para))


def _ends_sentence(text: str) -> bool:
    return text.rstrip("”\"’' ")[-1:] in ".?!;:,"


def read_structure(text: str, title: str = "", author: str = "") -> Structure:
    """Roles for every paragraph; ``title``/``author`` come from page metadata (HTML) if known."""
    regions: list[Region] = []
    headline = ""
    body_started = related = furniture_seen = False
    date = ""
    paras = paragraphs(text)
    for k, (s, e) in enumerate(paras):
        raw = text[s:e]
        lead = len(raw) - len(raw.lstrip())
        s, e = s + lead, s + len(raw.rstrip())
        para = text[s:e]
        role = _furniture(para, author)
        if role is None and related:
            if _any("list_item", para) or _link_title(para):
                role = "related"
            else:
                related = False
        if role in ("date", "dateline"):
            date = date or _iso_date(para)
        if role == "related" and _words(para) <= 4:
            related = True  # a header of its own: the list follows
        if role is not None:
            furniture_seen = furniture_seen or role in ("byline", "date")
            regions.append(Region(role, s, e))
            continue
        if mark := _any("list_marker", para):  # "• FO says …": the bullet is nobody's word
            s, para = s + mark.end(), para[mark.end() :]
        if headline and para == headline:
            regions.append(Region("repeated_headline", s, e))
            continue
        m = _any("dateline_prefix", para) or (not body_started and _any("dateline_lead", para))
        if m and m.end() < len(para):
            regions.append(Region("dateline", s, s + m.end()))
            date = date or _iso_date(m.group(0))
            regions.append(Region("body", s + m.end(), e))
            body_started = True
            continue
        if (label := _any("caption_label", para)) and label.end() < len(para):
            # "Image caption, Protesters burn tyres …": the label is furniture, the rest caption
            regions.append(Region("credit", s, s + label.end()))
            regions.append(Region("caption", s + label.end(), e))
            continue
        if (credit := _any("caption_credit", para)) and _words(para) <= MAX_CAPTION_WORDS:
            regions.append(Region("caption", s, s + credit.start()))
            regions.append(Region("credit", s + credit.start(), e))
            furniture_seen = True
            continue
        if title and para.strip() == title.strip():
            headline = headline or para
            regions.append(Region("headline", s, e))
            continue
        # After a headline, a paragraph of full sentences longer than a subhead is body text
        # (wire stories often have no dateline or byline to mark where the body starts), unless
        # a byline or date follows it: then it is the standfirst.
        prose = (
            bool(headline)
            and _words(para) > MAX_SUBHEAD_WORDS
            and _ends_sentence(para)
            and not _furniture_next(text, paras[k + 1 : k + 3], author)
        )
        if (
            not body_started
            and not furniture_seen
            and not prose
            and _words(para) <= MAX_HEADLINE_WORDS
        ):
            if k == 0 and _words(para) <= 3 and not title and _kicker(text, paras, author):
                regions.append(Region("section", s, e))
                continue
            headline = headline or para
            regions.append(Region("headline", s, e))
            continue
        body_started = True
        short = _words(para) <= MAX_SUBHEAD_WORDS and not _ends_sentence(para)
        regions.append(Region("headline" if short else "body", s, e))
    return Structure(tuple(regions), date, text)


def page_structure(page: Page | str) -> Structure:
    """The structure of a plain text or of a page; the page's metadata date wins."""
    if isinstance(page, str):
        return read_structure(page)
    found = read_structure(page.text, page.title, page.author)
    return Structure(found.regions, page.date[:10] or found.date, found.text)


def _furniture(para: str, author: str) -> str | None:
    if _any("ad", para):
        return "ad"
    if _any("related_head", para):
        return "related"
    if _any("furniture", para):
        return "furniture"
    if _words(para) <= 25 and (_any("byline", para) or (author and para.strip() == author)):
        return "byline"
    if _words(para) <= 14 and _any("dateline_only", para):
        return "date"
    return None


def _furniture_next(text: str, paras: list[tuple[int, int]], author: str) -> bool:
    """Whether a byline or date line is among ``paras``."""
    return any(_furniture(text[s:e].strip(), author) in ("byline", "date") for s, e in paras)


def _kicker(text: str, paras: list[tuple[int, int]], author: str) -> bool:
    """A one-to-three-word section label above a headline ("Burma", "DR Congo")."""
    if len(paras) < 2:
        return False
    nxt = text[paras[1][0] : paras[1][1]].strip()
    return _furniture(nxt, author) is None and _words(nxt) <= MAX_HEADLINE_WORDS


def _iso_date(text: str) -> str:
    """YYYY-MM-DD from '6 May 2025', 'Jun 17, 2024', '31/07/2024'; empty when the year is absent."""
    months = "|".join(MONTHS)
    m = re.search(rf"\b(\d{{1,2}})\s+({months})[a-z]*\.?,?\s+(\d{{4}})", text, re.I)
    if m:
        return f"{m[3]}-{MONTHS[m[2][:3].lower()]:02d}-{int(m[1]):02d}"
    m = re.search(rf"\b({months})[a-z]*\.?\s+(\d{{1,2}}),?\s+(\d{{4}})", text, re.I)
    if m:
        return f"{m[3]}-{MONTHS[m[1][:3].lower()]:02d}-{int(m[2]):02d}"
    m = re.search(r"\b(\d{1,2})/(\d{1,2})/(\d{4})\b", text)
    if m and int(m[2]) <= 12:
        return f"{m[3]}-{int(m[2]):02d}-{int(m[1]):02d}"
    return ""
