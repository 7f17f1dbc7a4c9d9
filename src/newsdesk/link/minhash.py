"""MinHash signatures (computed by rensa) and LSH band keys for many texts at once.

rensa's `RMinHash` computes a 128-permutation signature for every text from the flat array of
shingle hashes in one call (Rust, no Python per shingle). Banding is done here with numpy so
that the band keys are plain arrays that any engine can group by (a dict locally, a
``groupByKey`` on Spark).
"""

from __future__ import annotations

import numpy as np

from newsdesk.link.shingles import mix64

NUM_PERM = 128  # signature length: estimate std at J=0.5 is sqrt(0.25/128) = 0.044
SEED = 20240523  # fixed: signatures must be comparable across runs and machines
# 42 bands of 3 rows: a pair at Jaccard 0.5 shares a band with probability
# 1 - (1 - 0.5**3)**42 = 0.996, a pair at 0.2 with 0.29, at 0.05 with 0.005. Recall at the
# 0.5 threshold is what matters; the extra candidates are removed by the exact check.
BAND_ROWS = 3
NUM_BANDS = 42


def signatures(shingles: np.ndarray, offsets: np.ndarray) -> np.ndarray:
    """MinHash signatures, shape (n_texts, NUM_PERM), uint32; a text without shingles gets
    the all-0xFFFFFFFF row (it matches nothing because it is never banded)."""
    import rensa

    n = offsets.size - 1
    if n == 0:
        return np.zeros((0, NUM_PERM), dtype=np.uint32)
    matrix = rensa.RMinHash.digest_matrix_from_flat_token_hashes(
        shingles, offsets.astype(np.uint64), NUM_PERM, SEED
    )
    return np.array(matrix.to_rows(), dtype=np.uint32).reshape(n, NUM_PERM)


def band_keys(sigs: np.ndarray) -> np.ndarray:
    """One uint64 key per (text, band): shape (n_texts, NUM_BANDS). The band index is mixed
    into the key, so keys from different bands never collide by construction of the grouping."""
    n = sigs.shape[0]
    rows = sigs[:, : NUM_BANDS * BAND_ROWS].astype(np.uint64).reshape(n, NUM_BANDS, BAND_ROWS)
    keys = np.arange(1, NUM_BANDS + 1, dtype=np.uint64)[None, :].repeat(n, axis=0)
    for r in range(BAND_ROWS):
        keys = mix64(keys * np.uint64(0x9E3779B97F4A7C15) + rows[:, :, r])
    return keys


def estimated_jaccard(sig_a: np.ndarray, sig_b: np.ndarray) -> np.ndarray:
    """Share of equal signature positions, row by row (the MinHash Jaccard estimate)."""
    return np.count_nonzero(sig_a == sig_b, axis=-1) / sig_a.shape[-1]
