"""Articles: the extracted text of raw items, upserted by their content-derived id."""

from __future__ import annotations

import builtins
from collections.abc import Iterable
from datetime import datetime

from sqlalchemy import func, select

from newsdesk.store.codec import from_json, to_json
from newsdesk.store.models import ArticleRow
from newsdesk.store.repositories import IN_CHUNK
from newsdesk.store.sessions import Sessions
from newsdesk.store.upsert import upsert
from newsdesk.types import Article, Licence, Paragraph


def row_to_article(row: ArticleRow) -> Article:
    return Article(
        raw_id=row.raw_id,
        source_id=row.source_id,
        url=row.url,
        title=row.title,
        paragraphs=from_json(tuple[Paragraph, ...], row.paragraphs),
        language=row.language,
        language_confidence=row.language_confidence,
        byline=row.byline,
        published=row.published,
        canonical_url=row.canonical_url,
        site_name=row.site_name,
        licence=Licence(row.licence),
    )


class ArticleRepository:
    def __init__(self, sessions: Sessions) -> None:
        self._s = sessions

    def upsert(self, article: Article) -> bool:
        """Store `article` (or refresh its fields); True when its id was new."""
        now = self._s.now()
        with self._s.write() as session:
            existed = session.scalar(select(ArticleRow.id).where(ArticleRow.id == article.id))
            upsert(
                session,
                ArticleRow.__table__,  # type: ignore[arg-type]
                {
                    "id": article.id,
                    "raw_id": article.raw_id,
                    "source_id": article.source_id,
                    "url": article.url,
                    "title": article.title,
                    "paragraphs": to_json(article.paragraphs),
                    "language": article.language,
                    "language_confidence": article.language_confidence,
                    "byline": article.byline,
                    "published": article.published,
                    "canonical_url": article.canonical_url,
                    "site_name": article.site_name,
                    "licence": article.licence.value,
                    "created_at": now,
                    "updated_at": now,
                },
                keys=["id"],
                keep=["created_at"],
            )
        return existed is None

    def get(self, article_id: str) -> Article | None:
        with self._s.read() as session:
            row = session.get(ArticleRow, article_id)
            return row_to_article(row) if row else None

    def get_many(self, article_ids: Iterable[str]) -> dict[str, Article]:
        ids = list(dict.fromkeys(article_ids))
        if not ids:
            return {}
        with self._s.read() as session:
            rows = session.scalars(select(ArticleRow).where(ArticleRow.id.in_(ids)))
            return {r.id: row_to_article(r) for r in rows}

    def published_of(self, article_ids: Iterable[str]) -> dict[str, datetime | None]:
        """{article id: its publication time or None} for the given ids that are stored,
        without reading their text (the desk dates undated articles by their neighbours')."""
        ids = builtins.list(dict.fromkeys(article_ids))
        out: dict[str, datetime | None] = {}
        with self._s.read() as session:
            for start in range(0, len(ids), IN_CHUNK):
                stmt = select(ArticleRow.id, ArticleRow.published).where(
                    ArticleRow.id.in_(ids[start : start + IN_CHUNK])
                )
                out.update(
                    {article_id: published for article_id, published in session.execute(stmt)}
                )
        return out

    def list(
        self,
        language: str | None = None,
        source_id: str | None = None,
        since: datetime | None = None,
        published_since: datetime | None = None,
        limit: int | None = None,
    ) -> builtins.list[Article]:
        """Articles in the order they were stored, filtered by language, source, time first
        stored (`since`) or publication time (`published_since`)."""
        stmt = select(ArticleRow).order_by(ArticleRow.created_at, ArticleRow.id)
        if language is not None:
            stmt = stmt.where(ArticleRow.language == language)
        if source_id is not None:
            stmt = stmt.where(ArticleRow.source_id == source_id)
        if since is not None:
            stmt = stmt.where(ArticleRow.created_at >= since)
        if published_since is not None:
            stmt = stmt.where(ArticleRow.published >= published_since)
        if limit is not None:
            stmt = stmt.limit(limit)
        with self._s.read() as session:
            return [row_to_article(r) for r in session.scalars(stmt)]

    def count(self, language: str | None = None) -> int:
        stmt = select(func.count()).select_from(ArticleRow)
        if language is not None:
            stmt = stmt.where(ArticleRow.language == language)
        with self._s.read() as session:
            return int(session.scalar(stmt) or 0)
