"""What an editor's decisions do to a page, independent of HTTP: approve, reject, edit, re-run.

Each action records a `Decision` (who, when, why, what changed) in the store's audit trail and
sets the page's status in the same transaction; approving or un-publishing rebuilds the site.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import datetime

from newsdesk.log import get_logger
from newsdesk.store import Store
from newsdesk.store.codec import JsonValue
from newsdesk.store.records import Decision, DecisionAction, PageRecord, PageStatus
from newsdesk.types import Page, Section, Verdict, VerdictStatus
from newsdesk.verify import verify_page

log = get_logger(__name__)

APPROVABLE = (PageStatus.HELD,)  # failed pages never publish; rejected ones must be re-run first
EDITABLE = (PageStatus.HELD, PageStatus.FAILED, PageStatus.PUBLISHED)


@dataclass(frozen=True)
class Outcome:
    ok: bool
    message: str  # French, shown to the editor
    record: PageRecord | None = None


Rebuild = Callable[[], object]


def _status_after_verification(record: PageRecord, verdict_status: VerdictStatus) -> PageStatus:
    if verdict_status == VerdictStatus.FAIL:
        return PageStatus.FAILED
    if record.status == PageStatus.PUBLISHED and verdict_status == VerdictStatus.PASS:
        return PageStatus.PUBLISHED  # a clean correction of a live page stays live
    return PageStatus.HELD  # an editor approves what the edit produced


def approve(store: Store, record: PageRecord, who: str, now: datetime, rebuild: Rebuild) -> Outcome:
    if record.status not in APPROVABLE:
        return Outcome(
            False, f"Seule une page en attente peut être publiée (statut : {record.status})."
        )
    if record.verdict.status == VerdictStatus.FAIL:
        return Outcome(False, "La vérification a échoué : cette page ne peut pas être publiée.")
    store.decisions.record(
        Decision(
            record.id, DecisionAction.APPROVE, who, now, details={"reasons": list(record.reasons)}
        ),
        new_status=PageStatus.PUBLISHED,
    )
    rebuild()
    log.info("page_approved", page=record.id, who=who)
    return Outcome(True, "Page publiée.", store.pages.get(record.id))


def reject(
    store: Store, record: PageRecord, who: str, now: datetime, reason: str, rebuild: Rebuild
) -> Outcome:
    reason = " ".join(reason.split())
    if not reason:
        return Outcome(False, "Indiquez la raison du refus.")
    was_published = record.status == PageStatus.PUBLISHED
    store.decisions.record(
        Decision(record.id, DecisionAction.REJECT, who, now, reason=reason),
        new_status=PageStatus.REJECTED,
    )
    if was_published:
        rebuild()
    log.info("page_rejected", page=record.id, who=who)
    return Outcome(True, "Page refusée.", store.pages.get(record.id))


Verifier = Callable[[PageRecord, Page], Verdict]


def _page_only(record: PageRecord, page: Page) -> Verdict:
    """Checks that need only the page; the app passes a verifier that also reads the sources."""
    return verify_page(page)


def edit(
    store: Store,
    record: PageRecord,
    who: str,
    now: datetime,
    title: str,
    description: str,
    headings: Sequence[str | None],
    rebuild: Rebuild,
    verify: Verifier = _page_only,
) -> Outcome:
    """Change title, description and subheadings; verify the result again before anything else."""
    if record.status not in EDITABLE:
        return Outcome(False, f"Cette page ne peut pas être modifiée (statut : {record.status}).")
    page = record.page
    title, description = " ".join(title.split()), " ".join(description.split())
    sections = list(page.sections)
    for i, heading in enumerate(headings[: len(sections)]):
        if i == 0 and sections[0].heading is None and not heading:
            continue
        sections[i] = Section(" ".join((heading or "").split()) or None, sections[i].paragraphs)
    edited = replace(
        page, title=title, description=description, sections=tuple(sections), updated=now
    )
    changes: dict[str, JsonValue] = {}
    if title != page.title:
        changes["title"] = [page.title, title]
    if description != page.description:
        changes["description"] = [page.description, description]
    old_headings = [s.heading for s in page.sections]
    new_headings = [s.heading for s in sections]
    if old_headings != new_headings:
        changes["headings"] = [list(old_headings), list(new_headings)]
    if not changes:
        return Outcome(False, "Aucune modification.")
    verdict = verify(record, edited)
    status = _status_after_verification(record, verdict.status)
    store.pages.save(replace(record, page=edited, verdict=verdict, status=status))
    store.decisions.record(
        Decision(
            record.id,
            DecisionAction.EDIT,
            who,
            now,
            details={**changes, "verdict": verdict.status.value},
        ),
        new_status=status,
    )
    if PageStatus.PUBLISHED in (record.status, status):
        rebuild()
    log.info("page_edited", page=record.id, who=who, verdict=verdict.status.value)
    message = {
        VerdictStatus.PASS: "Modification enregistrée et vérifiée.",
        VerdictStatus.HOLD: "Modification enregistrée ; la vérification signale encore des points.",
        VerdictStatus.FAIL: "Modification enregistrée, mais la vérification échoue : publication impossible.",
    }[verdict.status]
    return Outcome(True, message, store.pages.get(record.id))


def rerun(
    store: Store,
    record: PageRecord,
    who: str,
    now: datetime,
    rebuild: Rebuild,
    verify: Verifier = _page_only,
) -> Outcome:
    """Verify the page again with the current checks and store the new verdict."""
    verdict = verify(record, record.page)
    if record.status == PageStatus.REJECTED:
        status = PageStatus.FAILED if verdict.status == VerdictStatus.FAIL else PageStatus.HELD
    else:
        status = PageStatus.from_verdict(verdict)
    store.pages.save(replace(record, verdict=verdict, status=status))
    store.decisions.record(
        Decision(
            record.id, DecisionAction.RERUN, who, now, details={"verdict": verdict.status.value}
        ),
        new_status=status,
    )
    if PageStatus.PUBLISHED in (record.status, status):
        rebuild()
    return Outcome(
        True, f"Vérification relancée : {verdict.status.value}.", store.pages.get(record.id)
    )
