"""The SQLAlchemy schema: articles, actors, extracted records and extraction runs.

Each extracted record is stored whole as its published JSON (``data``) beside the
columns queries filter on, so the exported shape and the stored one never drift.
``record_actors`` links records to the actors they name (speaker, actor, recipient)
so that "everything Vance did" is an indexed lookup.
"""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    Column,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
)

metadata = MetaData()

extraction_runs = Table(
    "extraction_runs",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("pipeline_version", String(400), nullable=False),
    Column("started_at", DateTime(timezone=True), nullable=False),
    Column("finished_at", DateTime(timezone=True)),
    Column("articles", Integer, nullable=False, default=0),
)

articles = Table(
    "articles",
    metadata,
    Column("id", String(200), primary_key=True),
    Column("source", String(300)),
    Column("url", Text),
    Column("title", Text),
    Column("published", String(40), index=True),
    Column("published_precision", String(10)),
    Column("text", Text, nullable=False),
    Column("sha256", String(64), nullable=False, unique=True),
    Column("path", Text),
    Column("ingested_at", DateTime(timezone=True), nullable=False),
    Column("canonical_id", String(200), ForeignKey("articles.id"), index=True),
    Column("minhash", LargeBinary),
    Column("extraction_run_id", Integer, ForeignKey("extraction_runs.id"), index=True),
    Column("pipeline_version", String(400)),
)

actors = Table(
    "actors",
    metadata,
    Column("id", String(200), primary_key=True),
    Column("name", String(300), nullable=False, index=True),
    Column("kind", String(40)),
    Column("country", String(10), index=True),
    Column("sector", String(10)),
    Column("data", JSON, nullable=False),
)


def _article_id() -> Column:
    """The article a row belongs to; deleting the article deletes the row."""
    return Column(
        "article_id",
        String(200),
        ForeignKey("articles.id", ondelete="CASCADE"),
        nullable=False,
        index=True,
    )


def _record_table(name: str, *extra: Column) -> Table:
    return Table(
        name,
        metadata,
        Column("id", String(40), primary_key=True),
        _article_id(),
        Column("start", Integer, nullable=False),
        Column("end", Integer, nullable=False),
        *extra,
        Column("data", JSON, nullable=False),
    )


sentences = _record_table("sentences")
timexes = _record_table("timexes", Column("value", String(60)), Column("type", String(12)))
mentions = _record_table("mentions", Column("actor_id", String(200), index=True))
statements = _record_table(
    "statements", Column("date_value", String(40), index=True), Column("speaker_id", String(200))
)
events = _record_table(
    "events",
    Column("date_value", String(40), index=True),
    Column("type", String(20), index=True),
)

record_actors = Table(
    "record_actors",
    metadata,
    Column("record_id", String(40), primary_key=True),
    Column("actor_id", String(200), primary_key=True),
    Column("role", String(20), primary_key=True),
    _article_id(),
    Index("ix_record_actors_actor", "actor_id"),
)

#: record_type -> table holding it
RECORD_TABLES = {
    "sentence": sentences,
    "timex": timexes,
    "mention": mentions,
    "statement": statements,
    "event": events,
}
