"""`sources_for_run` on a real store: what each origin of source becomes at the start of a run."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from newsdesk.cli import bundled_sources
from newsdesk.desk.roster import sources_for_run
from newsdesk.store import Store
from newsdesk.store.repositories.sources import ORIGIN_SAMPLES
from newsdesk.types import Source, SourceKind

SAMPLES = bundled_sources()


def feed(name: str, allow_private: bool = False) -> Source:
    return Source(SourceKind.FEED, f"http://{name}.test/feed.xml", allow_private=allow_private)


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with Store.open(f"sqlite:///{tmp_path / 'db.sqlite'}", tmp_path / "data") as s:
        yield s


def ids(sources: tuple[Source, ...]) -> set[str]:
    return {s.id for s in sources}


def test_samples_alone_then_withdrawn(store: Store) -> None:
    first = sources_for_run(store, [], SAMPLES)
    assert first.using_samples and ids(first.sources) == ids(tuple(SAMPLES))
    assert first.withdrawn == frozenset()
    second = sources_for_run(store, [feed("a")], SAMPLES)
    assert not second.using_samples
    assert ids(second.sources) == {feed("a").id}
    assert second.withdrawn == {SAMPLES[0].id}
    stored = store.sources.get(SAMPLES[0].id)
    assert stored is not None and not stored.enabled
    # Every source of the user gone: the samples are read again.
    third = sources_for_run(store, [], SAMPLES)
    assert third.using_samples and ids(third.sources) == ids(tuple(SAMPLES))
    assert all(s.enabled for s in third.sources)
    assert third.removed == (feed("a").location,)


def test_allow_private_follows_the_file(store: Store) -> None:
    sources_for_run(store, [feed("a", allow_private=True)], SAMPLES)
    sources_for_run(store, [feed("a", allow_private=False)], SAMPLES)
    stored = store.sources.get(feed("a").id)
    assert stored is not None and not stored.allow_private


def test_samples_stored_elsewhere_are_withdrawn_too(store: Store) -> None:
    # Samples stored by an earlier install, at another path (a different virtualenv).
    old = Source(SourceKind.FOLDER, "/old/venv/site-packages/newsdesk/samples/articles")
    store.sources.add(old, ORIGIN_SAMPLES)
    roster = sources_for_run(store, [feed("a")], SAMPLES)
    assert old.id in roster.withdrawn
    assert ids(roster.sources) == {feed("a").id}


def test_the_samples_folder_declared_by_the_user_is_their_own(store: Store) -> None:
    roster = sources_for_run(store, [SAMPLES[0], feed("a")], SAMPLES)
    assert roster.withdrawn == frozenset()
    assert ids(roster.sources) == {SAMPLES[0].id, feed("a").id}


def test_hand_added_sources_stay_and_count_as_the_users(store: Store) -> None:
    sources_for_run(store, [], SAMPLES)
    store.add_source(feed("b"))
    roster = sources_for_run(store, [], SAMPLES)
    assert ids(roster.sources) == {feed("b").id}
    assert roster.withdrawn == {SAMPLES[0].id}
    assert sources_for_run(store, None, SAMPLES).sources == roster.sources
