"""Read articles from Parquet (one file, or a folder of part files): one item per row.

A row has the fields of a JSONL line (see `newsdesk.ingest.jsonl`): a non-empty string
``text``, and optionally ``url``, ``title``, ``published`` (a timestamp or a string), ``author``,
``publisher``, ``language``, ``summary`` and ``html``. A row without ``url`` is named
``path#row`` (rows numbered from 1 in each file) and a bad row is a Rejection naming
``path:row``, exactly as a JSONL line is named by its line number, so both inputs of one corpus
audit alike and the Spark engine (which reads Parquet with Spark's own reader) names rows the
same way. Each row is validated by the JSONL reader's own `parse_line`, so the two formats
cannot drift apart.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from newsdesk.config import FetchSettings
from newsdesk.ingest import reasons
from newsdesk.ingest.fetcher import Fetcher
from newsdesk.ingest.items import raw_from_local, reject, unless_known
from newsdesk.ingest.jsonl import STRING_FIELDS, parse_line
from newsdesk.ingest.memory import FetchMemory
from newsdesk.types import RawItem, Rejection, Source, Unchanged

PARQUET_SUFFIXES = (".parquet", ".parq")
#: The columns read; other columns are ignored.
COLUMNS = ("text", "published", *STRING_FIELDS)
#: Rows read from a file at a time (bounds memory for files with large row groups).
BATCH_ROWS = 1024


def is_parquet(location: str) -> bool:
    """Whether a path names Parquet input: a .parquet file or a folder of .parquet parts."""
    name = location.rstrip("/").lower()
    if name.endswith(PARQUET_SUFFIXES):
        return True
    path = Path(location)
    return path.is_dir() and any(path.glob("*.parquet")) and not any(path.glob("*.html"))


def parquet_files(path: Path) -> list[Path]:
    """The Parquet files of a path, in name order (part files are numbered)."""
    if path.is_dir():
        return sorted(
            p
            for p in path.iterdir()
            if p.suffix.lower() in PARQUET_SUFFIXES and not p.name.startswith((".", "_"))
        )
    return [path]


def _json_value(value: object) -> object:
    if isinstance(value, datetime):
        return (value if value.tzinfo else value.replace(tzinfo=UTC)).isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return value


def row_item(
    row: Mapping[str, Any], path: str, number: int, source: Source, read_at: datetime
) -> RawItem | Rejection:
    """One row as a RawItem named like a JSONL line (``url`` or ``path#number``), or why not.

    Used by the local reader and by the Spark engine, so both name and validate rows alike.
    """
    where = f"{path}:{number}"
    data = {k: _json_value(v) for k, v in row.items() if k in COLUMNS and v is not None}
    try:
        line = json.dumps(data, ensure_ascii=False).encode("utf-8")
    except (TypeError, ValueError) as exc:
        return reject(source, where, reasons.BAD_FIELD, f"a value is not JSON-compatible: {exc}")
    parsed = parse_line(line, where, source)
    if isinstance(parsed, Rejection):
        return parsed
    fields, hints = parsed
    page = fields.get("html")
    content = (page if page else fields["text"]).encode("utf-8")
    return raw_from_local(
        source,
        fields.get("url") or f"{path}#{number}",
        content,
        "text/html" if page else "text/plain",
        "utf-8",
        hints,
        read_at,
    )


def _file_errors() -> tuple[type[BaseException], ...]:
    """What pyarrow raises on a damaged or unexpected file: its own exception tree (ArrowInvalid
    is a ValueError, but ArrowNotImplementedError for an unsupported encoding is not), plus
    OSError and EOFError from the file itself."""
    import pyarrow as pa

    return (pa.ArrowException, OSError, EOFError, ValueError)


#: What converting one row to Python raises when a value has no Python equivalent: a timestamp
#: or date outside years 1-9999 (found by tests/fuzz), a decimal past Python's context.
ROW_ERRORS = (OverflowError, ValueError, ArithmeticError)


def _rows(batch: Any) -> list[dict[str, Any] | str]:
    """The rows of a record batch as dicts; a row Python cannot hold is the reason instead, so
    one bad row is one rejection and the rows beside it are still read."""
    try:
        rows: list[dict[str, Any] | str] = batch.to_pylist()
        return rows
    except ROW_ERRORS:
        pass
    rows = []
    for index in range(batch.num_rows):
        try:
            rows.append(batch.slice(index, 1).to_pylist()[0])
        except ROW_ERRORS as exc:
            rows.append(f"a value has no Python equivalent: {type(exc).__name__}: {exc}")
    return rows


def read_parquet(
    source: Source,
    fetcher: Fetcher | None,
    memory: FetchMemory,
    settings: FetchSettings,
) -> Iterator[RawItem | Unchanged | Rejection]:
    """One item per row of the Parquet file(s) named by source.location (a reader, like
    `newsdesk.ingest.jsonl.read_jsonl`)."""
    import pyarrow.parquet as pq

    try:
        path = Path(source.location).expanduser()
        exists = path.exists()
    except RuntimeError as exc:  # "~nosuchuser/corpus.parquet": no such home folder
        yield reject(source, source.location, reasons.NOT_FOUND, str(exc))
        return
    except (OSError, ValueError) as exc:  # a name too long for the OS, a NUL byte
        yield reject(source, source.location, reasons.READ_ERROR, str(exc))
        return
    if not exists:
        yield reject(source, source.location, reasons.NOT_FOUND, "no such file or folder")
        return
    read_at = datetime.now(UTC)
    file_errors = _file_errors()
    try:
        files = parquet_files(path)
    except OSError as exc:  # a folder that cannot be listed
        yield reject(source, str(path), reasons.READ_ERROR, f"cannot list: {exc}")
        return
    for file in files:
        try:
            handle = pq.ParquetFile(file)
            present = [c for c in COLUMNS if c in handle.schema_arrow.names]
            number = 0
            for batch in handle.iter_batches(batch_size=BATCH_ROWS, columns=present):
                for row in _rows(batch):
                    number += 1
                    if isinstance(row, str):
                        yield reject(source, f"{file}:{number}", reasons.BAD_FIELD, row)
                        continue
                    item = row_item(row, str(file), number, source, read_at)
                    yield item if isinstance(item, Rejection) else unless_known(item, memory)
        except file_errors as exc:
            yield reject(source, str(file), reasons.READ_ERROR, f"stopped reading: {exc}")
