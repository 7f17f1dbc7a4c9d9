"""Several processes' worth of connections on one database: no lost writes, no lock errors.

Each thread opens its own Store (its own engine and connection pool), as the desk and the
review UI running side by side would.
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from newsdesk.store import Store
from newsdesk.store.migrate import current_revision, head_revision

from .factories import article, feed_source, raw_item

WORKERS = 4
ITEMS_PER_WORKER = 25


def test_concurrent_opens_migrate_once(db_url: str, data_dir: Path) -> None:
    def open_and_close(_: int) -> str | None:
        with Store.open(db_url, data_dir) as store:
            return current_revision(store.engine)

    with ThreadPoolExecutor(WORKERS) as pool:
        revisions = list(pool.map(open_and_close, range(WORKERS)))
    assert revisions == [head_revision()] * WORKERS


def test_concurrent_writers_lose_nothing(db_url: str, data_dir: Path) -> None:
    source = feed_source()
    with Store.open(db_url, data_dir) as store:
        store.add_source(source)

    def work(worker: int) -> int:
        saved = 0
        with Store.open(db_url, data_dir) as store:
            for i in range(ITEMS_PER_WORKER):
                # Every worker also saves the items of worker 0: duplicates under contention.
                for w in {worker, 0}:
                    raw = raw_item(
                        source, url=f"https://e.org/{w}/{i}", content=f"<p>{w}-{i}</p>".encode()
                    )
                    saved += store.save_raw(raw)
                    if w == worker:
                        store.save_article(article(raw, title=f"{w}-{i}"))
                        store.mark_extracted(raw.id, article(raw, title=f"{w}-{i}").id)
                store.record_fetch(source.id, ok=False, error=f"worker {worker}")
        return saved

    with ThreadPoolExecutor(WORKERS) as pool:
        saved = list(pool.map(work, range(WORKERS)))
    with Store.open(db_url, data_dir) as store:
        assert sum(saved) == WORKERS * ITEMS_PER_WORKER  # each item new exactly once
        assert store.raw.count() == WORKERS * ITEMS_PER_WORKER
        assert store.articles.count() == WORKERS * ITEMS_PER_WORKER
        assert store.pending_raw_ids() == []
        (health,) = store.source_health()
        assert health.consecutive_errors == WORKERS * ITEMS_PER_WORKER  # atomic increments
