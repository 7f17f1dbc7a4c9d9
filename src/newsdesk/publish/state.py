"""The build state file (`out/.newsdesk-state.json`): what the last build wrote, and of which pages.

It holds, besides each output's key (a digest of what the file shows), one summary per page:
its card (what listings, feeds, sitemaps and the search index show), its story and a digest of
its content. The next build plans every listing from these summaries and reads only the pages
whose content digest changed, so one changed story among 10,000 costs one page read.

The `salt` is a digest of the state format, the templates, the static files and the site
settings: when it differs from the running builder's, the previous keys and summaries are not
trusted and every page is read and rendered again (the file names are still used to remove
files this build no longer produces).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from newsdesk.log import get_logger
from newsdesk.publish.views import Card, Summary

log = get_logger(__name__)

STATE = ".newsdesk-state.json"
LEGACY_MANIFEST = ".newsdesk-manifest"  # the state file of builds before keys (still honoured)
STATE_VERSION = 2  # bump when `Card`, `Summary` or the meaning of a key changes


@dataclass
class BuildState:
    salt: str = ""
    outputs: dict[str, str] = field(default_factory=dict)  # relative path → key
    pages: dict[str, Summary] = field(default_factory=dict)  # by slug

    def trusted(self, salt: str) -> bool:
        """Whether keys and summaries were made by a builder with this salt."""
        return bool(self.salt) and self.salt == salt


def _encode(s: Summary) -> list[object]:
    c = s.card
    return [
        c.slug,
        c.title,
        c.description,
        c.published.isoformat(),
        c.updated.isoformat(),
        c.sources,
        list(c.publishers),
        list(c.tags),
        list(c.bylines),
        c.language,
        s.story_id,
        s.content,
        c.key,
        list(s.related),
    ]


def _decode(row: list[Any]) -> Summary:
    (
        slug,
        title,
        description,
        published,
        updated,
        sources,
        publishers,
        tags,
        bylines,
        language,
        story_id,
        content,
        key,
        related,
    ) = row
    # A frozen dataclass's __init__ sets each field through object.__setattr__; filling the
    # instance's __dict__ directly is the same object at a third of the cost (10,000 per build).
    card = object.__new__(Card)
    card.__dict__.update(
        slug=str(slug),
        title=str(title),
        description=str(description),
        published=datetime.fromisoformat(str(published)),
        updated=datetime.fromisoformat(str(updated)),
        sources=int(sources),
        publishers=tuple(publishers),
        tags=tuple(tags),
        bylines=tuple(bylines),
        language=str(language),
        key=str(key),  # the digest computed when the card was made
    )
    story = None if story_id is None else str(story_id)
    return Summary(card, story, str(content), tuple(related))


def read_state(out: Path) -> BuildState:
    """The previous build's state; an empty state when there is none or it cannot be read."""
    path = out / STATE
    if path.exists():
        try:
            data = json.loads(path.read_bytes())
            if data.get("version") != STATE_VERSION:  # older format: file names only
                return BuildState(outputs={rel: "" for rel in data.get("outputs", {})})
            pages = {row[0]: _decode(row) for row in data["pages"]}
            return BuildState(salt=data["salt"], outputs=dict(data["outputs"]), pages=pages)
        except (ValueError, KeyError, TypeError, AttributeError):
            log.warning("site_state_unreadable", path=str(path))
            return BuildState()
    legacy = out / LEGACY_MANIFEST
    if legacy.exists():  # files written, keys unknown: render everything, remove what is stale
        return BuildState(outputs={rel: "" for rel in legacy.read_text().split("\n") if rel})
    return BuildState()


def state_bytes(state: BuildState) -> bytes:
    """The state file's content; sorted, so equal states give equal files."""
    document = {
        "version": STATE_VERSION,
        "salt": state.salt,
        "outputs": dict(sorted(state.outputs.items())),
        "pages": [_encode(state.pages[slug]) for slug in sorted(state.pages)],
    }
    # One line: `indent` would switch `json` to its pure-Python encoder, ten times slower.
    return json.dumps(document, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
