"""Checks run on a composed page. Each check has a stable code and points at the exact span.

`pass` publishes, `hold` goes to the review queue, `fail` never publishes. A detector finding of
severity `error` in a page fails it (the page shows what automated republishing leaves behind);
a `warning` holds it for an editor; `info` findings (low-confidence calques) are recorded only.
"""

from __future__ import annotations

from newsdesk.compose.article_page import DESCRIPTION_MAX, TITLE_MAX
from newsdesk.detect import detect
from newsdesk.types import Check, Page, Severity, Verdict, VerdictStatus

_SEVERITY_STATUS = {
    Severity.ERROR: VerdictStatus.FAIL,
    Severity.WARNING: VerdictStatus.HOLD,
    Severity.INFO: VerdictStatus.PASS,
}


def page_document(page: Page) -> tuple[str, int]:
    """The text the detectors read: title line, blank line, body. Returns it and the body offset."""
    head = f"{page.title}\n\n"
    return head + page.body_text, len(head)


def finding_checks(page: Page) -> list[Check]:
    text, body_offset = page_document(page)
    checks = []
    for finding in detect(text, language=page.language):
        start, end = finding.start - body_offset, finding.end - body_offset
        checks.append(
            Check(
                code=f"finding:{finding.category}",
                message=finding.message,
                status=_SEVERITY_STATUS[finding.severity],
                excerpt=finding.excerpt,
                start=start if start >= 0 else None,
                end=end if start >= 0 else None,
            )
        )
    return checks


def seo_checks(page: Page) -> list[Check]:
    checks = []
    if not page.title.strip():
        checks.append(Check("title_empty", "La page n’a pas de titre.", VerdictStatus.FAIL))
    if len(page.title) > TITLE_MAX:
        checks.append(
            Check(
                "title_too_long",
                f"Titre de {len(page.title)} caractères (max {TITLE_MAX}).",
                VerdictStatus.HOLD,
                excerpt=page.title,
            )
        )
    if not page.description.strip() or len(page.description) > DESCRIPTION_MAX:
        checks.append(
            Check(
                "description_length",
                f"Description de {len(page.description)} caractères (1 à {DESCRIPTION_MAX}).",
                VerdictStatus.HOLD,
                excerpt=page.description,
            )
        )
    if not page.sources:
        checks.append(Check("no_sources", "La page ne cite aucune source.", VerdictStatus.FAIL))
    return checks


def verdict_of(checks: list[Check]) -> Verdict:
    problems = tuple(c for c in checks if c.status != VerdictStatus.PASS)
    if any(c.status == VerdictStatus.FAIL for c in problems):
        status = VerdictStatus.FAIL
    elif problems:
        status = VerdictStatus.HOLD
    else:
        status = VerdictStatus.PASS
    return Verdict(status=status, checks=tuple(checks))


def verify_page(page: Page) -> Verdict:
    """Run every check that needs only the page itself."""
    return verdict_of(seo_checks(page) + finding_checks(page))
