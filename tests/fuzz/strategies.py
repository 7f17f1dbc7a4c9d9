"""Hypothesis strategies that build valid-looking documents of every input format, then damage them.

Each builder draws the fields a reader looks at (titles, links, dates, bodies, numbers) from
values that are awkward on purpose: huge and non-finite numbers, impossible dates, NUL bytes,
lone surrogates, deep nesting, wrong types; `damaged` then cuts, re-encodes or mutates the
bytes with the engine of `mutate` (0 steps shrinks to the undamaged document).
"""

from __future__ import annotations

import io
import json
import random
from datetime import UTC, datetime
from typing import Any
from xml.sax.saxutils import escape, quoteattr

from hypothesis import settings
from hypothesis import strategies as st

from .mutate import mutate

#: One settings object for every fuzz test: deterministic (derandomize), no deadline (CI
#: machines are slow and shared), no example database. `examples` sets the budget per test:
#: the whole tests/fuzz run stays well under a minute on 2 cores.


def fuzz_settings(examples: int) -> settings:
    from hypothesis import HealthCheck

    return settings(
        max_examples=examples,
        deadline=None,
        derandomize=True,
        database=None,
        suppress_health_check=[
            HealthCheck.too_slow,
            HealthCheck.data_too_large,
            HealthCheck.large_base_example,
            HealthCheck.filter_too_much,
        ],
    )


WEIRD_DATES = (
    "Fri, 31 May 2024 18:41:00 +0200",
    "2024-07-02T07:15:00Z",
    "2024-07-02",
    "9999-12-31T23:59:59+14:00",
    "0001-01-01T00:00:00-23:59",
    "0000-00-00",
    "2024-02-30T25:61:61",
    "Mon, 99 Foo 99999 99:99:99 +9999",
    "1e308",
    "-1e308",
    "Infinity",
    "NaN",
    "99999999999999999999",
    "-62135596800",
    "253402300800",
    "",
    " ",
    "\x00",
    "hier",
)

URLS = (
    "https://fuzz.example/a",
    "/relative/path",
    "a",
    "",
    "http://[::1",
    "http://127.0.0.1/",
    "http://169.254.169.254/latest/meta-data/",
    "javascript:alert(1)",
    "file:///etc/passwd",
    "https://fuzz.example/" + "a" * 3000,
    "https://xn--nxasmq6b.example/é?q=\u2028#frag",
    "http://fuzz.example:99999/",
    "https://fuzz.example/\x00",
)

#: Text that stresses decoders and cleaners: control characters, RTL marks, lone surrogates
#: (encoded with surrogatepass they become invalid UTF-8), very long words.
awkward_text = st.one_of(
    st.text(max_size=40),
    st.text(
        alphabet=st.characters(
            min_codepoint=0, max_codepoint=0x10FFFF, categories=("Cc", "Cs", "Zl", "Zp", "Co", "Lo")
        ),
        max_size=20,
    ),
    st.sampled_from(
        ("", " ", "\x00", "Titre – « citation »", "x" * 5000, "\u202eevil", "&amp;&#0;&#xD800;")
    ),
)
dates = st.one_of(
    st.sampled_from(WEIRD_DATES),
    st.datetimes(timezones=st.none() | st.just(UTC)).map(lambda d: d.isoformat()),
    st.integers(min_value=-(10**30), max_value=10**30).map(str),
)
urls = st.one_of(st.sampled_from(URLS), st.text(max_size=30))
#: A body long enough to count as full content (or not), with nesting now and then.
bodies = st.one_of(
    st.just(""),
    st.integers(min_value=1, max_value=400).map(
        lambda n: "<p>" + " ".join(["Le budget de la ville a été voté hier soir."] * n) + "</p>"
    ),
    st.integers(min_value=1, max_value=3000).map(lambda n: "<div>" * n + "texte" + "</div>" * n),
    awkward_text,
)


def _encode(text: str, encoding: str) -> bytes:
    return text.encode(encoding, "surrogatepass" if encoding.startswith("utf") else "replace")


encodings = st.sampled_from(("utf-8", "utf-8", "utf-8", "utf-16-le", "utf-16", "latin-1", "cp1252"))


@st.composite
def damaged(draw: st.DrawFn, document: st.SearchStrategy[bytes]) -> bytes:
    """A document after 0-4 mutations of `mutate` (0 shrinks to the document as built)."""
    data = draw(document)
    steps = draw(st.integers(min_value=0, max_value=4))
    if steps == 0:
        return data
    return mutate(data, random.Random(draw(st.integers(0, 2**32))), (), steps)


def _x(value: str) -> str:
    """XML-escaped, or raw now and then (a careless producer)."""
    return escape(value)


@st.composite
def rss_feeds(draw: st.DrawFn) -> bytes:
    items = []
    for _ in range(draw(st.integers(0, 6))):
        title = draw(awkward_text)
        link = draw(urls)
        guid = draw(st.one_of(urls, st.just("")))
        body = draw(bodies)
        items.append(
            f"<item><title>{_x(title)}</title><link>{_x(link)}</link>"
            f"<guid>{_x(guid)}</guid><pubDate>{_x(draw(dates))}</pubDate>"
            f"<dc:creator>{_x(draw(awkward_text))}</dc:creator>"
            f"<description>{_x(draw(bodies))}</description>"
            + (f"<content:encoded><![CDATA[{body}]]></content:encoded>" if body else "")
            + "</item>"
        )
    encoding = draw(encodings)
    declared = draw(st.sampled_from(("UTF-8", encoding, "ISO-8859-1", "x-nonsense")))
    text = (
        f'<?xml version="1.0" encoding="{declared}"?>\n'
        '<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/"><channel>'
        f"<title>{_x(draw(awkward_text))}</title><language>{_x(draw(awkward_text))}</language>"
        + "".join(items)
        + "</channel></rss>"
    )
    return _encode(text, encoding)


@st.composite
def atom_feeds(draw: st.DrawFn) -> bytes:
    entries = []
    for _ in range(draw(st.integers(0, 6))):
        content_type = draw(st.sampled_from(("html", "xhtml", "text", "application/octet-stream")))
        entries.append(
            f"<entry><title>{_x(draw(awkward_text))}</title>"
            f"<link href={quoteattr(draw(urls))}/><id>{_x(draw(urls))}</id>"
            f"<updated>{_x(draw(dates))}</updated><published>{_x(draw(dates))}</published>"
            f"<author><name>{_x(draw(awkward_text))}</name></author>"
            f'<summary type="html">{_x(draw(bodies))}</summary>'
            f'<content type="{content_type}">{_x(draw(bodies))}</content></entry>'
        )
    text = (
        '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom" '
        f"xml:lang={quoteattr(draw(awkward_text))}><title>{_x(draw(awkward_text))}</title>"
        + "".join(entries)
        + "</feed>"
    )
    return _encode(text, draw(encodings))


#: Any JSON value, shallow or nested, with the numbers JSON parsers choke on.
json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(min_value=-(10**40), max_value=10**40)
    | st.floats(allow_nan=True, allow_infinity=True)
    | awkward_text,
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4)
    ),
    max_leaves=12,
)


def _field(value: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    """A field's usual value, or any JSON value in its place (wrong type, null, nested)."""
    return st.one_of(value, value, json_values)


@st.composite
def json_feeds(draw: st.DrawFn) -> bytes:
    items = []
    for _ in range(draw(st.integers(0, 6))):
        item = {
            "id": draw(_field(st.text(max_size=10))),
            "url": draw(_field(urls)),
            "external_url": draw(_field(urls)),
            "title": draw(_field(awkward_text)),
            "content_html": draw(_field(bodies)),
            "content_text": draw(_field(bodies)),
            "summary": draw(_field(awkward_text)),
            "date_published": draw(_field(dates)),
            "date_modified": draw(_field(dates)),
            "authors": draw(_field(st.lists(st.fixed_dictionaries({"name": json_values})))),
            "author": draw(json_values),
        }
        keep = draw(st.sets(st.sampled_from(sorted(item))))
        items.append({k: v for k, v in item.items() if k in keep or k == "id"})
    feed = {
        "version": draw(st.sampled_from(("https://jsonfeed.org/version/1.1", "1", ""))),
        "title": draw(_field(awkward_text)),
        "language": draw(_field(awkward_text)),
        "authors": draw(json_values),
        "items": draw(st.one_of(st.just(items), st.just(items), json_values)),
    }
    text = json.dumps(feed, ensure_ascii=draw(st.booleans()))
    return _encode(text, draw(encodings))


@st.composite
def sitemaps(draw: st.DrawFn) -> bytes:
    index = draw(st.booleans())
    tag = "sitemap" if index else "url"
    entries = []
    for _ in range(draw(st.integers(0, 8))):
        loc = draw(urls)
        if index and draw(st.booleans()):
            loc = "https://fuzz.example/child.xml"
        entries.append(
            f"<{tag}><loc>{_x(loc)}</loc><lastmod>{_x(draw(dates))}</lastmod>"
            f"<news:news><news:title>{_x(draw(awkward_text))}</news:title>"
            f"<news:publication_date>{_x(draw(dates))}</news:publication_date></news:news>"
            f"</{tag}>"
        )
    root = "sitemapindex" if index else "urlset"
    text = (
        f'<?xml version="1.0" encoding="UTF-8"?><{root} '
        'xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
        f'xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">{"".join(entries)}</{root}>'
    )
    data = _encode(text, draw(encodings))
    if draw(st.integers(0, 5)) == 0:
        import gzip

        data = gzip.compress(data, mtime=0)
    return data


@st.composite
def opml_documents(draw: st.DrawFn) -> bytes:
    def outline(depth: int) -> str:
        attrs = {
            draw(st.sampled_from(("xmlUrl", "xmlurl", "XMLURL", "text", "title"))): draw(urls),
            "title": draw(awkward_text),
            "type": draw(st.sampled_from(("rss", "HTML+XPath", "", "atom"))),
            "language": draw(awkward_text),
            draw(st.sampled_from(("disabled", "miniflux:disabled", "x"))): draw(
                st.sampled_from(("true", "1", "no", ""))
            ),
        }
        inner = ""
        if depth < 40 and draw(st.integers(0, 3)) == 0:
            inner = "".join(outline(depth + 1) for _ in range(draw(st.integers(1, 2))))
        rendered = " ".join(f"{k}={quoteattr(v)}" for k, v in attrs.items())
        return f"<outline {rendered}>{inner}</outline>"

    body = "".join(outline(0) for _ in range(draw(st.integers(0, 5))))
    text = (
        '<?xml version="1.0"?><opml version="2.0" xmlns:miniflux="https://miniflux.app">'
        f"<head><title>{_x(draw(awkward_text))}</title></head><body>{body}</body></opml>"
    )
    return _encode(text, draw(encodings))


@st.composite
def jsonl_files(draw: st.DrawFn) -> bytes:
    lines: list[bytes] = []
    for _ in range(draw(st.integers(0, 6))):
        record = {
            "text": draw(_field(bodies)),
            "url": draw(_field(urls)),
            "title": draw(_field(awkward_text)),
            "published": draw(
                st.one_of(
                    dates,
                    st.floats(allow_nan=True, allow_infinity=True),
                    st.integers(min_value=-(10**40), max_value=10**40),
                    json_values,
                )
            ),
            "author": draw(_field(awkward_text)),
            "language": draw(_field(awkward_text)),
            "html": draw(st.one_of(st.none(), bodies, json_values)),
        }
        keep = draw(st.sets(st.sampled_from(sorted(record))))
        record = {k: v for k, v in record.items() if k in keep or k == "text"}
        text = json.dumps(record, ensure_ascii=draw(st.booleans()))
        lines.append(_encode(text, draw(encodings)))
    return b"\n".join(lines) + draw(st.sampled_from((b"\n", b"", b"\r\n", b"\n\n")))


@st.composite
def html_documents(draw: st.DrawFn) -> tuple[bytes, str, str | None]:
    """(bytes, media type, declared encoding) of a page, as a fetch would hand it over."""
    title = draw(awkward_text)
    depth = draw(st.sampled_from((0, 1, 10, 200, 2000)))
    meta_date = draw(dates)
    jsonld = json.dumps(
        {"@type": "NewsArticle", "datePublished": draw(_field(dates)), "author": draw(json_values)}
    )
    body = draw(bodies)
    charset = draw(st.sampled_from(("utf-8", "iso-8859-1", "utf-16", "x-nonsense", "")))
    text = (
        f'<!DOCTYPE html><html><head><meta charset="{charset}"><title>{escape(title)}</title>'
        f'<meta property="article:published_time" content={quoteattr(meta_date)}>'
        f'<script type="application/ld+json">{jsonld}</script></head><body>'
        + "<div>" * depth
        + f"<article><h1>{escape(title)}</h1><p>Par {escape(draw(awkward_text))}</p>{body}"
        + f"<time datetime={quoteattr(draw(dates))}>{escape(draw(dates))}</time></article>"
        + "</div>" * depth
        + "</body></html>"
    )
    encoding = draw(encodings)
    media_type = draw(st.sampled_from(("text/html", "text/html", "text/plain", "text/markdown")))
    declared = draw(st.sampled_from((None, encoding, "utf-8", "no-such-codec")))
    return _encode(text, encoding), media_type, declared


@st.composite
def warc_files(draw: st.DrawFn) -> bytes:
    from warcio.statusandheaders import StatusAndHeaders, StatusAndHeadersParserException
    from warcio.warcwriter import WARCWriter

    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=draw(st.booleans()))
    for _ in range(draw(st.integers(0, 4))):
        kind = draw(st.sampled_from(("response", "response", "resource", "revisit", "request")))
        payload = _encode(draw(bodies), draw(encodings))
        headers = {"WARC-Date": draw(dates).encode("latin-1", "replace").decode("latin-1")}
        url = draw(urls).encode("latin-1", "replace").decode("latin-1").replace("\r", "")
        url = url.replace("\n", "") or "https://fuzz.example/"
        content_type = draw(
            st.sampled_from(
                ("text/html; charset=utf-8", "text/html; charset=bogus", "image/png", "")
            )
        )
        try:
            if kind == "response":
                status = draw(st.sampled_from(("200 OK", "404 Not Found", "999 What", "0 Zero")))
                http = StatusAndHeaders(
                    status, [("Content-Type", content_type)], protocol="HTTP/1.1"
                )
                record = writer.create_warc_record(
                    url,
                    kind,
                    payload=io.BytesIO(payload),
                    http_headers=http,
                    warc_headers_dict=headers,
                )
            else:
                record = writer.create_warc_record(
                    url,
                    kind,
                    payload=io.BytesIO(payload),
                    warc_content_type=content_type,
                    warc_headers_dict=headers,
                )
        except (EOFError, ValueError, StatusAndHeadersParserException):
            continue  # warcio will not build it (a request record with an empty payload...)
        writer.write_record(record)
    return buffer.getvalue()


#: Parquet column types the audit may meet in a stranger's corpus, and values for them.
@st.composite
def parquet_files(draw: st.DrawFn) -> bytes:
    import pyarrow as pa
    import pyarrow.parquet as pq

    rows = draw(st.integers(0, 5))
    columns: dict[str, Any] = {}
    columns["text"] = draw(
        st.sampled_from(("string", "large_string", "binary", "int64", "list", "struct", "null"))
    )
    published = draw(
        st.sampled_from(
            ("timestamp_s", "timestamp_ms_tz", "timestamp_ns", "date32", "float", "int64", "string")
        )
    )
    arrays: dict[str, Any] = {}

    def valid(text: str) -> str:
        """Parquet strings are UTF-8: lone surrogates cannot be written."""
        return text.encode("utf-8", "surrogatepass").decode("utf-8", "replace")

    def text_value() -> Any:
        kind = columns["text"]
        if kind in ("string", "large_string"):
            return valid(draw(bodies))
        if kind == "binary":
            return _encode(draw(bodies), draw(encodings))
        if kind == "int64":
            return draw(st.integers(-(2**63), 2**63 - 1))
        if kind == "list":
            return [valid(draw(awkward_text))]
        if kind == "struct":
            return {"a": valid(draw(awkward_text))}
        return None

    kinds = {
        "string": pa.string(),
        "large_string": pa.large_string(),
        "binary": pa.binary(),
        "int64": pa.int64(),
        "list": pa.list_(pa.string()),
        "struct": pa.struct([("a", pa.string())]),
        "null": pa.null(),
    }
    arrays["text"] = pa.array([text_value() for _ in range(rows)], type=kinds[columns["text"]])
    big = st.integers(-(2**63) + 1, 2**63 - 1)
    if published == "timestamp_s":  # written as milliseconds: keep within int64 after * 1000
        seconds = st.integers(-(2**63) // 1000 + 1, (2**63 - 1) // 1000)
        arrays["published"] = pa.array([draw(seconds) for _ in range(rows)], type=pa.int64()).cast(
            pa.timestamp("s")
        )
    elif published == "timestamp_ms_tz":
        arrays["published"] = pa.array([draw(big) for _ in range(rows)], type=pa.int64()).cast(
            pa.timestamp("ms", tz="UTC")
        )
    elif published == "timestamp_ns":
        arrays["published"] = pa.array([draw(big) for _ in range(rows)], type=pa.int64()).cast(
            pa.timestamp("ns")
        )
    elif published == "date32":
        arrays["published"] = pa.array(
            [draw(st.integers(-(2**31), 2**31 - 1)) for _ in range(rows)], type=pa.int32()
        ).cast(pa.date32())
    elif published == "float":
        arrays["published"] = pa.array(
            [draw(st.floats(allow_nan=True, allow_infinity=True)) for _ in range(rows)]
        )
    elif published == "int64":
        arrays["published"] = pa.array([draw(big) for _ in range(rows)], type=pa.int64())
    else:
        arrays["published"] = pa.array([draw(dates) for _ in range(rows)], type=pa.string())
    for name in ("url", "title", "html", "language"):
        if draw(st.booleans()):
            arrays[name] = pa.array(
                [valid(draw(st.one_of(st.just(""), awkward_text, urls))) for _ in range(rows)],
                type=pa.string(),
            )
    table = pa.table(arrays)
    buffer = io.BytesIO()
    pq.write_table(table, buffer)
    return buffer.getvalue()


#: Values of every TOML type, including the ones pydantic may or may not coerce.
toml_values = st.one_of(
    st.integers(min_value=-(2**63), max_value=2**63 - 1).map(str),
    st.floats(allow_nan=True, allow_infinity=True).map(
        lambda f: (
            "nan"
            if f != f
            else ("inf" if f == float("inf") else "-inf")
            if f in (float("inf"), float("-inf"))
            else repr(f)
        )
    ),
    st.booleans().map(lambda b: "true" if b else "false"),
    awkward_text.map(lambda s: json.dumps(s)),
    st.sampled_from(('"~nosuchuser/x"', '"\\u0000"', "[]", '["a", 1]', "{}", "1979-05-27")),
    st.datetimes(max_value=datetime(9999, 1, 1)).map(lambda d: d.isoformat()),
)
SECTIONS = {
    "": ("db", "data_dir", "out", "unknown"),
    "fetch": (
        "timeout",
        "deadline",
        "max_bytes",
        "max_redirects",
        "per_host_interval",
        "respect_robots",
        "max_items_per_source",
        "user_agent",
    ),
    "extract": ("min_words",),
    "compose": ("length_target", "excerpt_max_words", "excerpt_max_share", "composer"),
    "site": ("name", "base_url", "language"),
    "desk": ("user", "session_hours", "secure_cookies"),
    "wordpress": ("categories", "status"),
}
SOURCE_KEYS = (
    "kind",
    "location",
    "name",
    "publisher",
    "language",
    "licence",
    "allow_private",
    "drop_selectors",
    "title_suffix",
)
source_values = st.one_of(
    st.sampled_from(
        (
            '"feed"',
            '"folder"',
            '"jsonl"',
            '"warc"',
            '"sitemap"',
            '"page"',
            '"nope"',
            '"full"',
            '"~nosuchuser/corpus.jsonl"',
            '"a\\u0000b"',
            '["x:::", "#a"]',
            "true",
        )
    ),
    toml_values,
)


@st.composite
def config_files(draw: st.DrawFn) -> bytes:
    lines: list[str] = []
    for section, keys in SECTIONS.items():
        chosen = draw(st.lists(st.sampled_from(keys), max_size=3, unique=True))
        if not chosen:
            continue
        if section:
            lines.append(f"[{section}]")
        lines.extend(f"{key} = {draw(toml_values)}" for key in chosen)
    for _ in range(draw(st.integers(0, 3))):
        lines.append("[[sources]]")
        keys = draw(st.lists(st.sampled_from(SOURCE_KEYS), max_size=5, unique=True))
        lines.extend(f"{key} = {draw(source_values)}" for key in keys)
        if "kind" not in keys and "location" not in keys and draw(st.booleans()):
            lines.append('kind = "folder"')
            lines.append(f"location = {draw(source_values)}")
    return "\n".join(lines).encode("utf-8", "surrogatepass")
