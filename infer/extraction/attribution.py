"""Cue verbs, their speakers and their reported content, read off spaCy dependency parses."""

from __future__ import annotations

import re
from dataclasses import dataclass

from infer.extraction.quotes import Quote

CUE_LEMMAS = {
    "say",
    "tell",
    "warn",
    "deny",
    "vow",
    "claim",
    "insist",
    "urge",
    "believe",
    "call",
    "accuse",
    "threaten",
    "pledge",
    "announce",
    "stress",
    "argue",
    "add",
    "state",
    "declare",
    "ask",
    "promise",
    "write",
    "assert",
    "allege",
    "acknowledge",
    "admit",
    "confirm",
    "demand",
    "predict",
    "suggest",
    "think",
    "note",
    "emphasize",
    "emphasise",
    "reiterate",
    "caution",
    "signal",
    "indicate",
    "suspect",
    "fear",
    "repeat",
    "explain",
    "tweet",
    "reject",
    "dismiss",
    "sneer",
    "boast",
    "concede",
    "maintain",
    "contend",
    "charge",
    "appeal",
    "order",
    "recall",
    "hint",
    "brand",
    "describe",
    "reply",
    "respond",
    "counter",
    "remark",
    "observe",
    "complain",
    "report",
    "estimate",
    "expect",
    "hope",
    "blame",
    "condemn",
    "mock",
    "quip",
    "retort",
    "underline",
    "underscore",
    "affirm",
    "reaffirm",
    "advise",
    "assure",
    "forecast",
    "conclude",
    "speculate",
}
CUE_FORMS = {
    "said",
    "says",
    "say",
    "told",
    "tells",
    "warned",
    "warns",
    "added",
    "adds",
    "declared",
    "declares",
    "wrote",
    "writes",
    "stated",
    "states",
    "insisted",
    "insists",
    "asked",
    "asks",
    "replied",
    "continued",
    "stressed",
    "noted",
    "argued",
    "claimed",
    "vowed",
    "urged",
}
OBJECT_LEMMAS = {"deny", "reject", "dismiss", "accuse", "blame", "condemn", "call", "demand"}
DOCUMENT_HEADS = {"report", "survey", "data", "figure", "document", "study", "estimate", "poll"}
ORG_WORDS = {
    "front",
    "forces",
    "army",
    "party",
    "council",
    "ministry",
    "movement",
    "brigade",
    "brigades",
    "resistance",
    "government",
    "office",
    "command",
    "agency",
    "union",
    "league",
}
WH_WORDS = {"who", "which", "that", "what", "whoever", "anyone", "nobody", "everyone", "someone"}
PRONOUN_SUBJECTS = {"he", "she", "they", "it", "we", "i"}


MEDIA_HEADS = {
    "report",
    "reports",
    "media",
    "newspaper",
    "outlet",
    "television",
    "tv",
    "channel",
    "broadcaster",
    "radio",
    "agency",
    "daily",
    "journal",
    "website",
    "wire",
}
MEDIA_NAMES = re.compile(
    r"\b(Reuters|AP|AFP|Associated Press|BBC|CNN|Al Jazeera|Bloomberg|Xinhua|TASS|"
    r"RIA|Interfax|IRNA|Tasnim|Fars|Yonhap|Kyodo|Times|Post|Journal|News|Herald|"
    r"Guardian|Telegraph|Axios|Politico)\b"
)


@dataclass(frozen=True)
class Attribution:
    """Who said it (as written), how to resolve it, and the cue verb."""

    surface: str
    key: str  # what the resolver is given: the person's name, or the surface
    head: str
    kind: str  # pronoun | person | org | description
    cue: str
    pos: int = 0  # paragraph-relative offset of the speaker (made article-relative by callers)
    appos: str = ""  # a proper name in apposition: "the UN mission, UNIFIL," -> "UNIFIL"
    appos_kind: str = ""
    media: bool = False


def speaker_kind(attr: Attribution) -> str:
    return attr.kind


def cue_verbs(doc):
    return [t for t in doc if t.lemma_.lower() in CUE_LEMMAS and t.pos_ in ("VERB", "AUX")]


def subject_of(verb, depth: int = 0):
    for child in verb.children:
        if child.dep_ in ("nsubj", "nsubjpass"):
            return child
    if depth < 3 and verb.dep_ in ("conj", "xcomp", "advcl") and verb.head is not verb:
        return subject_of(verb.head, depth + 1)
    return None


def _speaker_tokens(head) -> list:
    """The speaker phrase: the subject's subtree without appositions and non-restrictive clauses
    (restrictive ones stay: "an official who attended the talks")."""
    doc = head.doc
    cut = set()
    for child in head.subtree:
        if child is head:
            continue
        after_comma = child.left_edge.i > 0 and doc[child.left_edge.i - 1].text == ","
        long_clause = child.right_edge.i - child.left_edge.i >= 6
        if (
            (child.head is head and child.dep_ in ("appos", "advmod", "npadvmod"))
            or (after_comma and child.i > head.i and child.dep_ not in ("conj", "cc"))
            or (child.dep_ in ("relcl", "acl") and (long_clause or child.i < head.i))
        ):
            cut |= {t.i for t in child.subtree}
    keep = {t.i for t in head.subtree} - cut
    lo = hi = head.i
    while lo - 1 in keep and doc[lo - 1].text not in "—–(":
        lo -= 1
    while (
        hi + 1 in keep
        and doc[hi + 1].text not in "—–("
        and not (doc[hi + 1].text == "," and hi + 2 not in keep)
    ):
        hi += 1
    while hi > lo and doc[hi].is_punct:
        hi -= 1
    return [doc[i] for i in range(lo, hi + 1)]


def _appositive(subject) -> tuple[str, str]:
    """A proper name in apposition to a common-noun subject, and whether it is a person."""
    if subject.ent_type_ == "PERSON":
        return "", ""
    for child in subject.subtree:
        if child.dep_ == "appos" and child.pos_ == "PROPN" and child.i > subject.i:
            toks = [
                t
                for t in child.subtree
                if t.dep_ not in ("punct", "appos", "relcl", "acl") or t.i == child.i
            ]
            toks = [t for t in toks if t.i >= child.left_edge.i and t.i <= child.i]
            text = child.doc.text[toks[0].idx : toks[-1].idx + len(toks[-1])]
            doc = subject.doc
            person = any(e.label_ == "PERSON" and e.start <= child.i < e.end for e in doc.ents)
            return text.strip(" ,"), "person" if person else "org"
    return "", ""


def make_attribution(subject, cue: str, p_start: int = 0) -> Attribution | None:
    toks = _speaker_tokens(subject)
    if not toks:
        return None
    doc = subject.doc
    surface = doc.text[toks[0].idx : toks[-1].idx + len(toks[-1])].strip(" ,\ufffd")
    surface = re.sub(r"^(?:and|but|while)\s+", "", surface)
    head = subject.text.lower()
    if head in WH_WORDS:
        return None
    media = subject.lemma_.lower() in MEDIA_HEADS or bool(MEDIA_NAMES.search(surface))
    common = {"cue": cue, "pos": p_start + toks[0].idx, "media": media}
    if head in PRONOUN_SUBJECTS and len(toks) == 1:
        return Attribution(surface, surface, head, "pronoun", **common)
    persons = [
        e
        for e in doc.ents
        if e.label_ == "PERSON"
        and not ORG_WORDS & {t.lower_ for t in e}
        and (e.start <= subject.i < e.end or e.end == toks[-1].i + 1)
    ]
    if persons:
        name = re.sub(r"[’']s$", "", persons[-1].text)
        return Attribution(surface, name, head, "person", **common)
    appos, appos_kind = _appositive(subject)
    if subject.pos_ == "PROPN" and not appos:
        return Attribution(surface, surface, head, "org", **common)
    return Attribution(
        surface,
        surface,
        subject.lemma_.lower(),
        "description",
        appos=appos,
        appos_kind=appos_kind,
        **common,
    )


def _span(doc, tokens) -> tuple[int, int]:
    first = min(tokens, key=lambda t: t.i)
    last = max(tokens, key=lambda t: t.i)
    start, end = first.idx, last.idx + len(last)
    text = doc.text
    while end > start and text[end - 1] in " .,;:—–-\n":
        end -= 1
    return start, end


def _close_fragment(text: str, start: int, end: int) -> int:
    """Include the closing mark of a quoted fragment the parse left outside the span."""
    span = text[start:end]
    if span.count("“") > span.count("”"):
        m = re.match(r"[.,;:?!]?”", text[end : end + 3])
        if m:
            return end + m.end()
    return end


def _overlaps(a: int, b: int, ranges: list[tuple[int, int]]) -> bool:
    return any(a < e and s < b for s, e in ranges)


def _clause_in_prep(verb) -> list:
    """ "said in a statement that …": the that-clause hangs off the prepositional object."""
    for prep in verb.children:
        if prep.dep_ != "prep" or prep.i < verb.i:
            continue
        for tok in prep.subtree:
            if tok.dep_ in ("acl", "ccomp", "relcl") and any(
                c.dep_ == "mark" and c.lower_ == "that" for c in tok.children
            ):
                return [tok]
    return []


def reported_content(text: str, p_start: int, verb, direct_ranges):
    """(start, end, Attribution) of the reported speech governed by ``verb``, or None."""
    lemma = verb.lemma_.lower()
    subject = subject_of(verb)
    if subject is None:
        return None
    content = [c for c in verb.children if c.dep_ in ("ccomp", "xcomp")]
    objects = [c for c in verb.children if c.dep_ in ("dobj", "dative")]
    if lemma in OBJECT_LEMMAS:
        content += [c for c in verb.children if c.dep_ == "dobj" and lemma != "call"]
        content += [
            c
            for c in verb.children
            if c.dep_ == "prep" and c.i > verb.i and c.text.lower() in ("for", "on", "of")
        ]
    if not content:
        content = _clause_in_prep(verb)
    inverted = False
    if not content and verb.dep_ in ("parataxis", "ccomp") and verb.head.i < verb.i:
        head_tokens = {t.i for t in verb.head.subtree} - {t.i for t in verb.subtree}
        before = [
            verb.doc[i] for i in sorted(head_tokens) if i < verb.i and verb.doc[i].dep_ != "punct"
        ]
        if before:
            content, inverted = before, True
    if not content:
        return None
    if inverted:
        tokens = content
    else:
        tokens = [t for c in content for t in c.subtree]
        if objects and content:
            tokens += [t for o in objects for t in o.subtree]
    if not tokens or subject in tokens:
        return None
    start, end = _span(verb.doc, tokens)
    if not inverted and max(t.i for t in tokens) < verb.i:
        pass  # content before the verb: "X would retaliate, the minister warned"
    elif not inverted and subject.i < verb.i:
        start = min(start, _span(verb.doc, _speaker_tokens(subject) or [subject])[0])
    if len(text[p_start + start : p_start + end].split()) < 3:
        return None
    start, end = p_start + start, p_start + end
    end = _close_fragment(text, start, end)
    if _overlaps(start, end, direct_ranges) or _overlaps(
        p_start + subject.idx, p_start + subject.idx + 1, direct_ranges
    ):
        return None
    attr = make_attribution(subject, verb.text, p_start)
    return (start, end, attr) if attr else None


def according_to(text: str, p_start: int, doc, direct_ranges):
    """``According to X, <clause>`` -> (start, end, Attribution) for each occurrence."""
    out = []
    for tok in doc:
        if tok.lower_ != "according":
            continue
        to = next((c for c in tok.children if c.lower_ == "to"), None)
        source = next((c for c in to.children if c.dep_ == "pobj"), None) if to else None
        if source is None or tok.head is tok or source.lemma_.lower() in DOCUMENT_HEADS:
            continue
        skip = {t.i for t in tok.subtree}
        clause = [
            t for t in tok.head.subtree if t.i not in skip and (t.dep_ != "punct" or t.i > tok.i)
        ]
        if not clause:
            continue
        start, end = _span(doc, clause)
        while start < end and text[p_start + start] in " ,":
            start += 1
        s, e = p_start + start, p_start + end
        attr = make_attribution(source, "according to", p_start)
        if attr and not _overlaps(s, e, direct_ranges) and len(text[s:e].split()) >= 3:
            out.append((s, e, attr))
    return out


def attribution_near(text: str, paras, quote: Quote, direct_ranges) -> Attribution | None:
    """Find the speaker of a direct quotation in the words around it (same paragraph)."""
    close = quote.close_at if quote.close_at is not None else quote.end
    prev = text[: quote.open_at].rstrip()[-1:]
    order = ("before", "after") if prev in (":", ",") else ("after", "before")
    for k, (p_start, doc) in enumerate(paras):
        if (
            k
            and p_start <= quote.open_at < p_start + 3
            and doc.text
            and text[:p_start].rstrip().endswith(":")
        ):
            prev_start, prev_doc = paras[k - 1]
            end_quote = Quote(prev_start + len(prev_doc.text), None, 0, 0)
            found = _attribution_in(prev_doc, prev_start, end_quote, 0, "before", direct_ranges)
            if found:
                return found
    for side in order:
        for p_start, doc in paras:
            p_end = p_start + len(doc.text)
            pos = close if side == "after" else quote.open_at
            if not p_start <= pos <= p_end:
                continue
            found = _attribution_in(doc, p_start, quote, close, side, direct_ranges)
            if found:
                return found
    return _introduced_before(paras, quote)


def _introduced_before(paras, quote: Quote) -> Attribution | None:
    """ "Umm Ali, a teacher, spoke to reporters. “…”": the quote's speaker is the named subject
    of the sentence right before it (a person named there, not a pronoun or a thing)."""
    for p_start, doc in paras:
        rel = quote.open_at - p_start
        if not 0 <= rel <= len(doc.text):
            continue
        before = [
            s for s in doc.sents if s.end_char <= rel and not doc.text[s.end_char : rel].strip()
        ]
        if not before:
            return None
        root = before[-1].root
        subject = next((c for c in root.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subject is not None and subject.ent_type_ == "PERSON":
            return make_attribution(subject, root.text, p_start)
    return None


def _attribution_in(doc, p_start: int, quote: Quote, close: int, side: str, direct_ranges):
    if side == "after":
        window = []
        for t in doc:
            pos = p_start + t.idx
            if pos <= close:
                continue
            if t.text in '“"‘«' or _overlaps(pos, pos + 1, direct_ranges):
                break
            window.append(t)
            if (
                t.text in ".?!"
                and t.i + 1 < len(doc)
                and (doc[t.i + 1].is_title or doc[t.i + 1].text in '“"')
            ):
                break
    else:
        window = []
        for t in reversed(doc):
            pos = p_start + t.idx
            if pos >= quote.open_at:
                continue
            if t.text in '”"’»' or t.text in ".?!" or _overlaps(pos, pos + 1, direct_ranges):
                break
            window.insert(0, t)
    for t in window:
        if t.lower_ == "according":
            to = next((c for c in t.children if c.lower_ == "to"), None)
            src = next((c for c in to.children if c.dep_ == "pobj"), None) if to else None
            if src is not None:
                return make_attribution(src, "according to", p_start)
    ids = {t.i for t in window}
    for t in window:
        if t.lemma_.lower() in CUE_LEMMAS and t.pos_ in ("VERB", "AUX"):
            subject = subject_of(t)
            if subject is not None and subject.i in ids:
                return make_attribution(subject, t.text, p_start)
            after = [
                c for c in window if t.i < c.i <= t.i + 3 and c.pos_ in ("PROPN", "NOUN", "PRON")
            ]
            if subject is None and after and t.lower_ in CUE_FORMS:
                return make_attribution(after[0], t.text, p_start)
    return None


def org_mentions(doc):
    """(name, start, end) of organisations named as grammatical subjects (for 'it', 'the group')."""
    out = []
    for ent in doc.ents:
        if ent.label_ == "ORG" and not _person_by_apposition(ent):
            out.append((ent.text, ent.start_char, ent.end_char))
    return out


PERSON_ROLES = {
    "analyst",
    "teacher",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "official",
    "resident",
    "doctor",
    "commander",
    "minister",
    "adviser",
    "advisor",
    "researcher",
    "professor",
    "mother",
    "father",
    "farmer",
    "director",
    "envoy",
    "journalist",
    "lawmaker",
    "leader",
    "survivor",
    "activist",
    "worker",
    "nurse",
    "student",
    "diplomat",
    "general",
    "colonel",
}


def _person_by_apposition(ent) -> bool:
    """'Vesna Pavlovic, a Balkans analyst, …' names a person even when NER says ORG."""
    if ent.label_ not in ("ORG", "GPE", "NORP", "LOC", "FAC"):
        return False
    return any(c.dep_ == "appos" and c.lemma_.lower() in PERSON_ROLES for c in ent.root.children)


def person_mentions(doc):
    """(name, title before the name, description in apposition, start, end, is_subject) for each
    PERSON entity; offsets are paragraph-relative."""
    out = []
    for ent in doc.ents:
        if len(ent.text) < 3 or not (ent.label_ == "PERSON" or _person_by_apposition(ent)):
            continue
        root = ent.root
        title_toks = [t for t in root.subtree if t.i < ent.start]
        title = doc[title_toks[0].i : ent.start].text if title_toks else ""
        description = ""
        appos = [c for c in root.children if c.dep_ == "appos"]
        if appos:
            description = " ".join(t.text for t in appos[0].subtree)
        elif root.dep_ == "appos":
            head = root.head
            skip = {t.i for t in root.subtree}
            description = " ".join(
                t.text for t in head.subtree if t.i not in skip and t.dep_ != "punct"
            )
        node, subject = ent.root, False
        in_clause = any(t.dep_ in ("relcl", "acl") for t in ent.root.ancestors)
        for _ in range(3):
            if node.dep_ in ("nsubj", "nsubjpass"):
                subject = node.head.dep_ not in ("relcl", "acl", "advcl")
                break
            if node.dep_ == "pobj" and not in_clause:
                subject = True  # "heard from Dr. X" introduces the next speaker too
                break
            if node.dep_ not in ("appos", "compound") or node.head is node:
                break
            node = node.head
        out.append((ent.text, title, description, ent.start_char, ent.end_char, subject))
    return out
