"""The audit's tables as Parquet files and one SQLite file, for drill-down elsewhere.

Investigators open a large audit in DuckDB, pandas or Datasette rather than in a browser. The
JSONL outputs stay the reference (schema in docs/audit.md); this module converts each of them,
once written, into `<name>.parquet` (`--format parquet`) and into one table of `audit.sqlite`
(`--format sqlite`), which Datasette opens as it is (`datasette audit.sqlite`).

Columns are the JSONL fields. Scalars keep their type (a field that is only ever null is text);
a list of strings (a story's members, its languages) is a Parquet list and SQLite JSON text;
deeper structures (a link's evidence, a site's signals) are JSON text in both, which DuckDB
(`json_extract`), SQLite (`json_extract`) and Datasette read. Files are read twice (types, then
rows) and written in batches, so memory does not grow with the corpus.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

#: JSONL outputs converted, in this order (those an audit did not write are skipped).
TABLES = ("documents", "findings", "links", "stories", "rejections", "sites")
#: Columns indexed in SQLite (when the table has them): what one filters a drill-down by.
INDEXED = ("document", "class", "source", "target", "type", "site", "reason", "language")
BATCH = 5_000
SQLITE_NAME = "audit.sqlite"

_SCALAR = {bool: "bool", int: "int", float: "float", str: "str"}


def _records(path: Path) -> Iterator[dict[str, Any]]:
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            if line.strip():
                yield json.loads(line)


def _kind(value: object) -> str:
    if value is None:
        return "null"
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return "strings"
    if isinstance(value, list | dict):
        return "json"
    return _SCALAR.get(type(value), "json")


def column_kinds(path: Path) -> dict[str, str]:
    """Each field's column kind over the whole file: bool, int, float, str, strings, json."""
    seen: dict[str, set[str]] = {}
    for record in _records(path):
        for key, value in record.items():
            seen.setdefault(key, set()).add(_kind(value))
    kinds = {}
    for key, found in seen.items():
        found.discard("null")
        if not found:
            kinds[key] = "str"
        elif len(found) == 1:
            kinds[key] = found.pop()
        elif found <= {"int", "float"}:
            kinds[key] = "float"
        elif found <= {"strings", "json"}:
            kinds[key] = "json"
        else:
            kinds[key] = "json"  # mixed: keep every value, as JSON text
    return kinds


def _cell(value: object, kind: str, for_sqlite: bool) -> object:
    if value is None:
        return None
    if kind == "json" or (kind == "strings" and for_sqlite):
        return json.dumps(value, ensure_ascii=False)
    if kind == "float":
        return float(value)  # type: ignore[arg-type]
    if kind == "str" and not isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    return value


def _batches(
    path: Path, kinds: dict[str, str], for_sqlite: bool
) -> Iterator[list[dict[str, object]]]:
    batch: list[dict[str, object]] = []
    for record in _records(path):
        batch.append({key: _cell(record.get(key), kind, for_sqlite) for key, kind in kinds.items()})
        if len(batch) >= BATCH:
            yield batch
            batch = []
    if batch:
        yield batch


def write_parquet(path: Path, target: Path) -> int:
    """`path` (JSONL) as a Parquet file at `target`; the number of rows."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    kinds = column_kinds(path)
    types = {
        "bool": pa.bool_(),
        "int": pa.int64(),
        "float": pa.float64(),
        "str": pa.string(),
        "strings": pa.list_(pa.string()),
        "json": pa.string(),
    }
    schema = pa.schema([(key, types[kind]) for key, kind in kinds.items()])
    tmp = target.with_name(f".{target.name}.partial")
    rows = 0
    with pq.ParquetWriter(tmp, schema, compression="zstd") as writer:
        for batch in _batches(path, kinds, for_sqlite=False):
            writer.write_table(pa.Table.from_pylist(batch, schema=schema))
            rows += len(batch)
    tmp.replace(target)
    return rows


def _quoted(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def write_sqlite_table(db: sqlite3.Connection, name: str, path: Path) -> int:
    """`path` (JSONL) as table `name` of `db` (replaced if present); the number of rows."""
    kinds = column_kinds(path)
    types = {"bool": "INTEGER", "int": "INTEGER", "float": "REAL"}
    columns = ", ".join(f"{_quoted(k)} {types.get(kind, 'TEXT')}" for k, kind in kinds.items())
    db.execute(f"DROP TABLE IF EXISTS {_quoted(name)}")
    db.execute(f"CREATE TABLE {_quoted(name)} ({columns or 'empty TEXT'})")
    if not kinds:
        return 0
    marks = ", ".join("?" for _ in kinds)
    insert = f"INSERT INTO {_quoted(name)} VALUES ({marks})"
    rows = 0
    for batch in _batches(path, kinds, for_sqlite=True):
        db.executemany(insert, [tuple(row.values()) for row in batch])
        rows += len(batch)
    for column in INDEXED:
        if column in kinds:
            db.execute(
                f"CREATE INDEX {_quoted(f'ix_{name}_{column}')} "
                f"ON {_quoted(name)} ({_quoted(column)})"
            )
    return rows


def write_tables(out: Path, formats: tuple[str, ...] | list[str]) -> dict[str, int]:
    """Convert the JSONL outputs in `out` as `formats` asks (parquet, sqlite); rows per table."""
    present = [(name, out / f"{name}.jsonl") for name in TABLES]
    present = [(name, path) for name, path in present if path.is_file()]
    counts: dict[str, int] = {}
    if "parquet" in formats:
        for name, path in present:
            counts[name] = write_parquet(path, out / f"{name}.parquet")
    if "sqlite" in formats:
        target = out / SQLITE_NAME
        tmp = target.with_name(f".{target.name}.partial")
        tmp.unlink(missing_ok=True)
        db = sqlite3.connect(tmp)
        try:
            with db:
                for name, path in present:
                    counts[name] = write_sqlite_table(db, name, path)
        finally:
            db.close()
        tmp.replace(target)
    return counts
