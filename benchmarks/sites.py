"""Site profiles and the network between sites, on a generated web of 42 sites over 30 days.

    .venv/bin/python benchmarks/sites.py            # clean, then noisy setting, then the samples
    .venv/bin/python benchmarks/sites.py --quick    # 5 articles a site instead of 10
    .venv/bin/python benchmarks/sites.py --setting noisy --seed 3

The web (seeded, reproducible), written as one JSONL corpus and audited by `run_audit`:
- 10 English outlets publish articles built from consecutive lines of WMT newstest2013
  (../shared/bench-data/wmt-newstest2013-en-fr): the first line is the title, the next ones the
  body.
- 12 legitimate French outlets publish real OrangeSum articles (orangesum-train: their own
  words); about half of them quote, with attribution, a statement from one of the English
  articles (its French line of WMT: the same event, quoted), so they share quotations with the
  originals without copying them.
- 20 republishers: 14 translate English articles into French (the matching French lines of
  WMT: a human translation standing in for the machine one), 3 copy the French outlets' articles
  verbatim or nearly, 3 do both. Each has its own delay (log-uniform, 5 minutes to 3 days; each
  copy ×0.7–1.3), its own rate of the seeds' defects (planted by benchmarks/planting.py's
  planter: 0 for the clean copiers, up to 0.9), and 4 of them add an auto-republishing
  disclaimer to most pages.
The noisy setting adds what real corpora do: a quarter of the documents undated, republishers
that also publish their own articles (30 %), legitimate outlets with extraction residue (20 %
of pages) and one that runs wire copy from another (25 % of its pages, two hours later),
translations that drop a sentence.

Measured: the ROC AUC of the site ranking (republishers above the English and French outlets;
issue 18 asks 1.0 clean, ≥ 0.95 noisy), each republisher's measured median delay after each
original site against the truth (within 10 %), the share of planted copies found, and the
verdict on the five sample pages audited as their sites (each must be a republisher).
"""

from __future__ import annotations

import argparse
import gzip
import json
import math
import random
import re
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import planting  # noqa: E402

REPO = Path(__file__).resolve().parents[1]
BENCH = REPO.parent / "shared" / "bench-data"
WMT_EN = BENCH / "wmt-newstest2013-en-fr" / "newstest2013.en-fr.eng"
WMT_FR = BENCH / "wmt-newstest2013-en-fr" / "newstest2013.en-fr.fra"
ORANGESUM = BENCH / "orangesum-train" / "articles_fr.jsonl.gz"
SAMPLES = REPO / "src" / "newsdesk" / "samples" / "articles"

START = datetime(2026, 1, 1, tzinfo=UTC)
DAYS = 30
EN_OUTLETS, FR_OUTLETS = 10, 12
TRANSLATORS, COPIERS, BOTH = 14, 3, 3
DELAY_MIN, DELAY_MAX = timedelta(minutes=5), timedelta(days=3)
DEFECT_RATES = (0.0, 0.1, 0.3, 0.6, 0.9)
NAMES = ["Anne Martin", "Peter Hughes", "Olga Ivanova", "Jean Dupuis", "Maria Rossi"]
# The seeds' defects (samples/LABELS.md), planted by benchmarks/planting.py.
DEFECTS = [c for c in planting.CLASSES_PLANTED if c != "auto-republish-disclaimer"]


@dataclass
class Doc:
    url: str
    site: str
    title: str
    paragraphs: list[str]
    published: datetime | None
    original: Doc | None = None  # for copies and translations
    role: str = ""

    def record(self) -> dict[str, object]:
        rec: dict[str, object] = {
            "url": self.url,
            "title": self.title,
            "text": "\n\n".join(self.paragraphs),
        }
        if self.published is not None:
            rec["published"] = self.published.isoformat()
        return rec


@dataclass
class Site:
    host: str
    kind: str  # "english-outlet", "french-outlet", "republisher"
    docs: list[Doc] = field(default_factory=list)
    delay: timedelta | None = None
    defect_rate: float = 0.0
    disclaimer: bool = False


# WMT cut its articles into sentences and dropped the quotation marks of the ones that were
# quoted speech ("I think this is the year."): in an article they are inside quotation marks.
_FIRST_PERSON = re.compile(r"\b(?:I|I'm|I've|I'd|I'll|me|my|we|We|our|Our|us)\b")


def _quoted(en: str, fr: str) -> tuple[str, str]:
    if _FIRST_PERSON.search(en) and not set(en) & set('"“”'):
        return f"“{en}”", f"« {fr} »"
    return en, fr


def wmt_articles(n: int, rng: random.Random) -> list[tuple[list[str], list[str]]]:
    """`n` (English lines, French lines) articles of 6–9 consecutive aligned WMT lines."""
    en, fr = [], []
    for e, f in zip(
        WMT_EN.read_text(encoding="utf-8").splitlines(),
        WMT_FR.read_text(encoding="utf-8").splitlines(),
        strict=True,
    ):
        e, f = _quoted(e, f)
        en.append(e)
        fr.append(f)
    out: list[tuple[list[str], list[str]]] = []
    i = 0
    while len(out) < n and i + 9 < len(en):
        k = rng.randint(6, 9)
        out.append((en[i : i + k], fr[i : i + k]))
        i += k
    return out


def french_articles(n: int) -> list[planting.Base]:
    out = []
    with gzip.open(ORANGESUM, "rt", encoding="utf-8") as fh:
        for line in fh:
            item = json.loads(line)
            paras = planting._restore_paragraphs(item["article"])
            if len(paras) >= 3:
                title = item["title"].strip()
                out.append(planting.Base(f"os:{item['id']}", "fr", title, tuple(paras[:8])))
            if len(out) >= n:
                break
    return out


def paragraphs(lines: list[str]) -> list[str]:
    """Body lines grouped two by two into paragraphs."""
    return [" ".join(lines[j : j + 2]) for j in range(0, len(lines), 2)]


def when(rng: random.Random) -> datetime:
    return START + timedelta(seconds=rng.randrange(DAYS * 86400 - 4 * 86400))


def plant(rng: random.Random, planter: planting.Planter, doc: Doc, category: str) -> None:
    base = planting.Base("x", "fr", doc.title, tuple(doc.paragraphs))
    planter.fr = [base]
    planter.en = [base]
    planted = planting.CLASSES_PLANTED[category](planter)
    title, _, body = planted.text.partition("\n\n")
    doc.title, doc.paragraphs = title, [p for p in body.split("\n\n") if p]


def build_web(seed: int, per_site: int, noisy: bool) -> list[Site]:
    rng = random.Random(seed)
    planter = planting.Planter(rng, [], [])
    sites: list[Site] = []
    n_en = EN_OUTLETS * per_site
    pairs = wmt_articles(n_en, rng)
    fr_bases = french_articles(FR_OUTLETS * per_site * 2 + 200)
    rng.shuffle(fr_bases)
    originals_en: list[tuple[Doc, list[str]]] = []  # (English original, its French lines)
    for i in range(EN_OUTLETS):
        site = Site(f"en-outlet-{i:02d}.example", "english-outlet")
        for j in range(per_site):
            en, fr = pairs[i * per_site + j]
            doc = Doc(f"https://{site.host}/{j}", site.host, en[0], paragraphs(en[1:]), when(rng))
            site.docs.append(doc)
            originals_en.append((doc, fr))
        sites.append(site)
    originals_fr: list[Doc] = []
    wire_from: Site | None = None
    for i in range(FR_OUTLETS):
        site = Site(f"fr-outlet-{i:02d}.example", "french-outlet")
        quoting = i % 2 == 0
        for j in range(per_site):
            base = fr_bases.pop()
            paras = list(base.paragraphs)
            if quoting and rng.random() < 0.6:  # the same event, quoted with attribution
                _, fr = rng.choice(originals_en)
                quote = rng.choice(fr[1:]).rstrip(".")
                paras.insert(
                    rng.randrange(1, len(paras)),
                    f"« {quote} », a déclaré {rng.choice(NAMES)}.",
                )
            if noisy and rng.random() < 0.2:  # extraction residue on an honest site
                plant(rng, planter, d := Doc("", "", base.title, paras, None), "boilerplate")
                paras = d.paragraphs
            doc = Doc(f"https://{site.host}/{j}", site.host, base.title, paras, when(rng))
            site.docs.append(doc)
            originals_fr.append(doc)
        sites.append(site)
    if noisy:  # wire copy: one honest outlet runs a quarter of another's articles
        wire_from, wire_to = sites[EN_OUTLETS], sites[EN_OUTLETS + 1]
        for j, orig in enumerate(wire_from.docs[: max(1, per_site // 4)]):
            assert orig.published is not None
            wire_to.docs.append(
                Doc(
                    f"https://{wire_to.host}/wire-{j}",
                    wire_to.host,
                    orig.title,
                    list(orig.paragraphs),
                    orig.published + timedelta(hours=2),
                    original=orig,
                    role="wire",
                )
            )
    kinds = ["translate"] * TRANSLATORS + ["copy"] * COPIERS + ["both"] * BOTH
    for i, kind in enumerate(kinds):
        site = Site(f"republisher-{i:02d}.example", "republisher")
        log_min, log_max = math.log(DELAY_MIN.total_seconds()), math.log(DELAY_MAX.total_seconds())
        site.delay = timedelta(seconds=math.exp(rng.uniform(log_min, log_max)))
        site.defect_rate = 0.0 if i % 5 == 0 else rng.choice(DEFECT_RATES[1:])
        site.disclaimer = i % 5 == 1
        en_sources = rng.sample(originals_en, per_site)
        fr_sources = rng.sample(originals_fr, per_site)
        for j in range(per_site):
            mode = kind if kind != "both" else rng.choice(["translate", "copy"])
            if mode == "translate":
                orig, fr = en_sources[j]
                title, body = fr[0], paragraphs(fr[1:])
                if noisy and rng.random() < 0.3 and len(body) > 2:
                    body = body[:-1]  # a translation that drops its last paragraph
            else:
                orig = fr_sources[j]
                title, body = orig.title, list(orig.paragraphs)
                if rng.random() < 0.5:  # a near copy: one paragraph left out
                    body = body[:-1] if len(body) > 3 else body
            assert orig.published is not None
            delay = site.delay * rng.uniform(0.7, 1.3)
            doc = Doc(
                f"https://{site.host}/{j}",
                site.host,
                title,
                body,
                orig.published + delay,
                original=orig,
                role=mode,
            )
            if rng.random() < site.defect_rate:
                plant(rng, planter, doc, rng.choice(DEFECTS))
            if site.disclaimer and rng.random() < 0.8:
                plant(rng, planter, doc, "auto-republish-disclaimer")
            site.docs.append(doc)
        if noisy:  # some articles of its own
            for j in range(round(per_site * 0.3 / 0.7)):
                base = fr_bases.pop()
                site.docs.append(
                    Doc(
                        f"https://{site.host}/own-{j}",
                        site.host,
                        base.title,
                        list(base.paragraphs),
                        when(rng),
                    )
                )
        sites.append(site)
    if noisy:  # a quarter of the documents lose their date
        for site in sites:
            for doc in site.docs:
                if rng.random() < 0.25:
                    doc.published = None
    return sites


def roc_auc(positives: list[float], negatives: list[float]) -> float:
    """Probability that a random positive scores above a random negative (ties count half)."""
    wins = sum(1.0 if p > n else 0.5 if p == n else 0.0 for p in positives for n in negatives)
    return wins / (len(positives) * len(negatives))


def audit(paths: list[str], out: Path) -> object:
    from newsdesk.audit.runner import run_audit
    from newsdesk.config import Settings

    return run_audit(paths, out, Settings(), now=datetime.now(UTC), formats=("jsonl",))


def measure(setting: str, seed: int, per_site: int, keep: Path | None = None) -> dict[str, object]:
    noisy = setting == "noisy"
    sites = build_web(seed, per_site, noisy)
    with tempfile.TemporaryDirectory() as scratch:
        tmp = keep / setting if keep else Path(scratch)
        tmp.mkdir(parents=True, exist_ok=True)
        corpus = Path(tmp) / "web.jsonl"
        with corpus.open("w", encoding="utf-8") as fh:
            for site in sites:
                for doc in site.docs:
                    fh.write(json.dumps(doc.record(), ensure_ascii=False) + "\n")
        t0 = time.perf_counter()
        audit([str(corpus)], Path(tmp) / "out")
        seconds = time.perf_counter() - t0
        profiles = {
            p["site"]: p
            for p in map(json.loads, (Path(tmp) / "out" / "sites.jsonl").read_text().splitlines())
        }
    kind = {s.host: s.kind for s in sites}
    pos = [profiles[s.host]["score"] for s in sites if s.kind == "republisher"]
    neg = [profiles[s.host]["score"] for s in sites if s.kind != "republisher"]
    auc = roc_auc(pos, neg)
    # Delays: per (republisher, original site), the median of the true delays of its dated
    # copies against the measured median delay after that site.
    within, checked, worst = 0, 0, 0.0
    found, planted = 0, 0
    for s in sites:
        if s.kind != "republisher":
            continue
        planted += sum(d.original is not None for d in s.docs)
        found += profiles[s.host]["copies"]["documents"]
        truth: dict[str, list[float]] = {}
        for d in s.docs:
            if d.original is not None and d.published and d.original.published:
                truth.setdefault(d.original.site, []).append(
                    (d.published - d.original.published).total_seconds()
                )
        measured = {c["site"]: c for c in profiles[s.host]["copies"]["from"]}
        for orig_site, delays in truth.items():
            m = measured.get(orig_site, {}).get("median_delay_seconds")
            t = statistics.median(delays)
            checked += 1
            if m is not None:
                err = abs(m - t) / t
                worst = max(worst, err)
                within += err <= 0.10
            else:
                worst = max(worst, 1.0)
    # Copies counted on the other sites, against the truth (the noisy setting's wire copy).
    other_found = sum(
        profiles[s.host]["copies"]["documents"] for s in sites if s.kind != "republisher"
    )
    other_true = sum(
        d.original is not None for s in sites if s.kind != "republisher" for d in s.docs
    )
    ranked = sorted(profiles.values(), key=lambda p: -p["score"])
    lowest_rep = min(pos)
    highest_other = max(neg)
    return {
        "setting": setting,
        "sites": len(sites),
        "documents": sum(len(s.docs) for s in sites),
        "audit_seconds": round(seconds, 1),
        "auc": round(auc, 4),
        "lowest_republisher": lowest_rep,
        "highest_other": highest_other,
        "highest_other_site": next(p["site"] for p in ranked if kind[p["site"]] != "republisher"),
        "delays_within_10pct": f"{within}/{checked}",
        "worst_delay_error": round(worst, 3),
        "copies_found": f"{found}/{planted}",
        "copies_on_other_sites": f"{other_found} (truth {other_true})",
    }


def samples() -> list[tuple[str, float, str]]:
    with tempfile.TemporaryDirectory() as tmp:
        audit([str(SAMPLES)], Path(tmp))
        rows = [json.loads(x) for x in (Path(tmp) / "sites.jsonl").read_text().splitlines()]
    return [(r["site"], r["score"], r["verdict"]) for r in rows]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="5 articles a site instead of 10")
    ap.add_argument("--setting", choices=["clean", "noisy", "both"], default="both")
    ap.add_argument("--seed", type=int, default=18)
    ap.add_argument("--keep", type=Path, help="keep the corpus and the audit's outputs here")
    args = ap.parse_args()
    per_site = 5 if args.quick else 10
    settings = ["clean", "noisy"] if args.setting == "both" else [args.setting]
    for setting in settings:
        r = measure(setting, args.seed, per_site, args.keep)
        print(json.dumps(r, ensure_ascii=False))
    for site, score, verdict in samples():
        print(f"sample site {site!r}: score {score}, {verdict}")


if __name__ == "__main__":
    main()
