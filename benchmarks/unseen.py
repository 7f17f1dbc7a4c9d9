"""False alarms on professional text nobody tuned the audit to (issue 16), with their verdicts.

    .venv/bin/python benchmarks/unseen.py [--orangesum N]     # also section 5 of detectors.py

Corpora (../shared/bench-data): the first N articles of orangesum-train (title + article,
French; the dataset glues paragraphs without a separator, which is not a defect), and the HTML
pages of extraction-trafilatura-multilingual and extraction-aeb-en, read as `newsdesk audit`
reads them (extraction without cleaning, each page's URL and the fact that it is HTML passed to
the detectors). Every finding of severity warning or error is printed with its verdict from the
judged files of benchmarks/judged/ (matched on document, class and excerpt: `real` — a real slip
or real residue of the source —, `false`, or `unjudged`), and counted per 100 documents, per
corpus, per language and per genre.

Targets (issue 16): OrangeSum ≤ 1 finding ≥ warning and ≤ 0.2 errors per 100 articles; HTML
pages ≤ 2 findings ≥ warning that are not real per 100 pages, and ≤ 0.5 errors per 100. An
unjudged finding counts as not real until someone judges it.
"""

from __future__ import annotations

import argparse
import gzip
import json
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DATA = REPO.parent / "shared" / "bench-data"
JUDGED = REPO / "benchmarks" / "judged"
AEB = DATA / "extraction-aeb-en"
MULTI = DATA / "extraction-trafilatura-multilingual"
ORANGESUM = DATA / "orangesum-train" / "articles_fr.jsonl.gz"


@dataclass(frozen=True)
class Doc:
    name: str
    corpus: str
    text: str
    language: str | None
    title: str | None
    url: str | None
    html: bool


def _relative(path: Path) -> str:
    """The name the judged files use: relative to the repository, like ../shared/bench-data/…"""
    return "../" + str(path.resolve().relative_to(REPO.parent.resolve()))


def html_pages() -> Iterator[Doc]:
    from newsdesk.audit.documents import read_corpus
    from newsdesk.config import Settings

    urls: dict[str, str] = {}
    for key, item in json.loads((AEB / "ground-truth.json").read_text()).items():
        urls[_relative(AEB / "html" / f"{key}.html.gz")] = item["url"]
    for url, item in json.loads((MULTI / "annotations.json").read_text()).items():
        urls[_relative(MULTI / item["file"])] = url
    for corpus, folder in (("aeb-en", AEB / "html"), ("trafilatura-multilingual", MULTI / "html")):
        for doc in read_corpus([_relative(folder)], Settings()):
            if hasattr(doc, "text"):
                name = doc.name  # type: ignore[union-attr]
                yield Doc(
                    name,
                    corpus,
                    doc.text,  # type: ignore[union-attr]
                    doc.language,  # type: ignore[union-attr]
                    doc.title or None,  # type: ignore[union-attr]
                    urls.get(name),
                    True,
                )


def orangesum(n: int) -> Iterator[Doc]:
    with gzip.open(ORANGESUM, "rt", encoding="utf-8") as lines:
        for i, line in enumerate(lines):
            if i >= n:
                return
            item = json.loads(line)
            text = item["title"] + "\n\n" + item["article"]
            yield Doc(
                f"orangesum:{item['id']}", "orangesum", text, "fr", item["title"], None, False
            )


def verdicts() -> dict[tuple[str, str, str], str]:
    judged: dict[tuple[str, str, str], str] = {}
    for path in sorted(JUDGED.glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                row = json.loads(line)
                judged[(row["document"], row["class"], row["excerpt"])] = row["verdict"]
    return judged


def unseen(n_orangesum: int) -> bool:
    """Print the section; True when every target is met."""
    from newsdesk.detect import detect_document
    from newsdesk.detect.document import Document
    from newsdesk.detect.genre import genre_of
    from newsdesk.types import Severity

    if not ORANGESUM.is_file() or not AEB.is_dir():
        print("\n5. Unseen professional text: ../shared/bench-data is missing, skipped")
        return True
    judged = verdicts()
    # group -> [documents, warning+, errors, not real (false or unjudged) warning+, unjudged]
    groups: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0, 0, 0, 0])
    printed: list[str] = []
    docs = [*orangesum(n_orangesum), *html_pages()]
    for d in docs:
        doc = Document(d.text, language=d.language, title=d.title, url=d.url, html=d.html)
        corpus = "orangesum" if d.corpus == "orangesum" else "html"
        keys = [(corpus, "all"), (corpus, f"language {doc.language or '?'}")]
        if corpus == "html":
            keys.append((corpus, f"genre {genre_of(doc).kind}"))
        for key in keys:
            groups[key][0] += 1
        for f in detect_document(doc):
            if f.severity == Severity.INFO:
                continue
            verdict = judged.get((d.name, f.category, f.excerpt), "unjudged")
            for key in keys:
                g = groups[key]
                g[1] += 1
                g[2] += f.severity == Severity.ERROR
                g[3] += verdict != "real"
                g[4] += verdict == "unjudged"
            excerpt = " ".join(f.excerpt.split())[:90]
            printed.append(
                f"  {verdict:8} {f.severity.value:7} {f.category:22} {d.name[-48:]:48} « {excerpt} »"
            )
    print(
        f"\n5. Unseen professional text: {n_orangesum:,} OrangeSum articles and "
        f"{groups[('html', 'all')][0]} HTML pages (per 100 documents)"
    )
    print(
        f"  {'group':34} {'docs':>6} {'warning+':>9} {'errors':>7} {'not real':>9} {'unjudged':>9}"
    )
    for key in sorted(groups, key=lambda k: (k[0], k[1] != "all", -groups[k][0], k[1])):
        n, w, e, bad, unj = groups[key]
        print(
            f"  {key[0] + ' ' + key[1]:34} {n:6d} {100 * w / n:9.2f} {100 * e / n:7.2f} "
            f"{100 * bad / n:9.2f} {unj:9d}"
        )
    print("  every finding of severity warning or error, with its verdict:")
    print("\n".join(printed) if printed else "  (none)")
    o, h = groups[("orangesum", "all")], groups[("html", "all")]
    checks = [
        ("OrangeSum warning+ <= 1 per 100", 100 * o[1] / max(1, o[0]) <= 1.0),
        ("OrangeSum errors <= 0.2 per 100", 100 * o[2] / max(1, o[0]) <= 0.2),
        ("HTML not-real warning+ <= 2 per 100", 100 * h[3] / max(1, h[0]) <= 2.0),
        ("HTML errors <= 0.5 per 100", 100 * h[2] / max(1, h[0]) <= 0.5),
    ]
    for label, ok in checks:
        print(f"  target {label}: {'met' if ok else 'MISSED'}")
    return all(ok for _, ok in checks)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--orangesum", type=int, default=5000, help="OrangeSum articles (first N)")
    args = ap.parse_args()
    unseen(args.orangesum)


if __name__ == "__main__":
    main()
