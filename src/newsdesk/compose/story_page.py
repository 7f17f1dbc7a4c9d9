"""The extractive composer: one French page per story, built from its sources' own sentences.

It cannot invent a fact: every sentence of the body is copied from a source (its French text or
its translation) after screening, the headline and the subheadings are leading clauses cut from
those sentences, and the only words it adds are the attribution of a secondary source's report
("Selon Politico, …"). Quotations therefore stay verbatim and attributed as the source
attributed them; figures keep their units.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime

from newsdesk.cluster.terms import fold
from newsdesk.compose import messages
from newsdesk.compose.clauses import best_clause, speech_only
from newsdesk.compose.description import describe
from newsdesk.compose.headline import best_headline, word_cut
from newsdesk.compose.material import StorySource, Unit
from newsdesk.compose.salience import Salience, similarity, term_set
from newsdesk.compose.selection import CHAPO_MAX, Selection, select
from newsdesk.compose.text import first_sentences, make_slug
from newsdesk.compose.typography import french
from newsdesk.types import Page, RelatedRef, Section, SourceRef, Story

TITLE_MAX = 70  # what search engines show before cutting (issue 5)
TITLE_MIN = 25  # shorter clauses say too little to be a headline
DESCRIPTION_MAX = 160  # meta description limit used by search engines (issue 5)
HEADING_MAX = 60  # an intertitre fits on one line of a phone screen
HEADING_MIN = 12
HEADLINE_CANDIDATES = 8  # most central sentences the headline is cut from
# A headline or heading sharing this share of its terms with a source title (or with another
# heading) is a copy of it, not a new one.
COPY_SHARE = 0.7
SPEECH_ONLY_PENALTY = 0.0  # never a headline while any other clause exists
SECTION_MIN_WORDS = 90  # below this a section is merged with the next part of its source
SECTION_MAX_WORDS = 180  # above this a long source report is split under a new subheading

# Words after which "Selon X, " may lower-case the sentence's first letter (never a name).
_LOWERABLE = {
    "le", "la", "les", "l’", "l'", "un", "une", "des", "il", "elle", "ils", "elles", "ce",
    "cette", "ces", "au", "aux", "du", "dans", "en", "sur", "pour", "lors", "après", "avant",
    "depuis", "plus", "au moins", "on", "son", "sa", "ses", "leur", "leurs",
}  # fmt: skip


@dataclass(frozen=True)
class Composition:
    """A composed page and what its composition left out (for the verdict's length note)."""

    page: Page
    selection: Selection
    composer: str = "extractive"


def too_close(a: str, b: str) -> bool:
    """Is headline/heading `a` a copy of `b` (a source title, another heading), or the
    beginning of `b` (the chapô's first sentence)?"""
    fa, fb = fold(" ".join(a.split())), fold(" ".join(b.split()))
    if fa == fb or fb.startswith(fa.rstrip(" .")):
        return True
    return similarity(term_set(a), term_set(b)) >= COPY_SHARE


def _attributed(text: str, publisher: str | None) -> str:
    if not publisher or fold(publisher) in fold(text[:200]):
        return text
    first = text.split(" ", 1)[0]
    lowered = first.lower()
    if lowered in _LOWERABLE or lowered.startswith(("l’", "l'")):
        text = text[:1].lower() + text[1:]
    return messages.ACCORDING_TO.format(publisher=publisher) + text


def _paragraphs(units: Sequence[Unit]) -> list[tuple[int, list[Unit]]]:
    """Consecutive units of one source paragraph, as (source, units)."""
    out: list[tuple[int, list[Unit]]] = []
    key: tuple[int, int] | None = None
    for unit in units:
        if (unit.source, unit.paragraph) != key:
            out.append((unit.source, []))
            key = (unit.source, unit.paragraph)
        out[-1][1].append(unit)
    return out


def _sections(units: Sequence[Unit]) -> list[list[list[Unit]]]:
    """Paragraphs grouped in sections: a new source opens one; a long report is split."""
    sections: list[list[list[Unit]]] = []
    current_source: int | None = None
    words = 0
    for source, paragraph in _paragraphs(units):
        size = sum(u.words for u in paragraph)
        new_source = source != current_source
        if new_source or (words >= SECTION_MIN_WORDS and words + size > SECTION_MAX_WORDS):
            sections.append([])
            words = 0
            current_source = source
        sections[-1].append(paragraph)
        words += size
    # A short tail section of one source joins the previous section of the same source.
    merged: list[list[list[Unit]]] = []
    for section in sections:
        size = sum(u.words for p in section for u in p)
        if (
            merged
            and size < SECTION_MIN_WORDS // 2
            and merged[-1][0][0].source == section[0][0].source
        ):
            merged[-1].extend(section)
        else:
            merged.append(section)
    return merged


def clause_value(salience: Salience) -> Callable[[str, str], float]:
    """How good a clause cut from a sentence is: the sentence's centrality times the share of
    its key terms the clause keeps; a clause that only says who spoke is worth little."""

    def value(clause: str, sentence: str) -> float:
        whole = salience.mass(sentence) or 1.0
        kept = salience.score(sentence) * salience.mass(clause) / whole
        return kept * SPEECH_ONLY_PENALTY if speech_only(clause) else kept

    return value


def headline(
    salience: Salience,
    candidates: Sequence[str],
    titles: Sequence[str],
    opening: Sequence[str] = (),
) -> str:
    """A new headline: the best leading clause of the story's most central sentences; not a
    copy of a source title, and not the first words of the chapô (the detectors rightly read a
    headline repeated as the body's first line as a republishing defect)."""
    ranked = sorted(candidates, key=salience.score, reverse=True)
    value = clause_value(salience)
    titles_set = set(titles)

    opening_set = set(opening)

    def rejected(clause: str, other: str) -> bool:
        if other in titles_set:
            return too_close(clause, other)
        folded_clause = fold(" ".join(clause.split())).rstrip(" .!?…")
        folded_other = fold(" ".join(other.split())).rstrip(" .!?…")
        if other in opening_set:
            return folded_other.startswith(folded_clause)
        return folded_other == folded_clause  # a whole sentence of the page, printed twice

    avoid = [*titles, *opening, *candidates]
    clause = best_clause(ranked[:HEADLINE_CANDIDATES], TITLE_MAX, TITLE_MIN, value, avoid, rejected)
    if clause is None:  # the most central sentences gave nothing: any sentence of the story
        clause = best_clause(ranked, TITLE_MAX, TITLE_MIN, value, avoid, rejected)
    if clause is not None:
        return french(clause.text)
    return word_cut(ranked, TITLE_MAX)


def _line_key(text: str) -> str:
    """A line as the repeated-title detector compares it: lower case, words only."""
    return " ".join(re.sub(r"[^\w\s]", " ", text.lower()).split())


def compressed_headline(
    salience: Salience, units: Sequence[Unit], titles: Sequence[str], opening: Sequence[str]
) -> str | None:
    """A headline compressed from the story's most informative sentences (see `headline.py`):
    not a copy of a source title, and not a whole sentence of the page printed twice (the
    detectors rightly read a body line equal to the headline as a republishing defect; a
    shorter form of the chapô is what news headlines are)."""
    whole = {_line_key(t) for t in (*opening, *(u.text for u in units))}

    def rejected(text: str) -> bool:
        if _line_key(text) in whole:
            return True
        return any(too_close(text, t) for t in titles if t.strip())

    ordered = sorted(units, key=lambda u: (u.source, u.position))
    return best_headline([(u.source, u.text) for u in ordered], salience, rejected)


def fallback_description(chapo: str, title: str) -> str:
    """The chapô's first sentences when they fit, else the headline: never a sentence cut."""
    first = first_sentences(chapo, DESCRIPTION_MAX) if chapo else ""
    if first and len(first) <= DESCRIPTION_MAX and not first.endswith("…"):
        return first
    return title


def heading(salience: Salience, section: Sequence[str], avoid: Sequence[str]) -> str | None:
    ranked = sorted(section, key=salience.score, reverse=True)
    value = clause_value(salience)
    clause = best_clause(ranked, HEADING_MAX, HEADING_MIN, value, avoid, too_close, whole=True)
    return french(clause.text) if clause else None


def source_ref(source: StorySource) -> SourceRef:
    article = source.article
    # Readers see the screened title: a prompt glued to a source's title is not shown either.
    return SourceRef(
        article_id=article.id,
        title=source.screened.title or messages.UNTITLED_SOURCE,
        url=article.canonical_url or (article.url if "://" in article.url else None),
        publisher=source.publisher_name or messages.UNKNOWN_PUBLISHER,
        published=article.published,
        language=article.language,
    )


def disclosure(sources: Sequence[StorySource], template: str, **extra: str) -> str:
    publishers = sorted({s.publisher_name or messages.UNKNOWN_PUBLISHER for s in sources})
    count = (
        messages.ONE_SOURCE if len(sources) == 1 else messages.MANY_SOURCES.format(n=len(sources))
    )
    translated = [s for s in sources if s.translated_by]
    if translated:
        translation = messages.TRANSLATED.format(
            engines=", ".join(sorted({s.translated_by or "" for s in translated})),
            titles=", ".join(f"« {s.article.title} »" for s in translated),
        )
    else:
        translation = messages.NOT_TRANSLATED
    return french(
        template.format(
            count=count, publishers=", ".join(publishers), translation=translation, **extra
        )
    )


def bylines(sources: Sequence[StorySource]) -> tuple[str, ...]:
    out = [messages.NEWSROOM_BYLINE]
    for source in sources:
        for name in (source.article.byline, *source.bylines):
            if name and name not in out:
                out.append(name)
    return tuple(out)


def compose_story_page(
    story: Story,
    sources: Sequence[StorySource],
    *,
    now: datetime,
    length_target: int,
    excerpt_max_words: int,
    related: Sequence[RelatedRef] = (),
) -> Composition:
    """Compose the page of `story` from `sources` (lead first). `now` is passed in so builds
    are reproducible; the desk keeps the first publication date across runs."""
    selection = select(sources, length_target, excerpt_max_words)
    units = selection.chapo + selection.body
    salience = Salience(units)
    titles = [s.article.title for s in sources] + [s.title for s in sources]
    # A headline that opens the chapô would read as the title printed twice.
    opening = [u.text for u in (selection.chapo or selection.body[:1])]
    title = compressed_headline(salience, units, titles, opening) or headline(
        salience, [u.text for u in units], titles, opening
    )

    chapo = french(" ".join(u.text for u in selection.chapo))
    sections: list[Section] = []
    used_headings: list[str] = [title, *titles]
    lead_publisher = sources[0].publisher_name if sources else None
    attributed: set[int] = {0}
    for group in _sections(selection.body):
        source = group[0][0].source
        publisher = sources[source].publisher_name
        paragraphs = [" ".join(u.text for u in p) for p in group]
        if source not in attributed and publisher and publisher != lead_publisher:
            paragraphs[0] = _attributed(paragraphs[0], publisher)
        attributed.add(source)
        typeset = tuple(french(p) for p in paragraphs)
        if not sections:
            sections.append(Section(None, typeset))
            continue
        title_of_section = heading(salience, [u.text for p in group for u in p], used_headings)
        if title_of_section is None:  # no honest subheading: the text joins the previous part
            previous = sections.pop()
            sections.append(Section(previous.heading, previous.paragraphs + typeset))
            continue
        used_headings.append(title_of_section)
        sections.append(Section(title_of_section, typeset))
    if not chapo and sections and sections[0].paragraphs:
        chapo = first_sentences(sections[0].paragraphs[0], CHAPO_MAX)
    lead_units = sorted((u for u in units if u.source == 0), key=lambda u: u.position)
    description = describe([u.text for u in lead_units], salience) or fallback_description(
        chapo, title
    )
    page = Page(
        slug=make_slug(title, story.id),
        title=title,
        description=french(description),
        chapo=chapo,
        sections=tuple(sections),
        sources=tuple(source_ref(s) for s in sources),
        published=now,
        updated=now,
        disclosure=disclosure(sources, messages.DISCLOSURE_EXTRACTIVE),
        story_id=story.id,
        bylines=bylines(sources),
        related=tuple(related),
        language="fr",
    )
    return Composition(page, selection)
