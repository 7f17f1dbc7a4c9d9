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


def records(cards: list[Card]) -> list[dict[str, object]]:
    return [
        {
            "u": c.path,
            "t": c.title,
            "d": c.description,
            "k": list(c.tags),
            "s": list(c.publishers),
            "p": date_fr(c.published),
        }
        for c in cards
    ]


def index_files(cards: list[Card]) -> dict[str, bytes]:
    data = json.dumps(records(cards), ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    return {"search-index.json": data, "search-index.js": SCRIPT_PREFIX + data + b";\n"}
