"""Which sources a run reads: newsdesk.toml made true in the database, the samples only alone.

Sources live in the database (their health, their `enabled` flag), and come from three places,
recorded as each row's origin:

- ``config``: declared in newsdesk.toml. The file is the truth for them: each run writes what the
  file says (an `allow_private` removed from the file is gone), and a source no longer in the
  file is removed from the database (its items and articles stay, as with `sources remove`).
  A run with no configuration file at all (another folder, `--db` alone) leaves them as they
  are: a file that was not read removed nothing.
- ``added``: added by hand (`newsdesk sources add`, the desk, an OPML import). They exist only in
  the database and stay until removed by hand. Rows from before origins were recorded are
  ``added`` too: nothing can tell them apart from the file's.
- ``samples``: the bundled sample pages, read only while there is no other source. Once the user
  has a source of their own, the samples are disabled and *withdrawn*: their articles leave the
  desk and every page made from them leaves the site (see `desk.cycle.withdraw_pages`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from newsdesk.log import get_logger
from newsdesk.store import Store
from newsdesk.store.repositories.sources import ORIGIN_CONFIG, ORIGIN_SAMPLES
from newsdesk.types import Source

log = get_logger(__name__)


@dataclass(frozen=True)
class Roster:
    """The sources of one run."""

    sources: tuple[Source, ...]  # to read this run (the disabled ones are skipped by the cycle)
    withdrawn: frozenset[str]  # ids of sources whose articles and pages leave the site
    removed: tuple[str, ...] = ()  # locations removed because newsdesk.toml no longer has them
    using_samples: bool = False


def sources_for_run(
    store: Store, declared: Sequence[Source] | None, samples: Sequence[Source]
) -> Roster:
    """Bring the database in step with `declared` (the sources of newsdesk.toml; None when no
    configuration file was read), then choose: the user's sources when there is any, the
    `samples` otherwise."""
    before = store.sources.origins()
    declared_ids = {s.id for s in declared or ()}
    for source in declared or ():
        store.sources.update(source, origin=ORIGIN_CONFIG)
    removed: list[str] = []
    for source in store.list_sources() if declared is not None else ():
        if before.get(source.id) == ORIGIN_CONFIG and source.id not in declared_ids:
            store.sources.remove(source.id)
            removed.append(source.location)
            log.info("source_removed_from_config", source=source.id, location=source.location)
    origins = store.sources.origins()
    # The samples' rows (where they are installed may have changed since they were stored); the
    # samples folder declared in newsdesk.toml or added by hand is the user's own source.
    sample_ids = {i for i, o in origins.items() if o == ORIGIN_SAMPLES}
    sample_ids |= {s.id for s in samples if s.id not in origins}
    own = [s for s in store.list_sources() if s.id not in sample_ids]
    if not own:
        for source in samples:
            store.sources.update(source, origin=ORIGIN_SAMPLES)
            store.sources.set_enabled(source.id, True)
        chosen = tuple(s for s in store.list_sources() if s.id in {x.id for x in samples})
        return Roster(chosen, frozenset(), tuple(removed), using_samples=True)
    for source_id in sample_ids & set(origins):
        stored = store.sources.get(source_id)
        if stored is not None and stored.enabled:
            store.sources.set_enabled(source_id, False)
            log.info("samples_withdrawn", source=source_id)
    return Roster(tuple(own), frozenset(sample_ids), tuple(removed))
