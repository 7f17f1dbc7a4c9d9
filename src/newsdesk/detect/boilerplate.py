"""boilerplate, inline-related-link and metadata-residue: page furniture left in the text.

Extraction from automatically republished pages keeps the site's furniture: navigation
("Skip to content"), share and newsletter prompts, "Source link" footers, cookie banners, a site
name alone on a line, "En savoir plus …" links to other articles, and metadata (a lone
timestamp, " date 2023-05" glued before the title, reading times, tag lists). Most of it is a
whole short line, which is what separates it from the same words used in a sentence.

Content-management residue is boilerplate too, wherever it sits in a line: shortcodes and
embeds (`[EMBED url=" "]`, `[button link=…]…[/button]`, `[caption id=…]`), the e-mail
protection placeholder `[email protected]`, and form widgets (consent check boxes, "Je
m'abonne"). untranslated.py leaves them alone: they are not language.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from newsdesk.detect import messages
from newsdesk.detect.document import FURNITURE_PHRASE, Document, Span
from newsdesk.detect.registry import finding, register_class, register_detector
from newsdesk.types import Finding, Severity

BOILERPLATE = "boilerplate"
RELATED = "inline-related-link"
METADATA = "metadata-residue"
register_class(
    BOILERPLATE,
    Severity.WARNING,
    "boilerplate",
    "Site furniture in the text: navigation, share prompts, 'Source link', cookie banners, lone site names.",
)
register_class(
    RELATED,
    Severity.WARNING,
    "boilerplate",
    "A link to another article ('En savoir plus …', 'Lire aussi …', 'Read more …') left in the text.",
)
register_class(
    METADATA,
    Severity.WARNING,
    "boilerplate",
    "Page metadata in the text: a lone timestamp, ' date 2023-05', reading time, tag lists.",
)

_I = re.IGNORECASE
SHORT_LINE_WORDS = 16  # share/newsletter prompts seen in the wild are at most ~12 words
SOURCE_LINE_CHARS = 300  # "The post … appeared first on …" footers carry a full headline
RELATED_LINE_CHARS = 300  # a related-article link is one headline (<= ~200 characters)
COOKIE_LINE_CHARS = 700  # cookie banners are one to three sentences

_NAV_PHRASE = FURNITURE_PHRASE
_NAV_LINE = re.compile(
    rf"^(?:{_NAV_PHRASE}|menu(?:\s*principal)?|main\s*menu|toggle\s*navigation|open\s*menu|"
    r"ouvrir\s*le\s*menu|fermer\s*le\s*menu|close\s*menu|back\s*to\s*top|retour\s*en\s*haut"
    r"(?:\s*de\s*(?:la\s*)?page)?|(?:accueil|home|inicio|startseite)\s*[>›»/|].*|"
    r"search|rechercher|recherche|buscar|suche|cerca|pesquisar|log\s*in|sign\s*in|"
    r"se\s*connecter|connexion|mon\s*compte|my\s*account)\W*$",
    _I,
)
_NAV_PREFIX = re.compile(
    rf"^(?:{_NAV_PHRASE}|(?-i:Menu|MENU)(?=[A-ZÀ-ÖØ-Þ][a-zà-ÿ]))(?=\s*[A-ZÀ-ÖØ-Þ«\"“])|"
    # a breadcrumb glued to the headline: "Accueil > Monde > EuropeLes États-Unis…"
    r"^(?:accueil|home|inicio|startseite|homepage)\s*[>›»/|](?:[^\n>›»/|]{1,40}[>›»/|]){0,4}"
    r"[^\n>›»/|]{0,40}?[a-zà-ÿ](?=(?-i:[A-ZÀ-ÖØ-Þ][a-zà-ÿ]))",
    _I,
)
_SHARE = re.compile(
    r"^\W*(?:(?:vous\s*pouvez\s*|n'h[ée]sitez\s*pas\s*[àa]\s*)?partage[rz]?\b|share\b|"
    r"you\s*can\s*share|please\s*share|compart[ei]\w*|teilen\b|teile\b|condividi\w*|"
    r"compartilh\w*|(?:suivez|follow)[- ]?(?:nous|us|-nous)\b|retrouvez-nous\b|"
    r"abonnez-vous\b|inscrivez-vous\b|subscribe\b|s'abonner\b|"
    # "Sign up for the newsletter", not a how-to step ("Sign up for a Hulu ad-free account")
    r"sign\s*up\b(?!\s+for\s+(?:a|an|the)\s+(?:[\w+-]+\s+){0,3}(?:account|bundle|plan|trial)\b)|"
    r"recevez\s*(?:notre|nos|la)\s*(?:newsletter|lettre)|(?:get|receive)\s*(?:our|the)\s*newsletter|"
    r"like\s*us\s*on|aimez\s*notre\s*page|tweet(?:er)?\b(?!\s*of\b)|imprimer\b|print\b(?!\s*\()|email\s*this|"
    r"envoyer\s*(?:par\s*e-?mail|[àa]\s*un\s*ami)|copier\s*le\s*lien|copy\s*(?:the\s*)?link|"
    r"(?:facebook|twitter|linkedin|whatsapp|e-?mail|pinterest|telegram|reddit|messenger)"
    r"(?:[\s,|/·•]+(?:facebook|twitter|x|linkedin|whatsapp|e-?mail|pinterest|telegram|reddit|"
    r"messenger|imprimer|print|copier\s*le\s*lien|copy\s*link))+\W*$)",
    _I,
)
_SHARE_OBJECT = re.compile(
    r"partag|share|compart|teile|condivid|compartilh|suivez|follow|abonn|inscri|subscri|sign\s*up|"
    r"newsletter|lettre\s*d'information|r[ée]seaux\s*sociaux|social\s*media|facebook|twitter|"
    r"tweet|imprimer|print|e-?mail|lien|link|like\s*us|aimez",
    _I,
)
_SOURCE = re.compile(
    r"^\W*(?:source\s*link|source\s*url|lien\s*(?:de\s*la\s*|vers\s*la\s*)?source|lien\s*d'origine|"
    r"original\s*(?:article|source|link|post)|(?:read|view|see)\s*(?:the\s*)?(?:original|full)\s*"
    r"(?:article|story|post)|(?:lire|voir)\s*l'article\s*(?:original|complet|source|d'origine)|"
    r"the\s*post\s*.{1,250}?\s*appeared\s*first\s*on|"
    r"(?:l'|cet\s*)?article\s*.{0,250}?\s*est\s*apparu\s*en\s*premier\s*sur|"
    r"fuente\s*original|enlace\s*(?:a\s*la\s*)?fuente|quelle\s*:?\s*original|fonte\s*original|"
    r"originally\s*published\s*(?:on|at|by)|publi[ée]\s*initialement\s*sur)\b",
    _I,
)
_COOKIE = re.compile(r"cookies?|traceurs", _I)
_COOKIE_SITE = re.compile(
    r"\b(?:nous|we|notre\s*site|our\s*(?:web)?site|ce\s*site|this\s*(?:web)?site|vous\s*acceptez|"
    r"you\s*(?:accept|agree|consent)|en\s*poursuivant|en\s*continuant|by\s*continuing|"
    r"j'accepte|accepter|accept\s*all|tout\s*accepter|tout\s*refuser|refuser|param[ée]trer|"
    r"g[ée]rer\s*(?:mes|les|vos)|manage\s*(?:cookies|preferences|settings)|usamos|utilizamos|"
    r"wir\s*verwenden|utilizziamo|usamos)\b",
    _I,
)
# A site or agency name alone on a line ("RT", "GIS"); longer capitalised words alone on a
# line ("CAMERA", "STAFF", "PREVIA") were subheadings on the extraction benchmarks' pages.
_LONE_ACRONYM = re.compile(r"^[A-Z][A-Z0-9]{1,3}$")
# A shortcode or embed of a content-management system: a closing tag "[/button]", a tag with
# attributes "[button link=… type=…]", "[EMBED url=\" \"]", or a bare tag of a known name.
SHORTCODE_NAMES = (
    r"embed|button|caption|gallery|playlist|tweet|youtube|vimeo|instagram|soundcloud|iframe|"
    r"contact-form(?:-7)?|vc_\w+|et_pb_\w+|su_\w+|fusion_\w+|av_\w+|mc4wp_form|adsense|"
    r"pullquote|one_half|one_third|spacer|divider|accordion"
)
SHORTCODE = re.compile(
    rf"\[/(?:{SHORTCODE_NAMES}|[a-z][\w-]{{1,30}})\]|"
    r"\[[A-Za-z][\w-]{1,30}(?:\s+[\w-]+\s*=\s*(?:\"[^\"\]\n]*\"|'[^'\]\n]*'|[”“][^\]\n]*?[”“]|[^\s\]]+))+"
    r"\s*/?\]|"
    rf"\[(?:{SHORTCODE_NAMES})\s*/?\]|\[(?-i:EMBED|CAPTION|GALLERY)\]|"
    r"\[email\s*(?:&#160;|\s)*protected\]",
)
# A form widget's label: a consent check box or a subscription button.
_FORM_LINE = re.compile(
    r"^\W*(?:I\s+(?:would\s+like\s+to\s+receive|have\s+read\s+and\s+(?:understood|accept|agree)|"
    r"agree\s+to\s+(?:the|receive)|accept\s+the\s+(?:terms|privacy|conditions))|"
    r"j'(?:accepte|ai\s+lu\s+et\s+(?:j'accepte|compris))|je\s+(?:m'abonne|m'inscris|souhaite\s+recevoir)|"
    r"ich\s+(?:stimme|akzeptiere|m[öo]chte\s+(?:den\s+)?newsletter)|acepto\s+(?:los|la|el))\b",
    _I,
)
# Agency credits that legitimately end a professional article on their own line.
_CREDITS = frozenset({"AFP", "AP", "ANSA", "DPA", "EFE", "BELGA", "ATS", "REUTERS", "PA", "ANP"})
_AD_LINE = re.compile(
    r"^(?:publicit[ée]|advertisement|advertising|sponsored|sponsoris[ée]|annonce|anzeige|"
    r"pubblicit[àa]|publicidad|publicidade|contenu\s*sponsoris[ée]|partenaire)\W*$",
    _I,
)

_RELATED_PHRASE = (
    r"en\s*savoir\s*plus|lire\s*(?:aussi|[ée]galement|la\s*suite)|[àa]\s*lire\s*(?:aussi|[ée]galement)?|"
    r"voir\s*aussi|[àa]\s*voir\s*(?:aussi|[ée]galement)|read\s*(?:more|also|next)|see\s*also|"
    r"also\s*read|related(?:\s*(?:article|story|stories|content|news|coverage))?|more\s*on\s*this"
    r"(?:\s*story)?|recommended(?:\s*for\s*you)?|sur\s*le\s*m[êe]me\s*sujet|pour\s*aller\s*plus\s*loin|"
    r"notre\s*dossier|leer\s*m[áa]s|lea\s*tambi[ée]n|lee\s*tambi[ée]n|m[áa]s\s*informaci[óo]n|"
    r"mehr\s*zum\s*thema|lesen\s*sie\s*auch|auch\s*interessant|leggi\s*anche|leggi\s*di\s*pi[ùu]|"
    r"leia\s*tamb[ée]m|leia\s*mais|veja\s*tamb[ée]m|saiba\s*mais"
)
_RELATED_LINE = re.compile(
    rf"^\W*(?:{_RELATED_PHRASE})\s*(?:[:>»›→|/-]+\s*|\.{{3}}\s*|…\s*|(?=[A-ZÀ-ÖØ-Þ«\"“'0-9]))"
    r"(?=\S)",
    _I,
)
# Mid-paragraph: the phrase after a sentence end, followed by a separator or a capital.
_RELATED_INLINE = re.compile(
    r"(?-i:(?:En savoir plus|EN SAVOIR PLUS|Lire aussi|LIRE AUSSI|À lire aussi|"
    r"A lire aussi|À LIRE AUSSI|Lire également|Voir aussi|Read more|READ MORE|Read also|See also|"
    r"Related|RELATED|Also read|Leer más|Lesen Sie auch|Leggi anche|Leia também))"
    r"\s*(?:[:>»›→|]+\s*|-+\s+|(?-i:(?=[A-ZÀ-ÖØ-Þ«\"“])))"
)

_MONTHS = (
    r"janv(?:ier)?|f[ée]vr(?:ier)?|mars|avr(?:il)?|mai|juin|juil(?:let)?|ao[ûu]t|sept(?:embre)?|"
    r"oct(?:obre)?|nov(?:embre)?|d[ée]c(?:embre)?|jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|"
    r"apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|october|november|dec(?:ember)?"
)
_WEEKDAY = (
    r"(?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|monday|tuesday|wednesday|thursday|"
    r"friday|saturday|sunday|mon|tue|wed|thu|fri|sat|sun)\.?,?\s*"
)
_DATE = (
    rf"(?:{_WEEKDAY})?(?:\d{{4}}-\d{{1,2}}(?:-\d{{1,2}})?|\d{{1,2}}[/.]\d{{1,2}}[/.]\d{{2,4}}|"
    rf"\d{{1,2}}(?:er)?\s*(?:{_MONTHS})\.?,?\s*\d{{4}}|(?:{_MONTHS})\.?\s*\d{{1,2}}(?:st|nd|rd|th)?,?\s*\d{{4}})"
)
_TIME = r"\d{1,2}\s*[:h]\s*\d{2}(?::\d{2})?(?:\s*(?:am|pm|utc|gmt|cet|cest|heures?|h))?"
_META_LABEL = (
    r"(?:publi[ée]e?|mis\s*[àa]\s*jour|modifi[ée]e?|actualis[ée]e?|cr[ée]{1,2}e?|updated|published|"
    r"posted|last\s*(?:updated|modified)|date|dernière\s*mise\s*[àa]\s*jour|publicado|"
    r"actualizado|ver[öo]ffentlicht|aktualisiert|pubblicato|aggiornato|atualizado)"
)
_META_LINE = re.compile(
    rf"^\W*(?:{_META_LABEL}\s*(?:le|on|el|am|il|em|:)?\s*:?\s*)?(?:{_DATE}(?:\s*(?:[àa]|at|,|-|\||T)?\s*"
    rf"{_TIME})?|{_TIME})\W*$|"
    r"^\W*(?:temps\s*de\s*lecture|lecture|reading\s*time|tiempo\s*de\s*lectura|lesezeit|"
    r"tempo\s*di\s*lettura|tempo\s*de\s*leitura)\s*:?\s*(?:<\s*)?\d{1,3}\s*(?:min\w*|mn)\W*$|"
    r"^\W*\d{1,3}\s*(?:min(?:ute)?s?\.?\s*(?:read|de\s*lecture)|mn\s*de\s*lecture)\W*$|"
    r"^\W*(?:il\s*y\s*a\s*\d{1,3}\s*(?:min(?:ute)?s?|heures?|h|jours?)|\d{1,3}\s*(?:minutes?|hours?|"
    r"days?)\s*ago|hace\s*\d{1,3}\s*(?:minutos?|horas?))\W*$",
    _I,
)
_META_PREFIX = re.compile(
    rf"^\W*(?:{_META_LABEL}\s*(?:le|on|:)?\s*:?\s*)(?:{_DATE}(?:\s*(?:[àa]|at|,|-|\||T)?\s*{_TIME})?)"
    rf"(?=\s*\S)",
    _I,
)
_TAG_LINE = re.compile(
    r"^\W*(?:mots[- ]cl[ée]s|tags?|[ée]tiquettes?|cat[ée]gories?|categor(?:y|ies)|rubriques?|"
    r"th[èe]mes?|topics?|schlagw[öo]rter|etiquetas)\s*:\s*\S.{0,200}$",
    _I,
)
_ISO_STAMP = re.compile(
    r"\b\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2})?(?:\.\d+)?(?:Z|[+-]\d{2}:?\d{2})?"
)


def _words(s: str) -> int:
    return len(s.split())


def find(doc: Document) -> Iterator[Finding]:
    title = doc.title
    for line in doc.lines:
        raw = doc.norm[line.start : line.end]
        n_words = _words(raw)
        is_title = title is not None and line.start == title.start
        hit = _line_finding(doc, line, raw, n_words, is_title)
        if hit is not None:
            yield hit
            continue
        m = _NAV_PREFIX.search(raw)
        if m:
            yield finding(
                doc, BOILERPLATE, line.start, line.start + m.end(), messages.BOILERPLATE_NAV
            )
        m = _META_PREFIX.search(raw) if line is doc.lines[0] or is_title else None
        if m:
            yield finding(
                doc, METADATA, line.start, line.start + m.end(), messages.METADATA_RESIDUE
            )
        for m in _ISO_STAMP.finditer(raw) if ":" in raw else ():
            yield finding(
                doc,
                METADATA,
                line.start + m.start(),
                line.start + m.end(),
                messages.METADATA_RESIDUE,
            )
        yield from _inline_related(doc, line, raw)
    if "[" in doc.text:
        for m in SHORTCODE.finditer(doc.text):
            yield finding(doc, BOILERPLATE, m.start(), m.end(), messages.BOILERPLATE_SHORTCODE)


def _line_finding(
    doc: Document, line: Span, raw: str, n_words: int, is_title: bool
) -> Finding | None:
    stripped = raw.strip()
    if n_words <= 6 and _NAV_LINE.search(stripped):
        return finding(doc, BOILERPLATE, line.start, line.end, messages.BOILERPLATE_NAV)
    if n_words <= SHORT_LINE_WORDS and _SHARE.search(stripped) and _SHARE_OBJECT.search(stripped):
        return finding(doc, BOILERPLATE, line.start, line.end, messages.BOILERPLATE_SHARE)
    if len(stripped) <= SOURCE_LINE_CHARS and _SOURCE.search(stripped):
        return finding(doc, BOILERPLATE, line.start, line.end, messages.BOILERPLATE_SOURCE)
    if (
        len(stripped) <= COOKIE_LINE_CHARS
        and _COOKIE.search(stripped)
        and _COOKIE_SITE.search(stripped)
        and not _about_privacy(doc)
    ):
        return finding(doc, BOILERPLATE, line.start, line.end, messages.BOILERPLATE_COOKIE)
    if _AD_LINE.search(stripped) or (
        _LONE_ACRONYM.match(stripped)
        and stripped not in _CREDITS
        and not is_title
        and not _named_in_body(doc, line, stripped)
    ):
        return finding(doc, BOILERPLATE, line.start, line.end, messages.BOILERPLATE_LONE)
    if len(stripped) <= SOURCE_LINE_CHARS and _FORM_LINE.search(stripped):
        return finding(doc, BOILERPLATE, line.start, line.end, messages.BOILERPLATE_FORM)
    if n_words <= 12 and _META_LINE.search(stripped):
        return finding(doc, METADATA, line.start, line.end, messages.METADATA_RESIDUE)
    if n_words <= 40 and _TAG_LINE.search(stripped):
        return finding(doc, METADATA, line.start, line.end, messages.METADATA_RESIDUE)
    if not is_title and len(stripped) <= RELATED_LINE_CHARS:
        m = _RELATED_LINE.search(stripped)
        if m and _words(stripped[m.end() :]) >= 2:
            return finding(doc, RELATED, line.start, line.end, messages.RELATED_LINK)
    return None


_PRIVACY_TITLE = re.compile(
    r"privacy|cookie|confidentialit[ée]|donn[ée]es\s+personnelles|datenschutz|privacidad|"
    r"privacidade|legal\s+notice|mentions\s+l[ée]gales|impressum",
    _I,
)


def _about_privacy(doc: Document) -> bool:
    """A privacy or cookie policy page: cookies are its subject, not a banner on it."""
    title = doc.title
    return title is not None and bool(_PRIVACY_TITLE.search(doc.norm[title.start : title.end]))


def _named_in_body(doc: Document, line: Span, acronym: str) -> bool:
    """Is a lone acronym a subheading ("GPU" before "For the GPU, we…"): named in the body?

    A site name alone on a line ("RT") is not what the article talks about; the title, where
    a site name is often glued, does not count.
    """
    title = doc.title
    start = title.end if title is not None else 0
    rx = re.compile(rf"(?<![\w-]){re.escape(acronym)}(?![\w-])")
    return any(m.start() != line.start for m in rx.finditer(doc.text, start) if m.start() >= start)


_LINK_END = re.compile(r"[.!?](?=\s|$)|\n")
RELATED_MIN_CHARS = 25  # a headline is longer than "VIDÉO." or "U.S."; look for its end after this
RELATED_INLINE_MAX = 200  # longest related-article headline we extend a mid-paragraph link to


def _inline_related(doc: Document, line: Span, raw: str) -> Iterator[Finding]:
    for m in _RELATED_INLINE.finditer(raw):
        before = raw[: m.start()]
        if m.start() == 0 or not before.strip():
            continue  # a whole line: handled by _RELATED_LINE
        if before.rstrip()[-1] not in '.!?»"”)' and not (
            before[-1] == " " and before[-2:-1].isalpha()
        ):
            continue  # mid-paragraph: after a sentence end, or glued after a word (capital phrase)
        start = line.start + m.start()
        limit = min(line.end, line.start + m.end() + RELATED_INLINE_MAX)
        end_m = _LINK_END.search(
            doc.text, min(limit, line.start + m.end() + RELATED_MIN_CHARS), limit
        )
        end = end_m.start() if end_m else limit
        if _words(doc.text[line.start + m.end() : end]) >= 2:
            yield finding(doc, RELATED, start, end, messages.RELATED_LINK)


register_detector("boilerplate", find)
