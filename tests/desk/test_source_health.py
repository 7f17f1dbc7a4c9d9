"""A source's health is its own: a feed with no entry yet, or a feed whose one new entry links
to a missing page, is checked on schedule and never paused; a feed whose own address fails is
backed off and paused, and `run` skips it (issue 19: new sources were paused for being empty,
and `run` fetched paused sources)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from typer.testing import CliRunner

from newsdesk.cli import app
from newsdesk.desk.cycle import source_healthy
from tests.desk.feedserver import config, rss
from tests.ingest.httpserver import LocalServer

EMPTY_RSS = (
    '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Neuf</title>'
    "<link>http://example.org/</link></channel></rss>"
)


def test_empty_feeds_and_missing_entry_pages_do_not_pause_their_source(
    server: LocalServer, tmp_path: Path
) -> None:
    base = server.url("")
    empty = server.route("/empty.xml", EMPTY_RSS, headers={"Content-Type": "application/rss+xml"})
    # One full-content entry (stored once, then unchanged) and one summary-only entry whose
    # page is missing: after the first check the feed gives nothing new and one failed page.
    body = rss(base, ["000"], tag="m").replace(
        b"</channel>",
        f"<item><title>Perdu</title><link>{base}/gone.html</link><guid>gone</guid>"
        "<description>Un article qui n'existe plus.</description></item></channel>".encode(),
    )
    missing = server.route("/missing.xml", body, headers={"Content-Type": "application/rss+xml"})
    broken = server.route("/broken.xml", b"oops", status=500)
    path = config(
        tmp_path,
        [empty, missing, broken],
        ["[watch]", "min_interval = 0.2", "jitter = 0", "pause_after_failures = 2"],
    )
    result = CliRunner().invoke(app, ["watch", "--config", str(path), "--max-cycles", "3"])
    assert result.exit_code == 0, result.output
    with sqlite3.connect(tmp_path / "data" / "newsdesk.sqlite") as conn:
        rows = {
            location: (paused, errors)
            for location, paused, errors in conn.execute(
                "select location, paused_at, consecutive_errors from sources"
            )
        }
        reasons = {r for (r,) in conn.execute("select reason from rejections")}
    assert rows[empty] == (None, 0)
    assert rows[missing] == (None, 0)
    assert rows[broken][0] is not None and rows[broken][1] == 2
    assert {"empty_feed", "http_404"} <= reasons  # still recorded, for the editor to see
    counts = {p: server.paths().count(p) for p in ("/empty.xml", "/missing.xml", "/broken.xml")}
    # checked again after their first check (how often depends on their observed rate)
    assert counts["/empty.xml"] >= 2 and counts["/missing.xml"] >= 2
    assert counts["/broken.xml"] == 2
    # `run` leaves the paused source alone too, and says so
    once = CliRunner().invoke(app, ["run", "--config", str(path)])
    assert once.exit_code == 0, once.output
    assert "1 paused source(s) skipped" in once.output and broken in once.output
    assert server.paths().count("/broken.xml") == 2
    assert server.paths().count("/empty.xml") == counts["/empty.xml"] + 1


def test_the_health_rule() -> None:
    assert source_healthy(False, errors=0, items=0, unchanged=0)  # nothing, nothing wrong
    assert source_healthy(False, errors=1, items=0, unchanged=5)  # one page of many failed
    assert source_healthy(False, errors=1, items=3, unchanged=0)
    assert not source_healthy(True, errors=1, items=0, unchanged=0)  # the feed itself failed
    assert not source_healthy(False, errors=4, items=0, unchanged=0)  # every entry failed
