"""Stories and their members. An article belongs to at most one story; saving a story takes
its members away from any story they were in before."""

from __future__ import annotations

import builtins
from datetime import datetime

from sqlalchemy import delete, or_, select

from newsdesk.store.models import StoryMemberRow, StoryRow
from newsdesk.store.sessions import Sessions
from newsdesk.types import Story


def _story(row: StoryRow, members: tuple[str, ...]) -> Story:
    return Story(
        id=row.id,
        members=members,
        title=row.title,
        languages=tuple(row.languages),
        first_seen=row.first_seen,
        last_seen=row.last_seen,
        lead=row.lead,
    )


class StoryRepository:
    def __init__(self, sessions: Sessions) -> None:
        self._s = sessions

    def upsert(self, story: Story) -> bool:
        """Store `story` under its (stable) id; True when anything about it changed."""
        if len(set(story.members)) != len(story.members):
            raise ValueError(f"story {story.id} lists an article twice")
        current = self.get(story.id)
        if current == story:
            return False
        now = self._s.now()
        with self._s.write() as session:
            row = session.get(StoryRow, story.id)
            if row is None:
                row = StoryRow(id=story.id, created_at=now)
                session.add(row)
            row.title = story.title
            row.languages = list(story.languages)
            row.first_seen = story.first_seen
            row.last_seen = story.last_seen
            row.lead = story.lead
            row.updated_at = now
            session.flush()
            members = list(story.members)
            stmt = delete(StoryMemberRow).where(StoryMemberRow.story_id == story.id)
            if members:
                stmt = delete(StoryMemberRow).where(
                    or_(
                        StoryMemberRow.story_id == story.id,
                        StoryMemberRow.article_id.in_(members),
                    )
                )
            session.execute(stmt)
            session.add_all(
                StoryMemberRow(story_id=story.id, article_id=a, position=i)
                for i, a in enumerate(members)
            )
        return True

    def get(self, story_id: str) -> Story | None:
        with self._s.read() as session:
            row = session.get(StoryRow, story_id)
            if row is None:
                return None
            members = tuple(
                session.scalars(
                    select(StoryMemberRow.article_id)
                    .where(StoryMemberRow.story_id == story_id)
                    .order_by(StoryMemberRow.position)
                )
            )
            return _story(row, members)

    def of_article(self, article_id: str) -> Story | None:
        """The story the article belongs to, if any."""
        with self._s.read() as session:
            story_id = session.scalar(
                select(StoryMemberRow.story_id).where(StoryMemberRow.article_id == article_id)
            )
        return self.get(story_id) if story_id else None

    def list(self, updated_since: datetime | None = None) -> list[Story]:
        """Stories, most recently seen first (only those saved since a time, if given)."""
        stmt = select(StoryRow).order_by(StoryRow.last_seen.desc(), StoryRow.id)
        if updated_since is not None:
            stmt = stmt.where(StoryRow.updated_at >= updated_since)
        members_stmt = (
            select(StoryMemberRow)
            .join(StoryRow, StoryRow.id == StoryMemberRow.story_id)
            .order_by(StoryMemberRow.story_id, StoryMemberRow.position)
        )
        if updated_since is not None:
            members_stmt = members_stmt.where(StoryRow.updated_at >= updated_since)
        with self._s.read() as session:
            rows = list(session.scalars(stmt))
            members: dict[str, builtins.list[str]] = {r.id: [] for r in rows}
            for m in session.scalars(members_stmt):
                if m.story_id in members:
                    members[m.story_id].append(m.article_id)
            return [_story(r, tuple(members[r.id])) for r in rows]

    def remove(self, story_id: str) -> bool:
        with self._s.write() as session:
            result = session.execute(delete(StoryRow).where(StoryRow.id == story_id))
            return bool(getattr(result, "rowcount", 0))
