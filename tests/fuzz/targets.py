"""Every reader of newsdesk as a fuzz target: bytes in, the reader's whole output consumed.

The invariant under test (issue 20): one bad input is a recorded rejection (or, for a
configuration file, a clear `ConfigError`; for an OPML import, an `InputError`), never an
uncaught exception that stops a run. A target returns an `Outcome` (items and rejection codes)
and lets anything else propagate, so the caller sees the exception with its traceback.

Network readers (feeds, sitemaps) run through the real `Fetcher` with only the socket replaced:
an in-memory httpx transport serves the fuzzed bytes at the source URL and a fixed page at every
other URL, so size caps, binary sniffing and charset detection run as they do in production.
Items that come out of ingest go through extraction too, as they do in `newsdesk run`.

Shared by tests/fuzz (hypothesis, bounded for CI) and benchmarks/fuzz.py (long runs by hand).
"""

from __future__ import annotations

import atexit
import re
import shutil
import tempfile
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import httpx

from newsdesk.config import FetchSettings, load_settings
from newsdesk.errors import ConfigError, InputError, NewsdeskError
from newsdesk.ingest import InMemoryFetchMemory, reasons
from newsdesk.ingest.feeds import read_feed
from newsdesk.ingest.fetcher import Fetcher
from newsdesk.ingest.jsonl import read_jsonl
from newsdesk.ingest.opml import parse_opml
from newsdesk.ingest.sitemaps import read_sitemap
from newsdesk.ingest.warc import read_warc
from newsdesk.types import RawItem, Rejection, Source, SourceKind, Unchanged

#: The host every network target is served from; resolved to a public documentation address.
HOST = "fuzz.example"
FEED_URL = f"https://{HOST}/feed"
SITEMAP_URL = f"https://{HOST}/sitemap.xml"
#: A small but real article page served at every URL a fuzzed document links to.
LINKED_PAGE = (
    "<html><head><title>Page liée</title></head><body><article><h1>Page liée</h1>"
    + "<p>"
    + " ".join(["Le conseil municipal a voté le budget de la ville pour l'année prochaine."] * 8)
    + "</p></article></body></html>"
).encode()
#: Items extracted per input at most: extraction is the slowest step and one is enough to
#: check that a fuzzed item reaches it without breaking it.
EXTRACT_PER_INPUT = 2
#: Small caps keep one input cheap; the caps themselves are part of what is fuzzed.
SETTINGS = FetchSettings(
    timeout=2.0,
    per_host_interval=0.0,
    respect_robots=False,
    max_bytes=200_000,
    max_items_per_source=5,
)
_HTTP_REASON = re.compile(r"^http_\d+$")
#: Extract-stage reason codes (documented in `newsdesk.extract.extract`).
EXTRACT_REASONS = frozenset(
    {"no_article", "too_short", "decode_error", "binary_content", "unsupported_media_type"}
)


class ContractBroken(AssertionError):
    """A reader returned something the contract does not allow (an unknown reason code...)."""


@dataclass
class Outcome:
    """What one input produced: items passed on, and rejections by reason code."""

    items: int = 0
    unchanged: int = 0
    rejections: Counter[str] = field(default_factory=Counter)
    config_error: str | None = None  # ConfigError / InputError message, for config and OPML

    @property
    def rejected(self) -> int:
        return sum(self.rejections.values()) + (1 if self.config_error else 0)


def _check_rejection(rejection: Rejection, allowed: Iterable[str]) -> None:
    if rejection.reason not in allowed and not _HTTP_REASON.match(rejection.reason):
        raise ContractBroken(f"unknown reason code {rejection.reason!r} ({rejection.detail})")
    if not rejection.item:
        raise ContractBroken(f"rejection {rejection.reason!r} names no input")


def consume(
    produced: Iterator[RawItem | Unchanged | Rejection],
    *,
    extract: bool = True,
    clean: bool = True,
) -> Outcome:
    """Drain a reader as `newsdesk run` does, extracting the first few items (`clean=False`:
    as `newsdesk audit` does, without newsdesk's cleaning)."""
    from newsdesk.extract import extract as extract_item

    outcome = Outcome()
    extracted = 0
    for item in produced:
        if isinstance(item, Rejection):
            _check_rejection(item, reasons.REASONS)
            outcome.rejections[item.reason] += 1
        elif isinstance(item, Unchanged):
            outcome.unchanged += 1
        elif isinstance(item, RawItem):
            outcome.items += 1
            if extract and extracted < EXTRACT_PER_INPUT:
                extracted += 1
                result = extract_item(item, clean=clean)
                if isinstance(result, Rejection):
                    _check_rejection(result, EXTRACT_REASONS)
                    outcome.rejections["extract:" + result.reason] += 1
        else:
            raise ContractBroken(f"a reader yielded {type(item).__name__}")
    return outcome


# -- network readers: the real Fetcher, an in-memory socket -------------------------------------


class _MemoryWeb:
    """What the in-memory transport serves: url -> (body, content type); any other URL gets
    `LINKED_PAGE`. One fetcher per process, its routes replaced for each input."""

    routes: dict[str, tuple[bytes, str]] = {}
    _fetcher: Fetcher | None = None

    @classmethod
    def answer(cls, request: httpx.Request) -> httpx.Response:
        body, content_type = cls.routes.get(
            str(request.url), (LINKED_PAGE, "text/html; charset=utf-8")
        )
        return httpx.Response(200, headers={"Content-Type": content_type}, content=body)

    @classmethod
    def fetcher(cls, routes: dict[str, tuple[bytes, str]]) -> Fetcher:
        """A real `Fetcher` with only the socket replaced: every gate after it runs for real."""
        cls.routes = routes
        if cls._fetcher is None:
            fetcher = Fetcher(SETTINGS, resolver=lambda host, port: ["93.184.216.34"])
            fetcher._client.close()
            # As in Fetcher.__init__: no proxy from the environment, no automatic redirects.
            fetcher._client = httpx.Client(
                transport=httpx.MockTransport(cls.answer),
                follow_redirects=False,
                trust_env=False,
                timeout=httpx.Timeout(SETTINGS.timeout),
            )
            cls._fetcher = fetcher
        return cls._fetcher


#: Content types a feed is served with; the fuzzer picks one per input.
FEED_CONTENT_TYPES = (
    "application/rss+xml",
    "application/atom+xml; charset=utf-8",
    "application/feed+json",
    "application/json",
    "text/xml; charset=iso-8859-1",
    "text/html",
    "",
)


def run_feed(data: bytes, content_type: str = "application/rss+xml") -> Outcome:
    """`read_feed` on a feed served with `content_type` (RSS, Atom, RDF or JSON Feed)."""
    source = Source(kind=SourceKind.FEED, location=FEED_URL)
    fetcher = _MemoryWeb.fetcher({FEED_URL: (data, content_type)})
    return consume(read_feed(source, fetcher, InMemoryFetchMemory(), SETTINGS))


def run_sitemap(data: bytes, content_type: str = "application/xml") -> Outcome:
    """`read_sitemap`; a child sitemap of an index gets the same bytes (index of indexes)."""
    source = Source(kind=SourceKind.SITEMAP, location=SITEMAP_URL)
    routes = {SITEMAP_URL: (data, content_type)}
    for child in re.findall(rb"<loc>\s*([^<\s]+)", data)[:3]:
        url = child.decode("utf-8", "replace")
        if url.endswith((".xml", ".gz", ".txt")):
            routes[url] = (data, content_type)
    fetcher = _MemoryWeb.fetcher(routes)
    return consume(read_sitemap(source, fetcher, InMemoryFetchMemory(), SETTINGS))


# -- local readers ------------------------------------------------------------------------------


class Workdir:
    """One scratch folder per process for the local readers' files (rewritten per input)."""

    _path: Path | None = None

    @classmethod
    def path(cls) -> Path:
        if cls._path is None:
            cls._path = Path(tempfile.mkdtemp(prefix="newsdesk-fuzz-"))
            atexit.register(shutil.rmtree, cls._path, True)
        return cls._path


def _write(name: str, data: bytes) -> Path:
    path = Workdir.path() / name
    path.write_bytes(data)
    return path


def run_jsonl(data: bytes, name: str = "corpus.jsonl") -> Outcome:
    path = _write(name, data)
    source = Source(kind=SourceKind.JSONL, location=str(path))
    return consume(read_jsonl(source, None, InMemoryFetchMemory(), SETTINGS))


def run_warc(data: bytes, name: str = "archive.warc") -> Outcome:
    path = _write(name, data)
    source = Source(kind=SourceKind.WARC, location=str(path))
    return consume(read_warc(source, None, InMemoryFetchMemory(), SETTINGS))


def run_parquet(data: bytes, name: str = "corpus.parquet") -> Outcome:
    """The audit's Parquet reader on one file."""
    from newsdesk.audit.parquet_input import read_parquet

    path = _write(name, data)
    source = Source(kind=SourceKind.JSONL, location=str(path))
    return consume(read_parquet(source, None, InMemoryFetchMemory(), SETTINGS))


def run_folder(data: bytes) -> Outcome:
    """`read_folder` on a copy of the suite's test folder whose metadata.json is `data`."""
    from newsdesk.ingest.files import read_folder

    folder = Workdir.path() / "folder"
    if not folder.is_dir():
        shutil.copytree(Path(__file__).resolve().parents[1] / "data" / "ingest" / "folder", folder)
    (folder / "metadata.json").write_bytes(data)
    source = Source(kind=SourceKind.FOLDER, location=str(folder))
    return consume(read_folder(source, None, InMemoryFetchMemory(), SETTINGS))


#: Media types a document is extracted as; the fuzzer picks one per input.
DOCUMENT_MEDIA_TYPES = ("text/html", "application/xhtml+xml", "text/plain", "text/markdown", "")


def run_html(data: bytes, media_type: str = "text/html", encoding: str | None = None) -> Outcome:
    """`extract` on a fetched document (HTML, plain text or Markdown): cleaned as in a run, or
    (for every other input length) uncleaned as in an audit."""
    raw = RawItem(
        source_id="f" * 16,
        url=f"https://{HOST}/article",
        fetched_at=datetime(2024, 7, 2, tzinfo=UTC),
        content=data,
        media_type=media_type,
        encoding=encoding,
    )
    return consume(iter([raw]), clean=len(data) % 2 == 0)


def run_opml(data: bytes) -> Outcome:
    """`parse_opml` (the import of a feed list): an `InputError` is the clear refusal."""
    try:
        sources = parse_opml(data)
    except InputError as exc:
        return Outcome(config_error=str(exc))
    return Outcome(items=len(sources))


def run_config(data: bytes, environ: dict[str, str] | None = None) -> Outcome:
    """newsdesk.toml: loaded, its sources resolved and a fetcher built from it, as `newsdesk run`
    does before any source is read; a `ConfigError` (or another NewsdeskError naming the setting)
    is the clear refusal."""
    path = _write("newsdesk.toml", data)
    try:
        settings = load_settings(path, environ=environ or {})
        from newsdesk.config import configured_sources

        sources = configured_sources(settings)
        Fetcher(settings.fetch).close()
        settings.db_url  # noqa: B018 - builds the URL from data_dir
    except ConfigError as exc:
        return Outcome(config_error=str(exc))
    except NewsdeskError as exc:  # FetchError on an unusable fetch section
        return Outcome(config_error=f"{type(exc).__name__}: {exc}")
    # Each source's own rules (drop_selectors, title_suffix) applied to a page, as extraction
    # applies them to every article of the source.
    from newsdesk.extract import extract as extract_item

    outcome = Outcome(items=len(sources))
    for source in sources[:3]:
        raw = RawItem(
            source.id,
            f"https://{HOST}/article",
            datetime(2024, 7, 2, tzinfo=UTC),
            LINKED_PAGE,
            "text/html",
        )
        result = extract_item(raw, source, settings.extract)
        if isinstance(result, Rejection):
            _check_rejection(result, EXTRACT_REASONS)
            outcome.rejections["extract:" + result.reason] += 1
    return outcome


@dataclass(frozen=True)
class Target:
    """One reader: its name, how to run it on bytes, and where its seed inputs come from."""

    name: str
    run: Callable[[bytes], Outcome]
    description: str


TARGETS: dict[str, Target] = {
    t.name: t
    for t in (
        Target("feed", run_feed, "RSS 0.9x/1.0/2.0 and Atom through read_feed"),
        Target("jsonfeed", lambda d: run_feed(d, "application/feed+json"), "JSON Feed"),
        Target("sitemap", run_sitemap, "sitemaps, sitemap indexes, text lists"),
        Target("opml", run_opml, "OPML feed-list imports"),
        Target("jsonl", run_jsonl, "JSONL corpora"),
        Target("warc", run_warc, "WARC archives"),
        Target("folder", run_folder, "folders and their metadata.json"),
        Target("html", run_html, "HTML extraction (extract stage)"),
        Target("parquet", run_parquet, "Parquet input of the audit"),
        Target("config", run_config, "newsdesk.toml"),
    )
}
