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
the last refresh, plus the stories whose members changed (new provenance links). Relatedness is
symmetric (shared entity names, provenance links), so only the pages related to a seed can
gain, lose or retitle a link: they are found through an inverted index (entity name → stories)
and the seeds' provenance links. The last refresh's published links are kept in
`data_dir/state/related-refs.json`, so changes made between cycles (an editor's approval,
rejection or new headline) are seen too; without that file (first run, or unreadable) every
page is refreshed once.
"""

from __future__ import annotations

import json
import os
from collections import Counter
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from newsdesk.desk.state import STATE_FOLDER, DeskState
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
RELATED_REFS = "related-refs.json"  # story id -> [slug, title] as of the last refresh


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

    def best(self, story_id: str, linked: Mapping[str, int]) -> tuple[RelatedRef, ...]:
        """The story's "En savoir plus" links: published stories sharing provenance links or
        names with it, strongest first (ties by story id, so the choice is stable)."""
        shared = self.sharing(story_id)
        scored = []
        for other in set(shared) | set(linked):
            ref = self.published.get(other)
            if ref is None or other == story_id:
                continue
            scored.append((linked.get(other, 0) * LINK_WEIGHT + shared.get(other, 0), other, ref))
        scored.sort(key=lambda x: (-x[0], x[1]))
        return tuple(ref for _, _, ref in scored[:RELATED_LIMIT])


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


def refresh_related(
    store: Store,
    state: DeskState,
    stories: Mapping[str, Story],
    changed: Collection[str],
    composed: Collection[str],
    data_dir: Path,
) -> RefreshReport:
    """Bring the related links of every page that may be affected by this cycle up to date.

    `stories` are the current stories by id, `changed` those whose members changed this cycle
    (analysis), `composed` those composed this cycle: their links were chosen while other
    pages of the same cycle were still being composed, so they are looked at again too."""
    published = store.pages.published_refs()
    previous = _load_refs(data_dir)
    index = RelatedIndex(state.names, published)
    if previous is None:  # no record of the last refresh: look at every story page once
        seeds: set[str] = set(published)
        candidates = {s for s in stories if s in state.names} | set(published)
    else:
        seeds = {
            s for s in published.keys() | previous.keys() if published.get(s) != previous.get(s)
        }
        seeds |= set(changed)
        candidates = set(composed)
        for seed in seeds:
            candidates |= index.sharing(seed).keys()
            story = stories.get(seed)
            if story is not None:
                candidates |= linked_stories(store, story.members, seed, state).keys()
                candidates.add(seed)
    refreshed = examined = 0
    for story_id in sorted(candidates):
        story = stories.get(story_id)
        record = store.pages.get(stable_id(story_id))
        if story is None or record is None:
            continue
        examined += 1
        best = index.best(story_id, linked_stories(store, story.members, story_id, state))
        if best != record.page.related and store.pages.set_related(record.id, best):
            refreshed += 1
            log.debug("related_refreshed", page=record.id, slug=record.slug, related=len(best))
    _save_refs(data_dir, published)
    log.info("related_refresh_done", seeds=len(seeds), examined=examined, refreshed=refreshed)
    return RefreshReport(seeds=len(seeds), examined=examined, refreshed=refreshed)


def _load_refs(data_dir: Path) -> dict[str, RelatedRef] | None:
    path = data_dir / STATE_FOLDER / RELATED_REFS
    if not path.is_file():
        return None
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return {story: RelatedRef(slug, title) for story, (slug, title) in data.items()}
    except (ValueError, OSError, TypeError, AttributeError) as exc:
        log.warning("related_refs_unreadable", path=str(path), error=str(exc))
        return None


def _save_refs(data_dir: Path, refs: Mapping[str, RelatedRef]) -> None:
    folder = data_dir / STATE_FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    data = {story: [ref.slug, ref.title] for story, ref in sorted(refs.items())}
    path = folder / RELATED_REFS
    tmp = path.with_suffix(".json.tmp")
    tmp.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    os.replace(tmp, path)  # atomic: a crash never leaves half a file
