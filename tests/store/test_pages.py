"""Page records: incremental updates, the review queue, slugs, and editors' decisions."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest

from newsdesk.errors import StoreError
from newsdesk.store import Decision, DecisionAction, PageRecord, PageStatus, Store
from newsdesk.types import Check, Page, RelatedRef, Section, SourceRef, Verdict, VerdictStatus

from .conftest import StepClock

NOW = datetime(2024, 6, 1, 10, 0, tzinfo=UTC)
PASS = Verdict(VerdictStatus.PASS)
HOLD = Verdict(
    VerdictStatus.HOLD,
    (
        Check(
            "quote_not_in_source",
            "citation introuvable",
            VerdictStatus.HOLD,
            "« nous ne sommes pas en guerre »",
            120,
            152,
        ),
        Check("too_short", "312 mots sur 700", VerdictStatus.HOLD),
    ),
)


def make_page(
    slug: str = "belgorod-frappes",
    story_id: str | None = "story-1",
    title: str = "Frappes sur Belgorod : ce que l’on sait",
) -> Page:
    return Page(
        slug=slug,
        title=title,
        description="Des frappes ont visé Belgorod vendredi ; trois sources en rendent compte.",
        chapo="Belgorod a été visée vendredi soir, selon les autorités régionales.",
        sections=(
            Section(None, ("Premier paragraphe.", "Deuxième paragraphe.")),
            Section(
                "Des réactions à Washington",
                ("« Nous ne sommes pas en guerre », a déclaré John Kirby.",),
            ),
        ),
        sources=(
            SourceRef(
                "a1", "Strikes on Belgorod", "https://news.example/a1", "Politico", NOW, "en"
            ),
            SourceRef("a2", "Belgorod", None, None, None, None),
        ),
        published=NOW,
        updated=NOW + timedelta(hours=2),
        disclosure="Page traduite et composée automatiquement, vérifiée avant publication.",
        story_id=story_id,
        bylines=("Rédaction newsdesk", "Jane Doe"),
        related=(RelatedRef("kirby-guerre", "Kirby : « pas en guerre »"),),
        tags=("Russie", "Ukraine"),
    )


def record(page: Page, verdict: Verdict = PASS) -> PageRecord:
    return PageRecord(page, verdict, PageStatus.from_verdict(verdict), ("a1", "a2"))


def test_save_and_get_round_trip_the_whole_page(store: Store) -> None:
    page = make_page()
    assert store.save_page(record(page, HOLD)) is True
    got = store.pages.get(page.id)
    assert got is not None
    assert got.page == page
    assert got.verdict == HOLD
    assert got.status == PageStatus.HELD
    assert got.reasons == ("quote_not_in_source", "too_short")
    assert got.article_ids == ("a1", "a2")
    assert len(got.content_hash) == 64
    assert got.created_at is not None and got.created_at == got.updated_at
    assert store.pages.get_by_slug(page.slug) == got
    assert store.pages.get_by_slug("nope") is None


def test_saving_the_same_page_again_changes_nothing(store: Store, clock: StepClock) -> None:
    page = make_page()
    store.save_page(record(page))
    before = store.pages.get(page.id)
    since = clock.now
    assert store.save_page(record(page)) is False
    assert store.pages.get(page.id) == before
    assert store.pages.changed_since(since) == []


def test_a_changed_page_moves_updated_at(store: Store, clock: StepClock) -> None:
    page = make_page()
    store.save_page(record(page))
    first = store.pages.get(page.id)
    since = clock.now
    assert store.save_page(record(replace(page, title="Belgorod : nouvelles frappes"))) is True
    changed = store.pages.changed_since(since)
    assert [r.title for r in changed] == ["Belgorod : nouvelles frappes"]
    assert first is not None and changed[0].created_at == first.created_at
    assert changed[0].updated_at is not None and first.updated_at is not None
    assert changed[0].updated_at > first.updated_at
    assert changed[0].content_hash != first.content_hash
    # A verdict change alone (same text) is a change too.
    since = clock.now
    assert (
        store.save_page(record(replace(page, title="Belgorod : nouvelles frappes"), HOLD)) is True
    )
    assert [r.status for r in store.pages.changed_since(since)] == [PageStatus.HELD]


def test_review_queue_lists_by_status(store: Store) -> None:
    held = [make_page(f"held-{i}", f"story-h{i}") for i in range(3)]
    for p in held:
        store.save_page(record(p, HOLD))
    store.save_page(record(make_page("ok", "story-ok")))
    store.save_page(record(make_page("bad", "story-bad"), Verdict(VerdictStatus.FAIL)))
    assert {r.slug for r in store.pages.list(PageStatus.HELD)} == {"held-0", "held-1", "held-2"}
    assert [r.slug for r in store.pages.list(PageStatus.PUBLISHED)] == ["ok"]
    assert [r.slug for r in store.pages.list(PageStatus.FAILED)] == ["bad"]
    assert [r.slug for r in store.pages.list()][0] == "bad"  # most recently changed first
    assert len(store.pages.list(limit=2)) == 2


def test_two_pages_cannot_share_a_slug(store: Store) -> None:
    store.save_page(record(make_page("same-slug", "story-1")))
    with pytest.raises(StoreError, match="slug 'same-slug' is already used"):
        store.save_page(record(make_page("same-slug", "story-2")))
    # The same page (same story) may change its slug.
    store.save_page(record(make_page("new-slug", "story-1")))
    assert store.pages.get_by_slug("same-slug") is None
    assert store.pages.get_by_slug("new-slug") is not None


def test_approval_sticks_to_the_content_approved(store: Store, clock: StepClock) -> None:
    page = make_page()
    store.save_page(record(page, HOLD))
    decision = store.decisions.record(
        Decision(page.id, DecisionAction.APPROVE, "editor@desk", clock(), "citation vérifiée"),
        new_status=PageStatus.PUBLISHED,
    )
    assert decision.id is not None
    got = store.pages.get(page.id)
    assert got is not None and got.status == PageStatus.PUBLISHED
    assert decision.details["content_hash"] == got.content_hash
    # The next desk run composes the same page and verification holds it again: the editor's
    # approval of this exact content stands.
    store.save_page(record(page, HOLD))
    assert store.pages.get(page.id).status == PageStatus.PUBLISHED  # type: ignore[union-attr]
    # New content is verified afresh: held until an editor looks again.
    store.save_page(record(replace(page, chapo="Un chapô réécrit."), HOLD))
    assert store.pages.get(page.id).status == PageStatus.HELD  # type: ignore[union-attr]


def test_rejection_sticks_and_the_trail_is_kept(store: Store, clock: StepClock) -> None:
    page = make_page()
    store.save_page(record(page))
    store.decisions.record(
        Decision(
            page.id, DecisionAction.EDIT, "ana", clock(), details={"title": ["avant", "après"]}
        )
    )
    store.decisions.record(
        Decision(page.id, DecisionAction.REJECT, "ana", clock(), "chiffres non sourcés"),
        new_status=PageStatus.REJECTED,
    )
    store.save_page(record(page))  # verification passes, but an editor said no
    assert store.pages.get(page.id).status == PageStatus.REJECTED  # type: ignore[union-attr]
    trail = store.decisions.list(page.id)
    assert [d.action for d in trail] == [DecisionAction.REJECT, DecisionAction.EDIT]
    assert trail[1].details["title"] == ["avant", "après"]
    assert trail[0].who == "ana" and trail[0].at.tzinfo is not None


def test_decisions_need_an_existing_page(store: Store) -> None:
    with pytest.raises(StoreError, match="no page"):
        store.decisions.record(Decision("0000000000000000", DecisionAction.APPROVE, "x", NOW))


def test_set_status_and_remove(store: Store) -> None:
    page = make_page()
    store.save_page(record(page, HOLD))
    assert store.pages.set_status(page.id, PageStatus.PUBLISHED) is True
    assert store.pages.get(page.id).status == PageStatus.PUBLISHED  # type: ignore[union-attr]
    assert store.pages.remove(page.id) is True
    assert store.pages.get(page.id) is None
    assert store.pages.set_status(page.id, PageStatus.HELD) is False


def test_published_hashes_list_only_published_pages(store: Store) -> None:
    store.save_page(record(make_page("ok", "story-ok")))
    store.save_page(record(make_page("held", "story-held"), HOLD))
    other = make_page("ok-2", "story-ok-2", title="Autre titre")
    store.save_page(record(other))
    hashes = store.pages.published_hashes()
    assert set(hashes) == {"ok", "ok-2"}
    assert hashes["ok-2"] == store.pages.get_by_slug("ok-2").content_hash  # type: ignore[union-attr]
    assert hashes["ok"] != hashes["ok-2"]
