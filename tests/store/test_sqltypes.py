"""The column types' conversions, checked as properties over many generated strings."""

from __future__ import annotations

import random

from newsdesk.store.sqltypes import escape_nul, unescape_nul

ALPHABET = ["\x00", "\uffff", "0", "a", "é", "«", "\n", "\\", "🗞", "\u2028"]


def test_nul_escaping_is_reversible_and_removes_every_nul() -> None:
    rng = random.Random(20240531)
    for _ in range(5000):
        text = "".join(rng.choice(ALPHABET) for _ in range(rng.randint(0, 12)))
        escaped = escape_nul(text)
        assert "\x00" not in escaped
        assert unescape_nul(escaped) == text


def test_ordinary_text_is_stored_unchanged() -> None:
    text = "« Nous ne sommes pas en guerre », a déclaré John Kirby, 31 mai 2024, 18:41."
    assert escape_nul(text) is text
