"""Pairing quotation marks across languages and typographic conventions.

One glyph means different things in different conventions: « opens in French and closes in
German and Danish (»Zitat«), “ opens in English and closes in German, Czech, Lithuanian and
Icelandic („Zitat“), ” closes in English and Polish („cytat”) but opens and closes in Swedish
and Finnish (”citat”). Reading every page as French reports a broken quotation several times
per German paragraph, so this module decides what each mark is before pairing:

- guillemets: their orientation for the whole document, from how they attach to words
  («mot» vs »Wort«), and from the language when spacing does not tell (« mot » in French);
- marks that may open or close (" “ ”): from their neighbours (space before and a word after
  opens) and from the quotation they could close (a “ after an open „ closes it);
- marks that are not quotation marks at all: inch and second marks after a number (`34"`,
  `5'10"`, `12'30"`), guillemets used as arrows, bullets or breadcrumb separators
  (`Weiterlesen »`, `» Zur Startseite`, `Accueil » Monde » Europe`, `»»`).

Pairing runs over each paragraph with a stack (quotations nest). A paragraph break lost in
extraction (`…service.""Pour moi…`, `…Pyrénées.Alors…`) is a paragraph boundary too, placed
after the closing marks that end the first paragraph. At a boundary, a quotation still open is
*continued* when the next paragraph opens with a quotation mark (the French, English and German
convention for a quotation over several paragraphs); otherwise it is carried for a few
paragraphs, and a closing mark there with no opening one closes it (the source omitted the
marks in between, or the extractor split a paragraph). Only what remains is unbalanced.

A quotation closed with a glyph of another convention (`"…”`, `“…"`, `„…"`, `«…"`) is paired
but recorded as *mismatched*: a milder slip than a quotation never closed. Single quotation
marks (‘ ’ ‚ ‹ › ') are not paired: they are apostrophes and arrows far more often than quotes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

# Languages that quote with »…« (guillemets pointing inwards); the others use «…».
REVERSED_GUILLEMET_LANGUAGES = frozenset({"de", "da", "cs", "sk", "hr", "sl", "hu"})
# Languages that open and close with the same right-hand glyph: ”…” and »…».
SAME_GLYPH_LANGUAGES = frozenset({"sv", "fi"})

MARKS = '«»„“”"「」『』'
_MARK_RE = re.compile(r"[«»„“”\"「」『』]")
_OPENING_PUNCT = set("([{/-–—:：，、（")
_CLOSING_PUNCT = set(".,;:!?)]}…-–—。，、；：！？）")
# Pairs that are correct in some convention (opening glyph, closing glyph).
GOOD_PAIRS = frozenset(
    {
        ("«", "»"),
        ("»", "«"),
        ("„", "“"),
        ("„", "”"),
        ("“", "”"),
        ("”", "”"),
        ('"', '"'),
        ("「", "」"),
        ("『", "』"),
        ("»", "»"),
    }
)
_DOUBLE_FAMILY = frozenset('«»„“”"')
CARRY_BLOCKS = 3  # paragraphs a quotation left open may still be closed in
SHORT_LINE = 80  # a line this short ending or starting with a lone guillemet is navigation


@dataclass(frozen=True)
class Pair:
    """A quotation: its opening and closing marks' offsets; `good` if the glyphs agree."""

    open: int
    close: int
    good: bool


@dataclass
class QuoteScan:
    """What pairing found in a document."""

    pairs: list[Pair] = field(default_factory=list)
    unclosed: list[int] = field(default_factory=list)  # opening marks never closed
    unopened: list[int] = field(default_factory=list)  # closing marks never opened
    ignored: list[int] = field(default_factory=list)  # arrows, inch marks: not quotation marks
    reversed_guillemets: bool = False  # »…« convention


def _is_space(ch: str) -> bool:
    return ch.isspace() or ch == ""


def _context(text: str, i: int, start: int, end: int) -> str:
    """'open', 'close' or 'either' for the mark at `i`, judged by its neighbours in [start, end)."""
    before = text[i - 1] if i > start else ""
    after = text[i + 1] if i + 1 < end else ""
    opens = (
        (_is_space(before) or before in _OPENING_PUNCT or before in MARKS)
        and not _is_space(after)
        and after not in _CLOSING_PUNCT
        and after not in "»”」』"
    )
    closes = (
        not _is_space(before)
        and (_is_space(after) or after in _CLOSING_PUNCT or after in MARKS or after in "'’")
    ) or (before == " " and after in ".,;:!?")  # French spacing: « … menacé ". »

    if opens and not closes:
        return "open"
    if closes and not opens:
        return "close"
    return "either"


def guillemets_reversed(text: str, language: str | None) -> bool:
    """Does the document quote with »…«? Decided by which side guillemets attach to words."""
    french = german = 0
    for m in re.finditer(r"[«»]", text):
        i = m.start()
        before = text[i - 1] if i > 0 else " "
        after = text[i + 1] if i + 1 < len(text) else " "
        right = after.isalnum()
        left = before.isalnum()
        if right == left:
            continue
        if m.group() == "»" and right and text[max(0, i - 2) : i].rstrip()[-1:] in _SENTENCE_END:
            continue  # "…fatigué. »Elle…": a closing mark glued to the next paragraph, no vote
        if (m.group() == "«") == right:
            french += 1
        else:
            german += 1
    # The language decides unless the glyphs clearly say otherwise (a German quote in a
    # French article attaches its guillemets like German, one or two marks are not a vote).
    if (language or "")[:2] in REVERSED_GUILLEMET_LANGUAGES:
        return french < 2 * german + 2
    return german >= 2 * french + 2


def _arrow_positions(text: str, lines: list[tuple[int, int]]) -> set[int]:
    """Guillemets that point rather than quote: runs, breadcrumbs, 'Read more »' lines."""
    out: set[int] = set()
    for m in _GUILLEMET_RUN.finditer(text):
        out.update(range(m.start(), m.end()))
    for s, e in lines:
        line = text[s:e]
        left, right = line.count("«"), line.count("»")
        if left + right == 0 or (left and right):
            continue
        if left + right >= 2:
            out.update(s + k for k, ch in enumerate(line) if ch in "«»")  # Home » News » World
            continue
        k = line.find("«") if left else line.find("»")
        if k == len(line) - 1 and k > 0 and line[k - 1].isspace():
            cut = max(line.rfind(ch, 0, k) for ch in ".!?:;")
            label = line[cut + 1 : k]  # "Weiterlesen »", "Suivant »"
        elif 0 < k < len(line) - 1 and line[k - 1].isspace() and line[k + 1].isspace():
            label = line[:k]  # "À lire aussi » Ballonnements…": a link after its label
            if _SENTENCE_PUNCT.search(label):
                continue
        elif k == 0 and k + 1 < len(line) and line[k + 1].isspace():
            label = line[1:]  # "» Zur Startseite", "« Précédent"
            if _SENTENCE_PUNCT.search(label):
                continue
        else:
            continue
        if 1 <= len(label.split()) <= NAVIGATION_MAX_WORDS and label.rstrip()[-1:] not in ".!?:,;":
            out.add(s + k)
    return out


_SENTENCE_END = tuple(".!?…")
_SINGLE_OPEN = re.compile(r"[‘`]|(?:^|(?<=[\s(\[“\"«—–-]))'")
# Square-bracket shortcodes and HTML tags left in the text: their quotes delimit attributes.
_MARKUP = re.compile(
    r"\[/?[A-Za-z_][^\]\n]{0,300}=[^\]\n]{0,300}\]|<[A-Za-z][^>\n]{0,300}=[^>\n]{0,300}>"
)
# A single closing quote after sentence punctuation ("…transmission,’ he says"): apostrophes
# never follow a comma or a full stop, so this closes a quotation, with the wrong glyph.
_SINGLE_CLOSE = re.compile(r"[,.!?](?=[’'](?:\s|$|[)\]]))")
_GUILLEMET_RUN = re.compile(r"[«»]{2,}")
_SENTENCE_PUNCT = re.compile(r"[.!?]")
NAVIGATION_MAX_WORDS = 3  # "Lire la suite »": a link label, not a quotation


def _is_measure(text: str, i: int) -> bool:
    """A " or ” right after a digit, not followed by a letter: inches, seconds (34", 5'10")."""
    if i == 0 or not text[i - 1].isdigit():
        return False
    after = text[i + 1] if i + 1 < len(text) else " "
    return not after.isalpha()


# A paragraph break lost in extraction: a sentence end glued to a capital or a quotation mark.
# The match is the sentence-ending mark and the boundary its end: a pattern that starts with a
# character set lets the regex engine skip straight to punctuation.
GLUE = re.compile(r"[.!?…](?<=[a-zà-ÿ0-9)%][.!?…])(?=[«»„“”\"]*[A-ZÀ-ÖØ-Þ«„“\"])")


def _roles(glyph: str, reversed_g: bool, same_glyph: bool) -> str:
    if glyph in "„「『":
        return "open"
    if glyph in "」』":
        return "close"
    if glyph == "«":
        return "close" if reversed_g else "open"
    if glyph == "»":
        if same_glyph:
            return "either"
        return "open" if reversed_g else "close"
    if glyph == "”":
        return "either" if same_glyph else "close"
    return "either"  # “ and "


class _Pairer:
    def __init__(self, text: str, reversed_g: bool, same_glyph: bool, skip: set[int]) -> None:
        self.text = text
        self.reversed_g = reversed_g
        self.same_glyph = same_glyph
        self.skip = skip
        self.scan = QuoteScan(reversed_guillemets=reversed_g)
        self.stack: list[int] = []
        self.carried: list[tuple[int, int]] = []  # (opening offset, blocks left)

    def opener_glyphs(self) -> str:
        return '»„“"「『' if self.reversed_g else '«„“"「『'

    def mark(self, i: int, start: int, end: int) -> None:
        text = self.text
        g = text[i]
        if i in self.skip:
            self.scan.ignored.append(i)
            return
        if g in "’'":
            # closes a double quotation with the wrong glyph, if one is open with no single
            # quotation opened since ("said, 'Congratulations,' and", "go, `We…culture.’ ”")
            if (
                self.stack
                and not _SINGLE_OPEN.search(text, self.stack[-1] + 1, i)
                and text[i + 1 : i + 3].strip()[:1] not in ("”", '"', "»")
            ):
                self._close(len(self.stack) - 1, i, good=False)
            return
        role = _roles(g, self.reversed_g, self.same_glyph)
        ctx = _context(text, i, start, end)
        if g == "”" and ctx == "open" and not self.stack:
            role = "either"  # ”citat” (Swedish), or a misused opening mark
        top = text[self.stack[-1]] if self.stack else None
        if g in "«»" and role != "either":
            # a quotation in the other convention inside this document (a German quote in a
            # French article): the mark's attachment says so, and so does what it could close
            other = "»" if g == "«" else "«"
            if role == "open" and ctx == "close" and top == other:
                role = "close"
            elif role == "close" and ctx == "open" and top != other:
                role = "open"
        if g in '"”' and _is_measure(text, i) and (top is None or (top, g) not in GOOD_PAIRS):
            self.scan.ignored.append(i)  # 34", 5'10"
            return
        if role == "open":
            self.stack.append(i)
            return
        if role == "either":
            if top is not None and (top, g) in GOOD_PAIRS and ctx != "open":
                self._close(len(self.stack) - 1, i, good=True)
            elif (
                ctx == "close" and top is not None and top in _DOUBLE_FAMILY and g in _DOUBLE_FAMILY
            ):
                self._close(len(self.stack) - 1, i, good=False)
            elif ctx == "close" and not self.stack:
                self._unopened(i)
            else:
                self.stack.append(i)
            return
        # a closing glyph: the nearest quotation it closes properly, else the top one
        for k in range(len(self.stack) - 1, -1, -1):
            if (text[self.stack[k]], g) in GOOD_PAIRS:
                self._close(k, i, good=True)
                return
        if top is not None and top in _DOUBLE_FAMILY and g in _DOUBLE_FAMILY:
            self._close(len(self.stack) - 1, i, good=False)
            return
        self._unopened(i)

    def _close(self, k: int, i: int, *, good: bool) -> None:
        opener = self.stack[k]
        self.scan.unclosed.extend(self.stack[k + 1 :])  # quotations left open inside this one
        del self.stack[k:]
        self.scan.pairs.append(Pair(opener, i, good))

    def _unopened(self, i: int) -> None:
        g = self.text[i]
        for k in range(len(self.carried) - 1, -1, -1):
            opener = self.carried[k][0]
            if (self.text[opener], g) in GOOD_PAIRS:
                del self.carried[k]
                self.scan.pairs.append(Pair(opener, i, True))  # a quotation over paragraphs
                return
        self.scan.unopened.append(i)

    def boundary(self, next_char: str) -> None:
        """A paragraph ends; `next_char` is the first character of the next one."""
        aged = []
        for opener, left in self.carried:
            if left <= 1:
                self.scan.unclosed.append(opener)
            else:
                aged.append((opener, left - 1))
        self.carried = aged
        if not self.stack:
            return
        if next_char and next_char in self.opener_glyphs() + "»" * (not self.reversed_g):
            # continued: « … ¶ « … » (or the older » at each continued paragraph's start)
            self.stack.clear()
            return
        self.carried.extend((opener, CARRY_BLOCKS) for opener in self.stack)
        self.stack.clear()

    def finish(self) -> QuoteScan:
        self.scan.unclosed.extend(o for o, _ in self.carried)
        self.scan.unclosed.extend(self.stack)
        self.scan.unclosed.sort()
        self.scan.unopened.sort()
        return self.scan


def pair_quotes(text: str, lines: list[tuple[int, int]], language: str | None) -> QuoteScan:
    """Pair the quotation marks of `text`, whose paragraphs are the [start, end) `lines`."""
    lang = (language or "")[:2].lower()
    # ’’ and ‘‘ stand for ” and “ in some newsrooms' typography; same length, same offsets
    if "’’" in text or "‘‘" in text:
        text = text.replace("’’", "”’").replace("‘‘", "“‘")
    reversed_g = guillemets_reversed(text, lang)
    same_glyph = lang in SAME_GLYPH_LANGUAGES
    skip = _arrow_positions(text, lines)
    for m in _MARKUP.finditer(text):  # [button link=”…”], <a href="…">: attribute values
        skip.update(i for i in range(m.start(), m.end()) if text[i] in MARKS)
    p = _Pairer(text, reversed_g, same_glyph, skip)
    for n, (s, e) in enumerate(lines):
        glue = [m.end() for m in GLUE.finditer(text, s, e)]
        marks = [m.start() for m in _MARK_RE.finditer(text, s, e)]
        if "’" in text[s:e] or "'" in text[s:e]:
            marks = sorted(marks + [m.start() + 1 for m in _SINGLE_CLOSE.finditer(text, s, e)])
        gi = 0
        mi = 0
        seg_start = s
        while mi < len(marks) or gi < len(glue):
            if gi < len(glue) and (mi >= len(marks) or glue[gi] <= marks[mi]):
                g = glue[gi]
                gi += 1
                # closing marks glued to the sentence end belong to the paragraph it ends
                while mi < len(marks) and marks[mi] == g and p.stack:
                    top = text[p.stack[-1]]
                    ch = text[g]
                    if ch in p.opener_glyphs() and (top, ch) not in GOOD_PAIRS:
                        break
                    p.mark(g, seg_start, e)
                    mi += 1
                    g += 1
                p.boundary(text[g] if g < e else "")
                seg_start = g
            else:
                p.mark(marks[mi], seg_start, e)
                mi += 1
        p.boundary(_next_paragraph_start(text, lines, n + 1))
    return p.finish()


FURNITURE_MAX_WORDS = 12


def _next_paragraph_start(text: str, lines: list[tuple[int, int]], n: int) -> str:
    """First character of the next paragraph of prose, past headings and link lines.

    "…sovereignty. ¶ SEE MORE: Hong Kong protests ¶ “If the situation…": a related link
    inserted between two paragraphs of one quotation does not end it."""
    for s, e in lines[n:]:
        line = text[s:e]
        furniture = (
            len(line.split()) <= FURNITURE_MAX_WORDS
            and line[-1] not in '.!?:;…”»"»«'
            and not _MARK_RE.search(line)
        )
        if not furniture:
            return text[s]
    return ""
