"""Whose voice is a sentence in? Quotation spans, reporting clauses and credit lines.

Texts written for these tests (not taken from the samples or the benchmark corpora).
"""

from __future__ import annotations

from newsdesk.detect import detect
from newsdesk.detect.document import Document

FIRST_PERSON = {"injected-opinion", "persona-leak", "impersonation"}


def findings(text: str, language: str = "fr") -> list[tuple[str, str]]:
    return [(f.category, f.excerpt) for f in detect(text, language=language)]


def first_person(text: str, language: str = "fr") -> list[tuple[str, str]]:
    return [(c, e) for c, e in findings(text, language) if c in FIRST_PERSON]


# --- quotation spans ----------------------------------------------------------------------------
def test_straight_quote_followed_by_a_comma_closes() -> None:
    text = "Je me suis dit : 'Quelle erreur !'\", a raconté la chanteuse à la radio."
    doc = Document(text)
    assert not doc.in_quotes(text.index("a raconté"))


def test_unclosed_straight_quote_ends_at_the_next_straight_quote() -> None:
    text = (
        'Le rapport le décrit comme "lent à décider, "peu présent sur le terrain" et '
        '"isolé". La direction conteste ces appréciations.'
    )
    doc = Document(text)
    assert doc.in_quotes(text.index("lent"))
    assert not doc.in_quotes(text.index("La direction"))


def test_opinion_after_a_quotation_that_lost_its_closing_mark_is_flagged() -> None:
    text = (
        "Un rapport interne critique la directrice\n\n"
        'Le document la décrit comme "lente à décider, "peu présente sur le terrain" et '
        '"isolée". Je pense que ce rapport aurait dû rester confidentiel. La direction '
        "conteste ces appréciations.\n\nUne réunion est prévue lundi."
    )
    found = first_person(text)
    assert found and "Je pense" in found[0][1]


def test_opinion_after_a_stray_closing_quote_is_flagged() -> None:
    text = (
        "La chanteuse raconte sa rupture\n\n"
        "Et je me suis dit : 'tant pis'\", a confié l'artiste de 24 ans, qui publie un album en "
        "mars. Personnellement, je trouve cette confidence inutile.\n\n"
        "Sa tournée passera par Lyon et Marseille."
    )
    assert ("injected-opinion", "Personnellement, je trouve cette confidence inutile.") in (
        first_person(text)
    )


def test_first_person_inside_straight_quotes_over_several_sentences_is_not_flagged() -> None:
    text = (
        "L'avocat annonce un appel\n\n"
        '"Je pense que ce jugement est une erreur. Je suis convaincu que mon client sera '
        "relaxé. Nous irons jusqu'au bout\", a déclaré l'avocat à la sortie de l'audience.\n\n"
        "Le parquet n'a pas réagi."
    )
    assert first_person(text) == []


# --- reporting clauses --------------------------------------------------------------------------
def test_reporting_verb_in_another_clause_does_not_excuse_the_first_person() -> None:
    text = (
        "Washington adds four firms to its trade blacklist\n\n"
        "The four companies added to the list include Northwind Holdings Ltd. In my opinion, "
        "the government acted far too late.\n\nThe measure takes effect on Friday."
    )
    found = first_person(text, "en")
    assert found == [("injected-opinion", "In my opinion, the government acted far too late.")]


def test_first_person_after_an_initialism_is_found() -> None:
    text = (
        "Solar imports face new checks\n\n"
        "An analyst said modules may now need proof of origin to enter the U.S. Dear readers, "
        "let me explain the situation.\n\nPrices rose by 4% last month."
    )
    assert [c for c, _ in first_person(text, "en")] == ["persona-leak"]


def test_unquoted_speech_with_its_reporting_clause_is_not_flagged() -> None:
    text = (
        "Harbour works delayed again\n\n"
        "I believe the new quay will open in spring, the port director told reporters on "
        "Monday.\n\nThe works began in 2021."
    )
    assert first_person(text, "en") == []


# --- credit lines -------------------------------------------------------------------------------
def test_credit_finding_starts_at_the_credit_not_at_the_paragraph() -> None:
    text = (
        "Port strike enters second week\n\n"
        "Dockers voted on Tuesday to continue the strike. Talks resume on Thursday. "
        "(Reporting by Jane Roe in Antwerp; Editing by John Doe)\n\nShipping lines diverted "
        "three vessels."
    )
    credits = [e for c, e in findings(text, "en") if c == "byline-in-body"]
    assert credits == ["(Reporting by Jane Roe in Antwerp; Editing by John Doe)"]
