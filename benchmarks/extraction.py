"""Extraction quality and speed: newsdesk's extract stage against plain trafilatura, same pages,
same run.

    .venv/bin/python benchmarks/extraction.py [--quick] [--show-removals]

1. ../shared/bench-data/extraction-aeb-en (181 English pages with the expected article body).
   Scoring is the upstream benchmark's own (scrapinghub/article-extraction-benchmark,
   evaluate.py): tokens are ``\\w+`` runs; TP/FP/FN are counted over 4-token shingles (multiset
   intersection) and normalised per page so long pages do not weigh more; precision is the mean
   of per-page precisions, recall the mean of per-page recalls, F1 the harmonic mean of the two
   means. The same with single tokens (bag of words, n=1) is printed too. Both extractors output
   the body only (the ground truth has no title).
2. ../shared/bench-data/extraction-trafilatura-multilingual, the 27 French pages: segments that
   must / must not appear; counted as in trafilatura's tests/evaluate.py (a `with` segment found
   is a TP, missing a FN; a `without` segment found is a FP, absent a TN).
3. Cleaning precision: every line our cleaning removed on the AEB pages, and whether it belongs
   to the ground-truth body (it should never).

"ours" is the whole extract stage (decode, trafilatura with metadata, our cleaning, language
identification per paragraph), timed per page; "trafilatura" is ``trafilatura.extract(html,
include_comments=False)`` as in the upstream runner. Speeds are wall-clock on a shared 2-core
machine: indicative only.
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import statistics
import sys
import time
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
BENCH = REPO.parent / "shared" / "bench-data"
AEB = BENCH / "extraction-aeb-en"
MULTI = BENCH / "extraction-trafilatura-multilingual"
QUICK_PAGES = 30

_TOKEN = re.compile(r"\w+", re.UNICODE)


def shingles(text: str, n: int) -> Counter[tuple[str, ...]]:
    tokens = _TOKEN.findall(text or "")
    return Counter(
        tuple(tokens[i : i + n]) for i in range(max(1, len(tokens) - n + 1)) if tokens[i : i + n]
    )


def tp_fp_fn(true: str, pred: str, n: int) -> tuple[float, float, float]:
    """Upstream `string_shingle_matching`: multiset overlap of n-token shingles, normalised."""
    t, p = shingles(true, n), shingles(pred, n)
    tp = sum((t & p).values())
    fp = sum((p - t).values())
    fn = sum((t - p).values())
    s = tp + fp + fn
    return (tp / s, fp / s, fn / s) if s else (0.0, 0.0, 0.0)


def metrics(rows: list[tuple[float, float, float]]) -> tuple[float, float, float]:
    """Upstream `metrics_from_tp_fp_fns`: mean per-page P and R, F1 of the means."""

    def prec(tp: float, fp: float, fn: float) -> float:
        return 1.0 if fp == fn == 0 else (0.0 if tp == fp == 0 else tp / (tp + fp))

    def rec(tp: float, fp: float, fn: float) -> float:
        return 1.0 if fp == fn == 0 else (0.0 if tp == fn == 0 else tp / (tp + fn))

    p = statistics.mean(prec(*r) for r in rows if r[0] + r[1] > 0)
    r = statistics.mean(rec(*x) for x in rows if x[0] + x[2] > 0)
    return p, r, 2 * p * r / (p + r) if p + r else 0.0


def _raw(content: bytes, url: str):  # type: ignore[no-untyped-def]
    from newsdesk.types import RawItem

    return RawItem(
        source_id="bench",
        url=url,
        fetched_at=datetime.now(UTC),
        content=content,
        media_type="text/html",
    )


def _ours(content: bytes, url: str, settings, clean: bool = True) -> tuple[str, object]:  # type: ignore[no-untyped-def]
    from newsdesk.extract import extract
    from newsdesk.types import Rejection

    result = extract(_raw(content, url), None, settings, clean=clean)
    return ("" if isinstance(result, Rejection) else result.text), result


def aeb(quick: bool, show_removals: bool) -> dict[str, float]:
    import trafilatura

    from newsdesk.config import ExtractSettings
    from newsdesk.extract import clean
    from newsdesk.extract.html import NoArticle, extract_html

    truth = json.loads((AEB / "ground-truth.json").read_text(encoding="utf-8"))
    ids = sorted(truth)[:QUICK_PAGES] if quick else sorted(truth)
    # Measure extraction, not the desk's length policy: accept any non-empty body.
    settings = ExtractSettings(min_words=1)
    pages = {i: gzip.decompress((AEB / "html" / f"{i}.html.gz").read_bytes()) for i in ids}
    # Warm up both (imports, model loading) outside the timed loop.
    trafilatura.extract(pages[ids[0]].decode("utf-8", "replace"), include_comments=False)
    _ours(pages[ids[0]], truth[ids[0]]["url"], settings)

    rows: dict[str, dict[int, list[tuple[float, float, float]]]] = {
        "trafilatura": {1: [], 4: []},
        "ours": {1: [], 4: []},
    }
    times = {"trafilatura": 0.0, "ours": 0.0}
    rejected = Counter[str]()
    for i in ids:
        html = pages[i]
        t0 = time.perf_counter()
        plain = trafilatura.extract(html.decode("utf-8", "replace"), include_comments=False) or ""
        t1 = time.perf_counter()
        ours, result = _ours(html, truth[i]["url"], settings)
        t2 = time.perf_counter()
        times["trafilatura"] += t1 - t0
        times["ours"] += t2 - t1
        if not ours:
            rejected[getattr(result, "reason", "?")] += 1
        for n in (1, 4):
            rows["trafilatura"][n].append(tp_fp_fn(truth[i]["articleBody"], plain, n))
            rows["ours"][n].append(tp_fp_fn(truth[i]["articleBody"], ours, n))

    print(f"== extraction-aeb-en: {len(ids)} English pages (upstream scoring) ==")
    print(
        f"{'extractor':<14}{'P(4-gram)':>10}{'R':>8}{'F1':>8}   {'P(token)':>9}{'R':>8}{'F1':>8}   pages/s"
    )
    out: dict[str, float] = {}
    for name in ("trafilatura", "ours"):
        p4, r4, f4 = metrics(rows[name][4])
        p1, r1, f1 = metrics(rows[name][1])
        speed = len(ids) / times[name]
        out[f"{name}_f1"] = f4
        out[f"{name}_token_f1"] = f1
        print(
            f"{name:<14}{p4:>10.3f}{r4:>8.3f}{f4:>8.3f}   {p1:>9.3f}{r1:>8.3f}{f1:>8.3f}   {speed:7.1f}"
        )
    if rejected:
        print(f"ours: pages with no body: {dict(rejected)}")

    # Cleaning precision: is any removed line part of the expected body?
    removed = Counter[str]()
    wrong: list[tuple[str, str]] = []
    for i in ids:
        try:
            ex = extract_html(pages[i].decode("utf-8", "replace"), truth[i]["url"])
        except NoArticle:
            continue
        result = clean(ex.title, ex.paragraphs, site_names=(ex.site_name,))
        gold = " ".join(_TOKEN.findall(truth[i]["articleBody"]))
        for r in result.removals:
            removed[r.reason] += 1
            tokens = " ".join(_TOKEN.findall(r.text))
            in_gold = bool(tokens) and len(tokens.split()) >= 3 and f" {tokens} " in f" {gold} "
            if in_gold and r.reason != "title_site_name":
                wrong.append((r.reason, r.text))
            if show_removals:
                print(f"   [{'IN BODY' if in_gold else 'ok'}] {r.reason}: {r.text[:100]!r}")
    print(
        f"cleaning removals on these pages: {dict(removed)}; "
        f"of which part of the ground-truth body: {len(wrong)}"
    )
    for reason, text in wrong:
        print(f"   IN BODY {reason}: {text[:120]!r}")
    out["cleaning_removed_in_body"] = len(wrong)
    return out


def multilingual_fr(quick: bool) -> None:
    import trafilatura

    from newsdesk.config import ExtractSettings

    data = json.loads((MULTI / "annotations.json").read_text(encoding="utf-8"))
    pages = [(url, v) for url, v in data.items() if v.get("lang") == "fr"]
    if quick:
        pages = pages[:10]
    settings = ExtractSettings(min_words=1)
    counts = {"trafilatura": Counter[str](), "ours": Counter[str]()}
    for url, v in pages:
        html = gzip.decompress((MULTI / v["file"]).read_bytes())
        texts = {
            "trafilatura": trafilatura.extract(
                html.decode("utf-8", "replace"), include_comments=False
            )
            or "",
            "ours": _ours(html, url, settings)[0],
        }
        for name, text in texts.items():
            flat = " ".join(text.split())
            for seg in v["with"]:
                counts[name]["tp" if " ".join(seg.split()) in flat else "fn"] += 1
            for seg in v["without"]:
                counts[name]["fp" if " ".join(seg.split()) in flat else "tn"] += 1
    print(f"\n== extraction-trafilatura-multilingual: {len(pages)} French pages (segments) ==")
    print(f"{'extractor':<14}{'P':>8}{'R':>8}{'F1':>8}{'acc':>8}   tp/fn/fp/tn")
    for name, c in counts.items():
        p = c["tp"] / (c["tp"] + c["fp"]) if c["tp"] + c["fp"] else 0.0
        r = c["tp"] / (c["tp"] + c["fn"]) if c["tp"] + c["fn"] else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        acc = (c["tp"] + c["tn"]) / max(1, sum(c.values()))
        print(
            f"{name:<14}{p:>8.3f}{r:>8.3f}{f:>8.3f}{acc:>8.3f}   "
            f"{c['tp']}/{c['fn']}/{c['fp']}/{c['tn']}"
        )


def language(quick: bool) -> None:
    """Language identification and sentence splitting: speed on French news, and accuracy on
    short WMT fragments (what the detectors will ask about)."""
    import random

    from newsdesk.language import NEWS_LANGUAGES, identify, identify_many, split_sentences
    from newsdesk.language.identify import _identify_cached

    clean_fr = BENCH / "french-news-clean" / "articles_fr.jsonl"
    wmt = BENCH / "wmt-newstest2013-en-fr"
    if not clean_fr.is_dir() and not clean_fr.is_file():
        return
    records = [json.loads(x) for x in clean_fr.read_text(encoding="utf-8").splitlines() if x]
    if quick:
        records = records[:50]
    texts = [r["article"] for r in records]
    identify("amorçage du modèle")  # load outside the timed part
    t0 = time.perf_counter()
    spans = [split_sentences(t) for t in texts]
    t_split = time.perf_counter() - t0
    sents = [t[a:b] for t, sp in zip(texts, spans, strict=True) for a, b in sp]
    frags = [" ".join(s.split()[i : i + 4]) for s in sents for i in range(0, len(s.split()) - 3, 4)]
    t0 = time.perf_counter()
    for s in sents:
        identify(s)
    t_sent = time.perf_counter() - t0
    _identify_cached.cache_clear()
    t0 = time.perf_counter()
    identify_many(frags)
    t_frag = time.perf_counter() - t0
    print(f"\n== language: {len(texts)} French clean articles ==")
    print(
        f"sentence splitting: {len(texts) / t_split:,.0f} articles/s, {len(sents) / t_split:,.0f} sentences/s"
    )
    print(f"identify, sentences: {len(sents) / t_sent:,.0f} spans/s ({len(sents)} sentences)")
    print(
        f"identify_many, 4-word fragments (cold cache): {len(frags) / t_frag:,.0f} spans/s ({len(frags)})"
    )
    if not wmt.is_dir():
        return
    rng = random.Random(0)
    for limit in (25, 40):
        for label, cands in (("all languages", None), ("NEWS_LANGUAGES", NEWS_LANGUAGES)):
            ok = total = 0
            for lang, ext in (("en", "eng"), ("fr", "fra")):
                lines = (wmt / f"newstest2013.en-fr.{ext}").read_text(encoding="utf-8").splitlines()
                for line in lines[: 300 if quick else 1500]:
                    words = line.split()
                    if len(words) < 3:
                        continue
                    i = rng.randrange(len(words) - 2)
                    frag: list[str] = []
                    while i < len(words) and len(" ".join([*frag, words[i]])) <= limit:
                        frag.append(words[i])
                        i += 1
                    if len(" ".join(frag)) < 8:
                        continue
                    total += 1
                    ok += identify(" ".join(frag), candidates=cands)[0] == lang
            print(
                f"accuracy on WMT en/fr fragments <= {limit} chars, {label}: {ok / total:.3f} ({total})"
            )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help=f"first {QUICK_PAGES} pages only")
    parser.add_argument("--show-removals", action="store_true", help="print every removed line")
    args = parser.parse_args()
    if not AEB.is_dir():
        print(f"benchmark data not found: {AEB}", file=sys.stderr)
        return 2
    result = aeb(args.quick, args.show_removals)
    if MULTI.is_dir():
        multilingual_fr(args.quick)
    language(args.quick)
    print("\n(speeds: wall-clock on a shared 2-core machine, indicative only)")
    if result["ours_f1"] + 1e-9 < result["trafilatura_f1"]:
        print("WARNING: our cleaning lowered F1 below plain trafilatura", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
