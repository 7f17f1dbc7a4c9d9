"""Read a feed (RSS 0.9x/1.0/2.0, Atom, JSON Feed) into one item per entry.

An entry that carries the full article (content, or a long description) becomes a RawItem of
that content, wrapped in a minimal HTML document; an entry that only carries a summary gets its
page fetched, and the RawItem is the page, with the entry's title/date/author as hints. The feed
itself is fetched with conditional GET: a 304 yields one ``Unchanged`` and nothing else.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator

from newsdesk.config import FetchSettings
from newsdesk.ingest import reasons
from newsdesk.ingest.feedmodel import Entry, ParsedFeed, parse_xml_feed
from newsdesk.ingest.fetcher import Fetcher, FetchResult
from newsdesk.ingest.items import (
    conditional_fetch,
    html_to_text,
    language_code,
    reject,
    source_hints,
    unless_known,
)
from newsdesk.ingest.jsonfeed import looks_like_json_feed, parse_json_feed
from newsdesk.ingest.memory import FetchMemory
from newsdesk.ingest.pages import fetch_listed_item
from newsdesk.log import get_logger
from newsdesk.types import ItemHints, RawItem, Rejection, Source, Unchanged, stable_id

log = get_logger(__name__)

FEED_ACCEPT = (
    "application/rss+xml,application/atom+xml,application/feed+json,application/rdf+xml,"
    "application/xml;q=0.9,text/xml;q=0.9,application/json;q=0.8,*/*;q=0.5"
)

#: An entry body with at least this many words is taken as the full article; shorter ones are
#: summaries and the page is fetched. News articles run 300+ words; feed summaries and excerpts
#: (WordPress's default excerpt is 55 words, Le Monde's and the BBC's descriptions one or two
#: sentences) stay far below 150, so the threshold sits between the two.
FULL_CONTENT_MIN_WORDS = 150

#: Endings that mark a truncated body whatever its length: "[…]", "…", "Read more", "Lire la suite".
#: Searched in the last `_TRUNCATED_TAIL` characters only: on a whole body, `\W*$` after each of
#: 20,000 "..." rescans the rest (5 s, quadratic; found fuzzing).
_TRUNCATED_TAIL = 200
_TRUNCATED = re.compile(
    r"(\[\s*(…|\.\.\.)\s*\]|…|\.\.\.|read more|continue reading|lire la suite|la suite)\W*$",
    re.IGNORECASE,
)


def read_feed(
    source: Source,
    fetcher: Fetcher | None,
    memory: FetchMemory,
    settings: FetchSettings,
) -> Iterator[RawItem | Unchanged | Rejection]:
    """One item per feed entry (see the module docstring), or one Rejection for the feed."""
    if fetcher is None:
        yield reject(source, source.location, reasons.UNSUPPORTED_SOURCE, "a feed needs a fetcher")
        return
    url = source.location
    result = conditional_fetch(fetcher, source, url, memory, FEED_ACCEPT)
    if isinstance(result, Rejection):
        yield result
        return
    if result.not_modified:
        log.info("feed_not_modified", source=url)
        yield Unchanged(source_id=source.id, url=url, reason="not_modified")
        return
    feed = parse_feed(result)
    fetcher.note_feed_hints(url, dict(feed.schedule))
    if not feed.entries:
        if feed.problem:
            yield reject(source, url, reasons.MALFORMED_FEED, feed.problem)
        else:
            yield reject(source, url, reasons.EMPTY_FEED, "the feed has no entries")
        return
    if feed.problem:
        log.info("feed_irregular", source=url, problem=feed.problem)
    yield from _entries(source, feed, result, fetcher, memory, settings)
    # Only now, after every entry was taken, may the next run skip this feed on a 304.
    memory.remember(url, result.etag, result.last_modified)


def parse_feed(result: FetchResult) -> ParsedFeed:
    """The entries of a fetched feed, with JSON Feed told apart from RSS/Atom."""
    if looks_like_json_feed(result.content, result.media_type):
        return parse_json_feed(result.content, result.url, result.encoding)
    content_type = dict(result.headers).get("content-type")
    return parse_xml_feed(result.content, result.url, content_type)


def _entries(
    source: Source,
    feed: ParsedFeed,
    result: FetchResult,
    fetcher: Fetcher,
    memory: FetchMemory,
    settings: FetchSettings,
) -> Iterator[RawItem | Unchanged | Rejection]:
    seen: set[str] = set()
    entries = feed.entries
    if len(entries) > settings.max_items_per_source:
        log.info(
            "feed_capped",
            source=source.location,
            entries=len(entries),
            taken=settings.max_items_per_source,
        )
        entries = entries[: settings.max_items_per_source]
    publisher = source.publisher or feed.title
    language = source.language or language_code(feed.language)
    for index, entry in enumerate(entries):
        keys = {k for k in (entry.link, entry.guid) if k}
        name = entry.link or entry.guid or f"{source.location}#entry-{index}"
        if keys & seen:
            yield reject(
                source, name, reasons.DUPLICATE_ENTRY, "same link or guid as an earlier entry"
            )
            continue
        seen |= keys
        hints = source_hints(
            source,
            title=entry.title,
            published=entry.published,
            author=entry.author,
            summary=html_to_text(entry.summary) if entry.summary else None,
            publisher=publisher,
            language=language,
        )
        body = full_body(entry)
        if body is not None:
            yield unless_known(_content_item(source, entry, body, hints, result, index), memory)
        elif entry.link:
            changed = max((d for d in (entry.published, entry.updated) if d), default=None)
            yield from fetch_listed_item(source, entry.link, fetcher, memory, hints, changed)
        else:
            yield reject(
                source, name, reasons.ENTRY_WITHOUT_LINK, "summary only, and no link to the page"
            )


def full_body(entry: Entry) -> tuple[str, bool] | None:
    """(body, is_html) when the entry carries the whole article, None when it is a summary."""
    candidates = [(entry.content, entry.content_is_html), (entry.summary, True)]
    best: tuple[str, bool] | None = None
    best_text = ""
    for body, is_html in candidates:
        if not body:
            continue
        text = html_to_text(body) if is_html else " ".join(body.split())
        if len(text.split()) > len(best_text.split()):
            best, best_text = (body, is_html), text
    if best is None or len(best_text.split()) < FULL_CONTENT_MIN_WORDS:
        return None
    if _TRUNCATED.search(best_text[-_TRUNCATED_TAIL:]):
        return None
    return best


def _content_item(
    source: Source,
    entry: Entry,
    body: tuple[str, bool],
    hints: ItemHints,
    result: FetchResult,
    index: int,
) -> RawItem:
    """The entry's own content as a small HTML document (title in <title> and <h1>)."""
    text, is_html = body
    inner = text if is_html else "".join(f"<p>{html.escape(p)}</p>" for p in text.split("\n\n"))
    title = html.escape(entry.title or "")
    document = (
        '<!DOCTYPE html>\n<html><head><meta charset="utf-8">'
        f"<title>{title}</title></head>\n<body><article>"
        + (f"<h1>{title}</h1>\n" if title else "")
        + f"{inner}</article></body></html>\n"
    )
    url = entry.link or f"{result.url}#{stable_id(entry.guid or entry.title or str(index))}"
    return RawItem(
        source_id=source.id,
        url=url,
        fetched_at=result.fetched_at,
        content=document.encode("utf-8"),
        media_type="text/html",
        status=result.status,
        encoding="utf-8",
        hints=hints,
    )
