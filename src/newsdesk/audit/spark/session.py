"""The Spark session of an audit: the user's (spark-submit) or a local one, tuned for the job."""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from newsdesk.errors import EngineError, MissingExtraError
from newsdesk.log import get_logger

if TYPE_CHECKING:
    from pyspark.sql import SparkSession

log = get_logger(__name__)

DEFAULT_MASTER = "local[*]"
# Shuffle partitions when none are asked for: two per core keeps every core busy while one
# task waits for its input; the corpus-wide phases shuffle small records (keys, row numbers).
PARTITIONS_PER_CORE = 2
#: A conf key read by the per-document stage: a path; when set and the file does not exist,
#: the first task creates it and kills its Python worker (tests of task retries).
FAIL_ONCE_CONF = "spark.newsdesk.test.failOnceMarker"


def require_pyspark() -> None:
    """Raise MissingExtraError when PySpark (the `spark` extra) is not installed."""
    try:
        import pyspark  # noqa: F401
    except ImportError as exc:
        raise MissingExtraError("pyspark", "spark") from exc


def _java_home() -> str | None:
    """JAVA_HOME, or the installation of the `java` on PATH (Spark needs Java 17+)."""
    if os.environ.get("JAVA_HOME"):
        return os.environ["JAVA_HOME"]
    java = shutil.which("java")
    if java is None:
        return None
    return str(Path(java).resolve().parent.parent)


def spark_session(master: str | None, partitions: int | None) -> SparkSession:
    """The active session (spark-submit) or a new one on `master` (default: all local cores).

    A session created here runs the Python workers with this interpreter, without the web UI
    for local masters, and with `partitions` (default: 2 per core) shuffle partitions.
    """
    require_pyspark()
    from pyspark.sql import SparkSession

    active = SparkSession.getActiveSession()
    if active is not None and master is None:
        return active
    java_home = _java_home()
    if java_home is None:
        raise EngineError("Spark needs Java 17 or later: install it or set JAVA_HOME")
    os.environ.setdefault("JAVA_HOME", java_home)
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    os.environ.setdefault("PYSPARK_DRIVER_PYTHON", sys.executable)
    master = master or DEFAULT_MASTER
    builder = SparkSession.builder.appName("newsdesk-audit").master(master)
    if master.startswith("local"):
        cores = _local_cores(master)
        shuffle = partitions or PARTITIONS_PER_CORE * cores
        builder = (
            builder.config("spark.ui.enabled", "false")
            .config("spark.ui.showConsoleProgress", "false")
            .config("spark.sql.shuffle.partitions", str(shuffle))
            .config("spark.default.parallelism", str(shuffle))
            .config("spark.driver.memory", os.environ.get("NEWSDESK_SPARK_DRIVER_MEMORY", "2g"))
        )
    elif partitions:
        builder = builder.config("spark.sql.shuffle.partitions", str(partitions)).config(
            "spark.default.parallelism", str(partitions)
        )
    session = builder.getOrCreate()
    session.sparkContext.setLogLevel("WARN")
    log.info("spark_session", master=session.sparkContext.master)
    return session


def _local_cores(master: str) -> int:
    """Cores of a local master: local, local[4], local[*], local[2,3] (retries)."""
    if "[" not in master:
        return 1
    inner = master[master.index("[") + 1 : master.rindex("]")].split(",")[0]
    if inner == "*":
        return os.cpu_count() or 1
    return max(1, int(inner))


def default_partitions(session: SparkSession, partitions: int | None) -> int:
    """Partitions of the per-document stage: as asked, else the cluster's default parallelism."""
    return max(1, partitions or session.sparkContext.defaultParallelism)
