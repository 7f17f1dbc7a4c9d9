"""Short transactions for the repositories, and database errors turned into StoreError.

Every repository method runs in its own transaction: a reader's, or a writer's (which on SQLite
takes the write lock up front, see `db.writer`). The clock is passed in so tests can fix it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime

from sqlalchemy import Engine
from sqlalchemy.exc import DBAPIError, IntegrityError, StatementError
from sqlalchemy.orm import Session, sessionmaker

from newsdesk.errors import StoreError
from newsdesk.store.db import writer

Clock = Callable[[], datetime]


class Sessions:
    def __init__(self, engine: Engine, clock: Clock, label: str) -> None:
        self.engine = engine
        self.clock = clock
        self.label = label  # the database URL, password hidden, for messages
        self._reader = sessionmaker(engine, expire_on_commit=False)
        self._writer = sessionmaker(writer(engine), expire_on_commit=False)
        # Write transactions opened through this store so far: a read cache of this process
        # (see PageRepository.listing's count) is stale as soon as it moves.
        self.writes = 0

    def now(self) -> datetime:
        value = self.clock()
        if value.tzinfo is None:
            raise ValueError("the store's clock must return timezone-aware datetimes")
        return value

    @contextmanager
    def read(self) -> Iterator[Session]:
        try:
            with self._reader() as session:
                yield session
        except IntegrityError as exc:
            raise StoreError(f"{self.label}: constraint violated: {exc.orig}") from exc
        except DBAPIError as exc:
            raise StoreError(f"{self.label}: database error: {exc.orig}") from exc
        except StatementError as exc:
            _reraise_misuse(exc)
            raise

    @contextmanager
    def write(self) -> Iterator[Session]:
        self.writes += 1
        try:
            with self._writer.begin() as session:
                yield session
        except IntegrityError as exc:
            raise StoreError(f"{self.label}: constraint violated: {exc.orig}") from exc
        except DBAPIError as exc:
            raise StoreError(f"{self.label}: database error: {exc.orig}") from exc
        except StatementError as exc:
            _reraise_misuse(exc)
            raise


def _reraise_misuse(exc: StatementError) -> None:
    """A value our column types refused (a naive datetime…) is the caller's bug: raise it
    as the ValueError/TypeError it is, not as a database failure."""
    if isinstance(exc.orig, ValueError | TypeError):
        raise exc.orig from None
