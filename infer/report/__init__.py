"""Record tables -> one self-contained HTML report for analysts.

May import ``infer.batch`` (the record schema and readers), ``infer.model.labels`` and ``infer.errors``.
"""
