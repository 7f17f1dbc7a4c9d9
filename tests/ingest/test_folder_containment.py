"""Path containment (issue 20, item 5) and JSONL inside folders (item 13).

A folder source, or an audited folder, must not follow a symbolic link out of the folder and
publish what it points to (a key, the configuration); links inside the folder are fine, and a
loop of folder links cannot hang the walk. JSONL files in a folder are read line by line."""

from __future__ import annotations

import gzip
import json
import os
import sqlite3
from pathlib import Path

import pytest
from typer.testing import CliRunner

from newsdesk.cli import app
from newsdesk.config import FetchSettings
from newsdesk.ingest import InMemoryFetchMemory, collect
from newsdesk.types import RawItem, Rejection, Source, SourceKind

pytestmark = pytest.mark.skipif(not hasattr(os, "symlink"), reason="needs symbolic links")

SECRET = "CLEF-PRIVEE-7f3a9c"  # must never reach an item, a document or a page

ARTICLE = (
    "La préfecture de la Gironde a annoncé mardi de nouvelles restrictions d'usage de l'eau "
    "dans quarante-deux communes du département, après un été particulièrement sec. Les "
    "agriculteurs ne pourront plus irriguer leurs parcelles en journée, et le remplissage des "
    "piscines privées est interdit jusqu'à nouvel ordre.\n\n« Le niveau des nappes phréatiques "
    "est le plus bas relevé depuis 1976 », a déclaré le préfet lors d'une conférence de presse "
    "à Bordeaux. Les contrevenants s'exposent à une amende de 1 500 euros, et des contrôles "
    "seront menés par la police de l'eau dans les semaines qui viennent.\n\n"
)


def _article(title: str, n: int) -> str:
    return f"{title}\n\n" + ARTICLE * 2 + f"Dépêche numéro {n}.\n"


def _hostile_folder(tmp_path: Path) -> Path:
    """A folder with one real article, links that stay inside, and links that lead out."""
    outside = tmp_path / "outside"
    (outside / "keys").mkdir(parents=True)
    secret_text = _article(f"Une page secrète {SECRET}", 9).replace("Gironde", SECRET)
    (outside / "id_rsa.txt").write_text(secret_text, encoding="utf-8")
    (outside / "keys" / "token.txt").write_text(secret_text, encoding="utf-8")

    folder = tmp_path / "corpus"
    (folder / "archives").mkdir(parents=True)
    (folder / "secheresse.txt").write_text(
        _article("Sécheresse : restrictions d'eau en Gironde", 1), encoding="utf-8"
    )
    (folder / "archives" / "orages.txt").write_text(
        _article("Orages : la Gironde en vigilance orange", 2), encoding="utf-8"
    )
    (folder / "lien-interne.txt").symlink_to(folder / "archives" / "orages.txt")
    (folder / "relatif.txt").symlink_to(Path("archives") / "orages.txt")
    (folder / "note.txt").symlink_to(outside / "id_rsa.txt")  # absolute link out
    (folder / "archives" / "evasion.txt").symlink_to(Path("..") / ".." / "outside" / "id_rsa.txt")
    (folder / "cles").symlink_to(outside / "keys", target_is_directory=True)  # folder out
    (folder / "boucle").symlink_to(folder, target_is_directory=True)  # loop
    (folder / "archives" / "retour").symlink_to(Path(".."), target_is_directory=True)
    (folder / "casse.txt").symlink_to(folder / "absent.txt")  # broken
    return folder


def _read(folder: Path) -> list[RawItem | Rejection]:
    src = Source(kind=SourceKind.FOLDER, location=str(folder))
    items = list(collect(src, None, InMemoryFetchMemory(), FetchSettings()))
    assert all(isinstance(i, RawItem | Rejection) for i in items)
    return items  # type: ignore[return-value]


def test_links_out_of_the_folder_are_refused_links_inside_are_read(tmp_path: Path) -> None:
    folder = _hostile_folder(tmp_path)
    items = _read(folder)
    read = {Path(i.url).relative_to(folder).as_posix() for i in items if isinstance(i, RawItem)}
    assert read == {"secheresse.txt", "archives/orages.txt", "lien-interne.txt", "relatif.txt"}
    assert not [i for i in items if isinstance(i, RawItem) and SECRET.encode() in i.content]
    refused = {
        Path(i.item).relative_to(folder).as_posix(): i
        for i in items
        if isinstance(i, Rejection) and i.reason == "outside_folder"
    }
    assert set(refused) == {"note.txt", "archives/evasion.txt", "cles"}
    assert "outside the folder" in refused["note.txt"].detail
    broken = [i for i in items if isinstance(i, Rejection) and i.item.endswith("casse.txt")]
    assert [b.reason for b in broken] == ["read_error"]


def test_a_file_named_on_its_own_is_read_wherever_it_leads(tmp_path: Path) -> None:
    folder = _hostile_folder(tmp_path)
    (item,) = _read(folder / "note.txt")  # the user chose this file
    assert isinstance(item, RawItem)


def test_metadata_json_linked_out_of_the_folder_is_refused(tmp_path: Path) -> None:
    folder = _hostile_folder(tmp_path)
    (tmp_path / "outside" / "meta.json").write_text(
        json.dumps({"secheresse.txt": {"title": SECRET}}), encoding="utf-8"
    )
    (folder / "metadata.json").symlink_to(tmp_path / "outside" / "meta.json")
    items = _read(folder)
    assert any(isinstance(i, Rejection) and i.item.endswith("metadata.json") for i in items)
    assert all(i.hints.title != SECRET for i in items if isinstance(i, RawItem))


def test_audit_of_a_folder_does_not_follow_links_out(tmp_path: Path) -> None:
    folder = _hostile_folder(tmp_path)
    out = tmp_path / "audit"
    result = CliRunner().invoke(app, ["audit", str(folder), "--out", str(out)])
    assert result.exit_code == 0, result.output
    documents = (out / "documents.jsonl").read_text(encoding="utf-8")
    assert "Sécheresse" in documents and SECRET not in documents
    assert SECRET not in (out / "report.html").read_text(encoding="utf-8")
    rejected = [json.loads(x) for x in (out / "rejections.jsonl").read_text().splitlines()]
    assert sum(r["reason"] == "outside_folder" for r in rejected) == 3
    assert "outside_folder" in result.output


def test_desk_folder_source_does_not_publish_links_out(tmp_path: Path) -> None:
    folder = _hostile_folder(tmp_path)
    config = tmp_path / "newsdesk.toml"
    config.write_text(
        "[compose]\nlength_target = 120\n\n"
        f'[[sources]]\nkind = "folder"\nlocation = "{folder}"\nlicence = "full"\n'
        'publisher = "Le Fil"\nlanguage = "fr"\n',
        encoding="utf-8",
    )
    site, data = tmp_path / "site", tmp_path / "data"
    result = CliRunner().invoke(
        app, ["run", "--config", str(config), "--out", str(site), "--set", f"data_dir={data}"]
    )
    assert result.exit_code == 0, result.output
    with sqlite3.connect(data / "newsdesk.sqlite") as conn:
        reasons = [r for (r,) in conn.execute("select reason from rejections")]
        contents = [c for (c,) in conn.execute("select url from raw_items")]
    assert reasons.count("outside_folder") == 3
    assert contents and not [u for u in contents if "note" in u or "evasion" in u]
    for path in (p for p in site.rglob("*") if p.is_file()):
        assert SECRET.encode() not in path.read_bytes(), path


def test_jsonl_files_in_a_folder_are_read_line_by_line(tmp_path: Path) -> None:
    folder = tmp_path / "corpus"
    folder.mkdir()
    lines = [
        {"url": f"https://fil.example/{n}", "title": f"Titre {n}", "text": ARTICLE}
        for n in range(3)
    ]
    payload = "".join(json.dumps(line, ensure_ascii=False) + "\n" for line in lines)
    (folder / "a.jsonl").write_text(payload, encoding="utf-8")
    (folder / "b.ndjson.gz").write_bytes(gzip.compress(payload.replace("fil.", "gz.").encode()))
    (folder / "c.jsonl").write_text('{"text": ""}\n', encoding="utf-8")
    src = Source(kind=SourceKind.FOLDER, location=str(folder))
    items = list(collect(src, None, InMemoryFetchMemory(), FetchSettings()))
    urls = [i.url for i in items if isinstance(i, RawItem)]
    assert urls == [f"https://fil.example/{n}" for n in range(3)] + [
        f"https://gz.example/{n}" for n in range(3)
    ]
    assert all(i.source_id == src.id for i in items)
    assert [(i.item, i.reason) for i in items if isinstance(i, Rejection)] == [
        (f"{folder / 'c.jsonl'}:1", "missing_text")
    ]


@pytest.mark.parametrize("kind", [SourceKind.FOLDER, SourceKind.JSONL, SourceKind.WARC])
def test_a_home_folder_that_does_not_exist_is_not_found(kind: SourceKind) -> None:
    src = Source(kind=kind, location="~nosuchuser-newsdesk/corpus")
    (item,) = collect(src, None, InMemoryFetchMemory(), FetchSettings())
    assert isinstance(item, Rejection) and item.reason == "not_found"
