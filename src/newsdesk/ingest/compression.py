"""Compressed inputs: `page.html.gz`, `corpus.jsonl.zst`, … read as what they contain.

Crawls and datasets are rarely stored uncompressed (the extraction benchmark's pages are
`.html.gz`; datatrove and most corpus tools write `.jsonl.gz`, The Pile and Dolma `.zst`), so a
compressed file is read as the file its name has under the compression suffix. Decompression
is streamed and stops one byte past the size cap: a small archive that expands to gigabytes (a
"zip bomb") is refused as too large without ever being held in memory, and a damaged archive is
a `CorruptArchive` naming the codec, never a crash.

gzip, bzip2 and xz come with Python; Zstandard comes from the `zstandard` package.
"""

from __future__ import annotations

import bz2
import gzip
import io
import lzma
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import IO, Any

#: suffix -> codec name, for every compression newsdesk reads.
CODECS: dict[str, str] = {".gz": "gzip", ".bz2": "bzip2", ".xz": "xz", ".zst": "zstd"}
_READ_CHUNK = 1 << 16


class CorruptArchive(ValueError):
    """A compressed file that does not decompress (truncated, damaged or mislabelled)."""


class TooLargeDecompressed(ValueError):
    """A compressed file that expands beyond the size cap."""


def codec_of(name: str) -> str | None:
    """The codec a file name announces ('gzip' for 'a.html.gz'), or None if uncompressed."""
    return CODECS.get(Path(name).suffix.lower())


def inner_name(name: str) -> str:
    """The name without its compression suffix: 'a.html.gz' -> 'a.html'."""
    path = Path(name)
    return name[: -len(path.suffix)] if path.suffix.lower() in CODECS else name


def _opener(codec: str) -> Callable[[IO[bytes]], IO[bytes]]:
    if codec == "gzip":
        return lambda raw: gzip.GzipFile(fileobj=raw, mode="rb")  # type: ignore[return-value]
    if codec == "bzip2":
        return lambda raw: bz2.BZ2File(raw, "rb")
    if codec == "xz":
        return lambda raw: lzma.LZMAFile(raw, "rb")
    if codec == "zstd":
        return lambda raw: io.BufferedReader(_ZstdFrames(raw), _READ_CHUNK)
    raise ValueError(f"unknown codec {codec!r}")


class _ZstdFrames(io.RawIOBase):
    """Every frame of a zstd stream, in order, and EOFError if the last one is cut short.

    zstandard's own stream_reader neither reads lines nor reports a truncated file (it returns
    what it could decode), and corpus dumps are often several frames back to back.
    """

    def __init__(self, raw: IO[bytes]) -> None:
        import zstandard

        self._raw = raw
        self._new = zstandard.ZstdDecompressor().decompressobj
        self._frame = self._new()
        self._in_frame = False  # bytes of an unfinished frame have been fed
        self._pending = b""

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        while not self._pending:
            data = self._raw.read(_READ_CHUNK)
            if not data:
                if self._in_frame:
                    raise EOFError("zstd stream ends inside a frame (truncated file)")
                return 0
            self._pending = self._feed(data)
        size = min(len(buffer), len(self._pending))
        buffer[:size] = self._pending[:size]
        self._pending = self._pending[size:]
        return size

    def _feed(self, data: bytes) -> bytes:
        out = bytearray()
        while data:
            out += self._frame.decompress(data)
            self._in_frame = not self._frame.eof
            if not self._frame.eof:
                break
            data = self._frame.unused_data
            self._frame = self._new()
        return bytes(out)

    def close(self) -> None:
        try:
            self._raw.close()
        finally:
            super().close()


#: what each codec's reader raises on damaged input
DECOMPRESSION_ERRORS: tuple[type[BaseException], ...] = (
    OSError,
    EOFError,
    zlib.error,
    lzma.LZMAError,
)


def _zstd_error() -> tuple[type[BaseException], ...]:
    try:
        import zstandard
    except ImportError:  # pragma: no cover - a declared dependency
        return ()
    return (zstandard.ZstdError,)


def open_decompressed(path: Path) -> IO[bytes]:
    """A binary stream of the file's content, decompressed when its name says so."""
    codec = codec_of(path.name)
    if codec is None:
        return path.open("rb")
    if codec == "gzip":  # opened by path: closing the reader closes the file too
        return gzip.open(path, "rb")  # type: ignore[return-value]
    if codec == "bzip2":
        return bz2.open(path, "rb")
    if codec == "xz":
        return lzma.open(path, "rb")
    return _opener(codec)(path.open("rb"))  # closing the zstd reader closes the file


def read_errors() -> tuple[type[BaseException], ...]:
    """Exceptions a stream from `open_decompressed` may raise on a damaged file."""
    return DECOMPRESSION_ERRORS + _zstd_error()


def decompress(content: bytes, codec: str, max_bytes: int) -> bytes:
    """The decompressed bytes, or TooLargeDecompressed past `max_bytes`, or CorruptArchive."""
    out = bytearray()
    try:
        with _opener(codec)(io.BytesIO(content)) as stream:
            while chunk := stream.read(_READ_CHUNK):
                out += chunk
                if len(out) > max_bytes:
                    raise TooLargeDecompressed(
                        f"expands beyond fetch.max_bytes {max_bytes} ({codec})"
                    )
    except TooLargeDecompressed:
        raise
    except read_errors() as exc:
        raise CorruptArchive(f"not valid {codec} data: {exc}") from exc
    return bytes(out)
