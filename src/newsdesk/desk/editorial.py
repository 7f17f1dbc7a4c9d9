"""What an editor decided about a story's page, carried over when the desk recomposes it.

The desk recomposes a story's page whenever the story changes (a new source joins it). Without
this module a recomposition would silently replace the title an editor wrote, and a page an
editor rejected would be published again as soon as its new version passed verification. The
rules, applied before the new version is verified:

- the latest edited title and description are kept, and so are edited subheadings when the new
  page still has the same number of sections (otherwise they no longer fit, and the page is
  held so the editor can write them again);
- a story whose page an editor rejected (and did not approve since) is held for review with
  the editor's reason, never published automatically.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from newsdesk.store.records import Decision, DecisionAction
from newsdesk.types import Check, Page, Section, VerdictStatus

#: Codes of the checks this module adds to a recomposed page's verdict.
EDITS_KEPT = "editor_edits_kept"
HEADINGS_DROPPED = "editor_headings_dropped"
REJECTED_BEFORE = "rejected_by_editor_before"


@dataclass(frozen=True)
class Editorial:
    """The editor's standing decisions on one page (from its audit trail, newest wins)."""

    title: str | None = None
    description: str | None = None
    headings: tuple[str | None, ...] | None = None
    edited_by: str = ""
    rejection: Decision | None = None

    @property
    def has_edits(self) -> bool:
        return self.title is not None or self.description is not None or self.headings is not None


def editorial_of(decisions: Sequence[Decision]) -> Editorial:
    """Fold a page's decisions (newest first, as the store lists them) into what still holds."""
    title = description = None
    headings: tuple[str | None, ...] | None = None
    edited_by = ""
    rejection: Decision | None = None
    status_seen = False
    for decision in decisions:
        if decision.action == DecisionAction.EDIT:
            details = decision.details
            if title is None and _new_value(details.get("title")) is not None:
                title = _new_value(details.get("title"))
                edited_by = edited_by or decision.who
            if description is None and _new_value(details.get("description")) is not None:
                description = _new_value(details.get("description"))
                edited_by = edited_by or decision.who
            new_headings = _new_value(details.get("headings"))
            if headings is None and isinstance(new_headings, list):
                headings = tuple(h if isinstance(h, str) else None for h in new_headings)
                edited_by = edited_by or decision.who
        elif decision.action in (DecisionAction.APPROVE, DecisionAction.REJECT) and not status_seen:
            status_seen = True  # only the newest approve/reject says where the page stands
            if decision.action == DecisionAction.REJECT:
                rejection = decision
    return Editorial(
        title=title if isinstance(title, str) else None,
        description=description if isinstance(description, str) else None,
        headings=headings,
        edited_by=edited_by,
        rejection=rejection,
    )


def _new_value(change: object) -> object:
    """The new side of a stored `[old, new]` change, None when there is none."""
    if isinstance(change, list) and len(change) == 2:
        return change[1]
    return None


def apply_editorial(page: Page, editorial: Editorial) -> tuple[Page, list[Check]]:
    """The recomposed page with the editor's edits put back, and the checks saying so."""
    checks: list[Check] = []
    if editorial.has_edits:
        sections = page.sections
        if editorial.headings is not None:
            if len(editorial.headings) == len(sections):
                sections = tuple(
                    Section(heading, s.paragraphs)
                    for heading, s in zip(editorial.headings, sections, strict=True)
                )
            else:
                checks.append(
                    Check(
                        HEADINGS_DROPPED,
                        f"Les intertitres écrits par {editorial.edited_by} ne correspondent plus "
                        f"aux {len(sections)} sections de la nouvelle version : à revoir.",
                        VerdictStatus.HOLD,
                    )
                )
        page = replace(
            page,
            title=editorial.title if editorial.title is not None else page.title,
            description=(
                editorial.description if editorial.description is not None else page.description
            ),
            sections=sections,
        )
        checks.append(
            Check(
                EDITS_KEPT,
                f"Modifications de {editorial.edited_by} reprises dans la nouvelle version "
                "et vérifiées avec elle.",
                VerdictStatus.PASS,
            )
        )
    if editorial.rejection is not None:
        rejection = editorial.rejection
        checks.append(
            Check(
                REJECTED_BEFORE,
                f"{rejection.who} a refusé une version précédente le "
                f"{rejection.at:%d/%m/%Y} : « {rejection.reason} ». Nouvelle version à relire.",
                VerdictStatus.HOLD,
            )
        )
    return page, checks
