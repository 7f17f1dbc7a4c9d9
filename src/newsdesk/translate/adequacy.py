"""Adequacy: does a translation still say what its source says? Cross-lingual sentence embeddings.

The form checks (`checks.py`) cannot see a fluent sentence about something else: SmolLM2-135M
turned "Valentino has always been fascinated by the rarefied and distant world of the
nobility." into "La valeuse est toujine pour les nobles et la ville des amis.", which is French,
keeps every number and has no commentary. The multilingual sentence encoder of
`newsdesk.embeddings` scores that pair 0.25, and a faithful translation 0.89.
"""

from __future__ import annotations

from collections.abc import Sequence

LOW_ADEQUACY = "low_adequacy"
# Cosine of source and translation below which the translation is refused. On 400 WMT
# newstest2013 EN→FR pairs, human translations score 0.54 at the 1st percentile (0.82 median),
# while a source paired with the translation of another sentence scores 0.45 at the 95th.
MIN_ADEQUACY = 0.45
# Segments with fewer letters are not scored: a headline of names embeds too noisily.
MIN_LETTERS_ADEQUACY = 20


def adequacy(sources: Sequence[str], translations: Sequence[str]) -> list[float | None]:
    """Cosine similarity of each source with its translation (None: too short to judge)."""
    scored = [
        i
        for i, (s, t) in enumerate(zip(sources, translations, strict=True))
        if sum(ch.isalpha() for ch in s) >= MIN_LETTERS_ADEQUACY
    ]
    out: list[float | None] = [None] * len(sources)
    if not scored:
        return out
    from newsdesk.embeddings import embed

    vectors = embed([sources[i] for i in scored] + [translations[i] for i in scored])
    n = len(scored)
    for k, i in enumerate(scored):
        out[i] = float(vectors[k] @ vectors[n + k])
    return out
