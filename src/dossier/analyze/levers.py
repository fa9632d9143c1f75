"""The lever map: who presses, pays, threatens or courts whom, as a networkx graph.

Nodes are actors; each edge is one story event (every report of one happening)
from one of its actors to one of its recipients, labelled with a relation read
from its PLOVER type (``data/relations.yaml``), and carrying its date, factuality
and evidence. Exports: a text outline, GraphML (scalar attributes only) and JSON
``edge`` records.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import networkx as nx

from dossier.analyze import dates
from dossier.analyze.actors import ActorQuery, directed_pairs, display_name, entity_key
from dossier.analyze.clusters import story_events
from dossier.analyze.lexicon import load
from dossier.records import record_id

#: How an edge's factuality reads in the outline; asserted and historical read plainly.
FACTUALITY_NOTES = {
    "negated": "did not",
    "hypothetical": "might",
    "conditional": "conditional",
    "future": "planned",
}


@dataclass
class LeverMap:
    """The graph and the ``edge`` records it was built from."""

    graph: nx.MultiDiGraph
    edges: list[dict]

    def to_json(self) -> list[dict]:
        return list(self.edges)

    def write_graphml(self, path: str | Path) -> None:
        nx.write_graphml(self.graph, str(path))

    def outline(self) -> str:
        """The map as indented text: each actor, then what it does to whom."""
        if not self.edges:
            return "(no relations between actors)"
        lines = [f"{self.graph.number_of_nodes()} actors, {len(self.edges)} relations"]
        by_source: dict[str, list[dict]] = {}
        for edge in self.edges:
            by_source.setdefault(display_name(edge["source"]), []).append(edge)
        for source in sorted(by_source):
            lines.append(source)
            lines += [f"  {edge_line(edge)}" for edge in by_source[source]]
        return "\n".join(lines)


def relation(event_type: str | None) -> dict:
    relations = load("relations")["relations"]
    return relations.get(event_type or "", {"relation": "acts on", "phrase": "acts on"})


def edge_line(edge: dict) -> str:
    """An edge in words, as in: threatens Russia (conditional: if …) — 2025-02-14, …"""
    note = FACTUALITY_NOTES.get(edge["factuality"])
    if edge.get("condition"):
        note = f"{note or 'if'}: {edge['condition']}"
    what = f"{relation(edge['type'])['phrase']} {display_name(edge['target'])}"
    if edge.get("mode"):
        what += f" [{edge['mode']}]"
    reports = f"{edge['num_mentions']} report(s) in {edge['num_articles']} article(s)"
    return f"{what}{f' ({note})' if note else ''} — {dates.label(edge['date'])}, {reports}"


def lever_map(
    records: Iterable[dict],
    *,
    articles: Iterable[dict] = (),
    since: str | None = None,
    until: str | None = None,
    actor: str | None = None,
    type: str | None = None,
) -> LeverMap:
    """The lever map of the events in ``records``; ``type`` is a PLOVER type or a relation."""
    records = [r for r in records if r.get("record_type") == "event"]
    stories = [s for s in story_events(records, articles) if directed_pairs(s)]
    stories = [s for s in stories if dates.in_range(s["date"], since, until)]
    if type:
        stories = [
            s
            for s in stories
            if type.upper() == s["type"] or type == relation(s["type"])["relation"]
        ]
    if actor:
        query = ActorQuery.resolve(actor, records)
        stories = [s for s in stories if query.any(s["actor"] + s["recipient"])]
    edges = [edge for story in stories for edge in story_edges(story)]
    return LeverMap(build_graph(edges), edges)


def story_edges(story: dict) -> list[dict]:
    """One ``edge`` record per (actor, recipient) pair of a story event."""
    return [
        {
            "record_type": "edge",
            "id": record_id("edge", story["id"], entity_key(source), entity_key(target)),
            "article_id": story["article_id"],
            "sentence": story["sentence"],
            "start": story["start"],
            "end": story["end"],
            "source": source,
            "target": target,
            "relation": relation(story["type"])["relation"],
            "type": story["type"],
            "mode": story["mode"],
            "contexts": story["contexts"],
            "factuality": story["factuality"],
            "condition": story["condition"],
            "date": story["date"],
            "story_event_id": story["id"],
            "evidence": [
                {key: m[key] for key in ("record_id", "article_id", "sentence", "start", "end")}
                for m in story["mentions"]
            ],
            "num_mentions": story["num_mentions"],
            "num_articles": story["num_articles"],
        }
        for source, target in directed_pairs(story)
        if entity_key(source) != entity_key(target)
    ]


def build_graph(edges: list[dict]) -> nx.MultiDiGraph:
    """A MultiDiGraph keyed by actor; attributes are scalars so GraphML can hold them."""
    graph = nx.MultiDiGraph()
    for edge in edges:
        for entity in (edge["source"], edge["target"]):
            graph.add_node(entity_key(entity), **_node_attributes(entity))
        graph.add_edge(
            entity_key(edge["source"]),
            entity_key(edge["target"]),
            key=edge["id"],
            **_edge_attributes(edge),
        )
    return graph


def _node_attributes(entity: dict) -> dict:
    return {
        "name": display_name(entity),
        "kind": entity.get("kind") or "unknown",
        "country": entity.get("country") or "",
    }


def _edge_attributes(edge: dict) -> dict:
    date = edge["date"] or {}
    evidence = edge["evidence"][0] if edge["evidence"] else {}
    return {
        "relation": edge["relation"],
        "type": edge["type"] or "",
        "mode": edge["mode"] or "",
        "contexts": ", ".join(edge["contexts"]),
        "factuality": edge["factuality"],
        "condition": edge["condition"] or "",
        "date": date.get("value") or "",
        "date_granularity": date.get("granularity") or "",
        "date_basis": date.get("basis") or "",
        "evidence": evidence.get("sentence") or "",
        "evidence_article": evidence.get("article_id") or "",
        "num_mentions": edge["num_mentions"],
        "num_articles": edge["num_articles"],
        "story_event": edge["story_event_id"],
    }
