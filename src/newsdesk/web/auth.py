"""The login check of desk endpoints: a live server-side session, and a valid CSRF token on
every POST; and the client address that login throttling is keyed on."""

from __future__ import annotations

from ipaddress import ip_address, ip_network

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from newsdesk.log import get_logger
from newsdesk.web.desk_state import Desk, Handler
from newsdesk.web.security import CSRF_FIELD, csrf_valid

log = get_logger(__name__)

SESSION_TOKEN = "sid"  # key, in the signed cookie, of the session's token (see desk_sessions)


def _in(address: str, networks: list[str]) -> bool:
    try:
        ip = ip_address(address)
    except ValueError:
        return False
    return any(ip in ip_network(n, strict=False) for n in networks)


def client_of(request: Request, trusted_proxies: list[str] | None = None) -> str:
    """The address of the client: the peer of the connection, or, when the peer is one of the
    configured trusted proxies, the nearest address in X-Forwarded-For that is not one. A
    header from anyone else is ignored: it costs nothing to forge."""
    peer = request.client.host if request.client else "unknown"
    if not trusted_proxies or not _in(peer, trusted_proxies):
        return peer
    forwarded = [a.strip() for a in request.headers.get("x-forwarded-for", "").split(",")]
    for address in reversed([a for a in forwarded if a]):
        if not _in(address, trusted_proxies):
            return address
    return peer


async def session_valid(desk: Desk, request: Request) -> bool:
    user, token = request.session.get("user"), request.session.get(SESSION_TOKEN)
    if not isinstance(user, str) or not isinstance(token, str) or not user or not token:
        return False
    if desk.session_trusted(token, user):
        return True
    valid = await run_in_threadpool(
        desk.store.desk_sessions.valid, token, user, desk.desk.password_hash, desk.clock()
    )
    if valid:
        desk.remember_session(token, user)
    return valid


def login_required(handler: Handler) -> Handler:
    async def wrapped(desk: Desk, request: Request) -> Response:
        if not await session_valid(desk, request):
            request.session.clear()  # a revoked or expired session: the cookie goes too
            return RedirectResponse(f"/desk/login?next={request.url.path}", status_code=303)
        if request.method == "POST":
            form = await request.form()
            if not csrf_valid(request.session, form.get(CSRF_FIELD)):
                log.warning(
                    "csrf_refused",
                    path=request.url.path,
                    client=client_of(request, desk.desk.trusted_proxies),
                )
                return Response("Jeton CSRF absent ou invalide.", status_code=403)
        return await handler(desk, request)

    return wrapped
