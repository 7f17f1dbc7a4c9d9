"""The input of story clustering: one article reduced to what clustering looks at."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime


@dataclass(frozen=True)
class StoryDoc:
    """An article as the clusterer sees it.

    `id` is the article id (it becomes a story member); `published` is the publication time
    when the page gives one, `first_seen` when newsdesk first read it. Both must be
    timezone-aware: a naive datetime is a caller's bug, not bad input, so it raises.
    """

    id: str
    title: str
    text: str
    language: str | None
    published: datetime | None
    first_seen: datetime

    def __post_init__(self) -> None:
        for name in ("published", "first_seen"):
            value = getattr(self, name)
            if value is not None and value.utcoffset() is None:
                raise ValueError(f"StoryDoc.{name} must be timezone-aware (got {value!r})")

    @property
    def time(self) -> datetime:
        """When the article entered the news, in UTC: publication time, else first seen."""
        return (self.published or self.first_seen).astimezone(UTC)
