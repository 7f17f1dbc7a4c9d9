"""The five bundled samples: the provenance relations documented in samples/LABELS.md."""

from __future__ import annotations

import pytest

from newsdesk.link import link_documents
from newsdesk.types import LinkType


@pytest.fixture(scope="module")
def sample_links(sample_docs):
    result = link_documents(sample_docs)
    assert not result.rejections
    return result.links


def by_pair(links, kind):
    return {frozenset((x.source, x.target)): x for x in links if x.type is kind}


def test_000_and_001_share_the_kirby_quotation(sample_links):
    link = by_pair(sample_links, LinkType.SHARES_QUOTES)[frozenset(("000", "001"))]
    texts = " ".join(e.source_text + " " + e.target_text for e in link.evidence)
    assert "Je n’entrerai pas dans les discussions privées" in texts
    for e in link.evidence:  # spans point at the quoted text in each document
        assert e.source_text and e.target_text
    assert not link.directed and "no publication date" in link.note


def test_001_and_002_share_a_template_line(sample_links):
    link = by_pair(sample_links, LinkType.SAME_TEMPLATE)[frozenset(("001", "002"))]
    assert [e.source_text for e in link.evidence] == [
        "En savoir plus Les États-Unis ont du mal à expliquer les images de leur matériel "
        "détruit à l’intérieur de la Russie"
    ]
    assert all(e.source_text == e.target_text for e in link.evidence)


def test_no_edge_touches_the_unrelated_samples(sample_links):
    assert sample_links
    for link in sample_links:
        assert {link.source, link.target} <= {"000", "001", "002"}, link
    kinds = {x.type for x in sample_links}
    assert LinkType.NEAR_COPY not in kinds and LinkType.DUPLICATE not in kinds
