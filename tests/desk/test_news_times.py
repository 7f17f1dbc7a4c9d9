"""Dating undated articles by their links (`analysis.news_times`), on a real SQLite store: the
documented semantics on small hand-made graphs, and the same answers as the former walk (one
`for_article` query per node, kept below as the reference) on random graphs."""

from __future__ import annotations

import random
from collections.abc import Iterator, Sequence
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from newsdesk.desk.analysis import news_times
from newsdesk.store import Store
from newsdesk.types import Article, Link, LinkType, Paragraph

NOW = datetime(2024, 6, 1, 12, tzinfo=UTC)
DAY = timedelta(days=1)


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with Store.open(f"sqlite:///{tmp_path / 'newsdesk.sqlite'}", tmp_path) as opened:
        yield opened


def make(name: str, published: datetime | None) -> Article:
    return Article(
        raw_id=name * 4,
        source_id="s" * 16,
        url=f"https://exemple.test/{name}",
        title=f"Article {name}",
        paragraphs=(Paragraph(f"Texte de l'article {name}."),),
        language="fr",
        published=published,
    )


def link(a: Article, b: Article, type: LinkType = LinkType.NEAR_COPY) -> Link:
    return Link(source=a.id, target=b.id, type=type, score=0.9, directed=False)


def reference_news_times(
    store: Store, articles: Sequence[Article], now: datetime
) -> dict[str, datetime]:
    """The walk `news_times` replaced (issue 20): two hops, one query per node."""
    known = {a.id: a for a in articles}
    out: dict[str, datetime] = {}
    for article in articles:
        if article.published is not None:
            out[article.id] = article.published
            continue
        dated: list[datetime] = []
        frontier, seen = [article.id], {article.id}
        for _ in range(2):
            following: list[str] = []
            for node in frontier:
                for lk in store.links.for_article(node):
                    other = lk.target if lk.source == node else lk.source
                    if other in seen:
                        continue
                    seen.add(other)
                    other_article = known.get(other) or store.articles.get(other)
                    if other_article is not None and other_article.published is not None:
                        dated.append(other_article.published)
                    else:
                        following.append(other)
            frontier = following
        out[article.id] = min(dated) if dated else now
    return out


def test_documented_semantics(store: Store) -> None:
    t = NOW - 10 * DAY
    arts = {
        "a": make("a", None),  # a - b(dated)
        "b": make("b", t),
        "c": make("c", None),  # c - d - e(dated): two hops through an undated copy
        "d": make("d", None),
        "e": make("e", t + DAY),
        "f": make("f", None),  # f - g - h - i(dated): three hops is too far
        "g": make("g", None),
        "h": make("h", None),
        "i": make("i", t),
        "j": make("j", None),  # j - k(dated) - l(dated, earlier): a date is not walked through
        "k": make("k", t + 3 * DAY),
        "l": make("l", t - 5 * DAY),
        "m": make("m", None),  # m - n(old, undated, stored earlier) - o(old, dated)
        "n": make("n", None),
        "o": make("o", t + 2 * DAY),
        "p": make("p", None),  # p - q(dated) and p - r(undated) - s(earlier): the earliest
        "q": make("q", t + 4 * DAY),
        "r": make("r", None),
        "s": make("s", t - DAY),
    }
    for a in arts.values():
        store.save_article(a)
    pairs = ["ab", "cd", "de", "fg", "gh", "hi", "jk", "kl", "mn", "no", "pq", "pr", "rs"]
    store.links.upsert([link(arts[x], arts[y]) for x, y in pairs])
    # two link types between the same pair count once
    store.links.upsert(link(arts["b"], arts["a"], LinkType.SHARES_QUOTES))
    old = {"n", "o"}  # stored in an earlier cycle: not among this cycle's articles
    cycle = [a for name, a in arts.items() if name not in old]
    when = news_times(store, cycle, NOW)
    expected = {
        "a": t,
        "c": t + DAY,
        "d": t + DAY,
        "f": NOW,
        "g": t,  # g - h - i
        "h": t,
        "j": t + 3 * DAY,
        "m": t + 2 * DAY,
        "p": t - DAY,
        "r": t - DAY,
    }
    for name, value in expected.items():
        assert when[arts[name].id] == value, name
    for a in cycle:
        if a.published is not None:
            assert when[a.id] == a.published
    assert set(when) == {a.id for a in cycle}
    assert when == reference_news_times(store, cycle, NOW)


@pytest.mark.parametrize("seed", range(12))
def test_same_times_as_the_former_walk(store: Store, seed: int) -> None:
    rng = random.Random(seed)
    arts = [
        make(f"x{seed}-{i}", None if rng.random() < 0.6 else NOW - rng.randrange(1, 30) * DAY)
        for i in range(40)
    ]
    for a in arts:
        store.save_article(a)
    edges = {tuple(sorted(rng.sample(range(len(arts)), 2))) for _ in range(rng.randrange(20, 90))}
    store.links.upsert(
        [link(arts[i], arts[j], rng.choice(list(LinkType))) for i, j in sorted(edges)]
    )
    cycle = [a for a in arts if rng.random() < 0.7]
    assert news_times(store, cycle, NOW) == reference_news_times(store, cycle, NOW)


def test_neighbours_reads_both_ends_in_chunks(store: Store) -> None:
    from newsdesk.store.repositories import IN_CHUNK

    hub = make("hub", None)
    spokes = [make(f"spoke{i}", None) for i in range(IN_CHUNK + 5)]
    for a in [hub, *spokes]:
        store.save_article(a)
    store.links.upsert([link(s, hub) if i % 2 else link(hub, s) for i, s in enumerate(spokes)])
    ids = [s.id for s in spokes]
    got = store.links.neighbours([hub.id, *ids, "absent"])
    assert got[hub.id] == sorted(ids)
    assert all(got[i] == [hub.id] for i in ids)
    assert got["absent"] == []
    times = store.articles.published_of([hub.id, *ids, "absent"])
    assert len(times) == len(ids) + 1 and all(v is None for v in times.values())


def test_queries_do_not_grow_with_the_feed(store: Store) -> None:
    """Issue 20: 200 undated near-copies made 40,000 link queries (one per node per article).
    Now a few batched queries, however many copies link to each other."""
    from sqlalchemy import event

    original = make("original", NOW - 3 * DAY)
    copies = [make(f"copy{i}", None) for i in range(60)]
    for a in [original, *copies]:
        store.save_article(a)
    everyone = [original, *copies]
    store.links.upsert([link(a, b) for i, a in enumerate(everyone) for b in everyone[i + 1 :]])
    statements: list[str] = []

    def count(*args: object) -> None:
        statements.append(str(args[2]))

    event.listen(store.engine, "before_cursor_execute", count)
    try:
        when = news_times(store, copies, NOW)
    finally:
        event.remove(store.engine, "before_cursor_execute", count)
    assert all(when[c.id] == original.published for c in copies)
    assert len(statements) <= 8, len(statements)
