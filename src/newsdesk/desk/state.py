"""The desk's incremental indexes between runs: the story index and the link index, as files.

Both indexes serialise themselves to bytes (`StoryIndex.to_bytes`, `LinkIndex.to_bytes`); the
desk keeps them in `data_dir/state/`, beside the raw bytes, written atomically (temporary file,
then rename) so a crash never leaves half an index. The database holds what they produce
(stories, links); the files hold what they need to place the next article without re-reading
the corpus. A missing file is an empty index (first run); a file that cannot be read is rebuilt
from the stored articles (`rebuild_needed`), never silently ignored.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from pathlib import Path

from newsdesk.cluster import StoryIndex, index_from_bytes, index_to_bytes
from newsdesk.link import LinkIndex
from newsdesk.log import get_logger

log = get_logger(__name__)

STATE_FOLDER = "state"
STORY_INDEX = "story-index.bin"
LINK_INDEX = "link-index.npz"
STORY_NAMES = "story-names.json"  # story id -> entity terms, for "En savoir plus"


@dataclass
class DeskState:
    stories: StoryIndex
    links: LinkIndex
    names: dict[str, list[str]] = field(default_factory=dict)
    rebuild_needed: bool = False  # an index file was unreadable: re-add every article


def _write(path: Path, data: bytes) -> None:
    tmp = path.with_suffix(path.suffix + ".tmp")
    tmp.write_bytes(data)
    os.replace(tmp, path)


def load_state(data_dir: Path) -> DeskState:
    folder = data_dir / STATE_FOLDER
    stories, links, names, broken = StoryIndex(), LinkIndex(), {}, False
    try:
        if (folder / STORY_INDEX).is_file():
            stories = index_from_bytes((folder / STORY_INDEX).read_bytes())
        if (folder / LINK_INDEX).is_file():
            links = LinkIndex.from_bytes((folder / LINK_INDEX).read_bytes())
        if (folder / STORY_NAMES).is_file():
            names = json.loads((folder / STORY_NAMES).read_text(encoding="utf-8"))
    except (ValueError, OSError, KeyError) as exc:
        log.warning("desk_state_unreadable", folder=str(folder), error=str(exc))
        stories, links, names, broken = StoryIndex(), LinkIndex(), {}, True
    return DeskState(stories, links, names, rebuild_needed=broken)


def save_state(data_dir: Path, state: DeskState) -> None:
    folder = data_dir / STATE_FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    _write(folder / STORY_INDEX, index_to_bytes(state.stories))
    _write(folder / LINK_INDEX, state.links.to_bytes())
    _write(folder / STORY_NAMES, json.dumps(state.names, sort_keys=True).encode("utf-8"))
