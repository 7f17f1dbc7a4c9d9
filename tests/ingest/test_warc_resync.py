"""Resynchronising after damage in a WARC file costs reading proportional to the damage.

warcio reads header lines up to a blank line: handed a stretch of "WARC/1.0" lines with no
blank line, it read the rest of the file at every one of them (found by benchmarks/fuzz.py:
124 kB took 33 s). Each candidate record start is now checked for a whole header block first.
The cost is measured in bytes read, not in seconds.
"""

from __future__ import annotations

import gzip
import io
from pathlib import Path

import pytest

from newsdesk.ingest.warc import GZIP_MAGIC, WARC_LINE, _find

from .test_warc_opml import GOOD, read, write_warc


class CountingFile(io.BytesIO):
    def __init__(self, data: bytes) -> None:
        super().__init__(data)
        self.bytes_read = 0

    def read(self, size: int | None = -1) -> bytes:
        out = super().read(size)
        self.bytes_read += len(out)
        return out


def damaged_stretch(lines: int) -> bytes:
    return b"WARC/1.0\r\nWARC-Type: resource\r\n" * lines


@pytest.mark.parametrize("lines", [1_000, 4_000, 16_000])
def test_a_stretch_of_version_lines_is_crossed_in_linear_reading(lines: int) -> None:
    good = b"\nWARC/1.0\r\nWARC-Type: warcinfo\r\nContent-Length: 0\r\n\r\n\r\n\r\n"
    data = b"junk\n" + damaged_stretch(lines) + good
    stream = CountingFile(data)
    found = _find(stream, WARC_LINE, 1)
    # The last damaged line pair is a whole (if useless) header block; none before it is.
    last_pair = len(data) - len(good) - len(damaged_stretch(1))
    assert found == last_pair
    assert stream.bytes_read <= 20 * len(data)


def test_gzip_magic_bytes_that_start_no_record_are_passed_over() -> None:
    member = gzip.compress(b"WARC/1.0\r\nWARC-Type: warcinfo\r\nContent-Length: 0\r\n\r\n\r\n\r\n")
    data = (GZIP_MAGIC + b"\x00garbage") * 3_000 + member
    stream = CountingFile(data)
    assert _find(stream, GZIP_MAGIC, 1) == len(data) - len(member)
    assert stream.bytes_read <= 60 * len(data)


@pytest.mark.parametrize("compressed", [False, True])
def test_records_after_a_damaged_stretch_are_still_read(tmp_path: Path, compressed: bool) -> None:
    page = ("response", "https://exemple.fr/apres", "text/html", GOOD.encode("utf-8"))
    intact = write_warc(tmp_path / "one.warc", compressed, [page])
    path = tmp_path / "damaged.warc"
    # A stretch of header lines cut off by a blank line (a truncated, mangled record).
    path.write_bytes(intact + damaged_stretch(3_000) + b"\r\n" + intact)
    items = read(path)
    urls = [getattr(i, "url", None) for i in items]
    assert urls.count("https://exemple.fr/apres") == 2
    assert [getattr(i, "reason", None) for i in items].count("corrupt_record") == 1
