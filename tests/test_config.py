"""Settings: precedence, errors naming the input, and docs that cannot drift."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsdesk.config import configured_sources, iter_settings, load_settings
from newsdesk.errors import ConfigError
from newsdesk.types import Licence, SourceKind

REPO = Path(__file__).resolve().parents[1]


def test_every_setting_is_documented() -> None:
    doc = (REPO / "docs" / "configuration.md").read_text(encoding="utf-8")
    missing = [name for name, _ in iter_settings() if f"`{name}`" not in doc]
    assert not missing, f"settings missing from docs/configuration.md: {missing}"


def test_every_setting_has_help() -> None:
    assert all(help_line for _, help_line in iter_settings())


def test_precedence_file_env_set(tmp_path: Path) -> None:
    cfg = tmp_path / "newsdesk.toml"
    cfg.write_text('[fetch]\ntimeout = 3\nmax_redirects = 2\n[site]\nname = "Fichier"\n')
    env = {"NEWSDESK_FETCH__TIMEOUT": "4", "NEWSDESK_SITE__NAME": "Env", "OTHER": "x"}
    settings = load_settings(cfg, {"site.name": "Cli"}, environ=env)
    assert settings.fetch.timeout == 4.0  # env beats file
    assert settings.fetch.max_redirects == 2  # file beats default
    assert settings.site.name == "Cli"  # --set beats env
    assert settings.out == tmp_path / "site"  # relative to the config file


def test_sources_from_file_resolve_paths(tmp_path: Path) -> None:
    (tmp_path / "corpus").mkdir()
    cfg = tmp_path / "newsdesk.toml"
    cfg.write_text(
        '[[sources]]\nkind = "folder"\nlocation = "corpus"\nlicence = "full"\n'
        '[[sources]]\nkind = "feed"\nlocation = "https://example.org/rss"\n'
    )
    folder, feed = configured_sources(load_settings(cfg, environ={}))
    assert folder.kind == SourceKind.FOLDER and folder.location == str(tmp_path / "corpus")
    assert folder.licence == Licence.FULL
    assert feed.licence == Licence.EXCERPT and feed.location == "https://example.org/rss"


@pytest.mark.parametrize(
    ("content", "needle"),
    [
        ("[fetch\ntimeout=1", "not valid TOML"),
        ("[fetch]\ntimeout='slow'", "fetch.timeout"),
        ("[fetchh]\nx=1", "fetchh"),
    ],
)
def test_bad_config_names_the_file(tmp_path: Path, content: str, needle: str) -> None:
    cfg = tmp_path / "bad.toml"
    cfg.write_text(content)
    with pytest.raises(ConfigError) as info:
        load_settings(cfg, environ={})
    assert str(cfg) in str(info.value) and needle in str(info.value)


def test_unknown_override_is_refused() -> None:
    with pytest.raises(ConfigError, match="unknown setting"):
        load_settings(None, {"fetch.nope": "1"}, environ={})
