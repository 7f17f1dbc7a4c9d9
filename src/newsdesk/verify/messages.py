"""French messages of the checks, shown to editors in the review desk (STYLE rule 10)."""

from __future__ import annotations

QUOTE_NOT_FOUND = "Citation introuvable dans les sources : « {piece} »."
FACT_NOT_FOUND = {
    "figure": "Chiffre absent de toutes les sources : {what}.",
    "date": "Date absente de toutes les sources : {what}.",
}
NAME_NOT_FOUND = "Nom absent de toutes les sources : {what}."
OUT_OF_CONTEXT = (
    "« {what} » figure dans les sources, mais pas dans les phrases dont cette phrase est tirée "
    "(déplacé ou substitué ?)."
)
UNSUPPORTED = "Phrase sans appui dans les sources ({share} % de ses mots-clés retrouvés)."
REPEATED = "Phrase répétée : elle redit une phrase précédente de la page."
TITLE_COPY = "Le titre reprend celui d’une source : « {title} »."
TITLE_SUFFIX = "Le titre se termine par le nom d’un éditeur."
GENERIC_HEADING = "Intertitre générique : il doit être tiré du texte de sa section."
EXCERPT_COPIED = (
    "{words} mots ({share} %) repris de {publisher}, source sous licence « extrait » "
    "(au plus {max_words} mots et {max_share} %)."
)
SHORT = "Page de {words} mots pour un objectif de {target} : {why}"
SHORT_WHY = (
    "les sources n’offrent que {available} mots utilisables ({duplicates} phrases écartées "
    "comme répétitions, {screened} phrases écartées pour défaut, {capped} mots non repris en "
    "raison de la licence « extrait »)."
)
SHORT_WHY_UNKNOWN = "les sources n’offrent pas davantage de matière vérifiable."
INSERTED = "Mots insérés dans une phrase reprise d’une source : « {words} »."
COUNT = "« {what} » apparaît plus souvent ici que dans la phrase source (valeur modifiée ?)."
FOREIGN = "Mots anglais dans le texte français (consigne ou fragment non traduit ?) : « {words} »."
