"""Review-desk sessions: opened at login, checked on every desk request, revoked at logout.

Only the sha256 of a session's token is stored, so a copy of the database opens no session.
"""

from __future__ import annotations

import hashlib
from datetime import datetime, timedelta

from sqlalchemy import delete, update

from newsdesk.store.models import DeskSessionRow
from newsdesk.store.sessions import Sessions


def _id(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def password_tag(password_hash: str) -> str:
    """A digest of the configured password hash: sessions opened under another password (the
    editor changed it) are no longer valid."""
    return hashlib.sha256(b"newsdesk-desk-session\0" + password_hash.encode("utf-8")).hexdigest()


class DeskSessionRepository:
    def __init__(self, sessions: Sessions) -> None:
        self._s = sessions

    def open(self, token: str, user: str, password_hash: str, lifetime: timedelta) -> None:
        """Record a new session (and drop the sessions that ended long ago)."""
        now = self._s.now()
        with self._s.write() as session:
            session.execute(delete(DeskSessionRow).where(DeskSessionRow.expires_at < now))
            session.add(
                DeskSessionRow(
                    id=_id(token),
                    user=user,
                    password_tag=password_tag(password_hash),
                    created_at=now,
                    expires_at=now + lifetime,
                    revoked_at=None,
                )
            )

    def valid(self, token: str, user: str, password_hash: str, now: datetime) -> bool:
        """Whether `token` is a session of `user`, not revoked, not expired, opened under the
        current password."""
        with self._s.read() as session:
            row = session.get(DeskSessionRow, _id(token))
            return (
                row is not None
                and row.revoked_at is None
                and row.expires_at > now
                and row.user == user
                and row.password_tag == password_tag(password_hash)
            )

    def revoke(self, token: str) -> bool:
        with self._s.write() as session:
            result = session.execute(
                update(DeskSessionRow)
                .where(DeskSessionRow.id == _id(token), DeskSessionRow.revoked_at.is_(None))
                .values(revoked_at=self._s.now())
            )
            return bool(getattr(result, "rowcount", 0))

    def revoke_all(self, user: str) -> int:
        """End every session of `user` (e.g. after a password leak)."""
        with self._s.write() as session:
            result = session.execute(
                update(DeskSessionRow)
                .where(DeskSessionRow.user == user, DeskSessionRow.revoked_at.is_(None))
                .values(revoked_at=self._s.now())
            )
            return int(getattr(result, "rowcount", 0))
