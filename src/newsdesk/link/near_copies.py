"""Group and reduce phases of near-duplicate search: fingerprints → scored document pairs.

- group (`duplicate_groups`, `candidate_groups`): texts with the same normalised hash are
  duplicates; one representative of each goes to LSH, and documents that share a band key
  are joined into connected components (a document joins its bucket's first member).
- reduce (`score_group`): inside one component every pair's exact Jaccard similarity is
  computed on bit sets of the component's shingles (cheap: a component of 80 documents is
  3,160 pairs of ~200-byte AND + popcount), and pairs at or above `NEAR_COPY_JACCARD` are kept.
  Scoring every pair of a component rather than only pairs that met in a bucket finds the
  pairs that LSH missed but that are connected through others.

Each phase is a plain function of plain arrays, so a Spark job can run the same functions
(band keys → ``groupByKey``; components → a connected-components pass; `score_group` per
component).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from newsdesk.link.fingerprints import Fingerprints
from newsdesk.link.minhash import estimated_jaccard
from newsdesk.log import get_logger

log = get_logger(__name__)

NEAR_COPY_JACCARD = 0.5  # the definition: Jaccard >= 0.5 on 5-word shingles
# Components larger than this are not scored pair by pair (quadratic): only pairs that met in
# a bucket and whose MinHash estimate reaches EST_FLOOR are checked exactly.
MAX_ALL_PAIRS_GROUP = 600
# A pair whose MinHash estimate (128 permutations) is below 0.3 has an exact Jaccard below 0.5
# with probability > 1 - 1e-5 (0.2 below 0.5 is 4.5 standard deviations of the estimate).
EST_FLOOR = 0.3
# Dense bit matrices above this many cells (documents x distinct shingles) fall back to sets.
MAX_DENSE_CELLS = 1 << 25
# A duplicate set of more than this many documents is reported as a star around its first
# member, not as every pair (n*(n-1)/2 edges say nothing more).
MAX_DUPLICATE_PAIRS_SET = 50


@dataclass(frozen=True)
class ScoredPairs:
    """Pairs of rows of one `Fingerprints` with their similarities (parallel arrays)."""

    a: np.ndarray  # int64 rows, a < b
    b: np.ndarray
    jaccard: np.ndarray  # float64, exact
    estimate: np.ndarray  # float64, MinHash estimate


def _empty_pairs() -> ScoredPairs:
    z = np.zeros(0, dtype=np.int64)
    return ScoredPairs(z, z, np.zeros(0), np.zeros(0))


def duplicate_groups(fp: Fingerprints) -> tuple[np.ndarray, list[np.ndarray]]:
    """Group phase 1: the representative row of every document and the duplicate sets.

    Returns ``(representative, sets)``: `representative[i]` is the first row with the same
    normalised text as row i; `sets` lists the rows of every set of two or more.
    """
    n = len(fp)
    order = np.argsort(fp.text_hash, kind="stable")
    sorted_hash = fp.text_hash[order]
    new_run = np.ones(n, dtype=bool)
    if n:
        new_run[1:] = sorted_hash[1:] != sorted_hash[:-1]
    run_id = np.cumsum(new_run) - 1
    heads = order[new_run]
    representative = np.empty(n, dtype=np.int64)
    representative[order] = heads[run_id]
    empty = fp.word_counts == 0
    representative[empty] = np.flatnonzero(empty)  # texts without words duplicate nothing
    sets: list[np.ndarray] = []
    run_sizes = np.bincount(run_id, minlength=heads.size)
    for r in np.flatnonzero(run_sizes > 1):
        rows = np.sort(order[run_id == r])
        if fp.word_counts[rows[0]] > 0:
            sets.append(rows)
    return representative, sets


def candidate_groups(fp: Fingerprints, rows: np.ndarray) -> list[np.ndarray]:
    """Group phase 2: connected components (of 2+ rows) of `rows` linked by shared band keys."""
    from scipy.sparse import coo_matrix
    from scipy.sparse.csgraph import connected_components

    rows = rows[fp.word_counts[rows] > 0]
    m = rows.size
    if m < 2:
        return []
    keys = fp.bands[rows].ravel()
    local = np.repeat(np.arange(m, dtype=np.int64), fp.bands.shape[1])
    order = np.argsort(keys, kind="stable")
    keys, local = keys[order], local[order]
    new_run = np.ones(keys.size, dtype=bool)
    new_run[1:] = keys[1:] != keys[:-1]
    head = local[np.flatnonzero(new_run)[np.cumsum(new_run) - 1]]
    linked = head != local
    graph = coo_matrix(
        (np.ones(int(linked.sum()), dtype=np.int8), (local[linked], head[linked])), shape=(m, m)
    )
    n_comp, labels = connected_components(graph, directed=False)
    sizes = np.bincount(labels, minlength=n_comp)
    order = np.argsort(labels, kind="stable")
    bounds = np.concatenate([[0], np.cumsum(sizes)])
    return [rows[np.sort(order[bounds[c] : bounds[c + 1]])] for c in np.flatnonzero(sizes > 1)]


def score_group(fp: Fingerprints, group: np.ndarray) -> ScoredPairs:
    """Reduce phase: pairs of `group` with exact Jaccard >= NEAR_COPY_JACCARD."""
    m = group.size
    if m < 2:
        return _empty_pairs()
    if m > MAX_ALL_PAIRS_GROUP:
        log.info("large_candidate_group", documents=int(m))
        ia, ib = _bucket_pairs(fp, group)
    else:
        ia, ib = np.triu_indices(m, 1)
    sizes = fp.offsets[group + 1] - fp.offsets[group]
    if m * int(sizes.sum()) <= MAX_DENSE_CELLS and m <= MAX_ALL_PAIRS_GROUP:
        jac = _dense_jaccard(fp, group, sizes, ia, ib)
        est = estimated_jaccard(fp.sigs[group[ia]], fp.sigs[group[ib]])
    else:
        est = estimated_jaccard(fp.sigs[group[ia]], fp.sigs[group[ib]])
        keep = est >= EST_FLOOR
        ia, ib, est = ia[keep], ib[keep], est[keep]
        jac = _set_jaccard(fp, group, ia, ib)
    keep = jac >= NEAR_COPY_JACCARD
    return ScoredPairs(group[ia[keep]], group[ib[keep]], jac[keep], est[keep])


def _dense_jaccard(
    fp: Fingerprints, group: np.ndarray, sizes: np.ndarray, ia: np.ndarray, ib: np.ndarray
) -> np.ndarray:
    """Exact Jaccard of pairs of a small group, with one bit set per document."""
    m = group.size
    flat = np.concatenate([fp.shingles[fp.offsets[g] : fp.offsets[g + 1]] for g in group])
    _, cols = np.unique(flat, return_inverse=True)
    dense = np.zeros((m, int(cols.max()) + 1 if cols.size else 1), dtype=bool)
    dense[np.repeat(np.arange(m), sizes), cols] = True
    set_sizes = dense.sum(axis=1)
    packed = np.packbits(dense, axis=1)
    inter = np.empty(ia.size, dtype=np.int64)
    step = max(1, (1 << 24) // max(packed.shape[1], 1))
    for s in range(0, ia.size, step):
        both = packed[ia[s : s + step]] & packed[ib[s : s + step]]
        inter[s : s + step] = np.bitwise_count(both).sum(axis=1)
    union = set_sizes[ia] + set_sizes[ib] - inter
    return np.where(union > 0, inter / np.maximum(union, 1), 0.0)


def _set_jaccard(fp: Fingerprints, group: np.ndarray, ia: np.ndarray, ib: np.ndarray) -> np.ndarray:
    """Exact Jaccard of pairs of a large group, from sorted shingle sets."""
    cache: dict[int, np.ndarray] = {}

    def shingle_set(row: int) -> np.ndarray:
        if row not in cache:
            cache[row] = fp.shingle_set(row)
        return cache[row]

    out = np.empty(ia.size)
    for k, (x, y) in enumerate(zip(group[ia], group[ib], strict=True)):
        sa, sb = shingle_set(int(x)), shingle_set(int(y))
        inter = np.intersect1d(sa, sb, assume_unique=True).size
        out[k] = inter / (sa.size + sb.size - inter)
    return out


def _bucket_pairs(fp: Fingerprints, group: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Distinct local pairs (i < j) of a group that share at least one band key."""
    m = group.size
    keys = fp.bands[group].ravel()
    local = np.repeat(np.arange(m, dtype=np.int64), fp.bands.shape[1])
    order = np.argsort(keys, kind="stable")
    keys, local = keys[order], local[order]
    bounds = np.flatnonzero(np.concatenate([[True], keys[1:] != keys[:-1], [True]]))
    codes: list[np.ndarray] = []
    for s, e in zip(bounds[:-1], bounds[1:], strict=True):
        if e - s > 1:
            members = np.unique(local[s:e])
            i, j = np.triu_indices(members.size, 1)
            codes.append(members[i] * m + members[j])
    if not codes:
        z = np.zeros(0, dtype=np.int64)
        return z, z
    pairs = np.unique(np.concatenate(codes))
    return pairs // m, pairs % m


def duplicate_pairs(sets: list[np.ndarray]) -> tuple[np.ndarray, np.ndarray]:
    """Row pairs (a < b) of duplicate sets: every pair, or a star for very large sets."""
    a: list[np.ndarray] = []
    b: list[np.ndarray] = []
    for rows in sets:
        if rows.size <= MAX_DUPLICATE_PAIRS_SET:
            i, j = np.triu_indices(rows.size, 1)
            a.append(rows[i])
            b.append(rows[j])
        else:
            a.append(np.full(rows.size - 1, rows[0]))
            b.append(rows[1:])
    if not a:
        z = np.zeros(0, dtype=np.int64)
        return z, z
    return np.concatenate(a), np.concatenate(b)


def near_copy_pairs(fp: Fingerprints) -> tuple[tuple[np.ndarray, np.ndarray], ScoredPairs]:
    """All phases on one machine: duplicate row pairs, and scored near-copy row pairs.

    Near-copy pairs between two representatives are expanded to the duplicates of each.
    """
    representative, sets = duplicate_groups(fp)
    reps = np.flatnonzero(representative == np.arange(len(fp)))
    scored = [score_group(fp, g) for g in candidate_groups(fp, reps)]
    scored = [s for s in scored if s.a.size]
    pairs = (
        ScoredPairs(
            np.concatenate([s.a for s in scored]),
            np.concatenate([s.b for s in scored]),
            np.concatenate([s.jaccard for s in scored]),
            np.concatenate([s.estimate for s in scored]),
        )
        if scored
        else _empty_pairs()
    )
    if sets and pairs.a.size:
        pairs = _expand_duplicates(pairs, sets)
    return duplicate_pairs(sets), pairs


def _expand_duplicates(pairs: ScoredPairs, sets: list[np.ndarray]) -> ScoredPairs:
    members = {int(rows[0]): rows for rows in sets}
    a: list[int] = []
    b: list[int] = []
    jac: list[float] = []
    est: list[float] = []
    for x, y, j, e in zip(pairs.a, pairs.b, pairs.jaccard, pairs.estimate, strict=True):
        for u in members.get(int(x), (x,)):
            for v in members.get(int(y), (y,)):
                a.append(int(min(u, v)))
                b.append(int(max(u, v)))
                jac.append(float(j))
                est.append(float(e))
    return ScoredPairs(np.array(a), np.array(b), np.array(jac), np.array(est))
