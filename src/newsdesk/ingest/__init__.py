"""Ingestion: turn a `Source` into RawItems (what was fetched or read, exactly as received).

    collect(source, fetcher, memory, settings) -> Iterator[RawItem | Unchanged | Rejection]

dispatches on ``source.kind`` to one reader per kind (`feeds`, `pages`, `sitemaps`, `files`,
`jsonl`, `warc`); `opml.parse_opml` turns a feed reader's export into feed sources. Network
sources go through one `fetcher.Fetcher` (timeouts, robots.txt, rate limit, conditional GET, size
cap, private-address refusal). `FetchMemory` is what the readers need to remember between runs;
the store implements it, `InMemoryFetchMemory` is the dictionary version. Rejection reason codes
are listed in `reasons`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from newsdesk.config import FetchSettings
from newsdesk.ingest import reasons
from newsdesk.ingest.feeds import read_feed
from newsdesk.ingest.fetcher import Fetcher, FetchResult
from newsdesk.ingest.files import read_folder
from newsdesk.ingest.items import reject
from newsdesk.ingest.jsonl import read_jsonl
from newsdesk.ingest.memory import FetchMemory, InMemoryFetchMemory
from newsdesk.ingest.opml import parse_opml
from newsdesk.ingest.pages import read_page
from newsdesk.ingest.sitemaps import read_sitemap
from newsdesk.ingest.warc import read_warc
from newsdesk.types import RawItem, Rejection, Source, SourceKind, Unchanged

__all__ = [
    "FetchMemory",
    "FetchResult",
    "Fetcher",
    "InMemoryFetchMemory",
    "READERS",
    "collect",
    "parse_opml",
    "reasons",
]

Reader = Callable[
    [Source, Fetcher | None, FetchMemory, FetchSettings], Iterator[RawItem | Unchanged | Rejection]
]

READERS: dict[SourceKind, Reader] = {
    SourceKind.FEED: read_feed,
    SourceKind.PAGE: read_page,
    SourceKind.SITEMAP: read_sitemap,
    SourceKind.FOLDER: read_folder,
    SourceKind.JSONL: read_jsonl,
    SourceKind.WARC: read_warc,
}


def collect(
    source: Source,
    fetcher: Fetcher | None,
    memory: FetchMemory,
    settings: FetchSettings,
) -> Iterator[RawItem | Unchanged | Rejection]:
    """Every item of one source: new RawItems, Unchanged ones, and Rejections naming the input.

    Network kinds (feed, page, sitemap) need a fetcher; local kinds (folder, jsonl, warc) accept
    None. Consume the iterator fully: validators are remembered only after the items are taken.
    """
    reader = READERS.get(source.kind)
    if reader is None:
        yield reject(source, source.location, reasons.UNSUPPORTED_SOURCE, f"kind {source.kind!r}")
        return
    yield from reader(source, fetcher, memory, settings)
