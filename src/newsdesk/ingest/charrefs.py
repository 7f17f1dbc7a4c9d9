"""Numeric character references that name no character, replaced before a parser reads them.

``&#xD800;`` (a surrogate), ``&#x110000;`` (past Unicode) and ``&#99999999999;`` occur in
damaged and hostile feeds, sitemaps and OPML files. feedparser calls ``chr()`` on them and
raises; lxml in recover mode keeps them as bytes that are not UTF-8 and raises
UnicodeDecodeError later, when the text is read. Both stopped a whole run (found by
tests/fuzz). Each becomes U+FFFD REPLACEMENT CHARACTER, so the document is read and only that
character is lost.
"""

from __future__ import annotations

import re

#: A numeric reference as lenient parsers read it (feedparser's loose parser needs no ";").
_CHARREF = re.compile(rb"&#(?:[xX]([0-9a-fA-F]+)|([0-9]+));?")
#: What an impossible reference becomes.
REPLACEMENT_REF = b"&#xFFFD;"
#: Digits past this many cannot name a code point (U+10FFFF is 1114111: seven digits).
_MAX_DIGITS = 8


def _repaired(match: re.Match[bytes]) -> bytes:
    hexa, decimal = match.group(1), match.group(2)
    digits = (hexa or decimal).lstrip(b"0")
    if len(digits) > _MAX_DIGITS:
        return REPLACEMENT_REF
    code = int(hexa, 16) if hexa else int(decimal)
    if code > 0x10FFFF or 0xD800 <= code <= 0xDFFF:
        return REPLACEMENT_REF
    return match.group(0)


def repair_charrefs(content: bytes) -> bytes:
    """The document with every impossible numeric character reference replaced by U+FFFD's.

    Works on ASCII-compatible encodings (UTF-8, Latin-1, Windows-125x...): in UTF-16 the
    references are not byte sequences this sees, so callers still catch the parser's error.
    """
    if b"&#" not in content:
        return content
    return _CHARREF.sub(_repaired, content)
