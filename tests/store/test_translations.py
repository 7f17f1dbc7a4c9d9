"""The translation cache."""

from __future__ import annotations

from newsdesk.store import Store, translation_key


def test_key_depends_on_text_languages_and_engine() -> None:
    base = translation_key("We are not at war.", "en", "fr", "openai:qwen2.5-7b")
    assert base == translation_key("We are not at war.", "en", "fr", "openai:qwen2.5-7b")
    assert len(base) == 64
    others = {
        translation_key("We are not at war!", "en", "fr", "openai:qwen2.5-7b"),
        translation_key("We are not at war.", "de", "fr", "openai:qwen2.5-7b"),
        translation_key("We are not at war.", "en", "es", "openai:qwen2.5-7b"),
        translation_key("We are not at war.", "en", "fr", "deepl"),
    }
    assert base not in others and len(others) == 4
    # Parts are separated: engine "deepl" + "en" must not collide with "deep" + "len".
    assert translation_key("x", "en", "fr", "deepl") != translation_key("x", "len", "fr", "deep")


def test_put_then_get(store: Store) -> None:
    source = "Das ist « kein » Krieg — 这不是战争 🕊️"
    key = translation_key(source, "de", "fr", "ctranslate2:opus-mt-de-fr")
    assert store.translations.get(key) is None
    put = store.translations.put(
        key, "ctranslate2:opus-mt-de-fr", "4.5.0", "de", "fr", source, "Ce n’est « pas » une guerre"
    )
    got = store.translations.get(key)
    assert got == put
    assert got is not None and got.text == "Ce n’est « pas » une guerre"
    # Replacing an entry (e.g. a corrected translation) keeps one row per key.
    store.translations.put(
        key, "ctranslate2:opus-mt-de-fr", "4.6.0", "de", "fr", source, "Ce n’est pas une guerre"
    )
    got = store.translations.get(key)
    assert got is not None and (got.engine_version, got.text) == (
        "4.6.0",
        "Ce n’est pas une guerre",
    )
