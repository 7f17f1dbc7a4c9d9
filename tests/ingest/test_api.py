"""The public surface of ingest: dispatch on every source kind, and the reason-code table."""

from __future__ import annotations

import re
from pathlib import Path

from newsdesk.ingest import READERS, FetchMemory, InMemoryFetchMemory, reasons
from newsdesk.types import SourceKind

SRC = Path(__file__).resolve().parents[2] / "src" / "newsdesk" / "ingest"


def test_every_source_kind_has_a_reader() -> None:
    assert set(READERS) == set(SourceKind)


def test_in_memory_memory_is_a_fetch_memory() -> None:
    memory = InMemoryFetchMemory()
    assert isinstance(memory, FetchMemory)
    assert memory.validators("u") == (None, None)
    memory.remember("u", '"e"', None)
    assert memory.validators("u") == ('"e"', None)
    assert not memory.known("id")
    memory.mark_known("id")
    assert memory.known("id")


def test_every_reason_code_is_documented() -> None:
    codes = {
        value
        for name, value in vars(reasons).items()
        if name.isupper() and isinstance(value, str) and name != "STAGE"
    }
    assert codes <= set(reasons.REASONS)
    # And no module invents a code outside the table: every `reasons.X` used exists.
    used = set()
    for path in SRC.glob("*.py"):
        used |= set(re.findall(r"reasons\.([A-Z_]+)\b", path.read_text(encoding="utf-8")))
    assert used - {"REASONS", "STAGE"} <= {n for n in vars(reasons) if n.isupper()}
    assert reasons.http_reason(503) == "http_503"
