"""The report at crawl scale (issue 18, item 4): past a number of documents with findings,
report.html keeps summaries and charts and sends the documents to one page per site, where only
documents with findings show their text, paginated."""

from __future__ import annotations

import json
import re
from pathlib import Path

import html5lib
import pytest
from typer.testing import CliRunner

from newsdesk.audit import report_pages
from newsdesk.cli import app

BODY = (
    "Le conseil municipal a voté mardi soir un budget de {n} millions d'euros pour la rénovation "
    "des écoles de la ville, après trois heures de débat. L'opposition a dénoncé un calendrier "
    "trop serré et demandé un audit indépendant des travaux déjà engagés depuis deux ans. "
    "Le maire a répondu que les premiers chantiers commenceraient dès le mois de juillet."
)


def _corpus(path: Path) -> dict[str, list[str]]:
    """Three sites; site a has 9 documents with a leaked prompt, b 3, c none: site → names."""
    sites: dict[str, list[str]] = {"a.example": [], "b.example": [], "c.example": []}
    lines = []
    for site, flagged, clean in (("a.example", 9, 2), ("b.example", 3, 1), ("c.example", 0, 4)):
        for k in range(flagged + clean):
            url = f"https://{site}/2026/11/{k}.html"
            text = BODY.format(n=10 + k) + f" Marqueur unique {site} {k}."
            if k < flagged:
                text = "Customize this title in french\n\n" + text
                sites[site].append(url)
            day = 1 + k % 20
            lines.append(
                {
                    "url": url,
                    "title": f"Budget {k}",
                    "text": text,
                    "published": f"2026-11-{day:02d}T10:00:00Z",
                    "language": "fr",
                }
            )
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in lines), "utf-8")
    return sites


@pytest.fixture
def small_limits(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(report_pages, "INLINE_DOCUMENTS", 5)
    monkeypatch.setattr(report_pages, "DOCS_PER_PAGE", 4)


def _audit(corpus: Path, out: Path) -> None:
    result = CliRunner().invoke(app, ["audit", str(corpus), "--out", str(out), "--no-provenance"])
    assert result.exit_code == 0, result.output


def test_documents_go_to_paginated_site_pages(small_limits: None, tmp_path: Path) -> None:
    corpus = tmp_path / "corpus.jsonl"
    flagged = _corpus(corpus)
    out = tmp_path / "out"
    _audit(corpus, out)
    report = (out / "report.html").read_text(encoding="utf-8")
    html5lib.HTMLParser(strict=False).parse(report)
    assert "Marqueur unique" not in report  # no document text in the summary page
    hrefs = re.findall(r'href="(report-sites/[^"]+)"', report)
    assert hrefs and all((out / h).is_file() for h in hrefs)
    pages = sorted((out / "report-sites").glob("*.html"))
    text_by_page = {p.name: p.read_text(encoding="utf-8") for p in pages}
    a_pages = [n for n in text_by_page if "a.example" in n]
    assert len(a_pages) == 3  # 9 documents with findings, 4 per page
    assert not [n for n in text_by_page if "c.example" in n]  # no finding, no page
    for names in flagged.values():
        for name in names:
            holders = [n for n, t in text_by_page.items() if f"<h3>{name}</h3>" in t]
            assert len(holders) == 1, name  # every flagged document exactly once
    everything = "".join(text_by_page.values())
    assert "Marqueur unique c.example" not in everything  # clean documents are not shown
    first = text_by_page[sorted(a_pages)[0]]
    assert "<mark" in first and 'href="../report.html#sites"' in first
    assert all(re.search(r'<a href="[^"]+-2\.html">2</a>', text_by_page[n]) for n in a_pages[:1])


def test_small_audits_keep_their_documents_inline(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus.jsonl"
    _corpus(corpus)
    out = tmp_path / "out"
    _audit(corpus, out)
    report = (out / "report.html").read_text(encoding="utf-8")
    assert "Marqueur unique a.example 0" in report and 'id="matrix"' in report
    assert not list((out / "report-sites").glob("*.html"))
    # the charts: one bar per class found, the timeline over the documents' dates
    assert 'aria-label="share of documents per class"' in report
    assert 'aria-label="documents per day"' in report
    assert 'table class="sites sortable"' in report
