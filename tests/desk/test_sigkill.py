"""The desk killed with SIGKILL at random moments (issue 19, item 3): `newsdesk run` processes
over 200 real French articles from 8 local feeds that publish a few more items each round, each
killed at a random moment of its cycle (from start-up to a little past a whole cycle's length)
and the next started at once, until 20 were killed; after every kill the store and the site are
consistent, and a last run without a kill stores every item.

Consistent means: the database passes its integrity check; no item, article or page is stored
twice (an article is in one page at most); no site file is half written (every HTML file is
whole); every link of every page to the site resolves to a file. Slow (many minutes): marked
`slow`, and skipped without the French corpus of ../shared/bench-data.
"""

from __future__ import annotations

import html
import json
import random
import re
import signal
import sqlite3
import subprocess
import time
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from tests.desk.feedserver import CLI, child_env, config
from tests.ingest.httpserver import LocalServer, Route
from tests.publish.corpus import FRENCH

FEEDS = 8
PER_FEED = 25
KILLS = 20
BASE_URL = "https://desk.example/"
HREF = re.compile(r'(?:href|src)="([^"]+)"')

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not FRENCH.is_file(), reason="needs ../shared/bench-data (OrangeSum)"),
]


class Feeds:
    """8 feeds of 25 real articles each; `shown` (per feed) grows between rounds, like a day of
    publishing, so that later cycles are incremental and reach the site build."""

    def __init__(self, server: LocalServer) -> None:
        rows = [json.loads(line) for line in FRENCH.read_text(encoding="utf-8").splitlines()]
        rows = [r for r in rows if len(r["article"].split()) >= 200][: FEEDS * PER_FEED]
        assert len(rows) == FEEDS * PER_FEED
        base = server.url("")
        self.shown = 5
        self.urls: list[str] = []
        self.entries: list[list[str]] = []
        for f in range(FEEDS):
            entries = []
            for k, row in enumerate(rows[f * PER_FEED : (f + 1) * PER_FEED]):
                url = f"{base}/f{f}/{k}"
                self.urls.append(url)
                body = "".join(
                    f"<p>{html.escape(p.strip())}</p>"
                    for p in row["article"].split("\n")
                    if p.strip()
                )
                entries.append(
                    f"<item><title>{html.escape(row['title'])}</title><link>{url}</link>"
                    f"<guid>{url}</guid><pubDate>Mon, 07 Dec 2026 {k % 24:02d}:00:00 GMT</pubDate>"
                    f"<content:encoded>{html.escape(body)}</content:encoded></item>"
                )
            self.entries.append(entries)
            server.routes[f"/f{f}.xml"] = Route(handler=self._handler(f, base))
        self.locations = [server.url(f"/f{f}.xml") for f in range(FEEDS)]

    def _handler(self, f: int, base: str) -> Callable[[BaseHTTPRequestHandler], None]:
        def answer(handler: BaseHTTPRequestHandler) -> None:
            body = (
                '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0" '
                'xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>'
                f"<title>Fil {f}</title><link>{base}/</link><language>fr</language>"
                + "".join(reversed(self.entries[f][: self.shown]))
                + "</channel></rss>"
            ).encode()
            handler.send_response(200)
            handler.send_header("Content-Type", "application/rss+xml")
            handler.send_header("Content-Length", str(len(body)))
            handler.end_headers()
            handler.wfile.write(body)

        return answer


def _store_problems(db: Path) -> list[str]:
    problems = []
    with sqlite3.connect(db) as conn:
        if conn.execute("pragma integrity_check").fetchone()[0] != "ok":
            problems.append("integrity_check failed")
        for table in ("raw_items", "articles"):
            (twice,) = conn.execute(
                f"select count(*) - count(distinct url) from {table}"  # noqa: S608
            ).fetchone()
            if twice:
                problems.append(f"{twice} duplicate rows in {table}")
        paged: list[str] = []
        for (ids,) in conn.execute("select article_ids from pages"):
            paged.extend(json.loads(ids))
        if len(paged) != len(set(paged)):
            problems.append(f"{len(paged) - len(set(paged))} articles in two pages")
    return problems


def _site_problems(site: Path) -> list[str]:
    problems = []
    if not site.is_dir():
        return problems
    for page in site.rglob("*.html"):
        if page.name.startswith("."):
            continue
        text = page.read_text(encoding="utf-8", errors="replace")
        if not text.rstrip().endswith("</html>"):
            problems.append(f"half-written {page.relative_to(site)}")
            continue
        for link in HREF.findall(text):
            link = html.unescape(link)
            if link.startswith(BASE_URL):
                target = site / unquote(urlsplit(link).path.lstrip("/"))
            elif re.match(r"^[a-z]+:|^//|^#", link):
                continue
            elif link.startswith("/"):  # from the site's root (the 404 page)
                target = site / unquote(urlsplit(link).path.lstrip("/"))
            else:
                target = page.parent / unquote(urlsplit(link).path)
            if urlsplit(link).path.endswith("/") or target.is_dir():
                target = target / "index.html"
            if not target.exists():
                problems.append(f"{page.relative_to(site)} links to missing {link}")
    return problems


def test_sigkill_at_random_moments_leaves_store_and_site_consistent(
    server: LocalServer, tmp_path: Path
) -> None:
    feeds = Feeds(server)
    path = config(tmp_path, feeds.locations, ["[site]", f'base_url = "{BASE_URL}"'])
    db = tmp_path / "data" / "newsdesk.sqlite"
    site = tmp_path / "site"
    command = [*CLI, "run", "--config", str(path)]
    rng = random.Random(19)
    # A first whole cycle, to know how long one takes.
    began = time.monotonic()
    first = subprocess.run(
        command, cwd=tmp_path, env=child_env(), capture_output=True, timeout=1800
    )
    assert first.returncode == 0
    cycle = time.monotonic() - began
    kills = rounds = 0
    while kills < KILLS:
        rounds += 1
        assert rounds <= 3 * KILLS, f"only {kills} kills in {rounds} rounds"
        feeds.shown = min(PER_FEED, feeds.shown + 1)
        process = subprocess.Popen(
            command,
            cwd=tmp_path,
            env=child_env(),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        # A random moment of the cycle, from start-up to a little past a whole cycle's length.
        deadline = time.monotonic() + rng.uniform(0.5, 1.3 * cycle)
        while time.monotonic() < deadline and process.poll() is None:
            time.sleep(0.05)
        if process.poll() is None:
            process.send_signal(signal.SIGKILL)
            kills += 1
        process.wait()
        assert _store_problems(db) == []
        assert _site_problems(site) == []
    feeds.shown = PER_FEED

    final = subprocess.run(
        command, cwd=tmp_path, env=child_env(), capture_output=True, text=True, timeout=1800
    )
    assert final.returncode == 0, final.stdout[-3000:] + final.stderr[-3000:]
    assert _store_problems(db) == []
    assert _site_problems(site) == []
    with sqlite3.connect(db) as conn:
        stored = {u for (u,) in conn.execute("select url from raw_items")}
        statuses = [s for (s,) in conn.execute("select status from runs order by id")]
    assert stored == set(feeds.urls)  # no item lost
    assert "running" not in statuses and statuses[-1] in ("ok", "nothing_processed")
    leftovers = [p.name for p in site.rglob(".*.tmp")]
    assert leftovers == []
