"""Word and 5-word shingle hashes for many texts at once, vectorised with numpy.

Why not a Python loop: at the benchmark's target (5,000 documents/s on 2 cores) a per-word
Python operation (``re.findall`` + a dict or ``hash`` per word) costs more than the whole
budget (profiled: about 70 % of rensa's own end-to-end time was Python shingling). Here the
texts are joined, viewed as an array of code points (UTF-32), and every step is an array
operation:

- a word is a maximal run of characters for which ``str.isalnum()`` is true or ``_`` (exactly
  Python's ``\\w``), lower-cased with a per-code-point table. Quotes, apostrophes, dashes and
  other punctuation are separators, so "l’homme", "l'homme" and "L' homme" give the same words;
- a word's hash is a polynomial over its code points (summed with ``np.add.reduceat``) passed
  through the splitmix64 finaliser;
- a shingle's hash combines 5 consecutive word hashes of one text; a text of 1–4 words has one
  shingle made of all its words.
The hashes are 64-bit, so two different shingles collide with negligible probability and the
Jaccard similarity computed on hashes is, for our purposes, the exact one.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

SHINGLE_WORDS = 5  # the definition of a near-copy: Jaccard over 5-word shingles

_BMP = 0x10000
_P = 0x100000001B3  # FNV-64 prime: odd, so invertible modulo 2**64
_SHINGLE_MULT = np.uint64(0x9E3779B97F4A7C15)  # golden-ratio constant, odd
# Texts are hashed in batches of about this many characters: the arrays of one batch stay in
# the CPU cache (measured on the benchmark corpus: 100-document batches of ~230k characters
# ran 4x faster than one array for 20,000 documents).
CHUNK_CHARS = 1 << 18


@lru_cache(maxsize=1)
def _code_table() -> np.ndarray:
    """uint64 per BMP code point: its lower-case code if it is a word character, else 0."""
    table = np.zeros(_BMP, dtype=np.uint64)
    for cp in range(_BMP):
        ch = chr(cp)
        if ch.isalnum() or ch == "_":
            low = ch.lower()
            table[cp] = ord(low) if len(low) == 1 else cp
    return table


def _power_table(base: int, size: int) -> np.ndarray:
    """base**i modulo 2**64 for i < size, by doubling (wrapping uint64 arithmetic)."""
    out = np.empty(size, dtype=np.uint64)
    out[0] = 1
    filled = 1
    with np.errstate(over="ignore"):
        while filled < size:
            step = min(filled, size - filled)
            factor = out[filled - 1] * np.uint64(base)
            out[filled : filled + step] = out[:step] * factor
            filled += step
    return out


def _powers(size: int) -> tuple[np.ndarray, np.ndarray]:
    """P**i and P**-i modulo 2**64 for i < size (at least; sizes are rounded to powers of 2)."""
    return _powers_of_two(max(CHUNK_CHARS, 1 << max(size - 1, 1).bit_length()))


@lru_cache(maxsize=2)
def _powers_of_two(size: int) -> tuple[np.ndarray, np.ndarray]:
    return _power_table(_P, size), _power_table(pow(_P, -1, 1 << 64), size)


def mix64(x: np.ndarray) -> np.ndarray:
    """The splitmix64 finaliser on a uint64 array (a bijection that spreads every input bit)."""
    x = x ^ (x >> np.uint64(30))
    x = x * np.uint64(0xBF58476D1CE4E5B9)
    x = x ^ (x >> np.uint64(27))
    x = x * np.uint64(0x94D049BB133111EB)
    return x ^ (x >> np.uint64(31))


@dataclass(frozen=True)
class TextHashes:
    """Hashes of many texts. Text i owns ``shingles[offsets[i]:offsets[i + 1]]`` (its k-word
    shingles in text order, repeats kept); `text_hash[i]` is its order-sensitive hash over the
    normalised word sequence (0 for a text without words) and `word_counts[i]` its word count.
    """

    shingles: np.ndarray  # uint64
    offsets: np.ndarray  # int64, len(texts) + 1
    text_hash: np.ndarray  # uint64, len(texts)
    word_counts: np.ndarray  # int64, len(texts)


def hash_texts(texts: Sequence[str], k: int = SHINGLE_WORDS) -> TextHashes:
    """Tokenise and hash `texts`: shingles and text hashes, in cache-sized batches."""
    shingles: list[np.ndarray] = []
    shingle_counts: list[np.ndarray] = []
    text_hash: list[np.ndarray] = []
    word_counts: list[np.ndarray] = []
    start = 0
    size = 0
    n = len(texts)
    for i in range(n + 1):
        if i < n:
            size += len(texts[i]) + 1
            if size < CHUNK_CHARS:
                continue
        if i == n and start == n and shingles:
            break
        stop = min(i + 1, n)
        words, counts = _word_hashes_batch(texts[start:stop])
        sh, sh_counts = _shingles(words, counts, k)
        shingles.append(sh)
        shingle_counts.append(sh_counts)
        text_hash.append(_text_hashes(words, counts))
        word_counts.append(counts)
        start, size = stop, 0
    offsets = np.zeros(n + 1, dtype=np.int64)
    np.cumsum(np.concatenate(shingle_counts), out=offsets[1:])
    return TextHashes(
        shingles=np.concatenate(shingles),
        offsets=offsets,
        text_hash=np.concatenate(text_hash),
        word_counts=np.concatenate(word_counts),
    )


def _word_hashes_batch(texts: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
    """Word hashes of a few texts and the number of words of each."""
    n = len(texts)
    if n == 0:
        return np.zeros(0, np.uint64), np.zeros(0, np.int64)
    joined = "\n".join(texts)  # "\n" is not a word character: words never span two texts
    cps = np.frombuffer(joined.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    if cps.size and int(cps.max()) >= _BMP:  # beyond the BMP (emoji...): separators
        cps = np.where(cps < _BMP, cps, 0)
    values = _code_table()[cps]
    is_word = values != 0
    starts_mask = np.empty_like(is_word)
    starts_mask[0] = is_word[0]
    np.greater(is_word[1:], is_word[:-1], out=starts_mask[1:])
    starts = np.flatnonzero(starts_mask)
    lengths = np.fromiter(map(len, texts), dtype=np.int64, count=n)
    text_starts = np.zeros(n, dtype=np.int64)
    np.cumsum(lengths[:-1] + 1, out=text_starts[1:])
    bounds = np.searchsorted(starts, text_starts)
    counts = np.diff(np.append(bounds, starts.size))
    if starts.size == 0:
        return np.zeros(0, np.uint64), counts
    # A word's hash is sum(code_j * P**j) over its characters at absolute positions j, brought
    # back to position 0 by multiplying by P**-start: the same word hashes the same anywhere.
    pw, pinv = _powers(cps.size)
    values *= pw[: cps.size]
    sums = np.add.reduceat(values, starts)  # non-word characters add 0
    return mix64(sums * pinv[starts]), counts


def _shingles(h: np.ndarray, counts: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
    """Hashes of the k-word shingles of each text (a text of 1..k-1 words: one shingle)."""
    total = h.size
    n_full = np.maximum(counts - k + 1, 0)
    short = (counts > 0) & (counts < k)
    per_text = n_full + short
    if total >= k:
        combined = h[: total - k + 1].copy()
        for j in range(1, k):
            combined *= _SHINGLE_MULT
            combined += h[j : total - k + 1 + j]
        combined = mix64(combined)
    else:
        combined = np.zeros(0, np.uint64)
    word_off = np.zeros(counts.size + 1, dtype=np.int64)
    np.cumsum(counts, out=word_off[1:])
    if not short.any() and bool((n_full > 0).all()):
        # Every text has >= k words: drop the k-1 windows that straddle two texts.
        valid = np.ones(combined.size, dtype=bool)
        ends = word_off[1:-1]
        for j in range(1, k):
            valid[ends - j] = False
        return combined[valid], per_text
    out_off = np.zeros(counts.size + 1, dtype=np.int64)
    np.cumsum(per_text, out=out_off[1:])
    out = np.empty(int(out_off[-1]), dtype=np.uint64)
    total_full = int(n_full.sum())
    if total_full:
        ramp = np.arange(total_full, dtype=np.int64) - np.repeat(np.cumsum(n_full) - n_full, n_full)
        out[np.repeat(out_off[:-1], n_full) + ramp] = combined[
            np.repeat(word_off[:-1], n_full) + ramp
        ]
    for t in np.flatnonzero(short):
        s = h[word_off[t] : word_off[t] + 1].copy()
        for j in range(word_off[t] + 1, word_off[t + 1]):
            s = s * _SHINGLE_MULT + h[j : j + 1]
        out[out_off[t]] = mix64(s)[0]
    return out, per_text


def _text_hashes(h: np.ndarray, counts: np.ndarray) -> np.ndarray:
    """One order-sensitive hash per text over its word hashes (0 for a text without words)."""
    out = np.zeros(counts.size, dtype=np.uint64)
    if h.size == 0:
        return out
    starts = np.zeros(counts.size, dtype=np.int64)
    np.cumsum(counts[:-1], out=starts[1:])
    pos = np.arange(h.size, dtype=np.int64) - np.repeat(starts, counts)
    mixed = mix64(h ^ mix64(pos.astype(np.uint64) + np.uint64(1)))
    nonempty = counts > 0
    sums = np.add.reduceat(mixed, starts[nonempty])
    out[nonempty] = mix64(sums ^ counts[nonempty].astype(np.uint64))
    return out
