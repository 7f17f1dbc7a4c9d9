"""Sentence splitting for French and English news, returning character spans into the input.

Detectors, linking and composition all need sentences *with their offsets* (a finding points at
a span of the document text), so the splitter never rewrites the text: it returns ``(start,
end)`` pairs with ``text[start:end]`` the sentence, surrounding whitespace excluded.

Rules, in order (a rule-based splitter is predictable, fast and needs no model):
- A line break always ends a sentence (extracted news text has one paragraph per line).
- A candidate end is a run of ``. ! ? …`` followed by whitespace. Closing quotes and brackets
  right after it belong to the sentence (``pas. »``, ``said."``).
- It is an end only if the next text starts a sentence: an upper-case letter, a digit, an
  opening quote or a dash. ``a-t-il dit. » a ajouté`` or ``pas… et`` do not split.
- It is not an end after a title or abbreviation (``M.``, ``Mme``, ``Dr.``, ``Brig.``,
  ``Gen.``, ``p.``), after an initial (``George W. Bush``), or inside an elision ``(...)``.
  After a dotted acronym (``U.S.``, ``a.m.``) it is an end only if a typical sentence opener
  follows (``in the U.S. The company`` splits, ``the U.S. Senate`` does not).
- Paragraphs glued without a space (``…Pyrénées.Alors que…``, an artefact of some corpora)
  split between a lower-case word and a capitalised one.
Decimal numbers (``3,5``, ``3.5``) and dates (``31.05.2024``) have no space after the dot and
are never candidates.
"""

from __future__ import annotations

import re

# Titles and abbreviations after which a period does not end a sentence (case-sensitive;
# French and English news usage). Collected from style guides (AFP, AP) and checked against
# WMT newstest2013; ambiguous ones that often end sentences ("etc.", "Inc.", "Ltd.") are left
# out so that the ordinary rule (next word capitalised) decides.
ABBREVIATIONS: frozenset[str] = frozenset(
    [
        "M",
        "MM",
        "Mme",
        "Mmes",
        "Mlle",
        "Mlles",
        "Me",
        "Mgr",
        "Dr",
        "Drs",
        "Pr",
        "Pre",
        "St",
        "Ste",
        "Sts",
        "Mr",
        "Mrs",
        "Ms",
        "Messrs",
        "Jr",
        "Sr",
        "Prof",
        "Gen",
        "Gén",
        "Brig",
        "Col",
        "Lt",
        "Sgt",
        "Capt",
        "Cpt",
        "Cmdr",
        "Cdt",
        "Adm",
        "Maj",
        "Gov",
        "Sen",
        "Rep",
        "Rev",
        "Hon",
        "Pres",
        "Supt",
        "Det",
        "Insp",
        "Amb",
        "Cie",
        "Ets",
        "Vve",
        "cf",
        "Cf",
        "av",
        "bd",
        "boul",
        "ed",
        "eds",
        "vs",
        "v",
        "Ave",
        "Blvd",
        "Mt",
        "Ft",
        "Pt",
        "Rd",
    ]
)

# Abbreviations that are also ordinary words ("au vol.", "ils étaient sept.", "He said no."):
# they hold a sentence together only when a number follows ("vol. 3", "Sept. 5", "p. 12").
NUMBER_ABBREVIATIONS: frozenset[str] = frozenset(
    [
        "p",
        "pp",
        "vol",
        "Vol",
        "no",
        "No",
        "nos",
        "Nos",
        "n°",
        "N°",
        "art",
        "Art",
        "ch",
        "chap",
        "fig",
        "Fig",
        "éd",
        "env",
        "approx",
        "Jan",
        "Feb",
        "Febr",
        "Mar",
        "Apr",
        "Jun",
        "Jul",
        "Aug",
        "Sep",
        "Sept",
        "Oct",
        "Nov",
        "Dec",
        "janv",
        "févr",
        "avr",
        "juil",
        "sept",
        "oct",
        "nov",
        "déc",
    ]
)

# Words that typically open a sentence; after a dotted acronym ("U.S.") one of these means the
# acronym ended the sentence. Function words only: names after "U.S." are usually attributive.
SENTENCE_OPENERS: frozenset[str] = frozenset(
    [
        "The",
        "A",
        "An",
        "It",
        "He",
        "She",
        "They",
        "We",
        "I",
        "You",
        "This",
        "That",
        "These",
        "Those",
        "There",
        "But",
        "And",
        "Or",
        "So",
        "Yet",
        "In",
        "On",
        "At",
        "For",
        "If",
        "When",
        "While",
        "After",
        "Before",
        "Since",
        "As",
        "Its",
        "His",
        "Her",
        "Their",
        "Our",
        "My",
        "No",
        "Not",
        "Some",
        "Many",
        "Most",
        "Le",
        "La",
        "Les",
        "L",
        "Un",
        "Une",
        "Des",
        "Il",
        "Elle",
        "Ils",
        "Elles",
        "On",
        "Nous",
        "Vous",
        "Je",
        "Mais",
        "Et",
        "Ou",
        "Donc",
        "Or",
        "Ce",
        "Cet",
        "Cette",
        "Ces",
        "Cela",
        "Ça",
        "Selon",
        "Dans",
        "En",
        "Pour",
        "Si",
        "Quand",
        "Alors",
        "Depuis",
        "Après",
        "Avant",
        "Son",
        "Sa",
        "Ses",
        "Leur",
        "Leurs",
        "Plus",
        "Moins",
        "Aucun",
        "Aucune",
    ]
)

# Longest token before a period that can still be an abbreviation or an acronym, in characters.
WORD_WINDOW = 48

_TERMINAL = re.compile(r"[.!?…]+")
_CLOSERS_TIGHT = '”’")]»'
_SPACE = " \t\u00a0\u202f\u2009"
_WORD_BEFORE = re.compile(r"(\S+)$")
_INITIAL = re.compile(r"^[A-ZÀ-ÖØ-Þ]$")
_DOTTED_ACRONYM = re.compile(r"^(?:[A-Za-z]\.)+[A-Za-z]$")
_OPENING = "«“‘\"'([—–-¿¡"
_GLUED = re.compile(r"(?<=[a-zà-öø-ÿ]{2})[.!?][»”\"]?(?=[A-ZÀ-ÖØ-Þ][a-zà-öø-ÿ])")
_FIRST_WORD = re.compile(r"[\w’']+")


def _starts_sentence(text: str, pos: int) -> bool:
    """Does the text at `pos` (after whitespace) look like the start of a sentence?"""
    if pos >= len(text):
        return False
    ch = text[pos]
    return ch.isupper() or ch.isdigit() or ch in _OPENING


def _is_abbreviation(
    text: str, line_start: int, punct_start: int, punct: str, next_pos: int
) -> bool | None:
    """True: not an end; False: an end; None: an acronym whose fate depends on the next word."""
    if punct != ".":
        return False
    # Look back a bounded window only: a line can be a whole article (quadratic otherwise).
    m = _WORD_BEFORE.search(text, max(line_start, punct_start - WORD_WINDOW), punct_start)
    if not m:
        return False
    word = m.group(1).lstrip("«“‘\"'([")
    if not word:
        return False
    if word in ABBREVIATIONS or _INITIAL.match(word):
        return True
    if word in NUMBER_ABBREVIATIONS:
        return next_pos < len(text) and text[next_pos].isdigit()
    if _DOTTED_ACRONYM.match(word):
        return None
    return False


def _split_line(text: str, start: int, end: int, out: list[tuple[int, int]]) -> None:
    """Append the sentence spans of text[start:end] (one line) to `out`."""
    cuts: list[int] = []
    for m in _TERMINAL.finditer(text, start, end):
        p_start, p_end = m.start(), m.end()
        # Absorb closing quotes/brackets: tight ones ("said.\"") and a spaced French » ("pas. »").
        q = p_end
        while q < end:
            if text[q] in _CLOSERS_TIGHT:
                q += 1
                continue
            r = q
            while r < end and text[r] in _SPACE:
                r += 1
            # A spaced closing quote: French » always; a straight " when one is open before it
            # ('" Je veux mourir. " Mais').
            if (
                r > q
                and r < end
                and (
                    text[r] == "»"
                    or (
                        text[r] == '"'
                        and not (r + 1 < end and text[r + 1].isalnum())
                        and text.count('"', start, p_start) % 2 == 1
                    )
                )
            ):
                q = r + 1
                continue
            break
        if q >= end or text[q] not in _SPACE:
            continue  # no space after: decimals, dates, URLs, "(...)" inside words
        if p_start > start and text[p_start - 1] in "([":
            continue  # an elision "(...)" / "[...]" inside a sentence
        nxt = q
        while nxt < end and text[nxt] in _SPACE:
            nxt += 1
        if not _starts_sentence(text, nxt):
            continue
        abbrev = _is_abbreviation(text, start, p_start, m.group(), nxt)
        if abbrev is True:
            continue
        if abbrev is None:
            w = _FIRST_WORD.match(text, nxt)
            if not w or w.group().rstrip("’'") not in SENTENCE_OPENERS:
                continue
        cuts.append(q)
    for m in _GLUED.finditer(text, start, end):
        cuts.append(m.end())
    cuts.sort()
    s = start
    for c in [*cuts, end]:
        _emit(text, s, c, out)
        s = c


def _emit(text: str, s: int, e: int, out: list[tuple[int, int]]) -> None:
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    if e > s:
        out.append((s, e))


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans ``(start, end)`` of `text`, in order; ``text[start:end]`` is stripped.

    Works for French and English news (see the module docstring for the rules). A line break
    always ends a sentence, so paragraphs never share a sentence.
    """
    out: list[tuple[int, int]] = []
    pos = 0
    n = len(text)
    while pos < n:
        nl = text.find("\n", pos)
        line_end = n if nl < 0 else nl
        _split_line(text, pos, line_end, out)
        pos = line_end + 1
    return out


def sentences(text: str) -> list[str]:
    """The sentences of `text` as strings (convenience over `split_sentences`)."""
    return [text[s:e] for s, e in split_sentences(text)]
