"""Choose the character encoding of a fetched or read document, for pages that lie about it.

The bytes are always kept as received; this module only names the codec to decode them with
(``content.decode(encoding, errors="replace")``). Order of evidence, strongest first:

1. a byte-order mark, or the NUL bytes of UTF-16 without one (`sniff.utf16_byte_order`);
2. the declared charsets, HTTP header first, then ``<meta charset>`` / ``<?xml encoding?>`` —
   each accepted only if it decodes the bytes strictly and is plausible: a single-byte charset
   declared for bytes that are valid UTF-8 with multi-byte sequences is a lie (the classic
   "ISO-8859-1 header on a UTF-8 page"), because real Latin-1 text almost never forms valid UTF-8
   (also when a few stray bytes make the UTF-8 invalid: see `mostly_utf8`);
3. UTF-8, when the bytes are (mostly) valid UTF-8: decoded with replacement of the stray bytes,
   never as a single-byte charset, which would turn every accent into mojibake ("Ã©");
4. charset-normalizer's detection, with a tie-break among its near-equal candidates (see
   `_pick_detected`), because on HTML pages it often ranks cp1250 first for French text.

Returns ``None`` when nothing decodes the bytes: the caller rejects with ``decode_error``.
"""

from __future__ import annotations

import codecs
import re
import unicodedata

from newsdesk.ingest.sniff import utf16_byte_order

#: How far into a document we look for <meta charset> or an XML declaration. The HTML standard
#: pre-scans 1024 bytes; real pages often put the meta after long <script>/<link> blocks, so we
#: look further (8 KiB covered every page of the trafilatura multilingual set that declares one).
PRESCAN_BYTES = 8192

#: A document is taken as UTF-8 with a few stray bytes when its valid multi-byte sequences
#: are at least this many times its invalid bytes. Measured on the 161 pages of
#: ../shared/bench-data/extraction-trafilatura-multilingual re-encoded in their legacy charset
#: (cp1252/cp1250/cp1251): 41 of them contain valid multi-byte sequences by chance, but never
#: more than 0.048 per invalid byte (1 in 21); 2 leaves a 40-fold margin while a UTF-8 page
#: with a few pasted cp1252 quotes or a cut byte stays UTF-8. Tested by
#: tests/ingest/test_mixed_encodings.py.
UTF8_MAJORITY = 2

#: Candidates of charset-normalizer within these margins of its best match are near-ties. Chosen
#: on ../shared/bench-data/extraction-trafilatura-multilingual: 161 real pages with non-ASCII text
#: re-encoded in their legacy charset (cp1252 for Western languages, cp1250 for Polish and
#: Hungarian, cp1251 for Russian); plain charset-normalizer decoded 43% of them correctly,
#: with this tie-break 95% (153/161). Checked by tests/ingest/test_charset_bench.py.
NEAR_TIE_CHAOS = 0.02
NEAR_TIE_COHERENCE = 0.1

#: Order of preference among near-ties: the most common encodings on the web first.
PREFERRED = ("utf-8", "cp1252", "cp1250", "cp1251", "iso8859-15", "iso8859-2")

#: WHATWG: browsers decode these labels as windows-1252, and so do servers' real pages.
_WHATWG_ALIASES = {"iso8859-1": "cp1252", "ascii": "cp1252", "latin-1": "cp1252"}

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)""", re.I)
_XML_DECL = re.compile(rb"""^\s*<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9._:-]+)["']""", re.I)
_UTF8_MULTIBYTE = re.compile(rb"[\xc2-\xf4][\x80-\xbf]+")


def normalize(label: str | None) -> str | None:
    """The Python codec name for a charset label, or None if Python does not know it."""
    if not label:
        return None
    try:
        name = codecs.lookup(label.strip().strip("\"'")).name
    except (LookupError, ValueError):
        return None
    return _WHATWG_ALIASES.get(name, name)


def bom_encoding(content: bytes) -> str | None:
    for bom, name in _BOMS:
        if content.startswith(bom):
            return name
    return None


def declared_in_document(content: bytes) -> str | None:
    """The charset named by an XML declaration or a <meta> tag near the start, if any."""
    head = content[:PRESCAN_BYTES]
    match = _XML_DECL.match(head) or _META_CHARSET.search(head)
    return match.group(1).decode("ascii") if match else None


def _strictly_decodes(content: bytes, name: str) -> bool:
    try:
        content.decode(name)
    except (UnicodeDecodeError, LookupError):
        return False
    return True


def mostly_utf8(content: bytes) -> bool:
    """Valid UTF-8, or UTF-8 with a few stray bytes (a cp1252 quote pasted into a UTF-8 page, a
    multi-byte character cut in two): valid multi-byte sequences at least UTF8_MAJORITY times
    the invalid bytes. Such bytes are decoded as UTF-8 with the stray bytes replaced."""
    if _strictly_decodes(content, "utf-8"):
        return True
    valid = len(_UTF8_MULTIBYTE.findall(content))
    invalid = invalid_utf8_bytes(content)
    return valid >= UTF8_MAJORITY * invalid


def invalid_utf8_bytes(content: bytes) -> int:
    """How many bytes (or truncated sequences) UTF-8 decoding replaces."""
    return content.decode("utf-8", errors="replace").count("\ufffd") - content.decode(
        "utf-8", errors="ignore"
    ).count("\ufffd")


def _plausible(content: bytes, name: str) -> bool:
    if not _strictly_decodes(content, name):
        return False
    if name.startswith(("utf-16", "utf-32")):
        # Without NUL bytes it is not UTF-16/32 (a common mislabel: the HTML standard also
        # reads <meta charset=utf-16> as UTF-8).
        return b"\x00" in content
    if name.startswith("utf-8") or content.isascii():
        return True
    # A single-byte charset declared on bytes that are (mostly) UTF-8 with multi-byte sequences.
    return not (_UTF8_MULTIBYTE.search(content) and mostly_utf8(content))


_BETWEEN_LETTERS = re.compile(r"(?<=[^\W\d_])[^\x00-\x7f](?=[^\W\d_])")


def _odd_characters(text: str) -> int:
    """Symbols, digits or controls wedged between two letters: "W³odzimierz" for "Włodzimierz"."""
    return sum(
        1
        for match in _BETWEEN_LETTERS.finditer(text)
        if unicodedata.category(c := match.group())[0] in "SNC" or c in "¿¡§¶"
    )


def _pick_detected(content: bytes) -> str | None:
    """charset-normalizer's guess, breaking near-ties by odd characters, then by web frequency."""
    import charset_normalizer

    matches = list(charset_normalizer.from_bytes(content))
    if not matches:
        return None
    best = matches[0]
    close = [
        m
        for m in matches
        if m.chaos <= best.chaos + NEAR_TIE_CHAOS
        and m.coherence >= best.coherence - NEAR_TIE_COHERENCE
    ]

    def rank(match: object) -> tuple[int, int]:
        name = normalize(match.encoding) or match.encoding  # type: ignore[attr-defined]
        text = content.decode(name, errors="replace")
        preference = PREFERRED.index(name) if name in PREFERRED else len(PREFERRED)
        return _odd_characters(text), preference

    chosen = min(close, key=rank)
    return normalize(chosen.encoding) or chosen.encoding


def detect_encoding(content: bytes, declared: str | None = None) -> str | None:
    """The codec to decode `content` with, given the charset the transport declared (if any)."""
    bom = bom_encoding(content) or utf16_byte_order(content)
    if bom:
        return bom
    for label in (declared, declared_in_document(content)):
        name = normalize(label)
        if name and _plausible(content, name):
            return name
    if mostly_utf8(content):
        return "utf-8"
    return _pick_detected(content)


def decode(content: bytes, encoding: str | None) -> str:
    """Decode with the chosen codec (detecting it when None), replacing any stray bytes."""
    name = encoding or detect_encoding(content) or "utf-8"
    return content.decode(name, errors="replace")
