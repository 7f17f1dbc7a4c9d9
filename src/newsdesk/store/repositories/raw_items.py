"""Raw items: bytes to the blob folder first, then the row, so a stored row always has bytes.

Saving is idempotent: a raw item's id derives from its source, URL and content hash, so the
same item fetched again is recognised and not stored twice. Items wait in the "pending" state
until extraction marks them done, which lets a crashed run resume at extraction.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import func, select, update

from newsdesk.errors import StoreError
from newsdesk.log import get_logger
from newsdesk.store.blobs import BlobStore
from newsdesk.store.codec import from_json, to_json
from newsdesk.store.models import RawItemRow
from newsdesk.store.sessions import Sessions
from newsdesk.store.upsert import insert_ignore
from newsdesk.types import ItemHints, RawItem

log = get_logger(__name__)


class RawItemRepository:
    def __init__(self, sessions: Sessions, blobs: BlobStore) -> None:
        self._s = sessions
        self._blobs = blobs

    def save(self, raw: RawItem) -> bool:
        """Store `raw`; True when it is new, False when it was already stored."""
        digest = self._blobs.put(raw.content)  # durable before the row can point at it
        with self._s.write() as session:
            inserted = insert_ignore(
                session,
                RawItemRow.__table__,  # type: ignore[arg-type]
                {
                    "id": raw.id,
                    "source_id": raw.source_id,
                    "url": raw.url,
                    "fetched_at": raw.fetched_at,
                    "content_hash": digest,
                    "size": len(raw.content),
                    "media_type": raw.media_type,
                    "status": raw.status,
                    "headers": [list(pair) for pair in raw.headers],
                    "encoding": raw.encoding,
                    "hints": to_json(raw.hints),
                    "stored_at": self._s.now(),
                    "extracted_at": None,
                    "article_id": None,
                },
            )
        if inserted:
            log.debug("raw_saved", raw=raw.id, url=raw.url, size=len(raw.content))
        return inserted

    def get(self, raw_id: str) -> RawItem | None:
        """The stored item with its bytes, or None when no item has this id."""
        with self._s.read() as session:
            row = session.get(RawItemRow, raw_id)
        if row is None:
            return None
        item = RawItem(
            source_id=row.source_id,
            url=row.url,
            fetched_at=row.fetched_at,
            content=self._blobs.get(row.content_hash),
            media_type=row.media_type,
            status=row.status,
            headers=tuple((str(k), str(v)) for k, v in row.headers),
            encoding=row.encoding,
            hints=from_json(ItemHints, row.hints),
        )
        if item.id != raw_id:
            raise StoreError(f"raw item {raw_id} does not match its stored fields (now {item.id})")
        return item

    def known(self, raw_id: str) -> bool:
        with self._s.read() as session:
            return session.scalar(select(RawItemRow.id).where(RawItemRow.id == raw_id)) is not None

    def pending_ids(self, source_id: str | None = None, limit: int | None = None) -> list[str]:
        """Ids of items extraction has not handled yet, oldest fetch first."""
        stmt = (
            select(RawItemRow.id)
            .where(RawItemRow.extracted_at.is_(None))
            .order_by(RawItemRow.fetched_at, RawItemRow.id)
        )
        if source_id is not None:
            stmt = stmt.where(RawItemRow.source_id == source_id)
        if limit is not None:
            stmt = stmt.limit(limit)
        with self._s.read() as session:
            return list(session.scalars(stmt))

    def mark_extracted(
        self, raw_id: str, article_id: str | None, at: datetime | None = None
    ) -> None:
        """Extraction handled `raw_id`: it gave `article_id`, or None when it was rejected."""
        with self._s.write() as session:
            result = session.execute(
                update(RawItemRow)
                .where(RawItemRow.id == raw_id)
                .values(extracted_at=at or self._s.now(), article_id=article_id)
            )
            if not getattr(result, "rowcount", 0):
                raise StoreError(f"cannot mark raw item {raw_id} extracted: no such item")

    def reset_extraction(self, source_id: str | None = None) -> int:
        """Make items pending again (after an extraction fix); returns how many."""
        stmt = update(RawItemRow).where(RawItemRow.extracted_at.is_not(None))
        if source_id is not None:
            stmt = stmt.where(RawItemRow.source_id == source_id)
        with self._s.write() as session:
            result = session.execute(stmt.values(extracted_at=None, article_id=None))
            return int(getattr(result, "rowcount", 0) or 0)

    def count(self, source_id: str | None = None) -> int:
        stmt = select(func.count()).select_from(RawItemRow)
        if source_id is not None:
            stmt = stmt.where(RawItemRow.source_id == source_id)
        with self._s.read() as session:
            return int(session.scalar(stmt) or 0)

    def article_of(self, raw_id: str) -> str | None:
        """The article extracted from `raw_id`, if any."""
        with self._s.read() as session:
            return session.scalar(select(RawItemRow.article_id).where(RawItemRow.id == raw_id))
