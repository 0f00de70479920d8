"""Texts (+ cue, context) -> stance and device probabilities: label schema, classifiers, encoder,
calibration, safe loading, the MLflow pyfunc and its predictor.

This package (with ``infer/__init__.py`` and ``infer/errors.py``) is the only code logged with a
model. May import ``infer.errors`` only; never ``infer.extraction``, ``infer.batch`` or ``infer.report``.
"""
