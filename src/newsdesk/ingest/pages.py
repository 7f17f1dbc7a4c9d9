"""Read a single page URL, and fetch one page for the other readers (feed entries, sitemaps).

A page is fetched with the validators remembered for its URL, so an unchanged page answers 304
and costs nothing; its validators are remembered only once the consumer has taken the item.
A page that a feed or sitemap lists is not requested at all when it was fetched after the
listing says it last changed (`fetch_listed_item`).
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime

from newsdesk.config import FetchSettings
from newsdesk.ingest import reasons
from newsdesk.ingest.dates import as_utc
from newsdesk.ingest.fetcher import Fetcher
from newsdesk.ingest.items import (
    conditional_fetch,
    raw_from_fetch,
    reject,
    source_hints,
    unless_known,
)
from newsdesk.ingest.memory import FetchMemory
from newsdesk.types import ItemHints, RawItem, Rejection, Source, Unchanged

PAGE_ACCEPT = "text/html,application/xhtml+xml;q=0.9,text/plain;q=0.8,*/*;q=0.5"


def fetch_item(
    source: Source,
    url: str,
    fetcher: Fetcher,
    memory: FetchMemory,
    hints: ItemHints,
) -> Iterator[RawItem | Unchanged | Rejection]:
    """Yield exactly one item for url: the page, Unchanged (304 or stored), or a Rejection."""
    result = conditional_fetch(fetcher, source, url, memory, PAGE_ACCEPT)
    if isinstance(result, Rejection):
        yield result
        return
    if result.not_modified:
        yield Unchanged(source_id=source.id, url=url, reason="not_modified")
        if result.etag or result.last_modified:
            etag, last_modified = memory.validators(url)
            memory.remember(url, result.etag or etag, result.last_modified or last_modified)
        return
    yield unless_known(raw_from_fetch(source, result, hints), memory)
    memory.remember(url, result.etag, result.last_modified)


def fetch_listed_item(
    source: Source,
    url: str,
    fetcher: Fetcher,
    memory: FetchMemory,
    hints: ItemHints,
    changed: datetime | None,
) -> Iterator[RawItem | Unchanged | Rejection]:
    """Like `fetch_item`, for a page a feed entry or sitemap lists with its change date (None
    when the listing gives none): Unchanged("already_fetched") without a request when the page
    was fetched since that date, or ever when there is no date. News pages are rarely changed
    after publication, and a listing that dates its changes says when they were."""
    fetched = memory.last_fetched(url)
    if fetched is not None and (changed is None or as_utc(changed) <= as_utc(fetched)):
        yield Unchanged(source_id=source.id, url=url, reason="already_fetched")
        return
    yield from fetch_item(source, url, fetcher, memory, hints)


def read_page(
    source: Source,
    fetcher: Fetcher | None,
    memory: FetchMemory,
    settings: FetchSettings,
) -> Iterator[RawItem | Unchanged | Rejection]:
    """A single page URL as one item (whether it holds an article is for extraction to judge)."""
    if fetcher is None:
        yield reject(
            source, source.location, reasons.UNSUPPORTED_SOURCE, "page source needs a fetcher"
        )
        return
    yield from fetch_item(source, source.location, fetcher, memory, source_hints(source))
