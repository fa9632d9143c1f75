"""The store on SQLite and on a real PostgreSQL server: writes, idempotency, queries."""

from __future__ import annotations

import hashlib

import pytest
from sqlalchemy import inspect

from dossier.records import Article, DateValue, Entity, Event, Mention, Statement
from dossier.store import Store


def _article(article_id: str, text: str, published: str | None = "2025-03-01") -> Article:
    return Article(
        id=article_id,
        text=text,
        title=text.split("\n", 1)[0],
        published=published,
        published_precision="day" if published else None,
        sha256=hashlib.sha256(text.encode()).hexdigest(),
    )


TEXT = "Ministers meet in Oslo\n\nThe Norwegian minister said talks would resume in May."
OSLO = Entity(text="Norwegian minister", name="Norway", actor_id="NOR", country="NOR", kind="state")


def _records(article_id: str):
    sentence = TEXT.split("\n\n")[1]
    start = TEXT.index(sentence)
    date = DateValue("2025-05", "month", "in May")
    return [
        Mention(article_id, sentence, start + 4, start + 22, text="Norwegian minister", entity=OSLO),
        Statement(
            article_id, sentence, start, start + len(sentence), speaker=OSLO, cue="said",
            cue_lemma="say", content="talks would resume in May", kind="indirect", date=date,
        ),
        Event(
            article_id, sentence, start, start + len(sentence), actor=[OSLO], type="CONSULT",
            mode="visit", factuality="future", date=date, trigger="talks",
        ),
    ]  # fmt: skip


def test_migrations_create_every_table(db_url):
    store = Store(db_url)
    names = set(inspect(store.engine).get_table_names())
    assert {"articles", "actors", "mentions", "statements", "events", "timexes"} <= names
    assert {"extraction_runs", "record_actors", "sentences", "alembic_version"} <= names
    Store(db_url).close()  # re-opening an up-to-date store migrates nothing
    store.close()


def test_exact_duplicates_are_stored_once(db_url):
    store = Store(db_url)
    first = store.add_article(_article("one", TEXT), None, None)
    again = store.add_article(_article("other-id", TEXT), None, None)
    assert (first.status, again.status, again.article_id) == ("added", "duplicate", "one")
    assert store.count("articles") == 1


def test_a_taken_id_with_other_text_gets_a_fresh_id(db_url):
    store = Store(db_url)
    store.add_article(_article("same", TEXT), None, None)
    result = store.add_article(_article("same", TEXT + " More."), None, None)
    assert result.article_id == "same-2"


def test_near_duplicates_link_to_their_canonical_article(db_url):
    store = Store(db_url)
    store.add_article(_article("wire", TEXT), b"sig", None)
    store.add_article(_article("copy", TEXT + " (Reporting by staff)"), b"sig2", "wire")
    [copy] = store.articles(ids=["copy"])
    assert copy.canonical_id == "wire"
    assert [a for a, _ in store.minhashes()] == ["wire"]


def test_save_extraction_replaces_records_and_is_idempotent(db_url):
    store = Store(db_url)
    store.add_article(_article("a1", TEXT), None, None)
    run = store.start_run("v1")
    for _ in range(2):
        store.save_extraction("a1", _records("a1"), "v1", run)
    store.finish_run(run, 1)
    assert (store.count("statements"), store.count("events"), store.count("mentions")) == (1, 1, 1)
    assert store.count("actors") == 1
    assert store.articles(pending_version="v1") == []
    assert [a.id for a in store.articles(pending_version="v2")] == ["a1"]


def test_a_failed_write_leaves_the_earlier_records(db_url):
    store = Store(db_url)
    store.add_article(_article("a1", TEXT), None, None)
    run = store.start_run("v1")
    store.save_extraction("a1", _records("a1"), "v1", run)
    broken = _records("a1")
    broken[1].record_type = "no-such-type"  # fails mid-transaction, after the deletes
    with pytest.raises(KeyError):
        store.save_extraction("a1", broken, "v2", run)
    assert store.count("statements") == 1
    assert store.articles(pending_version="v1") == []


def test_record_queries_filter_by_actor_type_and_date(db_url):
    store = Store(db_url)
    store.add_article(_article("a1", TEXT), None, None)
    store.save_extraction("a1", _records("a1"), "v1", store.start_run("v1"))
    assert store.actor_ids("norw") == ["NOR"]
    assert len(store.records("event", actor_ids=["NOR"], event_type="consult")) == 1
    assert store.records("event", actor_ids=["RUS"]) == []
    assert len(store.records("statement", since="2025-05", until="2025-05")) == 1
    assert store.records("statement", until="2025-04") == []
    [event] = store.records("event")
    assert event["actor"][0]["country"] == "NOR" and event["record_type"] == "event"
    assert store.actors()[0]["records"] == 3


def test_articles_filter_by_publication_date(db_url):
    store = Store(db_url)
    store.add_article(_article("old", "Old news here.", "2024-01-05"), None, None)
    store.add_article(_article("new", "New news here.", "2025-06-01"), None, None)
    store.add_article(_article("undated", "No date here.", None), None, None)
    assert [a.id for a in store.articles(since="2025")] == ["new"]
    assert [a.id for a in store.articles(until="2024-01")] == ["old"]
