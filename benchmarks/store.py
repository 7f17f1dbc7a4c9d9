"""Store throughput: raw saves (blob + row), article upserts, page saves, reads; SQLite and PostgreSQL.

Run from the repo root: .venv/bin/python benchmarks/store.py [--quick]
Figures are indicative: 2 shared cores, other jobs running.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path.cwd() / "tests"))

from newsdesk.store import PageRecord, PageStatus, Store  # noqa: E402
from newsdesk.store import blobs as blobs_module  # noqa: E402
from newsdesk.types import Article, Page, Paragraph, RawItem, Section, Verdict, VerdictStatus  # noqa: E402


def bench(url: str, data: Path, n: int, fsync: bool) -> dict[str, float]:
    blobs_module.FSYNC = fsync
    t0 = datetime(2024, 1, 1, tzinfo=UTC)
    out: dict[str, float] = {}
    with Store.open(url, data) as store:
        raws = [
            RawItem(
                "s" * 16,
                f"https://e.org/{i}",
                t0 + timedelta(seconds=i),
                (f"<html><p>article {i} " + "texte " * 800 + "</p></html>").encode(),
                "text/html",
            )
            for i in range(n)
        ]
        start = time.perf_counter()
        for r in raws:
            store.save_raw(r)
        out["raw saves/s"] = n / (time.perf_counter() - start)
        start = time.perf_counter()
        for r in raws:
            store.save_raw(r)
        out["duplicate raw saves/s"] = n / (time.perf_counter() - start)
        start = time.perf_counter()
        for r in raws:
            store.get_raw(r.id)
        out["raw reads/s"] = n / (time.perf_counter() - start)
        arts = [
            Article(
                r.id,
                r.source_id,
                r.url,
                f"Titre {i}",
                tuple(Paragraph("Un paragraphe de texte. " * 10, "fr", 0.9) for _ in range(12)),
                "fr",
                0.9,
                published=t0,
            )
            for i, r in enumerate(raws)
        ]
        start = time.perf_counter()
        for a in arts:
            store.save_article(a)
        out["article upserts/s"] = n / (time.perf_counter() - start)
        start = time.perf_counter()
        listed = store.list_articles()
        out["articles listed/s"] = len(listed) / (time.perf_counter() - start)
        pages = [
            Page(
                f"slug-{i}",
                f"Titre {i}",
                "desc",
                "chapo",
                (Section(None, ("p " * 100,) * 8),),
                (),
                t0,
                t0,
                "disclosure",
                story_id=f"st{i}",
            )
            for i in range(n)
        ]
        start = time.perf_counter()
        for p in pages:
            store.save_page(PageRecord(p, Verdict(VerdictStatus.PASS), PageStatus.PUBLISHED))
        out["page saves/s"] = n / (time.perf_counter() - start)
        start = time.perf_counter()
        for p in pages:
            store.save_page(PageRecord(p, Verdict(VerdictStatus.PASS), PageStatus.PUBLISHED))
        out["unchanged page saves/s"] = n / (time.perf_counter() - start)
    return out


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args()
    n = 200 if args.quick else 2000
    from store.pg_server import PgServer, unavailable_reason

    server = None if unavailable_reason() else PgServer.start()
    try:
        for fsync in (True, False):
            with tempfile.TemporaryDirectory() as tmp:
                backends = {"sqlite": f"sqlite:///{tmp}/b.sqlite"}
                if server:
                    backends["postgresql"] = server.create_database("bench")
                for name, url in backends.items():
                    figures = bench(url, Path(tmp) / f"data-{name}", n, fsync)
                    print(
                        f"{name:10s} blob fsync={fsync!s:5s} n={n}: "
                        + ", ".join(f"{k} {v:,.0f}" for k, v in figures.items())
                    )
    finally:
        if server:
            server.stop()
    print("(server fsync off for the throwaway PostgreSQL; 2 shared cores: indicative figures)")


if __name__ == "__main__":
    main()
