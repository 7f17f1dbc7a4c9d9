"""What an audit produced, shared by the engines (local, Spark) and the report.

Kept apart from the runners so that the report reads results without importing an engine, and
imports flow one way: runner -> results <- report.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from newsdesk.audit.documents import AuditDocument
from newsdesk.audit.network import SiteEdge
from newsdesk.audit.site_docs import SiteDoc
from newsdesk.audit.sites import SiteProfile
from newsdesk.types import Finding, Link, Rejection, Story


@dataclass
class AuditResult:
    out: Path
    documents: int = 0
    findings: int = 0
    by_class: Counter[str] = field(default_factory=Counter)  # findings per class
    docs_by_class: Counter[str] = field(default_factory=Counter)  # documents with >= 1 finding
    by_severity: Counter[str] = field(default_factory=Counter)
    rejections: list[Rejection] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)
    stories: list[Story] = field(default_factory=list)
    names: dict[str, str] = field(default_factory=dict)  # article id -> document name
    # Sites (the local engine; the Spark engine leaves them empty): what each document is for
    # the site profiles, the profiles, and the network between sites.
    site_docs: list[SiteDoc] = field(default_factory=list)
    sites: list[SiteProfile] = field(default_factory=list)
    site_edges: list[SiteEdge] = field(default_factory=list)

    def failing(self, classes: Iterable[str]) -> dict[str, int]:
        """The --fail-on classes that were found, with their counts."""
        return {c: self.by_class[c] for c in classes if self.by_class.get(c)}


@dataclass(frozen=True)
class ReportEntry:
    document: AuditDocument
    findings: tuple[Finding, ...]
