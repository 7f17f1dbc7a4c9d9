"""Read a JSONL file (also .jsonl.gz, .bz2, .xz, .zst): one article per line, one item per line.

Each line is a JSON object with a non-empty string ``text``, and optionally ``url``, ``title``,
``published`` (ISO 8601 or RFC 2822; naive means UTC), ``author``, ``publisher``, ``language``
and ``html``. When ``html`` is given the item is that page (``text/html``) so extraction sees
what was published; otherwise it is the text (``text/plain``). A line without ``url`` is named
``path#line``. A bad line is a Rejection naming ``path:line``, and reading goes on.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import IO, Any

from newsdesk.config import FetchSettings
from newsdesk.ingest import reasons
from newsdesk.ingest.compression import inner_name, open_decompressed, read_errors
from newsdesk.ingest.containment import Outside, local_path
from newsdesk.ingest.dates import parse_published
from newsdesk.ingest.fetcher import Fetcher
from newsdesk.ingest.items import language_code, raw_from_local, reject, source_hints, unless_known
from newsdesk.ingest.memory import FetchMemory
from newsdesk.types import ItemHints, RawItem, Rejection, Source, Unchanged

#: what a JSONL file's name ends with, under an optional compression suffix (.gz, .bz2, .xz, .zst)
JSONL_SUFFIXES = (".jsonl", ".ndjson")


def is_jsonl_name(name: str) -> bool:
    """'corpus.jsonl', 'corpus.jsonl.zst', 'dump.ndjson.gz': one article per line."""
    return inner_name(name).lower().endswith(JSONL_SUFFIXES)


STRING_FIELDS = ("url", "title", "author", "publisher", "language", "html", "summary")


def _skip_rest_of_line(stream: IO[bytes], line: bytes, limit: int) -> None:
    """Read past an over-long line without holding it in memory."""
    while not line.endswith(b"\n"):
        line = stream.readline(limit + 1)
        if not line:
            return


def parse_line(
    line: bytes, where: str, source: Source
) -> tuple[dict[str, Any], ItemHints] | Rejection:
    """The fields and hints of one JSONL line, or the reason the line is unusable."""
    try:
        text = line.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        return reject(source, where, reasons.DECODE_ERROR, f"not UTF-8: {exc}")
    try:
        data = json.loads(text)
    except ValueError as exc:
        return reject(source, where, reasons.INVALID_JSON, str(exc))
    except RecursionError:  # '[' nested thousands deep: json recurses once per level
        return reject(source, where, reasons.INVALID_JSON, "nested too deeply")
    if not isinstance(data, dict):
        return reject(
            source, where, reasons.INVALID_JSON, f"a JSON {type(data).__name__}, not an object"
        )
    body = data.get("text")
    if not isinstance(body, str) or not body.strip():
        return reject(source, where, reasons.MISSING_TEXT, "`text` must be a non-empty string")
    for key in STRING_FIELDS:
        if data.get(key) is not None and not isinstance(data[key], str):
            return reject(source, where, reasons.BAD_FIELD, f"`{key}` must be a string")
    try:
        published = parse_published(data.get("published"))
    except ValueError as exc:
        return reject(source, where, reasons.BAD_FIELD, f"`published`: {exc}")
    hints = source_hints(
        source,
        title=(data.get("title") or "").strip() or None,
        published=published,
        author=data.get("author"),
        publisher=data.get("publisher"),
        language=language_code(data.get("language")),
        summary=data.get("summary"),
    )
    return data, hints


def read_jsonl(
    source: Source,
    fetcher: Fetcher | None,
    memory: FetchMemory,
    settings: FetchSettings,
) -> Iterator[RawItem | Unchanged | Rejection]:
    """One item per non-blank line of the file named by source.location."""
    path = local_path(source.location)
    if isinstance(path, Outside):
        yield reject(source, source.location, reasons.NOT_FOUND, path.detail)
        return
    if not path.is_file():
        yield reject(source, source.location, reasons.NOT_FOUND, "no such file")
        return
    read_at = datetime.now(UTC)
    try:
        with open_decompressed(path) as stream:
            number = 0
            while line := stream.readline(settings.max_bytes + 1):
                number += 1
                where = f"{path}:{number}"
                if len(line) > settings.max_bytes:
                    _skip_rest_of_line(stream, line, settings.max_bytes)
                    yield reject(source, where, reasons.TOO_LARGE, "line exceeds fetch.max_bytes")
                    continue
                if not line.strip():
                    continue
                parsed = parse_line(line, where, source)
                if isinstance(parsed, Rejection):
                    yield parsed
                    continue
                data, hints = parsed
                page = data.get("html")
                content = (page if page else data["text"]).encode("utf-8")
                raw = raw_from_local(
                    source,
                    data.get("url") or f"{path}#{number}",
                    content,
                    "text/html" if page else "text/plain",
                    "utf-8",
                    hints,
                    read_at,
                )
                yield unless_known(raw, memory)
    except read_errors() as exc:
        yield reject(source, str(path), reasons.READ_ERROR, f"stopped reading: {exc}")
