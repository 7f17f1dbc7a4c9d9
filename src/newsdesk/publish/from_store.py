"""Build the site from the store: the published pages, the publishers' findings rates, and the
store's content hashes as the builder's page digests.

The builder is given the slug and content hash of every published page (one light query) and
reads in full only the pages whose hash differs from its previous build's state: an editor's
approval rebuilds one story page and the listings it appears on, without loading the other
pages. Comparing hashes, rather than asking for pages changed since the last build's time, also
sees pages deleted from the store and is immune to clocks and concurrent writers.
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import datetime

from newsdesk.config import Settings
from newsdesk.publish.site import BuildReport, update_site
from newsdesk.publish.views import PublisherStats
from newsdesk.store import Store
from newsdesk.store.records import PageStatus
from newsdesk.types import Page

# Above this many pages to read, one query for every published page is cheaper than one query
# per page (measured on SQLite with 10,000 pages: 0.45 ms a page listed, 1.4 ms a page by slug).
BULK_READ_FROM = 300


def publisher_stats(store: Store) -> dict[str, PublisherStats]:
    """Findings rate per publisher name, summed over that publisher's sources."""
    totals: dict[str, list[int]] = {}
    for health in store.source_health():
        name = health.source.publisher or health.source.name
        if not name:
            continue
        counts = totals.setdefault(name, [0, 0])
        counts[0] += health.articles
        counts[1] += health.articles_with_findings
    return {name: PublisherStats(name, a, f) for name, (a, f) in totals.items()}


def read_published(store: Store, slugs: Collection[str]) -> dict[str, tuple[Page, str]]:
    """Slug → (page, content hash) of those of `slugs` that are published now."""
    wanted = set(slugs)
    if len(wanted) >= BULK_READ_FROM:
        records = [r for r in store.pages.list(PageStatus.PUBLISHED) if r.slug in wanted]
    else:
        found = (store.pages.get_by_slug(slug) for slug in sorted(wanted))
        records = [r for r in found if r is not None and r.status == PageStatus.PUBLISHED]
    return {r.slug: (r.page, r.content_hash) for r in records}


def build_from_store(store: Store, settings: Settings, now: datetime) -> BuildReport:
    return update_site(
        store.pages.published_hashes(),
        lambda slugs: read_published(store, slugs),
        settings.out,
        settings.site,
        now,
        publishers=publisher_stats(store),
        redirects=store.redirects.published(),
    )
