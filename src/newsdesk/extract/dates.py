"""Publication dates: read them from page metadata or a timestamp line, always timezone-aware.

A date without a time is taken at midnight UTC; a naive date-time is taken as UTC (the page does
not say, and UTC is what we store). Every result is converted to UTC.
"""

from __future__ import annotations

import json
import re
import warnings
from datetime import UTC, datetime

from newsdesk import datetimes

# Earliest plausible publication year of a web page (the web is younger than that): rejects
# "0001-01-01" defaults and typos. The latest is now + datetimes.MAX_FUTURE.
MIN_YEAR = 1990
_EARLIEST = datetime(MIN_YEAR, 1, 1, tzinfo=UTC)

_FR_MONTHS = {
    "janvier": "January",
    "février": "February",
    "fevrier": "February",
    "mars": "March",
    "avril": "April",
    "mai": "May",
    "juin": "June",
    "juillet": "July",
    "août": "August",
    "aout": "August",
    "septembre": "September",
    "octobre": "October",
    "novembre": "November",
    "décembre": "December",
    "decembre": "December",
    "janv": "Jan",
    "févr": "Feb",
    "fevr": "Feb",
    "avr": "Apr",
    "juil": "Jul",
    "déc": "Dec",
}
_FR_MONTH_RE = re.compile(
    r"\b(" + "|".join(sorted(_FR_MONTHS, key=len, reverse=True)) + r")\b\.?", re.IGNORECASE
)
_NOISE = re.compile(
    r"\b(?:publié|publiée|mis à jour|modifié|actualisé|le|à|date|dated|published|posted|updated|"
    r"last|on|at|lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche)\b[:,]?",
    re.IGNORECASE,
)
_FR_TIME = re.compile(r"\b(\d{1,2})h(\d{2})\b")
# Zone abbreviations news pages print ("6:41 pm ET"), as UTC offsets in seconds (standard time
# for the ambiguous US "ET/CT/PT": a page that says "ET" in summer is off by an hour at most).
TZ_ABBREVIATIONS: dict[str, int] = {
    "UTC": 0,
    "GMT": 0,
    "Z": 0,
    "WET": 0,
    "BST": 3600,
    "CET": 3600,
    "CEST": 7200,
    "EET": 7200,
    "EEST": 10800,
    "MSK": 10800,
    "EST": -18000,
    "EDT": -14400,
    "ET": -18000,
    "CST": -21600,
    "CDT": -18000,
    "CT": -21600,
    "MST": -25200,
    "MDT": -21600,
    "PST": -28800,
    "PDT": -25200,
    "PT": -28800,
}
_YEAR_MONTH = re.compile(r"^\s*(?:date\s+)?\d{4}-\d{2}\s*$", re.IGNORECASE)
_YEAR_ONLY = re.compile(r"^\s*\d{4}\s*$")

# Meta tags that carry a full publication timestamp, most specific first.
PUBLISHED_META = (
    "article:published_time",
    "og:article:published_time",
    "og:published_time",
    "datepublished",
    "date",
    "dc.date",
    "dc.date.issued",
    "dcterms.created",
    "pubdate",
    "publishdate",
    "publish-date",
    "parsely-pub-date",
    "sailthru.date",
    "cxenseparse:recs:publishtime",
)


def to_utc(value: datetime) -> datetime:
    """Naive → UTC; aware → converted to UTC. For dates already checked by a reader (item
    hints); a date read from the page goes through `parse_date`."""
    if value.tzinfo is None:
        return value.replace(tzinfo=UTC)
    return value.astimezone(UTC)


def parse_date(text: str, *, now: datetime | None = None) -> datetime | None:
    """A timezone-aware UTC datetime from a date string in ISO, English or French forms, or None.

    "2024-05-31 18:41" → 2024-05-31T18:41Z; "31 mai 2024 à 18h41" → 2024-05-31T18:41Z. A bare
    month ("2023-05") or year is not a date: None. Dates outside MIN_YEAR..now+MAX_FUTURE and
    dates that cannot exist in UTC ("9999-12-31T23:00-05:00") are refused, never raised.
    """
    text = text.strip()
    if not text:
        return None
    if _YEAR_MONTH.match(text) or _YEAR_ONLY.match(text):
        return None  # a month is a period, not a publication date (ingest reads it the same way)
    try:
        value = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        from dateutil import parser as date_parser

        cleaned = _FR_MONTH_RE.sub(lambda m: _FR_MONTHS[m.group(1).lower()], text)
        cleaned = _FR_TIME.sub(r"\1:\2", cleaned)
        cleaned = _NOISE.sub(" ", cleaned)
        try:
            with warnings.catch_warnings():
                # An unknown zone name leaves the value naive, which we read as UTC.
                warnings.simplefilter("ignore")
                value = date_parser.parse(
                    cleaned,
                    dayfirst="/" in cleaned or "." in cleaned,
                    default=datetime(2000, 1, 1),
                    tzinfos=TZ_ABBREVIATIONS,
                )
        # ArithmeticError: dateutil's decimal seconds raise decimal.InvalidOperation on a
        # field like '999…9' (found by fuzzing a JSON-LD datePublished).
        except (ValueError, OverflowError, ArithmeticError):
            return None
    return datetimes.plausible(value, now=now, earliest=_EARLIEST)


def published_from_html(tree: object, *, now: datetime | None = None) -> datetime | None:
    """The publication timestamp from meta tags, JSON-LD or <time datetime>, with its time of day
    when the page gives one (trafilatura's own date is a day only)."""
    from lxml import etree

    if not isinstance(tree, etree._Element):
        return None
    for meta in tree.iterfind(".//meta"):
        key = (meta.get("property") or meta.get("name") or meta.get("itemprop") or "").lower()
        if key in PUBLISHED_META:
            value = parse_date(meta.get("content") or "", now=now)
            if value is not None:
                return value
    for script in tree.iterfind(".//script"):
        if (script.get("type") or "").lower() != "application/ld+json" or not script.text:
            continue
        value = _jsonld_date(script.text, now)
        if value is not None:
            return value
    for node in tree.iterfind(".//time"):
        if node.get("datetime") and (
            node.get("pubdate") is not None or node.get("itemprop") == "datePublished"
        ):
            value = parse_date(node.get("datetime") or "", now=now)
            if value is not None:
                return value
    return None


def _jsonld_date(text: str, now: datetime | None) -> datetime | None:
    try:
        data = json.loads(text)
    except ValueError:
        return None
    stack = [data]
    while stack:
        node = stack.pop()
        if isinstance(node, list):
            stack.extend(node)
        elif isinstance(node, dict):
            raw = node.get("datePublished")
            if isinstance(raw, str):
                value = parse_date(raw, now=now)
                if value is not None:
                    return value
            stack.extend(v for v in node.values() if isinstance(v, dict | list))
    return None
