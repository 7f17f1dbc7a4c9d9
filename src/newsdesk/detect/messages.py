"""The one-line explanations shown to readers of an audit report, in French, in one place.

Readers of newsdesk reports are French-speaking editors and researchers; every finding's
`message` comes from here so the wording stays consistent and can be reviewed as a whole.
"""

from __future__ import annotations

LEAKED_INSTRUCTION = "Consigne adressée à un outil de rédaction, publiée par erreur dans le texte."
SELF_TALK = "Propos d’un modèle de langage (présentation, refus ou commentaire sur sa tâche)."
REFUSAL = "Refus ou excuse d’un modèle de langage publié tel quel."
INJECTED_OPINION = (
    "Opinion à la première personne du rédacteur, hors citation, dans un article d’information."
)
PERSONA_LEAK = (
    "Le rédacteur parle de lui-même ou s’adresse au lecteur (« je suis ravi de partager… »)."
)
IMPERSONATION = "Le texte fait parler à la première personne quelqu’un qui n’en est pas l’auteur (ou un témoin inventé)."
UNTRANSLATED_BRACKET = "Fragment entre crochets resté dans une autre langue que l’article."
UNTRANSLATED_PAREN = "Fragment entre parenthèses resté dans une autre langue que l’article."
UNTRANSLATED_NAME = (
    "Nom entre crochets orthographié autrement que dans le reste de l’article (non traduit)."
)
UNTRANSLATED_SENTENCE = "Phrase dans une autre langue que l’article, non traduite."
UNCLOSED_QUOTE = "Citation ouverte par « et jamais fermée avant la fin du paragraphe."
UNOPENED_QUOTE = "Guillemet fermant » sans guillemet ouvrant dans le paragraphe."
UNBALANCED_STRAIGHT = "Guillemets droits en nombre impair : une citation n’est pas fermée."
MISPLACED_AGREEMENT = "Guillemets autour d’un seul mot qui ne s’accorde pas avec son déterminant (traduction mot à mot)."
MISPLACED_SENTENCE_START = (
    "Phrase qui commence par un mot entre guillemets en minuscule : guillemets déplacés."
)
MISPLACED_CAPITAL = (
    "Citation qui commence par une majuscule en milieu de phrase et coupe le groupe nominal."
)
MISPLACED_ARTICLE = "Article répété de part et d’autre du guillemet ouvrant (« aux « les … »)."
MISPLACED_VERB = "Guillemet ouvrant suivi d’un verbe conjugué là où la grammaire ne le permet pas."
BOILERPLATE_NAV = "Texte de navigation du site (menu, lien d’évitement) resté dans l’article."
BOILERPLATE_SHARE = "Invitation à partager ou à s’abonner, restée dans l’article."
BOILERPLATE_SOURCE = "Lien « source » laissé par un outil de republication automatique."
BOILERPLATE_COOKIE = "Bandeau de cookies resté dans l’article."
BOILERPLATE_LONE = "Nom de site ou sigle isolé sur une ligne, reste de la mise en page."
BOILERPLATE_SHORTCODE = "Code d’intégration ou de bouton ([embed], [/button]) resté dans le texte."
BOILERPLATE_FORM = (
    "Case à cocher ou bouton de formulaire (consentement, abonnement) resté dans le texte."
)
RELATED_LINK = (
    "Lien vers un autre article (« En savoir plus », « Lire aussi ») resté dans le texte."
)
METADATA_RESIDUE = "Métadonnée (date, heure, étiquette) restée dans le texte de l’article."
REPEATED_TITLE = "Le titre est répété dans le corps de l’article."
TITLE_SUFFIX = "Nom du site ou de la rubrique collé au titre."
BYLINE_IN_BODY = (
    "Signature ou mention de contribution journalistique restée dans le corps du texte."
)
DISCLAIMER = "Mention d’une publication ou d’une traduction automatique, sans relecture humaine."
CALQUE_TITLE = "Grade ou titre abrégé à l’anglaise suivi d’un article : traduction mot à mot."
CALQUE_PHRASAL = (
    "Citation qui se termine par une préposition : verbe anglais à particule traduit mot à mot."
)
CALQUE_AUXILIARY = "Auxiliaire anglais traduit mot à mot (« est va », « ne fait pas soutenir »)."
CALQUE_OUTLET = "« point de vente » pour « média » (outlet) : traduction mot à mot."
CALQUE_AGREEMENT = (
    "Le verbe ne s’accorde pas avec son sujet entre guillemets (traduction automatique)."
)
