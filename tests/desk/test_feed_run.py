"""A desk cycle against a real HTTP server on 127.0.0.1: good feeds become pages, bad inputs
become recorded rejections with reason codes, the run goes on, and nothing prints a traceback."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from typer.testing import CliRunner

from newsdesk.cli import app
from tests.ingest.datafiles import serve, serve_pages
from tests.ingest.httpserver import LocalServer


def _config(tmp_path: Path, sources: list[tuple[str, str]]) -> Path:
    # The served articles are short real pages once screened (300-600 usable words): the
    # length target is lowered so the test is about ingestion, not about length holds.
    lines = [
        "[fetch]",
        "timeout = 2",
        "per_host_interval = 0",
        "",
        "[compose]",
        "length_target = 250",
        "",
    ]
    for kind, url in sources:
        lines += [
            "[[sources]]",
            f'kind = "{kind}"',
            f'location = "{url}"',
            "allow_private = true",
            'licence = "full"',
            'publisher = "Le Test"',
            "",
        ]
    path = tmp_path / "newsdesk.toml"
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


def _run(config: Path, tmp_path: Path) -> tuple[int, str]:
    result = CliRunner().invoke(app, ["run", "--config", str(config)])
    return result.exit_code, result.output


def test_feeds_and_bad_inputs(server: LocalServer, tmp_path: Path) -> None:
    serve_pages(server)
    good = [
        ("feed", serve(server, "feeds/rss20.xml", "application/rss+xml")),
        ("feed", serve(server, "feeds/atom.xml", "application/atom+xml")),
        ("feed", serve(server, "feeds/summary_only.xml", "application/rss+xml")),
    ]
    bad = [
        ("feed", serve(server, "feeds/malformed.xml", "application/rss+xml")),
        ("feed", serve(server, "feeds/empty.xml", "application/rss+xml")),
        ("feed", server.route("/boom.xml", b"oops", status=500)),
        (
            "page",
            server.route(
                "/binary",
                b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8,
                headers={"Content-Type": "image/png"},
            ),
        ),
        ("page", server.route("/loop", b"", status=302, headers={"Location": "/loop"})),
    ]
    config = _config(tmp_path, good + bad)
    code, output = _run(config, tmp_path)
    assert code == 0, output
    assert "Traceback" not in output
    for reason in ("malformed_feed", "empty_feed", "http_500", "binary_content"):
        assert reason in output, output
    assert "redirect" in output  # redirect_loop or too_many_redirects
    pages = [
        p
        for p in (tmp_path / "site").glob("*.html")
        if p.name not in {"index.html", "404.html", "recherche.html"}
    ]
    assert pages, output
    db = tmp_path / "newsdesk-data" / "newsdesk.sqlite"
    with sqlite3.connect(db) as conn:
        reasons = {r for (r,) in conn.execute("select reason from rejections")}
        raw_before = conn.execute("select count(*) from raw_items").fetchone()[0]
    assert {"malformed_feed", "http_500"} <= reasons

    # Second run: conditional GET and content addressing, no duplicates.
    code, output = _run(config, tmp_path)
    assert code == 0, output
    with sqlite3.connect(db) as conn:
        assert conn.execute("select count(*) from raw_items").fetchone()[0] == raw_before


def test_nothing_processed_exits_non_zero_without_traceback(
    server: LocalServer, tmp_path: Path
) -> None:
    config = _config(tmp_path, [("feed", server.route("/down.xml", b"", status=503))])
    code, output = _run(config, tmp_path)
    assert code == 1
    assert "http_503" in output and "Traceback" not in output


def test_private_addresses_are_refused_without_opt_in(server: LocalServer, tmp_path: Path) -> None:
    url = serve(server, "feeds/rss20.xml", "application/rss+xml")
    path = tmp_path / "newsdesk.toml"
    path.write_text(f'[[sources]]\nkind = "feed"\nlocation = "{url}"\n', encoding="utf-8")
    code, output = _run(path, tmp_path)
    assert code == 1
    assert "private_address" in output
    assert not server.requests  # not a single byte was sent to the private address


def test_bad_config_is_one_line_error(tmp_path: Path) -> None:
    path = tmp_path / "newsdesk.toml"
    path.write_text("[fetch\n", encoding="utf-8")
    code, output = _run(path, tmp_path)
    assert code == 2
    assert "not valid TOML" in output and "Traceback" not in output
