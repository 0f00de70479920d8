"""Statement classifiers: each maps texts (+ contexts) to stance logits and device probabilities."""

from __future__ import annotations

FAMILIES = ("tfidf_linear", "embed_head", "hybrid", "finetune")


def classifier_class(family: str):
    """The estimator class for a model family (imported lazily: torch is heavy)."""
    if family == "tfidf_linear":
        from infer.model.classifiers.tfidf import TfidfLinearClassifier

        return TfidfLinearClassifier
    if family == "embed_head":
        from infer.model.classifiers.embed import EmbedHeadClassifier

        return EmbedHeadClassifier
    if family == "hybrid":
        from infer.model.classifiers.hybrid import HybridClassifier

        return HybridClassifier
    if family == "finetune":
        from infer.model.classifiers.finetune import FinetunedClassifier

        return FinetunedClassifier
    raise ValueError(f"unknown model family '{family}' (use one of {', '.join(FAMILIES)})")
