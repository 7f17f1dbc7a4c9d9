"""Text normalisation for comparing short spans (quotations, template lines) across documents.

Quotation marks (« » “ ” „ " ‘ ’ ‹ ›), apostrophes (’ ' ʼ `), dashes, ellipses and spacing
vary between sites and translators for the same words; case too. `tokens` keeps only the
lower-cased words (Python ``\\w+``), which removes every one of those differences at once.
"""

from __future__ import annotations

import re

_WORD = re.compile(r"\w+")


def tokens(text: str) -> list[str]:
    """Lower-cased words of `text`, punctuation and spacing dropped."""
    return _WORD.findall(text.lower())


def token_spans(text: str) -> list[tuple[str, int, int]]:
    """Lower-cased words of `text` with their character spans."""
    return [(m.group().lower(), m.start(), m.end()) for m in _WORD.finditer(text)]


def key(text: str) -> str:
    """One comparable string for a span: its normalised words joined by single spaces."""
    return " ".join(tokens(text))
