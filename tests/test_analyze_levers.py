"""The lever map: relations from PLOVER types, filters, outline, GraphML and JSON."""

from __future__ import annotations

import networkx as nx

from dossier.analyze import lever_map
from dossier.schema import validate
from test_analyze_records import (
    EUROPE,
    INDIA,
    PUTIN,
    RUSSIA,
    RUTTE,
    TRUMP,
    UKRAINE,
    USA,
    VANCE,
    article,
    date,
    event,
)

RECORDS = [
    event("a", "Vance said Washington could sanction Moscow if talks failed.", "SANCTION",
          [VANCE], [RUSSIA], date("2025-02-14"), factuality="conditional",
          condition="if talks failed", trigger="sanction"),
    event("a", "Vance pressed Europe to spend more on its armies.", "REQUEST", [VANCE],
          [EUROPE], date("2025-02-14"), trigger="pressed", start=70),
    event("a", "Rutte agreed that Europe must spend more.", "AGREE", [RUTTE], [USA],
          date("2025-02-14"), trigger="agreed", start=130),
    event("b", "Putin wants Kyiv to give up the eastern region.", "REQUEST", [PUTIN],
          [UKRAINE], date("2025-08-24", basis="publication"), trigger="wants"),
    event("b", "Washington added a tariff on India over its purchases of Russian oil.",
          "SANCTION", [USA], [INDIA], date("2025-08", "month"), trigger="tariff", start=60),
    event("b", "Trump spoke with Putin by phone.", "CONSULT", [TRUMP], [PUTIN],
          date("2025-02-12"), mode="phone", trigger="spoke", start=140),
]  # fmt: skip
ARTICLES = [article("a", "2025-02-14"), article("b", "2025-08-24")]


def test_relations_come_from_plover_types():
    levers = lever_map(RECORDS, articles=ARTICLES)
    relations = {
        (e["source"]["name"], e["relation"], e["target"]["name"], e["factuality"])
        for e in levers.edges
    }
    assert ("JD Vance", "sanctions", "Russia", "conditional") in relations
    assert ("JD Vance", "demands", "Europe", "asserted") in relations
    assert ("Mark Rutte", "agrees", "United States", "asserted") in relations
    assert ("Vladimir Putin", "demands", "Ukraine", "asserted") in relations
    assert ("United States", "sanctions", "India", "asserted") in relations
    assert levers.graph.number_of_edges() == len(levers.edges) == 6


def test_filters_by_period_actor_and_type():
    assert len(lever_map(RECORDS, since="2025-08", until="2025-08").edges) == 2
    assert {e["target"]["name"] for e in lever_map(RECORDS, actor="Vance").edges} == {
        "Russia",
        "Europe",
    }
    assert len(lever_map(RECORDS, type="SANCTION").edges) == 2
    assert len(lever_map(RECORDS, type="demands").edges) == 2
    # asking about Russia finds Putin too: a state stands for its people
    assert len(lever_map(RECORDS, actor="Russia").edges) == 3


def test_json_edges_validate_and_carry_evidence():
    for edge in lever_map(RECORDS, articles=ARTICLES).to_json():
        validate(edge)
        assert edge["evidence"] and edge["evidence"][0]["sentence"]


def test_graphml_round_trips_with_scalar_attributes(tmp_path):
    path = tmp_path / "levers.graphml"
    lever_map(RECORDS).write_graphml(path)
    graph = nx.read_graphml(path)
    assert graph.nodes["jd-vance"]["name"] == "JD Vance"
    relations = {d["relation"] for _, _, d in graph.edges(data=True)}
    assert {"sanctions", "demands", "agrees", "consults"} <= relations


def test_outline_reads_as_text():
    outline = lever_map(RECORDS).outline()
    assert "JD Vance\n  sanctions Russia (conditional: if talks failed) — 2025-02-14" in outline
    assert "Vladimir Putin\n  demands of Ukraine — 2025-08-24*" in outline
