"""What the fetcher remembers between runs: HTTP validators per URL and which items it has.

`FetchStateRepository` implements the ingest stage's `FetchMemory` protocol, so conditional
GET (ETag / Last-Modified → 304), "already fetched" and "already stored" checks survive
restarts. A row's `updated_at` is the URL's last successful fetch; its validators may be empty.
"""

from __future__ import annotations

import hashlib
from datetime import datetime

from sqlalchemy import select

from newsdesk.store.models import FetchStateRow, RawItemRow
from newsdesk.store.sessions import Sessions
from newsdesk.store.upsert import upsert


def url_key(url: str) -> str:
    return hashlib.sha256(url.encode("utf-8")).hexdigest()


class FetchStateRepository:
    def __init__(self, sessions: Sessions) -> None:
        self._s = sessions

    def validators(self, url: str) -> tuple[str | None, str | None]:
        """(ETag, Last-Modified) last seen for `url`, or (None, None)."""
        with self._s.read() as session:
            row = session.get(FetchStateRow, url_key(url))
            return (row.etag, row.last_modified) if row else (None, None)

    def remember(self, url: str, etag: str | None, last_modified: str | None) -> None:
        """Record a successful fetch of `url` and its validators for the next conditional GET
        (a fetch without validators forgets the old ones but is still remembered as a fetch)."""
        with self._s.write() as session:
            upsert(
                session,
                FetchStateRow.__table__,  # type: ignore[arg-type]
                {
                    "url_key": url_key(url),
                    "url": url,
                    "etag": etag,
                    "last_modified": last_modified,
                    "updated_at": self._s.now(),
                },
                keys=["url_key"],
            )

    def last_fetched(self, url: str) -> datetime | None:
        """When `url` was last fetched successfully, None if never."""
        with self._s.read() as session:
            row = session.get(FetchStateRow, url_key(url))
            return row.updated_at if row else None

    def known(self, raw_id: str) -> bool:
        """Is a raw item with this id already stored?"""
        with self._s.read() as session:
            return session.scalar(select(RawItemRow.id).where(RawItemRow.id == raw_id)) is not None
