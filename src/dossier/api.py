"""The Dossier class: the one library API that the CLI, the REST app and the web call."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from dossier import analyze, ingest
from dossier import export as export_module
from dossier.extract import pipeline as pipeline_module
from dossier.ingest.dedup import NearDuplicateIndex
from dossier.ingest.errors import IngestError
from dossier.records import Article
from dossier.store import Store

Progress = Callable[[int], None]

#: The record types ``export`` writes, a file each (empty when there are none).
STORED_TYPES = ("article", "actor", "mention", "timex", "statement", "event")
#: Made by ``dossier.analyze`` from the stored records when exported (issue 7).
ANALYSIS_TYPES = ("story_event", "shift", "edge")
EXPORTED_TYPES = STORED_TYPES + ANALYSIS_TYPES


@dataclass
class IngestReport:
    added: list[str] = field(default_factory=list)
    duplicates: list[str] = field(default_factory=list)
    near_duplicates: list[tuple[str, str]] = field(default_factory=list)
    undated: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # files of no known type in folders

    @property
    def ok(self) -> bool:
        return not self.errors


@dataclass
class ExtractReport:
    pipeline_version: str
    articles: int = 0
    records: dict[str, int] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


class Dossier:
    """A store of articles and what dossier extracted from them.

    ``db`` is a SQLite path or an SQLAlchemy URL (``postgresql+psycopg://…``); by default
    ``$DOSSIER_DB`` or ``./dossier.db``. ``model`` names any installed spaCy model;
    ``kb_files`` are user YAML files merged over the shipped actor knowledge base.
    """

    def __init__(
        self, db: str | None = None, *, model: str | None = None, kb_files: Iterable[str] = ()
    ):
        self.store = Store(db)
        self.model = model
        self.kb_files = tuple(str(f) for f in kb_files)

    def close(self) -> None:
        self.store.close()

    def __enter__(self) -> Dossier:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    @property
    def location(self) -> str:
        return self.store.location

    # -- ingestion --------------------------------------------------------------------

    def ingest(
        self,
        sources: Iterable[str],
        *,
        date: str | None = None,
        field_map: dict[str, str] | None = None,
        source: str | None = None,
        on_article: Callable[[Article | IngestError], None] | None = None,
    ) -> IngestReport:
        """Read ``sources`` (paths, directories, globs, URLs, ``-``) into the store.

        Each article is stored in its own transaction; exact duplicates (same normalised
        text) are skipped and near-duplicates linked to their canonical article.
        """
        report = IngestReport()
        index = NearDuplicateIndex()
        for article_id, signature in self.store.minhashes():
            index.add_signature(article_id, signature)
        run = ingest.read(sources, date=date, field_map=field_map, source=source)
        for item in run:
            if on_article:
                on_article(item)
            if isinstance(item, IngestError):
                report.errors.append(str(item))
                continue
            self._add(item, index, report)
        report.skipped = list(run.skipped)
        return report

    def _add(self, article: Article, index: NearDuplicateIndex, report: IngestReport) -> None:
        signature = index.signature(article.text)
        canonical = index.find_signature(signature)
        result = self.store.add_article(article, signature, canonical)
        if result.status == "duplicate":
            report.duplicates.append(f"{article.path or article.id} = {result.article_id}")
            return
        if result.status == "near-duplicate":
            report.near_duplicates.append((result.article_id, canonical))
        else:
            index.add_signature(result.article_id, signature)
        report.added.append(result.article_id)
        if not article.published:
            report.undated.append(result.article_id)

    # -- extraction -------------------------------------------------------------------

    def pipeline(self) -> pipeline_module.Pipeline:
        return pipeline_module.Pipeline.default(self.model, kb_files=self.kb_files)

    def extract(
        self,
        *,
        redo: bool = False,
        workers: int = 1,
        scheduler: str | None = None,
        batch_size: int = 8,
        on_article: Progress | None = None,
    ) -> ExtractReport:
        """Run the pipeline over articles not yet extracted by its current version.

        With ``workers`` > 1 (a local Dask cluster of that many processes) or a
        ``scheduler`` address, batches run on Dask workers; results are stored here,
        one transaction per article, so an interrupted run resumes where it stopped.
        """
        pipeline = self.pipeline()
        report = ExtractReport(pipeline.version)
        pending = self.store.articles(pending_version=None if redo else pipeline.version)
        if not pending:
            return report
        run_id = self.store.start_run(pipeline.version)
        try:
            for article_id, records, error in pipeline_module.run_batches(
                pending, pipeline, batch_size=batch_size, workers=workers, scheduler=scheduler
            ):
                if error:
                    report.errors.append(f"{article_id}: {error}")
                else:
                    self.store.save_extraction(article_id, records, pipeline.version, run_id)
                    report.articles += 1
                    for record in records:
                        report.records[record.record_type] = (
                            report.records.get(record.record_type, 0) + 1
                        )
                if on_article:
                    on_article(1)
        finally:
            self.store.finish_run(run_id, report.articles)
        return report

    # -- queries ----------------------------------------------------------------------

    def articles(
        self,
        *,
        since: str | None = None,
        until: str | None = None,
        source: str | None = None,
        limit: int | None = None,
    ) -> list[dict[str, Any]]:
        return [
            a.to_json()
            for a in self.store.articles(since=since, until=until, source=source, limit=limit)
        ]

    def actors(self, name: str | None = None) -> list[dict[str, Any]]:
        return self.store.actors(name=name)

    def quotes(
        self,
        *,
        actor: str | None = None,
        since: str | None = None,
        until: str | None = None,
        article: str | None = None,
        limit: int | None = None,
    ) -> list[dict[str, Any]]:
        """Statements, of ``actor`` as speaker when given."""
        return self._query("statement", actor, "speaker", since, until, article, limit)

    def events(
        self,
        *,
        actor: str | None = None,
        type: str | None = None,
        since: str | None = None,
        until: str | None = None,
        article: str | None = None,
        limit: int | None = None,
    ) -> list[dict[str, Any]]:
        """Events naming ``actor`` (as actor or recipient), of one PLOVER ``type``."""
        return self._query("event", actor, None, since, until, article, limit, event_type=type)

    def _query(self, record_type, actor, role, since, until, article, limit, **filters):
        return self.store.records(
            record_type,
            actor_ids=None if actor is None else self.store.actor_ids(actor),
            role=role if actor else None,
            since=since,
            until=until,
            article_id=article,
            limit=limit,
            **filters,
        )

    def records(self, record_type: str, **filters) -> list[dict[str, Any]]:
        return self.store.records(record_type, **filters)

    # -- export -----------------------------------------------------------------------

    def export(self, out_dir: str | Path, fmt: str = "jsonl") -> dict[str, Path]:
        """Write every record type to ``out_dir`` (one file per type); returns the paths."""
        return export_module.write_all(
            self.iter_records(), Path(out_dir), fmt, record_types=EXPORTED_TYPES
        )

    def iter_records(self):
        """(record_type, record JSON) for everything stored, articles and actors included."""
        for article in self.store.articles():
            yield "article", article.to_json()
        for actor in self.store.actors():
            actor = dict(actor)
            actor.pop("records", None)
            yield "actor", actor
        for record_type in STORED_TYPES[2:]:
            for record in self.store.records(record_type):
                yield record_type, record
        yield from self._analysis_records()

    # -- story analysis (issue 7): timelines, story events, shifts, lever map, story ----
    # Everything is computed by ``dossier.analyze`` from the stored records' JSON, so it
    # reads the same on SQLite and PostgreSQL.

    def _story_input(self, *, mentions: bool = True) -> tuple[list[dict], list[dict]]:
        """(statements, events and, for naming actors, mentions; articles)."""
        kinds = ("statement", "event", "mention") if mentions else ("statement", "event")
        records = [r for kind in kinds for r in self.store.records(kind)]
        return records, self.articles()

    def timeline(
        self,
        *,
        actor: str | None = None,
        dyad: tuple[str, str] | None = None,
        issue: str | None = None,
        context: str | None = None,
        since: str | None = None,
        until: str | None = None,
    ) -> list[dict[str, Any]]:
        """Statements and events in date order, undated last (see ``analyze.timeline``):
        of ``actor``, between the two actors of ``dyad``, directed at ``issue``, with
        the PLOVER ``context``, within ``since``..``until``."""
        records, _ = self._story_input(mentions=bool(actor or dyad or issue))
        return analyze.timeline(
            records, actor=actor, dyad=dyad, issue=issue, context=context, since=since, until=until
        )

    def story_events(
        self,
        *,
        actor: str | None = None,
        type: str | None = None,
        kind: str | None = None,
        since: str | None = None,
        until: str | None = None,
    ) -> list[dict[str, Any]]:
        """``story_event`` records: each happening (or repeated quote) with all its reports."""
        records, articles = self._story_input(mentions=bool(actor))
        chosen = analyze.timeline(records, actor=actor, since=since, until=until)
        stories = analyze.story_events(chosen, articles)
        return [
            s
            for s in stories
            if (kind is None or s["kind"] == kind)
            and (type is None or (s["type"] or "") == type.upper())
        ]

    def shifts(
        self,
        actor: str | None = None,
        *,
        issue: str | None = None,
        context: str | None = None,
        since: str | None = None,
        until: str | None = None,
    ) -> list[dict[str, Any]]:
        """``shift`` records: where an actor's stance on an issue changed, and how much."""
        records, _ = self._story_input()
        return analyze.shifts(
            records, actor=actor, issue=issue, context=context, since=since, until=until
        )

    def map(
        self,
        since: str | None = None,
        until: str | None = None,
        actor: str | None = None,
        type: str | None = None,
    ) -> analyze.LeverMap:
        """The lever map (``.graph``, ``.outline()``, ``.to_json()``, ``.write_graphml()``)."""
        records, articles = self._story_input()
        return analyze.lever_map(
            records, articles=articles, since=since, until=until, actor=actor, type=type
        )

    def story(
        self,
        *,
        actor: str | None = None,
        since: str | None = None,
        until: str | None = None,
        title: str | None = None,
    ) -> str:
        """The whole story of the store (or of ``actor``, or a period) as Markdown."""
        records, articles = self._story_input()
        return analyze.story(records, articles, title=title, actor=actor, since=since, until=until)

    def _analysis_records(self):
        """(record_type, record) for the story events, shifts and lever-map edges."""
        records, articles = self._story_input()
        for record in analyze.story_events(records, articles):
            yield "story_event", record
        for record in analyze.shifts(records):
            yield "shift", record
        for record in analyze.lever_map(records, articles=articles).to_json():
            yield "edge", record
