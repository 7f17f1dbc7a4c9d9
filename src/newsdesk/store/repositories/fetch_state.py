"""What the fetcher remembers between runs: HTTP validators per URL and which items it has.

`FetchStateRepository` implements the ingest stage's `FetchMemory` protocol, so conditional
GET (ETag / Last-Modified → 304) and "already stored" checks survive restarts.
"""

from __future__ import annotations

import hashlib

from sqlalchemy import delete, select

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
        """Keep the validators of a successful fetch of `url` for the next conditional GET
        (a fetch without validators forgets the old ones)."""
        with self._s.write() as session:
            if etag is None and last_modified is None:
                session.execute(delete(FetchStateRow).where(FetchStateRow.url_key == url_key(url)))
                return
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

    def known(self, raw_id: str) -> bool:
        """Is a raw item with this id already stored?"""
        with self._s.read() as session:
            return session.scalar(select(RawItemRow.id).where(RawItemRow.id == raw_id)) is not None
