"""Cue verbs and their speakers' tokens, read off a spaCy parse, also where the parser misplaces
the subject (a fronted phrase, an aside, a clause hung on a noun)."""

from __future__ import annotations

from infer.extraction.lexicon import words

CUE_LEMMAS = words("cues", "cue_lemmas")
ISSUE_LEMMAS = words("speakers", "issue_lemmas")
STATEMENT_HEADS = words("speakers", "statement_heads")
CUE_AUX = words("cues", "cue_auxiliaries")


def is_cue(token) -> bool:
    return token.lemma_.lower() in CUE_LEMMAS and token.pos_ in ("VERB", "AUX")


def cue_verbs(doc) -> list:
    return [t for t in doc if is_cue(t)]


def cue_phrase(verb, particle: str = "") -> str:
    """The cue as written: a perfect or progressive auxiliary and the adverbs between kept ("has
    repeatedly stated", "have long urged"), other words between left out ("have … said")."""
    aux = [c for c in verb.children if c.dep_ == "aux" and c.i < verb.i and c.lower_ in CUE_AUX]
    kept = [
        t.text
        for t in verb.doc[min((a.i for a in aux), default=verb.i) : verb.i]
        if t in aux or (t.dep_ == "advmod" and t.head.i == verb.i)
    ]
    return " ".join([*kept, verb.text, particle]).strip()


def subject_of(verb, depth: int = 0):
    """The verb's subject, or that of the verb it is coordinated with or governed by."""
    subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
    if subjects:
        return _after_fronted_place(_nearest_subject(subjects))
    if depth == 0 and (root := _trailing_participle_root(verb)) is not None:
        return subject_of(root, 1)
    if depth == 0 and (first := comma_coordinated(verb)) is not None:
        return subject_of(first, 1)
    if (swallowed := _in_fronted_phrase(verb)) is not None:
        return swallowed
    if (aside := participle_aside(verb)) is not None:
        return next(c for c in aside.children if c.dep_ == "nsubj")
    if verb.dep_ == "acl" and depth == 0:
        return _acl_subject(verb)
    if depth == 0 and (coordinated := _cue_coordinated_above(verb)) is not None:
        return coordinated
    if depth == 0 and is_cue(verb) and verb.dep_ in ("conj", "advcl"):
        # "X said it regretted A and promised B": B's cue shares X, not the content's subject.
        node = verb.head
        while node.dep_ == "conj" and node.head.i != node.i:
            node = node.head
        if node.dep_ in ("ccomp", "xcomp") and is_cue(node.head):
            return subject_of(node.head, depth + 1)
    if (
        verb.dep_ == "advcl"
        and verb.tag_ == "VBN"
        and not any(c.dep_ == "aux" for c in verb.children)
    ):
        return None  # "…, framed in the capital as …": a passive participle names no speaker
    if depth < 3 and verb.dep_ in ("conj", "xcomp", "advcl") and verb.head != verb:
        found = subject_of(verb.head, depth + 1)
        if found is not None and found.i > verb.i and verb.head.dep_ == "conj":
            # "X said …, but warned that should Y act, the response will be …": the parser
            # hangs the cue on the content's verb; its subject comes later, X's is the cue's.
            return subject_of(verb.head.head, depth + 1)
        return found
    return None


def subject_before(token):
    """The token's own nominal subject when it stands before the token, else None."""
    return next((c for c in token.children if c.dep_ == "nsubj" and c.i < token.i), None)


def aux_subject(verb):
    """ "“…,” the union has, in recent weeks, said": the parser hangs the subject on the
    auxiliary when an adverbial separates the two; None when it does not."""
    for aux in (c for c in verb.children if c.dep_ == "aux" and c.i < verb.i):
        if found := subject_before(aux):
            return found
    return None


def _cue_coordinated_above(verb):
    """ "X said Beijing opposes any conflict that endangers … and urged all sides to …": the
    parser hangs the second cue on the last verb of the content; when that verb's tense differs
    from the cue's, the cue is coordinated with the nearest cue above in the same tense, whose
    subject it shares."""
    if not is_cue(verb) or verb.dep_ != "conj" or verb.head.tag_ == verb.tag_:
        return None
    node = verb.head
    for _ in range(6):
        if node.head.i == node.i:
            return None
        node = node.head
        if is_cue(node) and node.tag_ == verb.tag_:
            return subject_of(node, 1)
    return None


def _acl_subject(verb):
    """A cue the parser hangs on a noun: the noun when it is the sentence's root ("The
    commander, who …, accused X of …"), or the issuer of a statement ("X published a statement
    accusing Y of …")."""
    noun = verb.head
    active = verb.tag_ == "VBD" or any(c.dep_ in ("dobj", "ccomp", "xcomp") for c in verb.children)
    if active and noun.dep_ == "ROOT" and noun.pos_ in ("NOUN", "PROPN") and noun.i < verb.i:
        return noun
    issue = noun.head
    issued = issue.i != noun.i and issue.lemma_.lower() in ISSUE_LEMMAS
    if noun.lemma_.lower() in STATEMENT_HEADS and noun.dep_ == "dobj" and issued:
        return subject_of(issue, 1)
    return None


def _trailing_participle_root(verb):
    """ "The commission rejected reports that guards had turned families back, calling them
    'false'": the parser hangs the closing participle on the content's verb; it is the root
    cue's, so that cue (when it has a subject), else None."""
    root = verb.sent.root
    if not (
        verb.tag_ == "VBG"
        and verb.dep_ == "advcl"
        and verb.head.i != root.i
        and not is_cue(verb.head)
        and verb.i > 0
        and verb.doc[verb.i - 1].text == ","
        and root.i < verb.i
        and is_cue(root)
        and any(c.dep_ == "nsubj" for c in root.children)
    ):
        return None
    node = verb.head
    while node.i != root.i and node.head.i != node.i:
        node = node.head
    return root if node.i == root.i else None


def _nearest_subject(subjects: list):
    """ "In the port city, Mombasa, dockworkers blocked …": the parser makes the apposition to a
    fronted place a first subject; the subject is then the one right before the verb."""
    first, last = subjects[0], subjects[-1]
    doc, verb = first.doc, first.head
    comma = first.left_edge.i - 1
    fronted = comma > 0 and doc[comma].text == ","
    fronted = fronted and any(
        c.dep_ == "prep" and c.right_edge.i == comma - 1 for c in verb.children
    )
    between = doc[first.i + 1 : last.left_edge.i]
    if len(subjects) > 1 and first.pos_ == "NOUN" and last.pos_ == "PROPN" and not between:
        return last  # "The UN refugee agency UNHCR urged …": one phrase split in two, the name
    if len(subjects) > 1 and fronted and last.i < verb.i and any(t.text == "," for t in between):
        return last
    return first


def _after_fronted_place(subject):
    """ "In Tehran, Iran's foreign ministry spokesman denied …": the parser makes the place the
    subject (its preposition left on the verb) and the speaker its apposition."""
    before = subject.doc[subject.left_edge.i - 1] if subject.left_edge.i > 0 else None
    if before is None or before.pos_ != "ADP" or before.head.i != subject.head.i:
        return subject
    appos = [c for c in subject.children if c.dep_ == "appos" and c.i > subject.i]
    return appos[0] if appos else subject


def participle_aside(verb):
    """ "The ministry, asked about the closure, said …": the parser makes the aside a clause
    before the cue with the speaker as its subject; that clause, or None."""
    doc = verb.doc
    for c in verb.children:
        if c.dep_ != "ccomp" or c.i > verb.i or c.tag_ not in ("VBN", "VBD"):
            continue
        subject = next((s for s in c.children if s.dep_ == "nsubj" and s.i < c.i), None)
        if (
            subject is not None
            and subject.right_edge.i in (c.i - 2, c.i - 1)
            and doc[c.i - 1].text == ","
            and doc[verb.i - 1].text == ","
            and c.right_edge.i in (verb.i - 1, verb.i - 2)
        ):
            return c
    return None


def _in_fronted_phrase(verb):
    """ "In a message sent to the agency, a man who …, said", "In Addis Ababa, a spokesperson
    for the ministry denied": with no subject of its own, the parser hangs the speaker on the
    fronted phrase as an apposition ending right before the verb."""
    doc = verb.doc
    if verb.i < 2:
        return None
    # The comma before the verb may hang on the fronted phrase ("In X, trader Y, 52, said").
    ends = (verb.i - 2, verb.i - 1) if doc[verb.i - 1].text == "," else (verb.i - 1,)
    for prep in verb.children:
        if prep.dep_ != "prep" or prep.i > verb.i or prep.right_edge.i not in ends:
            continue
        found = next(
            (
                t
                for t in prep.subtree
                if t.dep_ in ("appos", "conj")  # "In X, trader Y, 52, said": Y may be a conjunct
                and t.pos_ in ("NOUN", "PROPN")
                and doc[t.left_edge.i - 1].text == ","
                and t.right_edge.i in ends
            ),
            None,
        ) or _with_stranded_relative(prep, ends)
        # "…, JNIM, the group that …, denied": a name just before the description is the speaker.
        named = (
            [
                c
                for c in found.head.children
                if c.dep_ == "appos"
                and c.pos_ == "PROPN"
                and c.right_edge.i == found.left_edge.i - 2
            ]
            if found is not None and found.pos_ == "NOUN"
            else []
        )
        return named[0] if named else found
    return None


def _with_stranded_relative(prep, ends: tuple[int, ...]):
    """ "At the X crossing in Y province, Amina Z, who sells fish there, said": the parser hangs
    the relative clause on the place, not the name; the name set off by commas, or None."""
    doc = prep.doc
    for t in prep.subtree:
        after = t.right_edge.i
        if (
            t.dep_ == "appos"
            and t.pos_ == "PROPN"
            and doc[t.left_edge.i - 1].text == ","
            and after + 2 < len(doc)
            and doc[after + 1].text == ","
            and doc[after + 2].lower_ == "who"
            and doc[after + 2].head.dep_ == "relcl"
            and doc[after + 2].head.right_edge.i in ends
        ):
            return t
    return None


def comma_coordinated(verb):
    """ "Pakistan says A, urges B": a headline joins two cue verbs with a comma, and the parser
    makes the first (which has the subject) the complement of the second (which has none).
    The first cue verb, or None."""
    doc = verb.doc
    if not is_cue(verb) or verb.i == 0 or doc[verb.i - 1].text != ",":
        return None
    if any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children):
        return None
    return next(
        (
            c
            for c in verb.children
            if c.dep_ in ("ccomp", "parataxis")
            and c.i < verb.i
            and is_cue(c)
            and any(x.dep_ == "nsubj" for x in c.children)
        ),
        None,
    )
