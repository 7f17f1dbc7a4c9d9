"""The stable reason codes of ingest rejections, in one table.

Codes are part of the contract: the run summary counts rejections by code, the store keeps them,
and tests assert them. Add codes; never rename one. HTTP errors use ``http_<status>`` (for example
``http_404``, ``http_500``), built by `http_reason`.
"""

from __future__ import annotations

STAGE = "ingest"

INVALID_URL = "invalid_url"
PRIVATE_ADDRESS = "private_address"
ROBOTS_DISALLOWED = "robots_disallowed"
ROBOTS_UNAVAILABLE = "robots_unavailable"
TIMEOUT = "timeout"
CONNECTION_ERROR = "connection_error"
TOO_MANY_REDIRECTS = "too_many_redirects"
REDIRECT_LOOP = "redirect_loop"
TOO_LARGE = "too_large"
BINARY_CONTENT = "binary_content"
DECODE_ERROR = "decode_error"
MALFORMED_FEED = "malformed_feed"
EMPTY_FEED = "empty_feed"
DUPLICATE_ENTRY = "duplicate_entry"
ENTRY_WITHOUT_LINK = "entry_without_link"
MALFORMED_SITEMAP = "malformed_sitemap"
EMPTY_SITEMAP = "empty_sitemap"
NOT_FOUND = "not_found"
UNSUPPORTED_FILE = "unsupported_file"
BAD_METADATA = "bad_metadata"
INVALID_JSON = "invalid_json"
MISSING_TEXT = "missing_text"
BAD_FIELD = "bad_field"
CORRUPT_RECORD = "corrupt_record"
NOT_HTML = "not_html"
UNSUPPORTED_SOURCE = "unsupported_source"
READ_ERROR = "read_error"
CORRUPT_ARCHIVE = "corrupt_archive"
OUTSIDE_FOLDER = "outside_folder"

#: code -> what it means; `http_<status>` is documented by its pattern.
REASONS: dict[str, str] = {
    INVALID_URL: "not an absolute http(s) URL, or a redirect to one",
    PRIVATE_ADDRESS: "the host resolves to a private, loopback, link-local, reserved or "
    "multicast address and the source does not allow private addresses",
    ROBOTS_DISALLOWED: "robots.txt forbids our user agent to fetch this URL",
    ROBOTS_UNAVAILABLE: "robots.txt answered a server error; RFC 9309 says to assume "
    "complete disallow until it recovers",
    TIMEOUT: "connecting, reading or the whole fetch took longer than fetch.timeout",
    CONNECTION_ERROR: "name resolution, connection or protocol failure",
    "http_<status>": "the server answered this 4xx/5xx (or unusable 3xx) status",
    TOO_MANY_REDIRECTS: "more than fetch.max_redirects redirects",
    REDIRECT_LOOP: "a redirect led back to a URL already visited in this fetch",
    TOO_LARGE: "the body (declared or streamed) exceeds fetch.max_bytes",
    BINARY_CONTENT: "a non-text media type, a binary signature, or NUL bytes in the body",
    DECODE_ERROR: "no character encoding decodes the body into plausible text",
    MALFORMED_FEED: "the feed does not parse and yields no entries",
    EMPTY_FEED: "the feed parses but has no entries",
    DUPLICATE_ENTRY: "the same link or guid appears twice in one feed",
    ENTRY_WITHOUT_LINK: "a summary-only feed entry has no link to fetch its page from",
    MALFORMED_SITEMAP: "the sitemap is not XML with <url> or <sitemap> elements",
    EMPTY_SITEMAP: "the sitemap parses but lists no URLs",
    NOT_FOUND: "the local file or folder does not exist",
    UNSUPPORTED_FILE: "a text file of a kind the folder reader does not read",
    BAD_METADATA: "metadata.json (or one of its entries) is not usable",
    INVALID_JSON: "a JSONL line is not a JSON object",
    MISSING_TEXT: "a JSONL line has no non-empty string `text`",
    BAD_FIELD: "a JSONL field has the wrong type or an unparsable date",
    CORRUPT_RECORD: "a WARC record cannot be parsed or fails its digest",
    NOT_HTML: "a WARC response record whose payload is not HTML or text",
    UNSUPPORTED_SOURCE: "no reader for this source kind, or a network source without a fetcher",
    READ_ERROR: "the operating system refused to read a local file",
    CORRUPT_ARCHIVE: "a compressed file (.gz, .bz2, .xz, .zst) does not decompress: truncated, "
    "damaged or not what its name says",
    OUTSIDE_FOLDER: "a symbolic link in a folder source leads to a file or folder outside it",
}


def http_reason(status: int) -> str:
    """The reason code of an HTTP status that ends a fetch: ``http_404``, ``http_503``..."""
    return f"http_{status}"
