"""Runs the configured extractor components over articles.

The pipeline is a list of component names (``DEFAULT_COMPONENTS``, or a user's
config); its version string names each component's version and the spaCy model,
so the store can tell which articles need re-extracting when it changes.
"""

from __future__ import annotations

import datetime as dt
import importlib
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
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
    kb_files: tuple[str, ...] = ()

    @classmethod
    def default(cls, model: str | None = None, kb_files: Iterable[str] = ()) -> Pipeline:
        return cls(tuple(available(DEFAULT_COMPONENTS)), nlp.model_name(model), tuple(kb_files))

    @property
    def kb(self):
        """The knowledge base with the user's files merged in (loaded once per process)."""
        from dossier import kb

        return kb.load(self.kb_files)

    @property
    def version(self) -> str:
        _import_components()
        parts = [f"{name}@{get_component(name)[1]}" for name in self.components]
        return f"dossier-{__version__}|{self.model}|{','.join(parts)}"

    def run(
        self, articles: Iterable[Article], batch_size: int = 16
    ) -> Iterator[tuple[Article, list[Record]]]:
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
            kb=self.kb if "actors" in self.components else None,
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


Outcome = tuple[str, list[Record], str | None]


def extract_batch(articles: list[Article], pipeline: Pipeline) -> list[Outcome]:
    """Run ``pipeline`` over one batch: (article id, records, error) for each article.

    This is the unit of work that runs in-process or on a Dask worker; an article
    whose extraction fails is reported, not lost, and the batch goes on.
    """
    try:
        return [
            (a.id, records, None) for a, records in pipeline.run(articles, batch_size=len(articles))
        ]
    except Exception:  # retry one by one to name the failing article
        outcomes: list[Outcome] = []
        for article in articles:
            try:
                outcomes.extend((a.id, r, None) for a, r in pipeline.run([article]))
            except Exception as err:
                outcomes.append((article.id, [], f"{type(err).__name__}: {err}"))
        return outcomes


def run_batches(
    articles: list[Article],
    pipeline: Pipeline,
    *,
    batch_size: int = 8,
    workers: int = 1,
    scheduler: str | None = None,
    client=None,
) -> Iterator[Outcome]:
    """Extract ``articles`` in batches: in this process, or on Dask when asked.

    ``workers`` > 1 starts a local Dask cluster of that many single-threaded worker
    processes; ``scheduler`` connects to an existing cluster; ``client`` uses a Dask
    client the caller holds. Results stream back in completion order so the caller
    can store each as it arrives.
    """
    batches = [articles[i : i + batch_size] for i in range(0, len(articles), batch_size)]
    if client is not None:
        yield from _run_on_client(client, batches, pipeline)
    elif workers > 1 or scheduler:
        with dask_client(workers, scheduler) as own_client:
            yield from _run_on_client(own_client, batches, pipeline)
    else:
        for batch in batches:
            yield from extract_batch(batch, pipeline)


@contextmanager
def dask_client(workers: int, scheduler: str | None = None):
    """A Dask client: on the cluster at ``scheduler``, or on a new local cluster."""
    from dask.distributed import Client, LocalCluster

    if scheduler:
        with Client(scheduler) as client:
            yield client
        return
    with (
        LocalCluster(
            n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None
        ) as cluster,
        Client(cluster) as client,
    ):
        yield client


def warm_up(client, pipeline: Pipeline) -> None:
    """Load the model and KB on every worker, so timings measure extraction alone."""
    client.run(lambda: extract_batch([Article(id="warm-up", text="Warm up.")], pipeline))


def _run_on_client(client, batches, pipeline: Pipeline) -> Iterator[Outcome]:
    from dask.distributed import as_completed

    futures = [client.submit(extract_batch, batch, pipeline, pure=False) for batch in batches]
    for future in as_completed(futures):
        yield from future.result()
