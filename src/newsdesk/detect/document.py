"""A read-only view of one document shared by every detector: lines, title, sentences, quotes.

The detectors receive the text exactly as extracted (no cleaning), so every offset they report
is an offset into that text. Work needed by several detectors (line spans, where quotations
are, sentence boundaries, the document language) is computed once, lazily, here.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import cached_property

# Characters replaced one-for-one in `Document.norm` so that patterns need one spelling only;
# the replacement keeps the length, so offsets in `norm` are offsets in `text`.
_NORMALISE = (
    ("\u2019", "'"),  # right single quotation mark used as apostrophe
    ("\u2018", "'"),
    ("\u02bc", "'"),
    ("\u00a0", " "),  # no-break space (French typography before ; : ! ? »)
    ("\u202f", " "),  # narrow no-break space
    ("\u2009", " "),
    ("\u2013", "-"),  # en dash
    ("\u2014", "-"),  # em dash
    ("\u2011", "-"),
)


def normalise(text: str) -> str:
    """`text` with apostrophes, spaces and dashes unified, same length (str.replace is C-fast)."""
    for a, b in _NORMALISE:
        if a in text:
            text = text.replace(a, b)
    return text


# Site furniture that may precede the title line ("Skip to content"); the title is the next line.
FURNITURE_PHRASE = (
    r"skip\s*(?:to\s*(?:main\s*)?(?:content|navigation|menu)|navigation|links)|"
    r"jump\s*to\s*(?:main\s*)?content|"
    r"aller\s*(?:au|[àa]\s*la|directement\s*au)\s*(?:contenu|navigation|menu)(?:\s*principal)?|"
    r"passer\s*(?:au|directement\s*au)\s*contenu(?:\s*principal)?|"
    r"(?:ir|saltar)\s*al\s*contenido(?:\s*principal)?|(?:direkt\s*)?zum\s*inhalt(?:\s*springen)?|"
    r"(?:vai|salta)\s*al\s*contenuto(?:\s*principale)?|(?:pular|ir|saltar)\s*para\s*o\s*conte[úu]do"
)
_FURNITURE_LINE = re.compile(
    rf"^\W*(?:{FURNITURE_PHRASE}|menu(?:\s*principal)?|main\s*menu|toggle\s*navigation|"
    r"(?:accueil|home)\s*[>›»/|].*)\W*$",
    re.IGNORECASE,
)
FURNITURE_MAX_LINES = 3  # how many furniture lines may precede the title

# Title line: the first non-empty line, when it looks like a headline rather than a paragraph.
TITLE_MAX_CHARS = 400  # longest headline seen in french-news-clean is ~200 characters

# Abbreviations after which a full stop does not end a sentence (French and English news).
_ABBREVIATIONS = frozenset(
    [
        "m",
        "mm",
        "mme",
        "mmes",
        "mlle",
        "dr",
        "pr",
        "me",
        "st",
        "ste",
        "vs",
        "etc",
        "cf",
        "av",
        "apr",
        "env",
        "no",
        "nos",
        "p",
        "pp",
        "mr",
        "mrs",
        "ms",
        "jr",
        "sr",
        "gen",
        "brig",
        "lt",
        "col",
        "maj",
        "capt",
        "sgt",
        "adm",
        "gov",
        "sen",
        "rep",
        "prof",
        "inc",
        "ltd",
        "co",
        "corp",
        "janv",
        "févr",
        "fév",
        "sept",
        "oct",
        "nov",
        "déc",
        "jan",
        "feb",
        "aug",
        "dec",
    ]
)
_SENTENCE_BOUNDARY = re.compile(r"[.!?…]+[»\"”)]?(?:\s+|(?=[A-ZÀ-ÖØ-Þ«\"“]))")
_WORD_BEFORE = re.compile(r"([\w'-]+)$")


# A paragraph break lost in extraction: sentence end glued to the next capital or quote.
_GLUED_PARAGRAPH = re.compile(r"(?<=[a-zà-ÿ0-9)][.!?…])[\"»”]?(?=[\"«“]?[A-ZÀ-ÖØ-Þ][a-zà-ÿ])")


def straight_quote_kind(text: str, i: int, start: int, end: int) -> str:
    """Is the straight double quote at `i` an opening or a closing mark, judged by its neighbours?"""
    before = text[i - 1] if i > start else " "
    after = text[i + 1] if i + 1 < end else " "
    # A quotation cannot begin with a comma or a full stop: '…triste !'", a-t-elle dit' closes.
    opens = (
        (before.isspace() or before in "([{«'’/-–—:")
        and not after.isspace()
        and after not in _CANNOT_FOLLOW_OPENING
    )
    closes = not before.isspace() and (after.isspace() or after in ".,;:!?)]}»'’…-–—")
    if opens and not closes:
        return "open"
    if closes and not opens:
        return "close"
    return "either"


_QUOTE_MARK = re.compile(r"[«»“”\"]")
_CANNOT_FOLLOW_OPENING = ",;:.!?)]}»"


@dataclass(frozen=True)
class Span:
    start: int
    end: int


class Document:
    """The text of one document and the structures the detectors share."""

    def __init__(
        self,
        text: str,
        language: str | None = None,
        title: str | None = None,
        *,
        url: str | None = None,
        html: bool = False,
    ) -> None:
        self.text = text
        # Where the page was published (its path says /opinion/, /blog/…: see genre) and
        # whether the text was extracted from HTML (a page's own <h1> then opens the body and
        # is not a repeated title: see titles).
        self.url = url
        self.html = html
        self.norm = normalise(text)
        self.lower = self.norm.lower()
        self._language = language.lower()[:2] if language else None
        self._title_hint = title

    # --- lines -------------------------------------------------------------------------------
    @cached_property
    def lines(self) -> list[Span]:
        """Non-empty lines (one paragraph each in extracted text), trimmed of outer whitespace."""
        spans = []
        pos = 0
        text = self.text
        for raw in text.split("\n"):
            end = pos + len(raw)
            s, e = pos, end
            while s < e and text[s].isspace():
                s += 1
            while e > s and text[e - 1].isspace():
                e -= 1
            if e > s:
                spans.append(Span(s, e))
            pos = end + 1
        return spans

    @cached_property
    def title(self) -> Span | None:
        """Where the title is in the text: the `title` hint if the text holds it, else line 1."""
        if not self.lines:
            return None
        first = self.lines[0]
        if self._title_hint:
            hint = " ".join(self._title_hint.split()).lower()
            if hint:
                for line in self.lines[:3]:
                    if hint in " ".join(self.line_text(line).split()).lower():
                        return line
                return None
        for line in self.lines[:FURNITURE_MAX_LINES]:
            if _FURNITURE_LINE.match(self.norm[line.start : line.end]):
                continue
            first = line
            break
        if first.end - first.start > TITLE_MAX_CHARS:
            return None
        return first

    @cached_property
    def body_lines(self) -> list[Span]:
        title = self.title
        return [ln for ln in self.lines if title is None or ln.start != title.start]

    def line_text(self, span: Span) -> str:
        return self.text[span.start : span.end]

    @cached_property
    def _line_starts(self) -> list[int]:
        return [ln.start for ln in self.lines]

    def line_at(self, pos: int) -> Span | None:
        i = bisect.bisect_right(self._line_starts, pos) - 1
        if i >= 0 and self.lines[i].start <= pos <= self.lines[i].end:
            return self.lines[i]
        return None

    # --- language ----------------------------------------------------------------------------
    @cached_property
    def language(self) -> str:
        """The language given by the caller, else identified on the body (first 3,000 chars)."""
        if self._language:
            return self._language
        from newsdesk.detect.langid import identify

        sample = " ".join(self.line_text(ln) for ln in self.body_lines)[:3000] or self.text[:3000]
        return identify(sample)[0] if sample.strip() else "fr"

    # --- sentences ---------------------------------------------------------------------------
    @cached_property
    def sentences(self) -> list[Span]:
        """Sentences of every line; a sentence never crosses a line break."""
        out: list[Span] = []
        for line in self.lines:
            out.extend(self.split_sentences(line.start, line.end))
        return out

    def split_sentences(self, start: int, end: int) -> list[Span]:
        text = self.text
        spans = []
        s = start
        for m in _SENTENCE_BOUNDARY.finditer(text, start, end):
            before = _WORD_BEFORE.search(text, max(start, m.start() - 20), m.start())
            if before and text[m.start()] == ".":
                word = before.group(1).lower()
                if word in _ABBREVIATIONS or (len(word) == 1 and word.isalpha()):
                    continue
            e = m.end()
            if e < end and text[e - 1].isspace():
                e = m.end()
            spans.append(Span(s, e))
            s = m.end()
        if s < end:
            spans.append(Span(s, end))
        return [sp for sp in (self._trim(sp) for sp in spans) if sp.end > sp.start]

    def _trim(self, sp: Span) -> Span:
        s, e = sp.start, sp.end
        while s < e and self.text[s].isspace():
            s += 1
        while e > s and self.text[e - 1].isspace():
            e -= 1
        return Span(s, e)

    @cached_property
    def _sentence_starts(self) -> list[int]:
        return [sp.start for sp in self.sentences]

    def sentence_at(self, pos: int) -> Span:
        i = bisect.bisect_right(self._sentence_starts, pos) - 1
        if i >= 0 and pos <= self.sentences[i].end:
            return self.sentences[i]
        return Span(pos, pos)

    # --- quotations ---------------------------------------------------------------------------
    @cached_property
    def blocks(self) -> list[Span]:
        """Paragraphs for quotation tracking: lines, also split where a paragraph break was lost.

        Extracted text sometimes joins paragraphs without a separator ("…Pyrénées.Alors que…",
        "…a-t-il dit.\"Nous…"); a quotation cannot be matched across such a join, so it
        starts a new block.
        """
        out: list[Span] = []
        for line in self.lines:
            s = line.start
            for m in _GLUED_PARAGRAPH.finditer(self.text, line.start, line.end):
                out.append(Span(s, m.start()))
                s = m.start()
            out.append(Span(s, line.end))
        return [b for b in out if b.end > b.start]

    @cached_property
    def block_quote_marks(self) -> list[tuple[list[Span], list[tuple[int, str]]]]:
        """`quote_marks` of every block, in block order."""
        return [self.quote_marks(b) for b in self.blocks]

    def quote_marks(self, block: Span) -> tuple[list[Span], list[tuple[int, str]]]:
        """Matched quotations of one block, and its unmatched marks as (offset, 'open'|'close')."""
        text = self.text
        matched: list[Span] = []
        unmatched: list[tuple[int, str]] = []
        stacks: dict[str, list[int]] = {"«": [], "“": [], '"': []}
        for m in _QUOTE_MARK.finditer(text, block.start, block.end):
            i = m.start()
            ch = text[i]
            if ch in "«“":
                stacks[ch].append(i)
            elif ch in "»”":
                stack = stacks["«" if ch == "»" else "“"]
                if stack:
                    matched.append(Span(stack.pop(), i + 1))
                else:
                    unmatched.append((i, "close"))
            elif ch == '"':
                kind = straight_quote_kind(text, i, block.start, block.end)
                stack = stacks['"']
                if kind == "open" or (kind == "either" and not stack):
                    stack.append(i)
                elif stack:
                    matched.append(Span(stack.pop(), i + 1))
                else:
                    unmatched.append((i, "close"))
        for stack in stacks.values():
            unmatched.extend((i, "open") for i in stack)
        return matched, sorted(unmatched)

    @cached_property
    def quotes(self) -> list[Span]:
        """Quoted stretches (inside « », “ ” or straight double quotes), per block.

        A quotation left open runs to the end of its block: for deciding whose voice a sentence
        is in, an unclosed quote is still a quote. Straight quotes do not nest, though, so one
        left open ends where the next straight quote mark of its block begins ('mais aussi
        "apprécié par PP, "déteste JCM"…': the first lost its closing mark).
        """
        spans: list[Span] = []
        text = self.text
        for block, (matched, unmatched) in zip(self.blocks, self.block_quote_marks, strict=True):
            spans.extend(matched)
            for i, kind in unmatched:
                if kind != "open":
                    continue
                end = block.end
                if text[i] == '"':
                    nxt = text.find('"', i + 1, block.end)
                    end = nxt if nxt >= 0 else block.end
                spans.append(Span(i, end))
        spans.sort(key=lambda sp: sp.start)
        merged: list[Span] = []
        for sp in spans:
            if merged and sp.start <= merged[-1].end:
                merged[-1] = Span(merged[-1].start, max(merged[-1].end, sp.end))
            else:
                merged.append(sp)
        return merged

    @cached_property
    def _quote_starts(self) -> list[int]:
        return [sp.start for sp in self.quotes]

    def in_quotes(self, pos: int) -> bool:
        """Is the character at `pos` inside a quotation (marks included)?"""
        i = bisect.bisect_right(self._quote_starts, pos) - 1
        return i >= 0 and self.quotes[i].start <= pos < self.quotes[i].end

    def quoted_fraction(self, start: int, end: int) -> float:
        """The share of characters of [start, end) that lie inside quotations."""
        if end <= start:
            return 0.0
        covered = 0
        i = max(0, bisect.bisect_right(self._quote_starts, start) - 1)
        for sp in self.quotes[i:]:
            if sp.end <= start:
                continue
            if sp.start >= end:
                break
            covered += min(end, sp.end) - max(start, sp.start)
        return covered / (end - start)

    def outside_quotes(self, start: int, end: int) -> str:
        """The text of [start, end) with quoted stretches blanked (same length)."""
        parts = []
        pos = start
        i = max(0, bisect.bisect_right(self._quote_starts, start) - 1)
        for sp in self.quotes[i:]:
            if sp.start >= end:
                break
            if sp.end <= pos:
                continue
            s, e = max(pos, sp.start), min(end, sp.end)
            parts.append(self.norm[pos:s])
            parts.append(" " * (e - s))
            pos = e
        parts.append(self.norm[pos:end])
        return "".join(parts)
