"""The build state file (`out/.newsdesk-state.json`): what the last build wrote, and of which pages.

JSON Lines: a header, then one line per page, so a build that changes one page encodes one
line and copies the 9,999 others as they were read.

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
import os
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from newsdesk.log import get_logger
from newsdesk.publish.urls import story_path
from newsdesk.publish.views import Card, Summary

log = get_logger(__name__)

STATE = ".newsdesk-state.json"
LEGACY_MANIFEST = ".newsdesk-manifest"  # the state file of builds before keys (still honoured)
# Bump when `Card`, `Summary` or the meaning of a key changes, or the Python code that writes
# feeds, sitemaps or the search index (templates are covered by the salt; that code is not).
STATE_VERSION = 3  # 3: JSON-LD escapes < > & U+2028/9 (every story page is written again)


@dataclass
class BuildState:
    salt: str = ""
    outputs: dict[str, str] = field(default_factory=dict)  # relative path → key
    pages: dict[str, Summary] = field(default_factory=dict)  # by slug
    # slug → (the summary read, its story page's key, its line in the file): a line whose
    # summary and key did not change is written back as it was read, not encoded again.
    lines: dict[str, tuple[Summary, str, bytes]] = field(default_factory=dict)

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


def _read(data: bytes) -> BuildState:
    lines = data.split(b"\n")
    header = json.loads(lines[0])
    if header.get("version") != STATE_VERSION:  # an older format: its file names only
        return BuildState(outputs={rel: "" for rel in header.get("outputs", {})})
    state = BuildState(salt=header["salt"], outputs=dict(header["outputs"]))
    body = [line for line in lines[1:] if line]
    rows = json.loads(b"[" + b",".join(body) + b"]")  # one parse, not one per line
    for line, row in zip(body, rows, strict=True):
        summary, key = _decode(row[:-1]), str(row[-1])
        slug = summary.card.slug
        state.pages[slug] = summary
        state.outputs[story_path(slug)] = key
        state.lines[slug] = (summary, key, line)
    return state


# The last state read or written per site folder, with the identity of its file: a process
# that builds the same site again (the review desk, after each decision) reuses it instead of
# parsing the file again (a third of an incremental build of 10,000 pages). Another process's
# build replaces the file, which changes its identity, so a stale copy is never used.
_KEPT_SITES = 4
_kept: dict[str, tuple[tuple[int, int, int], BuildState]] = {}


def _identity(path: Path) -> tuple[int, int, int] | None:
    try:
        st = os.stat(path)
    except FileNotFoundError:
        return None
    return (st.st_ino, st.st_mtime_ns, st.st_size)


def _keep(path: Path, identity: tuple[int, int, int], state: BuildState) -> None:
    name = os.path.abspath(path)
    _kept.pop(name, None)
    _kept[name] = (identity, state)
    while len(_kept) > _KEPT_SITES:
        del _kept[next(iter(_kept))]


def forget_kept_states() -> None:
    """Drop the states kept in memory (the next build reads its state file, as a new process)."""
    _kept.clear()


def read_state(out: Path) -> BuildState:
    """The previous build's state; an empty state when there is none or it cannot be read.

    The returned state is shared with later reads: callers must not change it."""
    path = out / STATE
    identity = _identity(path)
    if identity is not None:
        kept = _kept.get(os.path.abspath(path))
        if kept is not None and kept[0] == identity:
            return kept[1]
        try:
            state = _read(path.read_bytes())
        except (ValueError, KeyError, TypeError, AttributeError, IndexError):
            log.warning("site_state_unreadable", path=str(path))
            return BuildState()
        _keep(path, identity, state)
        return state
    legacy = out / LEGACY_MANIFEST
    if legacy.exists():  # files written, keys unknown: render everything, remove what is stale
        return BuildState(outputs={rel: "" for rel in legacy.read_text().split("\n") if rel})
    return BuildState()


def write_state(out: Path, state: BuildState, previous: BuildState) -> None:
    """Write `state` as the state file of `out` (atomically) and keep it for the next build."""
    path = out / STATE
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_bytes(state_bytes(state, previous))
    tmp.replace(path)
    identity = _identity(path)
    if identity is not None:
        _keep(path, identity, state)


def state_bytes(state: BuildState, previous: BuildState) -> bytes:
    """The state file: a header line (format, salt, the keys of every output but story pages),
    then one line per page, sorted by slug (its summary and its story page's key). Equal states
    give equal files. Lines of `previous` whose page did not change are reused as they are; the
    lines written are kept in `state.lines` for the next build."""
    story_paths = {story_path(slug): slug for slug in state.pages}
    header = {
        "version": STATE_VERSION,
        "salt": state.salt,
        "outputs": {
            rel: key for rel, key in sorted(state.outputs.items()) if rel not in story_paths
        },
    }
    parts = [_dumps(header)]
    for slug in sorted(state.pages):
        summary, key = state.pages[slug], state.outputs[story_path(slug)]
        kept = previous.lines.get(slug)
        if kept is None or kept[0] is not summary or kept[1] != key:
            kept = (summary, key, _dumps([*_encode(summary), key]))
        state.lines[slug] = kept
        parts.append(kept[2])
    parts.append(b"")
    return b"\n".join(parts)


def _dumps(value: object) -> bytes:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
