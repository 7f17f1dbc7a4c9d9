"""One desk cycle: sources → store → articles → French pages → the static site.

Each stage reads what the previous one stored, so a crash or a bug in a later stage never loses
what was fetched, and running the cycle again resumes where it stopped without duplicates:
raw items are content-addressed, and extraction picks up every stored item not yet extracted.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from contextlib import AbstractContextManager, nullcontext
from dataclasses import replace
from datetime import datetime
from typing import Protocol

from newsdesk.config import Settings
from newsdesk.desk.pages import PageDecision, decide_pages
from newsdesk.desk.summary import RunSummary
from newsdesk.extract import extract
from newsdesk.ingest import collect
from newsdesk.ingest.fetcher import Fetcher
from newsdesk.log import get_logger
from newsdesk.publish import build_site
from newsdesk.store import Store
from newsdesk.store.records import PageStatus
from newsdesk.types import Article, Rejection, Source, Unchanged

log = get_logger(__name__)


class Progress(Protocol):
    """What the cycle needs from a progress display (rich's Progress, or nothing)."""

    def stage(
        self, name: str, total: int | None = None
    ) -> AbstractContextManager[Callable[[int], None]]: ...


class NoProgress:
    def stage(
        self, name: str, total: int | None = None
    ) -> AbstractContextManager[Callable[[int], None]]:
        return nullcontext(lambda n: None)


def ingest_sources(
    store: Store,
    sources: Iterable[Source],
    settings: Settings,
    run_id: int,
    summary: RunSummary,
    progress: Progress,
) -> None:
    """Fetch or read every enabled source; store each item before anything else touches it."""
    fetcher = Fetcher(settings.fetch)
    try:
        enabled = [s for s in sources if s.enabled]
        with progress.stage("fetching sources", total=len(enabled)) as advance:
            for source in enabled:
                errors = items = 0
                last_error = None
                for item in collect(source, fetcher, store.fetch_memory(), settings.fetch):
                    if isinstance(item, Rejection):
                        summary.reject(item)
                        store.add_rejection(run_id, item)
                        errors += 1
                        last_error = f"{item.reason}: {item.detail}"
                    elif isinstance(item, Unchanged):
                        summary.unchanged += 1
                    else:
                        summary.fetched += 1
                        items += 1
                        if store.save_raw(item):
                            summary.new += 1
                        else:
                            summary.unchanged += 1
                # A source is unhealthy when it yielded errors and nothing usable.
                store.record_fetch(source.id, ok=not (errors and not items), error=last_error)
                log.info("source_done", source=source.location, items=items, errors=errors)
                advance(1)
    finally:
        fetcher.close()


def extract_pending(
    store: Store, settings: Settings, run_id: int, summary: RunSummary, progress: Progress
) -> None:
    """Extract every stored raw item that has not been extracted yet (this run's or a crashed run's)."""
    pending = store.pending_raw_ids()
    sources = {s.id: s for s in store.list_sources()}
    with progress.stage("extracting articles", total=len(pending)) as advance:
        for raw_id in pending:
            raw = store.get_raw(raw_id)
            result = extract(raw, sources.get(raw.source_id), settings.extract)
            if isinstance(result, Rejection):
                summary.reject(result)
                store.add_rejection(run_id, result)
                store.mark_extracted(raw_id, article_id=None)
            else:
                store.save_article(result)
                store.mark_extracted(raw_id, article_id=result.id)
                summary.extracted += 1
            advance(1)


def publish_pages(
    store: Store, settings: Settings, now: datetime, summary: RunSummary, progress: Progress
) -> list[PageDecision]:
    articles: list[Article] = store.list_articles()
    publishers = {s.id: (s.publisher or s.name) for s in store.list_sources()}
    with progress.stage("composing pages", total=len(articles)) as advance:
        decisions = decide_pages(articles, publishers, settings, now, advance)
    for i, decision in enumerate(decisions):
        if decision.page is None:
            summary.waiting_translation += 1
            continue
        decision = decisions[i] = keep_dates(store, decision)
        store.save_page(decision.record())
        if decision.published:
            summary.pages_published += 1
        else:
            summary.pages_held += 1
            summary.held[decision.page.title] = list(decision.verdict.reasons)
    # The site shows every published page, including those an editor approved in earlier runs.
    published = [record.page for record in store.pages.list(PageStatus.PUBLISHED)]
    report = build_site(published, settings.out, settings.site, now)
    summary.pages_written = report.written
    return decisions


def keep_dates(store: Store, decision: PageDecision) -> PageDecision:
    """Keep a page's publication date across runs, and its update date when nothing changed.

    Composition stamps pages with the cycle's time; without this, every run would "update" every
    page and rewrite the whole site.
    """
    page = decision.page
    assert page is not None
    existing = store.pages.get(page.id)
    if existing is None:
        return decision
    old = existing.page
    page = replace(page, published=old.published)
    if replace(page, updated=old.updated) == old:
        page = old
    return replace(decision, page=page)


def run_cycle(
    store: Store,
    sources: Iterable[Source],
    settings: Settings,
    now: datetime,
    progress: Progress | None = None,
) -> RunSummary:
    """Run every stage once and return the summary (also stored with the run)."""
    progress = progress or NoProgress()
    summary = RunSummary()
    run_id = store.start_run(now)
    status = "failed"
    try:
        ingest_sources(store, sources, settings, run_id, summary, progress)
        extract_pending(store, settings, run_id, summary, progress)
        publish_pages(store, settings, now, summary, progress)
        status = "ok" if summary.processed_anything else "nothing_processed"
    finally:
        store.finish_run(run_id, summary.counts(), status)
    return summary
