"""quotelens scoring: four rooms, each importing only downward.

- ``infer.extraction``: article text -> ``Statement`` objects (spaCy, rule data in YAML).
- ``infer.model``: texts -> stance/device probabilities; the pyfunc; the only code logged with a model.
- ``infer.batch``: inputs -> one scoring job -> record tables (local or Spark engine), job tracking.
- ``infer.report``: record tables -> one self-contained HTML file.

``extraction`` and ``model`` import neither ``batch`` nor ``report`` nor each other; ``infer.errors``
sits at the bottom and any room may import it.
"""
