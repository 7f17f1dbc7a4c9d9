"""Duplicates and near-copies on real French news with edits the code was not written against."""

from __future__ import annotations

import random
import re
from datetime import UTC, datetime, timedelta

from newsdesk.link import LinkDoc, link_documents
from newsdesk.types import LinkType


def jaccard(a: str, b: str) -> float:
    def sh(t: str) -> set[tuple[str, ...]]:
        w = re.findall(r"\w+", t.lower())
        return {tuple(w[i : i + 5]) for i in range(len(w) - 4)}

    x, y = sh(a), sh(b)
    return len(x & y) / len(x | y)


def no_embedding(texts):
    raise AssertionError(f"one language only: nothing should be embedded ({texts[:1]})")


def replace_words(text: str, rate: float, rnd: random.Random) -> str:
    words = text.split()
    for _ in range(int(len(words) * rate)):
        words[rnd.randrange(len(words))] = rnd.choice(["toutefois", "Paris", "hier", "selon"])
    return " ".join(words)


def test_edited_copies_are_linked_with_exact_jaccard_and_unrelated_are_not(french_news):
    rnd = random.Random(3)
    base = [a["article"] for a in french_news[100:140]]
    t0 = datetime(2020, 1, 1, tzinfo=UTC)
    docs = [LinkDoc(id=f"a{i}", text=t, published=t0) for i, t in enumerate(base)]
    light = replace_words(base[0], 0.03, rnd)
    heavy = replace_words(base[1], 0.4, rnd)
    dropped = " ".join(base[2].split(". ")[::2])
    docs += [
        LinkDoc(id="light", text=light, published=t0 + timedelta(hours=5)),
        LinkDoc(id="heavy", text=heavy, published=t0 + timedelta(hours=5)),
        LinkDoc(id="dropped", text=dropped),
        LinkDoc(id="dup", text=base[3].upper().replace("'", "’"), published=t0 + timedelta(days=1)),
    ]
    result = link_documents(docs)
    copies = (LinkType.DUPLICATE, LinkType.NEAR_COPY)
    got = {(x.source, x.target): x for x in result.links if x.type in copies}
    assert not result.rejections

    assert got[("a0", "light")].type is LinkType.NEAR_COPY
    assert got[("a0", "light")].directed
    assert abs(got[("a0", "light")].score - jaccard(base[0], light)) < 1e-3
    assert "MinHash estimate" in got[("a0", "light")].note
    for e in got[("a0", "light")].evidence:  # longest shared passages, spans into each text
        assert len(e.source_text.split()) >= 5
        assert light[e.target_span[0] : e.target_span[1]] == e.target_text
    (whole,) = got[("a3", "dup")].evidence  # a duplicate shares one passage: all of it
    assert re.findall(r"\w+", whole.source_text) == re.findall(r"\w+", base[3])
    assert got[("a3", "dup")].type is LinkType.DUPLICATE and got[("a3", "dup")].directed
    expected_dropped = jaccard(base[2], dropped) >= 0.5
    assert (("a2", "dropped") in got) == expected_dropped
    assert not got[("a2", "dropped")].directed if expected_dropped else True
    assert ("a1", "heavy") not in got  # 40 % of words replaced: Jaccard far below 0.5
    assert jaccard(base[1], heavy) < 0.5
    linked = {d for pair in got for d in pair}
    assert linked <= {"a0", "light", "a2", "dropped", "a3", "dup"}


def test_bad_documents_are_rejected_with_reasons():
    docs = [
        LinkDoc(id="x", text="  ... « » "),
        LinkDoc(id="y", text="Un texte.", published=datetime(2020, 1, 1)),
        LinkDoc(id="z", text="Un texte."),
        LinkDoc(id="z", text="Un autre texte."),
    ]
    result = link_documents(docs)
    assert [(r.item, r.reason) for r in result.rejections] == [
        ("x", "empty_text"),
        ("y", "naive_datetime"),
        ("z", "duplicate_id"),
    ]


def test_unrelated_professional_articles_get_no_link(french_news):
    docs = [
        LinkDoc(id=a["id"], text=a["article"], language="fr", title=a["title"])
        for a in french_news[:120]
    ]
    result = link_documents(docs)
    assert not result.rejections
    assert result.links == ()
