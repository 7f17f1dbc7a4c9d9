"""The web application behind `newsdesk serve`: the static site at /, the review desk at /desk/,
a read-only JSON API at /api/ (bearer token), and /healthz and /metrics for monitoring. Built
on Starlette with Jinja2 templates.

Security: the desk needs a login (scrypt password hash from the settings), sessions live in a
signed cookie (HttpOnly, SameSite=Strict, Secure over https), every form carries a CSRF token,
failed logins are slowed by progressive delays per client and per account, sessions are
recorded server-side (logout revokes them), and responses carry restrictive security headers.
Only files the site builder wrote are served, and a site folder holding the configuration or
the data is refused at start-up (see web/site_files.py).
"""

from __future__ import annotations

import hmac
import math
import secrets
from collections.abc import AsyncIterator, Awaitable, Callable, MutableMapping
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.middleware import Middleware
from starlette.middleware.sessions import SessionMiddleware
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.types import ASGIApp, Receive, Scope, Send

from newsdesk.config import Settings, SiteSettings
from newsdesk.errors import InputError
from newsdesk.log import get_logger
from newsdesk.store import Store
from newsdesk.store.records import PageRecord, PageStatus
from newsdesk.store.repositories.readings import Readings
from newsdesk.web import actions, api, health, metrics, sources_admin
from newsdesk.web.auth import SESSION_TOKEN, client_of, login_required
from newsdesk.web.desk_state import Clock, Desk
from newsdesk.web.evidence import review
from newsdesk.web.paging import DESK_PAGE_SIZE, decode_cursor, encode_cursor
from newsdesk.web.passwords import verify_password
from newsdesk.web.security import CSRF_FIELD, LoginThrottle, csrf_valid
from newsdesk.web.settings import DeskSettings
from newsdesk.web.site_files import SiteFiles, check_site_folder

log = get_logger(__name__)

SECURITY_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "X-Frame-Options": "DENY",
}
DESK_CSP = "default-src 'self'; style-src 'self'; script-src 'none'; frame-ancestors 'none'; form-action 'self'"
SITE_CSP = "default-src 'self'; script-src 'self'; style-src 'self'; frame-ancestors 'none'"


#: uvicorn options of `newsdesk serve`. proxy_headers off: uvicorn would otherwise take
#: X-Forwarded-For from any local peer as the client's address (a new address per login
#: attempt escaped the throttle); the desk reads it only from desk.trusted_proxies.
#: log_config None: uvicorn's records go through the handler of newsdesk.log (its own
#: text formatter would break --log-format json).
UVICORN_OPTIONS: dict[str, Any] = {
    "log_level": "warning",
    "proxy_headers": False,
    "log_config": None,
}


def _utc_now() -> datetime:
    return datetime.now(UTC)


class SecurityHeaders:
    """Add security headers to every response (a strict CSP on the desk)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        csp = DESK_CSP if scope["path"].startswith("/desk") else SITE_CSP

        async def send_with_headers(message: MutableMapping[str, Any]) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                for name, value in {**SECURITY_HEADERS, "Content-Security-Policy": csp}.items():
                    headers.append((name.lower().encode(), value.encode()))
                message["headers"] = headers
            await send(message)

        await self.app(scope, receive, send_with_headers)


async def login(desk: Desk, request: Request) -> Response:
    next_url = request.query_params.get("next", "/desk/")
    if not next_url.startswith("/desk/"):
        next_url = "/desk/"
    if request.method == "GET":
        return desk.render(request, "login.html", next=next_url, error=None)
    client = client_of(request, desk.desk.trusted_proxies)
    form = await request.form()
    if not csrf_valid(request.session, form.get(CSRF_FIELD)):
        return Response("Jeton CSRF absent ou invalide.", status_code=403)
    user, password = str(form.get("user", "")), str(form.get("password", ""))
    wait = desk.throttle.wait(client, user)
    if wait > 0:
        retry = math.ceil(wait)
        response = desk.render(
            request,
            "login.html",
            status_code=429,
            next=next_url,
            error=f"Trop de tentatives. Réessayez dans {retry} s."
            if retry < 120
            else f"Trop de tentatives. Réessayez dans {math.ceil(retry / 60)} min.",
        )
        response.headers["Retry-After"] = str(retry)
        return response
    configured = desk.desk.password_hash
    ok = bool(configured) and hmac.compare_digest(user.encode(), desk.desk.user.encode())
    ok = verify_password(password, configured) and ok if configured else False
    if not ok:
        desk.throttle.failed(client, user)
        log.warning("login_failed", client=client, user=user)
        return desk.render(
            request,
            "login.html",
            status_code=401,
            next=next_url,
            error="Identifiant ou mot de passe incorrect."
            if configured
            else "Aucun mot de passe n’est configuré (NEWSDESK_DESK__PASSWORD_HASH).",
        )
    desk.throttle.succeeded(client, user)
    token = secrets.token_urlsafe(32)
    lifetime = timedelta(hours=desk.desk.session_hours)
    await run_in_threadpool(
        desk.store.desk_sessions.open, token, desk.desk.user, configured, lifetime
    )
    request.session.clear()  # a new session (and CSRF token) after login: no fixation
    request.session["user"] = desk.desk.user
    request.session[SESSION_TOKEN] = token
    request.session["since"] = desk.clock().isoformat()
    log.info("login", user=desk.desk.user, client=client)
    return RedirectResponse(next_url, status_code=303)


@login_required
async def logout(desk: Desk, request: Request) -> Response:
    token = request.session.get(SESSION_TOKEN)
    if isinstance(token, str):  # ended server-side: a copy of the cookie opens nothing
        desk.forget_session(token)
        await run_in_threadpool(desk.store.desk_sessions.revoke, token)
    request.session.clear()
    return RedirectResponse("/desk/login", status_code=303)


@login_required
async def queue(desk: Desk, request: Request) -> Response:
    status = request.query_params.get("statut", PageStatus.HELD.value)
    try:
        wanted = PageStatus(status)
    except ValueError:
        wanted = PageStatus.HELD
    try:
        after = decode_cursor(request.query_params.get("apres"))
    except ValueError:
        after = None  # a mangled link: the first page
    listing = await run_in_threadpool(desk.store.pages.listing, wanted, DESK_PAGE_SIZE, after)
    return desk.render(
        request,
        "queue.html",
        records=listing.items,
        total=listing.total,
        first_page=after is None,
        next_cursor=encode_cursor(listing.next_after),
        status=wanted,
        statuses=list(PageStatus),
    )


def _record(desk: Desk, request: Request) -> PageRecord | None:
    return desk.store.pages.get(request.path_params["page_id"])


@login_required
async def page_view(desk: Desk, request: Request) -> Response:
    record = await run_in_threadpool(_record, desk, request)
    if record is None:
        return desk.render(request, "error.html", status_code=404, message="Page inconnue.")

    def load() -> tuple[Any, Any]:
        ids = [s.article_id for s in record.page.sources]
        articles = desk.store.articles.get_many(ids)
        findings = desk.store.findings.for_articles(ids)
        return review(
            record.page, record.verdict.checks, articles, findings
        ), desk.store.decisions.list(record.id)

    result, decisions = await run_in_threadpool(load)
    return desk.render(request, "page.html", record=record, review=result, decisions=decisions)


@login_required
async def page_action(desk: Desk, request: Request) -> Response:
    record = await run_in_threadpool(_record, desk, request)
    if record is None:
        return desk.render(request, "error.html", status_code=404, message="Page inconnue.")
    form = await request.form()
    who = str(request.session["user"])
    now = desk.clock()
    action = request.path_params["action"]
    if action == "approve":
        outcome = await run_in_threadpool(
            actions.approve, desk.store, record, who, now, desk.rebuild
        )
    elif action == "reject":
        reason = str(form.get("reason", ""))
        outcome = await run_in_threadpool(
            actions.reject, desk.store, record, who, now, reason, desk.rebuild
        )
    elif action == "edit":
        headings = [str(form.get(f"heading-{i}", "")) for i in range(len(record.page.sections))]
        outcome = await run_in_threadpool(
            actions.edit,
            desk.store,
            record,
            who,
            now,
            str(form.get("title", "")),
            str(form.get("description", "")),
            headings,
            desk.rebuild,
            desk.verify,
        )
    elif action == "rerun":
        outcome = await run_in_threadpool(
            actions.rerun, desk.store, record, who, now, desk.rebuild, desk.verify
        )
    else:
        return Response("Action inconnue.", status_code=404)
    request.session["flash"] = {"ok": outcome.ok, "message": outcome.message}
    return RedirectResponse(f"/desk/pages/{record.id}", status_code=303)


def _handler(
    desk: Desk, fn: Callable[[Desk, Request], Awaitable[Response]]
) -> Callable[[Request], Awaitable[Response]]:
    async def endpoint(request: Request) -> Response:
        return await fn(desk, request)

    return endpoint


def _closing(store: Store) -> Callable[[Starlette], AbstractAsyncContextManager[None]]:
    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        try:
            yield
        finally:
            store.close()

    return lifespan


def _secure(desk: DeskSettings, site: SiteSettings) -> bool:
    if desk.secure_cookies == "always":
        return True
    if desk.secure_cookies == "never":
        return False
    return site.base_url.startswith("https://")


def create_app(
    settings: Settings | Path,
    *,
    desk: DeskSettings | None = None,
    store: Store | None = None,
    clock: Clock = _utc_now,
    throttle: LoginThrottle | None = None,
) -> Starlette:
    """The app of `newsdesk serve`. With a `Settings`, opens the store (settings.db_url,
    settings.data_dir) and serves the desk and API beside the site in `settings.out`,
    building the site first if it is missing. A bare `Path` (the former signature) serves
    only the static site."""
    if isinstance(settings, Path):
        return _static_only(settings)
    check_site_folder(settings.out, settings)
    desk_settings = desk or settings.desk
    own_store = store is None
    store = store or Store.open(settings.db_url, settings.data_dir)
    state = Desk(store, settings, desk_settings, clock, throttle)
    if not (settings.out / "index.html").is_file():
        state.rebuild()
    secret = desk_settings.secret_key
    if not secret:
        secret = secrets.token_urlsafe(48)
        log.warning(
            "desk_secret_generated",
            note="set NEWSDESK_DESK__SECRET_KEY to keep sessions across restarts",
        )
    if not desk_settings.password_hash:
        log.warning("desk_closed", note="no password hash configured: nobody can log in")
    h = lambda fn: _handler(state, fn)  # noqa: E731
    readings = Readings(store.engine, store.url)
    routes = [
        # Monitoring, without login (see web/health.py and web/metrics.py).
        Route("/healthz", health.endpoint(readings, clock, clock(), settings.health.max_cycle_age)),
        Route(
            "/metrics",
            metrics.endpoint(readings, clock, desk_settings, settings.health.metrics_token),
        ),
        Route("/desk/login", h(login), methods=["GET", "POST"]),
        Route("/desk/logout", h(logout), methods=["POST"]),
        Route("/desk/", h(queue)),
        Route("/desk", lambda r: RedirectResponse("/desk/", status_code=307)),
        Route("/desk/pages/{page_id}", h(page_view)),
        Route("/desk/pages/{page_id}/{action}", h(page_action), methods=["POST"]),
        Route("/desk/sources", h(sources_admin.sources_page)),
        Route("/desk/sources/add", h(sources_admin.add_source), methods=["POST"]),
        Route("/desk/sources/{source_id}/toggle", h(sources_admin.toggle_source), methods=["POST"]),
        Route("/desk/sources/opml", h(sources_admin.import_opml), methods=["POST"]),
        Mount(
            "/desk/static",
            app=StaticFiles(directory=Path(__file__).parent / "static"),
            name="desk-static",
        ),
        *api.routes(store, desk_settings),
        Route("/", lambda r: RedirectResponse("/index.html")),
        Mount("/", app=SiteFiles(settings.out, check_dir=False), name="site"),
    ]
    app = Starlette(
        routes=routes,
        middleware=[
            Middleware(SecurityHeaders),
            Middleware(
                SessionMiddleware,
                secret_key=secret,
                session_cookie="newsdesk_session",
                max_age=int(desk_settings.session_hours * 3600),
                path="/",
                same_site="strict",
                https_only=_secure(desk_settings, settings.site),
            ),
        ],
        lifespan=_closing(store) if own_store else None,
    )
    app.state.desk = state
    return app


def _static_only(site_dir: Path) -> Starlette:
    check_site_folder(site_dir)
    if not (site_dir / "index.html").is_file():
        raise InputError(f"no site in {site_dir}: run `newsdesk run --out {site_dir}` first")
    return Starlette(
        routes=[
            Route("/", lambda r: RedirectResponse("/index.html")),
            Mount("/", app=SiteFiles(site_dir), name="site"),
        ],
        middleware=[Middleware(SecurityHeaders)],
    )


__all__ = ["create_app"]
