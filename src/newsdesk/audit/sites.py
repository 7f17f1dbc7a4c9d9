"""Site profiles and the republisher score: what each site publishes, and how much of it is
someone else's article, copied or translated, with the traces automated republishing leaves.

The score is a sum of signals, each the share of the site's documents that carry it times a
weight, capped at 1 (see `SIGNALS` and docs/audit.md, "Sites and the network between them").
Every profile lists the signals with their document counts, so the number is never shown alone.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from newsdesk.audit.network import SiteLink, median_delay
from newsdesk.audit.site_docs import SiteDoc


@dataclass(frozen=True)
class SignalDef:
    name: str
    weight: float
    classes: frozenset[str]  # defect classes that make a document carry it (empty: copies)
    description: str


# Weights: a site whose every document carries a signal of weight 1 is a republisher on that
# evidence alone. Copying, a disclaimer saying the site publishes automatically, and the text
# of a language model left in a page (its instructions, its chatter, a persona or a narrator
# that no source has) are each proof enough. Translation residue and page residue also appear
# in honest pages (a hasty translation, a badly extracted template): they count for half and a
# quarter. On benchmarks/sites.py's legitimate French outlets (real OrangeSum articles) the
# residue signals fire on a few per cent of documents; see docs/audit.md for the figures.
COPIES = "copies"
SIGNALS: tuple[SignalDef, ...] = (
    SignalDef(
        COPIES,
        1.0,
        frozenset(),
        "copy or translation of an article another site published earlier",
    ),
    SignalDef(
        "disclaimer",
        1.0,
        frozenset({"auto-republish-disclaimer"}),
        "says it is published or translated automatically",
    ),
    SignalDef(
        "machine-text",
        1.0,
        frozenset(
            {
                "leaked-instruction",
                "model-self-talk",
                "persona-leak",
                "impersonation",
                "injected-opinion",
            }
        ),
        "a language model's instructions, chatter or invented first person left in the page",
    ),
    SignalDef(
        "translation-residue",
        0.5,
        frozenset({"untranslated-fragment", "mt-calque", "misplaced-quotes", "unbalanced-quotes"}),
        "traces of machine translation",
    ),
    SignalDef(
        "page-residue",
        0.25,
        frozenset(
            {
                "boilerplate",
                "inline-related-link",
                "metadata-residue",
                "repeated-title",
                "title-suffix",
                "byline-in-body",
            }
        ),
        "residue of the page it was taken from",
    ),
)

# Verdicts, read off the score: at 0.5 half the documents carry proof (or all of them carry
# residue and translation traces); under 0.2 what is found is what honest sites also show.
REPUBLISHER_AT = 0.5
SOME_SIGNALS_AT = 0.2


@dataclass(frozen=True)
class Signal:
    name: str
    weight: float
    documents: int  # documents of the site that carry it
    share: float
    contribution: float  # weight × share, what it adds to the score
    description: str


@dataclass(frozen=True)
class CopiedFrom:
    """The documents of one site that are copies or translations of another site's articles."""

    site: str
    documents: int
    translations: int
    median_delay: timedelta | None  # after the original's publication
    delays: int  # documents whose delay is known


@dataclass(frozen=True)
class SiteProfile:
    site: str
    documents: int
    languages: tuple[tuple[str, int], ...]  # most frequent first; "?" for unknown
    first_seen: datetime | None  # earliest and latest publication dates of its documents
    last_seen: datetime | None
    undated: int
    classes: tuple[tuple[str, int], ...]  # defect class, documents with it (most first)
    copies: int  # documents that are copies or translations of another site's earlier article
    translations: int  # of which translations (the original is in another language)
    copied_from: tuple[CopiedFrom, ...]
    unordered: int  # documents linked as copies to another site, which came first unknown
    copied_by: int  # documents of this site that another site copied or translated
    disclaimers: int
    signals: tuple[Signal, ...]
    score: float
    verdict: str  # "republisher", "some signals", "no strong signal"

    def share(self, n: int) -> float:
        return n / self.documents if self.documents else 0.0


@dataclass(frozen=True)
class _Copy:
    original: SiteDoc
    translation: bool
    delay: timedelta | None


def _originals(docs: Sequence[SiteDoc], links: Sequence[SiteLink]) -> dict[str, _Copy]:
    """For every document that copies or translates another site's, its original: the earliest
    dated document on another site among those it descends from (its source, its source's
    source: a copy of a copy is still a copy of the original), else its nearest source."""
    incoming: dict[str, list[SiteDoc]] = defaultdict(list)
    for x in links:
        if x.oriented_by is not None:
            incoming[x.target.id].append(x.source)
    copies: dict[str, _Copy] = {}
    for doc in docs:
        sources = incoming.get(doc.id)
        if not sources:
            continue
        seen = {doc.id}
        stack = list(sources)
        ancestors: list[SiteDoc] = []
        while stack:
            s = stack.pop()
            if s.id in seen:
                continue
            seen.add(s.id)
            if s.site != doc.site:
                ancestors.append(s)
            stack.extend(incoming.get(s.id, ()))
        dated = [a for a in ancestors if a.published is not None]
        if dated:
            original = min(dated, key=lambda a: (a.published, a.name))
        else:
            original = min(sources, key=lambda a: a.name)
        delay = (
            doc.published - original.published
            if doc.published is not None and original.published is not None
            else None
        )
        translation = bool(doc.language and original.language and doc.language != original.language)
        copies[doc.id] = _Copy(original, translation, delay)
    return copies


def _signals(docs: Sequence[SiteDoc], copy_ids: set[str]) -> tuple[tuple[Signal, ...], float]:
    n = len(docs)
    signals = []
    for sig in SIGNALS:
        if sig.name == COPIES:
            count = sum(d.id in copy_ids for d in docs)
        else:
            count = sum(bool(d.classes & sig.classes) for d in docs)
        share = count / n if n else 0.0
        signals.append(
            Signal(sig.name, sig.weight, count, share, sig.weight * share, sig.description)
        )
    return tuple(signals), min(1.0, sum(s.contribution for s in signals))


def verdict(score: float) -> str:
    if score >= REPUBLISHER_AT:
        return "republisher"
    if score >= SOME_SIGNALS_AT:
        return "some signals"
    return "no strong signal"


def site_profiles(docs: Iterable[SiteDoc], links: Sequence[SiteLink]) -> list[SiteProfile]:
    """One profile per site, highest republisher score first (then most documents)."""
    by_site: dict[str, list[SiteDoc]] = defaultdict(list)
    for d in docs:
        by_site[d.site].append(d)
    all_docs = [d for group in by_site.values() for d in group]
    copies = _originals(all_docs, links)
    unordered: set[str] = set()
    copied: set[str] = set()
    for x in links:
        if x.oriented_by is None:
            unordered.update((x.source.id, x.target.id))
        else:
            copied.add(x.source.id)
    profiles = []
    for site, group in by_site.items():
        copy_ids = {d.id for d in group if d.id in copies}
        signals, score = _signals(group, copy_ids)
        from_sites: dict[str, list[_Copy]] = defaultdict(list)
        for d in group:
            if d.id in copies:
                from_sites[copies[d.id].original.site].append(copies[d.id])
        copied_from = sorted(
            (
                CopiedFrom(
                    site=s,
                    documents=len(cs),
                    translations=sum(c.translation for c in cs),
                    median_delay=median_delay([c.delay for c in cs if c.delay is not None]),
                    delays=sum(c.delay is not None for c in cs),
                )
                for s, cs in from_sites.items()
            ),
            key=lambda c: (-c.documents, c.site),
        )
        dates = [d.published for d in group if d.published is not None]
        classes = Counter(c for d in group for c in d.classes)
        languages = Counter(d.language or "?" for d in group)
        profiles.append(
            SiteProfile(
                site=site,
                documents=len(group),
                languages=tuple(sorted(languages.items(), key=lambda kv: (-kv[1], kv[0]))),
                first_seen=min(dates) if dates else None,
                last_seen=max(dates) if dates else None,
                undated=len(group) - len(dates),
                classes=tuple(sorted(classes.items(), key=lambda kv: (-kv[1], kv[0]))),
                copies=len(copy_ids),
                translations=sum(copies[i].translation for i in copy_ids),
                copied_from=tuple(copied_from),
                unordered=sum(d.id in unordered and d.id not in copy_ids for d in group),
                copied_by=sum(d.id in copied for d in group),
                disclaimers=sum("auto-republish-disclaimer" in d.classes for d in group),
                signals=signals,
                score=round(score, 4),
                verdict=verdict(score),
            )
        )
    profiles.sort(key=lambda p: (-p.score, -p.documents, p.site))
    return profiles
