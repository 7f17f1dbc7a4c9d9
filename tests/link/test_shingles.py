"""The vectorised tokeniser must agree with the plain-Python definition of a 5-word shingle."""

from __future__ import annotations

import re

import numpy as np

from newsdesk.link.shingles import SHINGLE_WORDS, hash_texts


def reference_shingles(text: str) -> list[tuple[str, ...]]:
    words = re.findall(r"\w+", text.lower())
    if len(words) < SHINGLE_WORDS:
        return [tuple(words)] if words else []
    return [tuple(words[i : i + SHINGLE_WORDS]) for i in range(len(words) - SHINGLE_WORDS + 1)]


def test_word_counts_and_shingle_counts_match_python_regex(french_news):
    texts = [a["article"] for a in french_news[:60]] + ["", "un deux", "😀 émoji ok"]
    hashed = hash_texts(texts)
    for i, text in enumerate(texts):
        assert hashed.word_counts[i] == len(re.findall(r"\w+", text))
        assert hashed.offsets[i + 1] - hashed.offsets[i] == len(reference_shingles(text))


def test_equal_shingles_hash_equal_and_different_ones_differ(french_news):
    texts = [a["article"] for a in french_news[60:90]]
    hashed = hash_texts(texts)
    by_shingle: dict[tuple[str, ...], int] = {}
    for i, text in enumerate(texts):
        got = hashed.shingles[hashed.offsets[i] : hashed.offsets[i + 1]].tolist()
        for sh, h in zip(reference_shingles(text), got, strict=True):
            assert by_shingle.setdefault(sh, h) == h
    assert len(set(by_shingle.values())) == len(by_shingle)  # no collision on real text


def test_normalisation_ignores_case_quotes_apostrophes_spacing_and_batching():
    a = "L’armée a dit « non » : c'est   FINI."
    b = 'l\'Armée a dit "non"... C’est fini'
    c = "L'armée a dit non, c'est fini ailleurs"
    hashed = hash_texts([a, b, c])
    assert hashed.text_hash[0] == hashed.text_hash[1] != hashed.text_hash[2]
    alone = hash_texts([c])
    assert np.array_equal(alone.shingles, hashed.shingles[hashed.offsets[2] : hashed.offsets[3]])
