"""sitemap.xml (every page, with hreflang alternates), the Google News sitemap and robots.txt."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from xml.sax.saxutils import escape, quoteattr

from newsdesk.config import SiteSettings
from newsdesk.publish.urls import absolute, story_path
from newsdesk.publish.views import Alternate, Card

SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
NEWS_NS = "http://www.google.com/schemas/sitemap-news/0.9"
XHTML_NS = "http://www.w3.org/1999/xhtml"
SITEMAP_MAX_URLS = 50_000  # the sitemaps.org protocol's limit per file
NEWS_WINDOW = timedelta(days=2)  # Google News sitemaps list articles of the last two days only
NEWS_MAX_URLS = 1_000  # Google News sitemap limit per file
PRIVATE_PATHS = ("/desk/", "/api/")  # the review desk and its API are not for crawlers


@dataclass(frozen=True)
class Entry:
    path: str
    lastmod: datetime | None = None
    alternates: tuple[Alternate, ...] = ()


def _lastmod(value: datetime | None) -> str:
    return f"<lastmod>{value.isoformat(timespec='seconds')}</lastmod>" if value else ""


def file_names(count: int) -> list[str]:
    """The names `sitemap_files` gives the sitemap of `count` URLs (known before rendering)."""
    if count <= SITEMAP_MAX_URLS:
        return ["sitemap.xml"]
    parts = -(-count // SITEMAP_MAX_URLS)
    return [f"sitemap-{i}.xml" for i in range(1, parts + 1)] + ["sitemap.xml"]


def url_line(entry: Entry, base_url: str) -> str:
    """The <url> element of one entry."""
    links = "".join(
        f'<xhtml:link rel="alternate" hreflang={quoteattr(a.language)} '
        f"href={quoteattr(absolute(base_url, story_path(a.slug)))}/>"
        for a in entry.alternates
    )
    return (
        f"<url><loc>{escape(absolute(base_url, entry.path))}</loc>"
        f"{_lastmod(entry.lastmod)}{links}</url>"
    )


def card_line(card: Card, alternates: tuple[Alternate, ...], base_url: str) -> str:
    """A story's <url> element, kept on its card: a card of an unchanged story outlives a build
    in a process that builds again (the review desk), and the sitemap is then mostly a join."""
    kept: tuple[str, tuple[Alternate, ...], str] | None = card.__dict__.get("_sitemap_line")
    if kept is not None and kept[0] == base_url and kept[1] == alternates:
        return kept[2]
    line = url_line(Entry(card.path, card.updated, alternates), base_url)
    card.__dict__["_sitemap_line"] = (base_url, alternates, line)
    return line


def sitemap_files(lines: Sequence[str], site: SiteSettings) -> dict[str, bytes]:
    """sitemap.xml of the <url> elements `lines`, or (past `SITEMAP_MAX_URLS`) a sitemap index
    with numbered parts, named as `file_names` says."""
    chunks = [
        lines[i : i + SITEMAP_MAX_URLS] for i in range(0, max(len(lines), 1), SITEMAP_MAX_URLS)
    ]

    def urlset(part: Sequence[str]) -> bytes:
        head = f'<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="{SITEMAP_NS}" xmlns:xhtml="{XHTML_NS}">\n'
        return (head + "\n".join(part) + "\n</urlset>\n").encode("utf-8")

    if len(chunks) == 1:
        return {"sitemap.xml": urlset(chunks[0])}
    files = {f"sitemap-{i}.xml": urlset(part) for i, part in enumerate(chunks, 1)}
    index = [
        f"<sitemap><loc>{escape(absolute(site.base_url, name))}</loc></sitemap>" for name in files
    ]
    files["sitemap.xml"] = (
        f'<?xml version="1.0" encoding="UTF-8"?>\n<sitemapindex xmlns="{SITEMAP_NS}">\n'
        + "\n".join(index)
        + "\n</sitemapindex>\n"
    ).encode("utf-8")
    return files


def recent_cards(cards: list[Card], now: datetime) -> list[Card]:
    """Stories published in the Google News window, newest first (cards are newest first)."""
    return [c for c in cards if now - NEWS_WINDOW <= c.published <= now][:NEWS_MAX_URLS]


def news_sitemap(cards: list[Card], site: SiteSettings) -> bytes:
    lines = [
        f"<url><loc>{escape(absolute(site.base_url, c.path))}</loc><news:news>"
        f"<news:publication><news:name>{escape(site.name)}</news:name>"
        f"<news:language>{escape(c.language)}</news:language></news:publication>"
        f"<news:publication_date>{c.published.isoformat(timespec='seconds')}</news:publication_date>"
        f"<news:title>{escape(c.title)}</news:title></news:news></url>"
        for c in cards
    ]
    head = f'<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="{SITEMAP_NS}" xmlns:news="{NEWS_NS}">\n'
    return (head + "\n".join(lines) + "\n</urlset>\n").encode("utf-8")


def robots(site: SiteSettings, sitemaps: Iterable[str]) -> bytes:
    lines = ["User-agent: *", "Allow: /"]
    lines += [f"Disallow: {p}" for p in PRIVATE_PATHS]
    lines += [f"Sitemap: {absolute(site.base_url, name)}" for name in sitemaps]
    return ("\n".join(lines) + "\n").encode("utf-8")
