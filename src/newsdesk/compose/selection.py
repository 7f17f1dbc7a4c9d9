"""Choose the sentences of a story page: no repetition, the licence respected, the length target.

Sources are read lead first. A sentence that repeats one already chosen (two translations of one
quotation, two reports of one fact) is left out; an `excerpt`-licensed source gives at most
`excerpt_max_words` words; reading stops a little past the length target (a page is a story,
not every source laid end to end). What was left out is counted, so a page that falls short can
say why.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from newsdesk.compose.material import StorySource, Unit, units_of
from newsdesk.compose.names import bare_mentions, full_mentions, introduced
from newsdesk.compose.salience import similarity, term_set
from newsdesk.compose.text import is_dependent
from newsdesk.types import Licence

# Share of the smaller sentence's content terms found in a chosen one above which a sentence is
# a repetition. Calibrated on the samples: the two French translations of Kirby's statement (000
# and 001) share 0.82 of their terms; sentences of different articles of french-news-clean
# about one subject share at most 0.45 (measured on 2,000 sentence pairs of one-topic articles).
DUPLICATE_SHARE = 0.6
MIN_TERMS_FOR_DUPLICATE = 4  # shorter sentences ("Il a démenti.") are compared verbatim only
# Reading stops once the page holds this multiple of the length target.
LENGTH_CAP_FACTOR = 1.4
CHAPO_MAX = 320  # two sentences or so: a lead, not a second body
CHAPO_CANDIDATES = 4  # the chapô is one of the lead source's first sentences


@dataclass
class Selection:
    chapo: list[Unit]
    body: list[Unit]
    duplicates: int = 0  # sentences left out as repetitions
    licence_capped: dict[int, int] = field(default_factory=dict)  # source -> words not used
    past_cap: int = 0  # words left unread once the page was long enough
    available_words: int = 0  # words of kept, non-repeated material in all sources


def _is_repeat(unit: Unit, terms: frozenset[str], chosen: list[tuple[str, frozenset[str]]]) -> bool:
    key = " ".join(unit.text.lower().split())
    for text, other in chosen:
        if key == text:
            return True
        if (
            len(terms) >= MIN_TERMS_FOR_DUPLICATE
            and len(other) >= MIN_TERMS_FOR_DUPLICATE
            and similarity(terms, other) >= DUPLICATE_SHARE
        ):
            return True
    return False


def _after_taken(unit: Unit, source_units: Sequence[Unit], taken: set[Unit]) -> bool:
    previous = [u for u in source_units if u.position == unit.position - 1]
    return bool(previous) and previous[0] in taken


def _unplaced_names(
    unit: Unit, surnames: frozenset[str], shown: dict[str, tuple[int, int]]
) -> bool:
    """Does `unit` name by surname alone someone its source introduces with a full name, while
    no sentence placed before it on the page gives that full name (see compose/names.py)?"""
    here = (unit.source, unit.position)
    return any(
        name not in shown or shown[name] > here for name in bare_mentions(unit.text, surnames)
    )


def _chapo(lead: list[Unit]) -> list[Unit]:
    for unit in lead[:CHAPO_CANDIDATES]:
        if len(unit.text) <= CHAPO_MAX and unit.words >= 8:
            return [unit]
    return []


def select(sources: Sequence[StorySource], length_target: int, excerpt_max_words: int) -> Selection:
    """The chapô and body sentences of a page built from `sources` (lead first).

    Two passes: first every source gives up to an equal share of the page (so a story told by
    three sources reads as three reports, not the lead and two footnotes), then the remaining
    room is filled in source order. Body sentences come out grouped by source, in reading order.
    """
    units = [units_of(i, s) for i, s in enumerate(sources)]
    chapo = _chapo(units[0]) if units else []
    chosen: list[tuple[str, frozenset[str]]] = [
        (" ".join(u.text.lower().split()), term_set(u.text)) for u in chapo
    ]
    selection = Selection(chapo=chapo, body=[])
    cap = int(length_target * LENGTH_CAP_FACTOR)
    share = cap // max(1, len(units))
    words = sum(u.words for u in chapo)
    used = [0] * len(units)
    taken: set[Unit] = set(chapo)
    counted: set[Unit] = set(chapo)
    # People each source names in full somewhere, including in sentences screening removed
    # ("Brig. Le général Patrick Ryder a déclaré…" goes as a calque, yet it is where the
    # source's readers met Ryder).
    people = [introduced("\n".join(source.paragraphs)) for source in sources]
    everyone = frozenset().union(*people)
    # Surname -> (source, position) of the earliest sentence on the page giving the full name;
    # the chapô is read first.
    shown = {n: (-1, -1) for u in chapo for n in full_mentions(u.text, everyone)}
    for limit in (share, cap):
        for index, source_units in enumerate(units):
            licensed = sources[index].licence == Licence.EXCERPT
            for unit in source_units:
                if unit in taken:
                    continue
                terms = term_set(unit.text)
                if _is_repeat(unit, terms, chosen):
                    if unit not in counted:
                        selection.duplicates += 1
                        counted.add(unit)
                    continue
                if unit not in counted:
                    selection.available_words += unit.words
                    counted.add(unit)
                if licensed and used[index] + unit.words > excerpt_max_words:
                    continue
                if used[index] + unit.words > limit or words >= cap:
                    break
                if is_dependent(unit.text) and not _after_taken(unit, source_units, taken):
                    continue
                if _unplaced_names(unit, people[index], shown):
                    continue  # "…, a déclaré Ryder" without "le général Patrick Ryder" before
                for name in full_mentions(unit.text, everyone):
                    here = (unit.source, unit.position)
                    shown[name] = min(shown.get(name, here), here)
                chosen.append((" ".join(unit.text.lower().split()), terms))
                taken.add(unit)
                selection.body.append(unit)
                used[index] += unit.words
                words += unit.words
    for index, source_units in enumerate(units):
        left = sum(u.words for u in source_units if u not in taken and u not in chapo)
        if sources[index].licence == Licence.EXCERPT and left:
            selection.licence_capped[index] = left
    selection.past_cap = max(0, selection.available_words - words)
    selection.available_words += sum(u.words for u in chapo)
    selection.body.sort(key=lambda u: (u.source, u.position))
    return selection
