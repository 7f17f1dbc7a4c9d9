"""Findings per article, provenance links, stories with stable ids and one story per article."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from newsdesk.errors import StoreError
from newsdesk.store import Store
from newsdesk.types import Article, Evidence, Finding, Link, LinkType, Severity, Story

from .conftest import StepClock
from .factories import article, feed_source, raw_item


def _articles(store: Store, n: int) -> list[Article]:
    source = feed_source()
    out = []
    for i in range(n):
        raw = raw_item(source, url=f"https://e.org/{i}", content=f"<p>{i}</p>".encode())
        store.save_raw(raw)
        art = article(raw, title=f"Titre {i}")
        store.save_article(art)
        out.append(art)
    return out


def test_findings_are_replaced_as_a_whole(store: Store) -> None:
    (art,) = _articles(store, 1)
    findings = [
        Finding(
            "residue", Severity.WARNING, 40, 58, "Skip to content", "residue", "menu text", 0.9
        ),
        Finding(
            "leaked-instruction", Severity.ERROR, 3, 27, "Voici la traduction :", "llm", "méta"
        ),
        Finding(
            "leaked-instruction",
            Severity.ERROR,
            0,
            30,
            "Customize this title in french",
            "llm",
            "consigne collée au titre",
            part="title",
        ),
    ]
    assert store.findings.replace_for(art.id, findings) == 3
    assert store.findings.list(art.id) == sorted(findings, key=lambda f: (f.start, f.end))
    store.findings.replace_for(art.id, findings[:1])
    assert store.findings.list(art.id) == findings[:1]
    assert store.findings.counts_by_category() == {"residue": 1}
    store.findings.replace_for(art.id, [])
    assert store.findings.list(art.id) == []
    assert store.findings.for_articles([art.id]) == {art.id: []}


def test_links_upsert_on_source_target_type(store: Store) -> None:
    a, b, c = _articles(store, 3)
    evidence = (
        Evidence(
            (0, 44),
            (10, 58),
            "« Nous ne sommes pas en guerre », a dit Kirby",
            '"We are not at war," Kirby said',
            0.91,
        ),
    )
    link = Link(a.id, b.id, LinkType.TRANSLATION_OF, 0.88, True, evidence)
    store.links.upsert(link)
    store.links.upsert(Link(a.id, b.id, LinkType.SHARES_QUOTES, 1.0, False, note="dates inconnues"))
    store.links.upsert([Link(b.id, c.id, LinkType.NEAR_COPY, 0.7, False)])
    # Same (source, target, type): replaced, not duplicated.
    rescored = Link(a.id, b.id, LinkType.TRANSLATION_OF, 0.93, True, evidence)
    store.links.upsert(rescored)
    assert len(store.links.list()) == 3
    assert store.links.list(LinkType.TRANSLATION_OF) == [rescored]
    assert {lk.type for lk in store.links.for_article(b.id)} == {
        LinkType.TRANSLATION_OF,
        LinkType.SHARES_QUOTES,
        LinkType.NEAR_COPY,
    }
    assert [lk.target for lk in store.links.for_article(c.id)] == [c.id]


def test_links_must_join_stored_articles(store: Store) -> None:
    (a,) = _articles(store, 1)
    with pytest.raises(StoreError, match="constraint"):
        store.links.upsert(Link(a.id, "0000000000000000", LinkType.DUPLICATE, 1.0, False))


def test_story_upsert_is_stable_and_moves_members(store: Store) -> None:
    a, b, c, d = _articles(store, 4)
    t1, t2 = datetime(2024, 5, 30, tzinfo=UTC), datetime(2024, 5, 31, tzinfo=UTC)
    s1 = Story("story-belgorod", (a.id, b.id), "Frappes sur Belgorod", ("fr", "en"), t1, t2, a.id)
    s2 = Story("story-kirby", (c.id,), "Kirby", ("en",), t1, t1)
    assert store.stories.upsert(s1) is True
    assert store.stories.upsert(s2) is True
    assert store.stories.upsert(s1) is False  # nothing changed
    assert store.stories.get(s1.id) == s1
    assert store.stories.of_article(b.id) == s1
    assert store.stories.of_article(d.id) is None

    # A new member and an edited title keep the id; c moves over from story-kirby.
    grown = Story(
        s1.id,
        (a.id, b.id, c.id, d.id),
        "Belgorod : frappes et réactions",
        ("en", "fr"),
        t1,
        t2,
        b.id,
    )
    assert store.stories.upsert(grown) is True
    assert store.stories.get(s1.id) == grown
    assert store.stories.of_article(c.id) == grown
    kirby = store.stories.get(s2.id)
    assert kirby is not None and kirby.members == ()
    assert [s.id for s in store.stories.list()] == [s1.id, s2.id]
    assert store.stories.remove(s2.id) is True
    assert [s.id for s in store.stories.list()] == [s1.id]


def test_stories_changed_since(store: Store, clock: StepClock) -> None:
    a, b = _articles(store, 2)
    t = datetime(2024, 5, 30, tzinfo=UTC)
    store.stories.upsert(Story("s-a", (a.id,), "A", ("fr",), t, t))
    store.stories.upsert(Story("s-b", (b.id,), "B", ("fr",), t, t))
    later = clock.now
    store.stories.upsert(Story("s-a", (a.id,), "A, titre modifié", ("fr",), t, t))
    assert [s.id for s in store.stories.list(updated_since=later)] == ["s-a"]


def test_a_story_cannot_list_an_article_twice(store: Store) -> None:
    (a,) = _articles(store, 1)
    t = datetime(2024, 5, 30, tzinfo=UTC)
    with pytest.raises(ValueError, match="twice"):
        store.stories.upsert(Story("s", (a.id, a.id), "x", ("fr",), t, t))
