"""The static site, built in two phases (as Pelican does): plan every output, then write.

A build starts from an *index* of the site's pages (slug → a digest of the page's content) and
the previous build's state file (`state.py`), which keeps one summary per page: what listings,
feeds, sitemaps and the search index show of it. Only the pages whose digest changed are read;
every other page is known by its summary. So one changed story among 10,000 costs one page read,
the listings it appears on, and nothing per unchanged page but a dictionary entry. A process
that builds again (the review desk) keeps its last state in memory, checked against the state
file's identity, and each card keeps its search-index record, sitemap line and topics, so the
next build neither parses the state file nor encodes unchanged entries again.

Phase 1 (`_plan`) names every output file with a *key*: a digest of exactly what that file
shows (a story page's key is its content digest, its language versions and which of its
"En savoir plus" links lead to stories no longer on the site, which are left out; a listing's
key is the cards it lists and their number). Nothing is rendered yet. Two outputs with one path are refused (an error,
never a silent overwrite).

Phase 2 (`_write`) compares each key with the one the previous build recorded and renders only
the outputs whose key changed or whose file is missing; a rendered file whose bytes did not
change is not rewritten. Files a previous build wrote that this one does not plan are removed.
Changing a template or the site settings changes the state's salt, so a new newsdesk version
reads and renders every page once. The output depends only on the final set of pages, never on
the builds before: an incremental build writes the same bytes as a full build (tested).
"""

from __future__ import annotations

import gc
import hashlib
import os
import pickle
import shutil
import threading
from collections.abc import Callable, Collection, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import datetime
from functools import lru_cache
from operator import attrgetter
from pathlib import Path
from typing import NamedTuple

from newsdesk.config import SiteSettings
from newsdesk.errors import NewsdeskError
from newsdesk.log import get_logger
from newsdesk.publish import feeds, jsonld, search, sitemaps
from newsdesk.publish.state import (
    LEGACY_MANIFEST,
    STATE,
    STATE_VERSION,
    BuildState,
    read_state,
    write_state,
)
from newsdesk.publish.templating import environment, static_files, templates_fingerprint
from newsdesk.publish.urls import (
    PUBLISHERS_DIR,
    TOPICS_DIR,
    absolute,
    listing_path,
    name_slug,
    publisher_dir,
    root_of,
    story_path,
    topic_dir,
)
from newsdesk.publish.views import (
    Card,
    Group,
    PublisherStats,
    SiteView,
    Summary,
    gather,
    most_sourced,
    summary_of,
)
from newsdesk.types import Page

log = get_logger(__name__)

HOME_LATEST = 30  # stories under "Dernières histoires" on the home page
HOME_MOST_SOURCED = 8  # stories under "Les plus sourcées"
HOME_TOPICS = 24  # topics named on the home page (the most-covered ones)
LISTING_PAGE_SIZE = 30  # stories per page of a topic or publisher listing

# Reads the pages whose content digest changed, by slug: slug → (page, its content digest).
# A slug it cannot find any more (unpublished meanwhile) is left out: that page is not listed.
Fetch = Callable[[Collection[str]], Mapping[str, tuple[Page, str]]]

_KEY = attrgetter("key")
_UPDATED = attrgetter("updated")
_build_lock = threading.Lock()  # one build at a time per process (the desk and a cycle may race)


@dataclass(frozen=True)
class BuildReport:
    written: int  # files rendered and written (new or changed bytes)
    unchanged: int  # files kept as they were (same key, or same bytes)
    removed: int  # files of earlier builds that this build no longer produces
    rendered: int = 0  # files rendered in this build (written + rendered with the same bytes)
    pages_read: int = 0  # pages read in full (changed, or rendered again); the rest by summary

    @property
    def total(self) -> int:
        return self.written + self.unchanged


class Output(NamedTuple):
    """One planned file: where, what it depends on (`key`), and how to render it.

    A story page has no `render`: `story` names its page, read only if it is rendered. (A
    named tuple: 10,000 are made per build, at a fraction of a frozen dataclass's cost.)"""

    path: str
    key: str
    render: Callable[[], bytes] | None = None
    story: str | None = None


def _digest(*parts: object) -> str:
    """A digest of frozen dataclasses, tuples, strings and datetimes.

    Pickle is used as a fast, C-level serialisation; equal inputs built the same way pickle to
    the same bytes. When they do not (a string shared by identity in one build and not in the
    next), the only cost is one needless render: the write step still compares bytes."""
    data = pickle.dumps(parts, protocol=5)
    return hashlib.blake2b(data, digest_size=16).hexdigest()


def _keys_digest(cards: Sequence[Card], *parts: object) -> str:
    """A digest of many cards (by their keys, computed once per card) and a few other values."""
    h = hashlib.blake2b(digest_size=16)
    h.update("\x1f".join(map(_KEY, cards)).encode("ascii"))
    h.update(pickle.dumps(parts, protocol=5))
    return h.hexdigest()


def page_digest(page: Page) -> str:
    """The builder's digest of a page's content, for callers that have no content hash."""
    return _digest(page)


def _salt(site: SiteSettings) -> str:
    """What every key also depends on: the state format, templates, static files, settings."""
    return _digest(STATE_VERSION, templates_fingerprint(), site.model_dump_json())


def _common(site: SiteSettings, path: str) -> dict[str, object]:
    return {
        "site": site,
        "root": root_of(path),
        "lang": site.language,
        "path": path,
        "canonical": absolute(site.base_url, path),
        "name_slug": name_slug,
    }


def _page_lists(directory: str, cards: list[Card]) -> Iterator[tuple[int, int, str, list[Card]]]:
    """(number, count, path, cards) of each page of a paginated listing."""
    count = max(1, -(-len(cards) // LISTING_PAGE_SIZE))
    for number in range(1, count + 1):
        chunk = cards[(number - 1) * LISTING_PAGE_SIZE : number * LISTING_PAGE_SIZE]
        yield number, count, listing_path(directory, number), chunk


class _Planner:
    def __init__(
        self, site: SiteSettings, now: datetime, view: SiteView, slugs: Collection[str]
    ) -> None:
        self.slugs = slugs  # every page on the site
        self.site = site
        self.now = now
        self.view = view
        self.env = environment()
        self.outputs: dict[str, Output] = {}

    def add(self, path: str, key: str, render: Callable[[], bytes]) -> None:
        """Plan `path`; `key` is a digest of its inputs (the state's salt adds templates and
        settings)."""
        if path in self.outputs:
            raise NewsdeskError(f"two outputs would be written to {path!r}; refusing to overwrite")
        self.outputs[path] = Output(path, key, render)

    def html(self, template: str, path: str, **context: object) -> Callable[[], bytes]:
        def render() -> bytes:
            page = self.env.get_template(template)
            return page.render(**{**_common(self.site, path), **context}).encode("utf-8")

        return render

    def story(self, summary: Summary) -> None:
        slug = summary.card.slug
        path = story_path(slug)
        if path in self.outputs:
            raise NewsdeskError(f"two outputs would be written to {path!r}; refusing to overwrite")
        alternates = self.view.alternates.get(slug)
        key = summary.content + ("+" + _digest(alternates) if alternates else "")
        if summary.related:
            gone = [r for r in summary.related if r not in self.slugs]
            if gone:  # its links to stories no longer on the site are left out
                key += "-" + _digest(gone)
        self.outputs[path] = Output(path, key, story=slug)

    def redirects(self, redirects: Mapping[str, str], summaries: Mapping[str, Summary]) -> None:
        """A small page at each old address (a story absorbed by another) that sends readers
        and search engines on to the story's page; only to a page on the site, never over one."""
        for old, new in sorted(redirects.items()):
            target = summaries.get(new)
            if old in summaries or target is None:
                continue
            path, target_path = story_path(old), story_path(new)
            title = target.card.title
            self.add(
                path,
                _digest("redirect", target_path, title),
                self.html(
                    "redirect.html",
                    path,
                    title=title,
                    target_path=target_path,
                    target_url=absolute(self.site.base_url, target_path),
                ),
            )

    def render_story(self, page: Page) -> bytes:
        if any(r.slug not in self.slugs for r in page.related):
            page = replace(page, related=tuple(r for r in page.related if r.slug in self.slugs))
        path = story_path(page.slug)
        url = absolute(self.site.base_url, path)
        data = jsonld.news_article(page, url, self.site.name)
        return (
            self.env.get_template("page.html")
            .render(
                **_common(self.site, path),
                page=page,
                url=url,
                alternates=self.view.alternates.get(page.slug, ()),
                jsonld=jsonld.dumps(data),
            )
            .encode("utf-8")
        )

    def listing(self, group: Group, directory: str, kind: str) -> None:
        total = len(group.cards)
        for number, count, path, chunk in _page_lists(directory, group.cards):
            self.add(
                path,
                _keys_digest(chunk, kind, group.name, group.stats, number, count, total),
                self.html(
                    "listing.html",
                    path,
                    group=group,
                    kind=kind,
                    cards=chunk,
                    number=number,
                    count=count,
                    directory=directory,
                    listing_path=listing_path,
                ),
            )

    def feeds(self, info: feeds.FeedInfo, cards: list[Card]) -> None:
        shown = cards[: feeds.FEED_SIZE]
        # An empty feed shows the build time as its update time; a non-empty one does not.
        key = _keys_digest(shown, info, None if shown else self.now)
        d = info.directory
        self.add(f"{d}atom.xml", key, lambda: feeds.atom(info, shown, self.site, self.now))
        self.add(f"{d}rss.xml", key, lambda: feeds.rss(info, shown, self.site, self.now))
        self.add(f"{d}feed.json", key, lambda: feeds.json_feed(info, shown, self.site))


def _plan(
    summaries: Mapping[str, Summary],
    site: SiteSettings,
    now: datetime,
    publishers: Mapping[str, PublisherStats] | None,
    redirects: Mapping[str, str] | None = None,
) -> _Planner:
    """Phase 1: every file of the site by relative path, with its key. Renders nothing and
    reads no page: listings are planned from the pages' summaries."""
    view = gather(summaries.values(), publishers)
    plan = _Planner(site, now, view, summaries.keys())
    for summary in summaries.values():
        plan.story(summary)
    cards = view.cards
    latest = cards[:HOME_LATEST]
    sourced = most_sourced(cards, HOME_MOST_SOURCED)
    top_topics = sorted(view.topics.values(), key=lambda g: (-len(g.cards), g.name))[:HOME_TOPICS]
    home_topics = [(g.slug, g.name, len(g.cards)) for g in top_topics]
    plan.add(
        "index.html",
        _keys_digest(latest + sourced, len(latest), home_topics, len(cards)),
        plan.html(
            "index.html",
            "index.html",
            latest=latest,
            sourced=sourced,
            topics=home_topics,
            total=len(cards),
        ),
    )
    plan.feeds(
        feeds.FeedInfo(
            site.name, "L’actualité internationale en français, avec ses sources", "index.html", ""
        ),
        cards,
    )
    for group in view.topics.values():
        plan.listing(group, topic_dir(group.slug), "topic")
        plan.feeds(
            feeds.FeedInfo(
                f"{group.name} – {site.name}",
                f"Les histoires du sujet « {group.name} »",
                listing_path(topic_dir(group.slug), 1),
                topic_dir(group.slug),
            ),
            group.cards,
        )
    for group in view.publishers.values():
        plan.listing(group, publisher_dir(group.slug), "publisher")
    for directory, groups, kind in (
        (f"{TOPICS_DIR}/", view.topics, "topics"),
        (f"{PUBLISHERS_DIR}/", view.publishers, "publishers"),
    ):
        rows = [(g.slug, g.name, len(g.cards), g.stats) for g in groups.values()]
        path = f"{directory}index.html"
        plan.add(path, _digest(kind, rows), plan.html("groups.html", path, kind=kind, groups=rows))
    plan.redirects(redirects or {}, summaries)
    plan.add("recherche.html", "search-page", plan.html("search.html", "recherche.html"))
    plan.add("404.html", "not-found", plan.html("404.html", "404.html", root="/"))
    index_key = _keys_digest(cards)
    index_files = lru_cache(maxsize=1)(lambda: search.index_files(cards))
    plan.add("search-index.json", index_key, lambda: index_files()["search-index.json"])
    plan.add("search-index.js", index_key, lambda: index_files()["search-index.js"])

    groups_lastmod = [
        (dir_of(g.slug), max(map(_UPDATED, g.cards)))
        for dir_of, members in ((topic_dir, view.topics), (publisher_dir, view.publishers))
        for g in members.values()
    ]
    alternates = sorted(view.alternates.items())

    def sitemap_lines() -> list[str]:
        base = site.base_url
        first = sitemaps.Entry("index.html", cards[0].updated if cards else None)
        lines = [sitemaps.url_line(first, base)]
        lines += [sitemaps.card_line(c, view.alternates.get(c.slug, ()), base) for c in cards]
        lines += [sitemaps.url_line(sitemaps.Entry(p, m), base) for p, m in groups_lastmod]
        return lines

    # A card's key covers its path and update time; the sitemap also shows the alternates and
    # each listing's last update.
    sitemap_key = _keys_digest(cards, alternates, groups_lastmod)
    sitemap_files = lru_cache(maxsize=1)(lambda: sitemaps.sitemap_files(sitemap_lines(), site))
    for name in sitemaps.file_names(1 + len(cards) + len(groups_lastmod)):
        plan.add(name, sitemap_key, lambda name=name: sitemap_files()[name])  # type: ignore[misc]
    names = ["sitemap.xml"]
    recent = sitemaps.recent_cards(cards, now)
    if recent:
        plan.add(
            "news-sitemap.xml",
            _keys_digest(recent),
            lambda: sitemaps.news_sitemap(recent, site),
        )
        names.append("news-sitemap.xml")
    plan.add("robots.txt", _digest(names), lambda: sitemaps.robots(site, names))
    for name, data in static_files():
        plan.add(f"static/{name}", _digest(name, data), lambda data=data: data)  # type: ignore[misc]
    return plan


class _Folders:
    """Which files exist, one directory listing per folder (not one `stat` per file)."""

    def __init__(self, out: Path) -> None:
        self.out = out
        self.names: dict[str, set[str]] = {}

    def exists(self, rel: str) -> bool:
        folder, _, name = rel.rpartition("/")
        names = self.names.get(folder)
        if names is None:
            try:
                # Folders too: no output shares its name with a folder.
                names = set(os.listdir(self.out / folder if folder else self.out))
            except FileNotFoundError:
                names = set()
            self.names[folder] = names
        return name in names


def _write_atomic(target: Path, data: bytes) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(f".{target.name}.tmp")
    tmp.write_bytes(data)
    tmp.replace(target)


def _remove_empty_folders(folder: Path, out: Path) -> None:
    """Remove `folder` and its parents up to `out` while they are empty (an emptied topic)."""
    while folder != out and folder.is_relative_to(out):
        try:
            folder.rmdir()
        except OSError:  # not empty
            return
        folder = folder.parent


def _write(
    plan: _Planner,
    previous: BuildState,
    trusted: bool,
    pages: dict[str, Page],
    fetch: Fetch,
    out: Path,
) -> tuple[BuildReport, int]:
    """Phase 2: render and write what changed; remove what earlier builds wrote and this one
    did not. Returns the report and how many pages were read for rendering."""
    outputs = plan.outputs
    keys = previous.outputs if trusted else {}
    folders = _Folders(out)
    todo = [o for o in outputs.values() if keys.get(o.path) != o.key or not folders.exists(o.path)]
    missing = [o.story for o in todo if o.story is not None and o.story not in pages]
    if missing:  # pages rendered again although unchanged (new language version, lost file)
        fetched = fetch(missing)
        lost = sorted(set(missing) - set(fetched))
        if lost:
            raise NewsdeskError(f"pages vanished during the build, build again: {lost[:5]}")
        pages.update({slug: page for slug, (page, _) in fetched.items()})
    written = rendered = 0
    for output in sorted(todo, key=lambda o: o.path):
        if output.story is not None:
            data = plan.render_story(pages[output.story])
        else:
            assert output.render is not None
            data = output.render()
        rendered += 1
        target = out / output.path
        if folders.exists(output.path) and target.read_bytes() == data:
            continue
        _write_atomic(target, data)
        written += 1
    removed = 0
    for rel in sorted(set(previous.outputs) - set(outputs)):
        stale = out / rel
        if stale.is_file():
            stale.unlink()
            removed += 1
            _remove_empty_folders(stale.parent, out)
    report = BuildReport(
        written=written,
        unchanged=len(outputs) - written,
        removed=removed,
        rendered=rendered,
    )
    return report, len(missing)


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector for one build.

    A build allocates hundreds of thousands of small objects (summaries, cards, keys) that live
    until it ends; each allocation burst triggered a full collection that walks them all again,
    which was half the time of a no-change build of 10,000 pages (measured with cProfile).
    Reference counting still frees everything that is not in a cycle."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def update_site(
    index: Mapping[str, str],
    fetch: Fetch,
    out: Path,
    site: SiteSettings,
    now: datetime,
    publishers: Mapping[str, PublisherStats] | None = None,
    redirects: Mapping[str, str] | None = None,
) -> BuildReport:
    """Build the site of the pages named by `index` (slug → content digest) into `out`.

    `redirects` (old slug → slug of a page) writes a redirect page at each old address.

    Pages whose digest matches the previous build's state are known by their summary and not
    read; `fetch` reads the others (and any page whose file must be rendered again). The
    result is the same site, byte for byte, as a build from scratch of the same pages."""
    with _build_lock, _collector_paused():
        # Everything the build allocated is freed when `_update` returns, before the collector
        # runs again: it then walks only what outlives the build.
        report, pages = _update(index, fetch, out, site, now, publishers, redirects)
    log.info(
        "site_built",
        out=str(out),
        pages=pages,
        pages_read=report.pages_read,
        written=report.written,
        unchanged=report.unchanged,
        removed=report.removed,
    )
    return report


def _update(
    index: Mapping[str, str],
    fetch: Fetch,
    out: Path,
    site: SiteSettings,
    now: datetime,
    publishers: Mapping[str, PublisherStats] | None,
    redirects: Mapping[str, str] | None = None,
) -> tuple[BuildReport, int]:
    out.mkdir(parents=True, exist_ok=True)
    previous = read_state(out)
    salt = _salt(site)
    trusted = previous.trusted(salt)
    known = previous.pages if trusted else {}
    changed = [
        slug
        for slug, digest in index.items()
        if (s := known.get(slug)) is None or s.content != digest
    ]
    fetched = fetch(changed) if changed else {}
    pages = {slug: page for slug, (page, _) in fetched.items()}
    summaries: dict[str, Summary] = {}
    for slug in sorted(index):
        if slug in fetched:
            page, digest = fetched[slug]
            summaries[slug] = summary_of(page, digest)
        elif slug in known and known[slug].content == index[slug]:
            summaries[slug] = known[slug]
    plan = _plan(summaries, site, now, publishers, redirects)
    report, reread = _write(plan, previous, trusted, pages, fetch, out)
    state = BuildState(salt, {rel: o.key for rel, o in plan.outputs.items()}, summaries)
    unchanged_state = (
        trusted
        and not fetched
        and summaries.keys() == known.keys()
        and state.outputs == previous.outputs
    )
    if not unchanged_state:
        write_state(out, state, previous)
    (out / LEGACY_MANIFEST).unlink(missing_ok=True)
    report = BuildReport(
        report.written, report.unchanged, report.removed, report.rendered, len(fetched) + reread
    )
    return report, len(summaries)


def build_site(
    pages: Sequence[Page],
    out: Path,
    site: SiteSettings,
    now: datetime,
    publishers: Mapping[str, PublisherStats] | None = None,
    page_keys: Mapping[str, str] | None = None,
    redirects: Mapping[str, str] | None = None,
) -> BuildReport:
    """Build the site of `pages` into `out`, rendering only outputs whose content changed.

    `publishers` (by publisher name) adds the findings rate to each publisher's page; without
    it the rate is shown as not measured. `page_keys` (slug → content digest, e.g. the store's
    `PageRecord.content_hash`) spares hashing every page to find the changed ones; pages
    missing from it are hashed (about 50 µs each)."""
    by_slug: dict[str, Page] = {}
    for page in pages:
        if page.slug in by_slug:
            path = story_path(page.slug)
            raise NewsdeskError(f"two outputs would be written to {path!r}; refusing to overwrite")
        by_slug[page.slug] = page
    keys = page_keys or {}
    index = {slug: keys.get(slug) or page_digest(page) for slug, page in by_slug.items()}

    def fetch(slugs: Collection[str]) -> dict[str, tuple[Page, str]]:
        return {slug: (by_slug[slug], index[slug]) for slug in slugs if slug in by_slug}

    return update_site(index, fetch, out, site, now, publishers, redirects)


def clear_site(out: Path) -> None:
    """Remove a site folder this builder created (refuses folders it did not create)."""
    if (out / STATE).exists() or (out / LEGACY_MANIFEST).exists():
        shutil.rmtree(out)
