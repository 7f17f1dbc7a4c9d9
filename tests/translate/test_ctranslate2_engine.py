"""The ctranslate2 engine on a real CTranslate2 model folder built and converted by the test."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from newsdesk.config import TranslateSettings
from newsdesk.errors import EngineError
from newsdesk.translate import get_engine
from newsdesk.translate.result import TranslationRejected

pytest.importorskip("ctranslate2", reason="ctranslate2 is not installed (pip install ctranslate2)")
pytest.importorskip("sentencepiece", reason="sentencepiece is not installed")

from tests.translate.tiny_ct2 import build_copy_model, train_sentencepiece  # noqa: E402


@pytest.fixture(scope="module")
def argos_layout(tmp_path_factory, wmt_pairs) -> Path:
    """An Argos-Translate-like package: model/ beside sentencepiece.model."""
    root = tmp_path_factory.mktemp("ct2") / "translate-en_fr-copy"
    root.mkdir()
    lines = [fr for _, fr in wmt_pairs[:400]] + [en for en, _ in wmt_pairs[:400]]
    sp = train_sentencepiece(lines, root / "sentencepiece")
    build_copy_model(sp, root / "model")
    (root / "sentencepiece.vocab").unlink()
    return root


def test_loads_tokenises_translates_and_detokenises(argos_layout: Path, wmt_pairs) -> None:
    engine = get_engine(TranslateSettings(engine="ctranslate2", model=str(argos_layout)))
    assert engine is not None and engine.name == "ctranslate2"
    assert engine.version.startswith("translate-en_fr-copy:")
    # French text the SentencePiece model was not trained on (lines 2000+), several sentences
    # per paragraph: the copy model returns it unchanged, so the checks accept it as French.
    short = [
        fr
        for _, fr in wmt_pairs[2000:2200]
        if 60 < len(fr) < 160 and "=" not in fr and "\xa0" not in fr
    ]
    paragraphs = [" ".join(short[i : i + 2]) for i in (0, 2, 4)]
    out = engine.translate(paragraphs, "en", "fr")
    assert out == paragraphs


def test_the_checks_run_on_the_model_output(argos_layout: Path, wmt_pairs) -> None:
    engine = get_engine(TranslateSettings(engine="ctranslate2", model=str(argos_layout)))
    assert engine is not None
    # English copied through is not a translation.
    english = next(en for en, _ in wmt_pairs[2100:] if len(en) > 120 and '"' not in en)
    with pytest.raises(TranslationRejected) as info:
        engine.translate([english], "en", "fr")
    assert info.value.reason in {"wrong_language", "source_language_left"}
    # "=" is not in the SentencePiece vocabulary: the URL comes back altered, and is caught.
    url = "Le détail est publié sur https://example.org/rapport?annee=2024 depuis lundi soir."
    with pytest.raises(TranslationRejected) as info:
        engine.translate([url], "en", "fr")
    assert info.value.reason == "urls_changed"


def test_opus_mt_layout_with_source_and_target_spm(argos_layout: Path, tmp_path: Path) -> None:
    folder = tmp_path / "opus-mt-en-fr"
    shutil.copytree(argos_layout / "model", folder)
    shutil.copy(argos_layout / "sentencepiece.model", folder / "source.spm")
    shutil.copy(argos_layout / "sentencepiece.model", folder / "target.spm")
    engine = get_engine(TranslateSettings(engine="ctranslate2", model=str(folder)))
    assert engine is not None
    text = "Le tribunal a rendu sa décision mardi, après trois semaines de procès."
    assert engine.translate([text], "en", "fr") == [text]


def test_a_folder_without_a_model_is_an_engine_error(tmp_path: Path) -> None:
    with pytest.raises(EngineError, match="no model.bin"):
        get_engine(TranslateSettings(engine="ctranslate2", model=str(tmp_path)))
    with pytest.raises(EngineError, match="not found"):
        get_engine(TranslateSettings(engine="ctranslate2", model=str(tmp_path / "missing")))
