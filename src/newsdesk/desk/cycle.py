"""One desk cycle: sources → store → articles → French pages → the static site.

Each stage reads what the previous one stored, so a crash or a bug in a later stage never loses
what was fetched, and running the cycle again resumes where it stopped without duplicates:
raw items are content-addressed, and extraction picks up every stored item not yet extracted.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Protocol

from newsdesk.config import Settings
from newsdesk.desk.analysis import analyse, pending_articles
from newsdesk.desk.editorial import editorial_of
from newsdesk.desk.pages import PageDecision, decide_story
from newsdesk.desk.related import RelatedIndex, linked_stories, refresh_related, story_names
from newsdesk.desk.sources import story_material
from newsdesk.desk.state import load_state, save_state
from newsdesk.desk.summary import RunSummary
from newsdesk.extract import extract
from newsdesk.ingest import collect, reasons
from newsdesk.ingest.fetcher import Fetcher, ResponseMeta
from newsdesk.log import get_logger
from newsdesk.publish.from_store import build_from_store
from newsdesk.store import RunStatus, Store
from newsdesk.translate import get_engine
from newsdesk.types import Article, Rejection, RelatedRef, Source, Story, Unchanged, stable_id

log = get_logger(__name__)


class Progress(Protocol):
    """What the cycle needs from a progress display (rich's Progress, or nothing)."""

    def stage(
        self, name: str, total: int | None = None
    ) -> AbstractContextManager[Callable[[int], None]]: ...


class StopFlag(Protocol):
    """Set by a signal handler (SIGTERM, SIGINT) or `serve` shutting down; the cycle checks it
    between sources, items and stories, so it stops after the current one with everything
    before it committed (a threading.Event fits)."""

    def is_set(self) -> bool: ...


class _Never:
    def is_set(self) -> bool:
        return False


NEVER = _Never()


#: Rejections that say nothing against a source's health: a feed or sitemap that lists nothing
#: yet (a new blog, a quiet night) is checked on schedule, never backed off or paused for it.
QUIET_REASONS = frozenset({reasons.EMPTY_FEED, reasons.EMPTY_SITEMAP})


def source_healthy(source_failed: bool, errors: int, items: int, unchanged: int) -> bool:
    """Whether a source's check went well, for its schedule and the desk's source health.

    Unhealthy: its own location failed (the feed, the sitemap, the folder), or every entry it
    listed failed and none was new or unchanged. One entry's page failing (a 404 among twenty
    entries, or the only new entry of a feed whose other entries were fetched before) is that
    entry's rejection, not the source's: backing off the feed would not bring the page back.
    """
    return not source_failed and not (errors and not items and not unchanged)


@dataclass(frozen=True)
class SourceOutcome:
    """What one source's check gave: for the watcher's schedule (newsdesk.desk.schedule)."""

    source: Source
    ok: bool
    items: int
    new: int
    errors: int
    response: ResponseMeta | None  # the last response to the source's own address, if any


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
    stop: StopFlag = NEVER,
    on_source: Callable[[SourceOutcome], None] | None = None,
) -> None:
    """Fetch or read every enabled source; store each item before anything else touches it.
    `on_source` hears how each source went (the watcher schedules its next check from it)."""
    fetcher = Fetcher(settings.fetch)
    try:
        enabled = [s for s in sources if s.enabled]
        with progress.stage("fetching sources", total=len(enabled)) as advance:
            for source in enabled:
                if stop.is_set():
                    break
                errors = items = new = unchanged = 0
                source_failed = False
                last_error = None
                for item in collect(source, fetcher, store.fetch_memory(), settings.fetch):
                    if isinstance(item, Rejection):
                        summary.reject(item)
                        store.add_rejection(run_id, item)
                        if item.reason in QUIET_REASONS:
                            continue  # an empty feed is a healthy source with nothing yet
                        errors += 1
                        last_error = f"{item.reason}: {item.detail}"
                        source_failed = source_failed or item.item == source.location
                    elif isinstance(item, Unchanged):
                        summary.unchanged += 1
                        unchanged += 1
                    else:
                        summary.fetched += 1
                        items += 1
                        if store.save_raw(item):
                            summary.new += 1
                            new += 1
                        else:
                            summary.unchanged += 1
                    if stop.is_set():
                        break  # items taken so far are stored; the feed is read again next time
                if stop.is_set():
                    log.info("source_stopped", source=source.location, items=items)
                    break  # an unfinished check says nothing of the source's health
                ok = source_healthy(source_failed, errors, items, unchanged)
                store.record_fetch(source.id, ok=ok, error=last_error)
                if on_source is not None:
                    response = fetcher.last_response(source.location)
                    on_source(SourceOutcome(source, ok, items, new, errors, response))
                log.info("source_done", source=source.location, items=items, errors=errors)
                advance(1)
    finally:
        fetcher.close()


def extract_pending(
    store: Store,
    settings: Settings,
    run_id: int,
    summary: RunSummary,
    progress: Progress,
    stop: StopFlag = NEVER,
) -> None:
    """Extract every stored raw item that has not been extracted yet (this run's or a crashed run's)."""
    pending = store.pending_raw_ids()
    sources = {s.id: s for s in store.list_sources()}
    with progress.stage("extracting articles", total=len(pending)) as advance:
        for raw_id in pending:
            if stop.is_set():
                break  # the rest stay pending: the next cycle extracts them
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
    store: Store,
    settings: Settings,
    now: datetime,
    summary: RunSummary,
    progress: Progress,
    withdrawn: frozenset[str] = frozenset(),
    stop: StopFlag = NEVER,
) -> list[PageDecision]:
    """Analyse new articles, then compose, verify and save the page of every changed story,
    bring the other pages' "En savoir plus" links up to date, and rebuild the site from every
    published page. Articles of the `withdrawn` sources are left out, and so is every page
    made from them (see `withdraw_pages`)."""
    state = load_state(store)
    articles: dict[str, Article] = {}
    left_out: set[str] = set()
    for article in store.list_articles():
        if article.source_id in withdrawn:
            left_out.add(article.id)
        else:
            articles[article.id] = article
    if left_out:
        withdraw_pages(store, left_out)
    pending = pending_articles(
        list(articles.values()) if state.rebuild_needed else
        [a for a in articles.values() if state.stories.story_of(a.id) is None],
        state,
    )  # fmt: skip
    with progress.stage("analysing articles", total=len(pending)) as advance:
        analysis = analyse(store, pending, state, now)
        advance(len(pending))
    stories = {s.id: s for s in state.stories.stories()}
    for old, new in analysis.merged.items():
        # Its members now have the absorbing story's page; its address leads there.
        absorbed = store.pages.get(stable_id(old))
        if absorbed is not None:
            store.redirects.add(absorbed.slug, stable_id(new))
            store.pages.remove(absorbed.id)
    # Stories to compose: those that changed, and those without a page yet (a crashed run, or
    # a story waiting for a translation engine that is now configured).
    todo = [
        s
        for s in stories.values()
        if s.id in analysis.changed_stories or store.pages.get(stable_id(s.id)) is None
    ]
    if left_out:
        todo = [s for s in (shown_members(s, articles) for s in todo) if s.members]
    engine = get_engine(settings.translate)
    publishers = {s.id: (s.publisher or s.name) for s in store.list_sources()}
    for story in todo:
        if story.id not in state.names:
            state.names[story.id] = sorted(story_names(story, articles))
    related = RelatedIndex(state.names, store.pages.published_refs())
    decisions: list[PageDecision] = []
    with progress.stage("composing story pages", total=len(todo)) as advance:
        for story in todo:
            if stop.is_set():
                break
            material = story_material(story, articles, publishers, engine, store)
            links = related.best(story.id, linked_stories(store, story.members, story.id, state))
            editorial = editorial_of(store.decisions.list(stable_id(story.id)))
            decision = decide_story(story, material, settings, now, links, editorial)
            if decision.page is None:
                summary.waiting_translation += 1
                summary.held[story.title or story.id] = list(decision.verdict.reasons)
                decisions.append(decision)
                advance(1)
                continue
            decision = keep_identity(store, decision)
            page = decision.page
            assert page is not None
            store.save_page(decision.record())
            if decision.published:
                summary.pages_published += 1
                related.published[story.id] = RelatedRef(page.slug, page.title)
            else:
                related.published.pop(story.id, None)
                summary.pages_held += 1
                summary.held[page.title] = list(decision.verdict.reasons)
            decisions.append(decision)
            advance(1)
    if stop.is_set():
        # Stopped among the stories: leave the indexes as they were before this cycle, as a
        # crash would, so the next cycle analyses the same articles again and composes the
        # stories left out; what was saved is kept, and the site shows it.
        summary.pages_written = build_from_store(store, settings, now).written
        return decisions
    retire_article_pages(store)
    # Pages composed in earlier cycles link to what was published then: bring the links of
    # those this cycle may affect up to date (and of this cycle's pages, composed one by one).
    refresh = refresh_related(store, state, stories, analysis.changed_stories, [s.id for s in todo])
    summary.related_refreshed = refresh.refreshed
    save_state(store, state)
    # The site shows every published page, including those an editor approved in earlier runs;
    # the same builder as the review desk's, so both agree on what changed (see publish.from_store).
    report = build_from_store(store, settings, now)
    summary.pages_written = report.written
    return decisions


def shown_members(story: Story, articles: Mapping[str, Article]) -> Story:
    """The story with only the members the desk may show (a page lists its story's members)."""
    members = tuple(m for m in story.members if m in articles)
    if members == story.members:
        return story
    lead = story.lead if story.lead in members else (members[0] if members else None)
    return replace(story, members=members, lead=lead)


def withdraw_pages(store: Store, article_ids: set[str]) -> None:
    """Remove every page made from any of these articles (the articles of withdrawn sources,
    such as the samples once the user has sources of their own). A story that also has other
    articles has no page for a moment: it is composed again, from those, in the same cycle."""
    for record in store.pages.list():
        if article_ids.intersection(record.article_ids):
            store.pages.remove(record.id)
            log.info("page_withdrawn", page=record.id, slug=record.slug)


def retire_article_pages(store: Store) -> None:
    """Pages of the former one-page-per-article desk (no story id) give way to story pages."""
    for record in store.pages.list():
        if record.story_id is None:
            store.pages.remove(record.id)
            log.info("article_page_retired", page=record.id, slug=record.slug)


def keep_identity(store: Store, decision: PageDecision) -> PageDecision:
    """Keep a page's slug and publication date across runs, and its update date when its
    content did not change.

    Composition stamps pages with the cycle's time and a slug from the current headline;
    without this, every run would "update" every page, and a story whose headline changes
    with a new source would move to a new address.
    """
    page = decision.page
    assert page is not None
    existing = store.pages.get(page.id)
    if existing is None:
        return decision
    old = existing.page
    page = replace(page, published=old.published, slug=old.slug)
    if replace(page, updated=old.updated, related=old.related) == old:
        # Same content: the update date stays, even when the "En savoir plus" links differ
        # (they are navigation; readers' dateModified is about the story's content).
        page = replace(old, related=page.related)
    return replace(decision, page=page)


def run_cycle(
    store: Store,
    sources: Iterable[Source],
    settings: Settings,
    now: datetime,
    progress: Progress | None = None,
    withdrawn: frozenset[str] = frozenset(),
    stop: StopFlag = NEVER,
    on_source: Callable[[SourceOutcome], None] | None = None,
) -> RunSummary:
    """Run every stage once and return the summary (also stored with the run). `withdrawn`:
    ids of sources whose articles and pages leave the site (see `desk.roster`). When `stop` is
    set, the stage in progress ends after its current item and the run is recorded `stopped`."""
    progress = progress or NoProgress()
    summary = RunSummary()
    started = store.begin_run(now)  # earlier runs still `running` were killed: interrupted
    run_id, summary.interrupted_runs = started.id, started.interrupted
    status = "failed"
    try:
        ingest_sources(store, sources, settings, run_id, summary, progress, stop, on_source)
        if not stop.is_set():
            extract_pending(store, settings, run_id, summary, progress, stop)
        if not stop.is_set():
            publish_pages(store, settings, now, summary, progress, withdrawn, stop)
        if stop.is_set():
            status = RunStatus.STOPPED.value
        else:
            status = "ok" if summary.processed_anything else "nothing_processed"
    finally:
        store.finish_run(run_id, summary.counts(), status)
    return summary
