"""Runs the configured extractor components over articles.

The pipeline is a list of component names (``DEFAULT_COMPONENTS``, or a user's
config); its version string names each component's version and the spaCy model,
so the store can tell which articles need re-extracting when it changes.
"""

from __future__ import annotations

import datetime as dt
import importlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from dossier import __version__, nlp
from dossier.extract.base import Context, get_component
from dossier.records import Article, Record

#: Modules whose import registers components; a component named here must be registered.
COMPONENT_MODULES = (
    "dossier.extract.sentences",
    "dossier.extract.time",
    "dossier.extract.actors",
    "dossier.extract.statements",
    "dossier.extract.events",
)

DEFAULT_COMPONENTS = ("sentences", "time", "actors", "statements", "events")

#: Stand-ins used while a default component is not installed.
FALLBACKS = {"actors": "entities"}


def _import_components() -> None:
    for module in COMPONENT_MODULES:
        try:
            importlib.import_module(module)
        except ModuleNotFoundError as err:
            if err.name != module:
                raise


def available(names: Iterable[str]) -> list[str]:
    """The names that are registered, in order (issues land components one by one)."""
    _import_components()
    from dossier.extract.base import registered

    known = registered()
    chosen = (n if n in known else FALLBACKS.get(n) for n in names)
    return [n for n in chosen if n in known]


@dataclass
class Pipeline:
    components: tuple[str, ...]
    model: str
    kb: object = None

    @classmethod
    def default(cls, model: str | None = None, kb: object = None) -> Pipeline:
        return cls(tuple(available(DEFAULT_COMPONENTS)), nlp.model_name(model), kb)

    @property
    def version(self) -> str:
        _import_components()
        parts = [f"{name}@{get_component(name)[1]}" for name in self.components]
        return f"dossier-{__version__}|{self.model}|{','.join(parts)}"

    def run(self, articles: Iterable[Article], batch_size: int = 16) -> Iterator[tuple[Article, list[Record]]]:
        """Yield each article with its records; spaCy parses in batches."""
        _import_components()
        language = nlp.load(self.model)
        fns = [get_component(name)[0] for name in self.components]
        pairs = ((a.text, a) for a in articles)
        for doc, article in language.pipe(pairs, as_tuples=True, batch_size=batch_size):
            yield article, self.run_doc(doc, article, fns)

    def run_doc(self, doc, article: Article, fns=None) -> list[Record]:
        if fns is None:
            fns = [get_component(name)[0] for name in self.components]
        ctx = Context(
            article_id=article.id,
            published=parse_published(article.published),
            kb=self.kb,
            title=article.title,
        )
        for fn in fns:
            ctx.records.extend(fn(doc, ctx))
        return ctx.records


def parse_published(value: str | None) -> dt.date | None:
    """The anchor date of an article: its publication day (first of month/year if coarser)."""
    if not value:
        return None
    parts = value[:10].split("-")
    try:
        year = int(parts[0])
        month = int(parts[1]) if len(parts) > 1 else 1
        day = int(parts[2]) if len(parts) > 2 else 1
        return dt.date(year, month, day)
    except (ValueError, IndexError):
        return None
