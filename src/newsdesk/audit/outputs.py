"""The audit's machine-readable outputs (JSONL); the schema is documented in docs/audit.md."""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import IO, Any

from newsdesk.audit.documents import AuditDocument
from newsdesk.audit.sites import SiteProfile
from newsdesk.types import Finding, Link, Rejection, Story


def finding_record(document: str, finding: Finding) -> dict[str, Any]:
    return {
        "document": document,
        "class": finding.category,
        "severity": finding.severity.value,
        "start": finding.start,
        "end": finding.end,
        "excerpt": finding.excerpt,
        "detector": finding.detector,
        "message": finding.message,
        "confidence": round(finding.confidence, 3),
    }


def document_record(doc: AuditDocument, findings: int) -> dict[str, Any]:
    return {
        "document": doc.name,
        "title": doc.title,
        "language": doc.language,
        "published": doc.published.isoformat() if doc.published else None,
        "findings": findings,
        "text": doc.text,
    }


def link_record(link: Link, names: dict[str, str]) -> dict[str, Any]:
    return {
        "source": names.get(link.source, link.source),
        "target": names.get(link.target, link.target),
        "type": link.type.value,
        "score": round(link.score, 4),
        "directed": link.directed,
        "note": link.note,
        "evidence": [
            {
                "source_span": list(e.source_span),
                "target_span": list(e.target_span),
                "source_text": e.source_text,
                "target_text": e.target_text,
                "score": round(e.score, 4),
            }
            for e in link.evidence
        ],
    }


def story_record(story: Story, names: dict[str, str]) -> dict[str, Any]:
    return {
        "id": story.id,
        "members": [names.get(m, m) for m in story.members],
        "title": story.title,
        "languages": list(story.languages),
        "first_seen": story.first_seen.isoformat(),
        "last_seen": story.last_seen.isoformat(),
    }


def site_record(p: SiteProfile) -> dict[str, Any]:
    """One line of sites.jsonl (schema in docs/audit.md, "Sites and the network between them")."""
    return {
        "site": p.site,
        "documents": p.documents,
        "score": p.score,
        "verdict": p.verdict,
        "signals": [
            {
                "signal": s.name,
                "documents": s.documents,
                "share": round(s.share, 4),
                "weight": s.weight,
                "contribution": round(s.contribution, 4),
            }
            for s in p.signals
        ],
        "classes": {c: {"documents": n, "share": round(p.share(n), 4)} for c, n in p.classes},
        "copies": {
            "documents": p.copies,
            "share": round(p.share(p.copies), 4),
            "translations": p.translations,
            "from": [
                {
                    "site": c.site,
                    "documents": c.documents,
                    "translations": c.translations,
                    "median_delay_seconds": (
                        round(c.median_delay.total_seconds()) if c.median_delay else None
                    ),
                    "delays": c.delays,
                }
                for c in p.copied_from
            ],
            "unordered": p.unordered,
        },
        "copied_by": p.copied_by,
        "disclaimers": {"documents": p.disclaimers, "share": round(p.share(p.disclaimers), 4)},
        "languages": dict(p.languages),
        "first_seen": p.first_seen.isoformat() if p.first_seen else None,
        "last_seen": p.last_seen.isoformat() if p.last_seen else None,
        "undated": p.undated,
    }


def rejection_record(rejection: Rejection) -> dict[str, Any]:
    return {
        "document": rejection.item,
        "stage": rejection.stage,
        "reason": rejection.reason,
        "detail": rejection.detail,
    }


class JsonlWriter:
    """Append one JSON object per line; opened lazily so unused outputs leave no empty file."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._fh: IO[str] | None = None
        self.count = 0

    def write(self, record: dict[str, Any]) -> None:
        if self._fh is None:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._fh = self.path.open("w", encoding="utf-8")
        self._fh.write(json.dumps(record, ensure_ascii=False) + "\n")
        self.count += 1

    def write_all(self, records: Iterable[dict[str, Any]]) -> None:
        for record in records:
            self.write(record)

    def close(self) -> None:
        if self._fh is None:  # still create the file: an empty result is a result
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self.path.write_text("", encoding="utf-8")
        else:
            self._fh.close()
