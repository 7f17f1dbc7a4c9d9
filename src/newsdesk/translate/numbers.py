"""The numbers and URLs of a text, normalised so that a translation can be compared with its source.

Numbers are compared by value, written the way each language writes them: "1,200.5" in English
and "1 200,5" in French are the same number; "1,5" in English is not a number we can trust
(it would be 15 or 1.5), so it stays as written and a translation must keep it. URLs must
survive byte for byte.
"""

from __future__ import annotations

import re
from collections import Counter

# Languages that write a decimal comma and group thousands with a dot or a space.
DECIMAL_COMMA = frozenset(
    {"fr", "de", "es", "it", "pt", "nl", "ru", "uk", "pl", "tr", "cs", "sv", "da", "no", "fi", "ro"}
)

_SPACES = "\u00a0\u202f\u2009 "
_NUMBER = re.compile(r"\d+(?:[.,'" + _SPACES + r"]\d+)*")
_URL = re.compile(r"(?:https?://|www\.)[^\s<>\"«»“”]+", re.IGNORECASE)
_URL_TRAILING = ".,;:!?)]}'’"
# Magnitude words after a number: "12 mille" and "12,000" are the same figure.
_MAGNITUDES = {
    "thousand": 3,
    "mille": 3,
    "milles": 3,
    "k": 3,
    "million": 6,
    "millions": 6,
    "mn": 6,
    "m": 6,
    "billion": 9,
    "billions": 9,
    "milliard": 9,
    "milliards": 9,
    "bn": 9,
    "trillion": 12,
    "trillions": 12,
    "billions de": 12,
}
_MAGNITUDE = re.compile(
    r"\s?(" + "|".join(sorted(_MAGNITUDES, key=len, reverse=True)) + r")\b", re.IGNORECASE
)


def urls(text: str) -> Counter[str]:
    """URLs in `text`, without trailing sentence punctuation, with their counts."""
    found: Counter[str] = Counter()
    for m in _URL.finditer(text):
        found[m.group(0).rstrip(_URL_TRAILING)] += 1
    return found


def _canonical(token: str, lang: str) -> list[str]:
    """One written number → its value(s) as plain strings ("1200.5"); splits false joins."""
    decimal, group = (",", ".'") if lang in DECIMAL_COMMA else (".", ",'")
    parts = re.split(r"([.,'" + _SPACES + r"])", token)
    numbers: list[str] = []
    current = parts[0]
    grouped = False  # has `current` taken a thousands group yet?
    i = 1
    while i < len(parts):
        sep, digits = parts[i], parts[i + 1]
        # Only a lead of 1-3 digits takes groups: "2012 118,800" is two numbers.
        groupable = "." not in current and (grouped or len(current) <= 3)
        if (sep in group or sep in _SPACES) and len(digits) == 3 and groupable:
            current += digits  # a thousands group
            grouped = True
        elif sep == decimal and "." not in current:
            current += "." + digits
        else:  # two numbers side by side ("2024 5"), or a separator we cannot read: keep apart
            numbers.append(current)
            current = digits
            grouped = False
        i += 2
    numbers.append(current)
    out = []
    for n in numbers:
        whole, _, frac = n.partition(".")
        whole = whole.lstrip("0") or "0"
        frac = frac.rstrip("0")
        out.append(f"{whole}.{frac}" if frac else whole)
    return out


def _scale(value: str, exponent: int) -> str:
    whole, _, frac = value.partition(".")
    frac = frac.ljust(exponent, "0")
    digits = (whole + frac[:exponent]).lstrip("0") or "0"
    rest = frac[exponent:].rstrip("0")
    return f"{digits}.{rest}" if rest else digits


def numbers(text: str, lang: str) -> Counter[str]:
    """The numeric values written in `text` (in language `lang`), with their counts.

    A magnitude word right after a number is applied ("1.5 million" → 1500000); "billion" is
    read as 10⁹ (English and French "milliard") except in French, where it is 10¹².
    """
    found: Counter[str] = Counter()
    clean = _URL.sub(" ", text)
    for m in _NUMBER.finditer(clean):
        values = _canonical(m.group(0), lang)
        after = _MAGNITUDE.match(clean, m.end())
        if after:
            word = after.group(1).lower()
            exponent = 12 if lang == "fr" and word.startswith("billion") else _MAGNITUDES[word]
            values[-1] = _scale(values[-1], exponent)
        for value in values:
            found[value] += 1
    return found
