"""The command line end to end: ingest, extract, query, export, schema, on both stores."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from dossier.cli import app
from dossier.schema import json_schema, validate

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
runner = CliRunner()


def invoke(*args: str, input: str | None = None):
    return runner.invoke(app, [str(a) for a in args], input=input, catch_exceptions=False)


def test_run_on_the_examples_reports_what_it_found(tmp_path):
    db = tmp_path / "ex.db"
    result = invoke("run", EXAMPLES, "--db", db)
    assert result.exit_code == 0, result.output
    assert "ingested 4 article(s)" in result.output
    assert str(db) in result.output
    assert "statements" in result.output and "events" in result.output
    assert "JD Vance" in invoke("actors", "--db", db).output or "Vance" in result.output


def test_seed_metadata_ingests_and_reruns_idempotently(db_url, shared_dir):
    seeds = shared_dir / "seeds" / "articles.jsonl"
    first = invoke("ingest", seeds, "--db", db_url)
    assert first.exit_code == 0, first.output
    assert "ingested 2 article(s)" in first.output
    again = invoke("ingest", seeds, "--db", db_url)
    assert "ingested 0 article(s)" in again.output and "2 exact duplicate(s)" in again.output
    rows = [
        json.loads(line)
        for line in invoke("articles", "--json", "--db", db_url).output.splitlines()
    ]
    assert {(r["id"], r["published"]) for r in rows} == {
        ("seed-2025-02-14", "2025-02-14"),
        ("seed-2025-08-24", "2025-08-24"),
    }
    assert all("\u00a0" not in r["text"] for r in rows)


def _bad_inputs(folder: Path) -> None:
    (folder / "good.txt").write_text(
        "Good article\n\nA minister spoke on Monday.", encoding="utf-8"
    )
    (folder / "binary.txt").write_bytes(b"\x00\x01\x02binary\x00")
    (folder / "empty.txt").write_text("", encoding="utf-8")
    (folder / "lines.jsonl").write_text(
        '{"id": "j1", "text": "A line that parses.", "date": "2025-03-02"}\n{"id": "j2", "text": \n',
        encoding="utf-8",
    )
    (folder / "baddate.jsonl").write_text(
        '{"id": "d1", "text": "Dated on a day that never was.", "date": "2025-02-30"}\n',
        encoding="utf-8",
    )
    (folder / "latin.txt").write_bytes(b"Caf\xe9 \x81\x8d\x8f\x90\x9d bytes that decode as nothing")
    (folder / "broken.html").write_text("<html><body><div>", encoding="utf-8")
    with open(folder / "huge.txt", "wb") as huge:
        huge.truncate(50_000_000)  # sparse: 50 MB on paper


def test_bad_input_is_named_and_the_rest_goes_on(db_url, tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    _bad_inputs(folder)
    result = runner.invoke(app, ["ingest", str(folder), "--db", db_url])
    assert result.exit_code == 1
    errors = [line for line in result.output.splitlines() if line.startswith("error:")]
    for name in (
        "binary.txt",
        "empty.txt",
        "lines.jsonl",
        "baddate.jsonl",
        "latin.txt",
        "broken.html",
        "huge.txt",
    ):
        assert any(name in line for line in errors), (name, result.output)
    assert "ingested 2 article(s)" in result.output  # good.txt and the good JSONL line
    assert "undated" in result.output  # good.txt carries no date
    assert len(errors) == 7, errors  # one line per bad input
    again = runner.invoke(app, ["ingest", str(folder), "--db", db_url])
    assert "ingested 0 article(s)" in again.output and "2 exact duplicate(s)" in again.output


def test_interrupted_ingest_keeps_what_was_stored_and_resumes(db_url, tmp_path, monkeypatch):
    from dossier.store.db import Store

    folder = tmp_path / "in"
    folder.mkdir()
    for n in range(3):
        (folder / f"2025-01-0{n + 1}_a{n}.txt").write_text(f"Title {n}\n\nBody number {n} here.")
    real_add = Store.add_article
    calls = {"n": 0}

    def add_then_interrupt(self, *args, **kwargs):
        calls["n"] += 1
        if calls["n"] == 2:
            raise KeyboardInterrupt
        return real_add(self, *args, **kwargs)

    monkeypatch.setattr(Store, "add_article", add_then_interrupt)
    interrupted = runner.invoke(app, ["ingest", str(folder), "--db", db_url])
    assert interrupted.exit_code == 130
    monkeypatch.setattr(Store, "add_article", real_add)
    resumed = invoke("ingest", folder, "--db", db_url)
    assert "ingested 2 article(s)" in resumed.output and "1 exact duplicate(s)" in resumed.output


@pytest.fixture(scope="module")
def example_db(tmp_path_factory):
    db = tmp_path_factory.mktemp("store") / "examples.db"
    assert invoke("run", EXAMPLES, "--db", db).exit_code == 0
    return db


@pytest.mark.parametrize("fmt", ["jsonl", "csv", "parquet"])
def test_export_writes_a_file_per_record_type(example_db, tmp_path, fmt):
    result = invoke("export", "--format", fmt, "--out", tmp_path, "--db", example_db)
    assert result.exit_code == 0, result.output
    names = {p.name for p in tmp_path.iterdir()}
    assert {f"articles.{fmt}", f"actors.{fmt}", f"mentions.{fmt}"} <= names


def test_every_exported_record_follows_the_schema(example_db, tmp_path):
    invoke("export", "--out", tmp_path, "--db", example_db)
    count = 0
    for path in tmp_path.glob("*.jsonl"):
        for line in path.read_text(encoding="utf-8").splitlines():
            validate(json.loads(line))
            count += 1
    assert count > 20


def test_schema_command_prints_a_valid_json_schema():
    from jsonschema import Draft202012Validator

    printed = json.loads(invoke("schema").output)
    Draft202012Validator.check_schema(printed)
    assert printed == json_schema()


def test_query_verbs_print_tables_and_json(example_db):
    for verb in ("articles", "actors", "quotes", "events", "timeline"):
        table = invoke(verb, "--db", example_db)
        assert table.exit_code == 0, (verb, table.output)
        lines = invoke(verb, "--json", "--db", example_db).output.splitlines()
        for line in lines:
            json.loads(line)


def test_extract_on_dask_workers_matches_in_process(tmp_path):
    one, two = tmp_path / "one.db", tmp_path / "two.db"
    for db in (one, two):
        invoke("ingest", EXAMPLES, "--db", db)
    assert invoke("extract", "--db", one).exit_code == 0
    result = invoke("extract", "--workers", "2", "--db", two)
    assert result.exit_code == 0, result.output
    dump = {db: invoke("export", "--out", tmp_path / db.stem, "--db", db) for db in (one, two)}
    assert all(r.exit_code == 0 for r in dump.values())
    for name in ("statements.jsonl", "events.jsonl", "mentions.jsonl"):
        left, right = (tmp_path / db.stem / name for db in (one, two))
        if left.exists():
            assert sorted(left.read_text().splitlines()) == sorted(right.read_text().splitlines())
    again = invoke("extract", "--db", two)
    assert "extracted 0 article(s)" in again.output


def test_the_seed_folder_ingests_through_its_manifest(db_url, shared_dir):
    result = invoke("ingest", shared_dir / "seeds", "--db", db_url)
    assert "ingested 2 article(s)" in result.output and "0 exact duplicate(s)" in result.output
    rows = [
        json.loads(line)
        for line in invoke("articles", "--json", "--db", db_url).output.splitlines()
    ]
    assert {r["source"] for r in rows} == {"Reuters", None}


def test_extract_on_an_existing_dask_scheduler(tmp_path):
    from dask.distributed import LocalCluster

    db = tmp_path / "sched.db"
    invoke("ingest", EXAMPLES / "2025-02-12_trump-putin-call.txt", "--db", db)
    with LocalCluster(
        n_workers=1, threads_per_worker=1, processes=True, dashboard_address=None
    ) as cluster:
        result = invoke("extract", "--scheduler", cluster.scheduler_address, "--db", db)
    assert result.exit_code == 0, result.output
    assert "extracted 1 article(s)" in result.output


def test_actors_json_after_the_seeds_gives_kind_country_and_dated_role(tmp_path, shared_dir):
    db = tmp_path / "seeds.db"
    assert invoke("run", shared_dir / "seeds" / "articles.jsonl", "--db", db).exit_code == 0
    actors = {
        a["name"]: a
        for a in map(json.loads, invoke("actors", "--json", "--db", db).output.splitlines())
    }
    vance = actors["JD Vance"]
    assert (vance["kind"], vance["country"]) == ("person", "USA")
    assert {(r["office"], r["date"]) for r in vance["roles"]} == {
        ("vice_president", "2025-02-14"),
        ("vice_president", "2025-08-24"),
    }
    rutte = actors["Mark Rutte"]
    assert (rutte["country"], rutte["roles"][0]["office"]) == ("IGO", "secretary_general")
    for name, kind in [("Russia", "state"), ("NATO", "igo"), ("Reuters", "media")]:
        assert actors[name]["kind"] == kind


def test_bench_prints_rates_and_the_ratio_to_bare_spacy():
    result = invoke("bench", EXAMPLES, "--limit", "2")
    assert result.exit_code == 0, result.output
    for label in ("articles/s", "tokens/s", "ratio dossier / bare spaCy", "peak RSS"):
        assert label in result.output
