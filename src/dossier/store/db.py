"""The store: one SQLAlchemy engine over SQLite (WAL, the default) or PostgreSQL.

Every write is one transaction: an article is stored whole or not at all, and an
article's extracted records are replaced together with the pipeline version that
made them, so an interrupted run leaves a consistent store that a re-run resumes.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, create_engine, delete, event, func, insert, or_, select, update
from sqlalchemy.engine import Connection

from dossier.records import Article, Entity, Record
from dossier.store import tables as t

DEFAULT_DB = "dossier.db"


def database_url(db: str | None = None) -> str:
    """``--db`` / ``DOSSIER_DB`` as an SQLAlchemy URL: a URL as given, else a SQLite path."""
    db = db or os.environ.get("DOSSIER_DB") or DEFAULT_DB
    if "://" in db:
        return db
    return f"sqlite:///{Path(db).expanduser().resolve()}"


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def make_engine(url: str) -> Engine:
    engine = create_engine(url, future=True)
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
    return engine


def migrate(engine: Engine) -> None:
    """Bring the schema to the newest Alembic revision (a no-op when it is there)."""
    config = Config()
    config.set_main_option("script_location", str(resources.files("dossier.store") / "migrations"))
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "head")


@dataclass
class AddResult:
    status: str  # added, duplicate, near-duplicate
    article_id: str
    canonical_id: str | None = None


class Store:
    """Articles and records in one database; see :func:`database_url` for where."""

    def __init__(self, db: str | None = None):
        self.url = database_url(db)
        self.engine = make_engine(self.url)
        migrate(self.engine)

    @property
    def location(self) -> str:
        return self.engine.url.render_as_string(hide_password=True)

    def close(self) -> None:
        self.engine.dispose()

    # -- articles ---------------------------------------------------------------------

    def add_article(
        self, article: Article, minhash: bytes | None, canonical_id: str | None
    ) -> AddResult:
        """Store one article unless its normalised text is already stored (by sha256)."""
        with self.engine.begin() as conn:
            existing = conn.execute(
                select(t.articles.c.id).where(t.articles.c.sha256 == article.sha256)
            ).scalar()
            if existing is not None:
                return AddResult("duplicate", existing)
            article_id = _free_id(conn, article.id)
            conn.execute(
                insert(t.articles).values(
                    id=article_id,
                    source=article.source,
                    url=article.url,
                    title=article.title,
                    published=article.published,
                    published_precision=article.published_precision,
                    text=article.text,
                    sha256=article.sha256,
                    path=article.path,
                    ingested_at=dt.datetime.now(dt.UTC),
                    canonical_id=canonical_id,
                    minhash=minhash,
                )
            )
        status = "near-duplicate" if canonical_id else "added"
        return AddResult(status, article_id, canonical_id)

    def minhashes(self) -> Iterator[tuple[str, bytes]]:
        """(article id, MinHash signature) of every canonical article, to rebuild the LSH index."""
        query = select(t.articles.c.id, t.articles.c.minhash).where(
            t.articles.c.minhash.is_not(None), t.articles.c.canonical_id.is_(None)
        )
        with self.engine.connect() as conn:
            yield from ((article_id, signature) for article_id, signature in conn.execute(query))

    def articles(
        self,
        *,
        ids: Iterable[str] | None = None,
        since: str | None = None,
        until: str | None = None,
        source: str | None = None,
        pending_version: str | None = None,
        limit: int | None = None,
    ) -> list[Article]:
        query = select(t.articles).order_by(t.articles.c.published, t.articles.c.id)
        if ids is not None:
            query = query.where(t.articles.c.id.in_(list(ids)))
        if since:
            query = query.where(t.articles.c.published >= since)
        if until:
            query = query.where(t.articles.c.published <= _until_bound(until))
        if source:
            query = query.where(func.lower(t.articles.c.source) == source.lower())
        if pending_version is not None:
            query = query.where(
                or_(
                    t.articles.c.pipeline_version.is_(None),
                    t.articles.c.pipeline_version != pending_version,
                )
            )
        if limit:
            query = query.limit(limit)
        with self.engine.connect() as conn:
            return [_article(row) for row in conn.execute(query).mappings()]

    def count(self, table_name: str) -> int:
        table = t.metadata.tables[table_name]
        with self.engine.connect() as conn:
            return conn.execute(select(func.count()).select_from(table)).scalar_one()

    # -- extraction -------------------------------------------------------------------

    def start_run(self, pipeline_version: str) -> int:
        with self.engine.begin() as conn:
            result = conn.execute(
                insert(t.extraction_runs).values(
                    pipeline_version=pipeline_version,
                    started_at=dt.datetime.now(dt.UTC),
                    articles=0,
                )
            )
            return result.inserted_primary_key[0]

    def finish_run(self, run_id: int, n_articles: int) -> None:
        with self.engine.begin() as conn:
            conn.execute(
                update(t.extraction_runs)
                .where(t.extraction_runs.c.id == run_id)
                .values(finished_at=dt.datetime.now(dt.UTC), articles=n_articles)
            )

    def save_extraction(
        self,
        article_id: str,
        records: list[Record],
        pipeline_version: str,
        run_id: int,
    ) -> None:
        """Replace an article's records with ``records`` and mark it done, in one transaction."""
        with self.engine.begin() as conn:
            for table in (*t.RECORD_TABLES.values(), t.record_actors):
                conn.execute(delete(table).where(table.c.article_id == article_id))
            rows_by_table: dict[str, list[dict]] = {}
            links: dict[tuple, dict] = {}
            seen: dict[str, Entity] = {}
            for record in records:
                data = record.to_json()
                table = t.RECORD_TABLES[record.record_type]
                rows_by_table.setdefault(table.name, []).append(_record_row(record, data))
                for role, entity in _entities(record):
                    if entity.actor_id:
                        key = (record.id, entity.actor_id, role)
                        links[key] = dict(
                            record_id=record.id,
                            actor_id=entity.actor_id,
                            role=role,
                            article_id=article_id,
                        )
                        if entity.role or entity.actor_id not in seen:
                            seen[entity.actor_id] = entity
            published = conn.execute(
                select(t.articles.c.published).where(t.articles.c.id == article_id)
            ).scalar()
            for entity in seen.values():
                _upsert_actor(conn, entity, article_id, published)
            for name, rows in rows_by_table.items():
                _insert_unique(conn, t.metadata.tables[name], rows)
            if links:
                conn.execute(insert(t.record_actors), list(links.values()))
            conn.execute(
                update(t.articles)
                .where(t.articles.c.id == article_id)
                .values(pipeline_version=pipeline_version, extraction_run_id=run_id)
            )

    # -- queries ----------------------------------------------------------------------

    def records(
        self,
        record_type: str,
        *,
        actor_ids: Iterable[str] | None = None,
        role: str | None = None,
        since: str | None = None,
        until: str | None = None,
        event_type: str | None = None,
        article_id: str | None = None,
        limit: int | None = None,
    ) -> list[dict[str, Any]]:
        """Stored records of one type as their published JSON, filtered, in date order."""
        table = t.RECORD_TABLES[record_type]
        query = select(table.c.data)
        if "date_value" in table.c:
            query = query.order_by(table.c.date_value, table.c.article_id, table.c.start)
        else:
            query = query.order_by(table.c.article_id, table.c.start)
        if actor_ids is not None:
            link = select(t.record_actors.c.record_id).where(
                t.record_actors.c.actor_id.in_(list(actor_ids))
            )
            if role:
                link = link.where(t.record_actors.c.role == role)
            query = query.where(table.c.id.in_(link))
        if since and "date_value" in table.c:
            query = query.where(table.c.date_value >= since)
        if until and "date_value" in table.c:
            query = query.where(table.c.date_value <= _until_bound(until))
        if event_type and "type" in table.c:
            query = query.where(func.upper(table.c.type) == event_type.upper())
        if article_id:
            query = query.where(table.c.article_id == article_id)
        if limit:
            query = query.limit(limit)
        with self.engine.connect() as conn:
            return [row[0] for row in conn.execute(query)]

    def actors(self, *, name: str | None = None, ids: Iterable[str] | None = None) -> list[dict]:
        """Stored actors with the number of records naming them, most-named first."""
        counts = (
            select(t.record_actors.c.actor_id, func.count().label("records"))
            .group_by(t.record_actors.c.actor_id)
            .subquery()
        )
        query = (
            select(t.actors.c.data, func.coalesce(counts.c.records, 0))
            .outerjoin(counts, counts.c.actor_id == t.actors.c.id)
            .order_by(func.coalesce(counts.c.records, 0).desc(), t.actors.c.name)
        )
        if name:
            pattern = f"%{name.lower()}%"
            query = query.where(
                or_(
                    func.lower(t.actors.c.name).like(pattern),
                    func.lower(t.actors.c.id) == name.lower(),
                )
            )
        if ids is not None:
            query = query.where(t.actors.c.id.in_(list(ids)))
        with self.engine.connect() as conn:
            return [dict(data, records=n) for data, n in conn.execute(query)]

    def actor_ids(self, name: str) -> list[str]:
        """Ids of the stored actors whose id equals, or whose name contains, ``name``."""
        return [a["id"] for a in self.actors(name=name)]


def _free_id(conn: Connection, wanted: str) -> str:
    """``wanted``, or ``wanted-2``… when another text already holds that id."""
    candidate, n = wanted, 1
    while conn.execute(select(t.articles.c.id).where(t.articles.c.id == candidate)).scalar():
        n += 1
        candidate = f"{wanted}-{n}"
    return candidate


def _until_bound(until: str) -> str:
    """An inclusive upper bound for ISO-prefix strings: "2025-02" covers "2025-02-28"."""
    return until + "\uffff"


def _article(row) -> Article:
    return Article(
        id=row["id"],
        text=row["text"],
        title=row["title"],
        published=row["published"],
        published_precision=row["published_precision"],
        source=row["source"],
        url=row["url"],
        path=row["path"],
        sha256=row["sha256"],
        canonical_id=row["canonical_id"],
    )


def _record_row(record: Record, data: dict) -> dict:
    row = dict(
        id=record.id, article_id=record.article_id, start=record.start, end=record.end, data=data
    )
    kind = record.record_type
    if kind in ("statement", "event"):
        date = data.get("date") or {}
        row["date_value"] = date.get("value")
    if kind == "statement":
        row["speaker_id"] = (data.get("speaker") or {}).get("actor_id")
    elif kind == "event":
        row["type"] = data.get("type")
    elif kind == "timex":
        row.update(value=data.get("value"), type=data.get("type"))
    elif kind == "mention":
        row["actor_id"] = (data.get("entity") or {}).get("actor_id")
    return row


def _insert_unique(conn: Connection, table, rows: list[dict]) -> None:
    """Insert rows, keeping the first of any that share an id (same evidence, same record)."""
    unique = {row["id"]: row for row in reversed(rows)}
    conn.execute(insert(table), list(unique.values()))


def _entities(record: Record) -> Iterator[tuple[str, Entity]]:
    """(role, entity) pairs a record names: speaker, addressee, actor, recipient, mention."""
    for role in ("speaker", "addressee"):
        entity = getattr(record, role, None)
        if isinstance(entity, Entity):
            yield role, entity
    for role in ("actor", "recipient"):
        for entity in getattr(record, role, None) or ():
            if isinstance(entity, Entity):
                yield role, entity
    entity = getattr(record, "entity", None)
    if isinstance(entity, Entity):
        yield "mention", entity


def _upsert_actor(conn: Connection, entity: Entity, article_id: str, published: str | None) -> None:
    """Add the actor on first sight; record the office it held at each article's date."""
    row = conn.execute(select(t.actors.c.data).where(t.actors.c.id == entity.actor_id)).first()
    data = dict(row[0]) if row else _actor_data(entity, article_id)
    roles = [r for r in data["roles"] if r.get("article_id") != article_id]
    if entity.role:
        roles.append({"office": entity.role, "article_id": article_id, "date": published})
    roles.sort(key=lambda r: (r.get("date") or "", r["article_id"]))
    if row and roles == data["roles"]:
        return
    data["roles"] = roles
    if row:
        conn.execute(update(t.actors).where(t.actors.c.id == entity.actor_id).values(data=data))
        return
    conn.execute(
        insert(t.actors).values(
            id=entity.actor_id,
            name=data["name"],
            kind=data["kind"],
            country=data["country"],
            sector=data["sector"],
            data=data,
        )
    )


def _actor_data(entity: Entity, article_id: str) -> dict:
    return {
        "record_type": "actor",
        "id": entity.actor_id,
        "name": entity.name or entity.text,
        "kind": entity.kind,
        "country": entity.country,
        "sector": entity.sector,
        "roles": [],
        "descriptors": [],
        "article_id": article_id if entity.actor_id.startswith("article:") else None,
        "sentence": None,
        "start": None,
        "end": None,
    }


__all__ = ["AddResult", "Store", "database_url"]
