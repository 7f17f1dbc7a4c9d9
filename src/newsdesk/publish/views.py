"""Phase 1 of the build: gather what every listing shows, before anything is rendered.

A `Card` is what a listing, a feed or the search index shows of one story; listings are built
from cards only, so a change to a story's body does not rewrite the home page or its topics.
Topics come from `Page.tags` (named entities); publishers from the pages' sources.
"""

from __future__ import annotations

import hashlib
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime

from newsdesk.publish.sanitize import plain_text
from newsdesk.publish.urls import name_slug, story_path
from newsdesk.types import Page


@dataclass(frozen=True)
class PublisherStats:
    """What the store knows of one publisher: articles analysed and how many had findings."""

    name: str
    articles: int = 0
    articles_with_findings: int = 0

    @property
    def findings_rate(self) -> float | None:
        return self.articles_with_findings / self.articles if self.articles else None


@dataclass(frozen=True)
class Card:
    """One story as listings, feeds and the search index show it."""

    slug: str
    title: str
    description: str
    published: datetime
    updated: datetime
    sources: int
    publishers: tuple[str, ...]
    tags: tuple[str, ...]
    bylines: tuple[str, ...]
    language: str

    @property
    def path(self) -> str:
        return story_path(self.slug)

    @property
    def key(self) -> str:
        """A digest of what listings show of this story; computed once per build."""
        cached: str | None = self.__dict__.get("_key")
        if cached is None:
            text = "\x1f".join(
                (
                    self.slug,
                    self.title,
                    self.description,
                    self.published.isoformat(),
                    self.updated.isoformat(),
                    str(self.sources),
                    "\x1e".join(self.publishers),
                    "\x1e".join(self.tags),
                    "\x1e".join(self.bylines),
                    self.language,
                )
            )
            cached = hashlib.blake2b(text.encode("utf-8"), digest_size=16).hexdigest()
            object.__setattr__(self, "_key", cached)
        return cached


def card_of(page: Page) -> Card:
    publishers = tuple(dict.fromkeys(plain_text(s.publisher) for s in page.sources if s.publisher))
    return Card(
        slug=page.slug,
        title=page.title,
        description=page.description,
        published=page.published,
        updated=page.updated,
        sources=len(page.sources),
        publishers=publishers,
        tags=page.tags,
        bylines=page.bylines,
        language=page.language,
    )


@dataclass
class Group:
    """The stories of one topic or one publisher, newest first."""

    slug: str
    name: str
    cards: list[Card] = field(default_factory=list)
    stats: PublisherStats | None = None


@dataclass(frozen=True)
class Alternate:
    """The same story in another language (hreflang)."""

    language: str
    slug: str


@dataclass
class SiteView:
    cards: list[Card]  # newest first
    topics: dict[str, Group]  # by slug
    publishers: dict[str, Group]  # by slug
    alternates: dict[str, tuple[Alternate, ...]]  # page slug → every language version


def newest_first(cards: list[Card]) -> list[Card]:
    return sorted(cards, key=lambda c: (c.published, c.slug), reverse=True)


def _groups(pairs: list[tuple[str, Card]]) -> dict[str, Group]:
    """Group cards (given newest first) by name slug; two spellings of one name ("Etats-Unis", "États-Unis") merge
    under the most frequent spelling."""
    names: dict[str, Counter[str]] = defaultdict(Counter)
    members: dict[str, dict[str, Card]] = defaultdict(dict)
    for name, card in pairs:
        slug = name_slug(name)
        names[slug][name] += 1
        members[slug][card.slug] = card
    return {
        slug: Group(
            slug=slug,
            name=names[slug].most_common(1)[0][0],
            cards=list(members[slug].values()),  # in the order given: newest first
        )
        for slug in sorted(members)
    }


def gather(pages: Sequence[Page], publishers: Mapping[str, PublisherStats] | None) -> SiteView:
    cards = newest_first([card_of(p) for p in pages])
    topics = _groups([(plain_text(tag), card) for card in cards for tag in card.tags])
    groups = _groups([(name, card) for card in cards for name in card.publishers])
    stats_by_slug = {name_slug(name): s for name, s in (publishers or {}).items()}
    for slug, group in groups.items():
        group.stats = stats_by_slug.get(slug)
    by_story: dict[str, list[Page]] = defaultdict(list)
    for page in pages:
        if page.story_id:
            by_story[page.story_id].append(page)
    alternates: dict[str, tuple[Alternate, ...]] = {}
    for versions in by_story.values():
        if len({p.language for p in versions}) > 1:
            alts = tuple(
                sorted((Alternate(p.language, p.slug) for p in versions), key=lambda a: a.language)
            )
            for page in versions:
                alternates[page.slug] = alts
    return SiteView(cards=cards, topics=topics, publishers=groups, alternates=alternates)


def most_sourced(cards: list[Card], count: int) -> list[Card]:
    """Stories with the most sources (ties: the newest), for the home page."""
    ranked = sorted(cards, key=lambda c: (c.sources, c.published, c.slug), reverse=True)
    return [c for c in ranked if c.sources > 1][:count]
