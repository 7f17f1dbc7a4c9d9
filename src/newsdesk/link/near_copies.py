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


def candidate_edges(fp: Fingerprints, rows: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Group phase 2: distinct pairs of `rows` (as row numbers, u < v) that are neighbours in
    a band bucket and whose MinHash estimate reaches EST_FLOOR.

    Members of a bucket are chained (each to the next), not paired all with all: the chains of
    the ~42 buckets two similar documents share connect them as well, with a number of edges
    linear in the corpus (a family of 80 copies would otherwise give 3,160 pairs per band).
    The estimate filter keeps weak chance matches (Jaccard ~0.1-0.2, which 42 bands of 3 rows
    let through) from chaining unrelated documents into one giant component.
    """
    rows = rows[fp.word_counts[rows] > 0]
    m = rows.size
    empty = np.zeros(0, dtype=np.int64)
    if m < 2:
        return empty, empty
    keys = fp.bands[rows].ravel()
    local = np.repeat(np.arange(m, dtype=np.int64), fp.bands.shape[1])
    order = np.argsort(keys)
    keys, local = keys[order], local[order]
    same = keys[1:] == keys[:-1]
    u, v = local[:-1][same], local[1:][same]
    lo, hi = np.minimum(u, v), np.maximum(u, v)
    codes = np.unique(lo[lo != hi] * m + hi[lo != hi])
    lo, hi = codes // m, codes % m
    keep = np.zeros(codes.size, dtype=bool)
    step = 1 << 16
    for s in range(0, codes.size, step):
        est = estimated_jaccard(fp.sigs[rows[lo[s : s + step]]], fp.sigs[rows[hi[s : s + step]]])
        keep[s : s + step] = est >= EST_FLOOR
    return rows[lo[keep]], rows[hi[keep]]


def _ramp(counts: np.ndarray) -> np.ndarray:
    """0..c-1 for every c in counts, concatenated."""
    total = int(counts.sum())
    return np.arange(total, dtype=np.int64) - np.repeat(np.cumsum(counts) - counts, counts)


@dataclass(frozen=True)
class CandidateGroup:
    """Rows that are connected by candidate edges; `edges` are given for large groups only
    (small ones are scored on every pair)."""

    rows: np.ndarray
    edges: tuple[np.ndarray, np.ndarray] | None = None


def candidate_groups(fp: Fingerprints, rows: np.ndarray) -> list[CandidateGroup]:
    """Group phase 3: connected components (of 2+ rows) of the candidate edges."""
    u, v = candidate_edges(fp, rows)
    if u.size == 0:
        return []
    nodes, inverse = np.unique(np.concatenate([u, v]), return_inverse=True)
    lu, lv = inverse[: u.size], inverse[u.size :]
    labels = connected_components(nodes.size, lu, lv)
    n_comp = int(labels.max()) + 1
    sizes = np.bincount(labels, minlength=n_comp)
    order = np.argsort(labels, kind="stable")
    bounds = np.concatenate([[0], np.cumsum(sizes)])
    groups = []
    large = set(np.flatnonzero(sizes > MAX_ALL_PAIRS_GROUP).tolist())
    edge_label = labels[lu]
    for c in range(n_comp):
        members = nodes[np.sort(order[bounds[c] : bounds[c + 1]])]
        if c in large:
            sel = edge_label == c
            groups.append(CandidateGroup(members, (u[sel], v[sel])))
        else:
            groups.append(CandidateGroup(members))
    return groups


def connected_components(n: int, u: np.ndarray, v: np.ndarray) -> np.ndarray:
    """Component label (0..k-1) of each of n nodes joined by edges u-v: min-label propagation
    with pointer jumping, all in numpy (a few passes over the edges)."""
    label = np.arange(n, dtype=np.int64)
    while True:
        new = label.copy()
        np.minimum.at(new, u, label[v])
        np.minimum.at(new, v, label[u])
        new = new[new]
        if np.array_equal(new, label):
            break
        label = new
    _, dense = np.unique(label, return_inverse=True)
    return dense.reshape(-1)


def score_group(fp: Fingerprints, group: CandidateGroup) -> ScoredPairs:
    """Reduce phase: pairs of one group with exact Jaccard >= NEAR_COPY_JACCARD."""
    rows = group.rows
    m = rows.size
    if m < 2:
        return _empty_pairs()
    sizes = fp.offsets[rows + 1] - fp.offsets[rows]
    if group.edges is None and m * int(sizes.sum()) <= MAX_DENSE_CELLS:
        ia, ib = np.triu_indices(m, 1)
        jac = _dense_jaccard(fp, rows, sizes, ia, ib)
        a, b = rows[ia], rows[ib]
    else:
        if group.edges is None:
            ia, ib = np.triu_indices(m, 1)
            a, b = rows[ia], rows[ib]
        else:
            log.info("large_candidate_group", documents=int(m), edges=int(group.edges[0].size))
            a, b = group.edges
        jac = _pair_jaccard(fp, a, b)
    keep = jac >= NEAR_COPY_JACCARD
    a, b, jac = a[keep], b[keep], jac[keep]
    est = estimated_jaccard(fp.sigs[a], fp.sigs[b])
    return ScoredPairs(a, b, jac, est)


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


def _pair_jaccard(fp: Fingerprints, a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Exact Jaccard of arbitrary row pairs, one vectorised membership test per anchor row."""
    out = np.empty(a.size)
    order = np.argsort(a, kind="stable")
    bounds = np.flatnonzero(np.concatenate([[True], a[order][1:] != a[order][:-1], [True]]))
    sets: dict[int, np.ndarray] = {}

    def shingle_set(row: int) -> np.ndarray:
        if row not in sets:
            sets[row] = fp.shingle_set(row)
        return sets[row]

    for s, e in zip(bounds[:-1], bounds[1:], strict=True):
        idx = order[s:e]
        anchor = shingle_set(int(a[idx[0]]))
        partners = [shingle_set(int(r)) for r in b[idx]]
        lengths = np.array([p.size for p in partners])
        hits = np.isin(np.concatenate(partners), anchor, assume_unique=False)
        inter = np.add.reduceat(hits.astype(np.int64), np.cumsum(lengths) - lengths)
        out[idx] = inter / (anchor.size + lengths - inter)
    return out


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
    """A near-copy of a representative is a near-copy of each of its duplicates too."""
    members = {int(rows[0]): rows for rows in sets}
    heads = np.fromiter(members, dtype=np.int64, count=len(members))
    touched = np.isin(pairs.a, heads) | np.isin(pairs.b, heads)
    a = [pairs.a[~touched]]
    b = [pairs.b[~touched]]
    jac = [pairs.jaccard[~touched]]
    est = [pairs.estimate[~touched]]
    for k in np.flatnonzero(touched).tolist():
        x, y = int(pairs.a[k]), int(pairs.b[k])
        xs = members.get(x, np.array([x]))
        ys = members.get(y, np.array([y]))
        u, v = np.repeat(xs, ys.size), np.tile(ys, xs.size)
        a.append(np.minimum(u, v))
        b.append(np.maximum(u, v))
        jac.append(np.full(u.size, pairs.jaccard[k]))
        est.append(np.full(u.size, pairs.estimate[k]))
    return ScoredPairs(
        np.concatenate(a), np.concatenate(b), np.concatenate(jac), np.concatenate(est)
    )
