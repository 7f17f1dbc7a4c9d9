"""The audit on Apache Spark: the local engine's stages, distributed, with the same outputs.

    run_audit_spark(inputs, out, settings, now=..., formats=..., provenance=...,
                    master=None, partitions=None) -> AuditResult

PySpark is the optional extra ``newsdesk[spark]``; it is imported only when a job runs. See
docs/spark.md for running on a cluster and for what "the same outputs" guarantees.
"""

from newsdesk.audit.spark.runner import SparkAuditResult, run_audit_spark

__all__ = ["SparkAuditResult", "run_audit_spark"]
