"""Planted-defect generator: put one known defect into a clean article, with its exact span.

Written from the class definitions (docs, LABELS.md), not from the detectors' patterns: the
variant lists below are this file's own wording of what automated republishing leaves behind,
in French and English (and, for prompts and model chatter, Spanish, German, Italian and
Portuguese), at different positions, with and without spacing errors (a defect glued to the
text around it, missing or doubled spaces). Keep it that way: do not copy patterns from
src/newsdesk/detect/ into this file.

Bases: the 250 French articles of ../shared/bench-data/french-news-clean (paragraph breaks
that OrangeSum lost are restored at "…fin.Début" joins so that planted paragraphs look like
extracted text), the 100 English articles of ../shared/bench-data/story-pairs-en, and WMT
newstest2013 sentences as foreign-language fragments.

    planted = generate(n=2000, seed=7)   # list[Planted]
"""

from __future__ import annotations

import csv
import json
import random
import re
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
BENCH = REPO.parent / "shared" / "bench-data"
FR_CLEAN = BENCH / "french-news-clean" / "articles_fr.jsonl"
EN_STORIES = BENCH / "story-pairs-en" / "article_texts.csv"
WMT_EN = BENCH / "wmt-newstest2013-en-fr" / "newstest2013.en-fr.eng"
WMT_FR = BENCH / "wmt-newstest2013-en-fr" / "newstest2013.en-fr.fra"


@dataclass(frozen=True)
class Base:
    id: str
    language: str
    title: str
    paragraphs: tuple[str, ...]

    @property
    def text(self) -> str:
        return self.title + "\n\n" + "\n\n".join(self.paragraphs)


@dataclass(frozen=True)
class Planted:
    base_id: str
    language: str
    category: str
    text: str
    start: int
    end: int
    variant: str  # short description of how it was planted

    @property
    def excerpt(self) -> str:
        return self.text[self.start : self.end]


# --------------------------------------------------------------------------- bases
_LOST_BREAK = re.compile(r"(?<=[a-zà-ÿ0-9)\"»][.!?])(?=[A-ZÀ-Ý\"«])")
# A full stop after one of these does not end a sentence ("M. Delevoye", "Dr. Otto Preiss"),
# nor after a single capital ("John F. Kennedy", "the U.S. Customs"): planting "after a
# sentence" there would cut a name or a noun phrase in two.
_TITLE_BEFORE_STOP = re.compile(
    r"(?:\b(?:M|MM|Mme|Mmes|Mlle|Me|Dr|Pr|Prof|Mgr|Mr|Mrs|Ms|St|Ste|Sr|Jr|Gen|Lt|Col|Maj|Capt|"
    r"Sgt|Sen|Rep|Gov|Adm|Brig|No|vs|cf)|\b[A-Z])$"
)
_SENTENCE_END = re.compile(r"[.!?](?=\s)")


def _sentence_ends(p: str) -> list[int]:
    """Offsets just after the sentence-final punctuation marks of `p` (not after titles)."""
    return [
        m.end()
        for m in _SENTENCE_END.finditer(p)
        if p[m.start()] != "." or not _TITLE_BEFORE_STOP.search(p, max(0, m.start() - 6), m.start())
    ]


def _restore_paragraphs(article: str) -> list[str]:
    """Split an OrangeSum article at the paragraph breaks it lost ("…fin.Début").

    A straight quote right after the full stop closes the paragraph's quotation when its
    neighbours say so or, if they do not, when the paragraph has an odd number of them so far ('…sauriez!" , a écrit'): it stays with its
    paragraph (splitting before it would leave every paragraph with a stray quotation mark).
    """
    paras: list[str] = []
    start = 0
    for m in _LOST_BREAK.finditer(article):
        cut = m.start()
        role = _straight_quote_role(article, cut) if article[cut] == '"' else "open"
        if role == "close" or (role == "?" and article[start:cut].count('"') % 2 == 1):
            if not re.match(r"[A-ZÀ-Ý«]", article[cut + 1 : cut + 2]):
                continue  # '…fin." , a-t-il dit': no break here
            cut += 1
        paras.append(article[start:cut])
        start = cut
    paras.append(article[start:])
    return [p.strip() for p in paras if p.strip()]


def load_french(limit: int | None = None) -> list[Base]:
    out = []
    with FR_CLEAN.open(encoding="utf-8") as fh:
        for line in fh:
            item = json.loads(line)
            paras = _restore_paragraphs(item["article"])
            out.append(Base(f"fr:{item['id']}", "fr", item["title"].strip(), tuple(paras)))
    return out[:limit]


def load_english(limit: int | None = None) -> list[Base]:
    csv.field_size_limit(sys.maxsize)
    out = []
    with EN_STORIES.open(encoding="utf-8") as fh:
        for i, row in enumerate(csv.DictReader(fh)):
            text = row["text"]
            cuts = [e for e in _sentence_ends(text) if re.match(r"\s+[A-Z\"“]", text[e : e + 3])]
            bounds = [0, *cuts, len(text)]
            sentences = [
                text[a:b].strip()
                for a, b in zip(bounds, bounds[1:], strict=False)
                if text[a:b].strip()
            ]
            paras = [" ".join(sentences[j : j + 3]) for j in range(0, len(sentences), 3)]
            if len(paras) >= 3:
                out.append(Base(f"en:{i}", "en", row["title"].strip(), tuple(paras)))
    return out[:limit]


def load_wmt(path: Path) -> list[str]:
    lines = [ln.strip() for ln in path.read_text(encoding="utf-8").splitlines()]
    return [
        ln
        for ln in lines
        if 8 <= len(ln.split()) <= 30 and ln[-1:] in ".!?" and not set(ln) & set('"«»“”[]')
    ]


def _straight_quote_role(s: str, i: int) -> str:
    """'open', 'close' or '?' for the straight double quote at s[i], judged by its neighbours."""
    before = s[i - 1] if i > 0 else " "
    after = s[i + 1] if i + 1 < len(s) else " "
    if before.isspace() or before in "([{«'-/":
        return "open" if not after.isspace() else "?"
    if after.isspace() or after in ".,;:!?)]}»'-…":
        return "close"
    return "?"


def _quote_open_before(para: str, pos: int) -> bool:
    """Reading `para` from its start, is a quotation still open at `pos`?

    A closing mark with nothing open means the paragraph began inside a quotation that ends
    there, so it simply closes; English quotations that run over paragraphs open again with “
    and are never closed in between, so curly marks are counted as depth.
    """
    curly = 0
    straight = False
    for i in range(pos):
        ch = para[i]
        if ch in "«“":
            curly += 1
        elif ch in "»”":
            curly = max(0, curly - 1)
        elif ch == '"':
            role = _straight_quote_role(para, i)
            straight = (not straight) if role == "?" else role == "open"
    return curly > 0 or straight


def _quote_closes_after(para: str, pos: int) -> bool:
    """Is the first quotation mark after `pos` a closing one (so `pos` is inside a quotation)?"""
    for i in range(pos, len(para)):
        ch = para[i]
        if ch in "«“":
            return False
        if ch in "»”":
            return True
        if ch == '"':
            role = _straight_quote_role(para, i)
            if role != "?":
                return role == "close"
            return para.count('"', i) % 2 == 1  # an odd number left: one closes
    return False


def _open_quote_at(text: str, pos: int) -> bool:
    """Is `pos` inside a quotation of its paragraph? (Planting there would hide the defect in
    someone's words, which is not what a republishing tool does.) Both sides are read: what
    opened before `pos`, and whether the next mark after it closes a quotation."""
    para_start = text.rfind("\n", 0, pos) + 1
    para_end = text.find("\n", pos)
    para = text[para_start : para_end if para_end >= 0 else len(text)]
    return _quote_open_before(para, pos - para_start) or _quote_closes_after(para, pos - para_start)


def _paragraph_boundary_in_quote(paras: list[str], idx: int) -> bool:
    """Does a quotation run from paragraph idx-1 into paragraph idx?"""
    if idx <= 0 or idx > len(paras):
        return False
    prev = paras[idx - 1]
    nxt = paras[idx] if idx < len(paras) else ""
    return (
        _quote_open_before(prev, len(prev))
        or _quote_closes_after(nxt, 0)
        or nxt[:1] in ('"', "«", "“")  # would read as a quotation continued over paragraphs
    )


# --------------------------------------------------------------------------- wording
NAMES = [
    "Emmanuel Macron",
    "Olaf Scholz",
    "Ursula von der Leyen",
    "Jens Stoltenberg",
    "Antonio Guterres",
    "Giorgia Meloni",
    "Pedro Sánchez",
    "Rishi Sunak",
    "Joe Biden",
    "Élisabeth Borne",
    "Bruno Le Maire",
    "Christine Lagarde",
    "Kaja Kallas",
    "Josep Borrell",
    "Gabriel Attal",
]
ROLES_FR = [
    "ministre de l'Intérieur",
    "secrétaire général de l'ONU",
    "présidente de la Commission",
    "chef du gouvernement",
    "porte-parole du ministère",
]
ROLES_EN = ["prime minister", "secretary-general", "chancellor", "foreign minister"]
CITIES = ["Bruxelles", "Kiev", "Washington", "Berlin", "Madrid", "Genève", "Londres", "Rome"]

PROMPTS = {
    "en": [
        "Rewrite this article in French",
        "Please paraphrase the text below so it ranks well on Google",
        "Make this article SEO friendly and at least 800 words long",
        "Customize this headline in French",
        "Write a catchy title for this news story",
        "Translate the following text into French and keep the quotes",
        "Add subheadings and a meta description to the article",
        "Rewrite the article above in a neutral tone, 600 words",
        "Summarize this article in three short paragraphs",
        "You are a professional journalist. Rewrite the following news in French",
        "Now rewrite the text in plain French with at least 700 words",
        "Expand this story to 1000 words and optimize it for search engines",
    ],
    "fr": [
        "Réécris cet article en français",
        "Reformulez ce texte pour le référencement naturel",
        "Rédige un article de 700 mots à partir de ce texte",
        "Personnalise ce titre en français",
        "Ajoute des intertitres et optimise l'article pour le SEO",
        "Traduisez le texte suivant en français",
        "Réécrire cet article avec au moins 600 mots",
        "Merci de reformuler ce paragraphe de manière plus journalistique",
        "Tu es un rédacteur web. Réécris l'article ci-dessous",
        "Fais un résumé de cet article en 150 mots",
    ],
    "es": [
        "Reescribe este artículo en francés",
        "Escribe un artículo de 700 palabras optimizado para SEO",
        "Traduce el siguiente texto al francés",
    ],
    "de": [
        "Schreibe diesen Artikel auf Französisch um",
        "Formuliere den folgenden Text suchmaschinenfreundlich um",
        "Erstelle einen Artikel mit mindestens 700 Wörtern",
    ],
    "it": [
        "Riscrivi questo articolo in francese",
        "Scrivi un articolo ottimizzato SEO di 600 parole",
        "Traduci il seguente testo in francese",
    ],
    "pt": [
        "Reescreva este artigo em francês",
        "Escreva um artigo de 700 palavras otimizado para SEO",
        "Traduza o texto seguinte para o francês",
    ],
}
CHATTER = {
    "en": [
        "As an AI language model, I cannot browse the internet for the latest updates.",
        "I'm sorry, but I can't help with that request.",
        "Certainly! Here is the rewritten article:",
        "Sure, here's a more SEO-friendly version of the article.",
        "I hope this helps! Let me know if you need any changes.",
        "Please note that my knowledge cutoff is September 2021.",
        "As a language model, I don't have personal opinions on this matter.",
        "Here is the translated article you asked for:",
    ],
    "fr": [
        "En tant que modèle de langage, je ne peux pas donner mon avis sur ce sujet.",
        "Bien sûr ! Voici l'article réécrit :",
        "Voici une version reformulée de l'article :",
        "Je suis désolé, mais je ne peux pas répondre à cette demande.",
        "En tant qu'IA, je n'ai pas accès aux informations en temps réel.",
        "J'espère que cet article vous convient !",
        "N'hésitez pas à me demander d'autres modifications.",
        "Je suis un assistant virtuel et je ne peux pas vérifier ces informations.",
        "Je suis un expert en réécriture, pas un simple outil.",
    ],
    "es": [
        "Como modelo de lenguaje, no puedo ofrecer opiniones personales.",
        "¡Claro! Aquí está el artículo reescrito:",
    ],
    "de": [
        "Als KI-Sprachmodell kann ich keine aktuellen Informationen abrufen.",
        "Gerne! Hier ist der umgeschriebene Artikel:",
    ],
    "it": [
        "Come modello linguistico, non posso esprimere opinioni.",
        "Certo! Ecco l'articolo riscritto:",
    ],
    "pt": [
        "Como modelo de linguagem, não posso dar opiniões pessoais.",
        "Claro! Aqui está o artigo reescrito:",
    ],
}
OPINION = {
    "fr": [
        "Personnellement, je trouve cette décision profondément inquiétante.",
        "À mon avis, cette mesure arrive bien trop tard.",
        "Je pense que le gouvernement aurait dû agir beaucoup plus tôt.",
        "Selon moi, il s'agit d'une erreur historique.",
        "Je suis convaincu que cette crise ne fait que commencer.",
        "Il me semble évident que les autorités ont sous-estimé le problème.",
        "J'estime que cette réaction est totalement disproportionnée.",
        "Pour ma part, je ne crois pas une seconde à ces promesses.",
    ],
    "en": [
        "Personally, I find this decision deeply troubling.",
        "In my opinion, the government acted far too late.",
        "I believe this is a historic mistake.",
        "I think the authorities badly underestimated the problem.",
    ],
}
PERSONA = {
    "fr": [
        "Je suis heureux de vous présenter les dernières informations sur ce sujet.",
        "Dans cet article, je vais vous expliquer ce qui s'est passé.",
        "Je vous propose de revenir sur les faits.",
        "Chers lecteurs, je suis ravi de partager avec vous cette actualité.",
        "Permettez-moi de vous résumer la situation en quelques lignes.",
    ],
    "en": [
        "I'm excited to share the latest news on this story with you.",
        "In this article, I will walk you through what happened.",
        "Dear readers, let me explain the situation.",
    ],
}
IMPERSONATION = {
    "fr": [
        "Moi, {name}, {role}, j'ai demandé l'ouverture d'une enquête.",
        "Je suis {name} et j'ai personnellement signé cet accord.",
        "J'ai vu {name} quitter la salle sous les huées.",
        "En tant que ministre, j'ai décidé de suspendre le projet.",
        "J'ai assisté à la rencontre entre {name} et les syndicats.",
    ],
    "en": [
        "I, {name}, have decided to step down.",
        "As prime minister, I have signed the order myself.",
        "I watched {name} leave the building.",
    ],
}
BRACKET_EN = [
    "[last week]",
    "[the prime minister]",
    "[in the northern region]",
    "[according to officials]",
    "[on Tuesday]",
    "[the defense ministry]",
]
BRACKET_FR = [
    "[la semaine dernière]",
    "[selon le ministère]",
    "[dans la région]",
    "[le Premier ministre]",
]
FOREIGN_SENTENCES = {
    "es": [
        "El gobierno anunció nuevas medidas para reducir la inflación este año.",
        "Los ciudadanos esperan una respuesta clara de las autoridades.",
    ],
    "de": [
        "Die Regierung hat am Dienstag neue Maßnahmen gegen die Inflation angekündigt.",
        "Die Bürger erwarten eine klare Antwort der Behörden.",
    ],
}
UNCLOSED = {
    "fr": [
        "Le ministre a déclaré : « Nous allons poursuivre les discussions avec tous les partenaires.",
        "« Il n'y aura pas de retour en arrière sur ce point, a-t-elle insisté devant les élus.",
        "Selon un responsable, « la situation reste très tendue dans plusieurs villes du pays.",
        "Le porte-parole a ajouté que « rien n'était encore décidé » et qu'il fallait attendre. » Les discussions continuent.",
    ],
    "en": [
        "The minister said: “We will keep talking to every partner until a deal is reached.",
        "“There will be no turning back on this point, she told lawmakers.",
    ],
}
MISPLACED = [
    "{name} a exprimé quelques « {noun} » face à la situation.",
    "Les autorités ont publié un communiqué. « {nouns} » qui restent à confirmer selon elles.",
    "L'armée aurait utilisé plusieurs « De fabrication russe » missiles lors de l'attaque.",
    "Le gouvernement a exhorté les habitants à « restez chez vous » pendant la tempête.",
    "La ministre est désormais « ne pense pas que la crise soit terminée ».",
    "Ils ont livré des armes aux « les forces régulières » du pays.",
    "Le maire a dénoncé plusieurs « {noun} » dans la gestion du dossier.",
    "Le rapport évoque des « {noun} » graves au sein de l'administration.",
]
NOUNS_SING = ["frustration", "inquiétude", "irrégularité", "négligence", "colère", "défaillance"]
NOUNS_PLUR = ["rapports", "informations", "allégations", "rumeurs"]
BOILERPLATE = {
    "start": ["Skip to content", "Aller au contenu principal", "Menu", "Accueil > Monde > Europe"],
    "any": [
        "Partager cet article sur Facebook",
        "Share this article",
        "Partagez sur Twitter",
        "Vous pouvez partager cet article sur les réseaux sociaux :",
        "Nous utilisons des cookies pour améliorer votre expérience. En poursuivant votre navigation, vous acceptez leur utilisation.",
        "We use cookies to improve your experience on our site. By continuing, you accept our cookie policy.",
        "Suivez-nous sur Twitter et Facebook",
        "Abonnez-vous à notre newsletter",
        "Facebook Twitter LinkedIn Email",
        "Publicité",
    ],
    "end": [
        "Source link",
        "Lien source",
        "Source link -12",
        "The post {title} appeared first on World News.",
        "L'article {title} est apparu en premier sur Info Monde.",
    ],
}
RELATED = [
    "En savoir plus : {other}",
    "Lire aussi : {other}",
    "À lire aussi – {other}",
    "Read more: {other}",
    "LIRE AUSSI >> {other}",
    "Voir aussi {other}",
    "Related: {other}",
    "En savoir plus {other}",
]
METADATA = [
    "Publié le 12/03/2021 à 14h05",
    "Mis à jour le 3 mars 2021 à 10:12",
    "2021-03-12 14:05",
    "Temps de lecture : 3 min",
    "Updated: March 3, 2021 10:12 am",
    "Tags : politique, élections",
    "Posted on 2022-11-04",
    "4 min read",
]
SUFFIXES = [
    " – Le Figaro",
    " | Le Monde.fr",
    " - Ouest-France",
    " – Actualités – France 24",
    " | BFMTV",
    " - 20 Minutes",
    " | Reuters",
    " - BBC News",
    " | La Dépêche",
    " – Le Parisien",
    " - Sud Ouest",
    " | L'Express",
    " – RT en français",
    " | France Info",
    " - TF1 Info",
]
BYLINES = {
    "fr": [
        "{name} a contribué à ce reportage depuis {city}.",
        "Avec la contribution de {name} à {city}.",
        "Par {name}",
        "Reportage de {name} ; édité par {name2}",
        "{name} a rapporté depuis {city} et {name2} a contribué au reportage.",
    ],
    "en": [
        "Reporting by {name}; Editing by {name2}",
        "Additional reporting by {name} in {city}.",
        "By {name}",
        "{name} reported from {city}. {name2} contributed reporting from Washington.",
    ],
}
DISCLAIMERS = {
    "fr": [
        "Cet article a été traduit automatiquement et n'a pas été relu par un éditeur humain.",
        "Ce contenu est publié automatiquement à partir d'un flux syndiqué.",
        "Article généré automatiquement par notre système de traduction.",
        "Cette actualité est traduite par une technologie automatique, sans intervention humaine.",
        "Toutes les informations de ce site sont publiées automatiquement et ne reflètent pas nécessairement notre point de vue.",
    ],
    "en": [
        "This article was automatically translated and has not been reviewed by an editor.",
        "This story was auto-generated from a syndicated feed and was not edited by our staff.",
        "This content is machine-translated and may contain errors.",
        "Published automatically without human intervention.",
    ],
}
CALQUES = [
    "Le porte-parole du Pentagone Lt. Le colonel {last} a refusé de commenter.",
    "Selon Maj. Le général {last}, les troupes restent en alerte.",
    "Le sénateur républicain Sen. La sénatrice {last} a dénoncé la décision.",
    "L'administration est « regardant dans » les accusations portées contre elle.",
    "Washington est « va continuer » à soutenir ses alliés, a assuré un responsable.",
    "Un haut responsable a déclaré au point de vente que la décision était imminente.",
    "Selon le point de vente américain, les négociations sont au point mort.",
]


# --------------------------------------------------------------------------- planting
def _case(rng: random.Random, s: str) -> tuple[str, str]:
    r = rng.random()
    if r < 0.15:
        return s.upper(), "upper"
    if r < 0.3:
        return s.lower(), "lower"
    return s, "as-is"


def _punct(rng: random.Random, s: str) -> str:
    return s + rng.choice(["", ".", ":", " :", "!"]) if s[-1:].isalnum() else s


def _assemble(
    title: str, paras: list[str], insert_at: int, planted: str, mode: str
) -> tuple[str, int, int]:
    """Text with `planted` put before paragraph `insert_at`: as its own paragraph, or glued."""
    head = [title] + paras[:insert_at]
    tail = paras[insert_at:]
    before = "\n\n".join(head)
    if mode == "paragraph":
        text = before + "\n\n"
        start = len(text)
        text += planted
        end = len(text)
        text += ("\n\n" + "\n\n".join(tail)) if tail else ""
    elif mode == "glued-after":  # no break between the previous paragraph and the defect
        text = before + ("" if before.endswith((".", "!", "?")) else " ")
        start = len(text)
        text += planted
        end = len(text)
        text += ("\n\n" + "\n\n".join(tail)) if tail else ""
    else:  # "glued-before": the defect runs into the next paragraph without a space
        text = before + "\n\n"
        start = len(text)
        text += planted
        end = len(text)
        text += "\n\n".join(tail) if tail else ""
    return text, start, end


def _position(rng: random.Random, n: int) -> int:
    return rng.choice([0, 1, n // 2, max(0, n - 1), n])


def _plant_block(
    rng: random.Random,
    base: Base,
    category: str,
    sentence: str,
    variant: str,
    modes: tuple[str, ...] = ("paragraph", "paragraph", "glued-after", "glued-before"),
    at: int | None = None,
) -> Planted:
    paras = list(base.paragraphs)
    pos = _position(rng, len(paras)) if at is None else at
    for _ in range(10):
        if not _paragraph_boundary_in_quote(paras, pos):
            break
        pos = rng.randrange(len(paras) + 1)
    mode = rng.choice(modes)
    if mode == "glued-before" and pos >= len(paras):
        mode = "paragraph"
    text, s, e = _assemble(base.title, paras, pos, sentence, mode)
    return Planted(base.id, base.language, category, text, s, e, f"{variant}/{mode}/p{pos}")


def _plant_in_paragraph(
    rng: random.Random, base: Base, category: str, fragment: str, variant: str
) -> Planted:
    """Insert `fragment` after a word boundary inside a paragraph (spacing kept)."""
    paras = list(base.paragraphs)
    idx = rng.randrange(len(paras))
    p = paras[idx]
    spaces = [m.start() for m in re.finditer(r" ", p) if not _open_quote_at(p, m.start())]
    cut = rng.choice(spaces) if spaces else len(p)
    new_p = p[:cut] + " " + fragment + p[cut:]
    paras[idx] = new_p
    prefix = base.title + "\n\n" + "\n\n".join(paras[:idx]) + ("\n\n" if idx else "")
    start = len(prefix) + cut + 1
    text = base.title + "\n\n" + "\n\n".join(paras)
    return Planted(
        base.id,
        base.language,
        category,
        text,
        start,
        start + len(fragment),
        f"{variant}/inline/p{idx}",
    )


def _plant_after_sentence(
    rng: random.Random, base: Base, category: str, sentence: str, variant: str
) -> Planted:
    paras = list(base.paragraphs)
    # Sentence ends outside quotations, per paragraph; a paragraph without one may take the
    # sentence at its end, unless a quotation is still open there.
    options: list[tuple[int, list[int]]] = []
    for i, para in enumerate(paras):
        ends = [e for e in _sentence_ends(para) if not _open_quote_at(para, e)]
        if not ends and not _open_quote_at(para, len(para)):
            ends = [len(para)]
        if ends:
            options.append((i, ends))
    if not options:  # every sentence end is quoted: give the defect its own paragraph
        return _plant_block(rng, base, category, sentence, variant, modes=("paragraph",))
    idx, ends = rng.choice(options)
    p = paras[idx]
    cut = rng.choice(ends)
    new_p = p[:cut] + " " + sentence + p[cut:]
    paras[idx] = new_p
    prefix = base.title + "\n\n" + "\n\n".join(paras[:idx]) + ("\n\n" if idx else "")
    start = len(prefix) + cut + 1
    text = base.title + "\n\n" + "\n\n".join(paras)
    return Planted(
        base.id,
        base.language,
        category,
        text,
        start,
        start + len(sentence),
        f"{variant}/after-sentence/p{idx}",
    )


class Planter:
    """One method per class; each returns a Planted document from a base."""

    def __init__(self, rng: random.Random, fr: list[Base], en: list[Base]) -> None:
        self.rng = rng
        self.fr = fr
        self.en = en
        self.wmt_en = load_wmt(WMT_EN)
        self.wmt_fr = load_wmt(WMT_FR)

    def base(self, languages: tuple[str, ...] = ("fr", "en")) -> Base:
        lang = self.rng.choice(languages)
        return self.rng.choice(self.fr if lang == "fr" else self.en)

    def leaked_instruction(self) -> Planted:
        rng = self.rng
        base = self.base()
        lang = rng.choice(["en", "en", "fr", "fr", "es", "de", "it", "pt"])
        prompt, case = _case(rng, rng.choice(PROMPTS[lang]))
        if rng.random() < 0.3:  # glued to the title, as in sample 000
            title = base.title
            sep = rng.choice(["", " ", ": "])
            text = prompt + sep + title + "\n\n" + "\n\n".join(base.paragraphs)
            return Planted(
                base.id,
                base.language,
                "leaked-instruction",
                text,
                0,
                len(prompt),
                f"{lang}/{case}/title-glued{sep!r}",
            )
        prompt = _punct(rng, prompt)
        if rng.random() < 0.3:
            prompt = prompt.replace(", ", ",").replace(" ", "  ", 1)
        return _plant_block(rng, base, "leaked-instruction", prompt, f"{lang}/{case}")

    def model_self_talk(self) -> Planted:
        rng = self.rng
        base = self.base()
        lang = rng.choice(["en", "en", "fr", "fr", "fr", "es", "de", "it", "pt"])
        s, case = _case(rng, rng.choice(CHATTER[lang]))
        return _plant_block(rng, base, "model-self-talk", s, f"{lang}/{case}")

    def _first_person(self, category: str, table: dict[str, list[str]]) -> Planted:
        rng = self.rng
        base = self.base(("fr", "fr", "en"))
        s = rng.choice(table[base.language])
        s = s.format(
            name=rng.choice(NAMES), role=rng.choice(ROLES_FR if base.language == "fr" else ROLES_EN)
        )
        if rng.random() < 0.5:
            return _plant_after_sentence(rng, base, category, s, base.language)
        return _plant_block(rng, base, category, s, base.language, modes=("paragraph",))

    def injected_opinion(self) -> Planted:
        return self._first_person("injected-opinion", OPINION)

    def persona_leak(self) -> Planted:
        return self._first_person("persona-leak", PERSONA)

    def impersonation(self) -> Planted:
        return self._first_person("impersonation", IMPERSONATION)

    def untranslated_fragment(self) -> Planted:
        rng = self.rng
        base = self.base()
        kind = rng.random()
        if kind < 0.4:
            frag = rng.choice(BRACKET_EN if base.language == "fr" else BRACKET_FR)
            return _plant_in_paragraph(rng, base, "untranslated-fragment", frag, "bracket")
        if kind < 0.85:
            sent = rng.choice(self.wmt_en if base.language == "fr" else self.wmt_fr)
            return _plant_after_sentence(rng, base, "untranslated-fragment", sent, "wmt-sentence")
        lang = rng.choice(["es", "de"])
        sent = rng.choice(FOREIGN_SENTENCES[lang])
        return _plant_after_sentence(rng, base, "untranslated-fragment", sent, f"{lang}-sentence")

    def unbalanced_quotes(self) -> Planted:
        rng = self.rng
        base = self.base(("fr", "fr", "en"))
        s = rng.choice(UNCLOSED[base.language])
        return _plant_block(rng, base, "unbalanced-quotes", s, base.language, modes=("paragraph",))

    def misplaced_quotes(self) -> Planted:
        rng = self.rng
        base = self.rng.choice(self.fr)
        s = rng.choice(MISPLACED).format(
            name=rng.choice(NAMES), noun=rng.choice(NOUNS_SING), nouns=rng.choice(NOUNS_PLUR)
        )
        if rng.random() < 0.5:
            return _plant_after_sentence(rng, base, "misplaced-quotes", s, "fr")
        return _plant_block(rng, base, "misplaced-quotes", s, "fr", modes=("paragraph",))

    def boilerplate(self) -> Planted:
        rng = self.rng
        base = self.base()
        where = rng.choice(["start", "any", "any", "end"])
        s = rng.choice(BOILERPLATE[where]).format(title=base.title)
        if where == "start":
            paras = list(base.paragraphs)
            sep = rng.choice(["\n", "\n\n", ""])
            text = s + sep + base.title + "\n\n" + "\n\n".join(paras)
            return Planted(base.id, base.language, "boilerplate", text, 0, len(s), f"start{sep!r}")
        at = len(base.paragraphs) if where == "end" else None
        return _plant_block(rng, base, "boilerplate", s, where, modes=("paragraph",), at=at)

    def inline_related_link(self) -> Planted:
        rng = self.rng
        base = self.base()
        other = rng.choice(self.fr if base.language == "fr" else self.en).title
        s = rng.choice(RELATED).format(other=other)
        return _plant_block(
            rng,
            base,
            "inline-related-link",
            s,
            "related",
            modes=("paragraph", "paragraph", "glued-after"),
        )

    def metadata_residue(self) -> Planted:
        rng = self.rng
        base = self.base()
        s = rng.choice(METADATA)
        if rng.random() < 0.25:  # glued before the title, as in sample 001
            frag = " date " + rng.choice(["2021-03", "2022-11", "2023-05-14"])
            text = frag + " " + base.title + "\n\n" + "\n\n".join(base.paragraphs)
            return Planted(
                base.id, base.language, "metadata-residue", text, 0, len(frag), "date-glued"
            )
        at = rng.choice([0, len(base.paragraphs)])
        return _plant_block(rng, base, "metadata-residue", s, "line", modes=("paragraph",), at=at)

    def repeated_title(self) -> Planted:
        rng = self.rng
        base = self.base()
        return _plant_block(
            rng,
            base,
            "repeated-title",
            base.title,
            "title",
            modes=("paragraph",),
            at=rng.choice([0, 0, 1]),
        )

    def title_suffix(self) -> Planted:
        rng = self.rng
        base = self.base()
        suffix = rng.choice(SUFFIXES)
        title = base.title.rstrip(". ")
        text = title + suffix + "\n\n" + "\n\n".join(base.paragraphs)
        return Planted(
            base.id,
            base.language,
            "title-suffix",
            text,
            len(title),
            len(title) + len(suffix),
            suffix.strip(),
        )

    def byline_in_body(self) -> Planted:
        rng = self.rng
        base = self.base()
        names = rng.sample(NAMES, 2)
        s = rng.choice(BYLINES[base.language]).format(
            name=names[0], name2=names[1], city=rng.choice(CITIES)
        )
        at = rng.choice([len(base.paragraphs), len(base.paragraphs), 1])
        return _plant_block(
            rng, base, "byline-in-body", s, base.language, modes=("paragraph",), at=at
        )

    def auto_republish_disclaimer(self) -> Planted:
        rng = self.rng
        base = self.base()
        s = rng.choice(DISCLAIMERS[base.language])
        at = rng.choice([len(base.paragraphs), 0])
        return _plant_block(
            rng,
            base,
            "auto-republish-disclaimer",
            s,
            base.language,
            modes=("paragraph", "glued-after"),
            at=at,
        )

    def mt_calque(self) -> Planted:
        rng = self.rng
        base = rng.choice(self.fr)
        s = rng.choice(CALQUES).format(last=rng.choice(NAMES).split()[-1])
        return _plant_after_sentence(rng, base, "mt-calque", s, "fr")


CLASSES_PLANTED: dict[str, Callable[[Planter], Planted]] = {
    "leaked-instruction": Planter.leaked_instruction,
    "model-self-talk": Planter.model_self_talk,
    "injected-opinion": Planter.injected_opinion,
    "persona-leak": Planter.persona_leak,
    "impersonation": Planter.impersonation,
    "untranslated-fragment": Planter.untranslated_fragment,
    "unbalanced-quotes": Planter.unbalanced_quotes,
    "misplaced-quotes": Planter.misplaced_quotes,
    "boilerplate": Planter.boilerplate,
    "inline-related-link": Planter.inline_related_link,
    "metadata-residue": Planter.metadata_residue,
    "repeated-title": Planter.repeated_title,
    "title-suffix": Planter.title_suffix,
    "byline-in-body": Planter.byline_in_body,
    "auto-republish-disclaimer": Planter.auto_republish_disclaimer,
    "mt-calque": Planter.mt_calque,
}


def generate(n: int, seed: int) -> list[Planted]:
    """`n` planted documents, classes in turn, reproducible from `seed`."""
    rng = random.Random(seed)
    planter = Planter(rng, load_french(), load_english())
    classes = list(CLASSES_PLANTED)
    out = []
    for i in range(n):
        out.append(CLASSES_PLANTED[classes[i % len(classes)]](planter))
    return out


def bases_by_id() -> dict[str, Base]:
    return {b.id: b for b in load_french() + load_english()}


if __name__ == "__main__":
    for p in generate(int(sys.argv[1]) if len(sys.argv) > 1 else 16, seed=1):
        print(f"{p.category:26s} {p.variant:30s} {p.excerpt[:90]!r}")


# --------------------------------------------------------------------------- scoring
@dataclass
class ClassScore:
    planted: int = 0
    found: int = 0  # planted documents whose defect was found (a finding of the class overlaps)
    true_findings: int = 0
    false_findings: int = (
        0  # findings of the class that match no planted defect and no base finding
    )

    @property
    def recall(self) -> float:
        return self.found / self.planted if self.planted else 1.0

    @property
    def precision(self) -> float:
        total = self.true_findings + self.false_findings
        return self.true_findings / total if total else 1.0


def score(
    planted: list[Planted], detect_fn: Callable[..., list], examples: dict | None = None
) -> dict[str, ClassScore]:
    """Recall and precision per class over planted documents.

    A finding of class C counts as true when it overlaps the planted span of a C defect; any
    other finding of C is false, unless the clean base document already had it (same class,
    same excerpt: a pre-existing defect, judged separately on the clean corpus). Collateral
    findings of other classes on a planted document are therefore charged to those classes.
    """
    bases = bases_by_id()
    base_found: dict[str, set[tuple[str, str]]] = {}
    scores: dict[str, ClassScore] = {c: ClassScore() for c in CLASSES_PLANTED}
    for p in planted:
        if p.base_id not in base_found:
            b = bases[p.base_id]
            base_found[p.base_id] = {
                (f.category, f.excerpt) for f in detect_fn(b.text, language=b.language)
            }
        findings = detect_fn(p.text, language=p.language)
        sc = scores[p.category]
        sc.planted += 1
        hit = False
        for f in findings:
            overlaps = f.start < p.end and p.start < f.end
            if f.category == p.category and overlaps:
                hit = True
                sc.true_findings += 1
            elif (f.category, f.excerpt) not in base_found[p.base_id]:
                scores.setdefault(f.category, ClassScore()).false_findings += 1
                if examples is not None:
                    examples.setdefault(("fp", f.category), []).append((p, f))
        if hit:
            sc.found += 1
        elif examples is not None:
            examples.setdefault(("miss", p.category), []).append((p, None))
    return scores
