"""The static site: every generated file is valid, builds are incremental, paths never collide."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import feedparser
import pytest

from newsdesk.config import SiteSettings
from newsdesk.errors import NewsdeskError
from newsdesk.publish import PublisherStats, build_site
from newsdesk.types import Page, RelatedRef, Section, SourceRef
from tests.publish import corpus
from tests.publish.sitecheck import check_site, parse_html

NOW = datetime(2026, 11, 23, 12, 0, tzinfo=UTC)
SITE = SiteSettings(base_url="https://news.example.fr")


def make_page(n: int, title: str | None = None, **changes: object) -> Page:
    page = Page(
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
    return replace(page, **changes)  # type: ignore[arg-type]


def test_every_generated_file_is_valid(tmp_path: Path) -> None:
    pages = [make_page(n, tags=("Kyiv", "Volodymyr Zelensky") if n else ()) for n in range(3)]
    build_site(pages, tmp_path, SITE, NOW)
    assert check_site(tmp_path, SITE.base_url, NOW) == []
    for page in pages:
        tree = parse_html((tmp_path / f"{page.slug}.html").read_bytes())
        data = json.loads(tree.find(".//script[@type='application/ld+json']").text)
        assert data["headline"] == page.title  # escaped in HTML, exact in JSON
        assert tree.find(".//h1").text == page.title
        assert tree.get("lang") == "fr"
        cite = tree.find(".//aside[@class='sources']//cite")
        assert cite.get("lang") == "en" and cite.text == "Original headline"
        date = tree.find(".//aside[@class='sources']//span[@class='date']")
        assert date.get("lang") is None and "novembre 2026" in date.text  # French stays French
    feed = feedparser.parse((tmp_path / "atom.xml").read_bytes())
    assert not feed.bozo and len(feed.entries) == 3
    assert feed.entries[0].title == pages[0].title  # newest first
    topic = feedparser.parse((tmp_path / "sujets/kyiv/rss.xml").read_bytes())
    assert [e.title for e in topic.entries] == [pages[1].title, pages[2].title]
    assert "Sitemap: https://news.example.fr/sitemap.xml" in (tmp_path / "robots.txt").read_text()


@pytest.mark.skipif(not corpus.available(), reason="../shared/bench-data is not present")
def test_a_site_of_real_story_pages_is_valid(tmp_path: Path) -> None:
    """120 pages of real French news with English sources, topics, related stories."""
    pages = corpus.real_pages(120, NOW)
    stats = {"Orange Actu": PublisherStats("Orange Actu", articles=40, articles_with_findings=3)}
    report = build_site(pages, tmp_path, SITE, NOW, publishers=stats)
    assert report.removed == 0 and report.written == report.total
    assert check_site(tmp_path, SITE.base_url, NOW) == []
    publisher = (tmp_path / "sources/orange-actu/index.html").read_text()
    assert "8 %" in publisher and "(3 sur 40)" in publisher
    assert (tmp_path / "sources/orange-actu/page-2.html").exists()  # 120 stories, paginated
    news = (tmp_path / "news-sitemap.xml").read_text()
    assert news.count("<url>") == 10  # one story every 5 hours: 10 in the last 48 hours
    index = json.loads((tmp_path / "search-index.json").read_bytes())
    assert len(index) == 120 and index[0]["t"] == pages[0].title


def test_home_lists_latest_and_most_sourced(tmp_path: Path) -> None:
    many = tuple(
        SourceRef(f"s{i}", f"Headline {i}", f"https://e{i}.org/", f"Pub {i}", NOW, "en")
        for i in range(4)
    )
    pages = [make_page(n) for n in range(4)]
    pages[3] = replace(pages[3], sources=many)
    build_site(pages, tmp_path, SITE, NOW)
    tree = parse_html((tmp_path / "index.html").read_bytes())
    latest = [a.text for a in tree.findall(".//section[@class='home-latest']//h3/a")]
    sourced = [a.text for a in tree.findall(".//section[@class='home-sourced']//h3/a")]
    assert latest == [p.title for p in pages]
    assert sourced == [pages[3].title]


def test_hreflang_links_the_language_versions_of_one_story(tmp_path: Path) -> None:
    fr = make_page(1, story_id="s1")
    en = make_page(2, story_id="s1", language="en", slug="story-one-en", title="Story one")
    alone = make_page(3)
    build_site([fr, en, alone], tmp_path, SITE, NOW)
    tree = parse_html((tmp_path / "histoire-1.html").read_bytes())
    links = {
        link.get("hreflang"): link.get("href")
        for link in tree.findall(".//link[@rel='alternate']")
        if link.get("hreflang")
    }
    assert links == {
        "fr": "https://news.example.fr/histoire-1.html",
        "en": "https://news.example.fr/story-one-en.html",
    }
    english = parse_html((tmp_path / "story-one-en.html").read_bytes())
    assert english.find(".//article").get("lang") == "en"
    assert 'hreflang="en"' in (tmp_path / "sitemap.xml").read_text()
    assert "hreflang" not in (tmp_path / "histoire-3.html").read_text().split("</head>")[0]


def test_markup_in_text_is_escaped_and_source_markup_stripped(tmp_path: Path) -> None:
    source = SourceRef(
        "x", "<b>Bold</b> <script>alert(2)</script>title", None, "<i>Pub</i>", None, "en"
    )
    page = make_page(1, title="<script>alert(1)</script>", sources=(source,))
    build_site([page], tmp_path, SITE, NOW)
    html = (tmp_path / f"{page.slug}.html").read_text()
    assert "<script>alert(1)</script>" not in html and "&lt;script&gt;" in html
    assert (
        "alert(2)" not in html and "<b>" not in html and '<cite lang="en">Bold title</cite>' in html
    )


def test_related_links_resolve_and_french_dates(tmp_path: Path) -> None:
    a = make_page(1, related=(RelatedRef("histoire-2", "Histoire numéro 2"),))
    b = make_page(
        2,
        published=datetime(2026, 5, 1, 6, 5, tzinfo=UTC),
        updated=datetime(2026, 5, 1, 9, 0, tzinfo=UTC),
    )
    build_site([a, b], tmp_path, SITE, NOW)
    tree = parse_html((tmp_path / "histoire-1.html").read_bytes())
    assert tree.find(".//nav[@class='related']//a").get("href") == "histoire-2.html"
    text = (tmp_path / "histoire-2.html").read_text()
    assert (
        "1er mai 2026 à 8 h 05" in text
        and "mis à jour le" in text
        and "1er mai 2026 à 11 h 00" in text
    )


def test_incremental_build_renders_only_what_changed(tmp_path: Path) -> None:
    pages = [make_page(n) for n in range(5)]
    first = build_site(pages, tmp_path, SITE, NOW)
    assert first.written == first.total
    again = build_site(pages, tmp_path, SITE, NOW)
    assert again.written == 0 and again.rendered == 0
    pages[4] = replace(pages[4], chapo="Un chapô corrigé.")
    changed = build_site(pages, tmp_path, SITE, NOW)
    # only that page: the chapô is on no listing, feed or index
    assert (changed.written, changed.rendered) == (1, 1)
    assert "Un chapô corrigé." in (tmp_path / "histoire-4.html").read_text()
    pages[4] = replace(pages[4], title="Un titre corrigé")
    retitled = build_site(pages, tmp_path, SITE, NOW)
    # the page, the home page, three site feeds, the publisher page, the search index (2) and
    # the news sitemap show the title
    assert retitled.written == 9
    (tmp_path / "histoire-0.html").unlink()  # a file deleted behind the builder's back
    assert build_site(pages, tmp_path, SITE, NOW).written == 1
    removed = build_site(pages[:4], tmp_path, SITE, NOW)
    assert removed.removed == 1 and not (tmp_path / "histoire-4.html").exists()


def test_a_new_template_or_setting_rebuilds_everything(tmp_path: Path) -> None:
    pages = [make_page(n) for n in range(3)]
    build_site(pages, tmp_path, SITE, NOW)
    renamed = build_site(pages, tmp_path, SITE.model_copy(update={"name": "Autre nom"}), NOW)
    assert renamed.rendered == renamed.total


def test_two_pages_with_one_path_are_refused(tmp_path: Path) -> None:
    with pytest.raises(NewsdeskError, match="histoire-1.html"):
        build_site([make_page(1), make_page(1)], tmp_path, SITE, NOW)
