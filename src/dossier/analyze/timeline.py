"""Timelines: statements and events in date order, for an actor, a dyad, an issue or all.

Records keep their published shape, so each carries its resolved date (value,
granularity, and ``basis == "publication"`` when only the article's date is known:
:func:`dossier.analyze.dates.label` prints those with a ``*``), its sentence and
its article.
"""

from __future__ import annotations

from collections.abc import Iterable

from dossier.analyze import dates
from dossier.analyze.actors import ActorQuery, directed_pairs, holders, participants

TIMELINE_TYPES = ("statement", "event")


def timeline(
    records: Iterable[dict],
    *,
    actor: str | None = None,
    dyad: tuple[str, str] | None = None,
    issue: str | None = None,
    context: str | None = None,
    since: str | None = None,
    until: str | None = None,
) -> list[dict]:
    """Statements and events in chronological order (undated last), filtered.

    Other records (``mention``) may be passed: they only help resolve actor names.

    ``actor``: records by, directed at, or claimed by that actor. ``dyad`` (A, B): records between
    A and B, either way. ``issue``: records directed at (or, for statements, speaking
    of) that actor. ``context``: events with that PLOVER context, and the statements
    they were attributed to. ``since``/``until``: ISO prefixes, inclusive, compared
    as intervals (a month-granular date falls in any range that touches the month).
    """
    universe = list(records)  # mention records, if given, tell how else actors were named
    chosen = [r for r in universe if r.get("record_type") in TIMELINE_TYPES]
    if actor:
        query = ActorQuery.resolve(actor, universe)
        chosen = [r for r in chosen if query.any(participants(r))]
    if dyad:
        side_a, side_b = (ActorQuery.resolve(name, universe) for name in dyad)
        chosen = [r for r in chosen if between(r, side_a, side_b) or between(r, side_b, side_a)]
    if issue:
        query = ActorQuery.resolve(issue, universe)
        chosen = [r for r in chosen if about(r, query)]
    if context:
        linked = linked_contexts(universe)
        chosen = [r for r in chosen if context in record_contexts(r, linked)]
    chosen = [r for r in chosen if dates.in_range(r.get("date"), since, until)]
    return sorted(chosen, key=chronological)


def chronological(record: dict) -> tuple:
    return (*dates.sort_key(record.get("date")), record.get("article_id") or "", record["start"])


def between(record: dict, source: ActorQuery, target: ActorQuery) -> bool:
    """Whether ``record`` is by ``source`` and directed at (or speaks of) ``target``."""
    if any(source.matches(a) and target.matches(t) for a, t in directed_pairs(record)):
        return True
    return source.any(holders(record)) and _speaks_of(record, target)


def about(record: dict, target: ActorQuery) -> bool:
    """Directed at ``target`` (a mutual act's other party too); for a statement, also
    naming it in what was said."""
    return any(target.matches(t) for _, t in directed_pairs(record)) or _speaks_of(record, target)


def _speaks_of(record: dict, target: ActorQuery) -> bool:
    return record["record_type"] == "statement" and target.mentioned_in(record.get("content"))


def linked_contexts(records: Iterable[dict]) -> dict[str, set[str]]:
    """Statement id -> the contexts of the events attributed to that statement."""
    linked: dict[str, set[str]] = {}
    for record in records:
        statement = (record.get("attribution") or {}).get("statement_id")
        if record.get("record_type") == "event" and statement:
            linked.setdefault(statement, set()).update(record.get("contexts") or [])
    return linked


def record_contexts(record: dict, linked: dict[str, set[str]]) -> set[str]:
    """An event's PLOVER contexts; a statement's are those of the events it reports."""
    if record["record_type"] == "event":
        return set(record.get("contexts") or [])
    return linked.get(record["id"], set())
