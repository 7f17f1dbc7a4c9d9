"""Phase 1 of the build: gather what every listing shows, before anything is rendered.

A `Card` is what a listing, a feed or the search index shows of one story; listings are built
from cards only, so a change to a story's body does not rewrite the home page or its topics.
Topics come from `Page.tags` (named entities); publishers from the pages' sources.
"""

from __future__ import annotations

import hashlib
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from operator import attrgetter

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
    """One story as listings, feeds and the search index show it.

    `key` is a digest of every other field, computed once when the card is made (and kept in
    the build state), so a listing's key is a join of its cards' keys."""

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
    key: str = field(default="", compare=False, repr=False)

    def __post_init__(self) -> None:
        if not self.key:
            object.__setattr__(self, "key", card_key(self))

    @property
    def path(self) -> str:
        return story_path(self.slug)


def card_key(card: Card) -> str:
    """A digest of what listings show of a story."""
    text = "\x1f".join(
        (
            card.slug,
            card.title,
            card.description,
            card.published.isoformat(),
            card.updated.isoformat(),
            str(card.sources),
            "\x1e".join(card.publishers),
            "\x1e".join(card.tags),
            "\x1e".join(card.bylines),
            card.language,
        )
    )
    return hashlib.blake2b(text.encode("utf-8"), digest_size=16).hexdigest()


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


@dataclass(frozen=True, order=True)
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


@dataclass(frozen=True)
class Summary:
    """What the build keeps of one page between builds (in its state file): the page's card,
    its story (for hreflang alternates) and a digest of its whole content. Every listing, feed,
    sitemap and the search index is planned from summaries alone, so an incremental build reads
    only the pages that changed."""

    card: Card
    story_id: str | None
    content: str  # a digest of the whole page (the store's content hash, or the builder's)
    related: tuple[str, ...] = ()  # slugs of its "En savoir plus" links


def summary_of(page: Page, content: str) -> Summary:
    return Summary(card_of(page), page.story_id, content, tuple(r.slug for r in page.related))


_NEWEST = attrgetter("published", "slug")
_MOST_SOURCED = attrgetter("sources", "published", "slug")


def newest_first(cards: Iterable[Card]) -> list[Card]:
    return sorted(cards, key=_NEWEST, reverse=True)


Memberships = tuple[tuple[tuple[str, str], ...], tuple[tuple[str, str], ...]]


def memberships(card: Card) -> Memberships:
    """(slug, name) of the card's topics and of its publishers. Kept on the card: a card of an
    unchanged story outlives a build in a process that builds again (the review desk)."""
    kept: Memberships | None = card.__dict__.get("_memberships")
    if kept is None:
        topics = tuple((name_slug(name), name) for name in map(plain_text, card.tags))
        publishers = tuple((name_slug(name), name) for name in card.publishers)
        kept = (topics, publishers)
        card.__dict__["_memberships"] = kept
    return kept


def _groups(triples: Iterable[tuple[str, str, Card]]) -> dict[str, Group]:
    """Group cards (given newest first) by name slug; two spellings of one name ("Etats-Unis",
    "États-Unis") merge under the most frequent spelling (the newest one among equally frequent
    ones)."""
    names: dict[str, Counter[str]] = {}
    members: dict[str, dict[str, Card]] = {}
    for slug, name, card in triples:
        group = members.get(slug)
        if group is None:
            group = members[slug] = {}
            names[slug] = Counter()
        names[slug][name] += 1
        group[card.slug] = card
    return {
        slug: Group(
            slug=slug,
            name=names[slug].most_common(1)[0][0],
            cards=list(members[slug].values()),  # in the order given: newest first
        )
        for slug in sorted(members)
    }


def gather(
    summaries: Iterable[Summary], publishers: Mapping[str, PublisherStats] | None
) -> SiteView:
    """Every listing of the site from the pages' summaries. The result depends only on the set
    of summaries, never on their order, so an incremental build lists exactly what a full build
    of the same pages lists."""
    items = list(summaries)
    cards = newest_first(s.card for s in items)
    of = [(memberships(card), card) for card in cards]
    topics = _groups((slug, name, card) for (t, _), card in of for slug, name in t)
    groups = _groups((slug, name, card) for (_, p), card in of for slug, name in p)
    stats_by_slug = {name_slug(name): s for name, s in (publishers or {}).items()}
    for slug, group in groups.items():
        group.stats = stats_by_slug.get(slug)
    by_story: dict[str, list[Card]] = defaultdict(list)
    for item in items:
        if item.story_id:
            by_story[item.story_id].append(item.card)
    alternates: dict[str, tuple[Alternate, ...]] = {}
    for versions in by_story.values():
        if len(versions) > 1 and len({c.language for c in versions}) > 1:
            alts = tuple(sorted(Alternate(c.language, c.slug) for c in versions))
            for card in versions:
                alternates[card.slug] = alts
    return SiteView(cards=cards, topics=topics, publishers=groups, alternates=alternates)


def most_sourced(cards: list[Card], count: int) -> list[Card]:
    """Stories with the most sources (ties: the newest), for the home page."""
    ranked = sorted((c for c in cards if c.sources > 1), key=_MOST_SOURCED, reverse=True)
    return ranked[:count]
