"""Tell text from binary: by media type, by file signature, and by NUL bytes.

Used by the fetcher (before and after reading a body), by the local readers and by the
extraction, so that an image, a PDF or an archive is rejected as ``binary_content`` instead of
reaching extraction, while UTF-16 text (NUL bytes and all, with or without a byte-order mark) is
still text.
"""

from __future__ import annotations

import codecs
from email.message import Message

#: How many leading bytes are inspected for NUL bytes and signatures. Text formats never contain
#: NUL (except UTF-16/32, recognised by their BOM); binary formats have one within the first
#: kilobytes in practice (headers, length fields).
SNIFF_BYTES = 4096

TEXT_MEDIA_TYPES = frozenset(
    {
        "application/xhtml+xml",
        "application/xml",
        "application/json",
        "application/feed+json",
        "application/x-ndjson",
        "application/javascript",
        "application/ecmascript",
    }
)
#: Media types that say nothing: decide from the bytes.
UNINFORMATIVE_MEDIA_TYPES = frozenset({"", "application/octet-stream", "binary/octet-stream"})

_SIGNATURES = (
    (b"%PDF-", "PDF"),
    (b"\x89PNG\r\n\x1a\n", "PNG image"),
    (b"GIF87a", "GIF image"),
    (b"GIF89a", "GIF image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"RIFF", "RIFF (WebP/WAV/AVI)"),
    (b"PK\x03\x04", "ZIP archive (or DOCX/EPUB)"),
    (b"\x1f\x8b", "gzip data"),
    (b"\xfd7zXZ\x00", "xz data"),
    (b"7z\xbc\xaf\x27\x1c", "7z archive"),
    (b"\x7fELF", "ELF executable"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "OLE document (DOC/XLS)"),
    (b"\x00\x00\x00\x18ftyp", "MP4 video"),
    (b"\x00\x00\x00\x20ftyp", "MP4 video"),
    (b"OggS", "Ogg media"),
    (b"wOFF", "WOFF font"),
    (b"wOF2", "WOFF2 font"),
)
_UNICODE_BOMS = (b"\xff\xfe", b"\xfe\xff", b"\x00\x00\xfe\xff")

#: UTF-16 without a byte-order mark is recognised by where its NUL bytes fall: every ASCII
#: character (markup, spaces, digits, punctuation) has a NUL high byte, so in little-endian text
#: the bytes at odd offsets are NUL and those at even offsets almost never are (big-endian: the
#: reverse). A French or English page has 60-100 % of one side NUL, a Russian one 15-25 %
#: (spaces and punctuation), a binary file NULs on both sides. A side counts as NUL-heavy from
#: this share of its bytes...
UTF16_NUL_SHARE = 0.1
#: ...when the other side has at most this share (CJK characters such as U+4E00 have a NUL low
#: byte, so it cannot be zero).
UTF16_STRAY_NUL_SHARE = 0.02
#: Text decoded from such bytes has no control characters other than whitespace; a binary file
#: read as UTF-16 is full of them. Same tolerance as the extraction's binary check (1 %).
UTF16_MAX_CONTROL_SHARE = 0.01
#: Fewer bytes than this say nothing about byte order.
UTF16_MIN_BYTES = 16


def parse_content_type(value: str | None) -> tuple[str, str | None]:
    """("text/html", "utf-8") from 'text/html; charset="UTF-8"'; ("", None) when absent."""
    if not value:
        return "", None
    msg = Message()
    msg["content-type"] = value
    media_type = msg.get_content_type() if "/" in value.split(";", 1)[0] else ""
    charset = msg.get_param("charset")
    if isinstance(charset, tuple):  # RFC 2231 form
        charset = charset[2]
    return media_type.lower(), (str(charset).strip() or None) if charset else None


def is_text_media_type(media_type: str) -> bool:
    return (
        media_type.startswith("text/")
        or media_type in TEXT_MEDIA_TYPES
        or media_type.endswith(("+xml", "+json"))
    )


def utf16_byte_order(head: bytes) -> str | None:
    """ "utf-16-le" or "utf-16-be" when these leading bytes are UTF-16 text without a byte-order
    mark (judged by the pattern of their NUL bytes, then by decoding them), else None."""
    sample = head[:SNIFF_BYTES]
    sample = sample[: len(sample) // 2 * 2]
    if len(sample) < UTF16_MIN_BYTES or b"\x00" not in sample:
        return None
    pairs = len(sample) // 2
    even, odd = sample[0::2].count(0) / pairs, sample[1::2].count(0) / pairs
    if odd >= UTF16_NUL_SHARE and even <= UTF16_STRAY_NUL_SHARE:
        codec = "utf-16-le"
    elif even >= UTF16_NUL_SHARE and odd <= UTF16_STRAY_NUL_SHARE:
        codec = "utf-16-be"
    else:
        return None
    try:  # not final: the sample may end inside a surrogate pair
        text = codecs.getincrementaldecoder(codec)().decode(sample, final=False)
    except UnicodeDecodeError:
        return None
    controls = sum(1 for c in text if ord(c) < 32 and c not in "\t\n\r\f")
    return codec if text and controls / len(text) <= UTF16_MAX_CONTROL_SHARE else None


def binary_reason(head: bytes) -> str | None:
    """Why these leading bytes are binary (a signature or NUL bytes), or None for text."""
    for signature, name in _SIGNATURES:
        if head.startswith(signature):
            return f"starts like {name}"
    if head.startswith(_UNICODE_BOMS) or utf16_byte_order(head):
        return None
    if b"\x00" in head[:SNIFF_BYTES]:
        return "contains NUL bytes"
    return None
