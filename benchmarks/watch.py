"""`newsdesk watch` against a local feed server that publishes on a schedule (issue 19).

    .venv/bin/python benchmarks/watch.py                 # 50 sources, about 10 minutes
    .venv/bin/python benchmarks/watch.py --quick         # 12 sources, about 3 minutes
    .venv/bin/python benchmarks/watch.py --kill-every 60 # the same, SIGKILL every 60 s

The server publishes real French articles (../shared/bench-data/french-news-clean, or the
bundled samples with a numbered sentence when that corpus is absent) as full-content RSS items,
each source at its own rate; some sources carry `<ttl>1</ttl>`, some `Cache-Control: max-age`,
some answer 304 to a conditional GET, some 429 with Retry-After when asked too soon, some 500
now and then, and one dies a third of the way through. The watcher runs as a real
`newsdesk watch` process on SQLite, with intervals scaled to wall time (watch.min_interval 2 s,
watch.max_interval 60 s). The benchmark polls the database to see when each item's article first
appears in a story page.

Reported: delay from an item's appearance in its feed to a page containing it (p50, p95, max),
requests per source against what its hints allowed (a request sooner than the last response's
Retry-After, max-age or ttl is a violation), CPU seconds per item, resident memory after the
first cycle and at the end, items lost (appeared, never stored) and duplicates (an item stored,
extracted or paged twice). With --kill-every the watcher is SIGKILLed and restarted at once
every so many seconds; memory is then that of the last process.

Figures on a shared 2-core machine are indicative; the run itself is the check (exit 1 on a
lost item, a duplicate or a violation).
"""

from __future__ import annotations

import argparse
import html
import json
import os
import random
import signal
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from email.utils import formatdate
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "bench-data" / "french-news-clean" / "articles_fr.jsonl"
SAMPLES = ROOT / "src" / "newsdesk" / "samples" / "articles"
CLI = [sys.executable, "-c", "from newsdesk.cli import main; main()"]
FEED_ITEMS = 20  # items shown in a feed, newest first

KINDS = ("plain", "ttl", "etag", "limited", "flaky", "cached")


@dataclass
class Item:
    source: int
    number: int
    title: str
    body: list[str]
    appears: float  # wall time (time.time()) it enters the feed
    url: str = ""


@dataclass
class Source:
    index: int
    kind: str
    period: float
    items: list[Item] = field(default_factory=list)
    requests: list[float] = field(default_factory=list)
    allowed_from: float = 0.0  # earliest time the hints of the last response allow
    violations: int = 0
    dies_at: float | None = None
    last_ok: float = 0.0  # last full answer of a "limited" source
    statuses: dict[int, int] = field(default_factory=dict)


def articles() -> list[tuple[str, list[str]]]:
    if CORPUS.is_file():
        rows = [json.loads(line) for line in CORPUS.read_text(encoding="utf-8").splitlines()]
        out = []
        for row in rows:
            paragraphs = [p.strip() for p in row["article"].split("\n") if p.strip()]
            if len(" ".join(paragraphs).split()) >= 200:
                out.append((row["title"], paragraphs))
        return out
    texts = [p.read_text(encoding="utf-8") for p in sorted(SAMPLES.glob("*.txt"))]
    return [
        (
            f"Dépêche {i}",
            [*(p for p in texts[i % len(texts)].split("\n\n") if p.strip()), f"N°{i}."],
        )
        for i in range(250)
    ]


class FeedServer:
    """Serves /s<N>.xml for every source, as its schedule and kind say, recording requests."""

    def __init__(self, sources: list[Source]) -> None:
        self.sources = sources
        self.lock = threading.Lock()
        bench = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, format: str, *args: object) -> None:  # noqa: A002
                pass

            def do_GET(self) -> None:  # noqa: N802
                name = self.path.strip("/").removesuffix(".xml")
                if not name.startswith("s") or not name[1:].isdigit():
                    self._send(404, {}, b"")
                    return
                status, headers, body = bench.answer(
                    sources[int(name[1:])], self.headers.get("If-None-Match")
                )
                self._send(status, headers, body)

            def _send(self, status: int, headers: dict[str, str], body: bytes) -> None:
                self.send_response(status)
                for key, value in headers.items():
                    self.send_header(key, value)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

        class Quiet(ThreadingHTTPServer):
            daemon_threads = True

            def handle_error(self, request: object, client_address: object) -> None:
                pass

        self.httpd = Quiet(("127.0.0.1", 0), Handler)
        self.base = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def answer(self, source: Source, etag: str | None) -> tuple[int, dict[str, str], bytes]:
        now = time.time()
        with self.lock:
            source.requests.append(now)
            if now < source.allowed_from - 0.05:
                source.violations += 1
            status, headers, body = self._answer(source, etag, now)
            source.statuses[status] = source.statuses.get(status, 0) + 1
            floor = 0.0
            if "Retry-After" in headers:
                floor = float(headers["Retry-After"])
            elif "Cache-Control" in headers:
                floor = float(headers["Cache-Control"].split("=")[1])
            elif source.kind == "ttl" and status == 200:
                floor = 60.0
            source.allowed_from = now + floor
        return status, headers, body

    def _answer(
        self, source: Source, etag: str | None, now: float
    ) -> tuple[int, dict[str, str], bytes]:
        if source.dies_at is not None and now >= source.dies_at:
            return 500, {"Content-Type": "text/plain"}, b"gone"
        if source.kind == "flaky" and random.random() < 0.3:
            return 500, {"Content-Type": "text/plain"}, b"oops"
        if source.kind == "limited":
            # At most one full answer every 30 s; sooner, a 429 saying how long to wait.
            since = now - source.last_ok
            if since < 30:
                return 429, {"Retry-After": str(int(30 - since) + 1)}, b"slow down"
            source.last_ok = now
        visible = [i for i in source.items if i.appears <= now][-FEED_ITEMS:]
        tag = f'"{len(visible)}"'
        headers = {"Content-Type": "application/rss+xml; charset=utf-8"}
        if source.kind == "etag":
            headers["ETag"] = tag
            if etag == tag:
                return 304, headers, b""
        if source.kind == "cached":
            headers["Cache-Control"] = "max-age=15"
        items = "".join(
            f"<item><title>{html.escape(i.title)}</title><link>{i.url}</link>"
            f"<guid>{i.url}</guid><pubDate>{formatdate(i.appears, usegmt=True)}</pubDate>"
            "<content:encoded>"
            + html.escape("".join(f"<p>{html.escape(p)}</p>" for p in i.body))
            + "</content:encoded></item>"
            for i in reversed(visible)
        )
        ttl = "<ttl>1</ttl>" if source.kind == "ttl" else ""
        body = (
            '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0" '
            'xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>'
            f"<title>Source {source.index}</title><link>{self.base}/</link>"
            f"<language>fr</language>{ttl}{items}</channel></rss>"
        ).encode()
        return 200, headers, body


def proc_cpu(pid: int) -> float:
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def proc_rss_mb(pid: int) -> float:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def plan(count: int, publish_for: float, start: float, seed: int) -> list[Source]:
    rng = random.Random(seed)
    pool = articles()
    rng.shuffle(pool)
    sources = [
        Source(i, KINDS[i % len(KINDS)], period=rng.choice([10, 20, 40, 80, 160]))
        for i in range(count)
    ]
    sources[-1].dies_at = start + publish_for / 3
    sources[-1].kind = "plain"
    # Each source's items at its own period from a random offset, while the pool lasts.
    events = []
    for s in sources:
        t = rng.uniform(0, s.period)
        while t < publish_for:
            events.append((t, s.index))
            t += s.period * rng.uniform(0.5, 1.5)
    events.sort()
    for number, (offset, index) in enumerate(events[: len(pool)]):
        title, body = pool[number]
        source = sources[index]
        source.items.append(Item(index, number, title, body, start + offset))
    return sources


def config(folder: Path, base: str, sources: list[Source]) -> Path:
    lines = [
        f'data_dir = "{(folder / "data").as_posix()}"',
        f'out = "{(folder / "site").as_posix()}"',
        "[fetch]",
        "timeout = 5",
        "per_host_interval = 0",
        "[watch]",
        "min_interval = 2",
        "max_interval = 60",
        "jitter = 0.1",
        "pause_after_failures = 10",
    ]
    for s in sources:
        lines += [
            "[[sources]]",
            'kind = "feed"',
            f'location = "{base}/s{s.index}.xml"',
            "allow_private = true",
            'licence = "full"',
            f'publisher = "Source {s.index}"',
        ]
    path = folder / "newsdesk.toml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def paged(db: Path) -> tuple[dict[str, str], set[str]]:
    """(article url -> id) and the ids of articles in some page."""
    try:
        conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5)
    except sqlite3.Error:
        return {}, set()
    try:
        urls = {u: i for i, u in conn.execute("select id, url from articles")}
        in_pages: set[str] = set()
        for (ids,) in conn.execute("select article_ids from pages"):
            in_pages.update(json.loads(ids))
        return urls, in_pages
    except sqlite3.Error:
        return {}, set()
    finally:
        conn.close()


def start_watcher(path: Path, folder: Path, log: Path) -> subprocess.Popen[bytes]:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    with log.open("ab") as out:
        return subprocess.Popen(
            [*CLI, "watch", "--config", str(path)], cwd=folder, env=env, stdout=out, stderr=out
        )


def quarters(samples: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """(lowest, highest) resident memory in each quarter of the sampled time. The lowest is
    what the process keeps between stages (the flatness that matters for a process that runs
    for months); the highest shows the transient peaks of a cycle's heaviest stage."""
    first, last = samples[0][0], samples[-1][0]
    span = max(last - first, 1e-9)
    out = []
    for q in range(4):
        part = [
            mb for t, mb in samples if q <= (t - first) / span * 4 < q + 1 or (q == 3 and t == last)
        ]
        if part:
            out.append((min(part), max(part)))
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="12 sources, about 3 minutes")
    parser.add_argument("--sources", type=int, default=None)
    parser.add_argument("--kill-every", type=float, default=0.0, help="SIGKILL period, seconds")
    parser.add_argument("--seed", type=int, default=19)
    args = parser.parse_args()
    count = args.sources or (12 if args.quick else 50)
    publish_for, grace = (120.0, 75.0) if args.quick else (480.0, 120.0)

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        start = time.time() + 5
        sources = plan(count, publish_for, start, args.seed)
        server = FeedServer(sources)
        for s in sources:
            for item in s.items:
                item.url = f"{server.base}/s{s.index}/item/{item.number}"
        path = config(folder, server.base, sources)
        log = folder / "watch.log"
        db = folder / "data" / "newsdesk.sqlite"
        watcher = start_watcher(path, folder, log)
        cpu_done = 0.0
        rss_start = rss_end = 0.0
        rss_samples: list[tuple[float, float]] = []  # (seconds since start, MB)
        kills = 0
        last_kill = time.time()
        first_seen: dict[str, float] = {}
        end = start + publish_for + grace
        while time.time() < end:
            time.sleep(0.5)
            now = time.time()
            urls, in_pages = paged(db)
            for url, article in urls.items():
                if article in in_pages and url not in first_seen:
                    first_seen[url] = now
            if not rss_start and first_seen:
                rss_start = proc_rss_mb(watcher.pid)
            cpu_now = proc_cpu(watcher.pid)
            rss_end = proc_rss_mb(watcher.pid) or rss_end
            if rss_start and not args.kill_every:
                rss_samples.append((now - start, rss_end))
            if args.kill_every and now - last_kill >= args.kill_every:
                cpu_done += proc_cpu(watcher.pid)
                watcher.send_signal(signal.SIGKILL)
                watcher.wait()
                kills += 1
                last_kill = now
                watcher = start_watcher(path, folder, log)
            elif watcher.poll() is not None:
                print(log.read_text(errors="replace")[-3000:])
                raise SystemExit(f"the watcher exited with {watcher.returncode}")
        cpu_total = cpu_done + cpu_now
        watcher.send_signal(signal.SIGTERM)
        code = watcher.wait(timeout=120)
        server.httpd.shutdown()

        conn = sqlite3.connect(db)
        raw = conn.execute("select url, count(*) from raw_items group by url").fetchall()
        arts = conn.execute("select url, count(*) from articles group by url").fetchall()
        page_ids = [json.loads(ids) for (ids,) in conn.execute("select article_ids from pages")]
        statuses = dict(conn.execute("select status, count(*) from pages group by status"))
        runs = dict(conn.execute("select status, count(*) from runs group by status"))
        conn.close()

    stored = {u for u, _ in raw}
    appeared = [
        i
        for s in sources
        for i in s.items
        if i.appears <= start + publish_for and (s.dies_at is None or i.appears < s.dies_at)
    ]
    lost = [i.url for i in appeared if i.url not in stored]
    dup_raw = sum(n - 1 for _, n in raw if n > 1)
    dup_articles = sum(n - 1 for _, n in arts if n > 1)
    flat = [a for ids in page_ids for a in ids]
    dup_paged = len(flat) - len(set(flat))
    delays = sorted(first_seen[i.url] - i.appears for i in appeared if i.url in first_seen)
    violations = sum(s.violations for s in sources)

    def pct(q: float) -> float:
        return delays[min(len(delays) - 1, int(q * len(delays)))] if delays else float("nan")

    print(
        f"sources {count}, items published {len(appeared)}, stored {len(stored)}, "
        f"in a page {len(delays)}; pages {statuses}; runs {runs}; watcher exit {code}"
        + (f"; SIGKILLs {kills}" if args.kill_every else "")
    )
    print(
        f"delay appearance -> page: p50 {pct(0.5):.1f} s, p95 {pct(0.95):.1f} s, "
        f"max {delays[-1] if delays else float('nan'):.1f} s"
    )
    print(
        f"CPU {cpu_total:.1f} s, {cpu_total / max(1, len(stored)):.2f} s per item; "
        f"RSS after first page {rss_start:.0f} MB, at the end {rss_end:.0f} MB"
    )
    if rss_samples:
        print("RSS per quarter of the run after the first page (MB, lowest / highest):")
        print("  " + "  ".join(f"{lo:.0f}/{hi:.0f}" for lo, hi in quarters(rss_samples)))
    print(
        f"lost {len(lost)}, duplicates: raw {dup_raw}, articles {dup_articles}, "
        f"paged twice {dup_paged}; requests sooner than hints allowed: {violations}"
    )
    print("requests per source kind (mean; statuses):")
    for kind in sorted({s.kind for s in sources}):
        group = [s for s in sources if s.kind == kind and s.dies_at is None]
        if not group:
            continue
        total: dict[int, int] = {}
        for s in group:
            for k, v in s.statuses.items():
                total[k] = total.get(k, 0) + v
        mean = statistics.mean(len(s.requests) for s in group)
        print(f"  {kind:8} {mean:6.1f}  {dict(sorted(total.items()))}")
    dead = sources[-1]
    after = sum(1 for t in dead.requests if dead.dies_at and t >= dead.dies_at)
    gaps = [round(t - dead.dies_at) for t in dead.requests if dead.dies_at and t >= dead.dies_at]
    print(f"  dying    {len(dead.requests):6d}  requests, {after} after it died (at +{gaps} s)")
    if lost[:5]:
        print("lost:", lost[:5])
    return 1 if lost or dup_raw or dup_articles or dup_paged or violations else 0


if __name__ == "__main__":
    raise SystemExit(main())
