"""The ``dossier`` command: a thin Typer layer over :class:`dossier.api.Dossier`.

Every verb takes ``--db`` (or ``$DOSSIER_DB``; default ``./dossier.db``). Query verbs
print a table, or JSON lines with ``--json``. Problems are one line each on stderr,
naming the file and the reason; the exit status is non-zero when anything failed.
"""

from __future__ import annotations

import json
import sys
from contextlib import nullcontext
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from dossier.api import Dossier, ExtractReport, IngestReport

app = typer.Typer(
    help="dossier: who said and did what to whom, when - from news articles.",
    no_args_is_help=True,
    add_completion=False,
)
console = Console(soft_wrap=True)
err_console = Console(stderr=True, soft_wrap=True)

DbOption = Annotated[
    str | None,
    typer.Option(
        "--db", envvar="DOSSIER_DB", help="SQLite path or SQLAlchemy URL (default ./dossier.db)."
    ),
]
JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON lines instead of a table.")]
SinceOption = Annotated[str | None, typer.Option("--since", help="Earliest date (ISO prefix).")]
UntilOption = Annotated[
    str | None, typer.Option("--until", help="Latest date (ISO prefix, inclusive).")
]
ActorOption = Annotated[str | None, typer.Option("--actor", help="Actor id or part of its name.")]
ArticleOption = Annotated[str | None, typer.Option("--article", help="Only this article id.")]
LimitOption = Annotated[int | None, typer.Option("--limit", help="At most this many rows.")]
KbOption = Annotated[
    list[Path] | None,
    typer.Option("--kb", help="User knowledge-base YAML merged over the shipped one."),
]
ModelOption = Annotated[
    str | None, typer.Option("--model", envvar="DOSSIER_MODEL", help="spaCy model name.")
]
DyadOption = Annotated[
    tuple[str, str] | None,
    typer.Option("--dyad", metavar="A B", help="Only records between actors A and B."),
]
IssueOption = Annotated[
    str | None, typer.Option("--issue", help="Only records directed at (or about) this actor.")
]
ContextOption = Annotated[
    str | None, typer.Option("--context", help="Only records with this PLOVER context.")
]


def _open(db: str | None, kb: list[Path] | None = None, model: str | None = None) -> Dossier:
    return Dossier(db, model=model, kb_files=kb or ())


def _progress(total: int | None, label: str) -> Progress:
    return Progress(
        TextColumn(label),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=err_console,
        disable=not err_console.is_terminal,
        transient=True,
    )


def _fail(message: str) -> None:
    err_console.print(f"[red]error:[/red] {message}", markup=True, highlight=False, soft_wrap=True)


def _print_json(rows) -> None:
    for row in rows:
        sys.stdout.write(json.dumps(row, ensure_ascii=False) + "\n")


def _table(title: str, columns: list[str], rows: list[list]) -> None:
    table = Table(title=title, show_lines=False)
    for column in columns:
        table.add_column(column, overflow="fold")
    for row in rows:
        table.add_row(*["" if v is None else str(v) for v in row])
    console.print(table)


def _parse_fields(fields: list[str] | None) -> dict[str, str] | None:
    if not fields:
        return None
    mapping = {}
    for item in fields:
        ours, _, theirs = item.partition("=")
        if not theirs:
            raise typer.BadParameter(f"--field takes OURS=THEIRS (e.g. text=body), not {item!r}")
        mapping[ours.strip()] = theirs.strip()
    return mapping


def _date(record: dict) -> str:
    date = record.get("date") or {}
    value = date.get("value") or ""
    return f"{value}*" if value and date.get("basis") == "publication" else value


def _entity_names(entities) -> str:
    if isinstance(entities, dict):
        entities = [entities]
    return ", ".join(e.get("name") or e.get("text") or "" for e in entities or [] if e)


# -- ingestion and extraction -------------------------------------------------------------


@app.command()
def ingest(
    sources: Annotated[
        list[str], typer.Argument(help="Files, directories, globs, URLs, or - for stdin.")
    ],
    db: DbOption = None,
    date: Annotated[
        str | None, typer.Option("--date", help="Publication date for inputs that carry none.")
    ] = None,
    field: Annotated[
        list[str] | None, typer.Option("--field", help="Map fields: OURS=THEIRS, e.g. text=body.")
    ] = None,
    source: Annotated[
        str | None, typer.Option("--source", help="Outlet name for inputs that carry none.")
    ] = None,
) -> None:
    """Read articles into the store (txt, md, html, json, jsonl, csv, RSS/Atom, WARC, URLs)."""
    with _open(db) as dossier:
        report = _run_ingest(
            dossier, sources, date=date, field_map=_parse_fields(field), source=source
        )
        _print_ingest(report, dossier.location)
    if not report.ok:
        raise typer.Exit(1)


def _run_ingest(dossier: Dossier, sources: list[str], **options) -> IngestReport:
    with _progress(None, "ingesting") as progress:
        task = progress.add_task("ingest", total=None)
        try:
            report = dossier.ingest(
                sources, on_article=lambda _item: progress.advance(task), **options
            )
        except ValueError as err:  # a bad --date or --field: nothing was read
            _fail(str(err))
            raise typer.Exit(2) from None
        except KeyboardInterrupt:
            _fail("interrupted: what was stored is kept; run the same command again to resume")
            raise typer.Exit(130) from None
    for line in report.errors:
        _fail(line)
    return report


def _print_ingest(report: IngestReport, location: str) -> None:
    console.print(
        f"ingested {len(report.added)} article(s) into {location}; "
        f"{len(report.duplicates)} exact duplicate(s) skipped, "
        f"{len(report.near_duplicates)} near-duplicate(s) linked, "
        f"{len(report.undated)} undated, {len(report.errors)} error(s), "
        f"{len(report.skipped)} file(s) of no known type skipped",
        highlight=False,
    )
    for article_id in report.undated:
        console.print(
            f"  undated: {article_id} (no publication date; its records stay undated)",
            highlight=False,
        )
    for article_id, canonical in report.near_duplicates:
        console.print(f"  near-duplicate: {article_id} -> {canonical}", highlight=False)


@app.command()
def extract(
    db: DbOption = None,
    redo: Annotated[
        bool, typer.Option("--all", help="Re-extract every article, not only new ones.")
    ] = False,
    workers: Annotated[
        int, typer.Option("--workers", min=1, help="Run on a local Dask cluster of N processes.")
    ] = 1,
    scheduler: Annotated[
        str | None, typer.Option("--scheduler", help="Address of an existing Dask scheduler.")
    ] = None,
    kb: KbOption = None,
    model: ModelOption = None,
) -> None:
    """Run the NLP pipeline over articles not yet extracted by the current pipeline version."""
    with _open(db, kb, model) as dossier:
        report = _run_extract(dossier, redo=redo, workers=workers, scheduler=scheduler)
        _print_extract(report)
    if not report.ok:
        raise typer.Exit(1)


def _run_extract(dossier: Dossier, **options) -> ExtractReport:
    with _progress(None, "extracting") as progress:
        task = progress.add_task("extract", total=None)
        try:
            report = dossier.extract(on_article=lambda n: progress.advance(task, n), **options)
        except KeyboardInterrupt:
            _fail(
                "interrupted: extracted articles are stored; run the same command again to resume"
            )
            raise typer.Exit(130) from None
    for line in report.errors:
        _fail(line)
    return report


def _print_extract(report: ExtractReport) -> None:
    counts = (
        ", ".join(f"{n} {kind}(s)" for kind, n in sorted(report.records.items())) or "nothing new"
    )
    console.print(f"extracted {report.articles} article(s): {counts}", highlight=False)
    console.print(f"pipeline: {report.pipeline_version}", highlight=False)


@app.command()
def run(
    sources: Annotated[list[str], typer.Argument(help="What to ingest (as for `dossier ingest`).")],
    db: DbOption = None,
    date: Annotated[
        str | None, typer.Option("--date", help="Publication date for inputs that carry none.")
    ] = None,
    kb: KbOption = None,
    model: ModelOption = None,
) -> None:
    """Ingest, extract, and print what was found: the main job in one command."""
    with _open(db, kb, model) as dossier:
        ingested = _run_ingest(dossier, sources, date=date)
        extracted = _run_extract(dossier)
        _print_ingest(ingested, dossier.location)
        _print_extract(extracted)
        _print_summary(dossier)
    if not (ingested.ok and extracted.ok):
        raise typer.Exit(1)


def _print_summary(dossier: Dossier) -> None:
    store = dossier.store
    console.print(
        f"\nstore {dossier.location}: {store.count('articles')} articles, {store.count('actors')} actors, "
        f"{store.count('statements')} statements, {store.count('events')} events",
        highlight=False,
    )
    actors = dossier.actors()[:15]
    _table(
        "Most-named actors",
        ["actor", "kind", "country", "records"],
        [[a["name"], a["kind"], a["country"], a["records"]] for a in actors],
    )
    _print_quotes(dossier.quotes(limit=12), "Statements (first 12)")
    _print_events(dossier.events(limit=12), "Events (first 12)")


# -- queries ------------------------------------------------------------------------------


@app.command()
def articles(
    db: DbOption = None,
    since: SinceOption = None,
    until: UntilOption = None,
    source: Annotated[str | None, typer.Option("--source", help="Only this outlet.")] = None,
    limit: LimitOption = None,
    as_json: JsonOption = False,
) -> None:
    """List stored articles."""
    with _open(db) as dossier:
        rows = dossier.articles(since=since, until=until, source=source, limit=limit)
    if as_json:
        return _print_json(rows)
    _table(
        f"{len(rows)} article(s)",
        ["id", "published", "source", "title", "duplicate of"],
        [
            [r["id"], r["published"] or "undated", r["source"], r["title"], r["canonical_id"]]
            for r in rows
        ],
    )


actors_app = typer.Typer(
    help="List actors, or explain one (`dossier actors show NAME`).", invoke_without_command=True
)
app.add_typer(actors_app, name="actors")


@actors_app.callback()
def actors(
    ctx: typer.Context,
    db: DbOption = None,
    name: Annotated[
        str | None, typer.Option("--name", help="Actor id or part of its name.")
    ] = None,
    as_json: JsonOption = False,
) -> None:
    """List the actors named in the store, most-named first."""
    if ctx.invoked_subcommand:
        return
    with _open(db) as dossier:
        rows = dossier.actors(name)
    if as_json:
        return _print_json(rows)
    _table(
        f"{len(rows)} actor(s)",
        ["id", "name", "kind", "country", "sector", "role", "records"],
        [
            [
                a["id"],
                a["name"],
                a["kind"],
                a["country"],
                a["sector"],
                _current_role(a),
                a["records"],
            ]
            for a in rows
        ],
    )


def _current_role(actor: dict) -> str:
    """The office held at the latest article that names the actor, with that date."""
    roles = actor.get("roles") or []
    if not roles:
        return ""
    latest = roles[-1]
    return f"{latest['office']} ({latest.get('date') or 'undated'})"


@actors_app.command("show")
def actors_show(
    name: Annotated[str, typer.Argument(help="A name, alias or actor id.")],
    kb: KbOption = None,
    as_json: JsonOption = False,
) -> None:
    """Explain what the knowledge base knows about NAME: entries, aliases, roles, sources."""
    from dossier import kb as kb_module

    explanation = kb_module.load(tuple(str(p) for p in kb or ())).explain(name)
    if not explanation or not explanation.get("entries"):
        _fail(f"the knowledge base knows nothing named {name!r}")
        raise typer.Exit(1)
    if as_json:
        return _print_json([explanation])
    console.print_json(data=explanation)


@app.command()
def quotes(
    db: DbOption = None,
    actor: ActorOption = None,
    since: SinceOption = None,
    until: UntilOption = None,
    article: ArticleOption = None,
    limit: LimitOption = None,
    as_json: JsonOption = False,
) -> None:
    """List statements: who said what, when (a * marks a date known only from publication)."""
    with _open(db) as dossier:
        rows = dossier.quotes(actor=actor, since=since, until=until, article=article, limit=limit)
    if as_json:
        return _print_json(rows)
    _print_quotes(rows, f"{len(rows)} statement(s)")


def _print_quotes(rows: list[dict], title: str) -> None:
    _table(
        title,
        ["date", "speaker", "cue", "kind", "content", "article"],
        [
            [
                _date(r),
                _entity_names(r.get("speaker")),
                r["cue"],
                r["kind"],
                r["content"],
                r["article_id"],
            ]
            for r in rows
        ],
    )


@app.command()
def events(
    db: DbOption = None,
    actor: ActorOption = None,
    type: Annotated[
        str | None, typer.Option("--type", help="PLOVER event type, e.g. THREATEN.")
    ] = None,
    since: SinceOption = None,
    until: UntilOption = None,
    article: ArticleOption = None,
    limit: LimitOption = None,
    as_json: JsonOption = False,
) -> None:
    """List PLOVER events: actor, type/mode, recipient, factuality, date."""
    with _open(db) as dossier:
        rows = dossier.events(
            actor=actor, type=type, since=since, until=until, article=article, limit=limit
        )
    if as_json:
        return _print_json(rows)
    _print_events(rows, f"{len(rows)} event(s)")


def _print_events(rows: list[dict], title: str) -> None:
    _table(
        title,
        ["date", "actor", "type", "mode", "recipient", "factuality", "trigger", "article"],
        [
            [
                _date(r),
                _entity_names(r["actor"]),
                r["type"],
                r.get("mode"),
                _entity_names(r["recipient"]),
                r["factuality"],
                r.get("trigger"),
                r["article_id"],
            ]
            for r in rows
        ],
    )


@app.command()
def timeline(
    db: DbOption = None,
    actor: ActorOption = None,
    dyad: DyadOption = None,
    issue: IssueOption = None,
    context: ContextOption = None,
    since: SinceOption = None,
    until: UntilOption = None,
    as_json: JsonOption = False,
) -> None:
    """Statements and events in date order: of an actor, a dyad, an issue, or all."""
    with _open(db) as dossier:
        rows = dossier.timeline(
            actor=actor, dyad=dyad, issue=issue, context=context, since=since, until=until
        )
    if as_json:
        return _print_json(rows)
    _table(
        f"timeline{' of ' + actor if actor else ''}: {len(rows)} record(s)",
        ["date", "who", "what", "sentence", "article"],
        [[_date(r), _who(r), _what(r), r["sentence"], r["article_id"]] for r in rows],
    )


def _who(record: dict) -> str:
    return _entity_names(
        record.get("speaker") if record["record_type"] == "statement" else record.get("actor")
    )


def _what(record: dict) -> str:
    if record["record_type"] == "statement":
        return f"{record['cue']}: {record['content']}"
    recipient = _entity_names(record.get("recipient"))
    return (
        f"{record['type']}"
        + (f" → {recipient}" if recipient else "")
        + f" ({record['factuality']})"
    )


# -- export and schema --------------------------------------------------------------------


@app.command()
def export(
    out: Annotated[Path, typer.Option("--out", help="Directory to write into.")],
    db: DbOption = None,
    fmt: Annotated[str, typer.Option("--format", help="jsonl, csv or parquet.")] = "jsonl",
) -> None:
    """Write every record type to --out, one file per type."""
    with _open(db) as dossier:
        try:
            paths = dossier.export(out, fmt)
        except ValueError as err:
            _fail(str(err))
            raise typer.Exit(2) from None
    for record_type, path in sorted(paths.items()):
        console.print(f"{record_type}: {path}", highlight=False)


@app.command()
def schema() -> None:
    """Print the JSON Schema every exported record follows."""
    from dossier.schema import json_schema

    sys.stdout.write(json.dumps(json_schema(), indent=2) + "\n")


# -- benchmark ----------------------------------------------------------------------------


@app.command()
def bench(
    folder: Annotated[
        Path, typer.Argument(help="A folder of articles (.txt and other readable files).")
    ],
    workers: Annotated[
        int, typer.Option("--workers", min=1, help="Also time N Dask workers against one.")
    ] = 1,
    model: ModelOption = None,
    limit: LimitOption = None,
) -> None:
    """Time extraction against bare spaCy on the same texts: articles/s, tokens/s, peak RSS."""
    from dossier.bench import run_bench

    result = run_bench(folder, workers=workers, model=model, limit=limit)
    console.print(result.format(), highlight=False)


# -- evaluation and sentence coding -------------------------------------------------------

eval_app = typer.Typer(help="Score dossier against public gold standards.", no_args_is_help=True)
app.add_typer(eval_app, name="eval")

GoldDir = Annotated[Path, typer.Option("--gold", exists=True, help="Gold data directory.")]
PredOut = Annotated[Path | None, typer.Option("--out", help="Write predictions here too.")]


@eval_app.command("time")
def eval_time(gold: GoldDir, out: PredOut = None) -> None:
    """TempEval-3 figures on TimeML files (strict/relaxed extraction, value and type F1)."""
    from dossier.eval import timeml

    console.print(timeml.evaluate(gold, out).format(), highlight=False)


@eval_app.command("quotes")
def eval_quotes(gold: GoldDir, out: PredOut = None) -> None:
    """PolNeAR-style P/R/F1 for Source, Cue, Content and whole attributions (BRAT)."""
    from dossier.eval import brat

    console.print(brat.evaluate(gold, out).format(), highlight=False)


@eval_app.command("events")
def eval_events(
    gold: Annotated[Path, typer.Option("--gold", exists=True, help="PLOVER gold records (JSON).")],
) -> None:
    """PLOVER figures: event type, actor country on each side, full triples, confusions."""
    from dossier.eval import plover

    console.print(plover.evaluate(gold).format(), highlight=False)


@eval_app.command("actors")
def eval_actors(
    gold: Annotated[Path, typer.Option("--gold", exists=True, help="PLOVER gold records (JSON).")],
) -> None:
    """How many gold actor texts of PLOVER records resolve to the gold country code."""
    from dossier.eval import actors as actor_eval

    result = actor_eval.evaluate(gold)
    misses = result.pop("misses")
    for key, value in result.items():
        console.print(f"{key.replace('_', ' ')}: {value}", highlight=False)
    console.print(f"first misses (of {len(misses)}):", highlight=False)
    for miss in misses[:20]:
        console.print(
            f"  {miss['text']!r}: gold {miss['gold']}, got {miss['predicted']}", highlight=False
        )


@app.command()
def code(
    file: Annotated[Path, typer.Argument(help='JSON lines {"id", "text", "date"}; - for stdin.')],
    out: Annotated[Path | None, typer.Option("--out", help="Write here instead of stdout.")] = None,
) -> None:
    """Code standalone sentences: one {"id", "events": [...]} line out per line in."""
    from dossier.code import code_lines

    stream = nullcontext(sys.stdin) if str(file) == "-" else file.open(encoding="utf-8")
    sink = out.open("w", encoding="utf-8") if out else nullcontext(sys.stdout)
    failed = False
    with stream as stream, sink as sink:
        for item in code_lines(stream, source=str(file)):
            if isinstance(item, str):
                _fail(item)
                failed = True
            else:
                sink.write(json.dumps(item, ensure_ascii=False) + "\n")
    if failed:
        raise typer.Exit(1)


# -- story analysis (issue 7): shifts, the lever map, the story -----------------------------


@app.command()
def shifts(
    db: DbOption = None,
    actor: ActorOption = None,
    issue: IssueOption = None,
    context: ContextOption = None,
    since: SinceOption = None,
    until: UntilOption = None,
    as_json: JsonOption = False,
) -> None:
    """Where an actor's stance on an issue changed: half flips and full flops."""
    with _open(db) as dossier:
        rows = dossier.shifts(actor, issue=issue, context=context, since=since, until=until)
    if as_json:
        return _print_json(rows)
    _table(
        f"{len(rows)} shift(s)",
        ["actor", "issue", "from", "to", "degree", "direction", "basis", "evidence"],
        [
            [
                _entity_names(r["actor"]),
                r["issue"]["name"],
                f"{r['from']['stance']} ({_date(r['from']) or 'before'})",
                f"{r['to']['stance']} ({_date(r['to'])})",
                r["degree"],
                r["direction"],
                r["basis"] + (f": {r['cue']}" if r["cue"] else ""),
                r["to"]["sentence"],
            ]
            for r in rows
        ],
    )


@app.command("map")
def lever_map(
    db: DbOption = None,
    actor: ActorOption = None,
    type: Annotated[
        str | None, typer.Option("--type", help="PLOVER type or relation, e.g. SANCTION.")
    ] = None,
    since: SinceOption = None,
    until: UntilOption = None,
    graphml: Annotated[
        Path | None, typer.Option("--graphml", help="Also write the graph as GraphML here.")
    ] = None,
    as_json: Annotated[
        bool, typer.Option("--json", help="Print edge records as JSON lines.")
    ] = False,
) -> None:
    """The lever map: who threatens, sanctions, demands of, aids or courts whom."""
    with _open(db) as dossier:
        levers = dossier.map(since=since, until=until, actor=actor, type=type)
    if graphml:
        levers.write_graphml(graphml)
        err_console.print(f"wrote {graphml}", highlight=False)
    if as_json:
        return _print_json(levers.to_json())
    console.print(levers.outline(), highlight=False, markup=False)


@app.command()
def story(
    db: DbOption = None,
    actor: ActorOption = None,
    since: SinceOption = None,
    until: UntilOption = None,
    title: Annotated[str | None, typer.Option("--title", help="The story's heading.")] = None,
    out: Annotated[Path | None, typer.Option("--out", help="Write the Markdown here.")] = None,
    as_json: Annotated[
        bool,
        typer.Option("--json", help="Print story events, shifts and edges as JSON lines."),
    ] = False,
) -> None:
    """The whole story as Markdown: actors, what happened, shifts, the lever map, timeline."""
    with _open(db) as dossier:
        if as_json:
            return _print_json(
                [
                    *dossier.story_events(actor=actor, since=since, until=until),
                    *dossier.shifts(actor, since=since, until=until),
                    *dossier.map(since=since, until=until, actor=actor).to_json(),
                ]
            )
        text = dossier.story(actor=actor, since=since, until=until, title=title)
    if out:
        out.write_text(text, encoding="utf-8")
        err_console.print(f"wrote {out}", highlight=False)
    else:
        sys.stdout.write(text)
