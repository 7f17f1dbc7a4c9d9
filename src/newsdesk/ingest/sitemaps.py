"""Read a sitemap or sitemap index (XML, gzipped XML or plain text) into one item per page.

Index files are followed to their child sitemaps (newest first, by <lastmod>), up to
`MAX_CHILD_SITEMAPS` children and `MAX_SITEMAP_DEPTH` levels; the page URLs are taken newest
first, at most `fetch.max_items_per_source` per run, and fetched like single pages (conditional
GET, robots.txt, rate limit). Google News sitemap fields (<news:title>,
<news:publication_date>) become the item's hints.
"""

from __future__ import annotations

import gzip
import io
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from urllib.parse import urljoin

from newsdesk.config import FetchSettings
from newsdesk.ingest import reasons
from newsdesk.ingest.charrefs import repair_charrefs
from newsdesk.ingest.charset import decode
from newsdesk.ingest.dates import parse_published
from newsdesk.ingest.fetcher import Fetcher, FetchResult
from newsdesk.ingest.items import conditional_fetch, reject, source_hints
from newsdesk.ingest.memory import FetchMemory
from newsdesk.ingest.pages import fetch_listed_item
from newsdesk.log import get_logger
from newsdesk.types import RawItem, Rejection, Source, Unchanged

log = get_logger(__name__)

SITEMAP_ACCEPT = "application/xml,text/xml;q=0.9,application/gzip;q=0.8,text/plain;q=0.5"
#: Child sitemaps read from one index per run. News sites split by month or day; the 20 newest
#: children hold far more than `max_items_per_source` (200) recent URLs on every site we tried.
MAX_CHILD_SITEMAPS = 20
#: Index → index → urlset is the deepest nesting the protocol's users produce in practice;
#: more levels are refused so a hostile index cannot send us around forever.
MAX_SITEMAP_DEPTH = 2


@dataclass(frozen=True)
class SitemapUrl:
    loc: str
    lastmod: datetime | None = None
    title: str | None = None  # <news:title>
    published: datetime | None = None  # <news:publication_date>


@dataclass(frozen=True)
class ParsedSitemap:
    is_index: bool
    urls: tuple[SitemapUrl, ...]  # pages (urlset) or child sitemaps (index)


def _local(tag: object) -> str:
    return str(tag).rsplit("}", 1)[-1].lower() if isinstance(tag, str) else ""


def _date(value: str | None) -> datetime | None:
    try:
        return parse_published(value.strip()) if value else None
    except ValueError:
        return None


def _entry(element: Any, base_url: str) -> SitemapUrl | None:
    """One <url> or <sitemap> element; None without a <loc>."""
    fields: dict[str, str] = {}
    for node in element.iter():
        name = _local(node.tag)
        if name in ("loc", "lastmod", "title", "publication_date") and node.text:
            fields.setdefault(name, node.text.strip())
    if not fields.get("loc"):
        return None
    return SitemapUrl(
        loc=urljoin(base_url, fields["loc"]),
        lastmod=_date(fields.get("lastmod")),
        title=fields.get("title"),
        published=_date(fields.get("publication_date")),
    )


def parse_sitemap(content: bytes, base_url: str) -> ParsedSitemap | str:
    """The URLs of a sitemap document, or why it is not one."""
    stripped = content.lstrip()
    if not stripped.startswith(b"<"):
        text = decode(content, None)
        lines = [line.strip() for line in text.splitlines() if line.strip()]
        if lines and all(line.startswith(("http://", "https://")) for line in lines):
            return ParsedSitemap(False, tuple(SitemapUrl(line) for line in lines))
        return "neither XML nor a text list of URLs"
    from lxml import etree

    # No entities, no network, no huge trees: a sitemap is data from a stranger.
    parser = etree.XMLParser(resolve_entities=False, no_network=True, recover=True, huge_tree=False)
    try:
        root = etree.fromstring(repair_charrefs(content), parser=parser)
    except etree.XMLSyntaxError as exc:
        return f"not XML: {exc}"
    if root is None:
        return "not XML"
    try:
        return _parsed(root, base_url)
    except UnicodeDecodeError as exc:  # a tag or namespace lxml kept but cannot decode
        return f"undecodable XML: {exc}"


def _parsed(root: Any, base_url: str) -> ParsedSitemap | str:
    kind = _local(root.tag)
    if kind not in ("urlset", "sitemapindex"):
        return f"root element is <{kind}>, not <urlset> or <sitemapindex>"
    child_tag = "sitemap" if kind == "sitemapindex" else "url"
    found: list[SitemapUrl] = []
    for element in root:
        if _local(element.tag) != child_tag:
            continue
        try:
            url = _entry(element, base_url)
        except (UnicodeDecodeError, ValueError) as exc:
            # Text lxml kept but cannot decode, or a <loc> urljoin refuses ("//["): that URL
            # is skipped, the others are read.
            log.info("sitemap_entry_skipped", sitemap=base_url, why=str(exc)[:200])
            continue
        if url is not None:
            found.append(url)
    return ParsedSitemap(kind == "sitemapindex", tuple(found))


def _when(url: SitemapUrl) -> datetime:
    when = url.published or url.lastmod
    assert when is not None  # only called on dated URLs
    return when


def _newest_first(urls: list[SitemapUrl]) -> list[SitemapUrl]:
    """Dated URLs newest first, then undated ones in document order; duplicates dropped."""
    seen: set[str] = set()
    unique: list[SitemapUrl] = []
    for url in urls:
        if url.loc not in seen:
            seen.add(url.loc)
            unique.append(url)
    dated = sorted((u for u in unique if u.published or u.lastmod), key=_when, reverse=True)
    return dated + [u for u in unique if not (u.published or u.lastmod)]


def sitemap_bytes(result: FetchResult, max_bytes: int) -> bytes | str:
    """The sitemap bytes, gunzipped when needed (within the size cap), or why not."""
    content = result.content
    if not content.startswith(b"\x1f\x8b"):
        return content
    try:
        with gzip.GzipFile(fileobj=io.BytesIO(content)) as stream:
            data = stream.read(max_bytes + 1)
    except (OSError, EOFError, zlib.error) as exc:
        return f"broken gzip: {exc}"
    if len(data) > max_bytes:
        return "too_large"
    return data


def read_sitemap(
    source: Source,
    fetcher: Fetcher | None,
    memory: FetchMemory,
    settings: FetchSettings,
) -> Iterator[RawItem | Unchanged | Rejection]:
    """One item per page URL of the sitemap (see the module docstring)."""
    if fetcher is None:
        yield reject(
            source, source.location, reasons.UNSUPPORTED_SOURCE, "a sitemap needs a fetcher"
        )
        return
    pages: list[SitemapUrl] = []
    to_remember: list[tuple[str, str | None, str | None]] = []
    pending: list[tuple[str, int]] = [(source.location, 0)]
    visited: set[str] = set()
    while pending:
        url, depth = pending.pop(0)
        if url in visited:
            continue
        visited.add(url)
        result = conditional_fetch(fetcher, source, url, memory, SITEMAP_ACCEPT, allow_binary=True)
        if isinstance(result, Rejection):
            yield result
            continue
        if result.not_modified:
            yield Unchanged(source_id=source.id, url=url, reason="not_modified")
            continue
        body = sitemap_bytes(result, settings.max_bytes)
        if body == "too_large":
            yield reject(
                source, url, reasons.TOO_LARGE, "gunzipped sitemap exceeds fetch.max_bytes"
            )
            continue
        if isinstance(body, str):
            yield reject(source, url, reasons.MALFORMED_SITEMAP, body)
            continue
        parsed = parse_sitemap(body, result.url)
        if isinstance(parsed, str):
            yield reject(source, url, reasons.MALFORMED_SITEMAP, parsed)
            continue
        to_remember.append((url, result.etag, result.last_modified))
        if not parsed.is_index:
            pages.extend(parsed.urls)
            continue
        if depth >= MAX_SITEMAP_DEPTH:
            yield reject(
                source,
                url,
                reasons.MALFORMED_SITEMAP,
                f"sitemap index nested deeper than {MAX_SITEMAP_DEPTH} levels",
            )
            continue
        children = _newest_first(list(parsed.urls))
        if len(children) > MAX_CHILD_SITEMAPS:
            log.info(
                "sitemap_children_capped",
                sitemap=url,
                children=len(children),
                taken=MAX_CHILD_SITEMAPS,
            )
        pending.extend((child.loc, depth + 1) for child in children[:MAX_CHILD_SITEMAPS])
    if not pages and to_remember:
        yield reject(source, source.location, reasons.EMPTY_SITEMAP, "no page URLs listed")
    ordered = _newest_first(pages)
    if len(ordered) > settings.max_items_per_source:
        log.info(
            "sitemap_capped",
            source=source.location,
            urls=len(ordered),
            taken=settings.max_items_per_source,
        )
    for page in ordered[: settings.max_items_per_source]:
        hints = source_hints(source, title=page.title, published=page.published)
        changed = max((d for d in (page.published, page.lastmod) if d), default=None)
        yield from fetch_listed_item(source, page.loc, fetcher, memory, hints, changed)
    for url, etag, last_modified in to_remember:
        memory.remember(url, etag, last_modified)
