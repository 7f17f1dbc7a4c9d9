"""The self-contained HTML audit report: summary tables and charts, sites and their network,
provenance and stories, then the documents with their findings highlighted in place
(explanation on hover) — in report.html for small audits, on one page per site beyond
`report_pages.INLINE_DOCUMENTS` documents with findings (see report_pages)."""

from __future__ import annotations

import math
from collections.abc import Sequence
from datetime import datetime, timedelta
from pathlib import Path

from jinja2 import Environment, PackageLoader, select_autoescape

from newsdesk.audit.network_drawing import draw_network
from newsdesk.audit.report_pages import (
    LINKS_SHOWN,
    PAGES_FOLDER,
    REJECTIONS_SHOWN,
    STORIES_SHOWN,
    class_bars,
    document_view,
    needs_site_pages,
    rejection_reasons,
    site_bars,
    timeline,
    write_site_pages,
)
from newsdesk.audit.results import AuditResult, ReportEntry
from newsdesk.audit.sites import REPUBLISHER_AT

GRAPH_SIZE = 640  # px, the square the provenance graph is drawn in
GRAPH_MAX_NODES = 400  # beyond this the graph would be unreadable; the table still lists all links
SITES_SHOWN = 200  # site rows in the report, highest score first; sites.jsonl has them all
SITE_EDGES_SHOWN = 100  # heaviest site edges in the report; network.json has them all


def _graph(result: AuditResult) -> dict[str, object]:
    """Place linked documents on a circle (no JavaScript): simple, stable, readable for small graphs."""
    nodes = sorted({n for link in result.links for n in (link.source, link.target)})[
        :GRAPH_MAX_NODES
    ]
    centre = GRAPH_SIZE / 2
    radius = centre - 90
    pos = {}
    for i, node in enumerate(nodes):
        angle = 2 * math.pi * i / max(1, len(nodes))
        pos[node] = (centre + radius * math.cos(angle), centre + radius * math.sin(angle))
    edges = [
        {
            "x1": pos[link.source][0],
            "y1": pos[link.source][1],
            "x2": pos[link.target][0],
            "y2": pos[link.target][1],
            "type": link.type.value,
            "directed": link.directed,
            "label": f"{link.type.value} {link.score:.2f}",
        }
        for link in result.links
        if link.source in pos and link.target in pos
    ]
    return {
        "size": GRAPH_SIZE,
        "nodes": [{"x": pos[n][0], "y": pos[n][1], "name": result.names.get(n, n)} for n in nodes],
        "edges": edges,
    }


def write_report(
    path: Path, result: AuditResult, entries: Sequence[ReportEntry], now: datetime
) -> None:
    env = Environment(
        loader=PackageLoader("newsdesk.audit", "templates"),
        autoescape=select_autoescape(["html"]),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["basename"] = lambda s: str(s).rstrip("/").rsplit("/", 1)[-1]
    env.filters["delay"] = format_delay
    classes = sorted(result.by_class)
    site_pages = {}
    if needs_site_pages(entries):
        site_pages = write_site_pages(path.parent, env, entries, result, now)
        documents = []
    else:
        for stale in (path.parent / PAGES_FOLDER).glob("*.html"):  # an earlier, larger audit's
            stale.unlink()
        documents = [document_view(e, f"doc-{i}") for i, e in enumerate(entries, start=1)]
    links = sorted(result.links, key=lambda link: -link.score)[:LINKS_SHOWN]
    stories = sorted(result.stories, key=lambda s: -len(s.members))[:STORIES_SHOWN]
    html = env.get_template("report.html").render(
        result=result,
        classes=classes,
        documents=documents,
        site_pages=site_pages,
        with_findings=sum(1 for e in entries if e.findings),
        graph=_graph(result),
        now=now,
        shown=len(entries),
        sites=result.sites[:SITES_SHOWN],
        site_edges=result.site_edges[:SITE_EDGES_SHOWN],
        republisher_at=REPUBLISHER_AT,
        network=draw_network(result.sites, result.site_edges),
        class_chart=class_bars(result),
        site_chart=site_bars(result),
        timeline=timeline(result.site_docs),
        links=links,
        stories=stories,
        rejection_reasons=rejection_reasons(result),
        rejections=result.rejections[:REJECTIONS_SHOWN],
    )
    path.write_text(html, encoding="utf-8")


def format_delay(delay: timedelta | None) -> str:
    """ "3 min", "5.2 h", "2.1 d"; "?" when unknown."""
    if delay is None:
        return "?"
    seconds = delay.total_seconds()
    if abs(seconds) >= 86400:
        return f"{seconds / 86400:.1f} d"
    if abs(seconds) >= 3600:
        return f"{seconds / 3600:.1f} h"
    return f"{round(seconds / 60)} min"
