"""Read a WARC file (.warc or .warc.gz) with warcio: one item per HTML response record.

Web archives are large and often damaged (truncated downloads, bad Content-Length, flipped bits),
so a corrupt record is a ``corrupt_record`` Rejection and reading goes on: warcio's digests
(WARC-Block-Digest / WARC-Payload-Digest) are checked, and after a record that cannot be parsed
the reader searches for the next record start (the next ``WARC/1.x`` line, or the next gzip
member of a record-compressed file) and resumes there.

Response and resource records with HTML become RawItems named by their WARC-Target-URI; other
response payloads are ``not_html``, error statuses ``http_<status>``, revisit records (the same
payload as an earlier capture) ``Unchanged``. Request, metadata and warcinfo records describe
captures and are not documents.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import IO, Any

from newsdesk.config import FetchSettings
from newsdesk.ingest import reasons
from newsdesk.ingest.charset import detect_encoding
from newsdesk.ingest.containment import Outside, local_path
from newsdesk.ingest.dates import parse_published
from newsdesk.ingest.fetcher import Fetcher
from newsdesk.ingest.items import reject, source_hints, unless_known
from newsdesk.ingest.memory import FetchMemory
from newsdesk.ingest.sniff import SNIFF_BYTES, binary_reason, parse_content_type
from newsdesk.log import get_logger
from newsdesk.types import RawItem, Rejection, Source, Unchanged

log = get_logger(__name__)

GZIP_MAGIC = b"\x1f\x8b\x08"
WARC_LINE = b"\nWARC/1."
HTML_MEDIA_TYPES = frozenset({"text/html", "application/xhtml+xml"})
#: How much of the file is read at a time while searching for the next record after damage.
RESYNC_CHUNK = 1 << 20
#: A resync point is handed to warcio only if a whole WARC header block (the version line to the
#: blank line) fits in this many bytes after it. warcio reads header lines until a blank line, so
#: a damaged stretch full of "WARC/1.0" lines and no blank line cost it the rest of the file at
#: every one of them: quadratic (124 kB took 33 s). Real header blocks are under 4 kB.
MAX_HEADER_BLOCK = 1 << 14


class _RecordError(Exception):
    """A record whose framing cannot be trusted (not WARC, no type or length): resync past it."""


def _parse_errors() -> tuple[type[BaseException], ...]:
    """What warcio raises on damaged input while parsing or reading a record.

    Besides its own exceptions, warcio's parser fails on damaged headers with plain Python errors
    (``AttributeError`` on a record without WARC-Target-URI, ``ValueError`` on a bad length...).
    They are caught only around warcio's own calls (`next` on the iterator and reading a
    record), where they can only mean damaged input.
    """
    from warcio.exceptions import ArchiveLoadFailed
    from warcio.statusandheaders import StatusAndHeadersParserException

    return (
        ArchiveLoadFailed,
        StatusAndHeadersParserException,
        zlib.error,
        EOFError,
        ValueError,
        OverflowError,  # readline(Content-Length) with a length of 10**20
        AttributeError,
        KeyError,
        TypeError,
        IndexError,
    )


def _describe(failure: BaseException) -> str:
    if isinstance(failure, _RecordError):
        return str(failure)
    return f"{type(failure).__name__}: {str(failure)[:200]}"


def _find(stream: IO[bytes], marker: bytes, start: int) -> int | None:
    """Offset of the next plausible record start at or after `start`, or None at the end of the
    file. A candidate is judged on a few hundred bytes (more only while the answer is open, see
    `_judge`), and a false start that runs into the next version line hands that line over as
    the next candidate, so crossing a damaged stretch reads a small multiple of its length."""
    found = _next_marker(stream, marker, start)
    while found is not None:
        verdict = _judge(stream, marker, found)
        if verdict is None:
            return found
        after, is_marker = verdict
        found = after if is_marker else _next_marker(stream, marker, after)
    return None


def _next_marker(stream: IO[bytes], marker: bytes, start: int) -> int | None:
    skip = 1 if marker == WARC_LINE else 0  # the marker includes the preceding newline
    position = max(0, start - skip)
    size = 1 << 8  # small reads first: markers are often close together in damaged stretches
    while True:
        stream.seek(position)
        chunk = stream.read(size)
        if len(chunk) < len(marker):
            return None
        index = chunk.find(marker)
        if index >= 0:
            return position + index + skip
        position += len(chunk) - len(marker) + 1
        size = min(size * 4, RESYNC_CHUNK)


#: Bytes read to judge a candidate record start, growing only while the answer is open.
_PROBE_SIZES = (1 << 8, 1 << 12, MAX_HEADER_BLOCK)


def _judge(stream: IO[bytes], marker: bytes, offset: int) -> tuple[int, bool] | None:
    """None when a whole WARC header block starts at `offset`; else where to go on from, and
    whether that place is itself a version line (the next candidate, no search needed)."""
    if marker == GZIP_MAGIC:
        return None if _gzip_record_starts(stream, offset) else (offset + 1, False)
    for size in _PROBE_SIZES:
        stream.seek(offset)
        window = stream.read(size)
        blank = _blank_line(window)
        other = window.find(WARC_LINE, 1)
        if other >= 0 and (blank < 0 or other < blank):
            return offset + other + 1, True  # runs into another version line: no header block
        if blank >= 0:
            return None
        if len(window) < size:
            return offset + len(window), False  # the file ends inside this block
    return offset + MAX_HEADER_BLOCK, False  # no blank line within reach, no other start in it


def _gzip_record_starts(stream: IO[bytes], offset: int) -> bool:
    """Whether a gzip member that inflates to a whole WARC header block starts at `offset`."""
    for size in _PROBE_SIZES:
        stream.seek(offset)
        compressed = stream.read(size)
        try:
            head = zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(compressed, MAX_HEADER_BLOCK)
        except zlib.error:
            return False
        if head[:7] != b"WARC/1."[: len(head[:7])]:
            return False
        if head.startswith(b"WARC/1.") and _blank_line(head) >= 0:
            return True
        if len(compressed) < size:
            return False
    return False


def _blank_line(data: bytes) -> int:
    """Offset of the first blank line (the end of a header block) in `data`, or -1."""
    ends = [i for i in (data.find(b"\r\n\r\n"), data.find(b"\n\n")) if i >= 0]
    return min(ends) if ends else -1


def _unread_tail(stream: IO[bytes], offset: int) -> int:
    """How many non-blank bytes follow `offset`: a record cut off at the end of the file."""
    stream.seek(offset)
    rest = stream.read(RESYNC_CHUNK)
    return len(rest.strip())


def read_warc(
    source: Source,
    fetcher: Fetcher | None,
    memory: FetchMemory,
    settings: FetchSettings,
) -> Iterator[RawItem | Unchanged | Rejection]:
    """One item per HTML response record of the WARC named by source.location."""
    from warcio.archiveiterator import ArchiveIterator

    path = local_path(source.location)
    if isinstance(path, Outside):
        yield reject(source, source.location, reasons.NOT_FOUND, path.detail)
        return
    if not path.is_file():
        yield reject(source, source.location, reasons.NOT_FOUND, "no such file")
        return
    parse_errors: tuple[type[BaseException], ...] = (_RecordError, *_parse_errors())
    with path.open("rb") as stream:
        marker = GZIP_MAGIC if stream.read(3) == GZIP_MAGIC else WARC_LINE
        position: int | None = 0
        damaged = False  # inside a damaged stretch: report it once, not at every retry
        while position is not None:
            stream.seek(position)
            records = ArchiveIterator(stream, check_digests=True)
            iterator = iter(records)
            failure: BaseException | None = None
            while True:
                try:
                    record = next(iterator)
                    items = list(_items(source, path, record, records, settings, memory))
                except StopIteration:
                    break
                except parse_errors as exc:
                    # Resynchronise from this record's start: warcio's framing of a damaged
                    # record may swallow the records after it.
                    failure = exc
                    break
                # A record that failed its digest is usually followed by a parse failure
                # (a wrong Content-Length): report that stretch once.
                damaged = any(
                    isinstance(i, Rejection) and i.reason == reasons.CORRUPT_RECORD for i in items
                )
                yield from items
            if failure is None:
                tail = _unread_tail(stream, records.offset)
                if not tail:
                    return
                # The iterator stopped before the end of the file without an error: damaged
                # bytes it decoded as something else (a scrambled gzip member can inflate to
                # garbage that reads as an ARC record), then nothing. Records may follow.
                resume = _find(stream, marker, max(records.offset, position) + 1)
                if resume is None:
                    if not damaged:
                        yield reject(
                            source,
                            f"{path}@{records.offset}",
                            reasons.CORRUPT_RECORD,
                            f"{tail} bytes after the last complete record (a truncated file?)",
                        )
                    return
                failure = EOFError(f"{tail} unreadable bytes")
            failed_at = max(records.offset, position)
            if not damaged:
                yield reject(
                    source,
                    f"{path}@{failed_at}",
                    reasons.CORRUPT_RECORD,
                    f"record at byte {failed_at}: {_describe(failure)}",
                )
            damaged = True
            position = _find(stream, marker, failed_at + 1)
            log.info("warc_resync", path=str(path), failed_at=failed_at, resume_at=position)


def _items(
    source: Source,
    path: Path,
    record: Any,
    records: Any,
    settings: FetchSettings,
    memory: FetchMemory,
) -> Iterator[RawItem | Unchanged | Rejection]:
    """At most one item for one record (nothing for request/metadata/warcinfo records)."""
    kind = record.rec_type
    url = record.rec_headers.get_header("WARC-Target-URI") or f"{path}@{records.offset}"
    if kind == "revisit":
        yield Unchanged(source_id=source.id, url=url, reason="not_modified")
        return
    if record.format != "warc" and not path.name.lower().endswith((".arc", ".arc.gz")):
        # warcio falls back to the ARC format for any line of five words: not a WARC at all,
        # and its idea of where this "record" ends cannot be trusted either.
        raise _RecordError(f"not a WARC record ({record.format})")
    if record.format == "warc" and (
        kind is None or record.rec_headers.get_header("Content-Length") is None
    ):
        raise _RecordError("record without WARC-Type or length")
    if kind not in ("response", "resource"):
        return
    content = record.content_stream().read(settings.max_bytes + 1)
    records.read_to_end()  # completes the digests
    if getattr(record.raw_stream, "limit", 0) > 0:
        yield reject(source, url, reasons.CORRUPT_RECORD, "record shorter than its Content-Length")
        return
    checker = record.digest_checker
    if checker is not None and checker.passed is False:
        yield reject(source, url, reasons.CORRUPT_RECORD, "; ".join(checker.problems)[:300])
        return
    status: int | None = None
    headers: tuple[tuple[str, str], ...] = ()
    content_type = record.rec_headers.get_header("Content-Type")
    if kind == "response":
        http = record.http_headers
        if http is None:  # a dns: or other non-HTTP response
            yield reject(source, url, reasons.NOT_HTML, "response record without HTTP headers")
            return
        status = int(http.get_statuscode() or 0)
        headers = tuple((str(k), str(v)) for k, v in http.headers)
        content_type = http.get_header("Content-Type")
    if status is not None and not 200 <= status < 300:
        yield reject(source, url, reasons.http_reason(status), f"archived response {status}")
        return
    if len(content) > settings.max_bytes:
        yield reject(source, url, reasons.TOO_LARGE, "payload exceeds fetch.max_bytes")
        return
    media_type, charset = parse_content_type(content_type)
    looks_html = content.lstrip()[:15].lower().startswith((b"<!doctype html", b"<html"))
    if media_type not in HTML_MEDIA_TYPES and not (not media_type and looks_html):
        yield reject(source, url, reasons.NOT_HTML, f"payload is {media_type or 'untyped'}")
        return
    binary = binary_reason(content[:SNIFF_BYTES])
    if binary:
        yield reject(source, url, reasons.BINARY_CONTENT, binary)
        return
    encoding = detect_encoding(content, charset)
    if encoding is None:
        yield reject(source, url, reasons.DECODE_ERROR, "no character encoding decodes it")
        return
    try:
        fetched_at = parse_published(record.rec_headers.get_header("WARC-Date")) or datetime.now(
            UTC
        )
    except ValueError:
        fetched_at = datetime.now(UTC)
    raw = RawItem(
        source_id=source.id,
        url=url,
        fetched_at=fetched_at,
        content=content,
        media_type=media_type or "text/html",
        status=status,
        headers=headers,
        encoding=encoding,
        hints=source_hints(source),
    )
    yield unless_known(raw, memory)
