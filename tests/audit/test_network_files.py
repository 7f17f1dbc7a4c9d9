"""The site network's GraphML, GEXF and JSON files, read back with networkx (what Gephi,
Cytoscape and investigators' scripts would read): nodes, edges, weights and attributes."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import networkx as nx
import pytest

from newsdesk.audit.network import site_edges, site_links
from newsdesk.audit.network_files import write_network
from newsdesk.audit.site_docs import SiteDoc
from newsdesk.audit.sites import site_profiles
from newsdesk.types import Link, LinkType

T0 = datetime(2026, 3, 2, 8, 0, tzinfo=UTC)
# Names that XML must escape, and one that is not ASCII.
ORIGIN = 'Le "Monde" & <Co>'
MIRROR = "miroir-actualités.example"
OTHER = "other.example"


def _doc(site: str, i: int, at: timedelta | None, language: str = "fr") -> SiteDoc:
    return SiteDoc(
        id=f"{site}-{i}",
        name=f"https://x/{site}/{i}",
        site=site,
        language=language,
        published=T0 + at if at is not None else None,
        classes=frozenset({"boilerplate"}) if site == MIRROR else frozenset(),
    )


@pytest.fixture(scope="module")
def network(tmp_path_factory: pytest.TempPathFactory) -> Path:
    origin = [_doc(ORIGIN, i, timedelta(days=i), "en") for i in range(3)]
    mirror = [_doc(MIRROR, i, timedelta(days=i, hours=6)) for i in range(3)]
    other = [_doc(OTHER, 0, timedelta(days=9)), _doc(OTHER, 1, None)]
    lonely = [_doc("lonely.example", 0, timedelta(days=1))]
    links = [
        Link(o.id, m.id, LinkType.TRANSLATION_OF, 0.9, True)
        for o, m in zip(origin[:2], mirror[:2], strict=True)
    ]
    links.append(Link(origin[2].id, mirror[2].id, LinkType.NEAR_COPY, 0.8, True))
    links.append(Link(mirror[0].id, other[0].id, LinkType.DUPLICATE, 1.0, True))
    # Undated on both sides and no other link between the two sites: direction unknown.
    lonely_undated = _doc("lonely.example", 1, None)
    links.append(Link(other[1].id, lonely_undated.id, LinkType.DUPLICATE, 1.0, False))
    docs = {d.id: d for d in [*origin, *mirror, *other, *lonely, lonely_undated]}
    oriented = site_links(links, docs)
    out = tmp_path_factory.mktemp("network")
    write_network(out, site_profiles(docs.values(), oriented), site_edges(oriented))
    return out


@pytest.mark.parametrize("name", ["network.graphml", "network.gexf"])
def test_graph_files_load_in_networkx_with_nodes_edges_and_weights(
    network: Path, name: str
) -> None:
    path = network / name
    graph = nx.read_graphml(path) if name.endswith("graphml") else nx.read_gexf(path)
    assert graph.is_directed()
    assert set(graph.nodes) == {ORIGIN, MIRROR, OTHER, "lonely.example"}
    # Only oriented edges: the undated duplicate between other and lonely is not asserted.
    assert set(graph.edges) == {(ORIGIN, MIRROR), (MIRROR, OTHER)}
    edge = graph.edges[ORIGIN, MIRROR]
    assert edge["weight"] == 3
    assert edge["translation_of"] == 2 and edge["near_copy"] == 1 and edge["duplicate"] == 0
    assert edge["median_delay_hours"] == pytest.approx(6.0)
    assert graph.edges[MIRROR, OTHER]["weight"] == 1
    node = graph.nodes[MIRROR]
    assert node["documents"] == 3 and node["copies"] == 3
    assert node["verdict"] == "republisher" and node["score"] == pytest.approx(1.0)
    assert graph.nodes[ORIGIN]["label"] == ORIGIN
    assert graph.nodes[ORIGIN]["languages"] == "en"


def test_json_holds_every_edge_with_its_orientation(network: Path) -> None:
    data = json.loads((network / "network.json").read_text(encoding="utf-8"))
    assert {n["id"] for n in data["nodes"]} == {ORIGIN, MIRROR, OTHER, "lonely.example"}
    edges = {(e["source"], e["target"]): e for e in data["edges"]}
    assert edges[(ORIGIN, MIRROR)]["counts"] == {"near-copy": 1, "translation-of": 2}
    assert edges[(ORIGIN, MIRROR)]["median_delay_seconds"] == 6 * 3600
    assert edges[(ORIGIN, MIRROR)]["oriented"] is True
    assert len(edges[(ORIGIN, MIRROR)]["examples"]) == 3
    unknown = [e for e in data["edges"] if not e["oriented"]]
    assert len(unknown) == 1 and unknown[0]["median_delay_seconds"] is None
    assert {unknown[0]["source"], unknown[0]["target"]} == {OTHER, "lonely.example"}
