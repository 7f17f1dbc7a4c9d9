"""`newsdesk serve` publishes only what the site builder wrote, and refuses to serve a folder
that holds the configuration, the database or the data folder (issue 20, probe 4: `--out .`
served newsdesk.toml and the whole SQLite database; `/.newsdesk-state.json` was public)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from starlette.testclient import TestClient
from typer.testing import CliRunner

from newsdesk.cli import app as cli
from newsdesk.config import Settings
from newsdesk.errors import ConfigError
from newsdesk.web.app import create_app
from newsdesk.web.site_files import servable
from tests.web.conftest import DeskFixture


def test_only_files_the_builder_wrote_are_served(desk: DeskFixture) -> None:
    site = desk.settings.out
    assert (site / "index.html").is_file()
    (site / "secret.toml").write_text('password_hash = "scrypt$…"')
    (site / "copy.sqlite").write_bytes(b"SQLite format 3\x00")
    (site / "notes.html").write_text("<p>brouillon</p>")  # right type, not written by the builder
    (site / ".env").write_text("NEWSDESK_DESK__SECRET_KEY=x")
    (site / ".git").mkdir()
    (site / ".git" / "config").write_text("[core]")
    (site / ".cache").mkdir()
    (site / ".cache" / "page.html").write_text("<p>cache</p>")
    client = desk.client
    for path in (
        "/.newsdesk-state.json",
        "/secret.toml",
        "/copy.sqlite",
        "/notes.html",
        "/.env",
        "/.git/config",
        "/.cache/page.html",
        "/%2enewsdesk-state.json",
        "/static/../.newsdesk-state.json",
    ):
        response = client.get(path)
        assert response.status_code == 404, path
        assert b"scrypt" not in response.content and b"SQLite" not in response.content
    assert client.get("/index.html").status_code == 200
    assert client.get("/static/style.css").status_code == 200
    assert client.get(f"/{desk.published.slug}.html").status_code == 200
    assert client.get("/robots.txt").status_code == 200


def test_a_symlink_out_of_the_site_is_not_followed(desk: DeskFixture, tmp_path: Path) -> None:
    outside = tmp_path / "outside.html"
    outside.write_text("<p>secret</p>")
    os.symlink(outside, desk.settings.out / "lien.html")
    assert desk.client.get("/lien.html").status_code == 404


def test_the_servable_rule() -> None:
    written = {"index.html", "static/style.css", "sujets/kyiv/index.html"}
    assert servable("index.html", written) and servable("sujets/kyiv/index.html", written)
    assert not servable("autre.html", written)
    assert not servable(".newsdesk-state.json", {".newsdesk-state.json"})
    assert not servable("newsdesk.toml", {"newsdesk.toml"})
    assert not servable("newsdesk.sqlite", None)
    assert not servable("/etc/passwd", None)
    assert servable("index.html", None)  # no build state: types and dots still decide


def _settings(tmp_path: Path, data: str, out: str, db: str = "") -> Settings:
    return Settings(data_dir=tmp_path / data, out=tmp_path / out, db=db)


@pytest.mark.parametrize(
    ("data", "out", "db"),
    [
        ("newsdesk-data", "newsdesk-data", ""),  # --out newsdesk-data
        ("newsdesk-data", ".", ""),  # --out . beside the data folder
        ("data", "site", "sqlite:///{tmp}/site/base.sqlite"),  # the database inside the site
    ],
)
def test_serving_a_folder_with_the_data_is_refused(
    tmp_path: Path, data: str, out: str, db: str
) -> None:
    settings = _settings(tmp_path, data, out, db.format(tmp=tmp_path))
    with pytest.raises(ConfigError, match="refusing to serve"):
        create_app(settings)
    assert not (tmp_path / "site" / "index.html").exists()  # refused before building anything


def test_serving_a_folder_with_the_configuration_is_refused(tmp_path: Path) -> None:
    (tmp_path / "site").mkdir()
    (tmp_path / "site" / "newsdesk.toml").write_text("")
    with pytest.raises(ConfigError, match=r"newsdesk\.toml"):
        create_app(_settings(tmp_path, "data", "site"))
    with pytest.raises(ConfigError, match=r"newsdesk\.toml"):
        create_app(tmp_path / "site")  # the static-only app too


def test_serve_dot_fails_with_one_line_and_a_non_zero_exit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "newsdesk.toml").write_text('[desk]\nsecret_key = "k"\n')
    result = CliRunner().invoke(cli, ["serve", "--out", "."])
    assert result.exit_code == 2
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and "refusing to serve" in lines[0] and "newsdesk.toml" in lines[0]
    assert "Traceback" not in result.output
    assert not (tmp_path / "newsdesk-data").exists()  # nothing created


def test_the_site_app_serves_its_pages_with_a_real_client(desk: DeskFixture) -> None:
    static = TestClient(create_app(desk.settings.out))
    assert static.get("/index.html").status_code == 200
    assert static.get("/.newsdesk-state.json").status_code == 404
