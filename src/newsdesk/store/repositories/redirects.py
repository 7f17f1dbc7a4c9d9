"""Redirects from the slugs of absorbed story pages to the pages that absorbed them."""

from __future__ import annotations

from sqlalchemy import delete, select, update

from newsdesk.store.models import PageRow, RedirectRow
from newsdesk.store.records import PageStatus
from newsdesk.store.sessions import Sessions
from newsdesk.store.upsert import upsert


class RedirectRepository:
    def __init__(self, sessions: Sessions) -> None:
        self._s = sessions

    def add(self, old_slug: str, target_page_id: str) -> None:
        """`old_slug` now leads to page `target_page_id`; redirects that led to the page at
        `old_slug` follow it (no chain of redirects)."""
        with self._s.write() as session:
            old_page = session.scalar(select(PageRow.id).where(PageRow.slug == old_slug))
            if old_page is not None and old_page != target_page_id:
                session.execute(
                    update(RedirectRow)
                    .where(RedirectRow.target_page_id == old_page)
                    .values(target_page_id=target_page_id)
                )
            upsert(
                session,
                RedirectRow.__table__,  # type: ignore[arg-type]
                {
                    "old_slug": old_slug,
                    "target_page_id": target_page_id,
                    "created_at": self._s.now(),
                },
                keys=["old_slug"],
            )

    def published(self) -> dict[str, str]:
        """Old slug → slug of its published target, for every redirect whose target is on the
        site and whose old slug is not a page again."""
        stmt = (
            select(RedirectRow.old_slug, PageRow.slug)
            .join(PageRow, PageRow.id == RedirectRow.target_page_id)
            .where(PageRow.status == PageStatus.PUBLISHED.value)
        )
        with self._s.read() as session:
            pairs = {old: new for old, new in session.execute(stmt)}
            taken = set(session.scalars(select(PageRow.slug).where(PageRow.slug.in_(list(pairs)))))
        return {old: new for old, new in pairs.items() if old not in taken and old != new}

    def remove(self, old_slug: str) -> bool:
        with self._s.write() as session:
            result = session.execute(delete(RedirectRow).where(RedirectRow.old_slug == old_slug))
            return bool(getattr(result, "rowcount", 0))
