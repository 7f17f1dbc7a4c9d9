"""The incremental index: new documents against stored signatures, persisted as bytes."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta

from newsdesk.link import LinkDoc, LinkIndex
from newsdesk.types import LinkType


def no_embedding(texts):
    raise AssertionError("one language only: nothing should be embedded")


def edited(text: str, rate: float, seed: int) -> str:
    rnd = random.Random(seed)
    words = text.split()
    for _ in range(int(len(words) * rate)):
        words[rnd.randrange(len(words))] = "modifié"
    return " ".join(words)


def test_new_copies_are_found_in_a_persisted_index(french_news):
    t0 = datetime(2021, 3, 1, 8, tzinfo=UTC)
    stored = [
        LinkDoc(id=a["id"], text=a["article"], language="fr", published=t0, title=a["title"])
        for a in french_news[150:230]
    ]
    index = LinkIndex()
    assert index.add(stored) == []
    restored = LinkIndex.from_bytes(index.to_bytes())
    assert len(restored) == len(stored) and stored[5].id in restored

    later = t0 + timedelta(days=2)
    copy = LinkDoc("copy", edited(stored[5].text, 0.04, 1), "fr", later)
    unrelated = LinkDoc("fresh", french_news[240]["article"], "fr", later)
    result = restored.query([copy, unrelated], embed=no_embedding)
    assert not result.rejections
    copies = [x for x in result.links if x.type in (LinkType.NEAR_COPY, LinkType.DUPLICATE)]
    assert [(x.source, x.target, x.type, x.directed) for x in copies] == [
        (stored[5].id, "copy", LinkType.NEAR_COPY, True)
    ]
    assert all("fresh" not in (x.source, x.target) for x in result.links)
    assert "copy" not in restored  # a query does not add

    restored.add([copy])
    again = restored.query([LinkDoc("copy2", copy.text.upper(), "fr", later)], embed=no_embedding)
    dups = {(x.source, x.target) for x in again.links if x.type is LinkType.DUPLICATE}
    assert dups == {("copy", "copy2")} or dups == {("copy2", "copy")}
    refused = restored.add([LinkDoc("copy", "Un autre texte.")])
    assert [r.reason for r in refused] == ["duplicate_id"]
