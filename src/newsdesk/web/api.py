"""The read-only JSON API (/api/v1/…), for dashboards and scripts. A bearer token is required:
its sha256 is configured (NEWSDESK_DESK__API_TOKEN_HASH); with none configured the API is closed.

/api/v1/pages is paginated: `limit` (default 100, at most 500) and `after`, the cursor given
as `next` by the previous call (null on the last page); `total` counts the whole list.
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Awaitable, Callable
from dataclasses import asdict
from typing import Any
from urllib.parse import urlencode

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import BaseRoute, Route

from newsdesk.store import Store
from newsdesk.store.codec import to_json
from newsdesk.store.records import PageRecord, PageStatus
from newsdesk.store.repositories.pages import PageListing
from newsdesk.web.paging import (
    API_MAX_PAGE_SIZE,
    API_PAGE_SIZE,
    decode_cursor,
    encode_cursor,
    page_size,
)
from newsdesk.web.settings import DeskSettings

API_LIST_LIMIT = 500  # most decisions returned by one list call


def authorised(request: Request, desk: DeskSettings) -> bool:
    header = request.headers.get("authorization", "")
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer" or not token or not desk.api_token_hash:
        return False
    digest = hashlib.sha256(token.strip().encode()).hexdigest()
    return hmac.compare_digest(digest, desk.api_token_hash.lower())


def _summary(record: PageRecord) -> dict[str, Any]:
    return {
        "id": record.id,
        "slug": record.slug,
        "title": record.title,
        "status": record.status.value,
        "verdict": record.verdict.status.value,
        "reasons": list(record.reasons),
        "updated_at": record.updated_at.isoformat() if record.updated_at else None,
    }


def _listed(item: PageListing) -> dict[str, Any]:
    """The same fields as `_summary`, from a listing row (no page document read)."""
    return {
        "id": item.id,
        "slug": item.slug,
        "title": item.title,
        "status": item.status.value,
        "verdict": item.verdict,
        "reasons": list(item.reasons),
        "updated_at": item.updated_at.isoformat(),
    }


def routes(store: Store, desk: DeskSettings) -> list[BaseRoute]:
    def guarded(
        fn: Callable[[Request], Awaitable[Response]],
    ) -> Callable[[Request], Awaitable[Response]]:
        async def endpoint(request: Request) -> Response:
            if not authorised(request, desk):
                return JSONResponse(
                    {"error": "unauthorised"},
                    status_code=401,
                    headers={"WWW-Authenticate": "Bearer"},
                )
            return await fn(request)

        return endpoint

    async def pages(request: Request) -> Response:
        status = request.query_params.get("status")
        try:
            wanted = PageStatus(status) if status else None
        except ValueError:
            return JSONResponse(
                {"error": "unknown_status", "allowed": [s.value for s in PageStatus]}, 400
            )
        try:
            limit = page_size(request.query_params.get("limit"), API_PAGE_SIZE, API_MAX_PAGE_SIZE)
            after = decode_cursor(request.query_params.get("after"))
        except ValueError as exc:
            return JSONResponse({"error": "bad_query", "detail": str(exc)}, 400)
        listing = await run_in_threadpool(store.pages.listing, wanted, limit, after)
        cursor = encode_cursor(listing.next_after)
        following = None
        if cursor is not None:
            query = {"limit": str(limit), "after": cursor, **({"status": status} if status else {})}
            following = f"/api/v1/pages?{urlencode(query)}"
        return JSONResponse(
            {
                "pages": [_listed(item) for item in listing.items],
                "total": listing.total,
                "next": following,
            }
        )

    async def page(request: Request) -> Response:
        record = await run_in_threadpool(store.pages.get, request.path_params["page_id"])
        if record is None:
            return JSONResponse({"error": "not_found"}, status_code=404)
        return JSONResponse(
            {**_summary(record), "page": to_json(record.page), "verdict": to_json(record.verdict)}
        )

    async def decisions(request: Request) -> Response:
        page_id = request.query_params.get("page")
        rows = await run_in_threadpool(store.decisions.list, page_id, API_LIST_LIMIT)
        return JSONResponse(
            {
                "decisions": [
                    {**asdict(d), "action": d.action.value, "at": d.at.isoformat()} for d in rows
                ]
            }
        )

    async def sources(request: Request) -> Response:
        rows = await run_in_threadpool(store.source_health)
        return JSONResponse(
            {
                "sources": [
                    {
                        "id": h.source.id,
                        "location": h.source.location,
                        "name": h.source.name,
                        "enabled": h.source.enabled,
                        "last_fetch_at": h.last_fetch_at.isoformat() if h.last_fetch_at else None,
                        "last_status": h.last_status,
                        "consecutive_errors": h.consecutive_errors,
                        "next_check_at": h.next_check_at.isoformat() if h.next_check_at else None,
                        "paused_at": h.paused_at.isoformat() if h.paused_at else None,
                        "items": h.items,
                        "articles": h.articles,
                        "findings_rate": h.findings_rate,
                    }
                    for h in rows
                ]
            }
        )

    return [
        Route("/api/v1/pages", guarded(pages)),
        Route("/api/v1/pages/{page_id}", guarded(page)),
        Route("/api/v1/decisions", guarded(decisions)),
        Route("/api/v1/sources", guarded(sources)),
    ]
