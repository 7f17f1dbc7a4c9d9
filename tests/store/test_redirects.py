"""Redirects from absorbed pages' slugs follow their target page, and never shadow a page."""

from __future__ import annotations

from newsdesk.store import PageStatus, Store

from .test_pages import HOLD, make_page, record


def test_a_redirect_leads_to_the_published_target(store: Store) -> None:
    target = make_page("frappes-belgorod", "story-b")
    store.save_page(record(target, HOLD))
    store.redirects.add("ancienne-adresse", target.id)
    assert store.redirects.published() == {}  # the target is not on the site yet
    store.pages.set_status(target.id, PageStatus.PUBLISHED)
    assert store.redirects.published() == {"ancienne-adresse": "frappes-belgorod"}


def test_chains_are_collapsed_and_pages_win(store: Store) -> None:
    a, b, c = (make_page(f"page-{x}", f"story-{x}", title=f"Titre {x}") for x in "abc")
    for page in (a, b, c):
        store.save_page(record(page))
    store.redirects.add("page-a", b.id)  # a was absorbed by b
    store.pages.remove(a.id)
    store.redirects.add("page-b", c.id)  # then b by c: a must lead to c directly
    store.pages.remove(b.id)
    assert store.redirects.published() == {"page-a": "page-c", "page-b": "page-c"}
    store.save_page(record(make_page("page-a", "story-a2", title="Nouveau a")))
    assert "page-a" not in store.redirects.published()  # a page at that address again
    assert store.redirects.remove("page-b") and not store.redirects.remove("page-b")
