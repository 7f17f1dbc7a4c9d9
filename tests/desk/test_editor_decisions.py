"""An editor's decisions survive the desk recomposing a story when a new source joins it.

Real cycle, real store, real composition and verification: two sample articles first, the
third source of the same story arrives in a later run.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from importlib import resources
from pathlib import Path

from newsdesk.config import Settings, load_settings
from newsdesk.desk.cycle import run_cycle
from newsdesk.desk.editorial import (
    EDITS_KEPT,
    HEADINGS_DROPPED,
    REJECTED_BEFORE,
    apply_editorial,
    editorial_of,
)
from newsdesk.desk.verification import reverify
from newsdesk.store import PageRecord, PageStatus, Store
from newsdesk.store.records import Decision, DecisionAction
from newsdesk.types import Licence, Page, Section, Source, SourceKind, VerdictStatus
from newsdesk.web import actions

SAMPLES = Path(str(resources.files("newsdesk") / "samples" / "articles"))
T0 = datetime(2026, 11, 1, 8, 0, tzinfo=UTC)


def _copy(prefixes: list[str], folder: Path) -> None:
    folder.mkdir(exist_ok=True)
    for path in SAMPLES.glob("*.txt"):
        if path.name[:3] in prefixes:
            shutil.copy(path, folder / path.name)
    metadata = json.loads((SAMPLES / "metadata.json").read_text(encoding="utf-8"))
    (folder / "metadata.json").write_text(json.dumps(metadata), encoding="utf-8")


def _desk(tmp_path: Path) -> tuple[Settings, Source, Path]:
    folder = tmp_path / "articles"
    _copy(["000", "001"], folder)
    settings = load_settings(
        overrides={"data_dir": str(tmp_path / "data"), "out": str(tmp_path / "site")}, environ={}
    )
    source = Source(SourceKind.FOLDER, str(folder), language="fr", licence=Licence.FULL)
    return settings, source, folder


def _open(settings: Settings) -> Store:
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    return Store.open(f"sqlite:///{settings.data_dir / 'newsdesk.sqlite'}", settings.data_dir)


def _story_page(store: Store) -> PageRecord:
    return next(r for r in store.pages.list() if len(r.article_ids) >= 2)


@contextmanager
def _first_run(tmp_path: Path) -> Iterator[tuple[Settings, Source, Path, Store, PageRecord]]:
    """A desk that ran once on two sources of a story: its settings, source, folder, store and
    the story's page."""
    settings, source, folder = _desk(tmp_path)
    with _open(settings) as store:
        store.add_source(source)
        run_cycle(store, [source], settings, T0)
        yield settings, source, folder, store, _story_page(store)


def test_edited_title_survives_a_new_source_and_is_verified_again(tmp_path: Path) -> None:
    with _first_run(tmp_path) as (settings, source, folder, store, record):
        title = "Washington enquête sur des informations transmises à Kyiv"
        outcome = actions.edit(
            store,
            record,
            "alice",
            T0 + timedelta(hours=1),
            title,
            record.page.description,
            [s.heading for s in record.page.sections],
            rebuild=lambda: None,
            verify=lambda r, p: reverify(store, r, settings, p),
        )
        assert outcome.ok, outcome.message

        _copy(["002"], folder)
        run_cycle(store, [source], settings, T0 + timedelta(days=1))
        after = store.pages.get(record.id)
        assert after is not None
        assert len(after.article_ids) == 3  # the story was recomposed with its new source
        assert after.page.title == title
        codes = {c.code for c in after.verdict.checks}
        assert EDITS_KEPT in codes
        assert after.status == PageStatus.from_verdict(after.verdict)


def test_rejected_story_is_held_not_published_when_it_changes(tmp_path: Path) -> None:
    with _first_run(tmp_path) as (settings, source, folder, store, record):
        outcome = actions.reject(
            store,
            record,
            "bob",
            T0 + timedelta(hours=1),
            "Sujet hors ligne éditoriale",
            lambda: None,
        )
        assert outcome.ok

        _copy(["002"], folder)
        run_cycle(store, [source], settings, T0 + timedelta(days=1))
        after = store.pages.get(record.id)
        assert after is not None and len(after.article_ids) == 3
        assert after.status == PageStatus.HELD
        assert REJECTED_BEFORE in after.verdict.reasons
        message = next(c.message for c in after.verdict.checks if c.code == REJECTED_BEFORE)
        assert "bob" in message and "hors ligne éditoriale" in message
        assert after.page.slug not in {
            p.name.removesuffix(".html") for p in settings.out.glob("*.html")
        }


def _decision(action: DecisionAction, minutes: int, **details: object) -> Decision:
    return Decision("p", action, "carol", T0 + timedelta(minutes=minutes), details=dict(details))  # type: ignore[arg-type]


def test_newest_decisions_win() -> None:
    newest_first = [
        _decision(DecisionAction.APPROVE, 30),
        _decision(DecisionAction.EDIT, 20, title=["B", "C"]),
        _decision(DecisionAction.REJECT, 10),
        _decision(DecisionAction.EDIT, 5, title=["A", "B"], description=["d", "e"]),
    ]
    editorial = editorial_of(newest_first)
    assert editorial.title == "C" and editorial.description == "e"
    assert editorial.rejection is None  # approved after the rejection
    assert editorial_of(newest_first[1:]).rejection is not None
    assert not editorial_of([]).has_edits


def test_headings_that_no_longer_fit_hold_the_page() -> None:
    page = Page(
        slug="s",
        title="Titre",
        description="Description",
        chapo="Chapô.",
        sections=(Section(None, ("Un.",)), Section("Deux", ("Deux.",))),
        sources=(),
        published=T0,
        updated=T0,
        disclosure="",
    )
    fits = editorial_of([_decision(DecisionAction.EDIT, 1, headings=[[None, "X"], [None, "Y"]])])
    new, checks = apply_editorial(page, fits)
    assert [s.heading for s in new.sections] == [None, "Y"]
    assert all(c.status == VerdictStatus.PASS for c in checks)
    stale = editorial_of(
        [_decision(DecisionAction.EDIT, 1, headings=[[None, "X", "Z"], [None, "Y", "W"]])]
    )
    new, checks = apply_editorial(page, stale)
    assert [s.heading for s in new.sections] == [None, "Deux"]
    assert HEADINGS_DROPPED in {c.code for c in checks if c.status == VerdictStatus.HOLD}
