"""Crawl news sites for the audit and keep what was fetched in a WARC file.

Investigators audit *sites*; `newsdesk audit --crawl URL` lets them do it without another
crawler. For each start URL the crawl reads the site's robots.txt, the sitemaps it names (or
/sitemap.xml), sitemap indexes down to their news sitemaps, and the feeds the home page
advertises (or the usual /feed, /rss.xml…), then fetches the article pages they list, newest
first, up to `max_pages` per site. If none of these lists a page, the home page's links to its
own site are taken instead (one level, no deeper).

Every request goes through the desk's `Fetcher`: the same address guard, robots.txt rules,
per-host rate limit and Crawl-delay, size cap and whole-request deadline. What it fetched is
written as WARC response records (warcio), one per HTML page, so that the audit reads the crawl
back from the file: the audit of a crawl and the audit of its WARC are the same, and the file
can be shared and re-audited later. Sitemaps, feeds and robots.txt are not archived (they are
not documents); the `warcinfo` record names the start URLs and the crawl's settings.

What the crawl could not fetch is a `Rejection` (reason and detail, like every other input),
returned with the archived URLs so that the audit's rejections list it.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from newsdesk import __version__
from newsdesk.ingest import reasons
from newsdesk.ingest.feeds import parse_feed
from newsdesk.ingest.fetcher import Fetcher, FetchResult, url_host
from newsdesk.ingest.sitemaps import SITEMAP_ACCEPT, parse_sitemap, sitemap_bytes
from newsdesk.ingest.warc import HTML_MEDIA_TYPES
from newsdesk.log import get_logger
from newsdesk.types import Rejection

log = get_logger(__name__)

#: Pages fetched per site when the caller names no limit.
DEFAULT_MAX_PAGES = 200
#: Sitemaps (indexes and their children) read per site, and nesting depth below robots.txt.
MAX_SITEMAPS = 50
MAX_SITEMAP_DEPTH = 3
#: Feeds read per site (those the home page advertises, else the usual paths that answer).
MAX_FEEDS = 10
#: Where sites usually keep them, tried when robots.txt names no sitemap / the home page no feed.
USUAL_SITEMAPS = ("/sitemap.xml", "/sitemap_index.xml", "/news-sitemap.xml")
USUAL_FEEDS = ("/feed", "/rss.xml", "/feed.xml", "/atom.xml", "/index.xml")
FEED_TYPES = ("application/rss+xml", "application/atom+xml", "application/feed+json")
PAGE_ACCEPT = "text/html,application/xhtml+xml;q=0.9"
FEED_ACCEPT = "application/rss+xml,application/atom+xml,application/xml;q=0.9,text/xml;q=0.8"


@dataclass(frozen=True)
class Listed:
    """A page URL found in a sitemap or feed, with the date the list gives it (if any)."""

    url: str
    when: datetime | None = None


@dataclass
class SiteCrawl:
    """What one start URL gave: pages archived, rejections, and where the URLs came from."""

    start: str
    archived: list[str] = field(default_factory=list)
    rejections: list[Rejection] = field(default_factory=list)
    sitemaps: list[str] = field(default_factory=list)  # read successfully
    feeds: list[str] = field(default_factory=list)  # read successfully
    listed: int = 0  # distinct page URLs found
    from_home_links: bool = False  # no sitemap or feed listed a page


def _same_site(url: str, host: str) -> bool:
    other = url_host(url)
    return other is not None and (
        other == host or other.removeprefix("www.") == host.removeprefix("www.")
    )


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def _reject(url: str, reason: str, detail: str) -> Rejection:
    return Rejection(item=url, stage="crawl", reason=reason, detail=detail)


class _Lister:
    """Finds the page URLs of one site: sitemaps first, then feeds, then the home page."""

    def __init__(self, fetcher: Fetcher, site: SiteCrawl, allow_private: bool) -> None:
        self.fetcher = fetcher
        self.site = site
        self.allow_private = allow_private
        self.host = url_host(site.start) or ""
        self.found: dict[str, Listed] = {}

    def fetch(self, url: str, accept: str, *, quiet: bool = False) -> FetchResult | None:
        result = self.fetcher.fetch(
            url,
            allow_private=self.allow_private,
            private_host=self.host if self.allow_private else None,
            accept=accept,
            allow_binary=True,
        )
        if isinstance(result, Rejection):
            if not quiet:
                self.site.rejections.append(result)
            return None
        return result

    def add(self, url: str, when: datetime | None) -> None:
        url = url.split("#", 1)[0]
        if not _same_site(url, self.host):
            return
        known = self.found.get(url)
        if known is None or (when is not None and (known.when is None or when > known.when)):
            self.found[url] = Listed(url, when)

    def sitemaps(self, named: Iterable[str]) -> None:
        pending = [(url, 0) for url in named]
        seen: set[str] = set()
        while pending and len(seen) < MAX_SITEMAPS:
            url, depth = pending.pop(0)
            if url in seen:
                continue
            seen.add(url)
            result = self.fetch(
                url, SITEMAP_ACCEPT, quiet=depth == 0 and url.endswith(USUAL_SITEMAPS)
            )
            if result is None:
                continue
            content = sitemap_bytes(result, self.fetcher.settings.max_bytes)
            if isinstance(content, str):  # gunzipped past the size cap, or broken gzip
                reason = reasons.TOO_LARGE if content == "too_large" else reasons.MALFORMED_SITEMAP
                self.site.rejections.append(_reject(url, reason, content))
                continue
            parsed = parse_sitemap(content, result.url)
            if isinstance(parsed, str):
                self.site.rejections.append(_reject(url, reasons.MALFORMED_SITEMAP, parsed))
                continue
            self.site.sitemaps.append(url)
            if parsed.is_index:
                if depth + 1 > MAX_SITEMAP_DEPTH:
                    continue
                children = sorted(
                    parsed.urls,
                    key=lambda u: u.lastmod or datetime.min.replace(tzinfo=UTC),
                    reverse=True,
                )
                pending.extend((child.loc, depth + 1) for child in children)
                continue
            for entry in parsed.urls:
                self.add(entry.loc, entry.published or entry.lastmod)

    def feeds(self, named: Iterable[str], usual: bool) -> None:
        for url in list(dict.fromkeys(named))[:MAX_FEEDS]:
            result = self.fetch(url, FEED_ACCEPT, quiet=usual)
            if result is None:
                continue
            feed = parse_feed(result)
            if not feed.entries:
                if not usual:
                    detail = feed.problem or "the feed has no entries"
                    self.site.rejections.append(_reject(url, reasons.MALFORMED_FEED, detail))
                continue
            self.site.feeds.append(url)
            for entry in feed.entries:
                if entry.link:
                    self.add(urljoin(result.url, entry.link), entry.published or entry.updated)


def _home_links(result: FetchResult) -> tuple[list[str], list[str]]:
    """(feeds the page advertises, links of the page), absolute, in page order."""
    from lxml import html as lxml_html

    try:
        tree = lxml_html.fromstring(result.content)
    except (ValueError, TypeError, SyntaxError):  # lxml's ParserError is a SyntaxError
        return [], []
    feeds, links = [], []
    for element in tree.iter("link"):
        kind = (element.get("type") or "").split(";")[0].strip().lower()
        href = element.get("href")
        alternate = "alternate" in (element.get("rel") or "").lower().split()
        if alternate and kind in FEED_TYPES and href:
            feeds.append(urljoin(result.url, href))
    for element in tree.iter("a"):
        href = element.get("href")
        if href and not href.startswith(("#", "mailto:", "javascript:")):
            links.append(urljoin(result.url, href))
    return feeds, links


def _is_html(result: FetchResult) -> bool:
    return result.media_type in HTML_MEDIA_TYPES or (
        not result.media_type and result.content.lstrip()[:15].lower().startswith(b"<!doctype html")
    )


def crawl_site(
    start: str,
    fetcher: Fetcher,
    archive: Callable[[FetchResult], None],
    *,
    max_pages: int = DEFAULT_MAX_PAGES,
    allow_private: bool = False,
) -> SiteCrawl:
    """List one site's article pages and archive up to `max_pages` of them, newest first."""
    site = SiteCrawl(start)
    host = url_host(start)
    if host is None or not start.startswith(("http://", "https://")):
        site.rejections.append(_reject(start, reasons.INVALID_URL, "not an absolute http(s) URL"))
        return site
    lister = _Lister(fetcher, site, allow_private)
    robots = fetcher.robots(start, allow_private=allow_private)
    if robots.failure is not None:
        site.rejections.append(robots.failure)
        return site
    named = robots.sitemaps()
    origin = _origin(start)
    lister.sitemaps(named or [origin + path for path in USUAL_SITEMAPS])
    home = lister.fetch(start, PAGE_ACCEPT)
    advertised, home_links = _home_links(home) if home is not None and _is_html(home) else ([], [])
    lister.feeds(advertised or [origin + path for path in USUAL_FEEDS], usual=not advertised)
    if not lister.found:
        site.from_home_links = True
        start_path = urlsplit(start).path or "/"
        for link in home_links:
            if (urlsplit(link).path or "/") != start_path:
                lister.add(link, None)
    site.listed = len(lister.found)
    oldest = datetime.min.replace(tzinfo=UTC)
    order = sorted(lister.found.values(), key=lambda item: item.when or oldest, reverse=True)
    for item in order:
        if len(site.archived) >= max_pages:
            break
        result = lister.fetch(item.url, PAGE_ACCEPT)
        if result is None:
            continue
        if not _is_html(result):
            site.rejections.append(
                _reject(item.url, reasons.NOT_HTML, f"page is {result.media_type or 'untyped'}")
            )
            continue
        archive(result)
        site.archived.append(result.url)
    log.info(
        "site_crawled",
        start=start,
        listed=site.listed,
        archived=len(site.archived),
        rejected=len(site.rejections),
        sitemaps=len(site.sitemaps),
        feeds=len(site.feeds),
    )
    return site


class WarcArchive:
    """Writes fetched pages as WARC/1.1 response records (gzipped per record)."""

    def __init__(self, path: Path, starts: list[str], settings: dict[str, object]) -> None:
        from warcio.warcwriter import WARCWriter

        path.parent.mkdir(parents=True, exist_ok=True)
        self.path = path
        self._tmp = path.with_name(f".{path.name}.partial")
        self._stream = self._tmp.open("wb")
        self._writer = WARCWriter(self._stream, gzip=True, warc_version="1.1")
        info = {
            "software": f"newsdesk/{__version__} (audit --crawl)",
            "format": "WARC File Format 1.1",
            "isPartOf": " ".join(starts),
            **{k: str(v) for k, v in settings.items()},
        }
        self._writer.write_record(self._writer.create_warcinfo_record(path.name, info))

    def __call__(self, result: FetchResult) -> None:
        from warcio.statusandheaders import StatusAndHeaders

        # The body is stored decoded (the fetcher undid Content-Encoding), so the headers that
        # described the transfer are dropped; Content-Length is the stored body's.
        skip = {"content-encoding", "transfer-encoding", "content-length"}
        headers = [(k, v) for k, v in result.headers if k.lower() not in skip]
        headers.append(("Content-Length", str(len(result.content))))
        http = StatusAndHeaders(f"{result.status} OK", headers, protocol="HTTP/1.1")
        record = self._writer.create_warc_record(
            result.url,
            "response",
            payload=io.BytesIO(result.content),
            http_headers=http,
            warc_headers_dict={"WARC-Date": _warc_date(result.fetched_at)},
        )
        self._writer.write_record(record)

    def close(self) -> None:
        """Finish the file: it appears under its name only once whole."""
        self._stream.close()
        self._tmp.replace(self.path)

    def abandon(self) -> None:
        self._stream.close()
        self._tmp.unlink(missing_ok=True)


def _warc_date(when: datetime) -> str:
    return when.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def crawl(
    starts: list[str],
    fetcher: Fetcher,
    warc: Path,
    *,
    max_pages: int = DEFAULT_MAX_PAGES,
    allow_private: bool = False,
    on_site: Callable[[SiteCrawl], None] | None = None,
) -> list[SiteCrawl]:
    """Crawl every start URL into one WARC file (written whole, or not at all)."""
    archive = WarcArchive(warc, starts, {"max-pages": max_pages, "robots": "obeyed"})
    try:
        sites = []
        for start in starts:
            site = crawl_site(
                start, fetcher, archive, max_pages=max_pages, allow_private=allow_private
            )
            sites.append(site)
            if on_site is not None:
                on_site(site)
    except BaseException:
        archive.abandon()
        raise
    archive.close()
    return sites
