"""SIGTERM and SIGINT in the middle of a cycle: the process finishes the item in hand, commits,
records the run as stopped and exits 0; the next run takes the rest without duplicates.

A real `newsdesk run` in a child process reads a feed whose six article pages are served slowly
by a local server, and is signalled once it has asked for the second page."""

from __future__ import annotations

import html
import signal
import sqlite3
import subprocess
import threading
from http.server import BaseHTTPRequestHandler
from pathlib import Path

import pytest

from tests.desk.feedserver import CLI, child_env, config
from tests.ingest.datafiles import sample_html
from tests.ingest.httpserver import LocalServer, Route

PAGES = 6


def _summary_feed(base: str) -> bytes:
    items = "".join(
        f"<item><title>Article {i}</title><link>{base}/page/{i}</link><guid>s{i}</guid>"
        f"<pubDate>Mon, 07 Dec 2026 08:0{i}:00 GMT</pubDate>"
        "<description>Un résumé court.</description></item>"
        for i in range(PAGES)
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Lent</title>'
        f"<link>{base}/</link><language>fr</language>{items}</channel></rss>"
    ).encode()


def _page(number: int) -> bytes:
    sample = f"{number % 5:03d}"
    return (
        f'<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8"><title>Article {number}'
        f"</title></head><body><article><h1>Article {number}</h1>"
        f"<p>{html.escape(f'Édition {number}.')}</p>{sample_html(sample)}</article></body></html>"
    ).encode()


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT], ids=["SIGTERM", "SIGINT"])
def test_a_signal_mid_cycle_stops_cleanly(
    server: LocalServer, tmp_path: Path, signum: signal.Signals
) -> None:
    base = server.url("")
    server.route("/feed.xml", _summary_feed(base), headers={"Content-Type": "application/rss+xml"})
    slow = threading.Event()  # set: pages are slow (the first run); clear: fast (the rerun)
    slow.set()
    second_page = threading.Event()
    asked: list[str] = []

    def page(handler: BaseHTTPRequestHandler) -> None:
        asked.append(handler.path)
        if len(asked) >= 2:
            second_page.set()
        if slow.is_set():
            server.stop.wait(1.0)
        body = _page(int(handler.path.rsplit("/", 1)[1]))
        handler.send_response(200)
        handler.send_header("Content-Type", "text/html; charset=utf-8")
        handler.send_header("Content-Length", str(len(body)))
        handler.end_headers()
        handler.wfile.write(body)

    for i in range(PAGES):
        server.routes[f"/page/{i}"] = Route(handler=page)
    path = config(tmp_path, [server.url("/feed.xml")])
    command = [*CLI, "run", "--config", str(path)]

    process = subprocess.Popen(
        command,
        cwd=tmp_path,
        env=child_env(),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        assert second_page.wait(timeout=300), "the run never asked for a second page"
        process.send_signal(signum)
        output, _ = process.communicate(timeout=300)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    assert process.returncode == 0, output
    assert "stopping after the current item" in output and "Stopped" in output, output
    assert "Traceback" not in output

    db = tmp_path / "data" / "newsdesk.sqlite"
    with sqlite3.connect(db) as conn:
        statuses = [s for (s,) in conn.execute("select status from runs")]
        stored = conn.execute("select count(*) from raw_items").fetchone()[0]
        check = conn.execute("pragma integrity_check").fetchone()[0]
    assert statuses == ["stopped"]
    assert 1 <= stored < PAGES  # the page in hand was finished and kept; the rest were not read
    assert check == "ok"
    assert len(asked) < PAGES

    # The next run reads the feed again and takes the rest, once each.
    slow.clear()
    rerun = subprocess.run(
        command, cwd=tmp_path, env=child_env(), capture_output=True, text=True, timeout=600
    )
    assert rerun.returncode == 0, rerun.stdout + rerun.stderr
    with sqlite3.connect(db) as conn:
        statuses = [s for (s,) in conn.execute("select status from runs order by id")]
        urls = [u for (u,) in conn.execute("select url from raw_items")]
    assert statuses == ["stopped", "ok"]
    assert sorted(urls) == sorted(f"{base}/page/{i}" for i in range(PAGES))
