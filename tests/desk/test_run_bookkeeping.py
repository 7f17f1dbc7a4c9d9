"""A run killed with SIGKILL (no `finally` runs) is found `running` by the next run, which marks
it `interrupted` (end time unknown) and says so in its summary (issue 20, item 12)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler
from pathlib import Path

from typer.testing import CliRunner

from newsdesk.cli import app
from newsdesk.store import RunStatus, Store
from tests.ingest.httpserver import LocalServer

RSS = b"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Vide</title><link>http://127.0.0.1/</link>
<description>rien</description></channel></rss>"""


def _config(tmp_path: Path, feed: str) -> Path:
    path = tmp_path / "newsdesk.toml"
    path.write_text(
        "\n".join(
            [
                'data_dir = "data"',
                'out = "site"',
                "[fetch]",
                "timeout = 60",
                "per_host_interval = 0",
                "[[sources]]",
                'kind = "feed"',
                f'location = "{feed}"',
                "allow_private = true",
                "",
            ]
        ),
        encoding="utf-8",
    )
    return path


def _runs(tmp_path: Path) -> list[tuple[int, str, bool]]:
    data = tmp_path / "data"
    with Store.open(f"sqlite:///{data / 'newsdesk.sqlite'}", data) as store:
        return [(r.id, str(r.status), r.finished_at is None) for r in store.last_runs()][::-1]


def test_a_killed_run_becomes_interrupted(server: LocalServer, tmp_path: Path) -> None:
    reached, release = threading.Event(), threading.Event()

    def hang(handler: BaseHTTPRequestHandler) -> None:
        reached.set()  # the run is in its ingest stage, its row already written
        release.wait(30)

    url = server.route("/feed.xml", handler=hang)
    config = _config(tmp_path, url)
    process = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "from newsdesk.cli import main; main()",
            "run",
            "--config",
            str(config),
        ],
        cwd=tmp_path,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env={**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)},
    )
    try:
        assert reached.wait(120), "the first run never fetched its feed"
        time.sleep(0.2)
        os.kill(process.pid, signal.SIGKILL)
        process.wait(30)
    finally:
        release.set()
        if process.poll() is None:
            process.kill()
    assert _runs(tmp_path) == [(1, RunStatus.RUNNING, True)]

    server.route("/feed.xml", RSS, headers={"Content-Type": "application/rss+xml"})
    result = CliRunner().invoke(app, ["run", "--config", str(config)])
    assert "Traceback" not in result.output
    assert "interrupted run 1 started" in result.output, result.output
    runs = _runs(tmp_path)
    assert runs[0] == (1, RunStatus.INTERRUPTED, True)  # its end time stays unknown
    assert runs[1][0] == 2 and runs[1][1] != RunStatus.RUNNING and not runs[1][2]

    # A third run has nothing to take over: finished runs keep their status.
    result = CliRunner().invoke(app, ["run", "--config", str(config)])
    assert "interrupted run" not in result.output
    assert [r[1] for r in _runs(tmp_path)][:2] == [RunStatus.INTERRUPTED, runs[1][1]]
