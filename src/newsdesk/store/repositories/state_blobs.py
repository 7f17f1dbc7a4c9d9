"""Named blobs of desk state (the incremental indexes, the related-links memory) in the database.

The desk used to keep them as files beside the database, so only the machine holding those
files could run it. In a table, they travel with the database: a review desk and a worker, or a
worker restarted elsewhere, need only the database URL, and a backup of the database holds them.

Blobs saved together (`put_many`) are written in one transaction and stamped with one
`generation`, and each carries the sha256 of its bytes: a reader can tell a set that belongs
together from a mix of saves, and a damaged blob from a whole one. A blob whose bytes did not
change is not rewritten (a link index can weigh tens of MB), only stamped with the new
generation.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import delete, select, update

from newsdesk.store.models import StateBlobRow
from newsdesk.store.sessions import Sessions
from newsdesk.store.upsert import upsert


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@dataclass(frozen=True)
class StateBlob:
    name: str
    data: bytes
    sha256: str  # of `data` when it was written
    generation: str  # shared by the blobs one `put_many` wrote
    updated_at: datetime

    @property
    def intact(self) -> bool:
        """Whether the bytes read back are those that were written."""
        return digest(self.data) == self.sha256


class StateBlobRepository:
    def __init__(self, sessions: Sessions) -> None:
        self._s = sessions

    def get(self, name: str) -> StateBlob | None:
        return self.get_many([name]).get(name)

    def get_many(self, names: Iterable[str]) -> dict[str, StateBlob]:
        """The blobs of these names that exist, by name, read in one transaction."""
        stmt = select(StateBlobRow).where(StateBlobRow.name.in_(list(names)))
        with self._s.read() as session:
            return {
                row.name: StateBlob(
                    row.name, bytes(row.data), row.sha256, row.generation, row.updated_at
                )
                for row in session.scalars(stmt)
            }

    def put_many(self, blobs: Mapping[str, bytes], generation: str) -> int:
        """Write these blobs in one transaction, all stamped `generation`; return how many
        had new bytes (the others are only stamped)."""
        now = self._s.now()
        with self._s.write() as session:
            query = select(StateBlobRow.name, StateBlobRow.sha256).where(
                StateBlobRow.name.in_(list(blobs))
            )
            stored = {name: sha for name, sha in session.execute(query)}
            written = 0
            for name, data in blobs.items():
                sha = digest(data)
                if stored.get(name) == sha:
                    session.execute(
                        update(StateBlobRow)
                        .where(StateBlobRow.name == name)
                        .values(generation=generation, updated_at=now)
                    )
                    continue
                upsert(
                    session,
                    StateBlobRow.__table__,  # type: ignore[arg-type]
                    {
                        "name": name,
                        "data": data,
                        "size": len(data),
                        "sha256": sha,
                        "generation": generation,
                        "updated_at": now,
                    },
                    keys=["name"],
                )
                written += 1
            return written

    def create_many(self, blobs: Mapping[str, bytes], generation: str) -> list[str]:
        """Write, in one transaction, those of these blobs that do not exist yet (importing
        state from elsewhere never overwrites what the database holds); return their names."""
        now = self._s.now()
        with self._s.write() as session:
            taken = set(
                session.scalars(select(StateBlobRow.name).where(StateBlobRow.name.in_(list(blobs))))
            )
            created = [name for name in blobs if name not in taken]
            session.add_all(
                StateBlobRow(
                    name=name,
                    data=blobs[name],
                    size=len(blobs[name]),
                    sha256=digest(blobs[name]),
                    generation=generation,
                    updated_at=now,
                )
                for name in created
            )
            return created

    def sizes(self) -> dict[str, int]:
        """Bytes held per blob name, without reading the blobs."""
        with self._s.read() as session:
            query = select(StateBlobRow.name, StateBlobRow.size)
            return {name: size for name, size in session.execute(query)}

    def remove(self, names: Iterable[str]) -> int:
        with self._s.write() as session:
            result = session.execute(delete(StateBlobRow).where(StateBlobRow.name.in_(list(names))))
            return int(getattr(result, "rowcount", 0) or 0)
