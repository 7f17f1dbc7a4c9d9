"""Static site build speed: newsdesk's builder against Pelican, on the same number of pages.

Prints pages/s of a full build of N story pages (default 10,000), the time of an incremental
build after one story changes, and the time of a no-change rebuild, first with the pages given
as objects (`build_site`), then through the desk's path (`build_from_store` over a SQLite store
holding the N pages); then Pelican building N articles with the same text in the same run. Pages are made from the 500 real French articles
of ../shared/bench-data/french-news-clean (cycled, each copy with its own slug, date, topics and
sources). The machine's cores are shared with other work: figures are indicative.

    .venv/bin/python benchmarks/site.py            # 10,000 pages
    .venv/bin/python benchmarks/site.py --quick    # 500 pages
    .venv/bin/python benchmarks/site.py --no-pelican --no-store
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import statistics
import tempfile
import time
from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from html import escape
from pathlib import Path

from newsdesk.config import SiteSettings
from newsdesk.publish import BuildReport, build_site
from newsdesk.types import Page, RelatedRef, Section, SourceRef

REPO = Path(__file__).resolve().parents[1]
FRENCH = REPO.parent / "shared" / "bench-data" / "french-news-clean" / "articles_fr.jsonl"
NOW = datetime(2026, 11, 23, 12, 0, tzinfo=UTC)
TOPICS = ("Emmanuel Macron", "Paris", "Union européenne", "Chine", "PSG", "Santé", "Climat")
PUBLISHERS = ("Orange Actu", "Reuters", "BBC News", "Der Spiegel", "El País")
SITE = SiteSettings(base_url="https://news.example.fr")
SENTENCE = re.compile(r"(?<=[.!?»])\s*(?=[A-ZÀ-Ý«\"])")


def make_pages(count: int) -> list[Page]:
    items = [json.loads(line) for line in FRENCH.read_text(encoding="utf-8").splitlines()]
    pages = []
    for i in range(count):
        item = items[i % len(items)]
        sentences = [s for s in SENTENCE.split(item["article"]) if s.strip()]
        half = max(1, len(sentences) // 2)
        published = NOW - timedelta(minutes=17 * i)
        sources = tuple(
            SourceRef(
                f"a{i}-{k}",
                item["title"].strip(),
                f"https://example.org/{i}/{k}",
                PUBLISHERS[(i + k) % len(PUBLISHERS)],
                published,
                "fr" if k == 0 else "en",
            )
            for k in range(1 + i % 3)
        )
        pages.append(
            Page(
                slug=f"histoire-{i}",
                title=" ".join(item["title"].split())[:70],
                description=" ".join(item["abstract"].split())[:160],
                chapo=item["abstract"],
                sections=(
                    Section(None, tuple(sentences[:half])),
                    Section("La suite des événements", tuple(sentences[half:])),
                ),
                sources=sources,
                published=published,
                updated=published,
                disclosure="Page composée automatiquement à partir des sources citées.",
                story_id=f"s{i}",
                bylines=("Rédaction newsdesk",),
                tags=(TOPICS[i % len(TOPICS)], f"Sujet {i % 400}"),
                related=(RelatedRef(f"histoire-{(i + 1) % count}", "Une autre histoire"),),
            )
        )
    return pages


ROUNDS = 5  # incremental and no-change builds are timed this many times; the median is shown


def timed(build: Callable[[], BuildReport]) -> tuple[BuildReport, float]:
    start = time.perf_counter()
    report = build()
    return report, time.perf_counter() - start


def describe(report: BuildReport) -> str:
    return (
        f"{report.pages_read} pages read, {report.rendered} files rendered, "
        f"{report.written} written, {report.removed} removed"
    )


def rounds(name: str, change: Callable[[int], None], build: Callable[[], BuildReport]) -> float:
    """Time `build` after `change(round)`, ROUNDS times; print the median and every round."""
    results = []
    for n in range(ROUNDS):
        change(n)
        results.append(timed(build))
    times = [t for _, t in results]
    median = statistics.median(times)
    print(
        f"{name}: median {median:.3f} s of {ROUNDS} "
        f"({', '.join(f'{t:.3f}' for t in times)}; {describe(results[-1][0])})"
    )
    return median


def bench_newsdesk(pages: list[Page], out: Path) -> dict[str, float]:
    """The generic path: every page given as a `Page` (each hashed to find the changed ones)."""
    full, full_s = timed(lambda: build_site(pages, out, SITE, NOW))
    print(
        f"newsdesk full build: {len(pages)} story pages, {full.written} files in {full_s:.2f} s "
        f"= {len(pages) / full_s:.0f} pages/s"
    )
    middle = len(pages) // 2

    def retitle(n: int) -> None:
        pages[middle] = replace(pages[middle], title=f"Un titre corrigé par la rédaction ({n})")

    one_s = rounds(
        "newsdesk incremental build, one story retitled (every page hashed)",
        retitle,
        lambda: build_site(pages, out, SITE, NOW),
    )
    none_s = rounds(
        "newsdesk rebuild with nothing changed",
        lambda n: None,
        lambda: build_site(pages, out, SITE, NOW),
    )
    return {"full_s": full_s, "incremental_s": one_s, "noop_s": none_s}


def bench_store(pages: list[Page], work: Path) -> dict[str, float]:
    """The desk's path (publish/from_store.py): pages in a SQLite store, an editor's change,
    `build_from_store` reading only the pages whose content hash changed."""
    from newsdesk.config import Settings
    from newsdesk.publish.from_store import build_from_store
    from newsdesk.publish.state import forget_kept_states
    from newsdesk.store import PageRecord, PageStatus, Store
    from newsdesk.types import Verdict, VerdictStatus

    settings = Settings(data_dir=work / "data", out=work / "site", site=SITE)
    store = Store.open(settings.db_url, settings.data_dir)
    try:
        start = time.perf_counter()
        for page in pages:
            store.save_page(PageRecord(page, Verdict(VerdictStatus.PASS), PageStatus.PUBLISHED))
        fill_s = time.perf_counter() - start
        full, full_s = timed(lambda: build_from_store(store, settings, NOW))
        print(
            f"store: {len(pages)} published pages saved in {fill_s:.1f} s; full build from the "
            f"store {full_s:.2f} s ({describe(full)})"
        )
        page = pages[len(pages) // 3]

        def edit(n: int) -> None:  # an editor's correction, saved as the review desk saves it
            edited = replace(page, title=f"Un titre corrigé par l’éditeur ({n})")
            store.save_page(PageRecord(edited, Verdict(VerdictStatus.PASS), PageStatus.PUBLISHED))

        one_s = rounds(
            "store incremental build, one story retitled (state kept in memory, as in the desk)",
            edit,
            lambda: build_from_store(store, settings, NOW),
        )

        def edit_cold(n: int) -> None:
            edit(ROUNDS + n)
            forget_kept_states()

        cold_s = rounds(
            "store incremental build, one story retitled (state file read, as in a new process)",
            edit_cold,
            lambda: build_from_store(store, settings, NOW),
        )
        none_s = rounds(
            "store rebuild with nothing changed",
            lambda n: None,
            lambda: build_from_store(store, settings, NOW),
        )
    finally:
        store.close()
    return {
        "store_full_s": full_s,
        "store_incremental_s": one_s,
        "store_incremental_cold_s": cold_s,
        "store_noop_s": none_s,
    }


def bench_pelican(pages: list[Page], work: Path) -> float | None:
    try:
        from pelican import Pelican
        from pelican.settings import read_settings
    except ImportError:
        print("pelican: not installed (pip install pelican) — skipped")
        return None
    content = work / "content"
    content.mkdir(parents=True)
    for page in pages:
        body = "".join(
            (f"<h2>{escape(s.heading)}</h2>" if s.heading else "")
            + "".join(f"<p>{escape(p)}</p>" for p in s.paragraphs)
            for s in page.sections
        )
        (content / f"{page.slug}.html").write_text(
            f"<html><head><title>{escape(page.title)}</title>"
            f'<meta name="slug" content="{page.slug}">'
            f'<meta name="date" content="{page.published:%Y-%m-%d %H:%M}">'
            f'<meta name="tags" content="{escape(", ".join(page.tags))}">'
            f'<meta name="category" content="{escape(page.sources[0].publisher or "")}">'
            f'<meta name="summary" content="{escape(page.description)}">'
            f"</head><body><p>{escape(page.chapo)}</p>{body}</body></html>",
            encoding="utf-8",
        )
    settings = read_settings(
        override={
            "PATH": str(content),
            "OUTPUT_PATH": str(work / "output"),
            "SITEURL": "https://news.example.fr",
            "TIMEZONE": "Europe/Paris",
            "DEFAULT_LANG": "fr",
            "FEED_ALL_ATOM": "feeds/all.atom.xml",
            "CATEGORY_FEED_ATOM": None,
            "DEFAULT_PAGINATION": 30,
            "CACHE_CONTENT": False,
            "LOAD_CONTENT_CACHE": False,
        }
    )
    start = time.perf_counter()
    Pelican(settings).run()
    elapsed = time.perf_counter() - start
    print(
        f"pelican {__import__('pelican').__version__} full build: {len(pages)} articles in "
        f"{elapsed:.2f} s = {len(pages) / elapsed:.0f} pages/s"
    )
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="500 pages instead of 10,000")
    parser.add_argument("--pages", type=int, default=10_000)
    parser.add_argument("--no-pelican", action="store_true")
    parser.add_argument("--no-store", action="store_true", help="skip the store path")
    parser.add_argument("--dir", type=Path, default=None, help="where to build (a temp folder)")
    args = parser.parse_args()
    count = 500 if args.quick else args.pages
    if not FRENCH.is_file():
        raise SystemExit(f"benchmark data missing: {FRENCH}")
    start = time.perf_counter()
    sum(range(10**7))
    reference = time.perf_counter() - start
    print(
        f"cores: {os.cpu_count()} (shared with other work: figures are indicative); "
        f"load average {os.getloadavg()[0]:.1f}; CPU reference sum(range(1e7)) = {reference:.2f} s "
        "(about 0.15 s on an idle core)"
    )
    pages = make_pages(count)
    work = Path(tempfile.mkdtemp(prefix="newsdesk-site-bench-", dir=args.dir))
    try:
        bench_newsdesk(pages, work / "newsdesk")
        if not args.no_store:
            bench_store(make_pages(count), work / "store")
        if not args.no_pelican:
            import logging

            logging.disable(logging.WARNING)
            bench_pelican(make_pages(count), work / "pelican")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
