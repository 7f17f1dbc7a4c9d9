"""The review desk under load: 10,000 held pages, 20 concurrent clients.

Creates the pages in a fresh SQLite store through the real repositories (pages composed from
the bundled sample articles), starts the real server (`newsdesk serve` in a subprocess, uvicorn),
logs in like an editor, then sends 20,000 requests from 20 concurrent clients (asyncio + httpx):
half to `/desk/` (logged in, walking the queue's first pages by its "next" links) and half to
`/api/v1/pages` (bearer token, first pages by cursor). Prints requests/s, p50 and p99 of each,
and the server's resident memory before and after.

Targets (issue 20): ≥ 200 requests/s with p99 < 250 ms on each, memory flat: after a warm-up,
the server's resident memory is measured after each round of requests (two by default).

Run from the repo root: .venv/bin/python benchmarks/desk_load.py [--quick] [--pages N]
Figures are indicative: the clients share the machine's cores (2 here) with the server.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import httpx

from newsdesk.compose.article_page import compose_article_page
from newsdesk.store import Store
from newsdesk.store.records import PageRecord, PageStatus
from newsdesk.types import Article, Check, Paragraph, Source, SourceKind, Verdict, VerdictStatus
from newsdesk.web.passwords import hash_password, token_hash

SAMPLES = Path(__file__).resolve().parents[1] / "src" / "newsdesk" / "samples" / "articles"
PASSWORD = "benchmark password"
TOKEN = "benchmark-api-token-0123456789"
CLIENTS = 20
WALKED_PAGES = 5  # desk/API pages cycled through by the clients (page 1 is the busiest)
WARM_UP = 500  # requests per endpoint before memory is first measured
TARGET_RPS = 200
TARGET_P99_MS = 250


def _articles(source: Source) -> list[Article]:
    now = datetime(2026, 11, 23, 12, 0, tzinfo=UTC)
    articles = []
    for index, path in enumerate(sorted(SAMPLES.glob("*.txt"))):
        lines = path.read_text(encoding="utf-8").strip().split("\n")
        paragraphs = tuple(Paragraph(p.strip(), "fr", 0.99) for p in lines[1:] if p.strip())
        articles.append(
            Article(
                raw_id=f"raw-{index}",
                source_id=source.id,
                url=f"https://exemple.fr/articles/{index}",
                title=lines[0].strip(),
                paragraphs=paragraphs,
                language="fr",
                language_confidence=0.99,
                published=now,
                canonical_url=f"https://exemple.fr/articles/{index}",
                site_name="Exemple",
            )
        )
    return articles


def fill(store: Store, pages: int) -> float:
    """`pages` held pages, saved one by one as the desk saves them; returns seconds taken."""
    start = time.perf_counter()
    source = store.add_source(Source(SourceKind.FEED, "https://exemple.fr/rss.xml", name="Exemple"))
    now = datetime(2026, 11, 23, 12, 0, tzinfo=UTC)
    composed = []
    for article in _articles(source):
        store.save_article(article)
        page = compose_article_page(article, publisher="Exemple", now=now, excerpt_max_words=400)
        composed.append((article, page))
    hold = Check("page_too_short", "Page sous la longueur cible.", VerdictStatus.HOLD)
    for n in range(pages):
        article, page = composed[n % len(composed)]
        page = replace(page, slug=f"{page.slug}-{n}", title=f"{page.title} ({n})", story_id=None)
        store.save_page(
            PageRecord(page, Verdict(VerdictStatus.HOLD, (hold,)), PageStatus.HELD, (article.id,))
        )
    return time.perf_counter() - start


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of the server so far: per request, the cost that does not
    depend on what else the machine runs (the req/s figures do)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _csrf(html: str) -> str:
    match = re.search(r'name="csrf_token" value="([^"]+)"', html)
    if not match:
        raise RuntimeError("no CSRF field on the login page")
    return match.group(1)


def login(base: str) -> httpx.Cookies:
    with httpx.Client(base_url=base) as client:
        token = _csrf(client.get("/desk/login").text)
        response = client.post(
            "/desk/login", data={"user": "editor", "password": PASSWORD, "csrf_token": token}
        )
        if response.status_code != 303:
            raise RuntimeError(f"login failed: HTTP {response.status_code}")
        return client.cookies


def walk(base: str, cookies: httpx.Cookies) -> tuple[list[str], list[str]]:
    """The first WALKED_PAGES pages of the desk's queue and of the API list, by their links."""
    desk, api = ["/desk/"], ["/api/v1/pages?status=held"]
    auth = {"Authorization": f"Bearer {TOKEN}"}
    with httpx.Client(base_url=base, cookies=cookies) as client:
        while len(desk) < WALKED_PAGES:
            match = re.search(r'<a href="([^"]+)" rel="next">', client.get(desk[-1]).text)
            if not match:
                break
            desk.append(match.group(1).replace("&amp;", "&"))
        while len(api) < WALKED_PAGES:
            following = client.get(api[-1], headers=auth).json()["next"]
            if not following:
                break
            api.append(following)
    return desk, api


async def load(
    base: str, urls: list[str], headers: dict[str, str], cookies: httpx.Cookies | None, n: int
) -> tuple[float, list[float], int]:
    """n GETs over `urls` from CLIENTS concurrent clients: (seconds, latencies in ms, errors)."""
    latencies: list[float] = []
    errors = 0
    counter = iter(range(n))

    async def client_loop() -> None:
        nonlocal errors
        limits = httpx.Limits(max_connections=1, max_keepalive_connections=1)
        async with httpx.AsyncClient(
            base_url=base, headers=headers, cookies=cookies, limits=limits, timeout=60
        ) as client:
            for i in counter:
                t0 = time.perf_counter()
                response = await client.get(urls[i % len(urls)])
                await response.aread()
                latencies.append((time.perf_counter() - t0) * 1000)
                if response.status_code != 200:
                    errors += 1

    start = time.perf_counter()
    await asyncio.gather(*(client_loop() for _ in range(CLIENTS)))
    return time.perf_counter() - start, latencies, errors


def _p(values: list[float], q: float) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[int(q) - 1]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="1,000 pages, 2,000 requests")
    parser.add_argument("--pages", type=int, default=None)
    parser.add_argument("--requests", type=int, default=None, help="per round (half per endpoint)")
    parser.add_argument(
        "--rounds", type=int, default=2, help="rounds of --requests: memory must stay flat"
    )
    args = parser.parse_args()
    pages = args.pages or (1_000 if args.quick else 10_000)
    total = args.requests or (2_000 if args.quick else 20_000)

    with tempfile.TemporaryDirectory(prefix="desk-load-") as tmp:
        root = Path(tmp)
        data, site = root / "data", root / "site"
        with Store.open(f"sqlite:///{(data / 'newsdesk.sqlite').as_posix()}", data) as store:
            seconds = fill(store, pages)
        print(f"{pages:,} held pages saved through the repositories in {seconds:.1f} s")
        config = root / "newsdesk.toml"
        config.write_text(
            f'data_dir = "{data.as_posix()}"\nout = "{site.as_posix()}"\n'
            f'[desk]\npassword_hash = "{hash_password(PASSWORD)}"\n'
            f'secret_key = "{"b" * 48}"\napi_token_hash = "{token_hash(TOKEN)}"\n',
            encoding="utf-8",
        )
        port = _free_port()
        base = f"http://127.0.0.1:{port}"
        server = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "newsdesk.cli",
                "serve",
                "--config",
                str(config),
                "-p",
                str(port),
            ],
            cwd=root,
            stdout=subprocess.DEVNULL,
        )
        try:
            deadline = time.monotonic() + 120
            while True:
                try:
                    httpx.get(f"{base}/desk/login", timeout=2)
                    break
                except httpx.TransportError:
                    if server.poll() is not None or time.monotonic() > deadline:
                        raise RuntimeError("the server did not start") from None
                    time.sleep(0.2)
            cookies = login(base)
            desk_urls, api_urls = walk(base, cookies)
            auth = {"Authorization": f"Bearer {TOKEN}"}
            runs = [
                ("/desk/ (logged in)", desk_urls, {}, cookies),
                ("/api/v1/pages (token)", api_urls, auth, None),
            ]
            # Warm-up: the connection pool fills and the templates compile; memory measured
            # from here on is what a long-running server would show.
            for _, urls, headers, jar in runs:
                asyncio.run(load(base, urls, headers, jar, WARM_UP))
            before = rss_mb(server.pid)
            print(
                f"server RSS after a warm-up of {2 * WARM_UP:,} requests: {before:.0f} MB; "
                f"{CLIENTS} clients, {total:,} requests per round, {args.rounds} round(s) "
                f"(desk pages walked: {len(desk_urls)}, API pages: {len(api_urls)})"
            )
            met = True
            memory = [before]
            for round_ in range(1, args.rounds + 1):
                for label, urls, headers, jar in runs:
                    cpu = cpu_seconds(server.pid)
                    seconds, latencies, errors = asyncio.run(
                        load(base, urls, headers, jar, total // 2)
                    )
                    cpu_ms = (cpu_seconds(server.pid) - cpu) * 1000 / len(latencies)
                    rps = len(latencies) / seconds
                    p50, p99 = statistics.median(latencies), _p(latencies, 99)
                    ok = rps >= TARGET_RPS and p99 < TARGET_P99_MS and not errors
                    met = met and ok
                    print(
                        f"round {round_} {label:24} {rps:5.0f} req/s  p50 {p50:6.1f} ms  "
                        f"p99 {p99:6.1f} ms  server CPU {cpu_ms:.1f} ms/req  errors {errors}  "
                        f"{'target met' if ok else 'TARGET MISSED'}"
                    )
                memory.append(rss_mb(server.pid))
                print(f"server RSS after round {round_}: {memory[-1]:.0f} MB")
            growth = memory[-1] - memory[1] if len(memory) > 2 else memory[-1] - memory[0]
            print(
                f"server RSS: {' → '.join(f'{m:.0f}' for m in memory)} MB "
                f"(growth over the last {'round' if len(memory) > 2 else 'run'}: {growth:+.0f} MB)"
            )
            print(
                f"targets: ≥ {TARGET_RPS} req/s and p99 < {TARGET_P99_MS} ms on each: "
                f"{'met' if met else 'MISSED'} (indicative: clients and server share the cores)"
            )
        finally:
            server.terminate()
            server.wait(timeout=30)
    return 0


if __name__ == "__main__":
    sys.exit(main())
