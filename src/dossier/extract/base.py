"""The extraction context and the registry of named extractor components.

A component is a pure function ``(doc, ctx) -> list[Record]``: it reads the spaCy
``Doc`` of one article and what earlier components put in ``ctx``, and returns new
records. Components are registered by name (as spaCy registers its factories) and
run in the order the pipeline config names them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from dossier.records import Entity, Event, Mention, Record, Statement, Timex

if TYPE_CHECKING:
    from spacy.tokens import Doc

Component = Callable[["Doc", "Context"], list[Record]]

_REGISTRY: dict[str, tuple[Component, str]] = {}


def register(name: str, version: str = "1") -> Callable[[Component], Component]:
    """Register an extractor under ``name``; bump ``version`` when its output changes."""

    def wrap(fn: Component) -> Component:
        _REGISTRY[name] = (fn, version)
        return fn

    return wrap


def get_component(name: str) -> tuple[Component, str]:
    if name not in _REGISTRY:
        raise KeyError(
            f"no extractor component named {name!r} (known: {', '.join(sorted(_REGISTRY))})"
        )
    return _REGISTRY[name]


def registered() -> dict[str, str]:
    return {name: version for name, (_, version) in _REGISTRY.items()}


@dataclass
class Context:
    """What one article's extraction knows: its id and date, the KB, and earlier results."""

    article_id: str
    published: dt.date | None = None
    kb: Any = None  # dossier.kb.KnowledgeBase
    title: str | None = None
    records: list[Record] = field(default_factory=list)
    _by_type: dict[type, tuple[int, list]] = field(default_factory=dict, repr=False)

    def of_type(self, cls: type) -> list:
        """Records of one type; cached until components add more (entity_for asks often)."""
        cached = self._by_type.get(cls)
        if cached is None or cached[0] != len(self.records):
            cached = (len(self.records), [r for r in self.records if isinstance(r, cls)])
            self._by_type[cls] = cached
        return cached[1]

    @property
    def timexes(self) -> list[Timex]:
        return self.of_type(Timex)

    @property
    def mentions(self) -> list[Mention]:
        return self.of_type(Mention)

    @property
    def statements(self) -> list[Statement]:
        return self.of_type(Statement)

    @property
    def events(self) -> list[Event]:
        return self.of_type(Event)

    def entity_for(self, start: int, end: int) -> Entity | None:
        """The resolved entity of the mention that best covers chars ``start:end``.

        Prefers a mention inside the span with a resolved actor, then the longest one;
        statements and events call this for their speaker/actor/recipient spans.
        """
        best: Mention | None = None
        for m in self.mentions:
            if m.entity is None or m.start >= end or m.end <= start:
                continue
            if best is None or _mention_rank(m) > _mention_rank(best):
                best = m
        return best.entity if best else None


def _mention_rank(m: Mention) -> tuple[int, int]:
    return (1 if m.entity and m.entity.actor_id else 0, m.end - m.start)
