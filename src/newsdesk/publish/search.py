"""The client-side search index: one small record per story, read by static/search.js.

It is written twice: as JSON (for programs) and as a script that assigns the same array to
`window.NEWSDESK_INDEX`, because a browser reading the site from the disk (file://) may load a
script but not fetch a JSON file. Records use short keys to keep a 10,000-story index small.
"""

from __future__ import annotations

import json

from newsdesk.publish.french import date_fr
from newsdesk.publish.views import Card

SCRIPT_PREFIX = b"window.NEWSDESK_INDEX="


_ENCODER = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"))


def record(c: Card) -> dict[str, object]:
    return {
        "u": c.path,
        "t": c.title,
        "d": c.description,
        "k": list(c.tags),
        "s": list(c.publishers),
        "p": date_fr(c.published),
    }


def records(cards: list[Card]) -> list[dict[str, object]]:
    return [record(c) for c in cards]


def _record_json(card: Card) -> str:
    """The record's JSON text, kept on the card: a card of an unchanged story outlives a build
    in a process that builds again (the review desk), and the index is then a join."""
    text: str | None = card.__dict__.get("_search_json")
    if text is None:
        text = _ENCODER.encode(record(card))
        card.__dict__["_search_json"] = text
    return text


def index_files(cards: list[Card]) -> dict[str, bytes]:
    # The same bytes as json.dumps(records(cards)) with these separators (tested).
    data = ("[" + ",".join(map(_record_json, cards)) + "]").encode("utf-8")
    return {"search-index.json": data, "search-index.js": SCRIPT_PREFIX + data + b";\n"}
