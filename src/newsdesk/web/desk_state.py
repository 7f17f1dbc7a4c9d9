"""The review desk's state handed to every desk handler: store, settings, login throttle,
templates and the lock that serialises site rebuilds.

It has its own module so that the handlers (app, auth, sources_admin) all import it and
none of them imports another's caller: imports flow app → sources_admin → auth → desk_state.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Awaitable, Callable
from datetime import datetime
from pathlib import Path
from typing import Any

from starlette.requests import Request
from starlette.responses import Response
from starlette.templating import Jinja2Templates

from newsdesk.config import Settings
from newsdesk.publish.french import datetime_fr
from newsdesk.publish.from_store import build_from_store
from newsdesk.store import Store
from newsdesk.store.records import PageRecord
from newsdesk.types import Page, Verdict
from newsdesk.web.security import CSRF_FIELD, LoginThrottle, csrf_token
from newsdesk.web.settings import DeskSettings

Clock = Callable[[], datetime]

#: Seconds a session found live in the database is trusted without asking it again. A logout
#: through this process forgets the session at once; a logout (or a password change) seen only
#: by another server process takes effect here within this delay.
SESSION_RECHECK_S = 5.0
#: Sessions remembered at most (a flood of forged cookies cannot grow the memory).
SESSIONS_REMEMBERED = 1024


class Desk:
    """The review desk's state: store, settings, throttle, templates and the rebuild lock."""

    def __init__(
        self,
        store: Store,
        settings: Settings,
        desk: DeskSettings,
        clock: Clock,
        throttle: LoginThrottle | None = None,
    ) -> None:
        self.store = store
        self.settings = settings
        self.desk = desk
        self.clock = clock
        self.throttle = throttle or LoginThrottle()
        self.templates = Jinja2Templates(directory=str(Path(__file__).parent / "templates"))
        self.templates.env.filters["datetime_fr"] = lambda v: datetime_fr(v) if v else "—"
        self.templates.env.globals["csrf_field"] = CSRF_FIELD
        self._rebuild_lock = threading.Lock()
        # (token, user, password hash) → monotonic time until which the session is trusted.
        self._live_sessions: dict[tuple[str, str, str], float] = {}
        self.monotonic: Callable[[], float] = time.monotonic  # tests move it forward

    def session_trusted(self, token: str, user: str) -> bool:
        """Whether this session was found live in the database less than SESSION_RECHECK_S ago:
        the queue is read by every request, the session table need not be."""
        until = self._live_sessions.get((token, user, self.desk.password_hash))
        return until is not None and self.monotonic() < until

    def remember_session(self, token: str, user: str) -> None:
        if len(self._live_sessions) >= SESSIONS_REMEMBERED:
            self._live_sessions.clear()
        key = (token, user, self.desk.password_hash)
        self._live_sessions[key] = self.monotonic() + SESSION_RECHECK_S

    def forget_session(self, token: str) -> None:
        for key in [k for k in self._live_sessions if k[0] == token]:
            del self._live_sessions[key]

    def verify(self, record: PageRecord, page: Page) -> Verdict:
        """An editor's edit or re-run is checked against the page's sources, like the desk's pages."""
        from newsdesk.desk.verification import reverify

        return reverify(self.store, record, self.settings, page)

    def rebuild(self) -> object:
        with self._rebuild_lock:
            return build_from_store(self.store, self.settings, self.clock())

    def render(
        self, request: Request, name: str, status_code: int = 200, **context: Any
    ) -> Response:
        context.setdefault("user", request.session.get("user"))
        context["csrf"] = csrf_token(request.session)
        context["flash"] = request.session.pop("flash", None)
        return self.templates.TemplateResponse(request, name, context, status_code=status_code)


Handler = Callable[[Desk, Request], Awaitable[Response]]
