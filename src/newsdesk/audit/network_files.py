"""The site network as files the investigators' tools open: GraphML (networkx, Cytoscape,
yEd), GEXF 1.2 (Gephi, networkx) and JSON. Written with the standard library: the formats are
small, and reading them back with networkx is what the tests do.

Nodes are sites (every audited site, linked or not, so that a tool can colour the isolated ones
by score too); edges go from the original site to the copying one. A directed graph file
cannot hold a copy whose direction is unknown without asserting one, so unoriented site links
are in network.json only (`"oriented": false`).
"""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from newsdesk.audit.network import COPY_TYPES, SiteEdge
from newsdesk.audit.sites import SiteProfile

# (attribute name, GraphML type, GEXF type)
NODE_ATTRIBUTES = (
    ("label", "string", "string"),
    ("documents", "int", "integer"),
    ("score", "double", "double"),
    ("verdict", "string", "string"),
    ("copies", "int", "integer"),
    ("languages", "string", "string"),
)
EDGE_ATTRIBUTES = (
    ("weight", "int", "integer"),
    *((t.replace("-", "_"), "int", "integer") for t in COPY_TYPES),
    ("median_delay_hours", "double", "double"),
    ("delays", "int", "integer"),
)
GRAPHML_NS = "http://graphml.graphdrawing.org/xmlns"
GEXF_NS = "http://www.gexf.net/1.2draft"


def _node_values(p: SiteProfile) -> dict[str, object]:
    return {
        "label": p.site,
        "documents": p.documents,
        "score": p.score,
        "verdict": p.verdict,
        "copies": p.copies,
        "languages": ",".join(lang for lang, _ in p.languages),
    }


def _edge_values(e: SiteEdge) -> dict[str, object]:
    values: dict[str, object] = {"weight": e.weight, "delays": e.delays}
    counts = dict(e.counts)
    for t in COPY_TYPES:
        values[t.replace("-", "_")] = counts.get(t, 0)
    if e.median_delay is not None:
        values["median_delay_hours"] = round(e.median_delay.total_seconds() / 3600, 4)
    return values


def _text(value: object) -> str:
    return str(value).lower() if isinstance(value, bool) else str(value)


def _write(root: ET.Element, path: Path) -> None:
    ET.indent(root)
    ET.ElementTree(root).write(path, encoding="utf-8", xml_declaration=True)


def write_graphml(path: Path, profiles: Sequence[SiteProfile], edges: Sequence[SiteEdge]) -> None:
    root = ET.Element("graphml", xmlns=GRAPHML_NS)
    for scope, attributes in (("node", NODE_ATTRIBUTES), ("edge", EDGE_ATTRIBUTES)):
        for name, kind, _ in attributes:
            ET.SubElement(
                root,
                "key",
                {"id": f"{scope}_{name}", "for": scope, "attr.name": name, "attr.type": kind},
            )
    graph = ET.SubElement(root, "graph", id="sites", edgedefault="directed")
    for p in profiles:
        node = ET.SubElement(graph, "node", id=p.site)
        for name, value in _node_values(p).items():
            ET.SubElement(node, "data", key=f"node_{name}").text = _text(value)
    for i, e in enumerate(x for x in edges if x.oriented):
        edge = ET.SubElement(graph, "edge", id=f"e{i}", source=e.source, target=e.target)
        for name, value in _edge_values(e).items():
            ET.SubElement(edge, "data", key=f"edge_{name}").text = _text(value)
    _write(root, path)


def write_gexf(path: Path, profiles: Sequence[SiteProfile], edges: Sequence[SiteEdge]) -> None:
    root = ET.Element("gexf", xmlns=GEXF_NS, version="1.2")
    meta = ET.SubElement(root, "meta")
    ET.SubElement(meta, "creator").text = "newsdesk audit"
    ET.SubElement(
        meta, "description"
    ).text = "Sites; edges from the original site to the site that copied or translated it."
    graph = ET.SubElement(root, "graph", defaultedgetype="directed", mode="static")
    node_attrs = [a for a in NODE_ATTRIBUTES if a[0] != "label"]  # GEXF has its own label
    edge_attrs = [a for a in EDGE_ATTRIBUTES if a[0] != "weight"]  # and its own weight
    for scope, attributes in (("node", node_attrs), ("edge", edge_attrs)):
        block = ET.SubElement(graph, "attributes", {"class": scope})
        for name, _, kind in attributes:
            ET.SubElement(block, "attribute", id=name, title=name, type=kind)
    nodes = ET.SubElement(graph, "nodes")
    for p in profiles:
        node = ET.SubElement(nodes, "node", id=p.site, label=p.site)
        values = ET.SubElement(node, "attvalues")
        for name, value in _node_values(p).items():
            if name != "label":
                ET.SubElement(values, "attvalue", {"for": name, "value": _text(value)})
    edges_el = ET.SubElement(graph, "edges")
    for i, e in enumerate(x for x in edges if x.oriented):
        edge = ET.SubElement(
            edges_el, "edge", id=str(i), source=e.source, target=e.target, weight=str(e.weight)
        )
        values = ET.SubElement(edge, "attvalues")
        for name, value in _edge_values(e).items():
            if name != "weight":
                ET.SubElement(values, "attvalue", {"for": name, "value": _text(value)})
    _write(root, path)


def network_record(profiles: Sequence[SiteProfile], edges: Sequence[SiteEdge]) -> dict[str, Any]:
    return {
        "nodes": [
            {
                "id": p.site,
                "documents": p.documents,
                "score": p.score,
                "verdict": p.verdict,
                "copies": p.copies,
                "languages": dict(p.languages),
            }
            for p in profiles
        ],
        "edges": [
            {
                "source": e.source,
                "target": e.target,
                "weight": e.weight,
                "counts": dict(e.counts),
                "median_delay_seconds": (
                    round(e.median_delay.total_seconds()) if e.median_delay is not None else None
                ),
                "delays": e.delays,
                "oriented": e.oriented,
                "examples": [list(pair) for pair in e.examples],
            }
            for e in edges
        ],
    }


def write_network(out: Path, profiles: Sequence[SiteProfile], edges: Sequence[SiteEdge]) -> None:
    """network.json, network.graphml and network.gexf in `out`."""
    (out / "network.json").write_text(
        json.dumps(network_record(profiles, edges), ensure_ascii=False, separators=(",", ":"))
        + "\n",
        encoding="utf-8",
    )
    write_graphml(out / "network.graphml", profiles, edges)
    write_gexf(out / "network.gexf", profiles, edges)
