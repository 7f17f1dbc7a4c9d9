"""Build the site from the store: every published page, the publishers' findings rates, and the
store's content hashes as the builder's keys (so no page is hashed again)."""

from __future__ import annotations

from datetime import datetime

from newsdesk.config import Settings
from newsdesk.publish.site import BuildReport, build_site
from newsdesk.publish.views import PublisherStats
from newsdesk.store import Store
from newsdesk.store.records import PageStatus


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


def build_from_store(store: Store, settings: Settings, now: datetime) -> BuildReport:
    records = store.pages.list(PageStatus.PUBLISHED)
    return build_site(
        [r.page for r in records],
        settings.out,
        settings.site,
        now,
        publishers=publisher_stats(store),
        page_keys={r.slug: r.content_hash for r in records if r.content_hash},
    )
