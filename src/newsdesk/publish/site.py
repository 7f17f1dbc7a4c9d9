"""The static site, built in two phases (as Pelican does): plan every output, then write.

Phase 1 (`plan_outputs`) gathers the site's listings and names every output file with a *key*:
a digest of exactly what that file shows (a story page's key is its `Page`; a listing's key is
the cards it lists). Nothing is rendered yet. Two outputs with one path are refused (an error,
never a silent overwrite).

Phase 2 (`write_outputs`) compares each key with the one recorded by the previous build in
`out/.newsdesk-state.json` and renders only the outputs whose key changed or whose file is
missing; a rendered file whose bytes did not change is not rewritten. Files a previous build
wrote that this one does not plan are removed. Changing a template or the site settings changes
every key, so a new newsdesk version rebuilds everything once.
"""

from __future__ import annotations

import hashlib
import json
import os
import pickle
import shutil
import threading
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache, partial
from pathlib import Path

from newsdesk.config import SiteSettings
from newsdesk.errors import NewsdeskError
from newsdesk.log import get_logger
from newsdesk.publish import feeds, jsonld, search, sitemaps
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
from newsdesk.publish.views import Card, Group, PublisherStats, SiteView, gather, most_sourced
from newsdesk.types import Page

log = get_logger(__name__)

HOME_LATEST = 30  # stories under "Dernières histoires" on the home page
HOME_MOST_SOURCED = 8  # stories under "Les plus sourcées"
HOME_TOPICS = 24  # topics named on the home page (the most-covered ones)
LISTING_PAGE_SIZE = 30  # stories per page of a topic or publisher listing
STATE = ".newsdesk-state.json"  # what the last build wrote, with each output's key
LEGACY_MANIFEST = ".newsdesk-manifest"  # the state file of builds before keys (still honoured)
STATE_VERSION = 1

_build_lock = threading.Lock()  # one build at a time per process (the desk and a cycle may race)


@dataclass(frozen=True)
class BuildReport:
    written: int  # files rendered and written (new or changed bytes)
    unchanged: int  # files kept as they were (same key, or same bytes)
    removed: int  # files of earlier builds that this build no longer produces
    rendered: int = 0  # files rendered in this build (written + rendered with the same bytes)

    @property
    def total(self) -> int:
        return self.written + self.unchanged


@dataclass(frozen=True)
class Output:
    """One planned file: where, what it depends on (`key`), and how to render it."""

    path: str
    key: str
    render: Callable[[], bytes]


def _digest(*parts: object) -> str:
    """A digest of frozen dataclasses, tuples, strings and datetimes.

    Pickle is used as a fast, C-level serialisation; equal inputs built the same way pickle to
    the same bytes. When they do not (a string shared by identity in one build and not in the
    next), the only cost is one needless render: the write step still compares bytes."""
    data = pickle.dumps(parts, protocol=5)
    return hashlib.blake2b(data, digest_size=16).hexdigest()


def _constant(data: bytes) -> Callable[[], bytes]:
    return lambda: data


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
    def __init__(self, site: SiteSettings, now: datetime, view: SiteView) -> None:
        self.site = site
        self.now = now
        self.view = view
        self.env = environment()
        self.outputs: dict[str, Output] = {}
        self.salt = _digest(STATE_VERSION, templates_fingerprint(), site.model_dump_json())

    def add(self, path: str, key: str, render: Callable[[], bytes]) -> None:
        """Plan `path`; `key` is a digest of its inputs (the salt adds templates and settings)."""
        if path in self.outputs:
            raise NewsdeskError(f"two outputs would be written to {path!r}; refusing to overwrite")
        self.outputs[path] = Output(path, f"{self.salt}:{key}", render)

    def html(self, template: str, path: str, **context: object) -> Callable[[], bytes]:
        def render() -> bytes:
            page = self.env.get_template(template)
            return page.render(**{**_common(self.site, path), **context}).encode("utf-8")

        return render

    def story(self, page: Page, content_key: str | None) -> None:
        path = story_path(page.slug)
        url = absolute(self.site.base_url, path)
        alternates = self.view.alternates.get(page.slug, ())

        def render() -> bytes:
            data = jsonld.news_article(page, url, self.site.name)
            return (
                self.env.get_template("page.html")
                .render(
                    **_common(self.site, path),
                    page=page,
                    url=url,
                    alternates=alternates,
                    jsonld=jsonld.dumps(data),
                )
                .encode("utf-8")
            )

        if content_key is None:
            content_key = _digest(page)
        if alternates:
            content_key += _digest(alternates)
        self.add(path, content_key, render)

    def listing(self, group: Group, directory: str, kind: str) -> None:
        for number, count, path, chunk in _page_lists(directory, group.cards):
            self.add(
                path,
                _digest(kind, group.name, group.stats, number, count, [c.key for c in chunk]),
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
        key = _digest(info, [c.key for c in shown])
        d = info.directory
        self.add(f"{d}atom.xml", key, lambda: feeds.atom(info, shown, self.site, self.now))
        self.add(f"{d}rss.xml", key, lambda: feeds.rss(info, shown, self.site, self.now))
        self.add(f"{d}feed.json", key, lambda: feeds.json_feed(info, shown, self.site))


def plan_outputs(
    pages: Sequence[Page],
    site: SiteSettings,
    now: datetime,
    publishers: Mapping[str, PublisherStats] | None = None,
    page_keys: Mapping[str, str] | None = None,
) -> dict[str, Output]:
    """Phase 1: every file of the site by relative path, with its key. Renders nothing.

    `page_keys` (page slug → a digest of the page's content, such as the store's
    `PageRecord.content_hash`) spares hashing every page; pages missing from it are hashed."""
    view = gather(pages, publishers)
    plan = _Planner(site, now, view)
    keys = page_keys or {}
    for page in pages:
        plan.story(page, keys.get(page.slug))
    cards = view.cards
    latest = cards[:HOME_LATEST]
    sourced = most_sourced(cards, HOME_MOST_SOURCED)
    top_topics = sorted(view.topics.values(), key=lambda g: (-len(g.cards), g.name))[:HOME_TOPICS]
    home_topics = [(g.slug, g.name, len(g.cards)) for g in top_topics]
    plan.add(
        "index.html",
        _digest([c.key for c in latest], [c.key for c in sourced], home_topics, len(cards)),
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
        summary = [(g.slug, g.name, len(g.cards), g.stats) for g in groups.values()]
        path = f"{directory}index.html"
        plan.add(
            path, _digest(kind, summary), plan.html("groups.html", path, kind=kind, groups=summary)
        )
    plan.add("recherche.html", "search-page", plan.html("search.html", "recherche.html"))
    plan.add("404.html", "not-found", plan.html("404.html", "404.html", root="/"))
    index_key = _digest([c.key for c in cards])
    index_files = lru_cache(maxsize=1)(lambda: search.index_files(cards))
    for name in ("search-index.json", "search-index.js"):
        plan.add(name, index_key, partial(lambda n: index_files()[n], name))

    entries = [sitemaps.Entry("index.html", cards[0].updated if cards else None)]
    entries += [sitemaps.Entry(c.path, c.updated, view.alternates.get(c.slug, ())) for c in cards]
    for dir_of, members in ((topic_dir, view.topics), (publisher_dir, view.publishers)):
        for g in members.values():
            entries.append(sitemaps.Entry(dir_of(g.slug), max(c.updated for c in g.cards)))
    sitemap_key = _digest([(e.path, e.lastmod, e.alternates) for e in entries])
    files = sitemaps.sitemap_files(entries, site)  # cheap string work; rendered here for its names
    for name, data in files.items():
        plan.add(name, sitemap_key, _constant(data))
    names = ["sitemap.xml"]
    recent = sitemaps.recent_cards(cards, now)
    if recent:
        plan.add(
            "news-sitemap.xml",
            _digest([c.key for c in recent]),
            lambda: sitemaps.news_sitemap(recent, site),
        )
        names.append("news-sitemap.xml")
    plan.add("robots.txt", _digest(names), lambda: sitemaps.robots(site, names))
    for name, data in static_files():
        plan.add(f"static/{name}", _digest(name, data), _constant(data))
    return plan.outputs


def _read_state(out: Path) -> dict[str, str]:
    path = out / STATE
    if path.exists():
        try:
            state = json.loads(path.read_text(encoding="utf-8"))
            return dict(state.get("outputs", {}))
        except (ValueError, AttributeError):
            log.warning("site_state_unreadable", path=str(path))
            return {}
    legacy = out / LEGACY_MANIFEST
    if legacy.exists():  # files written, keys unknown: render everything, remove what is stale
        return {rel: "" for rel in legacy.read_text().split("\n") if rel}
    return {}


def _write_atomic(target: Path, data: bytes) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(f".{target.name}.tmp")
    tmp.write_bytes(data)
    tmp.replace(target)


def write_outputs(outputs: Mapping[str, Output], out: Path) -> BuildReport:
    """Phase 2: render and write what changed; remove what earlier builds wrote and this one did not."""
    out.mkdir(parents=True, exist_ok=True)
    previous = _read_state(out)
    written = unchanged = rendered = 0
    for rel in sorted(outputs):
        output = outputs[rel]
        target = out / rel
        if previous.get(rel) == output.key and os.path.exists(target):
            unchanged += 1
            continue
        data = output.render()
        rendered += 1
        if target.exists() and target.read_bytes() == data:
            unchanged += 1
            continue
        _write_atomic(target, data)
        written += 1
    removed = 0
    for rel in sorted(set(previous) - set(outputs)):
        stale = out / rel
        if stale.is_file():
            stale.unlink()
            removed += 1
    state = {
        "version": STATE_VERSION,
        "outputs": {rel: o.key for rel, o in sorted(outputs.items())},
    }
    _write_atomic(out / STATE, json.dumps(state, indent=0).encode("utf-8"))
    (out / LEGACY_MANIFEST).unlink(missing_ok=True)
    return BuildReport(written=written, unchanged=unchanged, removed=removed, rendered=rendered)


def build_site(
    pages: Sequence[Page],
    out: Path,
    site: SiteSettings,
    now: datetime,
    publishers: Mapping[str, PublisherStats] | None = None,
    page_keys: Mapping[str, str] | None = None,
) -> BuildReport:
    """Build the site of `pages` into `out`, rendering only outputs whose content changed.

    `publishers` (by publisher name) adds the findings rate to each publisher's page; without
    it the rate is shown as not measured. `page_keys` (slug → content digest, e.g. the store's
    `PageRecord.content_hash`) makes planning cheaper; see `plan_outputs`."""
    with _build_lock:
        report = write_outputs(plan_outputs(pages, site, now, publishers, page_keys), out)
    log.info(
        "site_built",
        out=str(out),
        pages=len(pages),
        written=report.written,
        unchanged=report.unchanged,
        removed=report.removed,
    )
    return report


def clear_site(out: Path) -> None:
    """Remove a site folder this builder created (refuses folders it did not create)."""
    if (out / STATE).exists() or (out / LEGACY_MANIFEST).exists():
        shutil.rmtree(out)
