"""French wording shown to readers, kept out of the logic (STYLE rule 10)."""

from __future__ import annotations

NEWSROOM_BYLINE = "Rédaction newsdesk"

DISCLOSURE_ARTICLE = (
    "Cette page reprend un article publié par {publisher}. Le texte a été extrait et mis en page "
    "automatiquement par newsdesk, sans réécriture ; il a été vérifié automatiquement avant "
    "publication (citations, chiffres et noms identiques à la source)."
)

# Story pages: what was machine-made, said plainly.
DISCLOSURE_EXTRACTIVE = (
    "Cette page a été composée automatiquement par newsdesk à partir de {count} : {publishers}. "
    "Les phrases sont reprises telles quelles des sources, sans réécriture ; le titre et les "
    "intertitres sont tirés de ces phrases. {translation}Avant publication, chaque citation, "
    "chiffre, date et nom a été vérifié automatiquement dans les sources."
)
DISCLOSURE_LLM = (
    "Cette page a été rédigée automatiquement par un modèle de langage ({model}) à partir de "
    "{count} : {publishers}. {translation}Avant publication, chaque citation, chiffre, date et "
    "nom a été vérifié automatiquement dans les sources."
)
TRANSLATED = "Traduction automatique ({engines}) : {titles}. "
NOT_TRANSLATED = "Aucune source n’a été traduite. "
ONE_SOURCE = "une source"
MANY_SOURCES = "{n} sources"

# "Who reported what": the lead-in of a paragraph taken from a secondary source.
ACCORDING_TO = "Selon {publisher}, "

EXCERPT_NOTICE = "Extrait. Lire l’article complet sur le site de {publisher}."

UNKNOWN_PUBLISHER = "une source non identifiée"

# Shown in a sources block when a source's own title carries a defect that cannot be cut off.
UNTITLED_SOURCE = "Article sans titre exploitable"
