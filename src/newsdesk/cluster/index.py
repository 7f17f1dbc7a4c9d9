"""Incremental story clustering: each new article joins the story it belongs to or opens one.

Nothing is ever re-clustered, so a story keeps its id for as long as it lives: the id is derived
from the founding member's article id (never from a title), new members only append, and an
edited title changes the story's title, not its id.

Candidate stories are found without comparing against the whole corpus (not quadratic):
- an inverted index from each member's rarest terms (top TF-IDF terms: names, places, numbers)
  to its story, queried with the new article's own rarest terms;
- a vector index over the centroids of the stories still inside the time window, for articles
  in another language, which share few terms with the story.
Only those candidates are scored exactly (`similarity.affinity`, against each story's most
recent members). An article that belongs to two stories shows they are one: they merge into the
older one, whose id lives on, and the younger id is kept as an alias (`aliases()`) so that
whoever published it can redirect; without merging, incremental clustering depends on arrival
order (two early reports of one event that do not match each other would stay apart forever). Stories whose last member is older than RETAIN before the newest article lose
their vectors and can no longer be joined; their membership and metadata stay.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from itertools import islice

import numpy as np

from newsdesk.cluster.doc import StoryDoc
from newsdesk.cluster.features import DocFeatures, featurize_many
from newsdesk.cluster.similarity import EMB_CROSS, affinity, lexical, weighted_vector
from newsdesk.embeddings import DIMENSIONS
from newsdesk.log import get_logger
from newsdesk.types import Story, stable_id

log = get_logger(__name__)

# An article may join a story whose members span [first - WINDOW, last + WINDOW]. News story
# chains run for days to weeks: in the samples, 000 (24 May 2023) and 002 (June 2023) are one
# story while 004 (five months earlier) and 003 (a year later) are other events on the same
# topic. 30 days covers the first and excludes the others.
WINDOW = timedelta(days=30)
RETAIN = 2 * WINDOW  # stories idle this long before the newest article stop being candidates
MEMBER_TERMS = 1000  # terms kept per member; shared terms are often in the light tail of a
#                      vector, so truncating at 150 cut same-story cosines by a quarter (samples)
COMPARED_MEMBERS = 16  # most recent members of a story an article is compared with
POSTING_KEYS = 12  # a member's rarest terms entered in the inverted index
QUERY_KEYS = 16  # a new article's rarest terms looked up in the inverted index
LEXICAL_CANDIDATES = 24  # stories kept from the inverted index, by summed weight of shared keys
VECTOR_CANDIDATES = 6  # stories kept from the centroid index, by cosine
RETIRE_EVERY = 512  # articles between two sweeps of idle stories


def _ts(moment: datetime) -> float:
    return moment.timestamp()


@dataclass
class _Member:
    id: str
    language: str | None
    ts: float
    vector: np.ndarray
    lex: dict[str, float]


@dataclass
class _StoryState:
    id: str
    seq: int  # founding order, the tie-breaker between equally good stories
    founder: str
    members: list[str]
    titles: dict[str, str]
    languages: set[str]
    first_ts: float
    last_ts: float
    centroid_sum: np.ndarray
    recent: list[_Member] = field(default_factory=list)
    posted: set[str] = field(default_factory=set)
    slot: int | None = None
    _matrix: np.ndarray | None = None

    def recent_vectors(self) -> np.ndarray:
        """The recent members' embeddings as one matrix (cached until the members change)."""
        if self._matrix is None:
            self._matrix = np.stack([m.vector for m in self.recent])
        return self._matrix

    def story(self) -> Story:
        return Story(
            id=self.id,
            members=tuple(self.members),
            title=self.titles.get(self.founder, ""),
            languages=tuple(sorted(self.languages)),
            first_seen=datetime.fromtimestamp(self.first_ts, UTC),
            last_seen=datetime.fromtimestamp(self.last_ts, UTC),
            lead=self.founder,
        )


def story_id_for(founder_article_id: str) -> str:
    """A story's id: derived from its founding member only, so it never changes."""
    return stable_id("story", founder_article_id)


class StoryIndex:
    """The clustering state: stories, document frequencies and the two candidate indexes."""

    def __init__(self) -> None:
        self._df: Counter[str] = Counter()
        self._n_docs = 0
        self._primed: set[str] = set()
        self._stories: dict[str, _StoryState] = {}
        self._story_of: dict[str, str] = {}
        self._next_seq = 0
        self._aliases: dict[str, str] = {}  # merged-away story id -> the story that absorbed it
        self._live: dict[str, None] = {}  # stories that can still be joined, in founding order
        self._postings: dict[str, list[str]] = {}
        self._newest_ts = -math.inf
        self._since_sweep = 0
        # centroid index: one row per live story
        self._cent = np.zeros((64, DIMENSIONS), dtype=np.float32)
        self._cent_first = np.full(64, np.inf)
        self._cent_last = np.full(64, -np.inf)
        self._slot_story: list[str | None] = [None] * 64
        self._free: list[int] = list(range(63, -1, -1))

    # ---- public API -------------------------------------------------------------------
    def add(self, doc: StoryDoc) -> str:
        """Place one article; returns the id of the story it joined or opened."""
        if doc.id in self._story_of:
            return self._refresh(doc.id, doc.title)
        return self.add_features(featurize_many([doc])[0])

    def add_many(self, docs: Iterable[StoryDoc]) -> list[str]:
        """Place articles in the given order (embeddings computed in one batch)."""
        docs = list(docs)
        fresh = [d for d in docs if d.id not in self._story_of]
        features = {f.id: f for f in featurize_many(fresh)} if fresh else {}
        out = []
        for doc in docs:
            if doc.id in self._story_of:
                out.append(self._refresh(doc.id, doc.title))
            else:
                out.append(self.add_features(features[doc.id]))
        return out

    def prime(self, features: Iterable[DocFeatures]) -> None:
        """Count document frequencies of articles before adding them (a whole corpus at once)."""
        for f in features:
            if f.id not in self._primed and f.id not in self._story_of:
                self._primed.add(f.id)
                self._df.update(f.weights.keys())
                self._n_docs += 1

    def add_features(self, f: DocFeatures) -> str:
        """Place one featurized article (the reduce step of `cluster_corpus`)."""
        if f.id in self._story_of:
            return self._refresh(f.id, f.title)
        if f.id in self._primed:
            self._primed.discard(f.id)
        else:
            self._df.update(f.weights.keys())
            self._n_docs += 1
        ts = _ts(f.time)
        lex = weighted_vector(f.weights, self._df, self._n_docs)
        matched = self._matching_stories(f, ts, lex)
        member = _Member(f.id, f.language, ts, f.vector, self._truncate(lex))
        if matched:
            state = self._stories[matched[0]]  # the oldest story keeps its id
            for other in matched[1:]:
                self._merge(state, self._stories[other])
            self._join(state, member, f.title)
            log.debug("story_joined", story=state.id, article=f.id, merged=len(matched) - 1)
        else:
            state = self._open(member, f.title)
            log.debug("story_opened", story=state.id, article=f.id)
        self._newest_ts = max(self._newest_ts, ts)
        self._since_sweep += 1
        if self._since_sweep >= RETIRE_EVERY:
            self._sweep()
        return state.id

    def aliases(self) -> dict[str, str]:
        """Ids of stories merged into another (old id -> current id), for redirects."""
        return dict(self._aliases)

    def resolve(self, story_id: str) -> str:
        """The current id of a story, following merges."""
        return self._aliases.get(story_id, story_id)

    def story_of(self, article_id: str) -> str | None:
        return self._story_of.get(article_id)

    def stories(self) -> list[Story]:
        """Every story, oldest founding first."""
        return [s.story() for s in sorted(self._stories.values(), key=lambda s: s.seq)]

    def __len__(self) -> int:
        return len(self._stories)

    # ---- candidates and scoring ---------------------------------------------------------
    def _in_window(self, state: _StoryState, ts: float) -> bool:
        w = WINDOW.total_seconds()
        return state.first_ts - w <= ts <= state.last_ts + w

    def _matching_stories(self, f: DocFeatures, ts: float, lex: dict[str, float]) -> list[str]:
        """Candidate stories the article belongs to (affinity >= 1), oldest founding first."""
        matched = []
        lexical_hits, nearest = self._candidates(f, ts, lex)
        for sid in sorted(lexical_hits | nearest, key=lambda s: self._stories[s].seq):
            state = self._stories[sid]
            embs = state.recent_vectors() @ f.vector
            if sid not in lexical_hits and float(embs.max()) < EMB_CROSS:
                continue  # shares none of the article's rare terms: only the embedding can join
            for m, emb in zip(state.recent, embs.tolist(), strict=True):
                if affinity(lexical(lex, m.lex), emb, f.language, m.language) >= 1.0:
                    matched.append(sid)
                    break
        return matched

    def _candidates(
        self, f: DocFeatures, ts: float, lex: dict[str, float]
    ) -> tuple[set[str], set[str]]:
        """Stories sharing the article's rare terms, and stories with the nearest centroids."""
        hits: dict[str, float] = {}
        for key in islice(lex, QUERY_KEYS):  # `lex` is sorted heaviest first
            for sid in self._postings.get(key, ()):
                state = self._stories.get(sid)
                if state is not None and state.recent and self._in_window(state, ts):
                    hits[sid] = hits.get(sid, 0.0) + lex[key]
        ranked = sorted(hits, key=lambda s: (-hits[s], self._stories[s].seq))
        return set(ranked[:LEXICAL_CANDIDATES]), set(self._nearest_centroids(f.vector, ts))

    def _nearest_centroids(self, vector: np.ndarray, ts: float) -> list[str]:
        w = WINDOW.total_seconds()
        live = (self._cent_first - w <= ts) & (ts <= self._cent_last + w)
        if not live.any():
            return []
        rows = np.flatnonzero(live)
        scores = self._cent[rows] @ vector
        k = min(VECTOR_CANDIDATES, len(rows))
        top = rows[np.argpartition(-scores, k - 1)[:k]] if k < len(rows) else rows
        return [s for s in (self._slot_story[int(r)] for r in top) if s is not None]

    # ---- mutation -------------------------------------------------------------------------
    def _truncate(self, lex: dict[str, float]) -> dict[str, float]:
        return dict(list(lex.items())[:MEMBER_TERMS])

    def _refresh(self, article_id: str, title: str) -> str:
        sid = self._story_of[article_id]
        self._stories[sid].titles[article_id] = title.strip()
        return sid

    def _open(self, member: _Member, title: str) -> _StoryState:
        sid = story_id_for(member.id)
        state = _StoryState(
            id=sid,
            seq=self._next_seq,
            founder=member.id,
            members=[],
            titles={},
            languages=set(),
            first_ts=member.ts,
            last_ts=member.ts,
            centroid_sum=np.zeros(DIMENSIONS, dtype=np.float64),
        )
        self._next_seq += 1
        self._stories[sid] = state
        self._live[sid] = None
        self._join(state, member, title)
        return state

    def _join(self, state: _StoryState, member: _Member, title: str) -> None:
        state.members.append(member.id)
        state.titles[member.id] = title.strip()
        if member.language:
            state.languages.add(member.language)
        state.first_ts = min(state.first_ts, member.ts)
        state.last_ts = max(state.last_ts, member.ts)
        state.centroid_sum += member.vector
        state.recent.append(member)
        if len(state.recent) > COMPARED_MEMBERS:
            state.recent.pop(0)
        state._matrix = None
        self._story_of[member.id] = state.id
        self._post(state, member)
        self._place_centroid(state)

    def _merge(self, keep: _StoryState, gone: _StoryState) -> None:
        """Fold `gone` into `keep`: an article belongs to both, so they were one story."""
        keep.members.extend(gone.members)
        keep.titles.update(gone.titles)
        keep.languages |= gone.languages
        keep.first_ts = min(keep.first_ts, gone.first_ts)
        keep.last_ts = max(keep.last_ts, gone.last_ts)
        keep.centroid_sum += gone.centroid_sum
        keep.recent = sorted(keep.recent + gone.recent, key=lambda m: m.ts)[-COMPARED_MEMBERS:]
        keep._matrix = None
        for article in gone.members:
            self._story_of[article] = keep.id
        for member in gone.recent:
            self._post(keep, member)
        self._retire(gone)
        del self._stories[gone.id]
        self._aliases[gone.id] = keep.id
        for old, new in self._aliases.items():
            if new == gone.id:
                self._aliases[old] = keep.id
        self._place_centroid(keep)
        log.info("stories_merged", kept=keep.id, merged=gone.id)

    def _post(self, state: _StoryState, member: _Member) -> None:
        for key in islice(member.lex, POSTING_KEYS):
            if key not in state.posted:
                state.posted.add(key)
                self._postings.setdefault(key, []).append(state.id)

    def _place_centroid(self, state: _StoryState) -> None:
        if state.slot is None:
            if not self._free:
                self._grow()
            state.slot = self._free.pop()
            self._slot_story[state.slot] = state.id
        norm = float(np.linalg.norm(state.centroid_sum)) or 1.0
        self._cent[state.slot] = state.centroid_sum / norm
        self._cent_first[state.slot] = state.first_ts
        self._cent_last[state.slot] = state.last_ts

    def _grow(self) -> None:
        old = len(self._slot_story)
        new = old * 2
        cent = np.zeros((new, DIMENSIONS), dtype=np.float32)
        cent[:old] = self._cent
        self._cent = cent
        self._cent_first = np.concatenate([self._cent_first, np.full(new - old, np.inf)])
        self._cent_last = np.concatenate([self._cent_last, np.full(new - old, -np.inf)])
        self._slot_story.extend([None] * (new - old))
        self._free.extend(range(new - 1, old - 1, -1))

    def _sweep(self) -> None:
        """Retire stories idle for RETAIN: free their vectors and their inverted-index entries."""
        self._since_sweep = 0
        horizon = self._newest_ts - RETAIN.total_seconds()
        dead = {sid for sid in self._live if self._stories[sid].last_ts < horizon}
        for sid in dead:
            self._retire(self._stories[sid])
        if dead:
            for key in list(self._postings):
                kept = [sid for sid in self._postings[key] if sid in self._live]
                if kept:
                    self._postings[key] = kept
                else:
                    del self._postings[key]
            log.debug("stories_retired", count=len(dead))

    def _retire(self, state: _StoryState) -> None:
        self._live.pop(state.id, None)
        state.recent = []
        state._matrix = None
        state.posted = set()
        if state.slot is not None:
            self._cent[state.slot] = 0.0
            self._cent_first[state.slot] = np.inf
            self._cent_last[state.slot] = -np.inf
            self._slot_story[state.slot] = None
            self._free.append(state.slot)
            state.slot = None
