"""Decide what kind of document raw bytes are, and decode text, or say why not.

Media types lie (servers send HTML as text/plain, files have no type), so the declared type is
checked against the bytes: binary signatures and NUL bytes are refused before any decoding
(except the NUL bytes of UTF-16 text, with or without a byte-order mark), and an HTML-looking
body is read as HTML whatever its label. UTF-8 with a few invalid bytes is decoded as UTF-8 with
those bytes replaced (and logged), never as a single-byte charset: that would turn every accent
of the text into mojibake ("prÃ©fet").
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass
from enum import StrEnum

from newsdesk.ingest.charset import invalid_utf8_bytes, mostly_utf8
from newsdesk.ingest.sniff import utf16_byte_order
from newsdesk.log import get_logger

log = get_logger(__name__)


class Kind(StrEnum):
    HTML = "html"
    TEXT = "text"
    MARKDOWN = "markdown"


@dataclass(frozen=True)
class Undecodable:
    """Why bytes could not become text: a stable reason code and one line of detail."""

    reason: str  # "binary_content" | "decode_error" | "unsupported_media_type"
    detail: str


HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
TEXT_TYPES = frozenset({"text/plain", ""})
MARKDOWN_TYPES = frozenset({"text/markdown", "text/x-markdown"})
# Types we sniff: generic labels that may hide HTML or text.
SNIFF_TYPES = frozenset(
    {
        "application/octet-stream",
        "binary/octet-stream",
        "application/xml",
        "text/xml",
        "application/unknown",
    }
)

# Signatures of common binary formats that reach a news pipeline (PDF, images, archives, media).
BINARY_SIGNATURES: tuple[bytes, ...] = (
    b"%PDF-",
    b"\x89PNG",
    b"\xff\xd8\xff",
    b"GIF8",
    b"PK\x03\x04",
    b"\x1f\x8b",
    b"BZh",
    b"\xfd7zXZ",
    b"7z\xbc\xaf",
    b"Rar!",
    b"RIFF",
    b"OggS",
    b"fLaC",
    b"ID3",
    b"\x00\x00\x01\x00",
    b"\xd0\xcf\x11\xe0",
    b"wOFF",
    b"wOF2",
    b"\x7fELF",
    b"MZ",
)
# Share of control characters (other than tab/newline/CR/FF) above which text is binary. Real
# text has none; 1 % tolerates a stray control byte in a scraped page.
MAX_CONTROL_SHARE = 0.01
SNIFF_BYTES = 4096

_HTML_SNIFF = re.compile(
    rb"^\s*(?:<!doctype\s+html|<html|<head|<body|<\?xml[^>]*>\s*<(?:!doctype\s+)?html)",
    re.IGNORECASE,
)
_CHARSET_META = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)""", re.IGNORECASE)


def media_type_of(label: str) -> str:
    return label.split(";", 1)[0].strip().lower()


def looks_binary(data: bytes) -> bool:
    if data.startswith(BINARY_SIGNATURES):
        return True
    head = data[:SNIFF_BYTES]
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) or utf16_byte_order(head):
        return False  # UTF-16 text is full of NUL bytes; decoding will judge it
    if b"\x00" in head:
        return True
    controls = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13))
    return bool(head) and controls / len(head) > MAX_CONTROL_SHARE


def kind_of(media_type: str, data: bytes, url: str = "") -> Kind | Undecodable:
    """The kind of document, from the declared media type checked against the bytes."""
    mt = media_type_of(media_type)
    if looks_binary(data):
        return Undecodable("binary_content", f"binary bytes (declared {mt or 'no type'})")
    head = data[:SNIFF_BYTES]
    utf16 = utf16_byte_order(head)
    if utf16:  # sniff the markup of UTF-16 text as the ASCII it spells
        head = head.decode(utf16, errors="ignore").encode("ascii", errors="replace")
    html_like = bool(_HTML_SNIFF.match(head))
    if mt in HTML_TYPES or html_like:
        return Kind.HTML
    if mt in MARKDOWN_TYPES or (mt in TEXT_TYPES and url.lower().endswith((".md", ".markdown"))):
        return Kind.MARKDOWN
    if mt in TEXT_TYPES or mt in SNIFF_TYPES:
        return Kind.TEXT
    return Undecodable("unsupported_media_type", f"cannot extract an article from {mt!r}")


def decode_text(data: bytes, declared: str | None = None, *, item: str = "") -> str | Undecodable:
    """Decode bytes: BOM or UTF-16 byte order, then UTF-8 if the bytes are (mostly) valid UTF-8,
    then the declared charset, then a <meta charset>, then charset detection. A declared
    charset that fails is not trusted (pages lie about it). `item` names the document in the
    log line that records replaced bytes."""
    utf16 = utf16_byte_order(data[:SNIFF_BYTES])
    for bom, enc in (
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
        (b"", utf16),
    ):
        if enc and data.startswith(bom):
            try:
                return data.decode(enc)
            except UnicodeDecodeError as exc:
                return Undecodable("decode_error", f"invalid {enc}: {exc.reason}")
    # Valid UTF-8 with non-ASCII bytes is almost never another encoding: trust it over a label.
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    if mostly_utf8(data):
        replaced = invalid_utf8_bytes(data)
        log.info("decode_bytes_replaced", item=item, encoding="utf-8", replaced=replaced)
        return data.decode("utf-8", errors="replace")
    candidates: list[str] = []
    if declared:
        candidates.append(declared)
    meta = _CHARSET_META.search(data[:SNIFF_BYTES])
    if meta:
        candidates.append(meta.group(1).decode("ascii", "replace"))
    for enc in candidates:
        try:
            codecs.lookup(enc)
        except LookupError:
            continue
        try:
            return data.decode(enc)
        except UnicodeDecodeError:
            continue
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        return Undecodable("decode_error", "no character encoding decodes these bytes")
    return str(best)
