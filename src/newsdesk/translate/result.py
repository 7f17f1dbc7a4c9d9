"""What a translation stage produces, and the typed refusal of a translation that failed a check.

A `Translation` is paragraph-aligned: `segments[i]` is the target-language text of
`source_segments[i]`. Engine name and version are recorded on every one so that a page can say
what machine translated it, and a cache entry can be invalidated when the engine changes.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from newsdesk.errors import NewsdeskError
from newsdesk.types import stable_id


@dataclass(frozen=True)
class Translation:
    """The target-language text of one article (or any keyed list of segments)."""

    key: str  # the article id, or any caller-chosen key
    source_lang: str
    target_lang: str
    source_segments: tuple[str, ...]
    segments: tuple[str, ...]
    engine: str
    engine_version: str
    created_at: datetime  # timezone-aware, UTC
    from_cache: int = 0  # how many segments came from the cache instead of the engine
    notes: tuple[str, ...] = ()  # warnings of the checks that did not reject (e.g. a name unseen)

    def __post_init__(self) -> None:
        if len(self.segments) != len(self.source_segments):
            raise ValueError("a Translation must have one target segment per source segment")
        if self.created_at.tzinfo is None:
            raise ValueError("Translation.created_at must be timezone-aware")

    @property
    def text(self) -> str:
        """The translated body; paragraphs separated by a blank line, as `Article.text`."""
        return "\n\n".join(self.segments)

    @property
    def id(self) -> str:
        return stable_id(
            self.key, self.source_lang, self.target_lang, self.engine, self.engine_version
        )


class TranslationRejected(NewsdeskError):
    """An engine answered, but its answer failed a check and must not be stored or published.

    `reason` is a stable code (see `checks.REASONS`); `segment` the index of the first failing
    segment in the list given to `translate` (None for a whole-batch failure); `partial` holds
    the translations that did pass, index-aligned (None where none passed), so that a caller can
    cache them and not pay for them again.
    """

    def __init__(
        self,
        reason: str,
        detail: str,
        segment: int | None = None,
        partial: tuple[str | None, ...] = (),
    ) -> None:
        where = f" (segment {segment})" if segment is not None else ""
        super().__init__(f"translation rejected: {reason}{where}: {detail}")
        self.reason = reason
        self.detail = detail
        self.segment = segment
        self.partial = partial
