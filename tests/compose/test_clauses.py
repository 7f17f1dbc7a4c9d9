"""Headline clauses: the parse tells whole clauses from cut ones (sentences written for this
test, not taken from any corpus the rules were read against)."""

from __future__ import annotations

import pytest

from newsdesk.compose.clauses import best_clause, cut_quality


def _complete(sentence: str, prefix: str) -> bool:
    assert sentence.startswith(prefix)
    return cut_quality(sentence, [len(prefix)])[len(prefix)].complete


@pytest.mark.parametrize(
    ("sentence", "prefix", "complete"),
    [
        (
            "Une enquête a été ouverte après la découverte du corps dans un étang",
            "Une enquête a été ouverte",
            True,
        ),
        (
            "Une enquête a été ouverte après la découverte du corps dans un étang",
            "Une enquête a été ouverte après la découverte",
            False,
        ),
        (
            "Le rapport indique que la ministre a été informée dès lundi",
            "Le rapport indique que la ministre",
            False,
        ),
        (
            "Le port de Gênes a rouvert mardi, selon les autorités portuaires",
            "Le port de Gênes a rouvert mardi",
            True,
        ),
        (
            "Lorsque le train est arrivé à Lyon, les passagers ont été évacués",
            "Lorsque le train est arrivé à Lyon",
            False,
        ),
    ],
)
def test_cut_quality(sentence: str, prefix: str, complete: bool) -> None:
    assert _complete(sentence, prefix) is complete


def test_a_whole_clause_is_preferred_and_glued_text_is_never_a_headline() -> None:
    sentences = [
        "La gendarmerie a lancé un appel à témoins après la découverte du corps dans un étang",
        "Le club de Lorient promu en Ligue 1La saison prochaine commencera en août",
    ]
    clause = best_clause(sentences, 70, 20, lambda c, s: len(c) / len(s))
    assert clause is not None
    assert clause.text == "La gendarmerie a lancé un appel à témoins"
    assert "1La" not in clause.text
