"""The meaning check, on WMT pairs it was not tuned on (lines 1000-1149)."""

from __future__ import annotations

import numpy as np
import pytest

from newsdesk.embeddings import embed
from newsdesk.translate.adequacy import MIN_ADEQUACY, adequacy

# Measured on these 200 pairs: see the test names. Floors only move up.
MIN_HUMAN_ACCEPTED = 0.97
MIN_MISMATCH_REFUSED = 0.90


@pytest.mark.slow  # ~300 sentence embeddings: 15-30 s on a shared core
def test_human_translations_pass_and_mismatched_ones_do_not(wmt_pairs) -> None:
    pairs = [(e, f) for e, f in wmt_pairs[1000:1150] if len(e) >= 40]
    en = embed([e for e, _ in pairs])
    fr = embed([f for _, f in pairs])
    true = (en * fr).sum(axis=1)
    shifted = (en * np.roll(fr, 1, axis=0)).sum(axis=1)
    assert (true >= MIN_ADEQUACY).mean() >= MIN_HUMAN_ACCEPTED
    assert (shifted < MIN_ADEQUACY).mean() >= MIN_MISMATCH_REFUSED


def test_fluent_french_about_something_else_is_refused() -> None:
    source = (
        "Valentino has always been fascinated by the rarefied and distant world of the nobility."
    )
    smollm2 = (
        "La valeuse est toujine pour les nobles et la ville des amis."  # SmolLM2-135M's answer
    )
    human = "Valentino a toujours été fasciné par le monde raréfié et lointain de la noblesse."
    bad, good = adequacy([source, source], [smollm2, human])
    assert bad is not None and bad < MIN_ADEQUACY
    assert good is not None and good >= MIN_ADEQUACY
    assert adequacy(["AFP"], ["AFP"]) == [None]
