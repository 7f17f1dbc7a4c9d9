"""The desk's sources page: health of each source, add one, disable or enable it, import OPML."""

from __future__ import annotations

from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from newsdesk.errors import InputError
from newsdesk.log import get_logger
from newsdesk.types import Licence, Source, SourceKind
from newsdesk.web.auth import login_required
from newsdesk.web.desk_state import Desk

log = get_logger(__name__)

OPML_MAX_BYTES = 2_000_000  # a feed reader's export of a few thousand feeds fits well within
WEB_KINDS = (SourceKind.FEED, SourceKind.PAGE, SourceKind.SITEMAP)  # no local paths from a browser


def _flash(request: Request, ok: bool, message: str) -> Response:
    request.session["flash"] = {"ok": ok, "message": message}
    return RedirectResponse("/desk/sources", status_code=303)


@login_required
async def sources_page(desk: Desk, request: Request) -> Response:
    health = await run_in_threadpool(desk.store.source_health)
    return desk.render(
        request, "sources.html", health=health, kinds=WEB_KINDS, licences=list(Licence)
    )


@login_required
async def add_source(desk: Desk, request: Request) -> Response:
    form = await request.form()
    location = str(form.get("location", "")).strip()
    try:
        kind = SourceKind(str(form.get("kind", "feed")))
    except ValueError:
        return _flash(request, False, "Type de source inconnu.")
    if kind not in WEB_KINDS or not location.startswith(("http://", "https://")):
        return _flash(
            request, False, "Indiquez l’adresse http(s) d’un flux, d’une page ou d’un sitemap."
        )
    try:
        licence = Licence(str(form.get("licence", Licence.EXCERPT.value)))
    except ValueError:
        licence = Licence.EXCERPT
    source = Source(
        kind=kind,
        location=location,
        name=str(form.get("name", "")).strip() or None,
        publisher=str(form.get("publisher", "")).strip() or None,
        language=str(form.get("language", "")).strip().lower()[:2] or None,
        licence=licence,
    )
    await run_in_threadpool(desk.store.add_source, source)
    log.info("source_added_from_desk", source=source.id, who=request.session.get("user"))
    return _flash(request, True, f"Source ajoutée : {location}")


@login_required
async def toggle_source(desk: Desk, request: Request) -> Response:
    source_id = request.path_params["source_id"]
    source = await run_in_threadpool(desk.store.sources.get, source_id)
    if source is None:
        return _flash(request, False, "Source inconnue.")
    await run_in_threadpool(desk.store.sources.set_enabled, source_id, not source.enabled)
    state = "réactivée" if not source.enabled else "désactivée"
    return _flash(request, True, f"Source {state} : {source.location}")


@login_required
async def import_opml(desk: Desk, request: Request) -> Response:
    form = await request.form(max_part_size=OPML_MAX_BYTES)
    upload = form.get("opml")
    if not isinstance(upload, UploadFile):
        return _flash(request, False, "Choisissez un fichier OPML.")
    data = await upload.read(OPML_MAX_BYTES + 1)
    if len(data) > OPML_MAX_BYTES:
        return _flash(request, False, "Fichier OPML trop volumineux.")
    from newsdesk.ingest.opml import parse_opml

    try:
        sources = parse_opml(data)
    except InputError as exc:
        return _flash(request, False, f"OPML illisible : {exc}")
    existing = {s.id for s in await run_in_threadpool(desk.store.list_sources)}
    added = 0
    for source in sources:
        if source.id not in existing:
            await run_in_threadpool(desk.store.add_source, source)
            added += 1
    return _flash(
        request,
        True,
        f"OPML importé : {added} source(s) ajoutée(s), {len(sources) - added} déjà connue(s).",
    )
