"""Tell text from binary: by media type, by file signature, and by NUL bytes.

Used by the fetcher (before and after reading a body) and by the local readers, so that an image,
a PDF or an archive is rejected as ``binary_content`` instead of reaching extraction.
"""

from __future__ import annotations

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


def binary_reason(head: bytes) -> str | None:
    """Why these leading bytes are binary (a signature or NUL bytes), or None for text."""
    for signature, name in _SIGNATURES:
        if head.startswith(signature):
            return f"starts like {name}"
    if head.startswith(_UNICODE_BOMS):
        return None
    if b"\x00" in head[:SNIFF_BYTES]:
        return "contains NUL bytes"
    return None
