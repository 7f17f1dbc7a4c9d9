"""Which sources a run reads, through real `newsdesk run`s against a local HTTP server.

newsdesk.toml is the truth for the sources it declares: one removed from the file is no longer
fetched (nor allowed on private addresses), while a source added with `newsdesk sources add`
stays. The bundled samples run only while there is no other source; once the user has one,
the samples are not read again and every page made from them leaves the site.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from typer.testing import CliRunner

from newsdesk.cli import app, bundled_sources
from newsdesk.store import Store
from tests.ingest.datafiles import serve, serve_pages
from tests.ingest.httpserver import LocalServer

SITE_PAGES = {"index.html", "404.html", "recherche.html"}
SAMPLES_ID = bundled_sources()[0].id


def _write_config(tmp_path: Path, feeds: list[str]) -> Path:
    lines = ["[fetch]", "timeout = 2", "per_host_interval = 0", "", "[compose]"]
    lines += ["length_target = 250", ""]
    for url in feeds:
        lines += ["[[sources]]", 'kind = "feed"', f'location = "{url}"', "allow_private = true"]
        lines += ['licence = "full"', 'publisher = "Le Test"', ""]
    path = tmp_path / "newsdesk.toml"
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


def _run(config: Path, *args: str) -> str:
    result = CliRunner().invoke(app, [*args, "--config", str(config)], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert "Traceback" not in result.output
    return result.output


def _db(tmp_path: Path) -> Path:
    return tmp_path / "newsdesk-data" / "newsdesk.sqlite"


def _sources(tmp_path: Path) -> dict[str, tuple[str, int, int]]:
    """location -> (origin, enabled, allow_private) of every stored source."""
    with sqlite3.connect(_db(tmp_path)) as conn:
        rows = conn.execute("select location, origin, enabled, allow_private from sources")
        return {loc: (origin, enabled, private) for loc, origin, enabled, private in rows}


def _site_pages(tmp_path: Path) -> set[str]:
    return {p.name for p in (tmp_path / "site").glob("*.html") if p.name not in SITE_PAGES}


def _page_sources(tmp_path: Path) -> list[set[str]]:
    """The source ids of the articles of every stored page."""
    data = tmp_path / "newsdesk-data"
    with Store.open(f"sqlite:///{data / 'newsdesk.sqlite'}", data) as store:
        articles = {a.id: a.source_id for a in store.list_articles()}
        return [{articles[a] for a in r.article_ids} for r in store.pages.list()]


def test_removing_a_source_from_the_file_stops_it(server: LocalServer, tmp_path: Path) -> None:
    serve_pages(server)
    kept = serve(server, "feeds/rss20.xml", "application/rss+xml")
    dropped = serve(server, "feeds/atom.xml", "application/atom+xml")
    by_hand = serve(server, "feeds/summary_only.xml", "application/rss+xml")
    config = _write_config(tmp_path, [kept, dropped])
    _run(config, "sources", "add", by_hand, "--allow-private")
    _run(config, "run")
    assert _sources(tmp_path) == {
        kept: ("config", 1, 1),
        dropped: ("config", 1, 1),
        by_hand: ("added", 1, 1),
    }

    config = _write_config(tmp_path, [kept])
    server.requests.clear()
    output = _run(config, "run")
    assert f"no longer in the configuration): {dropped}" in output.replace("\n", "")
    # The removed source is gone, with its allow_private; the hand-added one stays.
    assert _sources(tmp_path) == {kept: ("config", 1, 1), by_hand: ("added", 1, 1)}
    asked = server.paths()
    assert "/feeds/atom.xml" not in asked
    assert {"/feeds/rss20.xml", "/feeds/summary_only.xml"} <= set(asked)


def test_a_source_declared_again_comes_back(server: LocalServer, tmp_path: Path) -> None:
    url = serve(server, "feeds/rss20.xml", "application/rss+xml")
    serve_pages(server)
    _run(_write_config(tmp_path, [url]), "run")
    _run(_write_config(tmp_path, []), "sources", "list")  # listing changes nothing
    assert url in _sources(tmp_path)
    _run(_write_config(tmp_path, [url]), "run")
    assert _sources(tmp_path)[url] == ("config", 1, 1)


def test_samples_are_withdrawn_once_the_user_has_a_source(
    server: LocalServer, tmp_path: Path
) -> None:
    config = _write_config(tmp_path, [])
    output = _run(config, "run")
    assert "bundled sample sources" in output
    sample_pages = _site_pages(tmp_path)
    assert sample_pages
    assert all(sources == {SAMPLES_ID} for sources in _page_sources(tmp_path))

    serve_pages(server)
    url = serve(server, "feeds/rss20.xml", "application/rss+xml")
    config = _write_config(tmp_path, [url])
    output = _run(config, "run")
    assert "bundled sample sources" not in output
    assert _sources(tmp_path)[url] == ("config", 1, 1)
    origin, enabled, _ = next(v for k, v in _sources(tmp_path).items() if k != url)
    assert (origin, enabled) == ("samples", 0)
    pages = _page_sources(tmp_path)
    assert pages, "the feed's articles make pages"
    assert all(SAMPLES_ID not in sources for sources in pages)
    assert not sample_pages & _site_pages(tmp_path), "a sample page is still on the site"

    # Later runs neither read the samples again nor bring their pages back.
    with sqlite3.connect(_db(tmp_path)) as conn:
        raw_before = conn.execute("select count(*) from raw_items").fetchone()[0]
    _run(config, "run")
    with sqlite3.connect(_db(tmp_path)) as conn:
        assert conn.execute("select count(*) from raw_items").fetchone()[0] == raw_before
        last = conn.execute("select last_fetch_at from sources where origin = 'samples'")
        sample_fetches = [row[0] for row in last]
    assert all(SAMPLES_ID not in sources for sources in _page_sources(tmp_path))
    assert not sample_pages & _site_pages(tmp_path)
    assert len(sample_fetches) == 1


def test_a_source_added_by_hand_also_retires_the_samples(
    server: LocalServer, tmp_path: Path
) -> None:
    config = _write_config(tmp_path, [])
    _run(config, "run")
    serve_pages(server)
    url = serve(server, "feeds/rss20.xml", "application/rss+xml")
    _run(config, "sources", "add", url, "--allow-private", "--licence", "full")
    output = _run(config, "run")
    assert "bundled sample sources" not in output
    assert all(SAMPLES_ID not in sources for sources in _page_sources(tmp_path))


def test_a_run_without_a_configuration_file_removes_nothing(
    server: LocalServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    serve_pages(server)
    url = serve(server, "feeds/rss20.xml", "application/rss+xml")
    _run(_write_config(tmp_path, [url]), "run")
    # The same database from another folder, with no newsdesk.toml there: no file, no removal.
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    data = tmp_path / "newsdesk-data"
    result = CliRunner().invoke(
        app, ["run", "--out", str(tmp_path / "site"), "--set", f"data_dir={data}"]
    )
    assert result.exit_code == 0, result.output
    assert "no longer in the configuration" not in result.output
    assert _sources(tmp_path)[url] == ("config", 1, 1)
