"""One writer at a time: the writer lock between two stores in one process (SQLite file lock,
PostgreSQL advisory lock), and between two real `newsdesk` processes on one SQLite database:
the second is refused naming the holder, or waits with --wait."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import time
from http.server import BaseHTTPRequestHandler
from pathlib import Path

import pytest

from newsdesk.store import Store
from newsdesk.store.lock import WriterLock, WriterLockHeld, lock_path
from tests.desk.feedserver import CLI, child_env, config, rss
from tests.ingest.httpserver import LocalServer, Route


def test_second_lock_is_refused_naming_the_holder(db_url: str, data_dir: Path) -> None:
    with Store.open(db_url, data_dir) as first, Store.open(db_url, data_dir) as second:
        holder = WriterLock(first, "watch")
        holder.acquire()
        try:
            other = WriterLock(second, "run")
            with pytest.raises(WriterLockHeld) as refused:
                other.acquire()
            assert refused.value.holder is not None
            assert refused.value.holder.pid == os.getpid()
            assert refused.value.holder.command == "watch"
            assert f"watch (pid {os.getpid()} on " in str(refused.value)
            # --wait gives up when told to stop.
            with pytest.raises(WriterLockHeld):
                other.acquire(wait=True, should_stop=lambda: True)
        finally:
            holder.release()
        other.acquire()
        try:
            found = other.holder()
            assert found is not None and found.command == "run"
        finally:
            other.release()
        # Released twice or never acquired: nothing to do.
        other.release()


def test_sqlite_lock_file_sits_beside_the_database(tmp_path: Path) -> None:
    url = f"sqlite:///{(tmp_path / 'db' / 'desk.sqlite').as_posix()}"
    with Store.open(url, tmp_path / "data") as store:
        assert lock_path(store) == tmp_path / "db" / "desk.sqlite.lock"
        with WriterLock(store, "run") as lock:
            lock.acquire()
            written = json.loads((tmp_path / "db" / "desk.sqlite.lock").read_text())
            assert written["pid"] == os.getpid() and written["command"] == "run"


def _wait_for(predicate: object, what: str, timeout: float = 300.0) -> None:
    """Poll until predicate() (a deadline only so that a broken test ends; not an assertion
    about speed)."""
    end = time.monotonic() + timeout
    while not predicate():  # type: ignore[operator]
        if time.monotonic() > end:
            raise AssertionError(f"gave up waiting for {what}")
        time.sleep(0.1)


def test_two_processes_never_write_at_once(server: LocalServer, tmp_path: Path) -> None:
    base = server.url("")
    calls: list[int] = []

    def feed(handler: BaseHTTPRequestHandler) -> None:
        calls.append(1)
        body = rss(base, ["000"] if len(calls) == 1 else ["000", "001"], tag="w")
        handler.send_response(200)
        handler.send_header("Content-Type", "application/rss+xml")
        handler.send_header("Content-Length", str(len(body)))
        handler.end_headers()
        handler.wfile.write(body)

    server.routes["/feed.xml"] = Route(handler=feed)
    path = config(tmp_path, [server.url("/feed.xml")], ["[watch]", "min_interval = 3600"])
    lock_file = tmp_path / "data" / "newsdesk.sqlite.lock"
    env = child_env()

    watcher = subprocess.Popen(
        [*CLI, "watch", "--config", str(path)],
        cwd=tmp_path,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:

        def holds() -> bool:
            try:
                return json.loads(lock_file.read_text())["pid"] == watcher.pid
            except (OSError, ValueError, KeyError):
                return watcher.poll() is not None

        _wait_for(holds, "the watcher to take the lock")
        assert watcher.poll() is None

        refused = subprocess.run(
            [*CLI, "run", "--config", str(path)],
            cwd=tmp_path,
            env=env,
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert refused.returncode == 2, refused.stdout + refused.stderr
        message = refused.stderr
        assert f"watch (pid {watcher.pid} on " in message and "--wait" in message, message
        assert "Traceback" not in message

        waiting = subprocess.Popen(
            [*CLI, "run", "--config", str(path), "--wait"],
            cwd=tmp_path,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        # The watcher's first cycle is done once the feed was read and its run recorded.
        db = tmp_path / "data" / "newsdesk.sqlite"

        def cycle_done() -> bool:
            try:
                with sqlite3.connect(db) as conn:
                    return (
                        conn.execute(
                            "select count(*) from runs where status != 'running'"
                        ).fetchone()[0]
                        >= 1
                    )
            except sqlite3.Error:
                return False

        _wait_for(cycle_done, "the watcher's first cycle")
        assert waiting.poll() is None  # still waiting for the lock
        watcher.send_signal(signal.SIGTERM)
        watched, _ = watcher.communicate(timeout=300)
        assert watcher.returncode == 0, watched
        assert "Stopped after 1 cycle(s)" in watched, watched

        output, _ = waiting.communicate(timeout=600)
        assert waiting.returncode == 0, output
        assert f"waiting for watch (pid {watcher.pid}" in output, output
    finally:
        for process in (watcher,):
            if process.poll() is None:
                process.kill()
                process.wait()

    with sqlite3.connect(tmp_path / "data" / "newsdesk.sqlite") as conn:
        runs = conn.execute("select status, counts from runs order by id").fetchall()
    # The refused run never began; the waiting one ran after the watcher, and took the new item.
    assert [status for status, _ in runs] == ["ok", "ok"], runs
    assert json.loads(runs[1][1])["new"] == 1
    assert len(calls) == 2


HOLD_LOCK = """
import sys, time
from pathlib import Path
from newsdesk.store import Store
from newsdesk.store.lock import WriterLock
with Store.open(sys.argv[1], Path(sys.argv[2])) as store:
    lock = WriterLock(store, "watch")
    lock.acquire()
    print("held", flush=True)
    sys.stdin.readline()  # until the test says so
    lock.release()
"""


def test_a_lock_held_by_another_process_is_refused_then_free(db_url: str, data_dir: Path) -> None:
    """The lock works across processes on both backends (the advisory lock belongs to the
    holder's PostgreSQL session, the file lock to its open file), and a holder that ends
    frees it."""
    with Store.open(db_url, data_dir):
        pass  # migrated before the holder starts
    holder = subprocess.Popen(
        [*CLI[:1], "-c", HOLD_LOCK, db_url, str(data_dir)],
        env=child_env(),
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        with Store.open(db_url, data_dir) as store:
            with pytest.raises(WriterLockHeld) as refused:
                WriterLock(store, "run").acquire()
            assert refused.value.holder is not None
            assert refused.value.holder.pid == holder.pid
            assert holder.stdin is not None
            holder.stdin.write("\n")
            holder.stdin.flush()
            assert holder.wait(timeout=120) == 0
            lock = WriterLock(store, "run")
            lock.acquire()
            lock.release()
    finally:
        if holder.poll() is None:
            holder.kill()
            holder.wait()
