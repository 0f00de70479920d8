"""Article text -> statements: quote pairing, attribution, speaker resolution, the extractor.

Owns no I/O beyond reading its own rule data. May import ``infer.errors`` only; never
``infer.model``, ``infer.batch`` or ``infer.report``.
"""
