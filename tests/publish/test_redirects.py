"""The address of a story absorbed by another leads readers and crawlers to the new page."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from newsdesk.config import SiteSettings
from newsdesk.publish import build_site
from tests.publish import corpus
from tests.publish.sitecheck import check_site, parse_html

SITE = SiteSettings(base_url="https://news.example.fr")
NOW = datetime(2026, 11, 20, 9, 0, tzinfo=UTC)

pytestmark = pytest.mark.skipif(not corpus.available(), reason="needs ../shared/bench-data")


def test_redirect_pages_follow_their_target_and_never_shadow_a_page(tmp_path: Path) -> None:
    pages = corpus.real_pages(12, NOW)
    target = pages[0]
    build_site(pages, tmp_path, SITE, NOW, redirects={"ancienne-histoire": target.slug})
    stub = tmp_path / "ancienne-histoire.html"
    html = stub.read_text(encoding="utf-8")
    assert f'content="0; url={target.slug}.html"' in html
    assert f'<link rel="canonical" href="{SITE.base_url}/{target.slug}.html">' in html
    assert 'name="robots" content="noindex, follow"' in html
    parse_html(stub.read_bytes())
    assert check_site(tmp_path, SITE.base_url, NOW) == []
    sitemap = (tmp_path / "sitemap.xml").read_text(encoding="utf-8")
    assert "ancienne-histoire" not in sitemap

    # The target leaves the site: the redirect goes too (no redirect to a missing page).
    later = NOW + timedelta(hours=1)
    build_site(pages[1:], tmp_path, SITE, later, redirects={"ancienne-histoire": target.slug})
    assert not stub.exists()

    # An old address that is a page again is the page, not a redirect.
    again = {pages[2].slug: pages[1].slug}
    build_site(pages[1:], tmp_path, SITE, later, redirects=again)
    assert "http-equiv" not in (tmp_path / f"{pages[2].slug}.html").read_text(encoding="utf-8")


def test_the_store_path_writes_the_redirects_the_desk_recorded(tmp_path: Path) -> None:
    from newsdesk.config import load_settings
    from newsdesk.publish.from_store import build_from_store
    from newsdesk.store import PageRecord, PageStatus, Store
    from newsdesk.types import Verdict, VerdictStatus

    settings = load_settings(
        overrides={"data_dir": str(tmp_path / "data"), "out": str(tmp_path / "site")}, environ={}
    )
    settings.data_dir.mkdir(parents=True)
    absorbed, absorbing = corpus.real_pages(2, NOW)
    with Store.open(f"sqlite:///{settings.data_dir / 'db.sqlite'}", settings.data_dir) as store:
        for page in (absorbed, absorbing):
            store.save_page(PageRecord(page, Verdict(VerdictStatus.PASS), PageStatus.PUBLISHED))
        build_from_store(store, settings, NOW)
        # What the desk does when a story merges into another (desk.cycle.publish_pages).
        store.redirects.add(absorbed.slug, absorbing.id)
        store.pages.remove(absorbed.id)
        build_from_store(store, settings, NOW + timedelta(hours=1))
    html = (settings.out / f"{absorbed.slug}.html").read_text(encoding="utf-8")
    assert f"url={absorbing.slug}.html" in html
    assert absorbed.slug not in (settings.out / "sitemap.xml").read_text(encoding="utf-8")
