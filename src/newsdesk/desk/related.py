"""Keep every page's "En savoir plus" links true to the current set of published stories.

A page's related links used to be chosen only when its story was composed, so an older page
never gained a link to a newer story, kept a related story's old headline, and lost (at site
build) a link to a removed story with nothing in its place. After each cycle has composed its
changed stories, `refresh_related` recomputes the links of the pages whose best related set may
have changed, and stores the new links with `PageRepository.set_related`.

Related links are navigation, not sourced content: a refresh neither recomposes nor re-verifies
a page, keeps its dates (`dateModified` is about content) and its status (an editor's approval
stays, a held or rejected page stays unpublished); only the content hash moves, so the
incremental site build rewrites exactly the refreshed pages.

Which pages to look at, without comparing every page with every other: the *seeds* of a cycle
are the stories whose published link appeared, disappeared or changed (slug or headline) since
the last refresh, plus the stories whose members changed (their provenance links may have). A
seed that went or was retitled affects only the pages that link to it; a new (or changed) seed
affects only its neighbours (relatedness is symmetric: shared entity names, found through an
inverted index name → stories, and provenance links) for which it would beat the weakest link
they show. The last refresh's published links, and each page's chosen links with their scores,
are kept in the database (`LinkMemory`, the state blob `related-links.json`), so both tests need
no page read, and changes made between cycles (an editor's approval, rejection or new headline)
are seen too; without it (first run, or unreadable) every page is looked at once. The memory is
written in its own transaction: it describes the pages as they are in the database, so a crash
before the desk's indexes are saved leaves it true (the next cycle's seeds come from comparing
it with the pages).
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass

from newsdesk.desk.state import RELATED_MEMORY, DeskState, new_generation
from newsdesk.log import get_logger
from newsdesk.store import Store
from newsdesk.types import Article, RelatedRef, Story, stable_id

log = get_logger(__name__)

RELATED_LIMIT = 3  # links under "En savoir plus": the page template's design, not calibrated
# Two shared entity names (a person and a place, say) make a relation; one is too weak on a
# topic as broad as a war (chosen on the bundled samples, kept since the first desk version).
MIN_SHARED_NAMES = 2
# One provenance link (a copy, a translation, a shared quote) weighs as much as three shared
# names: it is direct evidence that two stories are about connected events (same origin).
LINK_WEIGHT = 3


class RelatedIndex:
    """Which stories share entity names with which, and which stories may be linked to.

    `names` holds every story's entity terms (`DeskState.names`); `published` the link of every
    published story page. The inverted index (term → stories) makes finding a story's
    neighbours cost the length of its terms' posting lists, not the number of stories."""

    def __init__(
        self, names: Mapping[str, Sequence[str]], published: Mapping[str, RelatedRef]
    ) -> None:
        self.names = names
        self.published = dict(published)
        self._postings: dict[str, list[str]] = {}
        for story_id, terms in names.items():
            for term in set(terms):
                self._postings.setdefault(term, []).append(story_id)

    def sharing(self, story_id: str) -> dict[str, int]:
        """Other stories (published or not) sharing at least MIN_SHARED_NAMES terms with this one,
        with the number of terms shared."""
        counts: Counter[str] = Counter()
        for term in set(self.names.get(story_id, ())):
            counts.update(self._postings.get(term, ()))
        counts.pop(story_id, None)
        return {other: n for other, n in counts.items() if n >= MIN_SHARED_NAMES}

    def ranked(self, story_id: str, linked: Mapping[str, int]) -> list[tuple[int, str]]:
        """(score, story id) of the story's "En savoir plus" links: published stories sharing
        provenance links or names with it, strongest first (ties by story id, so the choice is
        stable)."""
        shared = self.sharing(story_id)
        mine = set(self.names.get(story_id, ()))
        scored = []
        for other in shared.keys() | linked.keys():
            if other == story_id or other not in self.published:
                continue
            names = shared.get(other)
            if names is None:  # linked, with fewer names in common than a relation needs
                names = len(mine & set(self.names.get(other, ())))
            scored.append((linked.get(other, 0) * LINK_WEIGHT + names, other))
        scored.sort(key=lambda x: (-x[0], x[1]))
        return scored[:RELATED_LIMIT]

    def best(self, story_id: str, linked: Mapping[str, int]) -> tuple[RelatedRef, ...]:
        """The story's "En savoir plus" links (see `ranked`)."""
        return tuple(self.published[other] for _, other in self.ranked(story_id, linked))


def story_names(story: Story, articles: Mapping[str, Article]) -> set[str]:
    """Entity terms of the story's lead member (title and lead): what "related" compares."""
    from newsdesk.cluster.entities import entities_many

    lead = articles.get(story.lead or "") or next(
        (articles[a] for a in story.members if a in articles), None
    )
    if lead is None:
        return set()
    return entities_many([f"{lead.title}\n{lead.text}"], [lead.language])[0]


def linked_stories(
    store: Store, members: Iterable[str], story_id: str, state: DeskState
) -> dict[str, int]:
    """How many provenance links join a story's members to each other story."""
    counts: dict[str, int] = {}
    own = set(members)
    for article_id in own:
        for link in store.links.for_article(article_id):
            other = link.target if link.source == article_id else link.source
            if other in own:
                continue
            other_story = state.stories.story_of(other)
            if other_story and other_story != story_id:
                counts[other_story] = counts.get(other_story, 0) + 1
    return counts


@dataclass(frozen=True)
class RefreshReport:
    seeds: int  # stories whose link or members changed since the last refresh
    examined: int  # pages whose related links were recomputed
    refreshed: int  # pages whose related links changed (and were stored)


@dataclass
class LinkMemory:
    """What the last refresh left: the published links, and each page's chosen links with
    their scores (so a new story is compared with a page's weakest link without reading it)."""

    refs: dict[str, RelatedRef]
    chosen: dict[str, list[tuple[int, str]]]  # story id -> (score, story id), strongest first


def refresh_related(
    store: Store,
    state: DeskState,
    stories: Mapping[str, Story],
    changed: Collection[str],
    composed: Collection[str],
) -> RefreshReport:
    """Bring the related links of every page that may be affected by this cycle up to date.

    `stories` are the current stories by id, `changed` those whose members changed this cycle
    (analysis), `composed` those composed this cycle: their links were chosen while other
    pages of the same cycle were still being composed, so they are looked at again too."""
    published = store.pages.published_refs()
    index = RelatedIndex(state.names, published)
    memory = _load_memory(store)
    if memory is None:  # no record of the last refresh: look at every story page once
        chosen: dict[str, list[tuple[int, str]]] = {}
        seeds = set(published)
        affected = set(stories) | seeds
    else:
        chosen = memory.chosen
        moved = {
            s
            for s in published.keys() | memory.refs.keys()
            if published.get(s) != memory.refs.get(s)
        }
        seeds = moved | set(changed)
        affected = set(composed) | _affected(store, state, stories, index, chosen, seeds)
    refreshed = examined = 0
    for story_id in sorted(affected):
        story = stories.get(story_id)
        record = store.pages.get(stable_id(story_id))
        if story is None or record is None:
            chosen.pop(story_id, None)
            continue
        examined += 1
        ranked = index.ranked(story_id, linked_stories(store, story.members, story_id, state))
        chosen[story_id] = ranked
        best = tuple(published[other] for _, other in ranked)
        if best != record.page.related and store.pages.set_related(record.id, best):
            refreshed += 1
            log.debug("related_refreshed", page=record.id, slug=record.slug, related=len(best))
    kept = {s: c for s, c in chosen.items() if s in stories}
    _save_memory(store, LinkMemory(published, kept))
    log.info("related_refresh_done", seeds=len(seeds), examined=examined, refreshed=refreshed)
    return RefreshReport(seeds=len(seeds), examined=examined, refreshed=refreshed)


def _affected(
    store: Store,
    state: DeskState,
    stories: Mapping[str, Story],
    index: RelatedIndex,
    chosen: Mapping[str, list[tuple[int, str]]],
    seeds: Iterable[str],
) -> set[str]:
    """Stories whose page may need other links because of the seeds: those linking a seed
    (it went, was retitled or its score changed), and the seeds' neighbours (by name or
    provenance) for which the seed would beat the weakest link they show."""
    linking: dict[str, set[str]] = {}
    for story_id, shown in chosen.items():
        for _, other in shown:
            linking.setdefault(other, set()).add(story_id)
    affected: set[str] = set()
    for seed in seeds:
        affected |= linking.get(seed, set())
        if seed not in index.published:
            continue  # gone: only the pages linking it change
        story = stories.get(seed)
        linked = linked_stories(store, story.members, seed, state) if story else {}
        shared = index.sharing(seed)
        mine = set(index.names.get(seed, ()))
        for other in shared.keys() | linked.keys():
            names = shared.get(other)
            if names is None:
                names = len(mine & set(index.names.get(other, ())))
            score = linked.get(other, 0) * LINK_WEIGHT + names
            if _could_enter(chosen.get(other), score, seed):
                affected.add(other)
    return affected


def _could_enter(links: Sequence[tuple[int, str]] | None, score: int, story_id: str) -> bool:
    """Whether a story with this score would take a place among a page's links."""
    if links is None or len(links) < RELATED_LIMIT:
        return True
    weakest_score, weakest = links[-1]
    return (-score, story_id) < (-weakest_score, weakest)


def _load_memory(store: Store) -> LinkMemory | None:
    blob = store.state_blobs.get(RELATED_MEMORY)
    if blob is None:
        return None
    try:
        if not blob.intact:
            raise ValueError("checksum mismatch")
        data = json.loads(blob.data.decode("utf-8"))
        refs = {story: RelatedRef(slug, title) for story, (slug, title) in data["refs"].items()}
        chosen = {
            story: [(int(score), str(other)) for score, other in links]
            for story, links in data["chosen"].items()
        }
    except (ValueError, TypeError, KeyError, AttributeError) as exc:
        log.warning("related_memory_unreadable", db=store.url, error=str(exc))
        return None
    return LinkMemory(refs, chosen)


def _save_memory(store: Store, memory: LinkMemory) -> None:
    data = {
        "refs": {story: [ref.slug, ref.title] for story, ref in sorted(memory.refs.items())},
        "chosen": {
            story: [list(x) for x in links] for story, links in sorted(memory.chosen.items())
        },
    }
    encoded = json.dumps(data, ensure_ascii=False).encode("utf-8")
    store.state_blobs.put_many({RELATED_MEMORY: encoded}, new_generation())
