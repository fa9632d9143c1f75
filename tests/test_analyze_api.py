"""The story analysis through the Dossier API and the CLI, on SQLite and PostgreSQL."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from dossier.api import Dossier
from dossier.cli import app
from dossier.records import Article
from dossier.schema import validate
from test_analyze_records import (
    EUROPE,
    PUTIN,
    RUSSIA,
    TRUMP,
    UKRAINE,
    USA,
    VANCE,
    date,
    event_record,
    statement_record,
)

ARTICLES = {
    "feb": Article(id="feb", text="(feb)", published="2025-02-14", source="Wire", sha256="1"),
    "feb-copy": Article(id="feb-copy", text="(copy)", published="2025-02-14", sha256="2"),
    "aug": Article(id="aug", text="(aug)", published="2025-08-24", source="Daily", sha256="3"),
}
RECORDS = {
    "feb": [
        statement_record("feb", "Back in 2022 he said Ukraine was none of his concern.", VANCE,
                         "Honestly I don't care what becomes of Ukraine either way",
                         date("2022", "year")),
        statement_record("feb", "Vance said Washington cares about Ukraine.", VANCE,
                         "we really do care that Ukraine stays a sovereign, independent country",
                         date("2025-02-14"), start=100),
        event_record("feb", "Vance said Washington could sanction Moscow if talks failed.",
                     "SANCTION", [VANCE], [RUSSIA], date("2025-02-14"), factuality="conditional",
                     condition="if talks failed", trigger="sanction", start=200),
        event_record("feb", "Vance pressed Europe to spend more on defence.", "REQUEST", [VANCE],
                     [EUROPE], date("2025-02-14"), trigger="pressed", start=300),
        event_record("feb", "Trump phoned Putin on Wednesday.", "CONSULT", [TRUMP], [PUTIN],
                     date("2025-02-12"), mode="phone", trigger="phoned", start=400),
    ],
    "feb-copy": [
        event_record("feb-copy", "Trump phoned Putin on Wednesday.", "CONSULT", [TRUMP],
                     [PUTIN], date("2025-02-12"), mode="phone", trigger="phoned"),
    ],
    "aug": [
        event_record("aug", "Trump threatened Moscow with sanctions within two weeks.",
                     "THREATEN", [TRUMP], [RUSSIA], date("2025-08-22"), trigger="threatened"),
        event_record("aug", "Russia began its invasion of Ukraine in February 2022.", "ASSAULT",
                     [RUSSIA], [UKRAINE], date("2022-02", "month"), factuality="historical",
                     trigger="invasion", start=100),
        event_record("aug", "Vance said Russia had conceded ground to Washington.", "CONCEDE",
                     [RUSSIA], [USA], date("2025-08-24", basis="publication"), claimant=VANCE,
                     trigger="conceded", start=200),
    ],
}  # fmt: skip


@pytest.fixture
def store_db(db_url):
    with Dossier(db_url) as dossier:
        run = dossier.store.start_run("test")
        for article_id, article in ARTICLES.items():
            canonical = "feb" if article_id == "feb-copy" else None
            dossier.store.add_article(article, None, canonical)
            dossier.store.save_extraction(article_id, RECORDS[article_id], "test", run)
    return db_url


def test_api_timeline_story_events_shifts_and_map(store_db):
    with Dossier(store_db) as dossier:
        assert len(dossier.timeline()) == 9
        assert len(dossier.timeline(dyad=("Trump", "Russia"))) == 3
        assert len(dossier.timeline(actor="Vance", since="2025-08")) == 1
        call = dossier.story_events(type="CONSULT")[0]
        assert (call["num_mentions"], call["num_articles"], len(call["mentions"])) == (1, 1, 2)
        by_issue = {(s["actor"]["name"], s["issue"]["name"]) for s in dossier.shifts()}
        assert {
            ("JD Vance", "Ukraine"),
            ("JD Vance", "Russia"),
            ("Donald Trump", "Russia"),
        } <= by_issue
        assert [s["issue"]["name"] for s in dossier.shifts("Trump")] == ["Russia"]
        levers = dossier.map(actor="Vance")
        assert {e["relation"] for e in levers.to_json()} == {"sanctions", "demands"}
        text = dossier.story(title="Test story")
        assert "## Positions and shifts" in text and "**Donald Trump on Russia**" in text


def test_export_includes_story_events_shifts_and_edges(store_db, tmp_path):
    with Dossier(store_db) as dossier:
        paths = dossier.export(tmp_path)
    for record_type in ("story_event", "shift", "edge"):
        lines = paths[record_type].read_text(encoding="utf-8").splitlines()
        assert lines, record_type
        for line in lines:
            validate(json.loads(line))


def _invoke(*args):
    result = CliRunner().invoke(app, [str(a) for a in args])
    assert result.exit_code == 0, result.output
    return result.output


def test_cli_verbs_print_text_and_json_lines(store_db, tmp_path):
    assert "Donald Trump" in _invoke("timeline", "--dyad", "Trump", "Russia", "--db", store_db)
    vance = _invoke("shifts", "--actor", "Vance", "--json", "--db", store_db).splitlines()
    assert {json.loads(line)["degree"] for line in vance} == {"full flop"}
    assert "JD Vance\n  sanctions Russia" in _invoke("map", "--db", store_db)
    for verb in ("timeline", "shifts", "map", "story"):
        records = [
            json.loads(line) for line in _invoke(verb, "--json", "--db", store_db).splitlines()
        ]
        assert records, verb
        for record in records:
            if record["record_type"] in ("story_event", "shift", "edge"):
                validate(record)
    graphml, markdown = tmp_path / "levers.graphml", tmp_path / "story.md"
    _invoke("map", "--graphml", graphml, "--db", store_db)
    _invoke("story", "--out", markdown, "--db", store_db)
    assert graphml.read_text(encoding="utf-8").startswith("<?xml")
    assert markdown.read_text(encoding="utf-8").startswith("# The story")
