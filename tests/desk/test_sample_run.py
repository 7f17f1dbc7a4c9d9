"""The README's first command, end to end on the bundled samples: no residue reaches a page."""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path

import pytest
from typer.testing import CliRunner

from newsdesk.cli import app

# Residue that issue 2 lists for the bundled samples; none of it may survive into a page.
RESIDUE = [
    "Skip to content",
    "Source link",
    "En savoir plus",
    "Vous pouvez partager",
    " date 2023-05",
    "2024-05-31 18:41",
]


@pytest.fixture(scope="module")
def sample_run(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, str]:
    work = tmp_path_factory.mktemp("desk")
    out, data = work / "site", work / "data"
    result = CliRunner().invoke(
        app, ["run", "--out", str(out), "--set", f"data_dir={data}"], catch_exceptions=False
    )
    assert result.exit_code == 0, result.output
    return out, data, result.output


def page_texts(out: Path) -> dict[str, str]:
    return {
        p.name: p.read_text(encoding="utf-8") for p in out.glob("*.html") if p.name != "index.html"
    }


def test_sample_run_publishes_pages_without_residue(sample_run: tuple[Path, Path, str]) -> None:
    out, _, output = sample_run
    pages = page_texts(out)
    assert pages, output
    for name, html in pages.items():
        for residue in RESIDUE:
            assert residue not in html, f"{residue!r} survived in {name}"
    assert (out / "index.html").is_file() and (out / "atom.xml").is_file()
    assert (out / "sitemap.xml").is_file()


def test_summary_table_is_printed(sample_run: tuple[Path, Path, str]) -> None:
    _, _, output = sample_run
    for label in ("fetched", "new", "unchanged", "pages published"):
        assert label in output


def test_second_run_resumes_without_duplicates(sample_run: tuple[Path, Path, str]) -> None:
    out, data, _ = sample_run
    db = data / "newsdesk.sqlite"
    before = _counts(db)
    result = CliRunner().invoke(app, ["run", "--out", str(out), "--set", f"data_dir={data}"])
    assert result.exit_code == 0, result.output
    assert _counts(db) == before
    assert re.search(r"new\s+│\s+0\b", result.output), result.output


def _counts(db: Path) -> tuple[int, int]:
    with sqlite3.connect(db) as conn:
        raw = conn.execute("select count(*) from raw_items").fetchone()[0]
        articles = conn.execute("select count(*) from articles").fetchone()[0]
    return raw, articles
