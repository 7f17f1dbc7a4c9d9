"""The checkable facts of a text, with their spans: quotations, figures and dates.

Figures are numbers written with digits (with their decimal comma and thousands spaces); dates
are weekday and month names with their day and year. A year inside a date is a date, not a
figure, so one changed year is reported once.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from newsdesk.verify.normalize import fold_text

QUOTATION = re.compile(r"«\s*([^«»]{2,}?)\s*»|“([^“”]{2,}?)”|\"([^\"\n]{2,}?)\"")
WEEKDAYS = "lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche"
MONTHS = (
    "janvier|février|fevrier|mars|avril|mai|juin|juillet|août|aout|septembre|octobre|"
    "novembre|décembre|decembre"
)
DATE = re.compile(
    rf"\b(?:(?:{WEEKDAYS})(?:\s+(?:1er|\d{{1,2}}))?(?:\s+(?:{MONTHS}))?(?:\s+\d{{4}})?"
    rf"|(?:1er|\d{{1,2}})\s+(?:{MONTHS})(?:\s+\d{{4}})?"
    rf"|(?:début|fin|mi-)?\s?(?:{MONTHS})\s+\d{{4}}"
    rf"|(?:{MONTHS})(?!\s+\d))\b",
    re.IGNORECASE,
)
# A number: digits, with thousands groups separated by (no-break) spaces or dots, and a decimal
# part after a comma. "1 200", "3,5", "2023", "M1224" (inside a code: letters glued on).
FIGURE = re.compile(
    r"(?<![\w,.])\d{1,3}(?:[ \u00a0\u202f.]\d{3})+(?:,\d+)?(?![\d])|(?<![\w,])\d+(?:,\d+)?"
)
_CODE = re.compile(r"\b(?=[\w-]*\d)(?=[\w-]*[^\W\d_])[\w-]{2,}\b")


@dataclass(frozen=True)
class Fact:
    kind: str  # "quote", "figure", "date", "code"
    start: int
    end: int
    text: str  # as written in the page
    key: str  # comparison form


def number_key(text: str) -> str:
    return re.sub(r"[ \u00a0\u202f.]", "", text)


def quotations(text: str) -> list[Fact]:
    out = []
    for m in QUOTATION.finditer(text):
        group = next(i for i in (1, 2, 3) if m.group(i) is not None)
        inner = m.group(group)
        out.append(Fact("quote", m.start(group), m.end(group), inner, fold_text(inner)))
    return out


def dates(text: str) -> list[Fact]:
    out = []
    for m in DATE.finditer(text):
        lead = len(m.group()) - len(m.group().lstrip())
        out.append(Fact("date", m.start() + lead, m.end(), m.group().strip(), fold_text(m.group())))
    return out


def figures(text: str) -> list[Fact]:
    """Numbers outside dates and outside codes (model numbers are checked as codes)."""
    taken = [(d.start, d.end) for d in dates(text)]
    codes = [(m.start(), m.end()) for m in _CODE.finditer(text) if not m.group().isdigit()]
    out = []
    for m in FIGURE.finditer(text):
        if any(s <= m.start() < e for s, e in taken + codes):
            continue
        out.append(Fact("figure", m.start(), m.end(), m.group(), number_key(m.group())))
    for s, e in codes:
        code = text[s:e]
        out.append(Fact("code", s, e, code, fold_text(code)))
    return out


def numbers_in(text: str) -> set[str]:
    """Comparison keys of every number and code in a source text."""
    keys = {number_key(m.group()) for m in FIGURE.finditer(text)}
    keys |= {fold_text(m.group()) for m in _CODE.finditer(text)}
    return keys
