"""`newsdesk serve --watch`: the site and desk are served while a thread of the same process runs
the watcher, which holds the writer lock (a `run` beside it is refused) and stops with the
server on SIGTERM, its run recorded as finished."""

from __future__ import annotations

import signal
import socket
import sqlite3
import subprocess
import time
import urllib.request
from pathlib import Path

from tests.desk.feedserver import CLI, child_env, config, rss
from tests.ingest.httpserver import LocalServer


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _statuses(db: Path) -> list[str]:
    try:
        with sqlite3.connect(db) as conn:
            return [s for (s,) in conn.execute("select status from runs order by id")]
    except sqlite3.Error:
        return []


def test_serve_runs_the_watcher_in_the_same_process(server: LocalServer, tmp_path: Path) -> None:
    feed = server.route(
        "/feed.xml", rss(server.url(""), ["001"]), headers={"Content-Type": "application/rss+xml"}
    )
    path = config(tmp_path, [feed], ["[watch]", "min_interval = 3600"])
    port = _free_port()
    db = tmp_path / "data" / "newsdesk.sqlite"
    process = subprocess.Popen(
        [*CLI, "serve", "--watch", "--port", str(port), "--config", str(path)],
        cwd=tmp_path,
        env=child_env(),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        end = time.monotonic() + 300  # only so that a broken test ends
        while "ok" not in _statuses(db) and process.poll() is None:
            assert time.monotonic() < end, "the watcher's first cycle never ended"
            time.sleep(0.2)
        assert process.poll() is None
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=30) as response:
            assert response.status == 200
        refused = subprocess.run(
            [*CLI, "run", "--config", str(path)],
            cwd=tmp_path,
            env=child_env(),
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert refused.returncode == 2, refused.stdout + refused.stderr
        assert f"serve --watch (pid {process.pid} on " in refused.stderr, refused.stderr
        process.send_signal(signal.SIGTERM)
        output, _ = process.communicate(timeout=300)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    assert process.returncode == 0, output
    assert "Traceback" not in output
    assert _statuses(db) == ["ok"]
    assert server.paths().count("/feed.xml") == 1
