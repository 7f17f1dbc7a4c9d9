"""One local Spark session for the Spark tests (starting one costs ~20 s)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest


@pytest.fixture(scope="session")
def spark() -> Iterator[Any]:
    pytest.importorskip("pyspark", reason="the spark extra is not installed")
    from newsdesk.audit.spark.session import spark_session

    # local[2,2]: two cores, and a failed task is retried once (local masters ignore
    # spark.task.maxFailures and take the retry count from the master URL).
    session = spark_session("local[2,2]", 4)
    yield session
    session.stop()
