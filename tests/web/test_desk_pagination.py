"""The desk's queue and the API's page list are paginated by cursor: following the links
shows every page exactly once, newest change first, and a page never loads the others."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import timedelta
from itertools import count

import pytest
from starlette.testclient import TestClient

from newsdesk.store.records import PageStatus
from tests.web.conftest import TOKEN, DeskFixture
from tests.web.test_desk import login

MORE_HELD = 120  # with the fixture's own held page: 121, three desk pages of 50
AUTH = {"Authorization": f"Bearer {TOKEN}"}


@pytest.fixture
def busy(desk: DeskFixture) -> DeskFixture:
    ticks, start = count(), desk.held.updated_at
    assert start is not None
    # the store's clock ticks every 7 saves: pages share an updated_at and the id orders them
    desk.store.pages._s.clock = lambda: start + timedelta(seconds=1 + next(ticks) // 7)
    for n in range(MORE_HELD):
        page = replace(desk.held.page, slug=f"{desk.held.slug}-{n}", story_id=None)
        desk.store.save_page(replace(desk.held, page=page, status=PageStatus.HELD))
    return desk


def expected_order(desk: DeskFixture, status: PageStatus) -> list[str]:
    records = desk.store.pages.list(status)
    return [r.id for r in sorted(records, key=lambda r: (r.updated_at, r.id), reverse=True)]


def queue_ids(html: str) -> list[str]:
    return re.findall(r'<th scope="row"><a href="/desk/pages/([^"]+)">', html)


def next_link(html: str) -> str | None:
    match = re.search(r'<a href="([^"]+)" rel="next">', html)
    return match.group(1).replace("&amp;", "&") if match else None


def test_following_the_queue_links_shows_every_held_page_once(busy: DeskFixture) -> None:
    assert login(busy.client) == 303
    wanted = expected_order(busy, PageStatus.HELD)
    assert len(wanted) == MORE_HELD + 1
    seen: list[str] = []
    url: str | None = "/desk/"
    pages = 0
    while url:
        html = busy.client.get(url).text
        rows = queue_ids(html)
        assert 0 < len(rows) <= 50
        assert f"{MORE_HELD + 1} pages" in html
        seen += rows
        pages += 1
        url = next_link(html)
        if pages > 1:
            assert 'href="/desk/?statut=held">Premières pages' in html
    assert pages == 3
    assert seen == wanted  # newest change first, none twice, none missing
    assert busy.published.id not in seen


def test_the_queue_of_another_status_and_a_mangled_cursor(busy: DeskFixture) -> None:
    assert login(busy.client) == 303
    published = busy.client.get("/desk/?statut=published").text
    assert queue_ids(published) == [busy.published.id] and next_link(published) is None
    mangled = busy.client.get("/desk/?statut=held&apres=%%%not-a-cursor")
    assert mangled.status_code == 200
    assert queue_ids(mangled.text) == expected_order(busy, PageStatus.HELD)[:50]


def test_the_api_list_follows_next_until_the_end(busy: DeskFixture) -> None:
    client: TestClient = busy.client
    url: str | None = "/api/v1/pages?status=held&limit=40"
    seen: list[str] = []
    while url:
        body = client.get(url, headers=AUTH).json()
        assert len(body["pages"]) <= 40 and body["total"] == MORE_HELD + 1
        assert all(p["status"] == "held" and p["verdict"] == "hold" for p in body["pages"])
        seen += [p["id"] for p in body["pages"]]
        url = body["next"]
    assert seen == expected_order(busy, PageStatus.HELD)
    everything = client.get("/api/v1/pages?limit=500", headers=AUTH).json()
    assert everything["next"] is None and everything["total"] == MORE_HELD + 2
    first = everything["pages"][0]
    assert set(first) == {"id", "slug", "title", "status", "verdict", "reasons", "updated_at"}


def test_the_api_refuses_a_bad_cursor_or_limit(busy: DeskFixture) -> None:
    for query in ("after=garbage", "limit=0", "limit=many"):
        response = busy.client.get(f"/api/v1/pages?{query}", headers=AUTH)
        assert response.status_code == 400, query
    default = busy.client.get("/api/v1/pages", headers=AUTH).json()
    assert len(default["pages"]) == 100 and default["next"]


def test_a_listing_reads_what_it_shows(busy: DeskFixture) -> None:
    listing = busy.store.pages.listing(PageStatus.HELD, 10)
    record = busy.store.pages.get(listing.items[0].id)
    assert record is not None
    item = listing.items[0]
    assert (item.title, item.slug, item.reasons) == (record.title, record.slug, record.reasons)
    assert item.verdict == record.verdict.status.value and item.sources == 1
    assert listing.next_after == (listing.items[-1].updated_at, listing.items[-1].id)
    rest = busy.store.pages.listing(PageStatus.HELD, 500, listing.next_after)
    assert rest.next_after is None and len(rest.items) == MORE_HELD + 1 - 10


def test_the_listed_total_follows_this_stores_writes_at_once(busy: DeskFixture) -> None:
    """The count is reused for a second between listings (the queue asks for it on every
    page), but never across a write made through the same store."""
    assert busy.store.pages.listing(PageStatus.HELD, 5).total == MORE_HELD + 1
    page = replace(busy.held.page, slug=f"{busy.held.slug}-one-more", story_id=None)
    busy.store.save_page(replace(busy.held, page=page, status=PageStatus.HELD))
    assert busy.store.pages.listing(PageStatus.HELD, 5).total == MORE_HELD + 2
    assert busy.store.pages.listing(None, 5).total == MORE_HELD + 3
