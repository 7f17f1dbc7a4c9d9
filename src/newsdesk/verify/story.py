"""Source-aware checks of a story page: every quotation, figure, date and name traced to a source.

Each check has a stable code; its span is an offset into `Page.body_text` (None for the title
and the description, which are outside the body; the excerpt then names the text). Status:
- FAIL (never published): a quotation, figure, date or name found in no source at all, or a
  detector finding of severity `error`;
- HOLD (review queue): a fact found in the sources but not in the sentences the page sentence
  comes from (moved or swapped), a sentence no source supports, repetition, a copy of a source
  title, an excerpt-licensed source copied beyond its share, a page short of its length target
  (when `hold_short_pages`), detector warnings;
- PASS checks are notes kept in the verdict (a short page published as configured says so).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from newsdesk.cluster.terms import fold
from newsdesk.compose.material import StorySource
from newsdesk.compose.salience import similarity, term_set
from newsdesk.language import split_sentences
from newsdesk.types import Check, Licence, Page, Verdict, VerdictStatus
from newsdesk.verify import messages
from newsdesk.verify.checks import finding_checks, seo_checks, verdict_of
from newsdesk.verify.facts import Fact, dates, figures, quotations
from newsdesk.verify.names import Name, many
from newsdesk.verify.normalize import fold_text, pieces
from newsdesk.verify.support import SourceIndex, Support

# A page sentence whose content terms (weighted by rarity) are less than this share present in
# its best one or two source sentences is not supported by the sources. Extractive pages score
# 1.0 (sentences are copies); calibrated with benchmarks/verification.py so that invented
# sentences are caught and copied sentences with an attribution added ("Selon RT, …") pass.
SUPPORT_MIN = 0.6
# Two sentences of one page sharing this share of their terms repeat each other.
REPEAT_SHARE = 0.85
REPEAT_MIN_TERMS = 6
# A headline sharing this share of its terms with a source title copies it.
TITLE_COPY_SHARE = 0.7
# An excerpt-licensed source may not give more than this share of its words to a page. One
# fifth allows the quotations and the key facts of a report, not the report (calibrated on the
# samples run with `licence = "excerpt"`: 60 words of a 600-word article is a tenth).
EXCERPT_MAX_SHARE = 0.2
COPIED_COVERAGE = 0.8  # a sentence this well supported by one source is copied from it
# A page sentence with at least this share of its word trigrams in its source sentences is a
# copy; a run of INSERTED_MIN_WORDS or more words inside it that no source trigram covers was
# inserted (an untranslated aside, a prompt glued into a sentence). Extractive pages have none.
COPY_TRIGRAM_SHARE = 0.6
INSERTED_MIN_WORDS = 2
_ATTRIBUTION = re.compile(r"^(?:selon|d'apres) [^,]{1,60}, ")
_MOVED_ATTRIBUTION = re.compile(r", selon [^,]{1,60}$")
INSERTED_MIN_WORDS_CLAUSE = 3  # headlines and subheadings (clauses cut from one sentence)
GENERIC_HEADINGS = frozenset(
    fold(h)
    for h in (
        "introduction", "conclusion", "en conclusion", "contexte", "résumé", "en bref",
        "pour conclure", "analyse", "détails", "suite",
    )
)  # fmt: skip
_SUFFIX = re.compile(r"\s[–—|-]\s*([^–—|-]{2,60})$")


@dataclass(frozen=True)
class Part:
    """A piece of the page with its offset in `Page.body_text` (None: title, description)."""

    kind: str
    text: str
    offset: int | None


@dataclass(frozen=True)
class MaterialNote:
    """What composition could not use, so a short page can say why it is short."""

    available_words: int = 0  # words of usable, non-repeated source material
    duplicates: int = 0  # sentences left out as repetitions across sources
    screened_out: int = 0  # sentences left out because they carry a finding
    licence_capped_words: int = 0  # words of excerpt-licensed sources not reproduced


def page_parts(page: Page) -> list[Part]:
    parts = [Part("title", page.title, None), Part("description", page.description, None)]
    offset = 0
    body = [("chapo", page.chapo)]
    for section in page.sections:
        if section.heading:
            body.append(("heading", section.heading))
        body.extend(("paragraph", p) for p in section.paragraphs)
    for kind, text in body:
        if not text:
            continue
        parts.append(Part(kind, text, offset))
        offset += len(text) + 2
    return parts


def _sentences(part: Part) -> Iterator[tuple[int, str]]:
    if part.kind in ("title", "heading", "description"):
        yield 0, part.text
        return
    for start, end in split_sentences(part.text):
        yield start, part.text[start:end]


def _check(
    code: str, status: VerdictStatus, part: Part, start: int, end: int, message: str
) -> Check:
    excerpt = part.text[start:end]
    if part.offset is None:
        return Check(code, message, status, excerpt=excerpt)
    return Check(code, message, status, excerpt, part.offset + start, part.offset + end)


def _found_in(fact_key: str, haystack: str) -> bool:
    if not fact_key:
        return True
    return bool(re.search(rf"(?<![\w]){re.escape(fact_key)}(?![\w])", haystack))


def quote_checks(index: SourceIndex, part: Part) -> list[Check]:
    out = []
    for quote in quotations(part.text):
        missing = [p for p in pieces(quote.text) if p not in index.all_folded]
        if missing:
            out.append(
                _check(
                    "quote_not_in_source",
                    VerdictStatus.FAIL,
                    part,
                    quote.start,
                    quote.end,
                    messages.QUOTE_NOT_FOUND.format(piece=missing[0]),
                )
            )
    return out


def _fact_check(
    fact: Fact, support: Support, index: SourceIndex, part: Part, offset: int
) -> Check | None:
    kind = "date" if fact.kind == "date" else "figure"
    if fact.kind == "date":
        in_context = _found_in(fact.key, support.folded)
        anywhere = _found_in(fact.key, index.all_folded)
    else:
        in_context = fact.key in support.numbers
        anywhere = fact.key in index.numbers
    if in_context:
        return None
    not_found = messages.FACT_NOT_FOUND[kind].format(what=fact.text)
    return _untraced(
        kind, anywhere, fact.text, not_found, part, offset + fact.start, offset + fact.end
    )


def _untraced(
    kind: str, anywhere: bool, what: str, not_found: str, part: Part, start: int, end: int
) -> Check:
    """A fact or name missing from its supporting sentence: held when another source sentence
    has it (it may belong to another context), failed when no source has it at all."""
    if anywhere:
        return _check(
            f"{kind}_out_of_context",
            VerdictStatus.HOLD,
            part,
            start,
            end,
            messages.OUT_OF_CONTEXT.format(what=what),
        )
    return _check(f"{kind}_not_in_source", VerdictStatus.FAIL, part, start, end, not_found)


def _count_check(facts: Sequence[Fact], support: Support, part: Part, offset: int) -> Check | None:
    """A copied sentence holds each figure and date as often as its source sentence: "lundi …
    lundi" where the source says "lundi … dimanche" is a changed date even though "lundi" is
    in the source sentence."""
    origin = support.sentences[0].text
    available = Counter(f.key for f in dates(origin) + figures(origin))
    for fact in facts:
        if available[fact.key] <= 0:
            kind = "date" if fact.kind == "date" else "figure"
            return _check(
                f"{kind}_out_of_context",
                VerdictStatus.HOLD,
                part,
                offset + fact.start,
                offset + fact.end,
                messages.COUNT.format(what=fact.text),
            )
        available[fact.key] -= 1
    return None


def _name_found(name: Name, haystack: str) -> bool:
    if _found_in(name.key, haystack):
        return True
    tokens = name.tokens
    return bool(tokens) and all(_found_in(t, haystack) for t in tokens)


_CAPITALISED = re.compile(r"(?<![\w’'])[A-ZÀ-ÖØ-Þ][\w’'-]*[a-zà-ÿ][\w’'-]*")


def capitalised(sentence: str, found: Sequence[Name]) -> list[Name]:
    """Capitalised words that do not open the sentence and that NER did not tag: a name the
    model missed is still a name to trace ("Chasseray", "Georges")."""
    out = []
    body_start = len(sentence) - len(sentence.lstrip(' «"“(–—-'))
    for m in _CAPITALISED.finditer(sentence):
        if m.start() <= body_start + 1 or any(n.start <= m.start() < n.end for n in found):
            continue
        previous = sentence[: m.start()].rstrip()
        if previous.endswith((".", "!", "?", ":", "«", '"', "“", "—", "–")):
            continue  # a new sentence or a quotation starts with a capital anyway
        out.append(Name(m.start(), m.end(), m.group().rstrip("’'-"), "CAP"))
    return out


def name_check(
    name: Name, support: Support, index: SourceIndex, known: str, part: Part, offset: int
) -> Check | None:
    if _name_found(name, support.folded) or _name_found(name, known):
        return None
    return _untraced(
        "name",
        _name_found(name, index.all_folded),
        name.text,
        messages.NAME_NOT_FOUND.format(what=name.text),
        part,
        offset + name.start,
        offset + name.end,
    )


def _grams(words: Sequence[str]) -> set[tuple[str, ...]]:
    return {tuple(words[i : i + 3]) for i in range(len(words) - 2)}


def inserted_text(
    sentence: str, support: Support, min_words: int = INSERTED_MIN_WORDS
) -> str | None:
    """The longest run of words inserted into an otherwise copied sentence, if any.

    Headlines and subheadings are clauses cut from a sentence (an apposition left out, "…,
    selon X" moved to the end), so for them only a longer run counts, and not one that is the
    attribution."""
    folded = _ATTRIBUTION.sub("", fold_text(sentence))
    folded = _MOVED_ATTRIBUTION.sub("", folded)
    words = folded.split()
    if len(words) < 6 or not support.sentences:
        return None
    source_grams: set[tuple[str, ...]] = set()
    for s in support.sentences:
        source_grams |= _grams(s.folded.split())
    grams = [tuple(words[i : i + 3]) for i in range(len(words) - 2)]
    found = [g in source_grams for g in grams]
    if sum(found) < COPY_TRIGRAM_SHARE * len(grams):
        return None
    covered = [False] * len(words)
    for i, ok in enumerate(found):
        if ok:
            covered[i] = covered[i + 1] = covered[i + 2] = True
    best: list[str] = []
    run: list[str] = []
    for word, ok in zip(words, covered, strict=True):
        if ok:
            run = []
            continue
        run.append(word)
        if len(run) > len(best):
            best = list(run)
    if len(best) >= min_words and any(sum(c.isalpha() for c in w) >= 3 for w in best):
        return " ".join(best)
    return None


# English function words that are not French words: two of them within a few words are English
# text (a prompt, an untranslated clause), not a name ("The Guardian" has one).
_ENGLISH = frozenset(
    ["the", "this", "that", "these", "those", "with", "your", "you", "of", "and", "to", "is", "are", "was", "were", "be", "been", "for", "please", "it", "its", "at", "by", "from", "which", "who", "will", "would", "should", "can", "could", "make", "write", "let", "there", "in", "on"]
)  # fmt: skip
_WORD = re.compile(r"[A-Za-z]+(?:'[a-z]+)?")
ENGLISH_WINDOW = 4  # words
ENGLISH_MIN = 2  # English-only function words inside one window


def english_run(sentence: str) -> tuple[int, int] | None:
    """The span of a run of English words in a French sentence, if any."""
    words = list(_WORD.finditer(sentence))
    hits = [i for i, w in enumerate(words) if w.group().lower() in _ENGLISH]
    for a, b in zip(hits, hits[1:], strict=False):
        if b - a < ENGLISH_WINDOW:
            first = words[max(0, a - 1)]
            last = words[min(len(words) - 1, b + 1)]
            return first.start(), last.end()
    return None


def title_checks(page: Page, sources: Sequence[StorySource]) -> list[Check]:
    out = []
    terms = term_set(page.title)
    for source in sources:
        for title in {source.article.title, source.title}:
            if fold_text(title) == fold_text(page.title) or (
                len(terms) >= 3 and similarity(terms, term_set(title)) >= TITLE_COPY_SHARE
            ):
                out.append(
                    Check(
                        "title_copies_source",
                        messages.TITLE_COPY.format(title=title),
                        VerdictStatus.HOLD,
                        excerpt=page.title,
                    )
                )
                break
    suffix = _SUFFIX.search(page.title)
    publishers = {fold(s.publisher_name or "") for s in sources} | {
        fold(s.article.site_name or "") for s in sources
    }
    if suffix and fold(suffix.group(1).strip()) in publishers - {""}:
        out.append(
            Check(
                "title_publisher_suffix",
                messages.TITLE_SUFFIX,
                VerdictStatus.HOLD,
                excerpt=suffix.group(0).strip(),
            )
        )
    return out[:1] + out[-1:] if len(out) > 2 else out


def heading_checks(parts: Sequence[Part]) -> list[Check]:
    out = []
    for part in parts:
        if part.kind == "heading" and fold(part.text.strip(" .:")) in GENERIC_HEADINGS:
            out.append(
                _check(
                    "generic_heading",
                    VerdictStatus.HOLD,
                    part,
                    0,
                    len(part.text),
                    messages.GENERIC_HEADING,
                )
            )
    return out


def length_check(
    page: Page, length_target: int, hold_short_pages: bool, note: MaterialNote | None
) -> list[Check]:
    words = page.word_count
    if words >= length_target:
        return []
    why = messages.SHORT_WHY_UNKNOWN
    if note is not None:
        why = messages.SHORT_WHY.format(
            available=note.available_words,
            duplicates=note.duplicates,
            screened=note.screened_out,
            capped=note.licence_capped_words,
        )
    status = VerdictStatus.HOLD if hold_short_pages else VerdictStatus.PASS
    return [
        Check(
            "length_short",
            messages.SHORT.format(words=words, target=length_target, why=why),
            status,
        )
    ]


def verify_story_page(
    page: Page,
    sources: Sequence[StorySource],
    *,
    length_target: int = 700,
    hold_short_pages: bool = True,
    excerpt_max_words: int = 60,
    excerpt_max_share: float = EXCERPT_MAX_SHARE,
    material: MaterialNote | None = None,
) -> Verdict:
    """Every check of `verify_page`, plus the checks against the story's sources."""
    checks = seo_checks(page) + finding_checks(page)
    if not sources:
        return verdict_of(checks)
    index = SourceIndex(sources)
    parts = page_parts(page)
    known = fold_text(
        " \n ".join(
            n
            for s in sources
            for n in (s.publisher or "", s.publisher_name or "", s.article.site_name or "",
                      s.article.byline or "", *s.bylines)
            if n
        )
        + " rédaction newsdesk"
    )  # fmt: skip
    sentences: list[tuple[Part, int, str, Support]] = []
    for part in parts:
        checks += quote_checks(index, part)
        for start, sentence in _sentences(part):
            sentences.append((part, start, sentence, index.support(sentence)))
    found_names = many([s for _, _, s, _ in sentences])
    copied: dict[int, int] = {}
    seen: list[tuple[frozenset[str], str]] = []
    for (part, start, sentence, support), names in zip(sentences, found_names, strict=True):
        facts = dates(sentence) + figures(sentence)
        flagged = False
        for fact in facts:
            check = _fact_check(fact, support, index, part, start)
            if check:
                checks.append(check)
                flagged = True
        if not flagged and support.single and facts:
            check = _count_check(facts, support, part, start)
            if check:
                checks.append(check)
        for name in names + capitalised(sentence, names):
            check = name_check(name, support, index, known, part, start)
            if check:
                checks.append(check)
        if support.coverage < SUPPORT_MIN and part.kind not in ("description",):
            checks.append(
                _check(
                    "unsupported_sentence",
                    VerdictStatus.HOLD,
                    part,
                    start,
                    start + len(sentence),
                    messages.UNSUPPORTED.format(share=round(support.coverage * 100)),
                )
            )
        inserted = None
        if part.kind in ("chapo", "paragraph"):
            inserted = inserted_text(sentence, support)
        english = english_run(sentence)
        if english is not None and not index.in_any(fold_text(sentence[english[0] : english[1]])):
            checks.append(
                _check(
                    "foreign_words",
                    VerdictStatus.HOLD,
                    part,
                    start + english[0],
                    start + english[1],
                    messages.FOREIGN.format(words=sentence[english[0] : english[1]]),
                )
            )
        if inserted is not None:
            checks.append(
                _check(
                    "inserted_text",
                    VerdictStatus.HOLD,
                    part,
                    start,
                    start + len(sentence),
                    messages.INSERTED.format(words=inserted),
                )
            )
        if part.kind in ("chapo", "paragraph"):
            terms = term_set(sentence)
            key = fold_text(sentence)
            for other_terms, other_key in seen:
                if key == other_key or (
                    len(terms) >= REPEAT_MIN_TERMS
                    and len(other_terms) >= REPEAT_MIN_TERMS
                    and similarity(terms, other_terms) >= REPEAT_SHARE
                ):
                    checks.append(
                        _check(
                            "repeated_sentence",
                            VerdictStatus.HOLD,
                            part,
                            start,
                            start + len(sentence),
                            messages.REPEATED,
                        )
                    )
                    break
            seen.append((terms, key))
            best = support.best_source
            if best is not None and support.coverage >= COPIED_COVERAGE:
                copied[best] = copied.get(best, 0) + len(sentence.split())
    for i, words in sorted(copied.items()):
        source = sources[i]
        if source.licence != Licence.EXCERPT:
            continue
        total = max(1, len(source.text.split()))
        if words > excerpt_max_words or words / total > excerpt_max_share:
            checks.append(
                Check(
                    "excerpt_copied",
                    messages.EXCERPT_COPIED.format(
                        words=words,
                        share=round(100 * words / total),
                        publisher=source.publisher_name or source.article.url,
                        max_words=excerpt_max_words,
                        max_share=round(100 * excerpt_max_share),
                    ),
                    VerdictStatus.HOLD,
                )
            )
    checks += title_checks(page, sources) + heading_checks(parts)
    checks += length_check(page, length_target, hold_short_pages, material)
    return verdict_of(checks)
