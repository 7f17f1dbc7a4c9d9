"""Map phase of near-duplicate search: texts → fingerprints (plain arrays, no shared state).

A `Fingerprints` value holds, for a batch of documents, everything the group and reduce
phases need: the normalised-text hash (exact duplicates), the MinHash signature and LSH band
keys (candidates), and the shingle hashes (the exact Jaccard check). Batches computed in
separate processes or Spark partitions are joined with `concat`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from newsdesk.link.minhash import NUM_PERM, band_keys, signatures
from newsdesk.link.shingles import hash_texts


@dataclass(frozen=True)
class Fingerprints:
    """Fingerprints of a batch of documents, row i for ``ids[i]``."""

    ids: tuple[str, ...]
    text_hash: np.ndarray  # uint64 (n,): equal for texts equal after normalisation
    word_counts: np.ndarray  # int64 (n,)
    sigs: np.ndarray  # uint32 (n, NUM_PERM)
    bands: np.ndarray  # uint64 (n, NUM_BANDS)
    shingles: np.ndarray  # uint64, CSR with `offsets`
    offsets: np.ndarray  # int64 (n + 1,)

    def __len__(self) -> int:
        return len(self.ids)

    def shingle_set(self, i: int) -> np.ndarray:
        """The sorted distinct shingle hashes of document i."""
        return np.unique(self.shingles[self.offsets[i] : self.offsets[i + 1]])

    def take(self, rows: np.ndarray) -> Fingerprints:
        """The fingerprints of the given rows, in that order."""
        rows = np.asarray(rows, dtype=np.int64)
        sizes = self.offsets[rows + 1] - self.offsets[rows]
        offsets = np.zeros(rows.size + 1, dtype=np.int64)
        np.cumsum(sizes, out=offsets[1:])
        ramp = np.arange(int(offsets[-1]), dtype=np.int64) - np.repeat(offsets[:-1], sizes)
        shingles = self.shingles[np.repeat(self.offsets[rows], sizes) + ramp]
        return Fingerprints(
            ids=tuple(self.ids[i] for i in rows),
            text_hash=self.text_hash[rows],
            word_counts=self.word_counts[rows],
            sigs=self.sigs[rows],
            bands=self.bands[rows],
            shingles=shingles,
            offsets=offsets,
        )


def fingerprint(ids: Sequence[str], texts: Sequence[str]) -> Fingerprints:
    """Map phase: fingerprints of texts (one batch; any size, any process)."""
    hashed = hash_texts(texts)
    sigs = signatures(hashed.shingles, hashed.offsets)
    return Fingerprints(
        ids=tuple(ids),
        text_hash=hashed.text_hash,
        word_counts=hashed.word_counts,
        sigs=sigs,
        bands=band_keys(sigs),
        shingles=hashed.shingles,
        offsets=hashed.offsets,
    )


def concat(parts: Sequence[Fingerprints]) -> Fingerprints:
    """Join batches (in order) into one."""
    if not parts:
        return fingerprint([], [])
    if len(parts) == 1:
        return parts[0]
    sizes = [p.offsets[-1] for p in parts]
    shift = np.cumsum([0, *sizes[:-1]])
    offsets = np.concatenate(
        [np.zeros(1, np.int64)] + [p.offsets[1:] + s for p, s in zip(parts, shift, strict=True)]
    )
    return Fingerprints(
        ids=tuple(i for p in parts for i in p.ids),
        text_hash=np.concatenate([p.text_hash for p in parts]),
        word_counts=np.concatenate([p.word_counts for p in parts]),
        sigs=np.concatenate([p.sigs for p in parts]).reshape(-1, NUM_PERM),
        bands=np.concatenate([p.bands for p in parts]),
        shingles=np.concatenate([p.shingles for p in parts]),
        offsets=offsets,
    )
