"""`newsdesk audit` end to end, by site: sites.jsonl, the network files and the report's Sites
section, on a small web (an outlet, two sites copying it, an honest outlet) and on the five
sample pages audited as their sites."""

from __future__ import annotations

import json
from pathlib import Path

import html5lib
import networkx as nx
import pytest
from typer.testing import CliRunner

from newsdesk.cli import app

ORIGINAL = (
    "La ville de Rennes inaugure un réseau de chaleur alimenté par le bois",
    [
        "La métropole de Rennes a mis en service lundi un réseau de chaleur qui alimentera "
        "près de neuf mille logements et une vingtaine d'équipements publics du quartier nord. "
        "La chaufferie, installée sur une ancienne friche ferroviaire, brûle des plaquettes "
        "forestières venues de bois situés à moins de cent kilomètres.",
        "Selon la régie municipale, le chantier a duré trois ans et coûté quarante-deux "
        "millions d'euros, dont un tiers apporté par l'Agence de la transition écologique. Les "
        "abonnés devraient voir leur facture de chauffage baisser d'environ douze pour cent "
        "dès la première année, grâce à un tarif indexé sur le prix du bois.",
        "Les riverains avaient contesté le projet en raison du passage des camions de "
        "livraison. La métropole a finalement imposé un itinéraire par la rocade et limité les "
        "livraisons aux jours ouvrables, entre sept heures et dix-neuf heures.",
        "D'autres extensions sont prévues d'ici à 2030 vers les quartiers de l'est, où une "
        "seconde chaufferie pourrait être construite près du parc des expositions.",
    ],
)
OTHER = (
    "Le festival de musique de chambre de Vannes accueille un public record",
    [
        "Plus de douze mille spectateurs ont assisté cette année aux concerts du festival de "
        "musique de chambre de Vannes, qui s'est achevé dimanche soir dans la cour du château. "
        "Les organisateurs n'avaient jamais vendu autant de places depuis la création de la "
        "manifestation, il y a vingt-cinq ans.",
        "La programmation faisait la part belle aux jeunes quatuors européens, dont trois se "
        "produisaient pour la première fois en France. Le directeur artistique a salué la "
        "curiosité d'un public venu de toute la Bretagne.",
        "La prochaine édition se tiendra au début du mois de juillet, avec une série de "
        "concerts gratuits dans les communes du golfe du Morbihan.",
    ],
)
DISCLAIMER = (
    "Cet article a été publié automatiquement à partir d'un flux RSS et traduit par une "
    "technologie programmatique, sans intervention d'un éditeur humain."
)


def _line(url: str, title: str, paragraphs: list[str], published: str) -> str:
    record = {"url": url, "title": title, "text": "\n\n".join(paragraphs), "published": published}
    return json.dumps(record, ensure_ascii=False) + "\n"


@pytest.fixture(scope="module")
def audited(tmp_path_factory: pytest.TempPathFactory, samples_dir: Path) -> Path:
    work = tmp_path_factory.mktemp("sites")
    title, body = ORIGINAL
    corpus = work / "web.jsonl"
    corpus.write_text(
        _line("https://www.journal-rennais.example/reseau", title, body, "2026-02-02T08:00:00Z")
        + _line(
            "https://copies-auto.example/a/1",
            title,
            [*body, DISCLAIMER],
            "2026-02-02T11:00:00Z",
        )
        + _line("https://miroir.example/1", title, body, "2026-02-04T08:00:00Z")
        + _line("https://echo-vannes.example/f", OTHER[0], OTHER[1], "2026-02-03T09:00:00Z"),
        encoding="utf-8",
    )
    out = work / "out"
    result = CliRunner().invoke(app, ["audit", str(corpus), str(samples_dir), "--out", str(out)])
    assert result.exit_code == 0, result.output
    return out


def _sites(out: Path) -> dict[str, dict]:
    lines = (out / "sites.jsonl").read_text(encoding="utf-8").splitlines()
    return {r["site"]: r for r in map(json.loads, lines)}


def test_sites_jsonl_profiles_each_site_with_its_evidence(audited: Path) -> None:
    sites = _sites(audited)
    assert set(sites) == {
        "journal-rennais.example",
        "copies-auto.example",
        "miroir.example",
        "echo-vannes.example",
        "RT (republished)",  # the samples' metadata.json declares their publishers
        "Politico (republished)",
    }
    copier = sites["copies-auto.example"]
    assert copier["verdict"] == "republisher" and copier["score"] == 1.0
    signals = {s["signal"]: s for s in copier["signals"]}
    assert signals["copies"]["documents"] == 1 and signals["disclaimer"]["documents"] == 1
    assert copier["disclaimers"] == {"documents": 1, "share": 1.0}
    (source,) = copier["copies"]["from"]
    assert source["site"] == "journal-rennais.example"
    assert source["median_delay_seconds"] == 3 * 3600
    assert copier["first_seen"] == copier["last_seen"] == "2026-02-02T11:00:00+00:00"
    assert copier["languages"] == {"fr": 1}
    # A clean copy is still a copy, timed from the original (not from the first copy).
    mirror = sites["miroir.example"]
    assert mirror["verdict"] == "republisher" and mirror["copies"]["documents"] == 1
    assert mirror["copies"]["from"][0]["site"] == "journal-rennais.example"
    assert mirror["copies"]["from"][0]["median_delay_seconds"] == 2 * 86400
    outlet = sites["journal-rennais.example"]
    assert outlet["copies"]["documents"] == 0 and outlet["copied_by"] == 1
    assert outlet["verdict"] == "no strong signal"
    assert sites["echo-vannes.example"]["score"] < sites["copies-auto.example"]["score"]


def test_each_sample_site_is_a_republisher(audited: Path) -> None:
    sites = _sites(audited)
    for name in ("RT (republished)", "Politico (republished)"):
        assert sites[name]["verdict"] == "republisher", sites[name]
    assert sites["RT (republished)"]["documents"] == 4


def test_network_files_hold_the_copies_between_sites(audited: Path) -> None:
    graph = nx.read_graphml(audited / "network.graphml")
    assert graph.has_edge("journal-rennais.example", "copies-auto.example")
    assert graph.has_edge("journal-rennais.example", "miroir.example")
    assert not graph.has_edge("copies-auto.example", "journal-rennais.example")
    gexf = nx.read_gexf(audited / "network.gexf")
    assert set(gexf.edges) == set(graph.edges)
    assert set(gexf.nodes) == set(_sites(audited))
    data = json.loads((audited / "network.json").read_text(encoding="utf-8"))
    assert {n["id"] for n in data["nodes"]} == set(_sites(audited))


def test_report_shows_the_sites_with_their_evidence(audited: Path) -> None:
    html = (audited / "report.html").read_text(encoding="utf-8")
    html5lib.HTMLParser(strict=True).parse(html)
    section = html.split('<h2 id="sites">', 1)[1].split("<h2 ", 1)[0]
    assert "copies-auto.example" in section
    assert "copies 1/1 × 1.0 = +1.00" in section
    assert "disclaimer 1/1 × 1.0 = +1.00" in section
    assert "journal-rennais.example: 1, 3.0 h after" in section
    assert 'id="network"' in section
    # The drawing: every linked site labelled, one arrow per copying pair.
    svg = section.split('aria-label="network between sites"', 1)[1].split("</svg>", 1)[0]
    for site in ("journal-rennais.example", "copies-auto.example", "miroir.example"):
        assert f">{site}</text>" in svg
    assert svg.count("<line ") == 3  # rennais → copies-auto, rennais → miroir, copies-auto → miroir
