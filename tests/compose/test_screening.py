"""Screening drops what a finding touches, and the sentences that lean on a dropped one."""

from __future__ import annotations

import pytest

from newsdesk.compose.screening import DANGLING, screen_article
from newsdesk.compose.text import is_dependent
from newsdesk.types import Article, Paragraph


def _article(*paragraphs: str) -> Article:
    return Article(
        raw_id="r",
        source_id="s",
        url="https://exemple.test/eleveurs",
        title="Le gouvernement présente un plan de soutien aux éleveurs",
        paragraphs=tuple(Paragraph(p, language="fr") for p in paragraphs),
        language="fr",
    )


OPINION = (
    "Le ministre de l'Agriculture a présenté mardi un plan de soutien aux éleveurs de la Creuse. "
    "Je trouve cette situation profondément alarmante et je pense que personne ne l'a vue venir."
)
FOLLOW_UP = (
    "Il a également promis une enveloppe de 400 millions d'euros sur trois ans. "
    "Les syndicats agricoles ont salué l'annonce, tout en réclamant un calendrier précis."
)


def test_a_sentence_leaning_on_a_dropped_one_is_dropped_with_it() -> None:
    screened = screen_article(_article(OPINION, FOLLOW_UP))
    kept = " ".join(screened.paragraphs)
    assert "400 millions" not in kept  # "Il" would now point at nobody the page names
    assert "Les syndicats agricoles ont salué" in kept
    assert any(
        d.category == DANGLING and d.text.startswith("Il a également") for d in screened.dropped
    )


def test_the_same_sentence_is_kept_when_its_antecedent_is() -> None:
    lead = "Le ministre de l'Agriculture a présenté mardi un plan de soutien aux éleveurs de la Creuse."
    screened = screen_article(_article(lead, FOLLOW_UP))
    assert "Il a également promis une enveloppe" in " ".join(screened.paragraphs)
    assert not screened.dropped


@pytest.mark.parametrize(
    ("sentence", "dependent"),
    [
        ("Elle a démissionné dans la soirée.", True),
        ("Ce dernier a démenti toute implication.", True),
        ("Selon lui, la réforme sera votée avant l'été.", True),
        ("C'est la troisième fois en un mois.", True),
        ("Il y a trois jours, le port a été bombardé.", False),
        ("Il faut remonter à 1976 pour trouver une telle sécheresse.", False),
        ("Ce mardi, le Parlement a adopté le texte.", False),
        ("Illustration de ce malaise, les ventes ont chuté.", False),
        ("Le porte-parole a ajouté que rien n'était décidé.", False),
    ],
)
def test_dependent_sentences(sentence: str, dependent: bool) -> None:
    assert is_dependent(sentence) is dependent
