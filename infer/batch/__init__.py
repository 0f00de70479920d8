"""Inputs -> one scoring job -> record tables: readers, writers, the record schema, the job and its
engines (local, Spark), model resolution and job tracking.

May import ``infer.extraction``, ``infer.model`` and ``infer.errors``; never ``infer.report``.
"""
