"""Read a local folder (or one file) of .html/.htm/.txt/.md documents, one item per file.

A ``metadata.json`` in the folder maps file names (or paths relative to the folder) to hints:
``title``, ``published``, ``publisher``, ``language``, ``url``, ``author``, ``summary``. A naive
``published`` is UTC; a ``period`` such as "2023-05" is a month, not a publication date, and is
not used as one. Keys starting with "_" are comments. The bundled samples use this format
(src/newsdesk/samples/articles/metadata.json).

Compressed documents (``page.html.gz``, ``.bz2``, ``.xz``, ``.zst``) are read as what they
contain; WARC files in the folder (a crawl is a folder of ``.warc.gz`` files) are read record by
record, as the WARC reader reads them, and JSONL files (``.jsonl``, ``.ndjson``, compressed or
not) line by line, as the JSONL reader reads them. Every other file is still accounted for:
binary files are ``binary_content``, other text files ``unsupported_file``, files we cannot
decode ``decode_error``, damaged archives ``corrupt_archive``, and symbolic links that lead out
of the folder ``outside_folder`` (see `containment`).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from newsdesk.config import FetchSettings
from newsdesk.ingest import reasons
from newsdesk.ingest.charset import detect_encoding
from newsdesk.ingest.compression import (
    CODECS,
    CorruptArchive,
    TooLargeDecompressed,
    codec_of,
    decompress,
    inner_name,
)
from newsdesk.ingest.containment import Outside, contained, local_path, real_root, walk
from newsdesk.ingest.dates import parse_published
from newsdesk.ingest.fetcher import Fetcher
from newsdesk.ingest.items import language_code, raw_from_local, reject, source_hints, unless_known
from newsdesk.ingest.jsonl import is_jsonl_name, read_jsonl
from newsdesk.ingest.memory import FetchMemory
from newsdesk.ingest.sniff import SNIFF_BYTES, binary_reason
from newsdesk.ingest.warc import read_warc
from newsdesk.log import get_logger
from newsdesk.types import ItemHints, RawItem, Rejection, Source, Unchanged

log = get_logger(__name__)

METADATA_FILE = "metadata.json"
MEDIA_TYPES = {
    ".html": "text/html",
    ".htm": "text/html",
    ".xhtml": "application/xhtml+xml",
    ".txt": "text/plain",
    ".md": "text/markdown",
    ".markdown": "text/markdown",
}
#: WARC and ARC files, read record by record when found in a folder.
WARC_SUFFIXES = (".warc", ".warc.gz", ".arc", ".arc.gz")
#: Hint keys of metadata.json that become ItemHints fields (plus "url", which names the item).
HINT_KEYS = ("title", "published", "publisher", "language", "author", "summary")
#: Keys that are known and deliberately not used as hints.
IGNORED_KEYS = ("period", "url")


def load_metadata(
    folder: Path, source: Source
) -> tuple[dict[str, dict[str, Any]], list[Rejection]]:
    """metadata.json of the folder (empty when absent) and the problems found in it."""
    path = folder / METADATA_FILE
    if not path.is_file():
        return {}, []
    real = contained(path, real_root(folder))
    if isinstance(real, Outside):
        return {}, [reject(source, str(path), reasons.OUTSIDE_FOLDER, real.detail)]
    try:
        data = json.loads(real.read_bytes().decode("utf-8-sig"))
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        return {}, [reject(source, str(path), reasons.BAD_METADATA, f"unreadable: {exc}")]
    except RecursionError:  # '[' nested thousands deep: json recurses once per level
        return {}, [reject(source, str(path), reasons.BAD_METADATA, "nested too deeply")]
    if not isinstance(data, dict):
        return {}, [reject(source, str(path), reasons.BAD_METADATA, "not a JSON object")]
    entries: dict[str, dict[str, Any]] = {}
    problems: list[Rejection] = []
    for name, value in data.items():
        if name.startswith("_"):
            continue
        if not isinstance(value, dict):
            problems.append(
                reject(source, f"{path}#{name}", reasons.BAD_METADATA, "entry is not an object")
            )
            continue
        entries[name] = value
    return entries, problems


def hints_from_metadata(
    entry: dict[str, Any], source: Source, where: str
) -> tuple[ItemHints, str | None, Rejection | None]:
    """(hints, url, problem) from one metadata.json entry; a bad date is dropped and reported."""
    fields: dict[str, object] = {}
    problem = None
    for key in HINT_KEYS:
        value = entry.get(key)
        if value in (None, ""):
            continue
        if key == "published":
            try:
                fields[key] = parse_published(value)
            except ValueError as exc:
                problem = reject(source, where, reasons.BAD_METADATA, f"published: {exc}")
        elif key == "language":
            fields[key] = language_code(value)
        elif isinstance(value, str):
            fields[key] = value.strip()
        else:
            problem = reject(source, where, reasons.BAD_METADATA, f"{key}: not a string")
    unknown = set(entry) - set(HINT_KEYS) - set(IGNORED_KEYS)
    if unknown:
        log.debug("metadata_keys_ignored", where=where, keys=sorted(unknown))
    url = entry.get("url") if isinstance(entry.get("url"), str) else None
    return source_hints(source, **fields), url, problem


def _compressed_rejection(
    name: str, content: bytes, source: Source, settings: FetchSettings
) -> bytes | Rejection:
    """The decompressed content of a compressed file, or why it cannot be used."""
    codec = codec_of(name)
    assert codec is not None
    try:
        return decompress(content, codec, settings.max_bytes)
    except TooLargeDecompressed as exc:
        return reject(source, name, reasons.TOO_LARGE, str(exc))
    except CorruptArchive as exc:
        return reject(source, name, reasons.CORRUPT_ARCHIVE, str(exc))


def file_item(
    name: str,
    size: int,
    content: bytes | None,
    source: Source,
    settings: FetchSettings,
    hints: ItemHints,
    url: str | None,
    read_at: datetime,
) -> RawItem | Rejection:
    """One local document given as bytes (None: not read, too large), or why it is not one.

    A compressed file (`page.html.gz`) is judged as the file it contains, after decompression
    capped at `fetch.max_bytes`. Both engines call this: the local folder reader with a file's
    bytes, Spark with a binaryFile row.
    """
    shown_suffix = Path(inner_name(name)).suffix
    media_type = MEDIA_TYPES.get(shown_suffix.lower())
    if size > settings.max_bytes or content is None:
        return reject(
            source,
            name,
            reasons.TOO_LARGE,
            f"{size} bytes > fetch.max_bytes {settings.max_bytes}",
        )
    if codec_of(name) is not None:
        if media_type is None:  # foo.tar.gz, photo.png.gz: not worth decompressing
            return _unsupported(name, shown_suffix, source)
        decompressed = _compressed_rejection(name, content, source, settings)
        if isinstance(decompressed, Rejection):
            return decompressed
        content = decompressed
    binary = binary_reason(content[:SNIFF_BYTES])
    if binary:
        return reject(source, name, reasons.BINARY_CONTENT, binary)
    if media_type is None:
        return _unsupported(name, shown_suffix, source)
    encoding = detect_encoding(content)
    if encoding is None:
        return reject(source, name, reasons.DECODE_ERROR, "no character encoding decodes it")
    return raw_from_local(source, url or name, content, media_type, encoding, hints, read_at)


def _unsupported(name: str, suffix: str, source: Source) -> Rejection:
    readable = ", ".join(sorted(MEDIA_TYPES))
    codecs = ", ".join(sorted(CODECS))
    return reject(
        source,
        name,
        reasons.UNSUPPORTED_FILE,
        f"{suffix or 'no extension'}: reads {readable}, also compressed ({codecs}), WARC and JSONL",
    )


def read_file(
    path: Path,
    source: Source,
    settings: FetchSettings,
    hints: ItemHints,
    url: str | None = None,
    read_at: datetime | None = None,
    *,
    real: Path | None = None,
) -> RawItem | Rejection:
    """One local document as a RawItem, or the reason it is not one. `real` is where the bytes
    are read from when the folder walk already resolved `path` (a link checked by
    `containment`): the item is still named by `path`."""
    name = str(path)
    location = real or path
    try:
        size = location.stat().st_size
        content = location.read_bytes() if size <= settings.max_bytes else None
    except OSError as exc:
        return reject(source, name, reasons.READ_ERROR, str(exc))
    return file_item(
        name, size, content, source, settings, hints, url, read_at or datetime.now(UTC)
    )


def is_warc_name(name: str) -> bool:
    """A WARC or ARC file, compressed or not: a crawl folder is a folder of these."""
    return name.lower().endswith(WARC_SUFFIXES)


def _member_items(
    path: Path,
    source: Source,
    fetcher: Fetcher | None,
    memory: FetchMemory,
    settings: FetchSettings,
) -> Iterator[RawItem | Unchanged | Rejection]:
    """The records of a WARC file or the lines of a JSONL file found in a folder, read by their
    own reader, as items of the folder's source."""
    reader = read_warc if is_warc_name(path.name) else read_jsonl
    for item in reader(replace(source, location=str(path)), fetcher, memory, settings):
        yield replace(item, source_id=source.id)


def read_folder(
    source: Source,
    fetcher: Fetcher | None,
    memory: FetchMemory,
    settings: FetchSettings,
) -> Iterator[RawItem | Unchanged | Rejection]:
    """One item per file of the folder (or the single file) named by source.location."""
    root = local_path(source.location)
    if isinstance(root, Outside):
        yield reject(source, source.location, reasons.NOT_FOUND, root.detail)
        return
    if not root.exists():
        yield reject(source, source.location, reasons.NOT_FOUND, "no such file or folder")
        return
    folder = root if root.is_dir() else root.parent
    # A file named on its own is read wherever it leads: the user chose it. In a folder, every
    # file and linked folder must really be inside the folder.
    inside = real_root(root) if root.is_dir() else None
    files = walk(root) if root.is_dir() else iter([root])
    metadata, problems = load_metadata(folder, source)
    yield from problems
    read_at = datetime.now(UTC)
    for path in files:
        if path.parent == folder and path.name == METADATA_FILE:
            continue
        real = contained(path, inside) if inside is not None else None
        if isinstance(real, Outside):
            yield reject(source, str(path), reasons.OUTSIDE_FOLDER, real.detail)
            continue
        if real is not None and real.is_dir():
            continue  # a linked folder inside the root: its files are read where they are
        relative = path.relative_to(folder).as_posix()
        entry = metadata.get(relative) or metadata.get(path.name)
        hints, url = source_hints(source), None
        if entry is not None:
            hints, url, problem = hints_from_metadata(
                entry, source, f"{folder / METADATA_FILE}#{relative}"
            )
            if problem is not None:
                yield problem
        if is_warc_name(path.name) or is_jsonl_name(path.name):
            yield from _member_items(path, source, fetcher, memory, settings)
            continue
        item = read_file(path, source, settings, hints, url, read_at, real=real)
        yield item if isinstance(item, Rejection) else unless_known(item, memory)
