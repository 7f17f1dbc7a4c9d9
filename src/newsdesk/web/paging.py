"""Cursors of the desk's and the API's page lists: the key of the last item shown, opaque to
clients, so the next page is read from the index (keyset pagination, see
PageRepository.listing) rather than by skipping rows."""

from __future__ import annotations

import base64
import binascii
from datetime import datetime

DESK_PAGE_SIZE = 50  # rows of the desk's queue per page: one screen to skim, fast to render
API_PAGE_SIZE = 100  # default `limit` of the API's list
API_MAX_PAGE_SIZE = 500  # the most one API call returns (the former fixed limit)

Cursor = tuple[datetime, str]


def encode_cursor(key: Cursor | None) -> str | None:
    if key is None:
        return None
    at, page_id = key
    raw = f"{at.isoformat()}|{page_id}".encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(value: str | None) -> Cursor | None:
    """The key in a cursor; None for a missing one. Raises ValueError for one that is not a
    cursor this module made (the caller answers 400, or shows the first page)."""
    if not value:
        return None
    try:
        raw = base64.urlsafe_b64decode(value + "=" * (-len(value) % 4)).decode()
    except (binascii.Error, UnicodeDecodeError) as exc:
        raise ValueError("not a cursor") from exc
    at, sep, page_id = raw.partition("|")
    if not sep or not page_id:
        raise ValueError("not a cursor")
    when = datetime.fromisoformat(at)
    if when.tzinfo is None:
        raise ValueError("not a cursor")
    return when, page_id


def page_size(value: str | None, default: int, most: int) -> int:
    """A `limit` query parameter: default when absent, ValueError when not a number ≥ 1."""
    if value is None or value == "":
        return default
    size = int(value)
    if size < 1:
        raise ValueError("limit must be at least 1")
    return min(size, most)
