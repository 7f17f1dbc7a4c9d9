"""`newsdesk watch` against real feeds on 127.0.0.1: a few cycles with a short interval, where
each source is checked on its own schedule. A feed's <ttl>, a Cache-Control max-age and a 429's
Retry-After keep their sources from being asked again; a plain feed is checked every cycle and
its new item is published in the cycle that fetched it; a failing feed backs off and is paused,
and the desk's source list shows it."""

from __future__ import annotations

import json
import sqlite3
from datetime import datetime, timedelta
from http.server import BaseHTTPRequestHandler
from pathlib import Path

from typer.testing import CliRunner

from newsdesk.cli import app
from tests.desk.feedserver import config, rss
from tests.ingest.httpserver import LocalServer, Route


def _when(value: str | None) -> datetime:
    assert value is not None
    return datetime.fromisoformat(value)


def test_watch_honours_hints_backs_off_and_pauses(server: LocalServer, tmp_path: Path) -> None:
    base = server.url("")
    ttl = server.route("/ttl.xml", rss(base, ["000"], ttl=30, tag="t"))
    cached = server.route(
        "/cached.xml",
        rss(base, ["002"], tag="c"),
        headers={"Content-Type": "application/rss+xml", "Cache-Control": "max-age=3600"},
    )
    limited = server.route(
        "/limited.xml", b"slow down", status=429, headers={"Retry-After": "3600"}
    )
    broken = server.route("/broken.xml", b"oops", status=500)

    plain_requests = []

    def plain(handler: BaseHTTPRequestHandler) -> None:
        # A new item appears from the second check on.
        plain_requests.append(1)
        samples = ["003"] if len(plain_requests) == 1 else ["003", "004"]
        body = rss(base, samples, tag="p")
        handler.send_response(200)
        handler.send_header("Content-Type", "application/rss+xml")
        handler.send_header("Content-Length", str(len(body)))
        handler.end_headers()
        handler.wfile.write(body)

    server.routes["/plain.xml"] = Route(handler=plain)
    plain_url = server.url("/plain.xml")
    path = config(
        tmp_path,
        [ttl, cached, limited, broken, plain_url],
        ["[watch]", "min_interval = 0.2", "jitter = 0", "pause_after_failures = 2"],
    )

    result = CliRunner().invoke(app, ["watch", "--config", str(path), "--max-cycles", "4"])
    assert result.exit_code == 0, result.output
    assert "Traceback" not in result.output
    assert "Done after 4 cycle(s)" in result.output

    counts = {p: server.paths().count(p) for p in set(server.paths())}
    assert counts["/ttl.xml"] == 1  # <ttl>30</ttl>: not before 30 minutes
    assert counts["/cached.xml"] == 1  # max-age=3600
    assert counts["/limited.xml"] == 1  # 429, Retry-After: 3600
    assert counts["/broken.xml"] == 2  # failed, backed off 0.2 s, failed again: paused
    assert counts["/plain.xml"] == 4  # no hint: every cycle

    db = tmp_path / "data" / "newsdesk.sqlite"
    with sqlite3.connect(db) as conn:
        rows = {
            location: (next_check, interval, paused, errors)
            for location, next_check, interval, paused, errors in conn.execute(
                "select location, next_check_at, check_interval, paused_at, consecutive_errors "
                "from sources"
            )
        }
        first = {
            path: datetime.fromisoformat(at)
            for path, at in conn.execute(
                "select location, min(fetched_at) from raw_items r join sources s "
                "on s.id = r.source_id group by location"
            )
        }
        (new_article,) = conn.execute(
            "select id from articles where url like '%/particles/004'"
        ).fetchone()
        page_articles = [json.loads(a) for (a,) in conn.execute("select article_ids from pages")]
        second_run = json.loads(
            conn.execute("select counts from runs order by id limit 1 offset 1").fetchone()[0]
        )
        runs = [s for (s,) in conn.execute("select status from runs")]
    # Floors count from the response (a few ms before the check was recorded).
    assert rows[ttl][1] > 1790 and _when(rows[ttl][0]) >= first[ttl] + timedelta(seconds=1799)
    assert rows[cached][1] > 3590
    assert rows[limited][1] > 3590 and rows[limited][3] == 1 and rows[limited][2] is None
    assert rows[broken][2] is not None and rows[broken][3] == 2
    assert rows[plain_url][2] is None and rows[plain_url][3] == 0
    assert len(runs) == 4 and "running" not in runs
    # The item that appeared at the second check was composed in that cycle.
    assert any(new_article in ids for ids in page_articles)
    assert second_run["new"] == 1, second_run
    assert second_run["pages_published"] + second_run["pages_held"] >= 1, second_run

    listing = CliRunner().invoke(app, ["sources", "list", "--config", str(path)])
    assert listing.exit_code == 0, listing.output
    assert "paused" in listing.output

    # An editor resumes the paused source: it is due again, and --until-idle ends the watch
    # after the first cycle that brings nothing new.
    resumed = CliRunner().invoke(app, ["sources", "resume", broken, "--config", str(path)])
    assert resumed.exit_code == 0, resumed.output
    again = CliRunner().invoke(app, ["watch", "--config", str(path), "--until-idle"])
    assert again.exit_code == 0, again.output
    assert "Done after 1 cycle(s)" in again.output
    assert server.paths().count("/broken.xml") == 3
    unknown = CliRunner().invoke(app, ["sources", "resume", "nosuch", "--config", str(path)])
    assert unknown.exit_code == 2 and "no source" in unknown.output
