"""Verify a stored page again against its sources (for the review desk's "re-run" and edits).

`verify.verify_page(page)` needs only the page; this gathers the page's sources from the store
(French text, or the cached translation) so that an edited page is checked the way the desk
checked it: every quotation, figure, date and name traced.
"""

from __future__ import annotations

from datetime import UTC, datetime

from newsdesk.config import Settings
from newsdesk.desk.sources import story_material
from newsdesk.store import PageRecord, Store
from newsdesk.translate import get_engine
from newsdesk.types import Page, Story, Verdict
from newsdesk.verify import verify_page, verify_story_page
from newsdesk.verify.checks import verdict_of


def reverify(
    store: Store, record: PageRecord, settings: Settings, page: Page | None = None
) -> Verdict:
    """The verdict of `page` (default: the stored one) against the record's sources."""
    page = page or record.page
    articles = store.articles.get_many(record.article_ids)
    if not articles:
        return verify_page(page)
    now = datetime.now(UTC)
    story = Story(
        id=page.story_id or record.id,
        members=tuple(a for a in record.article_ids if a in articles),
        title=page.title,
        languages=tuple(sorted({a.language or "" for a in articles.values()})),
        first_seen=now,
        last_seen=now,
        lead=record.article_ids[0] if record.article_ids else None,
    )
    publishers = {s.id: (s.publisher or s.name) for s in store.list_sources()}
    material = story_material(story, articles, publishers, get_engine(settings.translate), store)
    verdict = verify_story_page(
        page,
        material.sources,
        length_target=settings.compose.length_target,
        hold_short_pages=settings.compose.hold_short_pages,
        excerpt_max_words=settings.compose.excerpt_max_words,
        excerpt_max_share=settings.compose.excerpt_max_share,
    )
    if material.holds:
        verdict = verdict_of([*verdict.checks, *material.holds])
    return verdict
