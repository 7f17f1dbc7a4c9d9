"""Titles as the page shows them, and the right class for residue.

Texts written for these tests (not taken from the samples or the benchmark corpora).
"""

from __future__ import annotations

from newsdesk.detect import detect, detect_document
from newsdesk.detect.document import Document
from newsdesk.detect.titles import split_title


def found(text: str, language: str = "en", html: bool = False) -> list[tuple[str, str]]:
    doc = Document(text, language=language)
    if html:
        doc.html = True
    return [(f.category, f.excerpt) for f in detect_document(doc)]


def of(classes: set[str], findings: list[tuple[str, str]]) -> list[tuple[str, str]]:
    return [(c, e) for c, e in findings if c in classes]


TITLES = {"title-suffix", "repeated-title"}
BODY = (
    "The committee voted on Tuesday to extend the programme by two years.\n\n"
    "Its chair said the money would come from the existing budget."
)


def test_a_kicker_is_not_the_headline_and_the_headline_is_not_a_suffix() -> None:
    title = "Opinion | Republicans Are Following Trump to Nowhere"
    parts = split_title(title)
    assert title[parts.start : parts.end] == "Republicans Are Following Trump to Nowhere"
    assert of(TITLES, found(f"{title}\n\n{BODY}")) == []
    title = "Sports | Is Football Violence a Crime?"
    parts = split_title(title)
    assert title[parts.start : parts.end] == "Is Football Violence a Crime?"
    title = "La perte des terres fertiles en Guinée | Environnement | DW | 23.05.2011"
    parts = split_title(title)
    assert title[parts.start : parts.end] == "La perte des terres fertiles en Guinée"


def test_the_pages_own_h1_under_a_suffixed_title_is_neither_suffix_nor_repetition() -> None:
    text = (
        "NASA adds five companies to lunar lander program - SpaceNews.com\n\n"
        "NASA adds five companies to lunar lander program\n\n" + BODY
    )
    assert of(TITLES, found(text)) == []
    # In HTML the <h1> may come after a kicker and differ in typography from the <title>.
    html = (
        "Cells That 'Taste' Danger Set Off Immune Responses\n\n"
        "immunology\n\n"
        "Cells That ‘Taste’ Danger Set Off Immune Responses\n\n" + BODY
    )
    assert of(TITLES, found(html, html=True)) == []
    # An HTML <title>'s site suffix is metadata, not text the page shows.
    assert of(TITLES, found("Bike shop opens in Leeds | MoreBikes\n\n" + BODY, html=True)) == []


def test_a_headline_printed_twice_or_a_glued_suffix_in_text_is_still_found() -> None:
    title = "Des armes américaines utilisées contre la Russie – Moscou"
    text = f"{title}\n\n{title}\n\n" + BODY
    assert of(TITLES, found(text, "fr")) == [("repeated-title", title)]
    text = "Les États-Unis donnent leur feu vert à Kiev – Times – RT Russie\n\n" + BODY
    assert of(TITLES, found(text, "fr")) == [("title-suffix", "– Times – RT Russie")]
    # Further down an HTML page, the headline again is a repetition.
    html = "Bridge reopens after repairs\n\n" + BODY + "\n\nBridge reopens after repairs"
    assert of(TITLES, found(html, html=True)) == [
        ("repeated-title", "Bridge reopens after repairs")
    ]


def test_shortcodes_embeds_and_form_widgets_are_boilerplate_not_untranslated() -> None:
    text = (
        "Les vélos électriques en hausse\n\n"
        "Les ventes ont progressé de 12 % l'an dernier.\n\n"
        '[EMBED url=" "]\n\n'
        "[button link=”https://exemple.fr/avis/” type=”big”] Envoyez-nous votre avis[/button]\n\n"
        "Contactez la rédaction : [email\xa0protected]\n\n"
        "I have read and understood the Privacy Notice.\n\n"
        "Le marché devrait encore croître en 2025."
    )
    classes = found(text, "fr")
    assert not [e for c, e in classes if c == "untranslated-fragment"]
    boiler = [e for c, e in classes if c == "boilerplate"]
    assert '[EMBED url=" "]' in boiler
    assert "[/button]" in boiler
    assert any(e.startswith("[button link=") for e in boiler)
    assert "[email\xa0protected]" in boiler
    assert "I have read and understood the Privacy Notice." in boiler


def test_editorial_brackets_and_acronym_expansions_are_not_untranslated() -> None:
    text = (
        "China tightens rules on rare earth exports\n\n"
        '"The decision [was] taken without consultation," an official said. "[China\'s] '
        'partners learned of it from the press," he added, and "[gastrointestinal] '
        'medicine had no idea," a doctor joked.\n\n'
        "Beijing supplies most of the world's rare earths, and China's exports fell in May."
    )
    assert of({"untranslated-fragment"}, found(text)) == []
    fr = (
        "L'OMS alerte sur la rougeole\n\n"
        "L'OMS (World Health Organization) a recensé 300 000 cas. La loi néo-zélandaise "
        "(Bereavement Leave for Miscarriage) sert de modèle, selon l'agence.\n\n"
        "Les autorités appellent à la vaccination."
    )
    assert of({"untranslated-fragment"}, found(fr, "fr")) == []
    # An English phrase left in brackets or parentheses is still untranslated.
    left = (
        "Les États-Unis autorisent des frappes\n\n"
        "Washington a donné son accord [this week] pour des frappes (in Russia or Crimea), "
        "selon le Pentagone.\n\nLe Kremlin n'a pas réagi."
    )
    excerpts = [e for c, e in found(left, "fr") if c == "untranslated-fragment"]
    assert "[this week]" in excerpts and "(in Russia or Crimea)" in excerpts


def test_a_lone_heading_named_in_the_text_is_not_a_site_name() -> None:
    text = (
        "Le nouveau MacBook Pro à l'essai\n\n"
        "Le processeur est plus rapide de 8 %.\n\n"
        "GPU\n\n"
        "Pour le GPU, nous avons lancé le test Unigine Heaven en plein écran.\n\n"
        "RT"
    )
    boiler = [e for c, e in found(text, "fr") if c == "boilerplate"]
    assert boiler == ["RT"]


def test_plain_text_without_html_flag_behaves_as_before() -> None:
    assert detect("Titre\n\nCorps.", language="fr") == []


def test_glosses_glued_names_and_attributions_in_parentheses_are_not_defects() -> None:
    text = (
        "Emmanuel Macron redevient populaire (BVA - Orange - La Tribune)\n\n"
        "Le consortium Reacting (Research and action targeting emerging infectious diseases) "
        "coordonne l'essai. Le concert réunit Chris(tine and the Queens), Vitaa et Slimane.\n\n"
        "Les résultats sont attendus en juin."
    )
    assert of(TITLES | {"untranslated-fragment"}, found(text, "fr")) == []


def test_quotations_in_their_original_language_are_not_untranslated() -> None:
    de = (
        "Mein Leben irgendwo dazwischen\n\n"
        "Viele Menschen kennen dieses Gefühl, aber nur wenige sprechen darüber offen.\n\n"
        "I see you and you see me.\n\n"
        "You can't solve a problem with the same thinking that created it (Albert Einstein)"
    )
    assert of({"untranslated-fragment"}, found(de, "de")) == []
    fr = (
        "La rumeur de la chloroquine\n\n"
        "Le milliardaire a relayé l'étude sur son compte le 16 mars.\n\n"
        "Maybe worth considering chloroquine for the virus, people say https://t.co/LEYob7Jofr\n\n"
        "— Elon Musk (@elonmusk) March 16, 2020\n\n"
        "L'étude a depuis été contestée."
    )
    assert of({"untranslated-fragment"}, found(fr, "fr")) == []
    # A French article with an English sentence left in it is still flagged.
    left = fr.replace(
        "L'étude a depuis été contestée.",
        "L'étude a depuis été contestée. The study was later withdrawn by its own authors.",
    )
    assert of({"untranslated-fragment"}, found(left, "fr"))


def test_cookie_text_on_a_privacy_page_is_its_subject_not_a_banner() -> None:
    policy = (
        "Privacy Policy\n\n"
        "Google, as a third-party vendor, uses cookies to serve ads on our site.\n\n"
        "We honor Do Not Track signals and do not plant cookies when a DNT browser is used."
    )
    assert of({"boilerplate"}, found(policy)) == []
    banner = "Bridge reopens\n\n" + BODY + "\n\nWe use cookies to improve our site. Accept all"
    assert of({"boilerplate"}, found(banner))


def test_how_to_steps_and_shared_function_words_are_not_residue() -> None:
    text = (
        "How to get Disney+ and Hulu together\n\n"
        "Here is how to bundle both services:\n\n"
        "- Sign up for a Hulu ad-free account for $11.99 a month\n\n"
        "- Sign up for the Disney+ bundle using the same email as your Hulu account\n\n"
        "Patti Smith and Stewart Copeland (on percussion) joined the choir on stage.\n\n"
        "Sign up for the Morning Review newsletter"
    )
    findings = found(text)
    assert of({"boilerplate"}, findings) == [
        ("boilerplate", "Sign up for the Morning Review newsletter")
    ]
    assert of({"untranslated-fragment"}, findings) == []
