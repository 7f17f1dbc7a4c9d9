"""A desk run with a hostile source among good ones: a server that trickles its headers, and a
feed on a private host (allowed) whose entries point at other private hosts (not allowed).
Each is a recorded rejection with its reason, and the run goes on to the next source."""

from __future__ import annotations

import sqlite3
import threading
from http.server import BaseHTTPRequestHandler
from pathlib import Path

from typer.testing import CliRunner, Result

from newsdesk.cli import app
from tests.ingest.datafiles import serve, serve_pages
from tests.ingest.httpserver import LocalServer, Route

#: A hung run is one still going after this long (its fetch deadline is 2 s per fetch).
HANG_BOUND = 120.0


def _slow_headers(server: LocalServer) -> Route:
    def handler(request: BaseHTTPRequestHandler) -> None:
        try:
            request.wfile.write(b"HTTP/1.1 200 OK\r\n")
            while not server.stop.wait(0.05):
                request.wfile.write(b"X")
        except OSError:
            pass

    return Route(handler=handler)


def _feed_pointing_elsewhere(server: LocalServer) -> str:
    """A summary-only feed on 127.0.0.1 whose entries live on other hosts."""
    elsewhere = [
        server.url("/pages/article.html", host="localhost"),
        "http://169.254.169.254/latest/meta-data/",
    ]
    items = "".join(
        f"<item><title>Entrée {n}</title><link>{link}</link><description>Bref.</description></item>"
        for n, link in enumerate(elsewhere)
    )
    body = (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>T</title>'
        f"<link>{server.url('/')}</link><description>d</description>{items}</channel></rss>"
    )
    return server.route("/elsewhere.xml", body, headers={"Content-Type": "application/rss+xml"})


def _config(tmp_path: Path, sources: list[tuple[str, str]]) -> Path:
    lines = ["[fetch]", "timeout = 1", "deadline = 2", "per_host_interval = 0", ""]
    lines += ["[compose]", "length_target = 250", ""]
    for kind, url in sources:
        lines += ["[[sources]]", f'kind = "{kind}"', f'location = "{url}"']
        lines += ["allow_private = true", 'licence = "full"', 'publisher = "Le Test"', ""]
    path = tmp_path / "newsdesk.toml"
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


def _run_in_thread(config: Path) -> Result | None:
    results: list[Result] = []
    worker = threading.Thread(
        target=lambda: results.append(CliRunner().invoke(app, ["run", "--config", str(config)])),
        daemon=True,
    )
    worker.start()
    worker.join(HANG_BOUND)
    return None if worker.is_alive() else results[0]


def test_hostile_sources_are_rejections_and_the_run_goes_on(
    server: LocalServer, tmp_path: Path
) -> None:
    serve_pages(server)
    server.routes["/loris"] = _slow_headers(server)
    sources = [
        ("page", server.url("/loris")),
        ("feed", _feed_pointing_elsewhere(server)),
        ("feed", serve(server, "feeds/rss20.xml", "application/rss+xml")),
    ]
    result = _run_in_thread(_config(tmp_path, sources))
    assert result is not None, f"the run was still going after {HANG_BOUND:g} s"
    assert result.exit_code == 0, result.output
    assert "Traceback" not in result.output
    with sqlite3.connect(tmp_path / "newsdesk-data" / "newsdesk.sqlite") as conn:
        rejections = {item: (reason, detail) for item, reason, detail in conn.execute(
            "select item, reason, detail from rejections"
        )}  # fmt: skip
        stored = {url for (url,) in conn.execute("select url from raw_items")}
    assert rejections[server.url("/loris")][0] == "timeout"
    assert "fetch.deadline 2 s" in rejections[server.url("/loris")][1]
    other_host = server.url("/pages/article.html", host="localhost")
    assert rejections[other_host][0] == "private_address"
    assert "allow_private covers only 127.0.0.1" in rejections[other_host][1]
    assert rejections["http://169.254.169.254/latest/meta-data/"][0] == "private_address"
    # The sources after the slow one were read, and the localhost page never requested.
    assert server.url("/pages/article.html") in stored
    assert "localhost" not in {r.headers["host"].split(":")[0] for r in server.requests}
