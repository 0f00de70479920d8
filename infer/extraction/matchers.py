"""spaCy ``DependencyMatcher`` patterns for cue constructions, built once per vocabulary."""

from __future__ import annotations

from functools import cache

from infer.extraction.lexicon import words

# "according to X": X is the source of the clause the phrase modifies.
ACCORDING_TO = [
    {"RIGHT_ID": "according", "RIGHT_ATTRS": {"LOWER": "according"}},
    {
        "LEFT_ID": "according",
        "REL_OP": ">",
        "RIGHT_ID": "to",
        "RIGHT_ATTRS": {"LOWER": "to"},
    },
    {
        "LEFT_ID": "to",
        "REL_OP": ">",
        "RIGHT_ID": "source",
        "RIGHT_ATTRS": {"DEP": "pobj"},
    },
]


# "X quoted Y as saying …" and "Y was quoted by X as saying …": a reporting chain.
QUOTED_AS = [
    {"RIGHT_ID": "quote", "RIGHT_ATTRS": {"LEMMA": "quote"}},
    {"LEFT_ID": "quote", "REL_OP": ">", "RIGHT_ID": "as", "RIGHT_ATTRS": {"LOWER": "as"}},
    {"LEFT_ID": "as", "REL_OP": ">", "RIGHT_ID": "saying", "RIGHT_ATTRS": {"LEMMA": "say"}},
]


def _cue_subject() -> list[dict]:
    """A speech verb and its grammatical subject ("the minister said")."""
    return [
        {
            "RIGHT_ID": "cue",
            "RIGHT_ATTRS": {
                "LEMMA": {"IN": sorted(words("cues", "cue_lemmas"))},
                "POS": {"IN": ["VERB", "AUX"]},
            },
        },
        {
            "LEFT_ID": "cue",
            "REL_OP": ">",
            "RIGHT_ID": "subject",
            "RIGHT_ATTRS": {"DEP": {"IN": ["nsubj", "nsubjpass"]}},
        },
    ]


@cache
def _matcher(vocab):
    from spacy.matcher import DependencyMatcher

    matcher = DependencyMatcher(vocab)
    matcher.add("according_to", [ACCORDING_TO])
    matcher.add("quoted_as", [QUOTED_AS])
    matcher.add("cue_subject", [_cue_subject()])
    return matcher


PATTERNS = {"according_to": ACCORDING_TO, "quoted_as": QUOTED_AS}


def matches(doc, name: str) -> list[dict[str, object]]:
    """Each match of pattern ``name`` in ``doc`` as {node name: token}, in text order."""
    found = doc.user_data.get("quotelens_matches")
    if found is None:  # one matcher pass per doc serves every pattern
        found = doc.user_data["quotelens_matches"] = _matcher(doc.vocab)(doc)
    label = doc.vocab.strings[name]
    ids = [p["RIGHT_ID"] for p in (PATTERNS.get(name) or _cue_subject())]
    out = [
        {k: doc[i] for k, i in zip(ids, token_ids, strict=True)}
        for match_id, token_ids in found
        if match_id == label
    ]
    return sorted(out, key=lambda m: min(t.i for t in m.values()))
