"""Atom feed and sitemap.xml of the site."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from xml.sax.saxutils import escape

from feedgen.feed import FeedGenerator

from newsdesk.config import SiteSettings
from newsdesk.types import Page


def _url(site: SiteSettings, slug: str) -> str:
    return f"{site.base_url.rstrip('/')}/{slug}.html"


def atom(pages: Sequence[Page], site: SiteSettings, now: datetime) -> bytes:
    base = site.base_url.rstrip("/")
    fg = FeedGenerator()
    fg.id(f"{base}/")
    fg.title(site.name)
    fg.subtitle("L’actualité internationale en français, avec ses sources")
    fg.link(href=f"{base}/", rel="alternate")
    fg.link(href=f"{base}/atom.xml", rel="self")
    fg.language(site.language)
    fg.updated(max((p.updated for p in pages), default=now))
    for page in reversed(pages):  # feedgen prepends entries; keep newest first in the output
        entry = fg.add_entry()
        entry.id(_url(site, page.slug))
        entry.title(page.title)
        entry.link(href=_url(site, page.slug))
        entry.summary(page.description)
        entry.published(page.published)
        entry.updated(page.updated)
        for byline in page.bylines:
            entry.author(name=byline)
    return fg.atom_str(pretty=True)


def sitemap(pages: Sequence[Page], site: SiteSettings) -> bytes:
    base = site.base_url.rstrip("/")
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">',
        f"  <url><loc>{escape(base)}/index.html</loc></url>",
    ]
    for page in pages:
        lines.append(
            f"  <url><loc>{escape(_url(site, page.slug))}</loc>"
            f"<lastmod>{page.updated.date().isoformat()}</lastmod></url>"
        )
    lines.append("</urlset>")
    return ("\n".join(lines) + "\n").encode("utf-8")
