"""The keyword gate must find exactly what a `str.find` loop finds, or detectors miss defects."""

from __future__ import annotations

import pickle
import random
import re

import pytest

from newsdesk.detect.gate import Keywords, gated_finditer


def _find_all(lower: str, words: tuple[str, ...]) -> list[int]:
    """The plain reference: every occurrence of every keyword, by repeated `str.find`."""
    out = []
    for kw in dict.fromkeys(words):
        i = lower.find(kw)
        while i >= 0:
            out.append(i)
            i = lower.find(kw, i + 1)
    return sorted(out)


def test_positions_match_a_find_loop_on_random_text() -> None:
    rng = random.Random(5)
    alphabet = "aab éèàç«»’\n"  # few letters: many overlaps, multi-byte characters shift offsets
    for _ in range(300):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 200)))
        words = tuple(
            "".join(rng.choice(alphabet) for _ in range(rng.randint(1, 4)))
            for _ in range(rng.randint(1, 6))
        )
        kws = Keywords(words)
        assert kws.positions(text) == _find_all(text, words)
        assert kws.present(text) == [w for w in dict.fromkeys(words) if w in text]


def test_positions_are_character_offsets_after_accents_and_emoji() -> None:
    text = "été 🙂 «  modèle » et encore un modèle"
    kws = Keywords(("modèle", "été"))
    assert [text[p : p + 3] for p in kws.positions(text)] == ["été", "mod", "mod"]


def test_overlapping_keywords_are_all_reported() -> None:
    assert Keywords(("aa", "aaa", "a")).positions("aaaa") == _find_all("aaaa", ("aa", "aaa", "a"))


def test_gate_survives_pickling_for_worker_processes() -> None:
    kws = pickle.loads(pickle.dumps(Keywords(("seo", "prompt"))))
    assert kws.positions("le prompt seo") == [3, 10]


def test_empty_keyword_sets_are_refused() -> None:
    with pytest.raises(ValueError):
        Keywords(())
    with pytest.raises(ValueError):
        Keywords(("seo", ""))


def test_gated_finditer_equals_finditer_when_every_match_holds_a_keyword() -> None:
    rng = random.Random(9)
    words = ["modèle", "prompt", "rédige", "article", "le", "un", "texte"]
    pattern = re.compile(r"(?:en tant que )?modèle de langage|rédige (?:un|le) texte")
    for _ in range(100):
        text = " ".join(rng.choice(words + ["en tant que", "de langage"]) for _ in range(400))
        gated = [
            m.span() for m in gated_finditer(pattern, text, text, Keywords(("modèle", "rédige")))
        ]
        assert gated == [m.span() for m in pattern.finditer(text)]
