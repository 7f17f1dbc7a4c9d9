"""The input of the link stage: one article reduced to what linking needs."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from newsdesk.types import Rejection

STAGE = "link"


@dataclass(frozen=True)
class LinkDoc:
    """An article as the link stage sees it; `id` is the name used in `Link.source`/`target`.

    `published` must be timezone-aware when given; `language` is an ISO 639-1 code or None.
    """

    id: str
    text: str
    language: str | None = None
    published: datetime | None = None
    title: str = ""


def check_doc(doc: LinkDoc) -> Rejection | None:
    """Why `doc` cannot be linked (a Rejection), or None when it can."""
    if not doc.id:
        return Rejection(item=repr(doc.text[:40]), stage=STAGE, reason="missing_id")
    if not any(ch.isalnum() for ch in doc.text):
        return Rejection(item=doc.id, stage=STAGE, reason="empty_text", detail="no word in text")
    if doc.published is not None and doc.published.tzinfo is None:
        return Rejection(
            item=doc.id,
            stage=STAGE,
            reason="naive_datetime",
            detail="published has no timezone; give an aware datetime",
        )
    return None
