"""Engine creation: which database a URL names, and the connection settings each one needs.

SQLite (the zero-set-up default) is opened in WAL mode with foreign keys enforced and a busy
timeout, so the desk and the review UI can use one file at the same time. PostgreSQL goes
through psycopg 3; plain ``postgresql://`` URLs (what users type) are rewritten to that driver.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError
from sqlalchemy.pool import StaticPool

from newsdesk.errors import StoreError

# How long a SQLite writer waits for another writer's lock before failing, in milliseconds.
# A desk cycle's longest write transaction (one raw item or one page) takes well under 100 ms
# here; 30 s leaves room for a slow disk and for the review UI writing at the same moment.
SQLITE_BUSY_TIMEOUT_MS = 30_000

# Seconds psycopg waits for a PostgreSQL server to accept a connection before giving up.
PG_CONNECT_TIMEOUT_S = 10
#: Connections kept open per SQLite engine, and opened beyond that under bursts: about the
#: number of requests a server handles at once (anyio runs at most 40 in threads).
SQLITE_POOL_SIZE = 20
SQLITE_POOL_OVERFLOW = 20
#: The same for PostgreSQL, whose connections cost a server process each (default limit 100).
PG_POOL_SIZE = 10
PG_POOL_OVERFLOW = 10

_PG_DRIVER = "postgresql+psycopg"


def normalise_url(db_url: str) -> URL:
    """Parse `db_url` and pick the driver we support for its database.

    ``postgresql://`` and ``postgres://`` become ``postgresql+psycopg://``; another explicit
    PostgreSQL driver (psycopg2, asyncpg) is refused because it is neither installed nor tested.
    """
    try:
        url = make_url(db_url)
    except ArgumentError as exc:
        raise StoreError(
            f"cannot open database {redact(db_url)}: not a database URL ({exc})"
        ) from None
    backend = url.get_backend_name()
    if backend in ("postgresql", "postgres"):
        driver = url.get_driver_name() if "+" in url.drivername else ""
        if driver not in ("", "psycopg"):
            raise StoreError(
                f"cannot open database {redact(db_url)}: driver {driver!r} is not supported; "
                "use postgresql:// (psycopg 3)"
            )
        return url.set(drivername=_PG_DRIVER)
    if backend == "sqlite":
        if url.drivername != "sqlite":
            raise StoreError(
                f"cannot open database {redact(db_url)}: use sqlite:///PATH (driver {url.drivername!r} "
                "is not supported)"
            )
        return url
    raise StoreError(
        f"cannot open database {redact(db_url)}: only sqlite:///… and postgresql://… are supported"
    )


def redact(db_url: str) -> str:
    """The URL with its password hidden, for messages and logs."""
    try:
        return make_url(db_url).render_as_string(hide_password=True)
    except ArgumentError:
        return db_url


def sqlite_in_memory(url: URL) -> bool:
    return url.database in (None, "", ":memory:")


def sqlite_path(url: URL) -> Path | None:
    """The file of a SQLite URL; None for an in-memory database or a ``file:`` URI."""
    if sqlite_in_memory(url) or (url.database or "").startswith("file:"):
        return None
    return Path(url.database or "")


def create_store_engine(db_url: str) -> Engine:
    """An Engine for `db_url`, configured for newsdesk (see the module docstring)."""
    url = normalise_url(db_url)
    if url.get_backend_name() == "sqlite":
        path = sqlite_path(url)
        if path is not None and not path.parent.is_dir():
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise StoreError(
                    f"cannot open database {redact(db_url)}: cannot create folder "
                    f"{path.parent}: {exc.strerror}"
                ) from None
        connect_args: dict[str, Any] = {"timeout": SQLITE_BUSY_TIMEOUT_MS / 1000}
        if sqlite_in_memory(url):
            # One shared connection, or each connection would see its own empty database.
            # (So an in-memory store is for tests and single-threaded use.)
            connect_args["check_same_thread"] = False
            engine = create_engine(url, connect_args=connect_args, poolclass=StaticPool)
        else:
            # Keep as many connections as the server has worker threads busy at once: past the
            # pool size SQLAlchemy opens and closes a connection per checkout (and runs the
            # connect pragmas again), which was a fifth of the review desk's time under load.
            engine = create_engine(
                url,
                connect_args=connect_args,
                pool_size=SQLITE_POOL_SIZE,
                max_overflow=SQLITE_POOL_OVERFLOW,
            )
        event.listen(engine, "connect", _sqlite_on_connect)
        event.listen(engine, "begin", _sqlite_on_begin)
        return engine
    try:
        return create_engine(
            url,
            pool_pre_ping=True,
            pool_size=PG_POOL_SIZE,
            max_overflow=PG_POOL_OVERFLOW,
            connect_args={"connect_timeout": PG_CONNECT_TIMEOUT_S},
        )
    except ImportError:
        raise StoreError(
            f"cannot open database {redact(db_url)}: the PostgreSQL driver psycopg is not "
            "installed; install it with: pip install 'newsdesk[postgres]'"
        ) from None


def writer(engine: Engine) -> Engine:
    """The same engine, for transactions that will write.

    On SQLite such a transaction starts with BEGIN IMMEDIATE: it takes the write lock at once
    (waiting up to the busy timeout) instead of failing with "database is locked" when it first
    writes after another connection has committed. Elsewhere this changes nothing.
    """
    return engine.execution_options(newsdesk_write=True)


def _sqlite_on_begin(conn: Any) -> None:
    # pysqlite's own transaction handling is switched off in _sqlite_on_connect; we emit BEGIN.
    immediate = conn.get_execution_options().get("newsdesk_write", False)
    conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


def _sqlite_on_connect(dbapi_connection: Any, connection_record: Any) -> None:
    # Let SQLAlchemy's "begin" event emit BEGIN (see _sqlite_on_begin), per SQLAlchemy's
    # documented recipe for pysqlite's non-standard transaction handling.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
        # WAL + NORMAL is durable against application crashes; only a power loss can drop the
        # last transactions, never corrupt the file.
        cursor.execute("PRAGMA synchronous=NORMAL")
    finally:
        cursor.close()
