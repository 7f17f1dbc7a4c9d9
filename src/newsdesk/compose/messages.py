"""French wording shown to readers, kept out of the logic (STYLE rule 10)."""

from __future__ import annotations

NEWSROOM_BYLINE = "Rédaction newsdesk"

DISCLOSURE_ARTICLE = (
    "Cette page reprend un article publié par {publisher}. Le texte a été extrait et mis en page "
    "automatiquement par newsdesk, sans réécriture ; il a été vérifié automatiquement avant "
    "publication (citations, chiffres et noms identiques à la source)."
)

EXCERPT_NOTICE = "Extrait. Lire l’article complet sur le site de {publisher}."

UNKNOWN_PUBLISHER = "une source non identifiée"
