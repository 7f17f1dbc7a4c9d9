"""Recall and precision per class on planted defects (benchmarks/planting.py), seeded sample.

The generator's wording is independent of the detectors' patterns (see its docstring); the full
2,000-document run is printed by benchmarks/detectors.py.
"""

from __future__ import annotations

import sys

import pytest

from newsdesk.detect import detect

from .conftest import BENCH, REPO

MIN_RECALL = 0.95  # issue 3
MIN_PRECISION = 0.95
SAMPLE_SIZE = 640  # 40 documents per class
SEED = 11

pytestmark = pytest.mark.skipif(
    not (BENCH / "french-news-clean").exists(), reason="needs ../shared/bench-data"
)


@pytest.mark.slow
def test_planted_recall_and_precision_per_class() -> None:
    sys.path.insert(0, str(REPO / "benchmarks"))
    import planting

    docs = planting.generate(SAMPLE_SIZE, SEED)
    scores = planting.score(docs, detect)
    failing = {}
    for cls, sc in sorted(scores.items()):
        print(
            f"{cls:28s} planted {sc.planted:4d} recall {sc.recall:.3f} precision {sc.precision:.3f}"
        )
        if (sc.planted and sc.recall < MIN_RECALL) or sc.precision < MIN_PRECISION:
            failing[cls] = (round(sc.recall, 3), round(sc.precision, 3))
    assert not failing, f"classes below recall/precision {MIN_RECALL}: {failing}"


def test_planted_spans_are_exact() -> None:
    sys.path.insert(0, str(REPO / "benchmarks"))
    import planting

    for p in planting.generate(64, seed=5):
        assert p.text[p.start : p.end] == p.excerpt and p.end > p.start


def test_restored_paragraphs_keep_a_closing_quote_with_its_quotation() -> None:
    sys.path.insert(0, str(REPO / "benchmarks"))
    import planting

    article = (
        'Le maire a réagi. "Nous ne fermerons pas l\'école." Les parents restent inquiets.'
        "La rentrée aura lieu lundi."
    )
    assert planting._restore_paragraphs(article) == [
        'Le maire a réagi. "Nous ne fermerons pas l\'école." Les parents restent inquiets.',
        "La rentrée aura lieu lundi.",
    ]
    glued = 'Il a conclu : "On continue."Les élus voteront jeudi.'
    assert planting._restore_paragraphs(glued) == [
        'Il a conclu : "On continue."',
        "Les élus voteront jeudi.",
    ]


def test_sentences_are_never_planted_inside_a_quotation_or_after_a_title() -> None:
    """The generator's own promise: a first-person sentence planted "after a sentence" is the
    narrator's, not a quoted person's, and does not cut "M. Dupont" or "Dr. Roe" in two."""
    sys.path.insert(0, str(REPO / "benchmarks"))
    import planting

    for p in planting.generate(480, seed=3):
        if "/after-sentence/" not in p.variant:
            continue
        assert not planting._open_quote_at(p.text, p.start), p.variant
        before = p.text[max(0, p.start - 6) : p.start].rstrip()
        assert not planting._TITLE_BEFORE_STOP.search(before[:-1]), before
