"""Content before a closing attribution ("…, an official said") that the parser hangs as the
cue's head, conjunct or adverbial clause instead of its complement."""

from __future__ import annotations

from infer.extraction.subjects import is_cue, subject_before, subject_of


def inverted_content(verb) -> list | None:
    """The content before ``verb`` when its attribution closes the sentence (possibly [], when
    the words before are another attribution), or None when the sentence is not so parsed."""
    if before := _inverted_advcl(verb) or _closing_advcl(verb):
        return before
    if (verb.dep_ in ("parataxis", "ccomp") and verb.head.i < verb.i) or _inverted_conj(verb):
        head_tokens = {t.i for t in verb.head.subtree} - {t.i for t in verb.subtree}
        before = [
            verb.doc[i] for i in sorted(head_tokens) if i < verb.i and verb.doc[i].dep_ != "punct"
        ]
        if any(is_cue(t) and _active_subject(t) for t in before):
            return []  # the words before are another attribution, not content
        return before
    return None


def _active_subject(verb) -> bool:
    """Whether a cue verb has a speaker: "A convoy was denied entry, officials said" has none."""
    subject = subject_of(verb)
    return subject is not None and not (subject.dep_ == "nsubjpass" and subject.head.i == verb.i)


def _inverted_conj(verb) -> bool:
    """ "The attack … will not go unanswered, Yelena Kostyuchenko, deputy director …, said on
    Wednesday": the parser makes the closing attribution a conjunct of the content's verb."""
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if verb.dep_ != "conj" or verb.head.i > verb.i or subject is None:
        return False
    before = subject.left_edge.i - 1
    return before > verb.head.i and verb.doc[before].text == "," and subject.i < verb.i


def _inverted_advcl(verb) -> list:
    """ "With both ports shut, deliveries had been “choked off”, an official told reporters": the
    parser may make the content before a closing attribution an adverbial clause of the cue.
    A clause with its own subject and no subordinator, ending at the comma before the cue's
    subject, is the content: the words from the sentence's start to that comma."""
    subject = subject_before(verb)
    if subject is None or subject.left_edge.i < 2:
        return []
    comma = subject.left_edge.i - 1
    for clause in verb.children:
        if (
            clause.dep_ == "advcl"
            and clause.i < comma
            and verb.doc[comma].text == ","
            and clause.right_edge.i in (comma - 1, comma)
            and any(c.dep_ in ("nsubj", "nsubjpass") for c in clause.children)
            and not any(c.dep_ == "mark" for c in clause.children)
        ):
            return _words(verb.doc, verb.sent.start, comma)
    return []


def _closing_advcl(verb) -> list:
    """ "Thousands have fled the camp since Friday, after days of shelling, UN officials said":
    the parser may hang a closing attribution on the content's verb as an adverbial clause. A cue
    with no subordinator whose subject follows a comma is then the attribution of the words from
    the sentence's start to that comma."""
    subject = subject_before(verb)
    if (
        verb.dep_ != "advcl"
        or verb.head.i > verb.i
        or subject is None
        or any(c.dep_ == "mark" for c in verb.children)
    ):
        return []
    comma = subject.left_edge.i - 1
    if comma <= verb.sent.start or verb.doc[comma].text != ",":
        return []
    return _words(verb.doc, verb.sent.start, comma)


def to_closing_comma(verb, tokens: list) -> list:
    """ "Homes have been flooded since Sunday, after rains that swept away two bridges, aid
    workers said": content before a closing attribution runs to the comma before its speaker,
    also over the phrases the parser hangs on the cue."""
    subject = subject_before(verb)
    if not tokens or subject is None or max(t.i for t in tokens) > verb.i:
        return tokens
    comma = subject.left_edge.i - 1
    last = max(t.i for t in tokens)
    if comma <= last or verb.doc[comma].text != ",":
        return tokens
    return _words(verb.doc, min(t.i for t in tokens), comma)


def _words(doc, start: int, end: int) -> list:
    """The tokens of ``doc[start:end]`` without whitespace tokens."""
    return [t for t in doc[start:end] if not t.is_space]
