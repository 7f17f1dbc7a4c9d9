"""A small, fast byte-mutation engine over a seed corpus, driven by one `random.Random`.

Each mutation is one of the things that happen to documents in the wild or in a hostile source:
cut short, bits flipped, bytes inserted or deleted, a stretch repeated (deep nesting, huge
fields), NUL bytes, numbers made huge, dates made impossible, the whole text re-encoded in
the wrong encoding (UTF-16 without BOM, Latin-1, invalid UTF-8), two seeds spliced together.
The same seed and random state always give the same bytes, so a failure found by a long run
can be replayed from its (target, seed index, state) alone.
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable, Sequence

#: Inputs are kept below this size: big enough to cross `targets.SETTINGS.max_bytes` (200 kB)
#: now and then, small enough that one input costs milliseconds, not seconds.
MAX_SIZE = 256 * 1024

#: Tokens that break parsers: markup, numbers, dates, encodings and control characters.
TOKENS: tuple[bytes, ...] = (
    b"\x00",
    b"\x00\x00\x00\x00",
    b"\xff\xfe",
    b"\xfe\xff",
    b"\xef\xbb\xbf",
    b"\xed\xa0\x80",  # a UTF-8-encoded surrogate: invalid UTF-8
    b"\xc3",  # a cut multi-byte sequence
    b"\xe2\x80\xa8",  # LINE SEPARATOR
    b"\r",
    b"\r\n",
    b"\x1b[31m",
    b"<![CDATA[",
    b"]]>",
    b"<!--",
    b"-->",
    b"<!DOCTYPE x [<!ENTITY e 'e'>]>",
    b"&e;",
    b"&#0;",
    b"&#xD800;",
    b"&#x110000;",
    b"&#99999999999;",
    b"&amp;",
    b'xmlns="http://www.w3.org/2005/Atom"',
    b"<script>alert(1)</script>",
    b"<html>",
    b"</body>",
    b"<p>",
    b"<div>" * 64,
    b"[" * 64,
    b"{" * 64,
    b'{"a":' * 64,
    b"1e308",
    b"-1e999",
    b"Infinity",
    b"-Infinity",
    b"NaN",
    b"99999999999999999999999999999999",
    b"-9223372036854775809",
    b"18446744073709551616",
    b"0x7fffffff",
    b"null",
    b"true",
    b'""',
    b'"\\ud800"',
    b'"\\u0000"',
    b"9999-12-31T23:59:59Z",
    b"0000-00-00T00:00:00",
    b"2024-02-30T25:61:61+99:99",
    b"Fri, 31 Feb 2024 25:61:00 +9999",
    b"-62135596800",
    b"253402300800",
    b"javascript:alert(1)",
    b"http://[::1",
    b"http://127.0.0.1:99999/",
    b"file:///etc/passwd",
    b"~nosuchuser/x",
    b"../../../../etc/passwd",
    b"=",
    b'"""',
    b"[[sources]]\n",
    b"\n[fetch]\n",
)

_NUMBER = re.compile(rb"-?\d+(?:\.\d+)?")
_DATE = re.compile(rb"\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2})?)?|\w{3}, \d{2} \w{3} \d{4}")
ENCODINGS = ("utf-16-le", "utf-16-be", "utf-16", "utf-32", "latin-1", "cp1252", "cp037")

Mutation = Callable[[bytes, random.Random, Sequence[bytes]], bytes]


def _span(data: bytes, rng: random.Random, longest: int = 64) -> tuple[int, int]:
    start = rng.randrange(len(data) + 1)
    return start, min(len(data), start + rng.randint(1, longest))


def flip_bits(data: bytes, rng: random.Random, _: Sequence[bytes]) -> bytes:
    if not data:
        return data
    out = bytearray(data)
    for _i in range(rng.randint(1, 8)):
        out[rng.randrange(len(out))] ^= 1 << rng.randrange(8)
    return bytes(out)


def random_bytes(data: bytes, rng: random.Random, _: Sequence[bytes]) -> bytes:
    start, end = _span(data, rng, 16)
    return data[:start] + rng.randbytes(rng.randint(1, 16)) + data[end:]


def insert_token(data: bytes, rng: random.Random, _: Sequence[bytes]) -> bytes:
    at = rng.randrange(len(data) + 1)
    return data[:at] + rng.choice(TOKENS) + data[at:]


def replace_with_token(data: bytes, rng: random.Random, _: Sequence[bytes]) -> bytes:
    start, end = _span(data, rng, 24)
    return data[:start] + rng.choice(TOKENS) + data[end:]


def delete(data: bytes, rng: random.Random, _: Sequence[bytes]) -> bytes:
    start, end = _span(data, rng, 256)
    return data[:start] + data[end:]


def truncate(data: bytes, rng: random.Random, _: Sequence[bytes]) -> bytes:
    return data[: rng.randrange(len(data) + 1)]


def repeat(data: bytes, rng: random.Random, _: Sequence[bytes]) -> bytes:
    """A stretch repeated many times: deep nesting, huge fields, thousands of entries."""
    start, end = _span(data, rng, 128)
    times = rng.choice((2, 16, 256, 4096))
    return data[:start] + data[start:end] * times + data[end:]


def splice(data: bytes, rng: random.Random, corpus: Sequence[bytes]) -> bytes:
    other = rng.choice(corpus) if corpus else data
    a = rng.randrange(len(data) + 1)
    b = rng.randrange(len(other) + 1)
    return data[:a] + other[b:] if rng.random() < 0.5 else other[:b] + data[a:]


def huge_number(data: bytes, rng: random.Random, _: Sequence[bytes]) -> bytes:
    numbers = list(_NUMBER.finditer(data))
    if not numbers:
        return insert_token(data, rng, ())
    match = rng.choice(numbers)
    big = rng.choice((b"1e308", b"-1e308", b"9" * 40, b"-" + b"9" * 25, b"1e-400", b"0"))
    return data[: match.start()] + big + data[match.end() :]


def bad_date(data: bytes, rng: random.Random, _: Sequence[bytes]) -> bytes:
    dates = list(_DATE.finditer(data))
    if not dates:
        return insert_token(data, rng, ())
    match = rng.choice(dates)
    bad = rng.choice(
        (
            b"9999-99-99T99:99:99",
            b"0001-01-01T00:00:00-23:59",
            b"9999-12-31T23:59:59+14:00",
            b"2024-13-45",
            b"Mon, 99 Foo 99999 99:99:99 +9999",
            b"1e308",
            b"",
        )
    )
    return data[: match.start()] + bad + data[match.end() :]


def reencode(data: bytes, rng: random.Random, _: Sequence[bytes]) -> bytes:
    """The same text in the wrong encoding (declared UTF-8, sent as UTF-16 without BOM...)."""
    text = data.decode("utf-8", "replace")
    encoding = rng.choice(ENCODINGS)
    return text.encode(encoding, "replace")


def swap(data: bytes, rng: random.Random, _: Sequence[bytes]) -> bytes:
    a, b = sorted((rng.randrange(len(data) + 1), rng.randrange(len(data) + 1)))
    c = rng.randrange(b, len(data) + 1)
    return data[:a] + data[b:c] + data[a:b] + data[c:]


def nest(data: bytes, rng: random.Random, _: Sequence[bytes]) -> bytes:
    """Deep nesting at a random place: parsers that recurse run out of stack near 1,000."""
    opening, closing = rng.choice(((b"[", b"]"), (b'{"a":', b"}"), (b"<div>", b"</div>")))
    depth = rng.choice((100, 1_000, 5_000))
    at = rng.randrange(len(data) + 1)
    return data[:at] + opening * depth + closing * rng.choice((0, depth)) + data[at:]


MUTATIONS: tuple[Mutation, ...] = (
    flip_bits,
    random_bytes,
    insert_token,
    insert_token,
    replace_with_token,
    replace_with_token,
    delete,
    truncate,
    repeat,
    splice,
    huge_number,
    huge_number,
    bad_date,
    bad_date,
    reencode,
    swap,
    nest,
)


def mutate(seed: bytes, rng: random.Random, corpus: Sequence[bytes] = (), steps: int = 0) -> bytes:
    """`seed` after 1-6 random mutations (or `steps`), kept under `MAX_SIZE`."""
    data = seed
    for _ in range(steps or rng.randint(1, 6)):
        data = rng.choice(MUTATIONS)(data, rng, corpus)
        if len(data) > MAX_SIZE:
            data = data[:MAX_SIZE]
    return data


def minimise(data: bytes, fails: Callable[[bytes], bool], budget: int = 400) -> bytes:
    """A shorter input that still fails: delete chunks, halving their size (ddmin-like)."""
    chunk = max(1, len(data) // 2)
    tries = 0
    while chunk >= 1 and tries < budget:
        start = 0
        shrunk = False
        while start < len(data) and tries < budget:
            candidate = data[:start] + data[start + chunk :]
            tries += 1
            if candidate != data and fails(candidate):
                data, shrunk = candidate, True
            else:
                start += chunk
        if not shrunk:
            chunk //= 2
    return data
