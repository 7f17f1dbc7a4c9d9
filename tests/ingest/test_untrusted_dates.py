"""Dates nobody should have written (issue 20, item 1): `1e308`, `Infinity`, `NaN`, year 99999,
or a valid ISO date that overflows once converted to UTC. Every date parser of the package turns
them into "no date" (a ValueError its reader records, or None), never an OverflowError; and the
real CLI runs and audits a JSONL file holding such lines."""

from __future__ import annotations

import io
import json
import sqlite3
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from newsdesk import datetimes
from newsdesk.cli import app
from newsdesk.config import FetchSettings
from newsdesk.extract import extract
from newsdesk.extract.dates import parse_date
from newsdesk.ingest import InMemoryFetchMemory, collect
from newsdesk.ingest.dates import from_struct_time, parse_published
from newsdesk.ingest.jsonfeed import parse_json_feed
from newsdesk.ingest.sitemaps import ParsedSitemap, parse_sitemap
from newsdesk.types import RawItem, Rejection, Source, SourceKind

NOW = datetime(2025, 1, 1, tzinfo=UTC)
# Each one used to raise OverflowError, OSError or ValueError from deep inside datetime.
ABSURD_NUMBERS = [1e308, float("inf"), float("-inf"), float("nan"), -1e18, 10**400, 2**63]
ABSURD_TEXTS = [
    "99999-01-01",
    "9999-12-31T23:00:00-05:00",  # valid ISO 8601, past datetime.max in UTC
    "0001-01-01T00:00:00+05:00",  # before datetime.min in UTC
    "0001-01-01",
    "Fri, 31 Dec 9999 23:59:59 -0500",
    "2150-06-01T10:00:00Z",
    "1234-05-06",
]


@pytest.mark.parametrize("value", ABSURD_NUMBERS + ABSURD_TEXTS)
def test_ingest_dates_refuse_absurd_values_with_a_value_error(value: object) -> None:
    with pytest.raises(ValueError, match="plausible|not an ISO"):
        parse_published(value, now=NOW)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (1719587100, datetime(2024, 6, 28, 15, 5, tzinfo=UTC)),
        (0, datetime(1970, 1, 1, tzinfo=UTC)),
        ("2024-06-28T17:05:00+02:00", datetime(2024, 6, 28, 15, 5, tzinfo=UTC)),
        ("Fri, 28 Jun 2024 15:05:00 GMT", datetime(2024, 6, 28, 15, 5, tzinfo=UTC)),
        ("1871-03-18", datetime(1871, 3, 18, tzinfo=UTC)),  # an old newspaper archive
        ("2025-01-02T12:00:00Z", datetime(2025, 1, 2, 12, tzinfo=UTC)),  # hours ahead: a clock
    ],
)
def test_ingest_dates_keep_plausible_values(value: object, expected: datetime) -> None:
    assert parse_published(value, now=NOW) == expected


@pytest.mark.parametrize("text", ABSURD_TEXTS)
def test_page_dates_refuse_absurd_values(text: str) -> None:
    assert parse_date(text, now=NOW) is None


def test_feed_struct_times_out_of_range_are_no_date() -> None:
    assert from_struct_time(time.struct_time((99999, 1, 1, 0, 0, 0, 0, 1, 0))) is None
    assert from_struct_time(time.struct_time((1, 1, 1, 0, 0, 0, 0, 1, 0))) is None
    good = from_struct_time(time.struct_time((2024, 6, 28, 15, 5, 0, 4, 180, 0)))
    assert good == datetime(2024, 6, 28, 15, 5, tzinfo=UTC)


JSONISH = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.text(max_size=40)
    | st.datetimes(timezones=st.none() | st.timezones())
    | st.dates(),
    lambda children: st.lists(children, max_size=3),
    max_leaves=5,
)


@settings(max_examples=400, deadline=None)
@given(JSONISH)
def test_any_value_is_a_date_a_none_or_a_value_error(value: object) -> None:
    try:
        result = parse_published(value, now=NOW)
    except ValueError:
        return
    assert result is None or (
        result.utcoffset() == timedelta(0) and datetimes.EARLIEST <= result <= NOW + timedelta(2)
    )


DATEISH = st.from_regex(
    r"\A[0-9]{1,6}-[0-9]{1,2}-[0-9]{1,2}([T ][0-9]{1,2}:[0-9]{2}(:[0-9]{2})?)?"
    r"([+-][0-9]{2}:?[0-9]{2}|Z| [A-Z]{2,4})?\Z"
)


@settings(max_examples=400, deadline=None)
@given(st.one_of(DATEISH, st.text(max_size=60)))
def test_any_page_text_is_a_date_or_none(text: str) -> None:
    result = parse_date(text, now=NOW)
    assert result is None or result.utcoffset() == timedelta(0)


def test_sitemap_and_json_feed_dates_out_of_range_are_no_date() -> None:
    sitemap = parse_sitemap(
        b'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        b"<url><loc>https://a.example/1</loc><lastmod>9999-12-31T23:59:59-05:00</lastmod></url>"
        b"<url><loc>https://a.example/2</loc><lastmod>2024-06-28</lastmod></url></urlset>",
        "https://a.example/sitemap.xml",
    )
    assert isinstance(sitemap, ParsedSitemap)
    lastmods = [u.lastmod for u in sitemap.urls]
    assert lastmods == [None, datetime(2024, 6, 28, tzinfo=UTC)]
    feed = parse_json_feed(
        json.dumps(
            {
                "version": "https://jsonfeed.org/version/1.1",
                "title": "Fil",
                "items": [
                    {"id": "1", "url": "https://a.example/1", "date_published": 1e308},
                    {"id": "2", "url": "https://a.example/2", "date_published": "99999-01-01"},
                ],
            }
        ).encode(),
        "https://a.example/feed.json",
        "utf-8",
    )
    assert [e.published for e in feed.entries] == [None, None]


def test_warc_date_out_of_range_falls_back_to_the_reading_time(tmp_path: Path) -> None:
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=False)
    body = b"<html><head><title>T</title></head><body><p>Bonjour.</p></body></html>"
    http = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], "HTTP/1.1")
    record = writer.create_warc_record(
        "https://a.example/page",
        "response",
        payload=io.BytesIO(body),
        http_headers=http,
        warc_headers_dict={"WARC-Date": "9999-12-31T23:59:59-05:00"},
    )
    writer.write_record(record)
    path = tmp_path / "crawl.warc"
    path.write_bytes(buffer.getvalue())
    before = datetime.now(UTC)
    src = Source(kind=SourceKind.WARC, location=str(path))
    (item,) = collect(src, None, InMemoryFetchMemory(), FetchSettings())
    assert isinstance(item, RawItem) and before <= item.fetched_at <= datetime.now(UTC)


def test_html_meta_date_out_of_range_is_no_date() -> None:
    paragraphs = "".join(
        f"<p>La préfecture de la Gironde a annoncé mardi des restrictions d'eau pour {n} "
        "communes du département, après un été particulièrement sec.</p>"
        for n in range(12, 24)
    )
    page = (
        '<html><head><meta property="article:published_time" content="9999-12-31T23:00:00-05:00">'
        '<meta name="date" content="99999-01-01"><title>Sécheresse en Gironde</title></head>'
        f"<body><article><h1>Sécheresse en Gironde</h1>{paragraphs}</article></body></html>"
    )
    raw = RawItem(
        source_id="s",
        url="https://a.example/secheresse",
        fetched_at=NOW,
        content=page.encode(),
        media_type="text/html",
        status=200,
        headers=(),
        encoding="utf-8",
    )
    article = extract(raw)
    assert not isinstance(article, Rejection)
    assert article.published is None


# -- the real CLI on a JSONL file with absurd dates beside good lines --------------------------

BODY = (
    "La préfecture de la Gironde a annoncé mardi de nouvelles restrictions d'usage de l'eau "
    "dans quarante-deux communes du département, après un été particulièrement sec. Les "
    "agriculteurs ne pourront plus irriguer leurs parcelles en journée, et le remplissage des "
    "piscines privées est interdit jusqu'à nouvel ordre. « Le niveau des nappes phréatiques est "
    "le plus bas relevé depuis 1976 », a déclaré le préfet lors d'une conférence de presse à "
    "Bordeaux. Les contrevenants s'exposent à une amende de 1 500 euros. "
)


def _corpus(path: Path) -> Path:
    good = [
        {
            "url": f"https://fil.example/gironde/{n}",
            "title": f"Sécheresse : restrictions d'eau dans {n} communes de Gironde",
            "text": BODY * 3,
            "published": f"2024-08-0{n % 9 + 1}T10:00:00+02:00",
            "language": "fr",
        }
        for n in (41, 42)
    ]
    bad_values = ["1e308", "Infinity", "-1e400", "NaN", '"99999-01-01"']
    lines = [json.dumps(g, ensure_ascii=False) for g in good]
    for n, value in enumerate(bad_values):
        record = json.dumps(
            {"url": f"https://fil.example/absurde/{n}", "title": "Absurde", "text": BODY * 3}
        )
        lines.insert(1, record[:-1] + f', "published": {value}}}')
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_audit_of_a_jsonl_with_absurd_dates(tmp_path: Path) -> None:
    corpus = _corpus(tmp_path / "corpus.jsonl")
    out = tmp_path / "out"
    result = CliRunner().invoke(app, ["audit", str(corpus), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert "internal error" not in result.output
    documents = [json.loads(x) for x in (out / "documents.jsonl").read_text().splitlines()]
    assert sorted(d["document"] for d in documents) == [
        "https://fil.example/gironde/41",
        "https://fil.example/gironde/42",
    ]
    rejected = [json.loads(x) for x in (out / "rejections.jsonl").read_text().splitlines()]
    assert len(rejected) == 5
    assert {r["reason"] for r in rejected} == {"bad_field"}
    assert all("published" in r["detail"] for r in rejected)


def test_run_of_a_jsonl_source_with_absurd_dates(tmp_path: Path) -> None:
    corpus = _corpus(tmp_path / "corpus.jsonl")
    config = tmp_path / "newsdesk.toml"
    config.write_text(
        f'[[sources]]\nkind = "jsonl"\nlocation = "{corpus}"\nlicence = "full"\n'
        'publisher = "Le Fil"\n',
        encoding="utf-8",
    )
    data = tmp_path / "data"
    result = CliRunner().invoke(
        app,
        [
            "run",
            "--config",
            str(config),
            "--out",
            str(tmp_path / "site"),
            "--set",
            f"data_dir={data}",
        ],
    )
    assert result.exit_code == 0, result.output
    assert "internal error" not in result.output
    with sqlite3.connect(data / "newsdesk.sqlite") as conn:
        urls = {u for (u,) in conn.execute("select url from raw_items")}
        reasons = [r for (r,) in conn.execute("select reason from rejections")]
    assert urls == {"https://fil.example/gironde/41", "https://fil.example/gironde/42"}
    assert reasons.count("bad_field") == 5
