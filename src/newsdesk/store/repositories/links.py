"""Provenance links between articles, one row per (source, target, type)."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import or_, select

from newsdesk.store.codec import from_json, to_json
from newsdesk.store.models import LinkRow
from newsdesk.store.sessions import Sessions
from newsdesk.store.upsert import upsert
from newsdesk.types import Evidence, Link, LinkType


def row_to_link(row: LinkRow) -> Link:
    return Link(
        source=row.source,
        target=row.target,
        type=LinkType(row.type),
        score=row.score,
        directed=row.directed,
        evidence=from_json(tuple[Evidence, ...], row.evidence),
        note=row.note,
    )


class LinkRepository:
    def __init__(self, sessions: Sessions) -> None:
        self._s = sessions

    def upsert(self, links: Link | Iterable[Link]) -> int:
        """Store links, replacing the score, direction and evidence of existing ones."""
        batch = [links] if isinstance(links, Link) else list(links)
        now = self._s.now()
        with self._s.write() as session:
            for link in batch:
                upsert(
                    session,
                    LinkRow.__table__,  # type: ignore[arg-type]
                    {
                        "source": link.source,
                        "target": link.target,
                        "type": link.type.value,
                        "score": link.score,
                        "directed": link.directed,
                        "evidence": to_json(link.evidence),
                        "note": link.note,
                        "created_at": now,
                        "updated_at": now,
                    },
                    keys=["source", "target", "type"],
                    keep=["created_at"],
                )
        return len(batch)

    def for_article(self, article_id: str) -> list[Link]:
        """Links with the article at either end."""
        stmt = (
            select(LinkRow)
            .where(or_(LinkRow.source == article_id, LinkRow.target == article_id))
            .order_by(LinkRow.type, LinkRow.source, LinkRow.target)
        )
        with self._s.read() as session:
            return [row_to_link(r) for r in session.scalars(stmt)]

    def list(self, type: LinkType | None = None) -> list[Link]:
        stmt = select(LinkRow).order_by(LinkRow.type, LinkRow.source, LinkRow.target)
        if type is not None:
            stmt = stmt.where(LinkRow.type == type.value)
        with self._s.read() as session:
            return [row_to_link(r) for r in session.scalars(stmt)]
