"""Reading and writing many links at once (the desk dates a feed of near-copies by them):
one batched upsert, the adjacency of many articles, their publication times; both backends."""

from __future__ import annotations

from datetime import UTC, datetime

from newsdesk.store import Store
from newsdesk.store.repositories import IN_CHUNK
from newsdesk.types import Article, Evidence, Link, LinkType

from .factories import article, feed_source, raw_item


def _articles(store: Store, n: int, published: datetime | None = None) -> list[Article]:
    source = feed_source()
    out = []
    for i in range(n):
        raw = raw_item(source, url=f"https://e.org/{i}", content=f"<p>{i}</p>".encode())
        store.save_raw(raw)
        art = article(raw, title=f"Titre {i}", published=published if i % 2 else None)
        store.save_article(art)
        out.append(art)
    return out


def test_a_batch_with_the_same_key_twice_keeps_the_last(store: Store) -> None:
    a, b, c = _articles(store, 3)
    first = Link(
        a.id, b.id, LinkType.NEAR_COPY, 0.5, False, (Evidence((0, 4), (0, 4), "Kyiv", "Kyiv"),)
    )
    again = Link(a.id, b.id, LinkType.NEAR_COPY, 0.9, True)
    other = Link(a.id, b.id, LinkType.SHARES_QUOTES, 0.7, False)
    assert store.links.upsert([first, other, again, Link(b.id, c.id, LinkType.DUPLICATE, 1, True)])
    stored = {(lk.source, lk.target, lk.type): lk for lk in store.links.list()}
    assert len(stored) == 3
    assert stored[(a.id, b.id, LinkType.NEAR_COPY)] == again
    store.links.upsert([first])
    assert store.links.for_article(a.id)[0] == first


def test_neighbours_and_publication_times_of_many_articles(store: Store) -> None:
    when = datetime(2024, 5, 30, 8, tzinfo=UTC)
    hub, *spokes = _articles(store, IN_CHUNK + 7, published=when)
    store.links.upsert(
        [
            Link(s.id, hub.id, LinkType.NEAR_COPY, 0.9, False)
            if i % 2
            else Link(hub.id, s.id, LinkType.SHARES_QUOTES, 0.9, False)
            for i, s in enumerate(spokes)
        ]
    )
    ids = [s.id for s in spokes]
    got = store.links.neighbours([hub.id, *ids, "absent"])
    assert got[hub.id] == sorted(ids)
    assert all(got[i] == [hub.id] for i in ids)
    assert got["absent"] == []
    times = store.articles.published_of([hub.id, *ids, "absent"])
    assert set(times) == {hub.id, *ids}
    assert times[hub.id] is None
    assert {times[s.id] for s in spokes} == {None, when}
    assert all(times[s.id] == s.published for s in spokes)
