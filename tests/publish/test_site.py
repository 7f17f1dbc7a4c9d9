"""The static site: every generated file is valid, builds are incremental, paths never collide."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import feedparser
import html5lib
import pytest

from newsdesk.config import SiteSettings
from newsdesk.errors import NewsdeskError
from newsdesk.publish import build_site
from newsdesk.types import Page, Section, SourceRef

NOW = datetime(2026, 11, 23, 12, 0, tzinfo=UTC)
REQUIRED_LD = (
    "headline",
    "datePublished",
    "dateModified",
    "author",
    "publisher",
    "mainEntityOfPage",
)


def make_page(n: int, title: str | None = None) -> Page:
    return Page(
        slug=f"histoire-{n}",
        title=title or f"Histoire numéro {n} : « citation » & <balise>",
        description=f"Résumé de l’histoire {n}.",
        chapo=f"Chapô de l’histoire {n}.",
        sections=(Section(None, ("Premier paragraphe.",)), Section("Un intertitre", ("Suite.",))),
        sources=(
            SourceRef(
                "a1", "Original headline", "https://example.org/a?x=1&y=2", "Example", NOW, "en"
            ),
        ),
        published=NOW - timedelta(hours=n),
        updated=NOW,
        disclosure="Traduit et composé automatiquement.",
        bylines=("Rédaction newsdesk", "Jane Doe"),
    )


def parse_html(data: bytes) -> object:
    parser = html5lib.HTMLParser(strict=True, namespaceHTMLElements=False)
    return parser.parse(data)


def test_every_generated_file_is_valid(tmp_path: Path) -> None:
    pages = [make_page(n) for n in range(3)]
    build_site(pages, tmp_path, SiteSettings(), NOW)
    for page in pages:
        tree = parse_html((tmp_path / f"{page.slug}.html").read_bytes())
        scripts = [s for s in tree.iter("script") if s.get("type") == "application/ld+json"]
        assert len(scripts) == 1
        data = json.loads(scripts[0].text)
        assert data["@type"] == "NewsArticle"
        assert all(data.get(k) for k in REQUIRED_LD)
        assert data["headline"] == page.title  # escaped in HTML, exact in JSON
        assert tree.find(".//h1").text == page.title
        assert tree.get("lang") == "fr"
        assert tree.find(".//a[@class='skip-link']").get("href") == "#contenu"
        assert tree.find(".//main").get("id") == "contenu"
        assert tree.find(".//li[@lang='en']") is not None  # the English source is marked
    parse_html((tmp_path / "index.html").read_bytes())
    feed = feedparser.parse((tmp_path / "atom.xml").read_bytes())
    assert not feed.bozo and len(feed.entries) == 3
    assert feed.entries[0].title == pages[0].title  # newest first
    urls = [
        el.text
        for el in ET.parse(tmp_path / "sitemap.xml")
        .getroot()
        .iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")
    ]
    assert len(urls) == 4 and urls[1].endswith(".html")
    assert "Sitemap:" in (tmp_path / "robots.txt").read_text()


def test_markup_in_text_is_escaped(tmp_path: Path) -> None:
    page = make_page(1, title="<script>alert(1)</script>")
    build_site([page], tmp_path, SiteSettings(), NOW)
    html = (tmp_path / f"{page.slug}.html").read_text()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;" in html


def test_incremental_build_rewrites_only_what_changed(tmp_path: Path) -> None:
    pages = [make_page(n) for n in range(5)]
    first = build_site(pages, tmp_path, SiteSettings(), NOW)
    assert first.written == first.total
    again = build_site(pages, tmp_path, SiteSettings(), NOW)
    assert again.written == 0
    pages[4] = replace(pages[4], chapo="Un chapô corrigé.")
    changed = build_site(pages, tmp_path, SiteSettings(), NOW)
    assert changed.written == 1  # only that page: it is not on the index's first lines' text
    removed = build_site(pages[:4], tmp_path, SiteSettings(), NOW)
    assert removed.removed == 1 and not (tmp_path / "histoire-4.html").exists()


def test_two_pages_with_one_path_are_refused(tmp_path: Path) -> None:
    with pytest.raises(NewsdeskError, match="histoire-1.html"):
        build_site([make_page(1), make_page(1)], tmp_path, SiteSettings(), NOW)
