"""Our cleaning of what trafilatura (or a text file) leaves around an article, with every removal
recorded and explained.

A pure function over ``(title, paragraphs)``: it returns the cleaned title and paragraphs and the
list of what it removed, each with a reason code and its span in the input, so that the desk can
log it and the audit's detectors can be compared with it.

Precision matters more than recall: every rule looks at the *shape* of a whole line (its
position, its length, what it starts with, whether it is a sentence) rather than at exact
strings, and a line that reads like article prose is never removed. Rules that could touch
prose (a byline, a lone date, a lone publisher name) only fire at the edges of the body, where
templates put them. The rules were written against the defects described in samples/LABELS.md
and checked on text they were not written for: the 250 professional French articles of
../shared/bench-data/french-news-clean must come through unchanged except for whitespace, and
on ../shared/bench-data/extraction-aeb-en no removed line may belong to the ground-truth body
(benchmarks/extraction.py prints both).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum


class RemovalReason(StrEnum):
    """Why a piece of text was removed; stable codes for logs and for comparing with detectors."""

    NAVIGATION = "navigation"  # "Skip to content", "Aller au contenu"
    SHARE_PROMPT = "share_prompt"  # "Partager sur Facebook", "Share this article"
    RELATED_LINK = "related_link"  # "En savoir plus …", "Lire aussi …", "READ MORE: …"
    SOURCE_LINK = "source_link"  # "Source link", "Source link -57"
    BYLINE = "byline"  # "Par Jean Dupont", "By X and Y", reporting credits
    TIMESTAMP = "timestamp"  # a lone date/time line, or a date glued before the title
    PUBLISHER_LINE = "publisher_line"  # a lone "RT" or site-name line
    REPEATED_TITLE = "repeated_title"  # the title again as the first body paragraph
    TITLE_SITE_NAME = "title_site_name"  # "… | Le Monde" glued to the title


class Field(StrEnum):
    TITLE = "title"
    BODY = "body"


@dataclass(frozen=True)
class Removal:
    """One removed piece of text. `start`/`end` index the *input* string it came from: the title
    (`field` TITLE) or ``paragraphs[paragraph]`` (`field` BODY)."""

    reason: RemovalReason
    field: Field
    paragraph: int | None
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Cleaned:
    title: str
    paragraphs: tuple[str, ...]
    removals: tuple[Removal, ...]

    def removed(self, reason: RemovalReason) -> list[Removal]:
        return [r for r in self.removals if r.reason == reason]


# --- calibrated sizes --------------------------------------------------------------------------
# Lines at the edges of the body where bylines, dates and publisher names sit in templates.
# From the samples (a timestamp is the last line, a byline the second to last) and the AEB pages,
# whose bylines/dates trafilatura leaves in the first two or last three lines.
HEAD_ZONE = 3
TAIL_ZONE = 4
# Longest share prompt / related-link headline / byline, in words. A related headline is at most
# ~20 words in the samples and on AEB pages; bylines with four names and a role stay under 14.
MAX_SHARE_WORDS = 12
MAX_RELATED_WORDS = 30
MAX_BYLINE_WORDS = 14
MAX_CREDIT_WORDS = 40
MAX_TIMESTAMP_TOKENS = 16
# A body line promoted to title when the title line was residue: longest headline in words.
MAX_TITLE_WORDS = 30
# A title keeps at least this many words when a site name is cut off its end.
MIN_TITLE_WORDS_LEFT = 3
# Most words of a trailing title segment after " | " treated as a site name without knowing it.
# ("| Le Monde", "| The Beachbody Blog"); 5-word segments on AEB were subtitles, not sites.
MAX_PIPE_SITE_WORDS = 4

# --- vocabulary (patterns of line shape are in the functions below) ----------------------------
_NAV = re.compile(
    r"""^(?:
        (?:skip|jump|go)\s+to\s+(?:the\s+)?(?:main\s+)?(?:content|navigation|menu|search|footer|article)
      | (?:aller|passer|accéder|acceder)\s+(?:directement\s+)?(?:au|à\s+la|a\s+la)\s+
        (?:contenu|navigation|menu|recherche|pied\s+de\s+page)(?:\s+principale?)?
      | (?:ir|saltar)\s+al\s+contenido(?:\s+principal)?
      | zum\s+(?:haupt)?inhalt(?:\s+(?:springen|wechseln))?
      | (?:vai|passa|salta)\s+al\s+contenuto(?:\s+principale)?
      | (?:pular|ir|saltar)\s+para\s+o\s+conteúdo(?:\s+principal)?
      | toggle\s+navigation | main\s+menu | open\s+menu | close\s+menu
      | (?:ouvrir|fermer)\s+le\s+menu | menu\s+principal
    )\s*[.:›»>]*$""",
    re.IGNORECASE | re.VERBOSE,
)

_NETWORK = (
    r"(?:facebook|twitter|x|linkedin|whatsapp|telegram|pinterest|reddit|e-?mail|courriel|"
    r"messenger|mastodon|bluesky|threads|flipboard|tumblr|vk|sms|imprimer|print)"
)
_SHARE = re.compile(
    r"^(?:(?:vous\s+pouvez|you\s+can|n'hésitez\s+pas\s+à|n’hésitez\s+pas\s+à|feel\s+free\s+to|"
    r"(?:click|cliquez|cliquer)\s+(?:here\s+|ici\s+)?(?:to|pour))\s+)?"
    r"(?:share|sharing|partager|partagez|partage|teilen|compartir|comparte|compartilhe|"
    r"compartilhar|condividi|condividere|udostępnij)\b(?P<rest>.*)$",
    re.IGNORECASE,
)
# What a share prompt shares: the item itself or a network.
_SHARE_OBJECT = re.compile(
    r"\b(?:this|it|cette|cet|ce|ceci|l['’]|article|story|histoire|page|post|publication|"
    r"artikel|beitrag|noticia|notícia|notizia|réseaux\s+sociaux|social\s+(?:media|networks?)|"
    + _NETWORK
    + r")\b|^\s*[:›»]*\s*$",
    re.IGNORECASE,
)
_NETWORK_LIST = re.compile(
    rf"^{_NETWORK}(?:\s*[,|/·•–—-]?\s*{_NETWORK})+\s*$",
    re.IGNORECASE,
)

_RELATED_LEAD = re.compile(
    r"""^[\s>»›•▶►→*-]*(?:
        en\s+savoir\s+plus | (?:à|a)\s+lire\s+(?:aussi|également|egalement)
      | lire\s+(?:aussi|également|egalement|la\s+suite) | lisez\s+(?:aussi|également)
      | (?:à|a)\s+voir\s+(?:aussi|également) | voir\s+aussi | sur\s+le\s+même\s+sujet
      | read\s+(?:more|also|next) | also\s+read | see\s+also | continue\s+reading
      | related(?:\s+(?:articles?|stories|content|reading|coverage))?
      | more\s+on\s+this(?:\s+story)? | leer\s+más | lee\s+también | weiterlesen
      | mehr\s+zum\s+thema | lesen\s+sie\s+auch | leggi\s+anche | leia\s+também | saiba\s+mais
    )\b(?P<sep>\s*[:\-–—»>›|…→]*)\s*(?P<rest>.*)$""",
    re.IGNORECASE | re.VERBOSE,
)

_SOURCE_LINK = re.compile(
    r"^(?:source\s+link|lien\s+(?:de\s+la\s+)?source|source\s+url|original\s+source|"
    r"article\s+source)\s*[-–—:]?\s*\d*\s*$",
    re.IGNORECASE,
)

_MONTHS = (
    r"(?:janvier|février|fevrier|mars|avril|mai|juin|juillet|août|aout|septembre|octobre|"
    r"novembre|décembre|decembre|janv|févr|fevr|avr|juil|sept|oct|nov|déc|dec|"
    r"january|february|march|april|may|june|july|august|september|october|november|december|"
    r"jan|feb|mar|apr|jun|jul|aug|sep|"
    r"januar|februar|märz|juni|juli|oktober|dezember|"
    r"enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|octubre|noviembre|diciembre|"
    r"gennaio|febbraio|aprile|maggio|giugno|luglio|settembre|ottobre|dicembre)\.?"
)
_WEEKDAYS = (
    r"(?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|monday|tuesday|wednesday|thursday|"
    r"friday|saturday|sunday|mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun|montag|dienstag|"
    r"mittwoch|donnerstag|freitag|samstag|sonntag|lunes|martes|miércoles|jueves|viernes|"
    r"sábado|domingo)\.?"
)
_ISO_DATE = r"\d{4}-(?:0[1-9]|1[0-2])(?:-(?:0[1-9]|[12]\d|3[01]))?"
_NUM_DATE = r"(?:0?[1-9]|[12]\d|3[01])[/.](?:0?[1-9]|1[0-2])[/.](?:\d{4}|\d{2})"
_TIME = r"(?:[01]?\d|2[0-3])(?::|h|H)[0-5]\d(?::[0-5]\d)?(?:\.\d+)?"
_TZ = r"(?:utc|gmt|cet|cest|est|edt|cst|cdt|pst|pdt|bst|z|[+-]\d{2}:?\d{2})"
_LABELS = (
    r"(?:publié|publiée|publie|mis|mise|à|a|jour|modifié|modifiée|actualisé|actualisée|le|les|"
    r"posted|published|updated|last|date|dated|on|at|the|of|am|pm|a\.m\.|p\.m\.|um|el|de|del|"
    r"il|em|heure|heures|h|ET|hours?|ago|il\s+y\s+a|min|minutes?)"
)
# One token of a timestamp line; a line made only of these (and punctuation) is a timestamp.
_TS_TOKEN = re.compile(
    rf"(?:{_ISO_DATE}(?:[T ]{_TIME})?{_TZ}?|{_NUM_DATE}|{_TIME}|{_MONTHS}|{_WEEKDAYS}|{_TZ}|"
    rf"\d{{4}}|(?:[12]\d|3[01]|0?[1-9])(?:er|st|nd|rd|th)?|\d{{1,2}}|{_LABELS})(?=$|[\s,.:;|/()–—-])",
    re.IGNORECASE,
)
_YEAR = re.compile(r"(?<!\d)(?:19|20)\d{2}(?!\d)")
_TS_LABEL = re.compile(
    r"\b(?:publié|publiée|mis\s+à\s+jour|modifié|actualisé|posted|published|updated|date|dated)\b",
    re.IGNORECASE,
)
_TS_SEPARATORS = re.compile(r"[\s,.:;|/()–—-]+")
_TS_ANCHOR = re.compile(rf"\d{{4}}|{_TIME}|{_NUM_DATE}", re.IGNORECASE)
# A date glued before the title or the first paragraph: " date 2023-05 La Maison Blanche…".
_GLUED_DATE = re.compile(
    rf"""^\s*(?:
        (?:date|dated|published|posted|updated|publié(?:e)?(?:\s+le)?|mis\s+à\s+jour(?:\s+le)?)
        \s*:?\s*(?:{_ISO_DATE}|{_NUM_DATE}|\d{{1,2}}(?:er)?\s+{_MONTHS}\s+\d{{4}}|{_MONTHS}\s+\d{{1,2}},?\s+\d{{4}})
      | {_ISO_DATE} | {_NUM_DATE}
    )(?:[T\s]+(?:à\s+|at\s+)?{_TIME}{_TZ}?)?\s*[|:–—-]?\s+(?=\S)""",
    re.IGNORECASE | re.VERBOSE,
)

_NAME = r"(?:[A-ZÀ-ÖØ-Þ][\w'’.-]*)"
_PARTICLE = r"(?:de|du|des|da|di|van|von|der|den|le|la|al|el|bin|ben|y|d['’])"
_PERSON = rf"{_NAME}(?:\s+(?:{_PARTICLE}\s+)?{_NAME}){{0,3}}"
_PEOPLE = rf"{_PERSON}(?:\s*(?:,|\bet\b|\band\b|&)\s*{_PERSON}){{0,4}}"
_BYLINE = re.compile(
    rf"""^(?:par|by|von|por|written\s+by|écrit\s+par|rédigé\s+par|publié\s+par|posted\s+by|
        reporting\s+by|texte|auteur|author|autor|words|propos\s+recueillis\s+par)\s*:?\s+
        (?P<names>{_PEOPLE})
        (?P<tail>\s*(?:[,|–—(-]|\bà\b|\bin\b|\bwith\b|\bavec\b)\s*[^.!?]{{0,60}})?\s*\.?$""",
    re.VERBOSE,
)
_BYLINE_LEAD_CI = re.compile(r"^(?:par|by|von|por)\b", re.IGNORECASE)
_AGENCY_CREDIT = re.compile(
    r"^\(?\s*(?:avec|with|source\s*:?|sources?\s*:)\s+(?:l['’])?"
    r"(?:AFP|Reuters|AP|ANSA|DPA|EFE|Belga|agences?|Bloomberg|[A-Z]{2,6})"
    r"(?:\s*(?:et|and|,|/)\s*(?:l['’])?(?:AFP|Reuters|AP|ANSA|DPA|EFE|Belga|agences?|[A-Z]{2,6}))*"
    r"\s*\)?\s*\.?$",
    re.IGNORECASE,
)
# A credit names what was contributed (reporting, this report, the article): "a rapporté de
# Kaboul" alone is a sentence of news, "a contribué aux reportages" is a credit.
_CREDIT_PHRASE = re.compile(
    r"\b(?:contribu\w*|collabor\w*|particip\w*)\s+(?:[\w’']+\s+){0,3}?"
    r"(?:reporting|report|reportages?|articles?|story|enquête|rédaction)\b"
    r"|\b(?:additional\s+)?reporting\s+by\b|\b(?:editing|edited|writing)\s+by\b"
    r"|\bpropos\s+recueillis\s+par\b",
    re.IGNORECASE,
)
_CREDIT_START = re.compile(
    rf"^(?:{_NAME}\s+{_NAME}|(?:additional\s+)?reporting\s+by|writing\s+by|editing\s+by|propos)",
    re.IGNORECASE,
)
_ACRONYM_LINE = re.compile(r"^[A-Z][A-Z0-9&]{1,6}$")

_TITLE_SEPARATOR = re.compile(r"\s+(?:\||–|—|-|::|·|•|»)\s+|\s*\|\s*")
_DOMAIN = re.compile(
    r"^(?:www\.)?[\w-]+(?:\.[\w-]+)*\.(?:com|fr|net|org|info|co\.uk|be|ch|ca|ru|de|es|it|eu|io|news|tv)$",
    re.IGNORECASE,
)
_SENTENCE_END = re.compile(r"[.!?…][\"'»”’)\]]*$")
_INLINE_SPACE = re.compile(r"[ \t\r\f\v]+")
_NORMALISE = re.compile(r"[\W_]+")


# --- small helpers -----------------------------------------------------------------------------
def _words(text: str) -> int:
    return len(text.split())


def _normalise(text: str) -> str:
    """Case- and punctuation-insensitive form, for comparing titles and names."""
    text = unicodedata.normalize("NFKC", text).casefold()
    return _NORMALISE.sub(" ", text).strip()


def site_name_candidates(names: Iterable[str | None]) -> tuple[str, ...]:
    """Normalised site names from metadata: "RT (republished)" → "rt", "www.lemonde.fr" → "lemonde"."""
    out: list[str] = []
    for name in names:
        if not name:
            continue
        name = re.sub(r"\([^)]*\)", " ", name)
        host = re.match(r"^(?:https?://)?(?:www\.)?([\w-]+)\.[\w.]+/?$", name.strip())
        if host:
            name = host.group(1)
        norm = _normalise(name)
        if norm and norm not in out:
            out.append(norm)
    return tuple(out)


def _matches_site(segment: str, sites: Sequence[str]) -> bool:
    seg = _normalise(segment)
    if not seg:
        return False
    if _DOMAIN.match(segment.strip()):
        return True
    for site in sites:
        if seg == site or seg.startswith(site + " ") or site.startswith(seg + " "):
            return True
        if seg.replace(" ", "") == site.replace(" ", ""):
            return True
    return False


# --- line rules --------------------------------------------------------------------------------
def _is_navigation(line: str) -> bool:
    return bool(_NAV.match(line))


def _is_share_prompt(line: str) -> bool:
    if _words(line) > MAX_SHARE_WORDS:
        return False
    if _NETWORK_LIST.match(line):
        return True
    m = _SHARE.match(line)
    if not m:
        return False
    if re.search(r"[.!?»\"”]\s*$", line):  # a sentence, not a prompt
        return False
    return bool(_SHARE_OBJECT.search(m.group("rest")))


def _is_related_link(line: str) -> bool:
    m = _RELATED_LEAD.match(line)
    if not m:
        return False
    rest = m.group("rest").strip()
    if not rest:
        return True  # the lead alone: "Read more", "Lire la suite »"
    if _words(rest) > MAX_RELATED_WORDS:
        return False
    first = rest.lstrip("«“\"'‘([")[:1]
    if not (first.isupper() or first.isdigit()):
        return False  # "En savoir plus sur ce sujet prendra du temps" is a sentence
    # A headline rarely ends with a period; allow one only after an explicit separator.
    return not (rest.endswith(".") and not m.group("sep").strip())


def _is_source_link(line: str) -> bool:
    return bool(_SOURCE_LINK.match(line))


def _is_timestamp(line: str) -> bool:
    """A line made only of date/time tokens and labels ("2024-05-31 18:41", "Publié le 3 mai
    2024 à 18h41", "Updated: May 31, 2024 6:41 pm ET"), with a year, a time or a full date."""
    if not _TS_ANCHOR.search(line):
        return False
    tokens = [t for t in _TS_SEPARATORS.split(line) if t]
    if not tokens or len(tokens) > MAX_TIMESTAMP_TOKENS:
        return False
    if len(_YEAR.findall(line)) > 1 and not _TS_LABEL.search(line):
        return False  # "29 November 2018 | 20 January 2019": a date range is content
    rest = _TS_TOKEN.sub(" ", line)
    return not _TS_SEPARATORS.sub("", rest)


def _is_byline(line: str) -> bool:
    if _words(line) > MAX_BYLINE_WORDS:
        return False
    if _BYLINE_LEAD_CI.match(line):
        # Accept "PAR JEAN DUPONT" / "By Jane Doe"; the lead word may be in any case.
        line = re.sub(r"^(\w+)", lambda m: m.group(1).lower(), line)
    if _BYLINE.match(line):
        return True
    return bool(_AGENCY_CREDIT.match(line))


def _is_credit(line: str) -> bool:
    """A reporting credit: "Alexander Ward reported from Kyiv and Lara Seligman contributed
    reporting from Washington." / "Reporting by X; Editing by Y"."""
    if _words(line) > MAX_CREDIT_WORDS:
        return False
    return bool(_CREDIT_START.match(line) and _CREDIT_PHRASE.search(line))


def _is_publisher_line(line: str, sites: Sequence[str], *, tail: bool) -> bool:
    # An unknown all-caps word alone is a publisher only at the end ("RT", "AFP"); at the top it
    # is more likely a dateline ("PARIS"), which is article text.
    if tail and _ACRONYM_LINE.match(line):
        return True
    return bool(sites) and _normalise(line) in sites


def _is_title_shaped(line: str) -> bool:
    n = _words(line)
    return 2 <= n <= MAX_TITLE_WORDS and not line.rstrip().endswith((".", ":", ";", ","))


# --- the cleaning ------------------------------------------------------------------------------
@dataclass
class _Line:
    paragraph: int
    start: int  # offsets into the input paragraph, whitespace excluded
    end: int
    text: str  # inner whitespace normalised


def _split_lines(paragraphs: Sequence[str]) -> list[_Line]:
    lines: list[_Line] = []
    for i, para in enumerate(paragraphs):
        pos = 0
        for raw in para.split("\n"):
            stripped = raw.strip()
            if stripped:
                start = pos + (len(raw) - len(raw.lstrip()))
                lines.append(
                    _Line(i, start, start + len(stripped), _INLINE_SPACE.sub(" ", stripped))
                )
            pos += len(raw) + 1
    return lines


def _strip_glued_date(text: str) -> int:
    """Length of a date glued before `text` (0 if none)."""
    m = _GLUED_DATE.match(text)
    if not m or _words(text[m.end() :]) < 3:
        return 0
    return m.end()


def _strip_site_suffix(title: str, sites: Sequence[str]) -> int:
    """Where the site-name suffix of `title` starts (len(title) if none)."""
    cut = len(title)
    while True:
        seps = list(_TITLE_SEPARATOR.finditer(title, 0, cut))
        if not seps:
            return cut
        sep = seps[-1]
        segment = title[sep.end() : cut]
        head = title[: sep.start()]
        if _words(head) < MIN_TITLE_WORDS_LEFT:
            return cut
        is_pipe = "|" in sep.group()
        if _matches_site(segment, sites) or (
            is_pipe and _words(segment) <= MAX_PIPE_SITE_WORDS and not _SENTENCE_END.search(segment)
        ):
            cut = sep.start()
            continue
        return cut


def clean(
    title: str,
    paragraphs: Sequence[str],
    *,
    site_names: Iterable[str | None] = (),
) -> Cleaned:
    """Clean an extracted article; return the cleaned title and paragraphs and every removal.

    `site_names` are what metadata says about the publisher (site name, source publisher, host);
    they let the cleaning recognise a site name glued to the title or alone on a line.
    Inner whitespace of each line is normalised (runs of spaces/tabs become one space; non-
    breaking spaces, which French typography needs, are kept) and a paragraph's lines are joined
    by a space.
    """
    sites = site_name_candidates(site_names)
    removals: list[Removal] = []

    # --- the title line ---------------------------------------------------------------------
    t_lead = len(title) - len(title.lstrip())
    t_text = title.strip()
    t_start = t_lead
    title_from: tuple[Field, int | None, int] = (Field.TITLE, None, t_start)

    def _remove(
        reason: RemovalReason, where: tuple[Field, int | None, int], s: int, e: int, text: str
    ) -> None:
        fld, par, base = where
        removals.append(Removal(reason, fld, par, base + s, base + e, text))

    title_reason = _whole_line_reason(t_text, sites, edge=True)
    if t_text and title_reason is not None:
        _remove(title_reason, title_from, 0, len(t_text), t_text)
        t_text = ""

    lines = _split_lines(paragraphs)

    # --- body lines -------------------------------------------------------------------------
    kept: list[_Line] = []
    for line in lines:  # rules that hold anywhere
        reason = _anywhere_reason(line.text)
        if reason is not None:
            removals.append(
                Removal(reason, Field.BODY, line.paragraph, line.start, line.end, line.text)
            )
        else:
            kept.append(line)
    n = len(kept)
    body: list[_Line] = []
    for idx, line in enumerate(kept):  # rules that hold only at the edges of the body
        edge = idx < HEAD_ZONE or idx >= n - TAIL_ZONE
        reason = _edge_reason(line.text, sites, tail=idx >= n - TAIL_ZONE) if edge else None
        if reason is not None:
            removals.append(
                Removal(reason, Field.BODY, line.paragraph, line.start, line.end, line.text)
            )
        else:
            body.append(line)

    # --- a residue title: promote the first body line if it is a headline -------------------
    if not t_text and body and _is_title_shaped(body[0].text):
        first = body.pop(0)
        t_text = first.text
        title_from = (Field.BODY, first.paragraph, first.start)

    # --- a date glued before the title or the first paragraph -------------------------------
    cut = _strip_glued_date(t_text)
    if cut:
        _remove(RemovalReason.TIMESTAMP, title_from, 0, cut, t_text[:cut])
        t_text = t_text[cut:]
        title_from = (title_from[0], title_from[1], title_from[2] + cut)
    if body:
        cut = _strip_glued_date(body[0].text)
        if cut:
            first = body[0]
            removals.append(
                Removal(
                    RemovalReason.TIMESTAMP,
                    Field.BODY,
                    first.paragraph,
                    first.start,
                    first.start + cut,
                    first.text[:cut],
                )
            )
            body[0] = _Line(first.paragraph, first.start + cut, first.end, first.text[cut:])

    # --- a site name glued to the title -----------------------------------------------------
    full_title = t_text
    cut = _strip_site_suffix(t_text, sites)
    if cut < len(t_text):
        _remove(RemovalReason.TITLE_SITE_NAME, title_from, cut, len(t_text), t_text[cut:])
        t_text = t_text[:cut].rstrip()

    # --- the title repeated as the first paragraph ------------------------------------------
    if body and t_text:
        first_norm = _normalise(body[0].text)
        if first_norm and first_norm in (_normalise(t_text), _normalise(full_title)):
            first = body.pop(0)
            removals.append(
                Removal(
                    RemovalReason.REPEATED_TITLE,
                    Field.BODY,
                    first.paragraph,
                    first.start,
                    first.end,
                    first.text,
                )
            )

    # --- rebuild paragraphs -----------------------------------------------------------------
    out: list[str] = []
    current: int | None = None
    for line in body:
        if line.paragraph == current:
            out[-1] = f"{out[-1]} {line.text}"
        else:
            out.append(line.text)
            current = line.paragraph
    removals.sort(key=lambda r: (r.field != Field.TITLE, r.paragraph or 0, r.start))
    return Cleaned(title=t_text, paragraphs=tuple(out), removals=tuple(removals))


def span_in_document(
    removal: Removal, title: str, paragraphs: Sequence[str], separator: str = "\n\n"
) -> tuple[int, int]:
    """Where `removal` lies in the document ``title + separator + separator.join(paragraphs)``
    (the audit's document text, built from the *uncleaned* extraction), so that what the
    cleaning removed can be compared with what the detectors found."""
    if removal.field == Field.TITLE:
        return removal.start, removal.end
    offset = len(title) + len(separator) if title else 0
    for para in paragraphs[: removal.paragraph or 0]:
        offset += len(para) + len(separator)
    return offset + removal.start, offset + removal.end


def _anywhere_reason(line: str) -> RemovalReason | None:
    if _is_navigation(line):
        return RemovalReason.NAVIGATION
    if _is_source_link(line):
        return RemovalReason.SOURCE_LINK
    if _is_share_prompt(line):
        return RemovalReason.SHARE_PROMPT
    if _is_related_link(line):
        return RemovalReason.RELATED_LINK
    return None


def _edge_reason(line: str, sites: Sequence[str], *, tail: bool) -> RemovalReason | None:
    if _is_timestamp(line):
        return RemovalReason.TIMESTAMP
    if _is_byline(line) or (tail and _is_credit(line)):
        return RemovalReason.BYLINE
    if _is_publisher_line(line, sites, tail=tail):
        return RemovalReason.PUBLISHER_LINE
    return None


def _whole_line_reason(line: str, sites: Sequence[str], *, edge: bool) -> RemovalReason | None:
    reason = _anywhere_reason(line)
    if reason is None and edge:
        reason = _edge_reason(line, sites, tail=False)
    return reason
