"""Test corpora built from real articles (../shared/bench-data), never from text written here.

`build_jsonl` writes OrangeSum articles as JSONL lines (some without url, so they are named
``path#line``), near-copies made by replacing words and dropping a sentence, exact duplicates
under other URLs, English/French WMT newstest2013 pseudo-documents (translations), and two bad
lines. `write_warc` writes HTML pages of the same articles into a WARC with a damaged record.
"""

from __future__ import annotations

import io
import json
import random
import re
from pathlib import Path
from typing import Any

SEED = 20251123
_SENTENCE = re.compile(r"(?<=[.!?])\s*(?=[A-ZÀ-Ý«\"])")


def articles(bench_data: Path, limit: int) -> list[dict[str, Any]]:
    path = bench_data / "french-news-clean" / "articles_fr.jsonl"
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    return rows[:limit]


def near_copy(text: str, rng: random.Random, rate: float = 0.08) -> str:
    """A copy with a share of words replaced by other words of the text and one sentence
    dropped: what a rewriting republisher does."""
    sentences = [s for s in _SENTENCE.split(text) if s]
    if len(sentences) > 3:
        del sentences[rng.randrange(1, len(sentences))]
    words = " ".join(sentences).split(" ")
    for i in range(len(words)):
        if rng.random() < rate:
            words[i] = rng.choice(words)
    return " ".join(words)


def build_records(
    bench_data: Path, n_articles: int, n_copies: int, n_translations: int
) -> list[Any]:
    rng = random.Random(SEED)
    rows = articles(bench_data, n_articles)
    out: list[Any] = []
    for i, a in enumerate(rows):
        record = {
            "title": a["title"],
            "text": f"{a['abstract']}\n\n{a['article']}",
            "published": a["date"],
            "language": "fr",
        }
        if i % 7:
            record["url"] = f"https://actu.example/{a['id']}"
        out.append(record)
    for a in rng.sample(rows, n_copies):
        out.append(
            {
                "url": f"https://copies.example/{a['id']}",
                "title": a["title"],
                "text": near_copy(f"{a['abstract']}\n\n{a['article']}", rng),
                "published": a["date"] + "T12:00:00+02:00",
            }
        )
    for a in rows[:3]:
        out.append(
            {"url": f"https://miroir.example/{a['id']}", "title": a["title"], "text": a["article"]}
        )
    out.append("{not json")
    out.append({"url": "https://vide.example/1", "title": "Sans texte"})
    wmt = bench_data / "wmt-newstest2013-en-fr"
    en = (wmt / "newstest2013.en-fr.eng").read_text(encoding="utf-8").splitlines()
    fr = (wmt / "newstest2013.en-fr.fra").read_text(encoding="utf-8").splitlines()
    for k in range(n_translations):
        lines = slice(200 + 8 * k, 208 + 8 * k)
        out.append(
            {"url": f"https://en.example/{k}", "text": "\n\n".join(en[lines]), "language": "en"}
        )
        out.append(
            {"url": f"https://fr.example/{k}", "text": "\n\n".join(fr[lines]), "language": "fr"}
        )
    return out


def write_jsonl(path: Path, records: list[Any]) -> Path:
    with path.open("w", encoding="utf-8") as fh:
        for r in records:
            fh.write((r if isinstance(r, str) else json.dumps(r, ensure_ascii=False)) + "\n")
    return path


def write_warc(path: Path, bench_data: Path, n: int) -> Path:
    """HTML pages of `n` articles, one with a damaged payload (digest mismatch) and one that is
    not text (NUL bytes), as warcio writes them."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=False)
    pages: list[tuple[str, bytes]] = []
    for a in articles(bench_data, 40)[-n:]:
        paragraphs = "".join(f"<p>{p}</p>" for p in (a["abstract"], a["article"]))
        html = f"<html><head><title>{a['title']}</title></head><body><article><h1>{a['title']}</h1>{paragraphs}</article></body></html>"
        pages.append((f"https://warc.example/{a['id']}", html.encode("utf-8")))
    pages.insert(2, ("https://warc.example/binaire", b"<html>\x00\x01\x02\x00" * 50))
    for url, payload in pages:
        http = StatusAndHeaders(
            "200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1"
        )
        record = writer.create_warc_record(
            url,
            "response",
            payload=io.BytesIO(payload),
            http_headers=http,
            warc_headers_dict={"WARC-Date": "2024-07-02T07:15:00Z"},
        )
        writer.write_record(record)
    data = buffer.getvalue()
    # Damage the first page: same length, wrong digest.
    target = pages[0][1][200:230]
    data = data.replace(target, target.upper(), 1)
    path.write_bytes(data)
    return path
