"""Statement classifiers: each maps texts (+ cues, contexts) to stance logits and device probabilities."""

from __future__ import annotations

FAMILIES = ("tfidf_linear", "embed_head", "hybrid", "finetune", "stack")
# Families whose ``load`` takes an inference backend (they hold a fine-tuned transformer).
TRANSFORMER_FAMILIES = ("finetune", "stack")


def classifier_class(family: str):
    """The estimator class for a model family (imported lazily: torch is heavy)."""
    if family in ("tfidf_linear", "embed_head", "hybrid"):
        from infer.model.classifiers.composed import ComposedClassifier

        return ComposedClassifier
    if family == "finetune":
        from infer.model.classifiers.finetune import FinetunedClassifier

        return FinetunedClassifier
    if family == "stack":
        from infer.model.classifiers.stack import StackedClassifier

        return StackedClassifier
    raise ValueError(f"unknown model family '{family}' (use one of {', '.join(FAMILIES)})")


def build_classifier(family: str, params: dict):
    """A fresh estimator of ``family`` with ``params`` (the family's config section + input, seed)."""
    cls = classifier_class(family)
    return cls(**params) if family in TRANSFORMER_FAMILIES else cls(family=family, **params)
