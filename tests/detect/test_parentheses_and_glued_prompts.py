"""English left in parentheses, and a prompt glued to a title that opens on a quotation mark.

Texts written for these tests (not taken from the samples or the benchmark corpora).
"""

from __future__ import annotations

import pytest

from newsdesk.detect import detect

BODY = (
    "Le gouvernement a présenté mardi son plan de soutien, qui doit aider les artisans et les "
    "ménages les plus modestes à traverser l'hiver."
)


def article_with(parenthesis: str) -> str:
    return (
        "Plan d'aide : le gouvernement précise le calendrier\n\n"
        f"{BODY}\n\nLes premiers versements arriveront {parenthesis} sur les comptes des "
        "bénéficiaires, a précisé Bercy.\n\nLes demandes peuvent être déposées en ligne."
    )


def untranslated(text: str) -> list[str]:
    return [f.excerpt for f in detect(text, language="fr") if f.category == "untranslated-fragment"]


@pytest.mark.parametrize(
    "parenthesis",
    ["(this week)", "(in Russia or Crimea)", "(according to officials)", "(at the time)"],
)
def test_english_phrase_in_parentheses_is_flagged_with_its_span(parenthesis: str) -> None:
    assert untranslated(article_with(parenthesis)) == [parenthesis]


@pytest.mark.parametrize(
    "parenthesis",
    [
        "(AFP)",
        "(photo)",
        "(en anglais : « fair use »)",
        "(New York Times)",
        "(OTAN)",
        "(PS)",
        "(soit 12 %)",
        "(lire ci-dessous)",
        "(think tank)",
        "(fake news)",
    ],
)
def test_french_parentheticals_names_acronyms_and_terms_are_not_flagged(parenthesis: str) -> None:
    assert untranslated(article_with(parenthesis)) == []


def test_english_parenthesis_inside_a_quotation_is_left_alone() -> None:
    text = article_with("bientôt") + (
        "\n\n« Nous verrons les résultats (later this year) », a dit le ministre."
    )
    assert untranslated(text) == []


def leaked(text: str) -> list[str]:
    return [f.excerpt for f in detect(text, language="fr") if f.category == "leaked-instruction"]


def test_prompt_glued_to_a_title_opening_on_guillemets_stops_before_them() -> None:
    text = (
        "Rewrite this headline in French« Nous ne reculerons pas », prévient la maire\n\n"
        "La maire de Rennes a confirmé jeudi la fermeture de la rue aux voitures. Les "
        "commerçants demandent une concertation."
    )
    assert leaked(text) == ["Rewrite this headline in French"]


def test_prompt_glued_to_english_curly_quotes_stops_before_them() -> None:
    text = (
        "Traduis ce titre en anglais“ We will not back down ”, mayor warns\n\n"
        "La maire de Rennes a confirmé jeudi la fermeture de la rue aux voitures."
    )
    assert leaked(text) == ["Traduis ce titre en anglais"]


def test_a_quotation_glued_to_a_reporting_verb_is_not_an_instruction() -> None:
    text = (
        "La maire tient bon\n\n"
        "La maire a répété« nous ne reculerons pas » devant le conseil municipal. Les "
        "commerçants demandent une concertation."
    )
    assert leaked(text) == []
