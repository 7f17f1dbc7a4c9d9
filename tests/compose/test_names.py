"""First mentions: a surname alone only after the page has given the full name (sentences
written for this test, not taken from the samples or the benchmark corpus)."""

from __future__ import annotations

from datetime import UTC, datetime

from newsdesk.compose.material import StorySource
from newsdesk.compose.names import bare_mentions, full_mentions, introduced
from newsdesk.compose.selection import select
from newsdesk.types import Article, Licence, Paragraph


def test_people_named_in_full_are_found_by_their_surname() -> None:
    text = (
        "La maire de Rennes, Nathalie Appéré, a reçu mardi le ministre Gabriel Attal. "
        "Mme Appéré a ensuite visité le chantier avec Jean-Luc Le Guennec."
    )
    people = introduced(text)
    assert {"Appéré", "Attal"} <= people
    assert "Le Guennec" in people or "Guennec" not in people  # never the bare last word alone


def test_bare_and_full_mentions() -> None:
    surnames = frozenset({"Appéré", "Le Guennec"})
    assert bare_mentions("« C'est un grand jour », a déclaré Mme Appéré.", surnames) == {"Appéré"}
    assert bare_mentions("Selon Le Guennec, le chantier avance.", surnames) == {"Le Guennec"}
    assert full_mentions("La maire Nathalie Appéré a signé.", surnames) == {"Appéré"}
    assert full_mentions("Un entretien d'Nathalie Appéré.", surnames) == {"Appéré"}  # elision
    # Inside a longer name or after a collective noun, the surname is not the person.
    assert bare_mentions("Le stade Appéré Arena a ouvert.", surnames) == set()
    assert bare_mentions("L'affaire Appéré a été classée.", surnames) == set()


def _article(aid: str, paragraphs: list[str]) -> Article:
    return Article(
        raw_id=aid,
        source_id="test",
        url=f"https://example.org/{aid}",
        title="Le chantier du métro reprend à Rennes",
        paragraphs=tuple(Paragraph(p, "fr", 1.0) for p in paragraphs),
        language="fr",
        published=datetime(2026, 3, 2, 9, 0, tzinfo=UTC),
        licence=Licence.EXCERPT,
    )


def test_a_surname_alone_waits_for_its_introduction() -> None:
    """The source may only be quoted in part (an excerpt licence): its long introduction of the
    engineer does not fit, the short quote after it would. The quote is left out rather than
    published with a name readers cannot place; with room for both, both are kept."""
    intro = (
        "Le directeur des travaux de la métropole, Olivier Kerbrat, qui supervise depuis "
        "douze ans les grands chantiers de transport de l'agglomération et qui avait déjà "
        "conduit l'extension de la première ligne, a annoncé lundi la reprise du chantier."
    )
    quote = "« Nous rattraperons le retard avant l'été », a assuré Kerbrat."
    lead = _article(
        "a1",
        [
            "Le chantier de la deuxième ligne du métro de Rennes a repris lundi après trois "
            "semaines d'arrêt dû aux intempéries et à une pénurie de matériaux.",
            intro,
            quote,
            "Les rames doivent circuler dès la rentrée, selon la métropole.",
        ],
    )
    tight = select([StorySource(lead)], length_target=400, excerpt_max_words=30)
    texts = [u.text for u in tight.chapo + tight.body]
    assert intro not in texts
    assert quote not in texts
    assert "Les rames doivent circuler dès la rentrée, selon la métropole." in texts
    roomy = select([StorySource(lead)], length_target=400, excerpt_max_words=120)
    texts = [u.text for u in roomy.chapo + roomy.body]
    assert intro in texts and quote in texts
