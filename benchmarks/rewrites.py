"""rewrite-of links: precision and recall on generated rewrites, against hard negatives.

Positives (built here, seeded; nothing is stored but this recipe):
- English rewrites of the 100 articles of ../shared/bench-data/story-pairs-en and French
  rewrites of the 250 OrangeSum articles of ../shared/bench-data/french-news-clean, made by a
  scripted paraphraser: sentences swapped within paragraphs, synonyms and constructions
  changed ("X said" → "according to X"), sentences dropped and merged.
- Cross-language rewrites from WMT newstest2013 (../shared/bench-data/wmt-newstest2013-en-fr):
  8 consecutive English lines are the original; the matching French lines, passed through the
  French paraphraser, are the rewrite.

Negatives in the same corpora:
- independent reporting: the story-pairs-en pairs both coders marked same-story (and every
  other pair of the 100 articles);
- a text generated on the same topic from the headline alone (scripted: the headline's names
  and words in generic news sentences), one per original;
- straight translations: other WMT blocks, English and French lines as they are (they must be
  `translation-of`, not `rewrite-of`).

Two paraphrase recipes: `A` (used to choose the thresholds, on the calibration half) and `B`
(different synonym tables and operations: clause fronting, connectives, a sentence of new
material), never looked at while tuning. Reported figures are recipe B on the held-out half
(odd-numbered articles, WMT lines 1000-2999); `--recipe A --half calibration` reproduces the
calibration run, `--calibrate` prints the measures of labelled pairs.

    .venv/bin/python benchmarks/rewrites.py [--quick] [--recipe A|B] [--half calibration|report]
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import re
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BENCH = ROOT.parent / "shared" / "bench-data"
STORIES = BENCH / "story-pairs-en"
FRENCH = BENCH / "french-news-clean" / "articles_fr.jsonl"
WMT = BENCH / "wmt-newstest2013-en-fr"
BLOCK = 8
SEED = 17
T0 = datetime(2024, 1, 1, tzinfo=UTC)

# ---------------------------------------------------------------- the scripted paraphraser

SYNONYMS = {
    ("en", "A"): {
        "said": "stated",
        "says": "states",
        "announced": "revealed",
        "company": "firm",
        "companies": "firms",
        "government": "authorities",
        "increase": "rise",
        "large": "big",
        "important": "significant",
        "help": "assist",
        "plans": "intends",
        "build": "construct",
        "new": "fresh",
        "also": "additionally",
        "however": "nevertheless",
        "because": "since",
        "project": "scheme",
        "agreement": "deal",
        "expected": "anticipated",
        "country": "nation",
        "will": "is going to",
        "which": "that",
        "including": "such as",
        "more than": "over",
        "around": "roughly",
        "has been": "was",
        "have been": "were",
        "currently": "at present",
        "develop": "create",
        "production": "output",
        "power": "electricity",
        "energy": "power",
        "launched": "started",
        "capacity": "output capacity",
        "the first": "the very first",
        "to be": "to become",
        "can": "is able to",
    },
    ("en", "B"): {
        "said": "noted",
        "says": "explains",
        "announced": "unveiled",
        "company": "group",
        "government": "administration",
        "start": "begin",
        "show": "demonstrate",
        "about": "around",
        "buy": "purchase",
        "big": "major",
        "first": "initial",
        "use": "employ",
        "people": "individuals",
        "market": "sector",
        "according": "as reported",
        "will": "is set to",
        "would": "could",
        "year": "twelve-month period",
        "which": "and this",
        "including": "among them",
        "more than": "upwards of",
        "has": "now has",
        "project": "undertaking",
        "plant": "facility",
        "total": "overall",
        "expects": "foresees",
        "its": "the",
        "on": "upon",
        "in order to": "so as to",
        "between": "among",
    },
    ("fr", "A"): {
        "a déclaré": "a affirmé",
        "a indiqué": "a précisé",
        "selon": "d'après",
        "également": "aussi",
        "entreprise": "société",
        "gouvernement": "exécutif",
        "important": "considérable",
        "importante": "considérable",
        "grand": "vaste",
        "nouveau": "récent",
        "nouvelle": "récente",
        "mais": "cependant",
        "pays": "nation",
        "début": "commencement",
        "projet": "plan",
        "accord": "entente",
        "aussi": "de même",
        "personnes": "individus",
        "qui": "lequel",
        "avec": "en compagnie de",
        "pour": "afin de",
        "sont": "se trouvent",
        "était": "se trouvait",
        "plus de": "davantage que",
        "lors de": "au cours de",
        "déjà": "dès à présent",
        "ont été": "furent",
        "va": "s'apprête à",
        "doit": "devra",
        "a été": "fut",
    },
    ("fr", "B"): {
        "a déclaré": "a fait savoir",
        "a expliqué": "a détaillé",
        "selon": "aux dires de",
        "très": "fort",
        "depuis": "à partir de",
        "encore": "toujours",
        "enfin": "finalement",
        "beaucoup": "énormément",
        "plusieurs": "de nombreux",
        "ville": "commune",
        "président": "chef de l'État",
        "il y a": "voici",
        "commencé": "débuté",
        "rapidement": "vite",
        "problème": "difficulté",
        "décision": "choix",
        "dans": "au sein de",
        "sur": "concernant",
        "mais": "toutefois",
        "après": "suite à",
        "avant": "préalablement à",
        "aujourd'hui": "à l'heure actuelle",
        "il est": "c'est",
        "peut": "est en mesure de",
        "les autorités": "les pouvoirs publics",
        "notamment": "en particulier",
    },
}
# Function words and short phrases replaced occurrence by occurrence (with probability
# FUNCTION_RATE): an LLM rewrite leaves few five-word shingles, and so must the script, or its
# "rewrites" are near-copies.
FUNCTION_WORDS = {
    ("en", "A"): {
        "and": "as well as",
        "in": "within",
        "with": "alongside",
        "for": "on behalf of",
        "is": "remains",
        "are": "remain",
        "was": "had been",
        "that": "which",
        "to the": "towards the",
        "of the": "from the",
        "by": "through",
        "on": "regarding",
        "at": "located at",
        "but": "yet",
    },
    ("en", "B"): {
        "and": "plus",
        "in": "inside",
        "with": "together with",
        "for": "intended for",
        "is": "happens to be",
        "are": "happen to be",
        "was": "turned out to be",
        "the": "this",
        "to": "so as to",
        "of": "belonging to",
        "from": "out of",
        "has": "now has",
        "it": "this",
    },
    ("fr", "A"): {
        "et": "ainsi que",
        "dans": "au sein de",
        "avec": "aux côtés de",
        "pour": "en vue de",
        "est": "demeure",
        "sont": "demeurent",
        "qui": "lequel",
        "sur": "concernant",
        "par": "via",
        "mais": "toutefois",
        "très": "fort",
        "plus": "davantage",
        "a été": "se trouve",
        "le": "ce",
        "la": "cette",
        "du": "issu du",
        "au": "pour le",
        "un": "un certain",
        "des": "plusieurs",
        "à": "en direction de",
    },
    ("fr", "B"): {
        "et": "de même que",
        "dans": "à l'intérieur de",
        "avec": "en compagnie de",
        "pour": "afin de",
        "est": "se révèle",
        "sont": "se révèlent",
        "de la": "de cette",
        "le": "ce",
        "les": "ces",
        "en": "au cours de",
        "a": "aura",
        "ont": "auront",
        "il": "celui-ci",
    },
}
FUNCTION_RATE = {"A": 0.55, "B": 0.6}
CONNECTIVES = {
    "en": ["Moreover, ", "In addition, ", "Meanwhile, ", "Notably, "],
    "fr": ["Par ailleurs, ", "En outre, ", "De plus, ", "À noter que "],
}
JOIN = {"en": [", and ", "; "], "fr": [", et ", " ; "]}
NEW_MATERIAL = {
    "en": "This is a developing story that our readers will want to follow closely.",
    "fr": "Une affaire à suivre de près dans les prochains jours.",
}


def sentences(text: str) -> list[str]:
    from newsdesk.language.sentences import split_sentences

    return [text[s:e] for s, e in split_sentences(text)]


_QUOTED = re.compile(r"(«[^»]*»|“[^”]*”|\"[^\"]*\")")


def outside_quotes(sentence: str, change: Callable[[str], str]) -> str:
    """`change` applied to the text between quotations: a rewrite keeps the quotations."""
    parts = _QUOTED.split(sentence)
    return "".join(p if i % 2 else change(p) for i, p in enumerate(parts))


def swap_words(sentence: str, table: dict[str, str], rng: random.Random, p: float) -> str:
    for word, repl in table.items():
        pattern = re.compile(rf"(?<![\w-]){re.escape(word)}(?![\w-])")
        if pattern.search(sentence) and rng.random() < p:
            sentence = pattern.sub(repl, sentence)
    return sentence


def swap_function_words(sentence: str, table: dict[str, str], rng: random.Random, p: float) -> str:
    """Each occurrence of a table word replaced with probability `p` (one pass, left to right)."""
    words = "|".join(re.escape(w) for w in sorted(table, key=len)[::-1])
    pattern = re.compile(rf"(?<![\w-])({words})(?![\w-])")
    return pattern.sub(lambda m: table[m.group(1)] if rng.random() < p else m.group(1), sentence)


def construction(sentence: str, lang: str, recipe: str, rng: random.Random) -> str:
    """A construction change: reported speech turned around (A) or a clause fronted (B)."""
    if recipe == "A":
        m = re.match(
            r"^(.{20,}?),? (said|says|a déclaré|a indiqué) ([A-ZÉ][^,.]{2,40})\.$", sentence
        )
        if m and lang == "en":
            return f"According to {m.group(3)}, {m.group(1)[0].lower()}{m.group(1)[1:]}."
        if m and lang == "fr":
            return f"Selon {m.group(3)}, {m.group(1)[0].lower()}{m.group(1)[1:]}."
        return sentence
    parts = sentence.rstrip(".").split(", ", 1)
    if len(parts) == 2 and len(parts[1]) > 15 and rng.random() < 0.5 and '"' not in sentence:
        tail = parts[1][0].upper() + parts[1][1:]
        head = parts[0][0].lower() + parts[0][1:] if not parts[0][:2].isupper() else parts[0]
        return f"{tail}, {head}."
    if rng.random() < 0.3:
        return rng.choice(CONNECTIVES[lang]) + sentence[0].lower() + sentence[1:]
    return sentence


def paraphrase(text: str, lang: str, recipe: str, seed: int) -> str:
    """A scripted rewrite of `text` (paragraphs: lines, else runs of three sentences)."""
    rng = random.Random(f"{seed}-{recipe}")
    table = SYNONYMS[(lang, recipe)]
    drop, merge, swap = (0.12, 0.15, 0.25) if recipe == "A" else (0.15, 0.1, 0.2)
    paragraphs = [p for p in text.split("\n") if p.strip()]
    if len(paragraphs) == 1:
        ss = sentences(paragraphs[0])
        paragraphs = [" ".join(ss[i : i + 3]) for i in range(0, len(ss), 3)]
    out = []
    for para in paragraphs:
        ss = sentences(para)
        for i in range(len(ss) - 1):
            if rng.random() < swap:
                ss[i], ss[i + 1] = ss[i + 1], ss[i]
        kept = [s for s in ss if rng.random() >= drop or len(ss) == 1]
        merged: list[str] = []
        for s in kept:
            if merged and rng.random() < merge and merged[-1].endswith("."):
                joint = rng.choice(JOIN[lang])
                merged[-1] = merged[-1][:-1] + joint + s[0].lower() + s[1:]
            else:
                merged.append(s)
        function = FUNCTION_WORDS[(lang, recipe)]
        rate = FUNCTION_RATE[recipe]

        def reword(x: str, function: dict[str, str] = function, rate: float = rate) -> str:
            return swap_function_words(swap_words(x, table, rng, 0.8), function, rng, rate)

        ss = [construction(outside_quotes(s, reword), lang, recipe, rng) for s in merged]
        out.append(" ".join(ss))
    if recipe == "B":
        out.append(NEW_MATERIAL[lang])
    return "\n".join(out)


HEADLINE_TEMPLATES = {
    "en": [
        "{title}.",
        "The news about {name} has drawn wide attention this week.",
        "Observers say the situation around {name} is still evolving.",
        "Industry experts expect more announcements in the coming months.",
        "Questions remain about what {topic} will mean for consumers.",
        "Some analysts describe it as a turning point, others urge caution.",
        "{name} did not immediately respond to a request for comment.",
        "The debate over {topic} is likely to continue.",
    ],
    "fr": [
        "{title}.",
        "L'actualité autour de {name} a retenu l'attention cette semaine.",
        "Selon les observateurs, la situation reste incertaine pour {name}.",
        "Les spécialistes s'attendent à de nouvelles annonces dans les prochains mois.",
        "Reste à savoir ce que {topic} changera pour le public.",
        "Certains y voient un tournant, d'autres appellent à la prudence.",
        "{name} n'a pas donné suite à nos sollicitations.",
        "Le débat sur {topic} devrait se poursuivre.",
    ],
}


def from_headline(title: str, lang: str, seed: int) -> str:
    """A text on the same topic written from the headline alone (no access to the article)."""
    rng = random.Random(seed)
    names = re.findall(r"\b[A-ZÉ][\w'-]{2,}(?: [A-ZÉ][\w'-]+)*", title[1:]) or [title.split()[0]]
    words = [w for w in re.findall(r"\w{6,}", title) if w[0].islower()] or ["this"]
    topic = rng.choice(words)
    lines = [
        t.format(title=title.rstrip("."), name=rng.choice(names), topic=topic)
        for t in HEADLINE_TEMPLATES[lang]
    ]
    return " ".join(lines[:1] + rng.sample(lines[1:], 6))


# ---------------------------------------------------------------- corpora


@dataclass
class Bench:
    docs: list  # LinkDoc
    positives: set[frozenset[str]]  # rewrite pairs
    direction: dict[frozenset[str], str]  # pair -> expected source
    same_story: set[frozenset[str]]  # independent reporting, both coders agree
    translations: set[frozenset[str]]


def _read_pairs(path: Path) -> dict[frozenset[str], int]:
    out = {}
    for line in path.read_text(encoding="utf-8-sig").splitlines():
        a, b, label = line.rsplit(";", 2)
        out[frozenset((a, b))] = int(label)
    return out


def english(recipe: str, half: int, limit: int | None) -> Bench:
    from newsdesk.link import LinkDoc

    csv.field_size_limit(10**9)
    with (STORIES / "article_texts.csv").open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    c1, c2 = _read_pairs(STORIES / "pairs_coder1.csv"), _read_pairs(STORIES / "pairs_coder2.csv")
    ids = {r["url"]: f"en{k}" for k, r in enumerate(rows)}
    same = {
        frozenset(ids[u] for u in pair) for pair, v in c1.items() if v == 1 and c2.get(pair) == 1
    }
    bench = Bench([], set(), {}, same, set())
    for k, r in enumerate(rows):
        when = datetime.fromisoformat(r["date"]).replace(tzinfo=UTC)
        text = r["text"]
        bench.docs.append(LinkDoc(f"en{k}", text, "en", when, r["title"]))
        if k % 2 != half or (limit is not None and k >= limit):
            continue
        rw = paraphrase(text, "en", recipe, SEED + k)
        later = when + timedelta(days=1)
        bench.docs.append(LinkDoc(f"en{k}-rw", rw, "en", later, r["title"]))
        bench.positives.add(frozenset((f"en{k}", f"en{k}-rw")))
        bench.direction[frozenset((f"en{k}", f"en{k}-rw"))] = f"en{k}"
        gen = from_headline(r["title"], "en", SEED + k)
        bench.docs.append(LinkDoc(f"en{k}-hl", gen, "en", later, r["title"]))
    return bench


def french(recipe: str, half: int, limit: int | None) -> Bench:
    from newsdesk.link import LinkDoc

    rows = [json.loads(x) for x in FRENCH.read_text(encoding="utf-8").splitlines()]
    bench = Bench([], set(), {}, set(), set())
    for k, r in enumerate(rows):
        if limit is not None and k >= 2 * limit:
            break
        when = datetime.fromisoformat(r["date"]).replace(tzinfo=UTC)
        text = r["article"]
        bench.docs.append(LinkDoc(f"fr{k}", text, "fr", when, r["title"]))
        if k % 2 != half:
            continue
        rw = paraphrase(text, "fr", recipe, SEED + k)
        later = when + timedelta(days=1)
        bench.docs.append(LinkDoc(f"fr{k}-rw", rw, "fr", later, r["title"]))
        bench.positives.add(frozenset((f"fr{k}", f"fr{k}-rw")))
        bench.direction[frozenset((f"fr{k}", f"fr{k}-rw"))] = f"fr{k}"
        gen = from_headline(r["title"], "fr", SEED + k)
        bench.docs.append(LinkDoc(f"fr{k}-hl", gen, "fr", later, r["title"]))
    return bench


def cross(recipe: str, half: int, limit: int | None) -> Bench:
    """Lines 0-999 (calibration) or 1000-2999 (report); even blocks rewritten, odd translated."""
    from newsdesk.link import LinkDoc

    en = (WMT / "newstest2013.en-fr.eng").read_text(encoding="utf-8").splitlines()
    fr = (WMT / "newstest2013.en-fr.fra").read_text(encoding="utf-8").splitlines()
    first, last = (0, 1000) if half == 0 else (1000, 3000)
    bench = Bench([], set(), {}, set(), set())
    for k, start in enumerate(range(first, last - BLOCK + 1, BLOCK)):
        if limit is not None and k >= limit:
            break
        when = T0 + timedelta(days=k)
        src = " ".join(en[start : start + BLOCK])
        target = " ".join(fr[start : start + BLOCK])
        pair = frozenset((f"wen{k}", f"wfr{k}"))
        if k % 2 == 0:
            target = paraphrase(target, "fr", recipe, SEED + k)
            bench.positives.add(pair)
            bench.direction[pair] = f"wen{k}"
        else:
            bench.translations.add(pair)
        bench.docs.append(LinkDoc(f"wen{k}", src, "en", when))
        bench.docs.append(LinkDoc(f"wfr{k}", target, "fr", when + timedelta(hours=6)))
    return bench


# ---------------------------------------------------------------- measuring


def run(bench: Bench, label: str) -> dict[str, float]:
    from newsdesk.link import link_documents
    from newsdesk.types import LinkType

    t = time.perf_counter()
    result = link_documents(bench.docs, explain_copies=False, quotes_by_meaning=False)
    seconds = time.perf_counter() - t
    rewrites = [x for x in result.links if x.type is LinkType.REWRITE_OF]
    found = {frozenset((x.source, x.target)) for x in rewrites}
    translated = {
        frozenset((x.source, x.target)) for x in result.links if x.type is LinkType.TRANSLATION_OF
    }
    tp = found & bench.positives
    # A rewrite of X is also a rewrite of every near-copy of X, and two rewrites of one text
    # (or of two near-copies of it) paraphrase each other: such links are right by the
    # definition but not the pair we generated; they are counted apart ("lineage").
    group = {d.id: d.id for d in bench.docs}

    def root(i: str) -> str:
        while group[i] != i:
            i = group[i]
        return i

    for x in result.links:
        if x.type in (LinkType.NEAR_COPY, LinkType.DUPLICATE):
            group[root(x.source)] = root(x.target)

    def lineage(pair: frozenset[str]) -> bool:
        a, b = (root(i.removesuffix("-rw")) for i in pair)
        return a == b

    kin = {f for f in found - bench.positives if lineage(f)}
    wrong_way = [
        x
        for x in rewrites
        if frozenset((x.source, x.target)) in bench.direction
        and x.directed
        and x.source != bench.direction[frozenset((x.source, x.target))]
    ]
    fps = sorted(found - bench.positives - kin, key=sorted)
    other: dict[frozenset[str], list[str]] = {}
    for x in result.links:
        if x.type is not LinkType.REWRITE_OF:
            other.setdefault(frozenset((x.source, x.target)), []).append(x.type.value)
    as_copy = sum(
        1
        for pair in bench.positives - found
        if {"near-copy", "duplicate"} & set(other.get(pair, []))
    )
    p = len(tp) / len(found) if found else 1.0
    p_kin = (len(tp) + len(kin)) / len(found) if found else 1.0
    r = len(tp) / len(bench.positives) if bench.positives else 1.0
    print(
        f"{label:<8} docs {len(bench.docs):>4}  rewrites {len(bench.positives):>3}  "
        f"found {len(found):>3} (lineage {len(kin)})  P {p:.3f} (with lineage {p_kin:.3f})  "
        f"R {r:.3f}  wrong direction {len(wrong_way)}  "
        f"same-story rewrite-of {len(found & bench.same_story)}/{len(bench.same_story)}  "
        f"headline-only {sum(1 for f in found if any(i.endswith('-hl') for i in f))}  "
        f"translations kept {len(translated & bench.translations)}/{len(bench.translations)}, "
        f"as rewrite-of {len(found & bench.translations)}  "
        f"rewrites as translation-of {len(translated & bench.positives)}, as near-copy {as_copy}  "
        f"({seconds:.0f} s)",
        flush=True,
    )
    for f in fps[:10]:
        print("   false:", sorted(f), other.get(f, []))
    missed = sorted(bench.positives - found, key=sorted)
    for f in missed[:5]:
        print("   missed:", sorted(f), other.get(f, []))
    return {
        "tp": len(tp),
        "kin": len(kin),
        "found": len(found),
        "truth": len(bench.positives),
        "same_story": len(found & bench.same_story),
    }


def calibrate(benches: dict[str, Bench]) -> None:
    """Measures of labelled pairs (positives and hard negatives) for choosing thresholds."""
    from newsdesk.embeddings import embed
    from newsdesk.link.rewrites import is_rewrite, measure
    from newsdesk.link.translations import embed_sentences

    for name, bench in benches.items():
        by_id = {d.id: d for d in bench.docs}
        groups: dict[str, list[frozenset[str]]] = {
            "rewrite": sorted(bench.positives, key=sorted),
            "same-story": sorted(bench.same_story, key=sorted),
            "translation": sorted(bench.translations, key=sorted),
            "headline": [frozenset((d.id, d.id[:-3])) for d in bench.docs if d.id.endswith("-hl")],
        }
        needed = sorted({i for g in groups.values() for p in g for i in p})
        sents = dict(zip(needed, embed_sentences([by_id[i] for i in needed], embed), strict=True))
        for g, pairs in groups.items():
            for pair in pairs:
                a, b = sorted(pair)
                m = measure(sents[a], sents[b], by_id[a].text, by_id[b].text, name != "cross")
                print(
                    f"{name} {g:<11} {a:>9} {b:>9} n={len(m.alignment.pairs):>2} "
                    f"cov {max(m.coverage_a, m.coverage_b):.2f}/"
                    f"{min(m.coverage_a, m.coverage_b):.2f} 1:1 "
                    f"{min(m.alignment.coverage_a, m.alignment.coverage_b):.2f} "
                    f"order {m.order:.2f} med {m.median_cosine:.2f} "
                    f"fig {m.figures_a_in_b:.2f}/{m.figures_a} {m.figures_b_in_a:.2f}/{m.figures_b} "
                    f"names {m.names_a_in_b:.2f}/{m.names_a} {m.names_b_in_a:.2f}/{m.names_b} "
                    f"cov {m.coverage_a:.2f} {m.coverage_b:.2f} "
                    f"{'REWRITE' if is_rewrite(m) else ''}",
                    flush=True,
                )


def cost(n: int) -> None:
    """What the rewrite stage adds to the link stage on `n` distinct French news articles
    (../shared/bench-data/orangesum-train; the audit's defaults otherwise): CPU seconds and
    sentences embedded, with and without `rewrites`."""
    import gzip

    from newsdesk.embeddings import embed
    from newsdesk.link import LinkDoc, link_documents

    path = BENCH / "orangesum-train" / "articles_fr.jsonl.gz"
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        rows = [json.loads(line) for _, line in zip(range(n), fh, strict=False)]
    docs = [
        LinkDoc(f"o{k}", f"{r['title']}\n\n{r['article']}", "fr", None, r["title"])
        for k, r in enumerate(rows)
    ]
    embed([docs[0].title])  # load the model outside the measure
    for rewrites in (False, True):
        counted = [0]

        def counting(texts, counted=counted):  # noqa: ANN001, ANN202
            counted[0] += len(texts)
            return embed(texts)

        t, c = time.perf_counter(), time.process_time()
        result = link_documents(docs, embed=counting, rewrites=rewrites)
        kinds: dict[str, int] = {}
        for x in result.links:
            kinds[x.type.value] = kinds.get(x.type.value, 0) + 1
        print(
            f"rewrites={rewrites!s:<5} {n} documents: {time.process_time() - c:.1f} CPU s, "
            f"{time.perf_counter() - t:.1f} s wall, {counted[0]} texts embedded, links {kinds}",
            flush=True,
        )


def main() -> None:
    sys.path.insert(0, str(ROOT / "src"))
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="a fifth of the pairs")
    ap.add_argument("--recipe", choices=["A", "B"], default="B")
    ap.add_argument("--half", choices=["calibration", "report"], default="report")
    ap.add_argument("--calibrate", action="store_true")
    ap.add_argument("--only", choices=["en", "fr", "cross"], action="append")
    ap.add_argument("--cost", type=int, metavar="N", help="link-stage cost on N articles")
    args = ap.parse_args()
    if args.cost:
        cost(args.cost)
        return
    half = 0 if args.half == "calibration" else 1
    limit = 20 if args.quick else None
    makers: dict[str, Callable[[str, int, int | None], Bench]] = {
        "en": english,
        "fr": french,
        "cross": cross,
    }
    chosen = args.only or list(makers)
    benches = {name: makers[name](args.recipe, half, limit) for name in chosen}
    print(f"recipe {args.recipe}, {args.half} half{' (quick)' if args.quick else ''}")
    if args.calibrate:
        calibrate(benches)
        return
    totals = {"tp": 0, "kin": 0, "found": 0, "truth": 0, "same_story": 0}
    for name, bench in benches.items():
        for key, v in run(bench, name).items():
            totals[key] += v
    found = totals["found"]
    p = totals["tp"] / found if found else 1.0
    p_kin = (totals["tp"] + totals["kin"]) / found if found else 1.0
    r = totals["tp"] / totals["truth"] if totals["truth"] else 1.0
    print(
        f"all      precision {p:.3f} (with lineage links {p_kin:.3f})  recall {r:.3f}  "
        f"same-story rewrite-of {totals['same_story']}  (targets 0.95 / 0.90 / 0)"
    )


if __name__ == "__main__":
    main()
