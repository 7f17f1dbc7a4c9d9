"""Sources and their health: add, list, remove, enable or disable, and record each fetch."""

from __future__ import annotations

import builtins
from datetime import datetime

from sqlalchemy import delete, func, or_, select, update

from newsdesk.log import get_logger
from newsdesk.store.codec import from_json, to_json
from newsdesk.store.models import ArticleRow, FindingRow, RawItemRow, SourceRow
from newsdesk.store.records import SourceHealth
from newsdesk.store.sessions import Sessions
from newsdesk.store.upsert import insert_ignore
from newsdesk.types import Licence, Source, SourceKind, SourceRules

log = get_logger(__name__)

#: Where a source comes from (the `origin` column): newsdesk.toml, added by hand (`sources add`,
#: the desk, an OPML import), or the bundled samples. See newsdesk.desk.roster.
ORIGIN_CONFIG = "config"
ORIGIN_ADDED = "added"
ORIGIN_SAMPLES = "samples"


def source_values(source: Source) -> dict[str, object]:
    """The columns that describe a source (not its health, not its timestamps)."""
    return {
        "kind": source.kind.value,
        "location": source.location,
        "name": source.name,
        "publisher": source.publisher,
        "language": source.language,
        "licence": source.licence.value,
        "allow_private": source.allow_private,
        "rules": to_json(source.rules),
    }


def row_to_source(row: SourceRow) -> Source:
    return Source(
        kind=SourceKind(row.kind),
        location=row.location,
        name=row.name,
        publisher=row.publisher,
        language=row.language,
        licence=Licence(row.licence),
        allow_private=row.allow_private,
        enabled=row.enabled,
        rules=from_json(SourceRules, row.rules),
    )


class SourceRepository:
    def __init__(self, sessions: Sessions) -> None:
        self._s = sessions

    def add(self, source: Source, origin: str = ORIGIN_ADDED) -> Source:
        """Store `source` unless a source with its id exists; return the stored one."""
        now = self._s.now()
        with self._s.write() as session:
            inserted = insert_ignore(
                session,
                SourceRow.__table__,  # type: ignore[arg-type]
                {
                    "id": source.id,
                    **source_values(source),
                    "enabled": source.enabled,
                    "origin": origin,
                    "created_at": now,
                    "updated_at": now,
                    "consecutive_errors": 0,
                },
            )
            row = session.get_one(SourceRow, source.id)
            stored = row_to_source(row)
        if inserted:
            log.info("source_added", source=source.id, location=source.location)
        return stored

    def update(self, source: Source, origin: str | None = None) -> Source:
        """Add `source`, or overwrite the stored description (name, publisher, licence, rules…)
        of the source with its id, and its origin when one is given. Health and the stored
        `enabled` flag are kept."""
        self.add(source, origin or ORIGIN_ADDED)
        values = source_values(source)
        if origin is not None:
            values["origin"] = origin
        with self._s.write() as session:
            session.execute(
                update(SourceRow)
                .where(SourceRow.id == source.id)
                .values(**values, updated_at=self._s.now())
            )
            return row_to_source(session.get_one(SourceRow, source.id))

    def get(self, source_id: str) -> Source | None:
        with self._s.read() as session:
            row = session.get(SourceRow, source_id)
            return row_to_source(row) if row else None

    def origins(self) -> dict[str, str]:
        """Every source id with its origin (ORIGIN_CONFIG, ORIGIN_ADDED or ORIGIN_SAMPLES)."""
        with self._s.read() as session:
            rows = session.execute(select(SourceRow.id, SourceRow.origin))
            return {source_id: origin for source_id, origin in rows}

    def list(self, enabled_only: bool = False) -> list[Source]:
        """Sources in the order they were added."""
        stmt = select(SourceRow).order_by(SourceRow.created_at, SourceRow.id)
        if enabled_only:
            stmt = stmt.where(SourceRow.enabled.is_(True))
        with self._s.read() as session:
            return [row_to_source(r) for r in session.scalars(stmt)]

    def remove(self, id_or_location: str) -> bool:
        """Remove the source with this id or location (its items and articles stay)."""
        with self._s.write() as session:
            result = session.execute(
                delete(SourceRow).where(
                    or_(SourceRow.id == id_or_location, SourceRow.location == id_or_location)
                )
            )
            removed = int(getattr(result, "rowcount", 0) or 0)
        if removed:
            log.info("source_removed", source=id_or_location, rows=removed)
        return removed > 0

    def set_enabled(self, source_id: str, enabled: bool) -> bool:
        """Enable or disable a source; False when there is no such source."""
        with self._s.write() as session:
            result = session.execute(
                update(SourceRow)
                .where(SourceRow.id == source_id)
                .values(enabled=enabled, updated_at=self._s.now())
            )
            return bool(getattr(result, "rowcount", 0))

    def record_fetch(
        self,
        source_id: str,
        ok: bool,
        status: str | None = None,
        error: str | None = None,
        at: datetime | None = None,
    ) -> bool:
        """Record the outcome of fetching a source: a failure adds one to its run of
        consecutive errors, a success resets it. False when there is no such source."""
        at = at or self._s.now()
        values: dict[str, object] = {
            "last_fetch_at": at,
            "last_status": status or ("ok" if ok else "error"),
        }
        if ok:
            values.update(last_ok_at=at, consecutive_errors=0, last_error=None)
        else:
            values.update(consecutive_errors=SourceRow.consecutive_errors + 1, last_error=error)
        with self._s.write() as session:
            result = session.execute(
                update(SourceRow).where(SourceRow.id == source_id).values(**values)
            )
            found = bool(getattr(result, "rowcount", 0))
        if not found:
            log.warning("fetch_recorded_for_unknown_source", source=source_id)
        return found

    def health(self, source_id: str | None = None) -> builtins.list[SourceHealth]:
        """Each source (or the one given) with its fetch health and item, article and
        finding counts, in the order they were added."""
        items = (
            select(RawItemRow.source_id, func.count().label("n"))
            .group_by(RawItemRow.source_id)
            .subquery()
        )
        articles = (
            select(ArticleRow.source_id, func.count().label("n"))
            .group_by(ArticleRow.source_id)
            .subquery()
        )
        flagged = (
            select(ArticleRow.source_id, func.count(func.distinct(ArticleRow.id)).label("n"))
            .join(FindingRow, FindingRow.article_id == ArticleRow.id)
            .group_by(ArticleRow.source_id)
            .subquery()
        )
        stmt = (
            select(
                SourceRow,
                func.coalesce(items.c.n, 0),
                func.coalesce(articles.c.n, 0),
                func.coalesce(flagged.c.n, 0),
            )
            .outerjoin(items, items.c.source_id == SourceRow.id)
            .outerjoin(articles, articles.c.source_id == SourceRow.id)
            .outerjoin(flagged, flagged.c.source_id == SourceRow.id)
            .order_by(SourceRow.created_at, SourceRow.id)
        )
        if source_id is not None:
            stmt = stmt.where(SourceRow.id == source_id)
        with self._s.read() as session:
            return [
                SourceHealth(
                    source=row_to_source(row),
                    created_at=row.created_at,
                    last_fetch_at=row.last_fetch_at,
                    last_ok_at=row.last_ok_at,
                    last_status=row.last_status,
                    consecutive_errors=row.consecutive_errors,
                    last_error=row.last_error,
                    items=int(n_items),
                    articles=int(n_articles),
                    articles_with_findings=int(n_flagged),
                    next_check_at=row.next_check_at,
                    check_interval=row.check_interval,
                    paused_at=row.paused_at,
                )
                for row, n_items, n_articles, n_flagged in session.execute(stmt)
            ]
