"""Incremental builds write exactly the site a build from scratch writes.

Several hundred pages of real news (tests/publish/corpus.py) are built, then changed the ways a
desk changes them (retitled, rewritten, retagged, added, removed, unpublished, a topic emptied,
a language version added and one removed, findings rates moved, the clock advanced) and built
again in place; the folder must equal, file for file and byte for byte, a fresh build of the
final pages. Through the store, the incremental build must read only the pages that changed.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from newsdesk.config import Settings, SiteSettings
from newsdesk.publish import PublisherStats, build_site
from newsdesk.publish.from_store import build_from_store
from newsdesk.publish.sanitize import plain_text
from newsdesk.publish.state import STATE, read_state
from newsdesk.publish.urls import name_slug
from newsdesk.publish.views import card_of
from newsdesk.store import Store
from newsdesk.store.records import PageRecord, PageStatus
from newsdesk.types import Page, Verdict, VerdictStatus
from tests.publish import corpus
from tests.publish.sitecheck import check_site

pytestmark = pytest.mark.skipif(
    not corpus.available(), reason="../shared/bench-data is not present"
)

NOW = datetime(2026, 11, 23, 12, 0, tzinfo=UTC)
LATER = NOW + timedelta(hours=7)
SITE = SiteSettings(base_url="https://news.example.fr")
COUNT = 400


def site_pages() -> list[Page]:
    """400 pages: the corpus's 250 stories and 150 follow-ups of them, two months older."""
    pages = corpus.real_pages(COUNT, NOW)
    older = timedelta(days=60)
    follow_ups = [
        replace(
            p,
            slug=f"{p.slug}-suite",
            story_id=f"{p.story_id}-suite",
            title=f"Suite : {p.title}"[:70],
            description=f"Suite : {p.description}"[:160],
            published=p.published - older,
            updated=p.updated - older,
            related=(),
        )
        for p in pages[: COUNT - len(pages)]
    ]
    return pages + follow_ups


def tree(out: Path, skip: tuple[str, ...] = ()) -> dict[str, bytes]:
    return {
        p.relative_to(out).as_posix(): p.read_bytes()
        for p in sorted(out.rglob("*"))
        if p.is_file() and p.name not in skip
    }


def assert_same_site(built: Path, fresh: Path, skip: tuple[str, ...] = ()) -> None:
    a, b = tree(built, skip), tree(fresh, skip)
    assert sorted(a) == sorted(b), (sorted(set(a) - set(b))[:10], sorted(set(b) - set(a))[:10])
    different = [rel for rel in a if a[rel] != b[rel]]
    assert different == []
    folders = {p.relative_to(built) for p in built.rglob("*") if p.is_dir()}
    assert folders == {p.relative_to(fresh) for p in fresh.rglob("*") if p.is_dir()}


def topic_slug(tag: str) -> str:
    return name_slug(plain_text(tag))


def rare_topic(pages: list[Page]) -> str:
    """The slug of a topic that two or three pages carry (emptied by removing it from them)."""
    counts = Counter(topic_slug(tag) for page in pages for tag in set(page.tags))
    return next(slug for slug, n in sorted(counts.items()) if 2 <= n <= 3)


def english_version(page: Page, suffix: str) -> Page:
    return replace(
        page,
        slug=f"{page.slug}-{suffix}",
        title=f"English: {page.title}"[:70],
        description=f"English: {page.description}"[:160],
        language="en",
    )


def changed_pages(pages: list[Page]) -> tuple[list[Page], list[str], str]:
    """The desk's changes to `pages`: the final pages, the removed slugs, the emptied topic."""
    final = list(pages)
    topic = rare_topic(final)
    final[3] = replace(final[3], title="Un titre corrigé par la rédaction")
    final[10] = replace(final[10], description="Une description réécrite.", updated=LATER)
    final[20] = replace(final[20], chapo="Un chapô corrigé, que seule la page montre.")
    final[30] = replace(final[30], tags=("Nouveau sujet",))
    for i, page in enumerate(final):
        if any(topic_slug(t) == topic for t in page.tags):
            final[i] = replace(page, tags=tuple(t for t in page.tags if topic_slug(t) != topic))
    removed = [final[0].slug, final[40].slug, final[41].slug]  # the newest one is on the home
    final = [p for p in final if p.slug not in removed]
    for n in range(5):  # newer than every page: shifts the home page and every listing
        base = pages[100 + n]
        final.append(
            replace(
                base,
                slug=f"nouvelle-histoire-{n}",
                title=f"Nouveau : {base.title}"[:70],
                description=f"Nouveau : {base.description}"[:160],
                story_id=f"nouvelle-{n}",
                published=LATER - timedelta(minutes=n),
                updated=LATER,
            )
        )
    return final, removed, topic


def test_incremental_build_equals_a_fresh_build(tmp_path: Path) -> None:
    pages = site_pages()
    pages.append(english_version(pages[60], "en"))  # pages[60] has a language version...
    stats = {"Orange Actu": PublisherStats("Orange Actu", articles=40, articles_with_findings=3)}
    built = tmp_path / "built"
    first = build_site(pages, built, SITE, NOW, publishers=stats)
    assert first.pages_read == len(pages)

    final, removed, topic = changed_pages(pages)
    final = [p for p in final if p.slug != f"{pages[60].slug}-en"]  # ...that is removed
    final.append(english_version(pages[50], "en"))  # and pages[50], unchanged, gains one
    stats = {"Orange Actu": PublisherStats("Orange Actu", articles=50, articles_with_findings=5)}
    again = build_site(final, built, SITE, LATER, publishers=stats)
    # 4 changed pages, 5 new ones, the topic's 2-3 pages, an English version; pages[50] and
    # pages[60] (unchanged) are read again because their language versions changed.
    assert again.pages_read < 20
    assert again.removed >= len(removed) + 1

    fresh = tmp_path / "fresh"
    build_site(final, fresh, SITE, LATER, publishers=stats)
    assert_same_site(built, fresh)
    assert check_site(built, SITE.base_url, LATER) == []

    site_text = b"".join(tree(built).values())
    for slug in removed:
        assert not (built / f"{slug}.html").exists()
        assert (
            f"/{slug}.html".encode() not in site_text and f'"{slug}.html'.encode() not in site_text
        )
    assert not (built / "sujets" / topic).exists()
    assert f'"{topic}/index.html"'.encode() not in (built / "sujets/index.html").read_bytes()
    assert b'hreflang="en"' in (built / f"{pages[50].slug}.html").read_bytes()
    assert b'hreflang="en"' not in (built / f"{pages[60].slug}.html").read_bytes()


def rebuilt_equals_fresh(
    tmp_path: Path, before: list[Page], after: list[Page], when: datetime = NOW
) -> None:
    built, fresh = tmp_path / "built", tmp_path / "fresh"
    build_site(before, built, SITE, NOW)
    build_site(after, built, SITE, when)
    build_site(after, fresh, SITE, when)
    assert_same_site(built, fresh)


def test_removing_the_oldest_story_updates_every_count(tmp_path: Path) -> None:
    """Only the last page of each of its listings loses a card; the first pages keep theirs but
    show the new number of stories."""
    pages = site_pages()
    oldest = min(pages, key=lambda p: p.published)
    rebuilt_equals_fresh(tmp_path, pages, [p for p in pages if p is not oldest])


def test_an_emptied_site_shows_the_time_of_its_last_build(tmp_path: Path) -> None:
    rebuilt_equals_fresh(tmp_path, [], [], LATER)  # an empty feed's update time is the build's
    assert LATER.isoformat() in (tmp_path / "built/atom.xml").read_text()


def test_nothing_changed_reads_and_writes_nothing(tmp_path: Path) -> None:
    pages = site_pages()
    built = tmp_path / "built"
    build_site(pages, built, SITE, NOW)
    state = built / STATE
    before = state.stat().st_mtime_ns
    again = build_site(list(reversed(pages)), built, SITE, NOW)  # order does not matter
    assert (again.pages_read, again.rendered, again.written, again.removed) == (0, 0, 0, 0)
    assert state.stat().st_mtime_ns == before
    fresh = tmp_path / "fresh"
    build_site(pages, fresh, SITE, NOW)
    assert_same_site(built, fresh)


def test_a_lost_file_is_written_again_from_its_page(tmp_path: Path) -> None:
    pages = corpus.real_pages(40, NOW)
    build_site(pages, tmp_path, SITE, NOW)
    expected = (tmp_path / f"{pages[7].slug}.html").read_bytes()
    (tmp_path / f"{pages[7].slug}.html").unlink()
    (tmp_path / "sujets/index.html").unlink()
    report = build_site(pages, tmp_path, SITE, NOW)
    assert (report.written, report.pages_read) == (2, 1)
    assert (tmp_path / f"{pages[7].slug}.html").read_bytes() == expected


def test_an_unreadable_state_rebuilds_from_the_pages(tmp_path: Path) -> None:
    pages = corpus.real_pages(40, NOW)
    build_site(pages, tmp_path / "a", SITE, NOW)
    (tmp_path / "a" / STATE).write_text("{not json")
    report = build_site(pages, tmp_path / "a", SITE, NOW)
    assert report.pages_read == len(pages) and report.written == 0  # same bytes: nothing written
    build_site(pages, tmp_path / "b", SITE, NOW)
    assert_same_site(tmp_path / "a", tmp_path / "b")


def test_the_state_keeps_each_card_exactly(tmp_path: Path) -> None:
    pages = corpus.real_pages(60, NOW)
    build_site(pages, tmp_path, SITE, NOW)
    state = read_state(tmp_path)
    for page in pages:
        kept = state.pages[page.slug].card
        made = card_of(page)
        assert kept == made and kept.key == made.key
        assert kept.published.utcoffset() == made.published.utcoffset()


def _record(page: Page) -> PageRecord:
    return PageRecord(page=page, verdict=Verdict(VerdictStatus.PASS), status=PageStatus.PUBLISHED)


def test_store_builds_read_only_the_changed_pages(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path / "data", out=tmp_path / "built", site=SITE)
    store = Store.open(settings.db_url, settings.data_dir)
    try:
        pages = site_pages()
        for page in pages:
            store.save_page(_record(page))
        first = build_from_store(store, settings, NOW)
        assert first.pages_read == COUNT
        assert build_from_store(store, settings, NOW).pages_read == 0

        final, removed, _ = changed_pages(pages)
        before = {p.slug: p for p in pages}
        edited = [p for p in final if before.get(p.slug) != p]
        for page in edited:
            store.save_page(_record(page))
        gone = {slug: store.pages.get_by_slug(slug) for slug in removed}
        store.pages.remove(gone[removed[0]].id)  # deleted from the store
        store.pages.set_status(gone[removed[1]].id, PageStatus.HELD)  # taken back for review
        store.save_page(replace(_record(before[removed[2]]), status=PageStatus.REJECTED))
        report = build_from_store(store, settings, LATER)
        # Read: the edited pages, and those whose "En savoir plus" links to a removed story (the
        # link is left out). The other pages are known by their summary.
        relinked = [
            p for p in final if p not in edited and any(r.slug in removed for r in p.related)
        ]
        assert relinked and report.pages_read == len(edited) + len(relinked)
        assert report.removed >= len(removed)

        fresh = settings.model_copy(update={"out": tmp_path / "fresh"})
        build_from_store(store, fresh, LATER)
        assert_same_site(settings.out, fresh.out)  # the state file too
        generic = tmp_path / "generic"
        build_site(final, generic, SITE, LATER)  # the same site from the pages themselves
        assert_same_site(settings.out, generic, skip=(STATE,))
    finally:
        store.close()


def test_search_index_is_the_json_of_its_records() -> None:
    """The index is joined from each card's JSON text (kept between builds); it must be the
    very document `json` writes for the records, French accents and quotes included."""
    import json

    from newsdesk.publish import search

    cards = [card_of(p) for p in corpus.real_pages(80, NOW)]
    expected = json.dumps(search.records(cards), ensure_ascii=False, separators=(",", ":"))
    for _ in range(2):  # computed, then kept on the cards
        files = search.index_files(cards)
        assert files["search-index.json"] == expected.encode("utf-8")
        assert json.loads(files["search-index.js"].removeprefix(search.SCRIPT_PREFIX)[:-2])


def test_a_state_kept_in_memory_gives_way_to_another_writers_file(tmp_path: Path) -> None:
    """A process keeps its last state; a build by another process replaces the file, and the
    next build here must plan from that file, not from what it kept."""
    pages = corpus.real_pages(30, NOW)
    site, other = tmp_path / "site", tmp_path / "other"
    build_site(pages, site, SITE, NOW)
    assert read_state(site) is read_state(site)  # kept, not parsed again
    build_site(pages[:20], other, SITE, NOW)  # "another process" builds 20 pages...
    (other / STATE).replace(site / STATE)  # ...and its state file lands in this folder
    assert sorted(read_state(site).pages) == sorted(p.slug for p in pages[:20])
    report = build_site(pages, site, SITE, NOW)
    # read: the 10 pages it lacks, and those of its pages whose links to them were left out
    added = {p.slug for p in pages[20:]}
    relinked = [p for p in pages[:20] if any(r.slug in added for r in p.related)]
    assert relinked and report.pages_read == 10 + len(relinked)
    fresh = tmp_path / "fresh"
    build_site(pages, fresh, SITE, NOW)
    assert_same_site(site, fresh)
