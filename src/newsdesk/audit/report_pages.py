"""The audit report at crawl scale: summary charts, and the documents on one page per site.

A report that holds every document's text grows with the corpus (810 KB for 250 articles, so
about 300 MB for 100,000) and a browser cannot open it. Beyond `INLINE_DOCUMENTS` documents with
findings, report.html therefore keeps the summaries (class rates, the site ranking, findings over
time, the sortable site table, the network, capped link and story tables) and links to one page
per site under `report-sites/`, where the site's documents *with findings* show their text with
the findings marked, `DOCS_PER_PAGE` per file. Documents without findings are counted, not shown:
their text is in documents.jsonl (and the Parquet / SQLite tables) for whoever needs it.

Charts are inline SVG computed here, so the report stays one self-contained file with no
script but the few lines that sort the site table.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from jinja2 import Environment

from newsdesk.audit.highlight import segments
from newsdesk.audit.results import AuditResult, ReportEntry
from newsdesk.audit.site_docs import SiteDoc, site_key

#: Documents with findings shown in report.html itself; beyond, they go to the site pages.
INLINE_DOCUMENTS = 200
DOCS_PER_PAGE = 100  # documents per site page file
PAGES_FOLDER = "report-sites"
LINKS_SHOWN = 500  # provenance links listed in report.html (links.jsonl has them all)
STORIES_SHOWN = 300  # largest stories listed (stories.jsonl has them all)
REJECTIONS_SHOWN = 200  # rejected inputs listed, after their count per reason
CHART_WIDTH = 640
BAR_HEIGHT = 16
SITES_CHARTED = 25


@dataclass(frozen=True)
class SitePage:
    """One file of a site's documents with findings, as report.html links to it."""

    site: str
    href: str  # relative to report.html
    number: int  # 1-based, within the site
    documents: int  # on this page


def needs_site_pages(entries: Sequence[ReportEntry]) -> bool:
    return sum(1 for e in entries if e.findings) > INLINE_DOCUMENTS


def document_view(entry: ReportEntry, anchor: str) -> dict[str, Any]:
    """What the templates' document block shows for one document."""
    counts: Counter[str] = Counter(f.category for f in entry.findings)
    return {
        "doc": entry.document,
        "findings": entry.findings,
        "segments": segments(entry.document.text, entry.findings),
        "classes": dict(counts),
        "anchor": anchor,
    }


def _slug(site: str, index: int) -> str:
    cleaned = re.sub(r"[^a-z0-9.-]+", "-", site.lower()).strip("-.")[:60] or "site"
    return f"{index:04d}-{cleaned}"


def write_site_pages(
    out: Path,
    env: Environment,
    entries: Sequence[ReportEntry],
    result: AuditResult,
    now: datetime,
) -> dict[str, list[SitePage]]:
    """Write the documents with findings, one site per page file (paginated); site → pages."""
    by_site: dict[str, list[ReportEntry]] = defaultdict(list)
    for entry in entries:
        if entry.findings:
            doc = entry.document
            by_site[site_key(doc.name, doc.publisher)].append(entry)
    folder = out / PAGES_FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    for stale in folder.glob("*.html"):  # a previous audit's pages
        stale.unlink()
    template = env.get_template("report_site.html")
    order = {p.site: i for i, p in enumerate(result.sites)}
    pages: dict[str, list[SitePage]] = {}
    ranked = sorted(by_site, key=lambda s: (order.get(s, len(order)), s))
    for index, site in enumerate(ranked, start=1):
        chunk_starts = range(0, len(by_site[site]), DOCS_PER_PAGE)
        slug = _slug(site, index)
        files = [f"{slug}-{n}.html" for n in range(1, len(chunk_starts) + 1)]
        pages[site] = [
            SitePage(
                site,
                f"{PAGES_FOLDER}/{name}",
                n,
                len(by_site[site][start : start + DOCS_PER_PAGE]),
            )
            for n, (name, start) in enumerate(zip(files, chunk_starts, strict=True), start=1)
        ]
        profile = next((p for p in result.sites if p.site == site), None)
        for n, (name, start) in enumerate(zip(files, chunk_starts, strict=True), start=1):
            chunk = by_site[site][start : start + DOCS_PER_PAGE]
            html = template.render(
                site=site,
                profile=profile,
                page=n,
                pages=files,
                documents=[document_view(e, f"doc-{start + i + 1}") for i, e in enumerate(chunk)],
                first=start + 1,
                total=len(by_site[site]),
                now=now,
            )
            (folder / name).write_text(html, encoding="utf-8")
    return pages


def _bar_chart(label_width: int, bars: list[dict[str, Any]]) -> dict[str, Any]:
    """Horizontal bars, one row each: `bars` carry label, width (px) and text; rows are placed."""
    for i, bar in enumerate(bars):
        bar["y"] = i * (BAR_HEIGHT + 4)
    return {
        "width": CHART_WIDTH,
        "height": len(bars) * (BAR_HEIGHT + 4),
        "x": label_width,
        "bar": BAR_HEIGHT,
        "bars": bars,
    }


def class_bars(result: AuditResult) -> dict[str, Any]:
    """Share of documents with each class, as horizontal bars (largest first)."""
    rows = sorted(result.docs_by_class.items(), key=lambda kv: (-kv[1], kv[0]))
    total = result.documents or 1
    label_width = 190
    scale = (CHART_WIDTH - label_width - 120) / max([n / total for _, n in rows] or [1])
    return _bar_chart(
        label_width,
        [
            {
                "label": cls,
                "width": max(1.0, n / total * scale),
                "text": f"{100 * n / total:.1f} % ({n})",
            }
            for cls, n in rows
        ],
    )


def site_bars(result: AuditResult) -> dict[str, Any]:
    """The republisher score of the highest-ranked sites, as horizontal bars."""
    label_width = 230
    scale = CHART_WIDTH - label_width - 60
    return _bar_chart(
        label_width,
        [
            {
                "label": p.site if len(p.site) <= 34 else p.site[:33] + "…",
                "title": p.site,
                "width": max(1.0, min(1.0, p.score) * scale),
                "text": f"{p.score:.2f}",
                "verdict": p.verdict,
            }
            for p in result.sites[:SITES_CHARTED]
        ],
    )


def _bucket(day: date, unit: str) -> date:
    if unit == "week":
        return day - timedelta(days=day.weekday())
    if unit == "month":
        return day.replace(day=1)
    return day


def timeline(docs: Sequence[SiteDoc]) -> dict[str, Any] | None:
    """Documents per day (or week, or month, for long spans), and how many had findings."""
    dated = [d for d in docs if d.published is not None]
    if len(dated) < 2:
        return None
    days = [d.published.date() for d in dated if d.published is not None]
    span = (max(days) - min(days)).days
    unit = "day" if span <= 120 else "week" if span <= 800 else "month"
    total: Counter[date] = Counter()
    flagged: Counter[date] = Counter()
    for doc, day in zip(dated, days, strict=True):
        key = _bucket(day, unit)
        total[key] += 1
        if doc.classes:
            flagged[key] += 1
    keys = sorted(total)
    height, left, bottom = 160, 40, 20
    width = CHART_WIDTH
    step = (width - left - 10) / max(1, len(keys))
    top = max(total.values())
    bars = []
    for i, key in enumerate(keys):
        h_all = (height - bottom - 10) * total[key] / top
        h_flag = (height - bottom - 10) * flagged[key] / top
        bars.append(
            {
                "x": left + i * step,
                "w": max(1.0, step - 1),
                "y_all": height - bottom - h_all,
                "h_all": h_all,
                "y_flag": height - bottom - h_flag,
                "h_flag": h_flag,
                "title": f"{key.isoformat()}: {total[key]} documents, {flagged[key]} with findings",
            }
        )
    return {
        "width": width,
        "height": height,
        "bars": bars,
        "unit": unit,
        "first": keys[0].isoformat(),
        "last": keys[-1].isoformat(),
        "top": top,
        "undated": len(docs) - len(dated),
        "baseline": height - bottom,
    }


def rejection_reasons(result: AuditResult) -> list[tuple[str, int]]:
    counts: Counter[str] = Counter(f"{r.stage}:{r.reason}" for r in result.rejections)
    return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
