"""rewrite-of: an article retold sentence by sentence (same language or translated), kept apart
from independent reporting of the same event, from a text written from the headline alone and
from a faithful translation. The articles below were written for this test (a fictional port),
the rewrites in the manner of a language model asked to rewrite for search engines."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import numpy as np
import pytest

from newsdesk.link import LinkDoc, link_documents
from newsdesk.link.alignment import Alignment
from newsdesk.link.rewrites import (
    RewriteMeasure,
    figures,
    is_rewrite,
    lexical_coverage,
    longest_in_order,
    passes_lexical_gate,
    sentence_stems,
)
from newsdesk.types import LinkType

ORIGINAL = """Harbour authority approves expansion of Port Velden

The Port Velden harbour authority on Tuesday approved a 420 million euro expansion that will add two container berths by 2027.

The plan, backed by 11 of the authority's 13 board members, includes dredging the main channel to a depth of 16 metres.

Chairwoman Ilse Marquardt said the project would "secure jobs for a generation" and allow the port to receive the largest ships now in service.

Environmental groups have criticised the dredging, warning that it could damage the mudflats north of the city.

The Velden Wetland Trust said it would examine the decision and had not ruled out a legal challenge.

Construction is expected to begin in the spring, once the regional government signs off on the financing.

The port handled 3.2 million containers last year, a record."""

REWRITE = """Port Velden gets green light for major expansion

On Tuesday, the harbour authority of Port Velden gave its approval to an expansion worth 420 million euros, which is set to create two new container berths by 2027.

Eleven of the 13 members of the authority's board voted in favour of the scheme, which also involves deepening the main channel to 16 metres.

According to chairwoman Ilse Marquardt, the project will "secure jobs for a generation" and let the port welcome the biggest vessels currently sailing.

The dredging has drawn criticism from environmental organisations, who fear harm to the mudflats lying north of the city.

The Velden Wetland Trust announced it would study the decision and did not exclude going to court.

Work should start in spring, as soon as the regional government approves the funding.

Last year the port moved a record 3.2 million containers."""

INDEPENDENT = """Dredging row clouds Port Velden's berth plan

Conservationists in Velden vowed on Wednesday to fight the port's newly approved channel works in court.

"The mudflats are the last feeding ground for 40,000 migrating birds," said Anke Brosius, director of the Velden Wetland Trust.

The harbour board's vote on Tuesday cleared the way for two new berths, which port officials value at about 400 million euros.

Shipping lines have long complained that the channel is too shallow for modern vessels.

Local fishermen, however, fear that years of construction will disrupt their catch.

The regional government, which must approve the financing, has not said when it will decide.

A spokesman for the port declined to comment on the threat of litigation."""

FROM_HEADLINE = """Harbour authority approves expansion of Port Velden

The news about Port Velden has drawn wide attention this week.

Observers say the situation around the harbour authority is still evolving.

Industry experts expect more announcements in the coming months.

Questions remain about what the expansion will mean for residents.

Some analysts describe it as a turning point, others urge caution.

The debate over the expansion is likely to continue."""

FRENCH_REWRITE = """Port Velden : feu vert pour un agrandissement d'envergure

Mardi, l'autorité portuaire de Port Velden a donné son accord à un projet d'agrandissement de 420 millions d'euros qui doit créer deux nouveaux postes à quai pour conteneurs d'ici 2027.

Soutenu par 11 des 13 membres du conseil, le plan prévoit aussi de creuser le chenal principal jusqu'à 16 mètres de profondeur.

Selon sa présidente, Ilse Marquardt, le projet permettra de « garantir des emplois pour une génération » et d'accueillir les plus grands navires en service.

Les associations de défense de l'environnement dénoncent ce dragage, qui pourrait selon elles abîmer les vasières situées au nord de la ville.

Les travaux devraient démarrer au printemps, dès que la région aura validé le financement.

Un chantier à suivre de près dans les mois qui viennent."""

T0 = datetime(2024, 3, 5, 9, 0, tzinfo=UTC)


def doc(id_: str, text: str, language: str, days: int) -> LinkDoc:
    return LinkDoc(id_, text, language, T0 + timedelta(days=days), text.splitlines()[0])


@pytest.fixture(scope="module")
def port_links():
    docs = [
        doc("original", ORIGINAL, "en", 0),
        doc("rewrite", REWRITE, "en", 1),
        doc("independent", INDEPENDENT, "en", 1),
        doc("headline", FROM_HEADLINE, "en", 1),
        doc("french", FRENCH_REWRITE, "fr", 2),
    ]
    result = link_documents(docs)
    assert not result.rejections
    return docs, result.links


def rewrites_of(links):
    return {frozenset((x.source, x.target)): x for x in links if x.type is LinkType.REWRITE_OF}


@pytest.mark.slow
def test_a_rewrite_is_linked_to_its_original_with_aligned_sentences(port_links):
    docs, links = port_links
    found = rewrites_of(links)
    link = found[frozenset(("original", "rewrite"))]
    assert (link.source, link.target, link.directed) == ("original", "rewrite", True)
    assert "in the same order" in link.note and "of rewrite" in link.note
    assert link.score >= 0.85  # share of the rewrite covered
    assert len(link.evidence) >= 6
    texts = {d.id: d.text for d in docs}
    for e in link.evidence:
        assert texts["original"][e.source_span[0] : e.source_span[1]] == e.source_text
        assert texts["rewrite"][e.target_span[0] : e.target_span[1]] == e.target_text
    quote = [e for e in link.evidence if "secure jobs for a generation" in e.source_text]
    assert quote and "secure jobs for a generation" in quote[0].target_text


@pytest.mark.slow
def test_a_french_rewrite_of_an_english_article_is_a_rewrite_not_a_translation(port_links):
    _, links = port_links
    link = rewrites_of(links)[frozenset(("original", "french"))]
    assert (link.source, link.target, link.directed) == ("original", "french", True)
    assert "en -> fr" in link.note
    translated = {
        frozenset((x.source, x.target)) for x in links if x.type is LinkType.TRANSLATION_OF
    }
    assert frozenset(("original", "french")) not in translated


@pytest.mark.slow
def test_independent_reporting_and_a_text_from_the_headline_are_not_rewrites(port_links):
    _, links = port_links
    for pair in rewrites_of(links):
        assert "independent" not in pair and "headline" not in pair, pair


@pytest.mark.slow
def test_the_samples_get_no_rewrite_and_keep_their_links(sample_docs):
    with_rewrites = link_documents(sample_docs).links
    without = link_documents(sample_docs, rewrites=False).links
    assert not rewrites_of(with_rewrites)

    def kinds(links):
        return {(x.type, x.source, x.target) for x in links}

    assert kinds(with_rewrites) == kinds(without)


def test_longest_in_order_counts_the_longest_run_kept_in_order():
    assert longest_in_order([0, 1, 2, 3]) == 4
    assert longest_in_order([1, 0, 3, 2, 4]) == 3
    assert longest_in_order([4, 3, 2, 1]) == 1
    assert longest_in_order([]) == 0


def test_figures_ignore_separators_and_single_digits():
    assert figures("3,200 tonnes, 3 200 tonnes, 2027 and 7 ships") == {"3200", "2027"}


def test_lexical_coverage_needs_shared_stems_in_most_sentences():
    text_a = "The harbour authority approved the expansion. Dredging worries environmental groups."
    text_b = "Approval came from the harbour authority. Environmental groups fear the dredging."
    other = "Football results were announced yesterday. The weather stayed mild all week."

    def stems(text):
        return sentence_stems(text, [(0, text.index(".") + 1), (text.index(".") + 2, len(text))])

    assert lexical_coverage(stems(text_a), stems(text_b)) == 1.0
    assert lexical_coverage(stems(text_a), stems(other)) == 0.0


def test_the_lexical_gate_wants_both_sides_matched_in_order():
    def stems(sentences):
        return [frozenset(s.split()) for s in sentences]

    original = stems(
        ["alpha beta gamma", "delta epsil zetas", "etaet theta iotas", "kappa lambd mumum"]
    )
    rewrite = stems(
        ["alpha beta other", "delta epsil again", "etaet theta more", "kappa lambd last"]
    )
    assert passes_lexical_gate(original, rewrite)
    # the same sentences told in another order
    assert not passes_lexical_gate(original, rewrite[::-1])
    # a short text matching one corner of a long one
    long_text = original + stems([f"w{i}a w{i}b w{i}c" for i in range(8)])
    assert not passes_lexical_gate(long_text, rewrite[:2])


def measure_of(**kw) -> RewriteMeasure:
    base = dict(
        alignment=Alignment(((0, 0, 0.8), (1, 1, 0.8), (2, 2, 0.8)), 1.0, 1.0, 1.0),
        coverage_a=1.0,
        coverage_b=1.0,
        order=1.0,
        median_cosine=0.8,
        figures_a=4,
        figures_b=4,
        figures_a_in_b=1.0,
        figures_b_in_a=1.0,
        names_a=5,
        names_b=5,
        names_a_in_b=1.0,
        names_b_in_a=1.0,
    )
    base.update(kw)
    return RewriteMeasure(**base)  # type: ignore[arg-type]


def test_the_decision_wants_coverage_order_and_no_new_figures_or_names():
    assert is_rewrite(measure_of())
    # the original may lose sentences, the rewrite must not add many
    assert is_rewrite(measure_of(coverage_a=0.65))
    assert not is_rewrite(measure_of(coverage_a=0.5))
    assert not is_rewrite(measure_of(coverage_a=0.7, coverage_b=0.7))
    # told in another order
    assert not is_rewrite(measure_of(order=0.5))
    # two shared sentences are a shared quotation, not a rewrite
    two = Alignment(((0, 0, 0.9), (1, 1, 0.9)), 1.0, 1.0, 1.0)
    assert not is_rewrite(measure_of(alignment=two))
    # each side brings figures and names of its own: two reports of one event
    assert not is_rewrite(measure_of(figures_a_in_b=0.5, figures_b_in_a=0.5))
    assert not is_rewrite(measure_of(names_a_in_b=0.6, names_b_in_a=0.6))
    # one side's figures and names all found in the other: that side is the rewrite
    assert is_rewrite(measure_of(figures_a_in_b=0.5, names_a_in_b=0.6))
    assert np.isclose(measure_of().median_cosine, 0.8)
