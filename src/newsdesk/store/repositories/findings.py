"""Findings (defects) per article: replaced as a whole each time an article is analysed."""

from __future__ import annotations

import builtins
from collections.abc import Iterable

from sqlalchemy import delete, func, insert, select

from newsdesk.store.models import FindingRow
from newsdesk.store.sessions import Sessions
from newsdesk.types import Finding, Severity


def row_to_finding(row: FindingRow) -> Finding:
    return Finding(
        category=row.category,
        severity=Severity(row.severity),
        start=row.span_start,
        end=row.span_end,
        excerpt=row.excerpt,
        detector=row.detector,
        message=row.message,
        confidence=row.confidence,
        part=row.part,
    )


class FindingRepository:
    def __init__(self, sessions: Sessions) -> None:
        self._s = sessions

    def replace_for(self, article_id: str, findings: Iterable[Finding]) -> int:
        """Make `findings` the article's findings (an empty list clears them); returns count."""
        rows = [
            {
                "article_id": article_id,
                "category": f.category,
                "severity": f.severity.value,
                "span_start": f.start,
                "span_end": f.end,
                "excerpt": f.excerpt,
                "detector": f.detector,
                "message": f.message,
                "confidence": f.confidence,
                "part": f.part,
            }
            for f in findings
        ]
        with self._s.write() as session:
            session.execute(delete(FindingRow).where(FindingRow.article_id == article_id))
            if rows:
                session.execute(insert(FindingRow), rows)
        return len(rows)

    def list(self, article_id: str) -> list[Finding]:
        """The article's findings in text order."""
        stmt = (
            select(FindingRow)
            .where(FindingRow.article_id == article_id)
            .order_by(FindingRow.span_start, FindingRow.span_end, FindingRow.id)
        )
        with self._s.read() as session:
            return [row_to_finding(r) for r in session.scalars(stmt)]

    def for_articles(self, article_ids: Iterable[str]) -> dict[str, builtins.list[Finding]]:
        ids = list(dict.fromkeys(article_ids))
        out: dict[str, builtins.list[Finding]] = {i: [] for i in ids}
        if not ids:
            return out
        stmt = (
            select(FindingRow)
            .where(FindingRow.article_id.in_(ids))
            .order_by(FindingRow.article_id, FindingRow.span_start, FindingRow.id)
        )
        with self._s.read() as session:
            for row in session.scalars(stmt):
                out[row.article_id].append(row_to_finding(row))
        return out

    def counts_by_category(self) -> dict[str, int]:
        stmt = select(FindingRow.category, func.count()).group_by(FindingRow.category)
        with self._s.read() as session:
            return {c: int(n) for c, n in session.execute(stmt)}
