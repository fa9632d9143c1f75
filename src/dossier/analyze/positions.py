"""Positions and shifts: the stance each record expresses, and when an actor's changed.

A *position* is one record's stance of one actor on one issue. The actor is an
event's actor, a statement's speaker, or the claimant of an event someone else is
said to have done; the issue is an actor (countries stand for their people:
Putin's Russia) and, for events, the PLOVER contexts.

Stances come from data (``data/stance.yaml``): the PLOVER type (or ``TYPE:mode``)
of an event, flipped when negated, turned into a threat or a condition when held
out (conditional, hypothetical, future); for statements, a small lexicon with
negation ("I don't care" is no support).

A *shift* compares positions on one (actor, issue): positions within a few weeks
form an episode; consecutive episodes whose mean stance differ enough are a shift,
graded as PolitiFact's Flip-O-Meter grades ("half flip", "full flop"). Its
``basis`` is ``reported`` when the text itself says the position changed
("reversed", "U-turn"), and ``inferred`` when dossier compared dated records.
Repetition ("reiterated", "renewed", "again") never reports a shift.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from statistics import mean
from typing import NamedTuple

from dossier.analyze import dates
from dossier.analyze.actors import (
    ActorQuery,
    Gazetteer,
    Names,
    directed_pairs,
    entity_key,
    holders,
    is_actor,
    issue_key,
    recipients,
)
from dossier.analyze.lexicon import load, phrase_pattern, token_spans, tokens
from dossier.analyze.timeline import linked_contexts, record_contexts
from dossier.records import record_id


@dataclass(frozen=True)
class Position:
    """One record's stance of ``holder`` on the issue ``target`` (an issue key)."""

    holder: dict
    target: str
    contexts: frozenset[str]
    stance: str
    record: dict
    direct: bool = True  # False when read from a mutual act or another's claim

    @property
    def score(self) -> float:
        return load("stance")["scores"][self.stance]

    @property
    def date(self) -> dict | None:
        return self.record.get("date")


# -- stances ------------------------------------------------------------------------------


def event_stance(event: dict) -> str:
    """The stance an event's actor takes toward its recipient."""
    table = load("stance")
    stance = table["types"].get(f"{event.get('type')}:{event.get('mode')}") or table["types"].get(
        event.get("type"), "neutral"
    )
    return _by_factuality(stance, event.get("factuality"), event.get("condition"))


def _by_factuality(stance: str, factuality: str | None, condition: str | None) -> str:
    table = load("stance")
    if factuality == "negated":
        return table["negated"].get(stance, stance)
    if factuality in table["irrealis_factuality"]:
        held_out = table["irrealis"].get(stance, stance)
        if held_out == "condition" and not (condition or factuality == "conditional"):
            return stance  # a plain promise stands
        return held_out
    return stance


class Cue(NamedTuple):
    """A stance word of a statement: where it is, its polarity and its category."""

    at: int  # character offset
    polarity: int  # +1 support, -1 oppose or hostile, 0 governed by an opposing word
    category: str  # support, oppose, hostile


def statement_stance(text: str | None) -> str:
    """The stance of everything said in ``text``, from the statement lexicon."""
    return _stance_of(statement_cues(text), _conditional(text))


def _conditional(text: str | None) -> bool:
    markers = load("stance")["statements"]["condition_markers"]
    return bool(set(tokens(text)) & set(markers))


def _stance_of(cues: list[Cue], conditional: bool) -> str:
    """Support or oppose by the sum of polarities; hostile words make opposition a
    hostile stance, and a condition turns it into a threat (support into a condition)."""
    total = sum(cue.polarity for cue in cues)
    if total > 0:
        return "condition" if conditional else "support"
    if total == 0:
        return "neutral"
    if any(cue.category == "hostile" for cue in cues):
        return "threat" if conditional else "hostile"
    return "oppose"


def statement_cues(text: str | None) -> list[Cue]:
    """Every lexicon cue in ``text``; a negation up to ``window`` words before flips it,
    and an opposing word just before a supporting one governs it ("scepticism about
    support")."""
    lexicon = load("stance")["statements"]
    spans = token_spans(text)
    words = [word for word, _ in spans]
    found = []
    for category in ("support", "oppose", "hostile"):
        for phrase in lexicon[category]:
            parts = phrase.split()
            for i in range(len(words) - len(parts) + 1):
                if words[i : i + len(parts)] == parts:
                    before = set(words[max(0, i - lexicon["window"]) : i])
                    found.append(Cue(spans[i][1], _polarity(category, before), category))
    return sorted(found)


def _polarity(category: str, before: set[str]) -> int:
    lexicon = load("stance")["statements"]
    polarity = 1 if category == "support" else -1
    if category == "support" and before & set(lexicon["oppose"]):
        return 0
    return -polarity if before & set(lexicon["negations"]) else polarity


# -- positions ----------------------------------------------------------------------------


def positions(records: Iterable[dict]) -> list[Position]:
    """Every non-neutral position the records express, in date order."""
    records = list(records)
    gazetteer = Gazetteer.of(records)
    linked = linked_contexts(records)
    found = []
    for record in records:
        if record.get("record_type") == "event":
            found += _event_positions(record, linked)
        elif record.get("record_type") == "statement":
            found += _statement_positions(record, gazetteer, linked)
    found = [p for p in found if p.stance != "neutral"]
    return sorted(found, key=lambda p: dates.sort_key(p.date))


def _event_positions(event: dict, linked: dict) -> list[Position]:
    stance = event_stance(event)
    contexts = frozenset(record_contexts(event, linked))
    direct = bool(recipients(event))
    found = [
        Position(actor, issue_key(target), contexts, stance, event, direct)
        for actor, target in directed_pairs(event)
        if is_actor(actor) and is_actor(target) and issue_key(target) != issue_key(actor)
    ]
    claimant = (event.get("attribution") or {}).get("claimant")
    framed = load("stance")["claimed"].get(stance)
    if is_actor(claimant) and framed:
        found += [
            Position(claimant, issue_key(actor), contexts, framed, event, direct=False)
            for actor in holders(event)
            if is_actor(actor) and issue_key(actor) != issue_key(claimant)
        ]
    return found


def _statement_positions(statement: dict, gazetteer: Gazetteer, linked: dict) -> list[Position]:
    """Each stance word speaks of the actor named nearest to it: in "we could hit Moscow
    with sanctions if it spurns a deal with Ukraine" the threat is Russia's, not Ukraine's."""
    speaker = statement.get("speaker")
    if not is_actor(speaker):
        return []
    content = statement.get("content") or ""
    conditional = _conditional(content)
    by_target: dict[str, list[Cue]] = {}
    for cue in statement_cues(content):
        target = _cue_target(statement, cue, gazetteer, issue_key(speaker))
        if cue.polarity and target:
            by_target.setdefault(target, []).append(cue)
    contexts = frozenset(record_contexts(statement, linked))
    return [
        Position(speaker, target, contexts, _stance_of(cues, conditional), statement)
        for target, cues in sorted(by_target.items())
    ]


def _cue_target(statement: dict, cue: Cue, gazetteer: Gazetteer, speaker: str) -> str | None:
    """The actor nearest the cue in what was said; else nearest the quote in its
    sentence; else whom it was said to."""
    found = gazetteer.nearest(statement.get("content"), cue.at, exclude=speaker)
    if found:
        return found
    sentence = statement.get("sentence") or ""
    found = gazetteer.nearest(
        sentence, max(0, sentence.find(statement.get("content") or "")), speaker
    )
    addressed = [issue_key(e) for e in recipients(statement) if issue_key(e) != speaker]
    return found or next(iter(addressed), None)


# -- shifts -------------------------------------------------------------------------------


def shifts(
    records: Iterable[dict],
    *,
    actor: str | None = None,
    issue: str | None = None,
    context: str | None = None,
    since: str | None = None,
    until: str | None = None,
) -> list[dict]:
    """``shift`` records: changes of stance of an actor on an issue, by date.

    ``actor`` and ``issue`` are actor queries (names or ids); ``context`` keeps only
    positions of records with that PLOVER context and names it in the issue;
    ``since``/``until`` compare only positions of that period.
    """
    records = list(records)
    names = Names.of(records)
    found = positions(records)
    if actor:
        holder_query = ActorQuery.resolve(actor, records)
        found = [p for p in found if holder_query.matches(p.holder)]
    if issue:
        issue_query = ActorQuery.resolve(issue, records)
        wanted = issue_query.ids | issue_query.countries
        found = [p for p in found if p.target in wanted]
    if context:
        found = [p for p in found if context in p.contexts]
    found = [p for p in found if dates.in_range(p.date, since, until)]
    groups: dict[tuple[str, str], list[Position]] = {}
    for position in found:
        if dates.interval(position.date):
            groups.setdefault((entity_key(position.holder), position.target), []).append(position)
    result = [s for group in groups.values() for s in _group_shifts(group, names, context)]
    return sorted(result, key=lambda s: (*dates.sort_key(s["to"]["date"]), s["id"]))


class Report(NamedTuple):
    """A sentence saying the position changed: its position, the cue, the cue's degree."""

    position: Position
    cue: str
    degree: str


def _group_shifts(group: list[Position], names: Names, context: str | None) -> list[dict]:
    found = []
    episodes = _episodes(group)
    for earlier, later in zip([None, *episodes], episodes, strict=False):
        reported = _reported(later)
        degree = reported.degree if reported else _degree(earlier, later)
        if degree != "no flip":
            found.append(_shift(earlier, later, degree, reported, names, context))
    return found


def _episodes(group: list[Position]) -> list[list[Position]]:
    """Positions in date order, split where a gap exceeds ``episode_days``."""
    days = load("shifts")["episode_days"]
    ordered = sorted(group, key=lambda p: dates.sort_key(p.date))
    episodes: list[list[Position]] = []
    for position in ordered:
        start = dates.interval(position.date)[0]
        if episodes and (start - dates.interval(episodes[-1][0].date)[0]).days <= days:
            episodes[-1].append(position)
        else:
            episodes.append([position])
    return episodes


def _mean_score(episode: list[Position]) -> float:
    return mean(p.score for p in episode)


def _degree(earlier: list[Position] | None, later: list[Position]) -> str:
    if earlier is None:
        return "no flip"
    difference = abs(_mean_score(later) - _mean_score(earlier))
    for degree, threshold in load("shifts")["degrees"].items():
        if difference >= threshold:
            return degree
    return "no flip"


def _reported(episode: list[Position]) -> Report | None:
    """The first sentence of the episode that says the position changed, unless it also
    says the position was repeated."""
    table = load("shifts")
    changed, repeated = phrase_pattern(table["reported"]), phrase_pattern(table["repetition"])
    for position in episode:
        if changed.search(position.record.get("cue") or ""):
            continue  # "X reversed: <the old policy>": its content is what was left behind
        sentence = position.record.get("sentence") or ""
        cue = changed.search(sentence)
        if cue and not repeated.search(sentence):
            return Report(position, cue[0], table["reported"][cue[0].lower()])
    return None


def _representative(episode: list[Position]) -> Position:
    """The position nearest the episode's mean stance: direct and text-dated first."""
    centre = _mean_score(episode)
    return min(episode, key=lambda p: (abs(p.score - centre), not p.direct, dates.rank(p.date)))


def _shift(
    earlier: list[Position] | None,
    later: list[Position],
    degree: str,
    reported: Report | None,
    names: Names,
    context: str | None,
) -> dict:
    """The ``shift`` record; a reported shift with no earlier record starts from the
    opposite of where it ended, undated (the text says it reversed, not when)."""
    arrival = reported.position if reported else _representative(later)
    end = _end_point(arrival, arrival.stance, arrival.score if reported else _mean_score(later))
    if earlier:
        origin = _representative(earlier)
        start = _end_point(origin, origin.stance, _mean_score(earlier))
    else:
        stance = load("stance")["negated"].get(arrival.stance, "neutral")
        start = _end_point(arrival, stance, load("stance")["scores"][stance], dated=False)
    evidence = arrival.record if reported else {}
    target = arrival.target
    return {
        "record_type": "shift",
        "id": record_id(
            "shift",
            entity_key(arrival.holder),
            target,
            context,
            start["record_id"],
            end["record_id"],
        ),
        "article_id": evidence.get("article_id"),
        "sentence": evidence.get("sentence"),
        "start": evidence.get("start"),
        "end": evidence.get("end"),
        "actor": arrival.holder,
        "issue": {"target": target, "name": names(target), "context": context},
        "from": start,
        "to": end,
        "direction": _direction(start["score"], end["score"]),
        "degree": degree,
        "basis": "reported" if reported else "inferred",
        "cue": reported.cue if reported else None,
    }


def _direction(before: float, after: float) -> str:
    if after > before:
        return "more cooperative"
    return "more hostile" if after < before else "unclear"


def _end_point(position: Position, stance: str, score: float, *, dated: bool = True) -> dict:
    return {
        "date": position.date if dated else None,
        "stance": stance,
        "score": round(score, 2),
        "sentence": position.record.get("sentence"),
        "content": position.record.get("content"),
        "record_id": position.record["id"],
        "article_id": position.record.get("article_id"),
    }
