"""Structure-aware fuzzing: valid-looking documents of each format with awkward fields, damaged.

Each test asserts the invariant of issue 20 for one reader: the input is consumed to the end
and every bad item is a Rejection with a known reason code (or, for configuration and OPML, a
clear ConfigError / InputError); anything raised fails the test with the shrunk input.
"""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from . import strategies as s
from .targets import (
    FEED_CONTENT_TYPES,
    run_config,
    run_feed,
    run_html,
    run_jsonl,
    run_opml,
    run_parquet,
    run_sitemap,
    run_warc,
)


@s.fuzz_settings(80)
@given(s.damaged(st.one_of(s.rss_feeds(), s.atom_feeds())), st.sampled_from(FEED_CONTENT_TYPES))
def test_rss_and_atom_feeds(data: bytes, content_type: str) -> None:
    run_feed(data, content_type)


@s.fuzz_settings(80)
@given(s.damaged(s.json_feeds()), st.sampled_from(("application/feed+json", "application/json")))
def test_json_feeds(data: bytes, content_type: str) -> None:
    run_feed(data, content_type)


@s.fuzz_settings(80)
@given(s.damaged(s.sitemaps()), st.sampled_from(("application/xml", "text/plain", "")))
def test_sitemaps(data: bytes, content_type: str) -> None:
    run_sitemap(data, content_type)


@s.fuzz_settings(80)
@given(s.damaged(s.opml_documents()))
def test_opml_imports(data: bytes) -> None:
    run_opml(data)


@s.fuzz_settings(80)
@given(s.damaged(s.jsonl_files()))
def test_jsonl_files(data: bytes) -> None:
    run_jsonl(data)


@s.fuzz_settings(40)
@given(s.damaged(s.warc_files()))
def test_warc_files(data: bytes) -> None:
    run_warc(data)


@s.fuzz_settings(40)
@given(s.html_documents(), st.integers(0, 3), st.integers(0, 2**32))
def test_html_extraction(document: tuple[bytes, str, str | None], steps: int, seed: int) -> None:
    import random

    from .mutate import mutate

    data, media_type, declared = document
    if steps:
        data = mutate(data, random.Random(seed), (), steps)
    run_html(data, media_type, declared)


@s.fuzz_settings(60)
@given(s.parquet_files())
def test_parquet_rows(data: bytes) -> None:
    run_parquet(data)


@s.fuzz_settings(60)
@given(s.damaged(s.parquet_files()))
def test_damaged_parquet_files(data: bytes) -> None:
    run_parquet(data)


@s.fuzz_settings(120)
@given(s.config_files())
def test_configuration_files(data: bytes) -> None:
    run_config(data)


@s.fuzz_settings(60)
@given(
    st.dictionaries(
        st.sampled_from(
            (
                "NEWSDESK_FETCH__TIMEOUT",
                "NEWSDESK_FETCH__MAX_BYTES",
                "NEWSDESK_FETCH__MAX_REDIRECTS",
                "NEWSDESK_FETCH__PER_HOST_INTERVAL",
                "NEWSDESK_EXTRACT__MIN_WORDS",
                "NEWSDESK_DATA_DIR",
                "NEWSDESK_SOURCES",
                "NEWSDESK_DESK__SESSION_HOURS",
            )
        ),
        st.one_of(s.toml_values, st.text(max_size=10)).map(lambda v: v.replace("\x00", "")),
    )
)
def test_environment_overrides(environ: dict[str, str]) -> None:
    run_config(b"", environ)
