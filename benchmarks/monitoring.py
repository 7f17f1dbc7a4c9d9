"""/metrics and /healthz on a large store: how long one scrape takes when the tables have grown.

Fills a fresh SQLite store (or --db PostgreSQL) with a year of a busy watcher's bookkeeping —
by default 100,000 raw items, 100,000 rejections over 40 reasons, 50,000 runs (one cycle every
ten minutes for a year), 500 sources, 20,000 pages — with bulk inserts into the real schema,
then times scrapes through the real app (Starlette's TestClient, no network): p50 and p95 of
each endpoint, and the size of the exposition.

Run from the repo root: .venv/bin/python benchmarks/monitoring.py [--quick] [--db URL]
Figures are indicative: 2 shared cores here.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import insert
from starlette.testclient import TestClient

from newsdesk.config import Settings
from newsdesk.store import Store
from newsdesk.store.models import PageRow, RawItemRow, RejectionRow, RunRow, SourceRow
from newsdesk.web.app import create_app
from newsdesk.web.settings import DeskSettings

T0 = datetime(2026, 1, 1, tzinfo=UTC)


def fill(store: Store, raw: int, rejections: int, runs: int, sources: int, pages: int) -> None:
    batch = 5_000

    def bulk(table: object, rows: list[dict[str, object]]) -> None:
        with store.engine.begin() as connection:
            for i in range(0, len(rows), batch):
                connection.execute(insert(table), rows[i : i + batch])  # type: ignore[call-overload]

    bulk(
        SourceRow,
        [
            {
                "id": f"src{i:013d}",
                "kind": "feed",
                "location": f"https://source{i}.example/rss.xml",
                "licence": "excerpt",
                "allow_private": False,
                "enabled": i % 50 != 0,
                "origin": "added",
                "rules": {},
                "created_at": T0,
                "updated_at": T0,
                "last_fetch_at": T0 + timedelta(days=300),
                "last_ok_at": T0 + timedelta(days=300 - i % 7),
                "consecutive_errors": i % 11 == 0 and 3 or 0,
            }
            for i in range(sources)
        ],
    )
    bulk(
        RunRow,
        [
            {
                "started_at": T0 + timedelta(minutes=10 * i),
                "finished_at": T0 + timedelta(minutes=10 * i, seconds=40),
                "status": "ok",
                "counts": {"fetched": 12, "new": 3, "pages_published": 1},
            }
            for i in range(runs)
        ],
    )
    bulk(
        RawItemRow,
        [
            {
                "id": f"raw{i:013d}",
                "source_id": f"src{i % sources:013d}",
                "url": f"https://source.example/{i}",
                "fetched_at": T0,
                "content_hash": f"{i:064d}",
                "size": 1000,
                "media_type": "text/html",
                "headers": {},
                "hints": {},
                "stored_at": T0,
            }
            for i in range(raw)
        ],
    )
    bulk(
        RejectionRow,
        [
            {
                "run_id": 1 + i % runs,
                "item": f"https://source.example/{i}",
                "stage": "extract" if i % 3 else "ingest",
                "reason": f"reason_{i % 40}",
                "detail": "",
                "created_at": T0,
            }
            for i in range(rejections)
        ],
    )
    bulk(
        PageRow,
        [
            {
                "id": f"page{i:012d}",
                "slug": f"page-{i}",
                "article_ids": [],
                "title": "t",
                "description": "d",
                "language": "fr",
                "body": {},
                "status": "published" if i % 4 else "held",
                "verdict": {},
                "reasons": [],
                "content_hash": f"{i:064d}",
                "created_at": T0,
                "updated_at": T0,
            }
            for i in range(pages)
        ],
    )


def timed(client: TestClient, path: str, n: int) -> tuple[list[float], int]:
    times, size = [], 0
    for _ in range(n):
        start = time.perf_counter()
        response = client.get(path)
        times.append((time.perf_counter() - start) * 1000)
        size = len(response.content)
    return times, size


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="a tenth of the rows")
    parser.add_argument("--db", help="database URL (default: SQLite in a temporary folder)")
    parser.add_argument("--scrapes", type=int, default=50)
    args = parser.parse_args()
    scale = 10 if args.quick else 1
    with tempfile.TemporaryDirectory() as tmp:
        settings = Settings(data_dir=Path(tmp) / "data", out=Path(tmp) / "site", db=args.db or "")
        with Store.open(settings.db_url, settings.data_dir) as store:
            start = time.perf_counter()
            fill(store, 100_000 // scale, 100_000 // scale, 50_000 // scale, 500, 20_000 // scale)
            print(f"filled in {time.perf_counter() - start:.1f} s ({store.url})")
            # A site already built: create_app would otherwise build it from the fake pages.
            settings.out.mkdir(parents=True)
            (settings.out / "index.html").write_text("<!doctype html><title>x</title>")
            app = create_app(settings, desk=DeskSettings(secret_key="k" * 48), store=store)
            client = TestClient(app)
            for path in ("/metrics", "/healthz"):
                times, size = timed(client, path, args.scrapes)
                times.sort()
                p95 = times[int(0.95 * (len(times) - 1))]
                print(
                    f"{path}: p50 {statistics.median(times):.1f} ms, p95 {p95:.1f} ms, "
                    f"{size:,} bytes ({args.scrapes} requests)"
                )


if __name__ == "__main__":
    main()
