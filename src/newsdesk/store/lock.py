"""One writer at a time: the lock that keeps two `run`/`watch` processes on one database apart.

Two desk cycles interleaving on one database would compose from each other's half-analysed
state. The lock is held for as long as the process writes:
- **SQLite**: an exclusive `fcntl.flock` on `<database>.lock` beside the database file. The
  kernel releases it when the process dies, even by SIGKILL, so a crash never leaves a stale
  lock behind.
- **PostgreSQL**: `pg_try_advisory_lock` on a fixed key, held by a dedicated connection; the
  server releases it when that connection ends, so again no stale lock.

Who holds it (pid, host, since when, which command) is written into the lock file (SQLite) and
the `desk_writer` row (both), so that a second process can say who is writing. That record is a
description only: the lock is the flock or the advisory lock, never the row.
"""

from __future__ import annotations

import fcntl
import json
import os
import socket
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType
from typing import Any, TextIO

from sqlalchemy import Connection, text
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session

from newsdesk.errors import StoreError
from newsdesk.store.facade import Store
from newsdesk.store.models import DeskWriterRow
from newsdesk.store.upsert import upsert

#: The advisory lock key on PostgreSQL: the bytes "newsdesk" read as a signed 64-bit integer.
ADVISORY_KEY = int.from_bytes(b"newsdesk", "big", signed=True)
#: How often `--wait` tries again, in seconds.
WAIT_POLL = 0.5


@dataclass(frozen=True)
class Holder:
    pid: int
    host: str
    since: datetime
    command: str

    def describe(self) -> str:
        return (
            f"{self.command} (pid {self.pid} on {self.host}, since "
            f"{self.since.astimezone(UTC).isoformat(timespec='seconds')})"
        )

    def to_json(self) -> dict[str, Any]:
        return {
            "pid": self.pid,
            "host": self.host,
            "since": self.since.isoformat(),
            "command": self.command,
        }

    @classmethod
    def from_json(cls, data: Any) -> Holder | None:
        try:
            return cls(
                pid=int(data["pid"]),
                host=str(data["host"]),
                since=datetime.fromisoformat(str(data["since"])),
                command=str(data["command"]),
            )
        except (KeyError, TypeError, ValueError):
            return None


class WriterLockHeld(StoreError):
    """Another process writes to this database."""

    def __init__(self, database: str, holder: Holder | None) -> None:
        self.holder = holder
        who = holder.describe() if holder else "another process (holder unknown)"
        super().__init__(f"{database} is being written by {who}; try again later or use --wait")


def lock_path(store: Store) -> Path | None:
    """`<database>.lock` beside a SQLite database file; None for PostgreSQL or in-memory."""
    url = make_url(str(store.engine.url))
    if url.get_backend_name() != "sqlite":
        return None
    database = url.database
    if not database or database == ":memory:":
        return None
    return Path(database + ".lock")


class WriterLock:
    """Held while a process writes the desk's database (see the module docstring).

    `acquire(wait=False)` raises WriterLockHeld naming the holder when another process has it;
    with `wait=True` it tries again every WAIT_POLL seconds until it gets it or `should_stop()`
    is true (then it raises WriterLockHeld too)."""

    def __init__(self, store: Store, command: str) -> None:
        self._store = store
        self._command = command
        self._path = lock_path(store)
        self._file: TextIO | None = None
        self._conn: Connection | None = None
        self._postgres = store.engine.dialect.name == "postgresql"

    # -- public ----------------------------------------------------------------------------

    def acquire(self, wait: bool = False, should_stop: Callable[[], bool] | None = None) -> None:
        while not self._try():
            if not wait or (should_stop is not None and should_stop()):
                raise WriterLockHeld(self._store.url, self.holder())
            time.sleep(WAIT_POLL)
        me = Holder(os.getpid(), socket.gethostname(), datetime.now(UTC), self._command)
        if self._file is not None:
            self._file.seek(0)
            self._file.truncate()
            self._file.write(json.dumps(me.to_json()) + "\n")
            self._file.flush()
        self._record(me)

    def release(self) -> None:
        if self._file is not None:
            # The file stays (removing it would race with a process about to lock it).
            fcntl.flock(self._file, fcntl.LOCK_UN)
            self._file.close()
            self._file = None
        if self._conn is not None:
            try:
                self._conn.execute(text("SELECT pg_advisory_unlock(:k)"), {"k": ADVISORY_KEY})
                self._conn.commit()
            finally:
                self._conn.close()
                self._conn = None

    def holder(self) -> Holder | None:
        """Who holds the lock, as it wrote itself down (None when unknown)."""
        if self._path is not None:
            try:
                found = Holder.from_json(json.loads(self._path.read_text(encoding="utf-8")))
            except (OSError, ValueError):
                found = None
            if found is not None:
                return found
        with Session(self._store.engine) as session:
            row = session.get(DeskWriterRow, 1)
            if row is None:
                return None
            return Holder(row.pid, row.host, row.since, row.command)

    def __enter__(self) -> WriterLock:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.release()

    # -- internals -------------------------------------------------------------------------

    def _try(self) -> bool:
        if self._postgres:
            return self._try_advisory()
        if self._path is None:
            return True  # an in-memory database: no other process can open it
        handle = open(self._path, "a+", encoding="utf-8")  # noqa: SIM115 - held while locked
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.close()
            return False
        self._file = handle
        return True

    def _try_advisory(self) -> bool:
        conn = self._store.engine.connect()
        got = bool(
            conn.execute(text("SELECT pg_try_advisory_lock(:k)"), {"k": ADVISORY_KEY}).scalar()
        )
        conn.commit()
        if not got:
            conn.close()
            return False
        self._conn = conn
        return True

    def _record(self, me: Holder) -> None:
        with Session(self._store.engine) as session, session.begin():
            upsert(
                session,
                DeskWriterRow.__table__,  # type: ignore[arg-type]
                {"id": 1, **me.to_json(), "since": me.since},
                keys=["id"],
            )
