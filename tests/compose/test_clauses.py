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


@pytest.mark.parametrize(
    "sentence",
    [
        "Les élus du conseil départemental ont voté mardi soir une motion demandant le "
        "maintien de la maternité",
        "Les représentants des agriculteurs de la région ont remis jeudi au préfet une "
        "pétition contre le projet de retenue",
        "Le tribunal administratif de la ville a suspendu en référé l'arrêté interdisant la "
        "manifestation",
    ],
)
def test_a_subheading_is_never_a_sentence_cut_mid_clause(sentence: str) -> None:
    """No clause boundary fits in a subheading's length, and every cut between two words leaves
    a verb without its object ("… ont remis"): a subheading is refused (the section goes
    without one), while a headline may still fall back to such a cut."""

    def value(c: str, s: str) -> float:
        return 1.0

    assert best_clause([sentence], 60, 12, value, whole=True) is None
    fallback = best_clause([sentence], 60, 12, value)
    assert fallback is not None and fallback.word_cut and not fallback.complete


@pytest.mark.parametrize(
    "sentence",
    [
        "RÉSULTATS SERRÉSLe candidat sortant a conservé son siège au second tour dimanche",
        "Le musée rouvrira ses portes au public en juin.La direction annonce des travaux",
        'Les pompiers sont restés sur place toute la nuit. "Nous avons eu peur", dit un voisin',
    ],
)
def test_two_sentences_run_together_are_never_a_heading(sentence: str) -> None:
    clause = best_clause([sentence], 70, 12, lambda c, s: len(c) / len(s))
    assert clause is None or not any(
        glue in clause.text for glue in ("SLe", "juin.La", 'nuit. "Nous')
    )
    assert clause is None or "RÉSULTATS" not in clause.text


def test_an_initial_is_not_a_sentence_end() -> None:
    clause = best_clause(
        ["M. Dupont a présenté lundi son budget au conseil municipal de la ville"],
        70,
        12,
        lambda c, s: len(c) / len(s),
    )
    assert clause is not None and clause.text.startswith("M. Dupont a présenté")
