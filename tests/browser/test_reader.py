"""A reader in a real browser: home page, a story, a related story, the skip link, search."""

from __future__ import annotations

import re

import pytest

from tests.browser.conftest import Served, shot
from tests.publish import corpus
from tests.web.conftest import NOW

pytestmark = pytest.mark.skipif(
    not corpus.available(), reason="../shared/bench-data is not present"
)


def test_reader_reads_follows_related_skips_and_searches(served: Served, page) -> None:  # noqa: ANN001
    page.goto(f"{served.url}/")
    assert page.title().startswith("newsdesk test")
    assert page.locator("html").get_attribute("lang") == "fr"
    shot(page, "reader-home")
    story = corpus.real_pages(1, NOW)[0]  # the newest story with related stories
    first = page.locator(f"section.home-latest h3 a[href='{story.slug}.html']")
    title = first.inner_text()
    first.click()
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == " ".join(title.split())
    ld = page.locator("script[type='application/ld+json']").text_content()
    assert '"@type": "NewsArticle"' in ld
    shot(page, "reader-story")

    # the skip link: first Tab stop, visible when focused, moves focus to the main content
    page.keyboard.press("Tab")
    skip = page.locator("a.skip-link")
    assert skip.evaluate("el => el === document.activeElement")
    box = skip.bounding_box()
    assert box and box["x"] >= 0  # on screen once focused
    shot(page, "reader-skip-link-focused", full_page=False)
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "contenu"
    assert page.url.endswith("#contenu")

    related = page.locator("nav.related a").first
    related_title = related.inner_text()
    related.click()
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == related_title
    assert page.locator("aside.sources cite").count() >= 1

    # search from the header box: results come from the client-side index
    word = re.findall(r"[A-Za-zÀ-ÿ]{6,}", related_title)[0]
    page.fill("#recherche-q", word)
    page.press("#recherche-q", "Enter")
    page.wait_for_selector("#recherche-resultats li")
    results = page.locator("#recherche-resultats li h2 a").all_inner_texts()
    assert related_title in results
    assert "résultat" in page.locator("#recherche-statut").inner_text()
    shot(page, "reader-search")
    page.locator("#recherche-resultats li h2 a", has_text=related_title).first.click()
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == related_title


def test_the_site_reads_without_javascript_and_on_a_phone(served: Served, browser) -> None:  # noqa: ANN001
    context = browser.new_context(java_script_enabled=False, viewport={"width": 390, "height": 844})
    tab = context.new_page()
    tab.goto(f"{served.url}/")
    links = tab.locator("section.home-latest h3 a")
    assert links.count() > 5
    links.nth(2).click()
    tab.wait_for_load_state()
    assert tab.locator("article.story p").count() > 3
    width = tab.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"horizontal scrolling on a phone: {width}px"
    shot(tab, "reader-phone-no-js")
    tab.goto(f"{served.url}/recherche.html?q=Paris")
    assert "JavaScript" in tab.locator("main").inner_text()
    context.close()
