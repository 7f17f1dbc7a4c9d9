"""The desk's incremental indexes between runs: the story index, the link index and the story
names, kept in the database.

Both indexes serialise themselves to bytes (`index_to_bytes`, `LinkIndex.to_bytes`); the desk
keeps those bytes as named blobs in the database (`store.state_blobs`), beside the stories and
links they produce, so any machine with the database URL can run the desk (a review desk and a
worker on different machines, a worker moved elsewhere) and a backup of the database holds them.

Consistency: `save_state` writes the three blobs in one transaction, stamped with one
generation, each with the sha256 of its bytes; a crash leaves either the previous save or this
one. `load_state` uses them only if all three are there, whole (checksum) and of one generation;
otherwise (or if one cannot be decoded) it returns empty indexes with `rebuild_needed`, and the
cycle re-adds every stored article: never a silent mix of two saves. No blob at all is a first
run (empty indexes).

Installations from before the database held this state kept it as files in
`data_dir/state/`. When the database holds none of it, `load_state` imports those files once
(in one transaction, then checked like any save) and renames the folder `state.imported/`:
from then on the files are neither read nor written, and the folder can be deleted.
"""

from __future__ import annotations

import json
import os
import uuid
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path

from newsdesk.cluster import StoryIndex, index_from_bytes, index_to_bytes
from newsdesk.link import LinkIndex
from newsdesk.log import get_logger
from newsdesk.store import Store
from newsdesk.store.repositories.state_blobs import StateBlob

log = get_logger(__name__)

# Blob names: those of the files older versions kept in data_dir/state/.
STORY_INDEX = "story-index.bin"
LINK_INDEX = "link-index.npz"
STORY_NAMES = "story-names.json"  # story id -> entity terms, for "En savoir plus"
RELATED_MEMORY = "related-links.json"  # the last related-links refresh (desk/related.py)
DESK_BLOBS = (STORY_INDEX, LINK_INDEX, STORY_NAMES)

LEGACY_FOLDER = "state"  # data_dir/state/: where versions before 0008 kept these blobs
IMPORTED_FOLDER = "state.imported"  # what that folder becomes once imported
# What decoding bytes that are not an index raises: zlib (story index), zip and numpy (link
# index), JSON (names); caught so that a damaged blob is rebuilt rather than crash every cycle.
UNDECODABLE = (ValueError, TypeError, KeyError, OSError, EOFError, zlib.error, zipfile.BadZipFile)


@dataclass
class DeskState:
    stories: StoryIndex
    links: LinkIndex
    names: dict[str, list[str]] = field(default_factory=dict)
    rebuild_needed: bool = False  # the stored indexes were unusable: re-add every article


def new_generation() -> str:
    return uuid.uuid4().hex


def load_state(store: Store) -> DeskState:
    """The indexes the last cycle saved (importing a pre-database installation's files the first
    time), or empty ones: with `rebuild_needed` when what is stored cannot be trusted."""
    blobs = store.state_blobs.get_many(DESK_BLOBS)
    if not blobs and import_legacy_files(store):
        blobs = store.state_blobs.get_many(DESK_BLOBS)
    if not blobs:
        return DeskState(StoryIndex(), LinkIndex())
    problem = _inconsistency(blobs)
    if problem is None:
        try:
            return DeskState(
                index_from_bytes(blobs[STORY_INDEX].data),
                LinkIndex.from_bytes(blobs[LINK_INDEX].data),
                _names(blobs[STORY_NAMES].data),
            )
        except UNDECODABLE as exc:
            problem = f"cannot decode: {exc}"
    log.warning("desk_state_unusable", db=store.url, problem=problem)
    return DeskState(StoryIndex(), LinkIndex(), {}, rebuild_needed=True)


def save_state(store: Store, state: DeskState) -> None:
    """Store the three indexes in one transaction (see the module docstring)."""
    blobs = {
        STORY_INDEX: index_to_bytes(state.stories),
        LINK_INDEX: state.links.to_bytes(),
        STORY_NAMES: json.dumps(state.names, sort_keys=True).encode("utf-8"),
    }
    written = store.state_blobs.put_many(blobs, new_generation())
    log.debug("desk_state_saved", written=written, bytes=sum(map(len, blobs.values())))


def _inconsistency(blobs: dict[str, StateBlob]) -> str | None:
    missing = [name for name in DESK_BLOBS if name not in blobs]
    if missing:
        return f"missing {', '.join(missing)}"
    damaged = [name for name in DESK_BLOBS if not blobs[name].intact]
    if damaged:
        return f"checksum mismatch in {', '.join(damaged)}"
    if len({blobs[name].generation for name in DESK_BLOBS}) > 1:
        return "blobs from different saves"
    return None


def _names(data: bytes) -> dict[str, list[str]]:
    names = json.loads(data.decode("utf-8"))
    if not isinstance(names, dict):
        raise ValueError("story names are not a JSON object")
    return {str(story): [str(term) for term in terms] for story, terms in names.items()}


def import_legacy_files(store: Store) -> bool:
    """Move a pre-database installation's state files (`data_dir/state/`) into the database,
    once: `load_state` calls this only when the database holds none of the indexes, and a blob
    the database holds is never overwritten. The folder is then renamed `state.imported/`, so
    the files are never read again. True if something was imported."""
    folder = Path(store.data_dir) / LEGACY_FOLDER
    if not folder.is_dir():
        return False
    found: dict[str, bytes] = {}
    for name in (*DESK_BLOBS, RELATED_MEMORY):
        try:
            found[name] = (folder / name).read_bytes()
        except FileNotFoundError:
            continue
        except OSError as exc:
            # An unreadable file is left out: the desk blobs then fail the load check (missing)
            # and are rebuilt, as an unreadable file always was.
            log.warning("desk_state_file_unreadable", path=str(folder / name), error=str(exc))
    imported = store.state_blobs.create_many(found, f"import-{new_generation()}")
    if not imported:
        return False
    target = folder.with_name(IMPORTED_FOLDER)
    try:
        if not target.exists():
            os.replace(folder, target)
    except OSError as exc:  # harmless: the database now holds the state, the files are unused
        log.warning("desk_state_folder_not_renamed", folder=str(folder), error=str(exc))
    log.info(
        "desk_state_imported",
        folder=str(folder),
        files=sorted(imported),
        note=f"the database now holds this state; {target} can be deleted",
    )
    return True
