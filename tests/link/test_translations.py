"""translation-of and cross-language quotations on WMT newstest2013 (human EN/FR translations),
which the thresholds were not calibrated on (calibration used lines 0-999)."""

from __future__ import annotations

import pytest

from newsdesk.link import LinkDoc, link_documents
from newsdesk.types import LinkType

pytestmark = pytest.mark.slow  # embeds a few hundred sentences with the real model


def block(lines: list[str], start: int, n: int = 8) -> str:
    return " ".join(lines[start : start + n])


def test_translated_blocks_are_linked_and_neighbouring_blocks_are_not(wmt_pairs):
    en, fr = wmt_pairs
    starts = [2400, 2408, 2416, 2424, 2432]  # consecutive blocks of one news story
    docs = [LinkDoc(f"en{s}", block(en, s), "en") for s in starts]
    docs += [LinkDoc(f"fr{s}", block(fr, s), "fr") for s in starts]
    result = link_documents(docs)
    found = {
        frozenset((x.source, x.target)): x
        for x in result.links
        if x.type is LinkType.TRANSLATION_OF
    }
    assert set(found) == {frozenset((f"en{s}", f"fr{s}")) for s in starts}
    for link in found.values():
        assert not link.directed and "no publication date" in link.note
        assert "covers" in link.note and link.score >= 0.5
        assert len(link.evidence) >= 4
        for e in link.evidence:
            src = next(d for d in docs if d.id == link.source)
            assert src.text[e.source_span[0] : e.source_span[1]] == e.source_text


def test_a_translated_quotation_is_shared_across_languages(wmt_pairs):
    en, fr = wmt_pairs
    # English: lines 2008-2015 (a Norwegian festival; a quotation on line 2012, index 2011).
    # French: the translation of that one line among French lines of later paragraphs.
    english = LinkDoc("en", block(en, 2007), "en")
    french = LinkDoc("fr", " ".join([fr[2011], *fr[2016:2024]]), "fr")
    other = LinkDoc("other", block(fr, 1500), "fr")
    result = link_documents([english, french, other])
    kinds = {(x.type, frozenset((x.source, x.target))) for x in result.links}
    assert (LinkType.TRANSLATION_OF, frozenset(("en", "fr"))) not in kinds
    quotes = [x for x in result.links if x.type is LinkType.SHARES_QUOTES]
    assert [frozenset((x.source, x.target)) for x in quotes] == [frozenset(("en", "fr"))]
    (evidence,) = quotes[0].evidence
    texts = {evidence.source_text, evidence.target_text}
    assert "You eat it raw, and then swallow a glass of aquavit" in texts
    assert "Vous mangez cru, puis vous avalez un verre d'aquavit" in texts
    assert "meaning" in quotes[0].note
