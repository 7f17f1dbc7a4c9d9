"""Quote findings (and every finding >= warning) on professional text nobody tuned the audit to.

    .venv/bin/python benchmarks/audit_quotes.py [--out DIR] [--orangesum N] [--no-html]

Reads, as `newsdesk audit` does (extraction without cleaning, language identified by
newsdesk.language), the HTML pages of ../shared/bench-data/extraction-trafilatura-multilingual
and ../shared/bench-data/extraction-aeb-en, and the first N articles of
../shared/bench-data/orangesum-train (title + article, language fr; the dataset glues paragraphs
without a separator, which is not a defect). Prints, per corpus and per language, the number of
documents, of quote-class findings and of findings >= warning, and writes every finding with
its context to DIR/findings.jsonl so that each can be judged (benchmarks/judged/quotes.jsonl).
Also prints how many pages were rejected as too short, per language: pages in languages
written without spaces must not be rejected for their "word" count.
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
from collections import Counter, defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DATA = REPO.parent / "shared" / "bench-data"
MULTI = DATA / "extraction-trafilatura-multilingual"
AEB = DATA / "extraction-aeb-en"
ORANGESUM = DATA / "orangesum-train" / "articles_fr.jsonl.gz"

QUOTE_CLASSES = frozenset({"unbalanced-quotes", "misplaced-quotes", "mismatched-quotes"})


def _html_documents(folder: Path) -> list[tuple[str, str, str | None, str | None, str]]:
    """(name, text, language, title, annotated language) of each page, or a rejection row."""
    from newsdesk.audit.documents import read_corpus
    from newsdesk.config import Settings
    from newsdesk.types import Rejection

    annotated: dict[str, str] = {}
    ann = folder / "annotations.json"
    if ann.exists():
        for info in json.loads(ann.read_text(encoding="utf-8")).values():
            annotated[Path(info["file"]).name] = info.get("lang") or "und"
    out = []
    for doc in read_corpus([str(folder / "html")], Settings()):
        if isinstance(doc, Rejection):
            name = Path(doc.item).name
            out.append((doc.item, "", None, None, f"REJECTED:{doc.reason}:{annotated.get(name)}"))
            continue
        name = Path(doc.name).name
        out.append((doc.name, doc.text, doc.language, doc.title or None, annotated.get(name, "en")))
    return out


def _orangesum(n: int) -> list[tuple[str, str, str | None, str | None, str]]:
    out = []
    with gzip.open(ORANGESUM, "rt", encoding="utf-8") as fh:
        for i, line in enumerate(fh):
            if i >= n:
                break
            item = json.loads(line)
            text = item["title"] + "\n\n" + item["article"]
            out.append((f"orangesum:{item['id']}", text, "fr", item["title"], "fr"))
    return out


def run(corpus: str, docs: list[tuple[str, str, str | None, str | None, str]], sink) -> None:
    from newsdesk.detect import detect
    from newsdesk.types import Severity

    per_lang: dict[str, Counter[str]] = defaultdict(Counter)
    rejected: Counter[str] = Counter()
    for name, text, language, title, annotated in docs:
        if annotated.startswith("REJECTED:"):
            _, reason, lang = annotated.split(":", 2)
            rejected[f"{reason}/{lang}"] += 1
            continue
        lang = annotated
        c = per_lang[lang]
        c["documents"] += 1
        for f in detect(text, language=language, title=title):
            if f.severity != Severity.INFO:
                c[">=warning"] += 1
                c[f"{f.category}"] += 1
            if f.severity == Severity.ERROR:
                c["error"] += 1
            if f.category in QUOTE_CLASSES:
                c["quote-any"] += 1
            if f.category in QUOTE_CLASSES or f.severity != Severity.INFO:
                sink.write(
                    json.dumps(
                        {
                            "corpus": corpus,
                            "document": name,
                            "language": lang,
                            "detected_language": language,
                            "class": f.category,
                            "severity": f.severity.value,
                            "start": f.start,
                            "end": f.end,
                            "excerpt": f.excerpt,
                            "context": text[max(0, f.start - 100) : f.end + 100],
                            "message": f.message,
                        },
                        ensure_ascii=False,
                    )
                    + "\n"
                )
    total: Counter[str] = Counter()
    print(f"== {corpus}")
    for lang in sorted(per_lang, key=lambda k: -per_lang[k]["documents"]):
        c = per_lang[lang]
        total.update(c)
        quote_w = sum(v for k, v in c.items() if k in QUOTE_CLASSES)
        print(
            f"  {lang:4s} docs {c['documents']:5d}  quote findings (any severity) {c['quote-any']:4d}"
            f"  quote >=warning {quote_w:4d}  all >=warning {c['>=warning']:4d}  errors {c['error']:3d}"
        )
    quote_w = sum(v for k, v in total.items() if k in QUOTE_CLASSES)
    print(
        f"  all  docs {total['documents']:5d}  quote findings (any severity) {total['quote-any']:4d}"
        f"  quote >=warning {quote_w:4d}  all >=warning {total['>=warning']:4d}"
        f"  errors {total['error']:3d}"
    )
    by_class = {k: v for k, v in total.items() if "-" in k and k not in ("quote-any",)}
    print(f"  >=warning by class: {dict(sorted(by_class.items()))}")
    if rejected:
        print(f"  rejected (reason/annotated language): {dict(rejected)}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, default=Path("/tmp/audit_quotes"))
    ap.add_argument("--orangesum", type=int, default=5000, help="articles of orangesum-train")
    ap.add_argument("--no-html", action="store_true", help="skip the HTML corpora")
    args = ap.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    sys.setrecursionlimit(10_000)
    with (args.out / "findings.jsonl").open("w", encoding="utf-8") as sink:
        if not args.no_html:
            run("trafilatura-multilingual", _html_documents(MULTI), sink)
            run("aeb-en", _html_documents(AEB), sink)
        if args.orangesum:
            run("orangesum-train", _orangesum(args.orangesum), sink)
    print(f"findings written to {args.out / 'findings.jsonl'}")


if __name__ == "__main__":
    main()
