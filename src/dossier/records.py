"""The records dossier produces: plain dataclasses, one published JSON shape.

Every record carries the id of its article, the sentence it came from and the
character offsets (into the article's stored, normalised text) of its evidence.
``to_json`` gives the exported object that ``dossier schema`` describes.
"""

from __future__ import annotations

import dataclasses
import hashlib
from dataclasses import dataclass, field
from typing import Any

_FIELD_NAMES: dict[type, tuple[str, ...]] = {}


def plain(value: Any) -> Any:
    """A dataclass tree as JSON-ready dicts and lists.

    ``dataclasses.asdict`` deep-copies every leaf; records hold only strings, numbers
    and nested records, so a plain walk gives the same result for a fraction of the cost.
    """
    names = _FIELD_NAMES.get(type(value))
    if names is None and dataclasses.is_dataclass(value):
        names = _FIELD_NAMES[type(value)] = tuple(f.name for f in dataclasses.fields(value))
    if names is not None:
        return {name: plain(getattr(value, name)) for name in names}
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    return value


def record_id(record_type: str, *parts: object) -> str:
    """A stable id: the same evidence always gives the same id, so re-runs are idempotent."""
    digest = hashlib.sha1("\x1f".join(map(str, (record_type, *parts))).encode()).hexdigest()
    return f"{record_type[:2]}-{digest[:16]}"


@dataclass
class DateValue:
    """A resolved date: ``value`` is an ISO prefix (``2025-02-12``, ``2025-W07``, ``2025-08``).

    ``basis`` is ``text`` when the text says when, ``publication`` when only the
    article's date is known. ``start``/``end`` bound intervals ("since February 2022").
    """

    value: str | None
    granularity: str | None = None  # day, week, month, quarter, year, decade, century, time
    text: str | None = None
    basis: str = "text"
    start: str | None = None
    end: str | None = None


@dataclass
class Entity:
    """Who: a span resolved (where possible) to an actor of the knowledge base."""

    text: str
    name: str | None = None
    actor_id: str | None = None
    country: str | None = None  # ISO3, or IGO / NGO / IMG; None when unknown
    sector: str | None = None  # GOV, MIL, ... (CAMEO/PLOVER sector codes)
    kind: str = "unknown"  # person, state, igo, ngo, media, armed_group, region, place, population, unknown
    role: str | None = None  # the office held at the record's date
    start: int | None = None
    end: int | None = None
    #: where ``country`` comes from: "kb", "text", "location" (a generic agent given the
    #: state where the event happens, the CAMEO/PLOVER convention) or "actor" (people a
    #: state's police or courts act on, of that state) or "recipient" (protesters of no
    #: stated country, of the one state they protest against) or "context" (an office or
    #: body of no known state, in a sentence naming one state only); None when not recorded
    country_basis: str | None = None


@dataclass
class Article:
    id: str
    text: str
    title: str | None = None
    published: str | None = None  # ISO prefix
    published_precision: str | None = None  # day, month, year; None when undated
    source: str | None = None
    url: str | None = None
    path: str | None = None
    sha256: str | None = None
    canonical_id: str | None = None  # near-duplicate of this article
    record_type: str = "article"

    def to_json(self) -> dict[str, Any]:
        data = plain(self)
        data["article_id"] = self.id
        data["sentence"] = None
        data["start"] = 0
        data["end"] = len(self.text)
        return data


@dataclass
class Record:
    """Fields every extracted record shares: provenance into one article."""

    article_id: str
    sentence: str
    start: int
    end: int

    record_type = "record"

    @property
    def id(self) -> str:
        return record_id(self.record_type, self.article_id, self.start, self.end, *self.id_parts())

    def id_parts(self) -> tuple:
        return ()

    def to_json(self) -> dict[str, Any]:
        return {"record_type": self.record_type, "id": self.id, **plain(self)}


@dataclass
class Sentence(Record):
    record_type = "sentence"


@dataclass
class Timex(Record):
    """A TimeML TIMEX3: ``type`` DATE/TIME/DURATION/SET and its normalised ``value``."""

    text: str = ""
    type: str = "DATE"
    value: str = ""
    date: DateValue | None = None  # the calendar reading, for DATE/TIME values
    mod: str | None = None  # TimeML mod: BEFORE, AFTER, START, END, APPROX, ...

    record_type = "timex"


@dataclass
class Mention(Record):
    """A span naming (or referring to) an actor: names, titles, metonyms, pronouns."""

    text: str = ""
    label: str = ""  # NER label or KB rule that found it
    entity: Entity | None = None
    antecedent: int | None = None  # start offset of the mention a pronoun/title chains to

    record_type = "mention"


@dataclass
class Actor:
    """An actor as stored: from the KB, or made for one article (``article_id`` set)."""

    id: str
    name: str
    kind: str = "unknown"
    country: str | None = None
    sector: str | None = None
    roles: list[dict] = field(default_factory=list)
    descriptors: list[str] = field(default_factory=list)
    article_id: str | None = None
    record_type: str = "actor"

    def to_json(self) -> dict[str, Any]:
        data = plain(self)
        data.update(sentence=None, start=None, end=None)
        return data


@dataclass
class Statement(Record):
    """Who said what: speaker, cue, content (spans as offsets), to whom, where, when."""

    speaker: Entity | None = None
    cue: str = ""
    cue_lemma: str = ""
    content: str = ""
    kind: str = "indirect"  # direct, indirect, mixed
    addressee: Entity | None = None
    venue: str | None = None
    date: DateValue | None = None
    speaker_span: list[list[int]] = field(default_factory=list)
    cue_span: list[list[int]] = field(default_factory=list)
    content_span: list[list[int]] = field(default_factory=list)

    record_type = "statement"


@dataclass
class Location:
    name: str
    country: str | None = None
    lat: float | None = None
    lon: float | None = None


@dataclass
class Attribution:
    """Whether the article asserts an event or an actor claims it."""

    by: str = "article"  # article, actor
    claimant: Entity | None = None
    statement_id: str | None = None


@dataclass
class Event(Record):
    """A PLOVER event: ``actor`` and ``recipient`` are lists of entities."""

    actor: list[Entity] = field(default_factory=list)
    recipient: list[Entity] = field(default_factory=list)
    type: str = ""
    mode: str | None = None
    modes: list[str] = field(default_factory=list)  # all modes, when several (mode is the first)
    contexts: list[str] = field(default_factory=list)
    cameo: str | None = None
    intensity: float | None = None
    factuality: str = "asserted"  # asserted, negated, hypothetical, conditional, future, historical
    condition: str | None = None
    deadline: DateValue | None = None
    attribution: Attribution = field(default_factory=Attribution)
    date: DateValue | None = None
    location: Location | None = None
    trigger: str = ""
    trigger_span: list[int] = field(default_factory=list)

    record_type = "event"

    def id_parts(self) -> tuple:
        return (self.type, self.trigger)


RECORD_TYPES = {cls.record_type: cls for cls in (Sentence, Timex, Mention, Statement, Event)}
