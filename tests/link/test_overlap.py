"""Shared passages between copies: spans that really hold the same words in both texts, the
same answer however often (and in whichever pair) a text was seen before."""

from __future__ import annotations

import random

from newsdesk.link.normalize import token_spans
from newsdesk.link.overlap import shared_passages

BASE = (
    "Le conseil municipal a adopté mardi soir un budget de 12,4 millions d'euros pour la "
    "rénovation des écoles. Les travaux commenceront en septembre et dureront deux ans, selon "
    "l'adjointe chargée de l'éducation. L'opposition a voté contre, jugeant le calendrier trop "
    "serré et les écoles du quartier nord oubliées. Une réunion publique est prévue le 14 mars "
    "à la mairie annexe pour présenter les plans aux parents d'élèves."
)


def words_of(text: str, span: tuple[int, int]) -> list[str]:
    return [w for w, s, e in token_spans(text) if s >= span[0] and e <= span[1]]


def test_spans_hold_the_same_words_in_both_texts() -> None:
    copy = "Skip to content. " + BASE.replace("Les travaux", "Selon la mairie, les travaux")
    found = shared_passages(BASE, copy)
    assert found and sum(n for *_, n in found) >= 40
    for span_a, span_b, n in found:
        assert words_of(BASE, span_a) == words_of(copy, span_b)
        assert len(words_of(BASE, span_a)) == n


def test_answers_do_not_depend_on_what_was_compared_before() -> None:
    rng = random.Random(7)
    words = BASE.split()
    texts = []
    for _ in range(12):
        cut = rng.randrange(5, len(words) - 5)
        texts.append(" ".join(words[:cut] + ["inséré", "ici"] + words[cut:]))
    first = {
        (i, j): shared_passages(a, b) for i, a in enumerate(texts) for j, b in enumerate(texts)
    }
    rng.shuffle(texts_order := list(first))
    for i, j in texts_order:
        assert shared_passages(texts[i], texts[j]) == first[(i, j)]


def test_texts_too_short_share_nothing() -> None:
    assert shared_passages("un deux trois", "un deux trois") == []
