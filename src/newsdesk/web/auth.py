"""The login check of desk endpoints: a session user, and a valid CSRF token on every POST."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from newsdesk.log import get_logger
from newsdesk.web.desk_state import Desk, Handler
from newsdesk.web.security import CSRF_FIELD, csrf_valid

log = get_logger(__name__)


def client_of(request: Request) -> str:
    return request.client.host if request.client else "unknown"


def login_required(handler: Handler) -> Handler:
    async def wrapped(desk: Desk, request: Request) -> Response:
        if not request.session.get("user"):
            return RedirectResponse(f"/desk/login?next={request.url.path}", status_code=303)
        if request.method == "POST":
            form = await request.form()
            if not csrf_valid(request.session, form.get(CSRF_FIELD)):
                log.warning("csrf_refused", path=request.url.path, client=client_of(request))
                return Response("Jeton CSRF absent ou invalide.", status_code=403)
        return await handler(desk, request)

    return wrapped
