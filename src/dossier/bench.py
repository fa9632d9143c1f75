"""``dossier bench``: extraction speed against bare spaCy on the same texts, in one run.

The baseline is ``nlp.pipe`` of the same model over the same texts, timed in the same
process; each side runs twice, interleaved (bare, dossier, bare, dossier), and the
faster run of each counts, so the ratio is not skewed by a warm-up or by the machine's
load drifting during the run. Dossier's runs include storing every record in SQLite.
"""

from __future__ import annotations

import resource
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from dossier import ingest, nlp
from dossier.extract import pipeline as pipeline_module
from dossier.ingest.errors import IngestError
from dossier.records import Article
from dossier.store import Store


@dataclass
class BenchResult:
    articles: int
    tokens: int
    baseline_s: float
    dossier_s: float
    peak_rss_mb: float
    pipeline_version: str
    workers: dict[int, float] = field(default_factory=dict)  # n workers -> seconds
    worker_rss_mb: float | None = None

    def rate(self, seconds: float) -> tuple[float, float]:
        return self.articles / seconds, self.tokens / seconds

    def format(self) -> str:
        base_a, base_t = self.rate(self.baseline_s)
        ours_a, ours_t = self.rate(self.dossier_s)
        lines = [
            f"articles: {self.articles}, tokens: {self.tokens}",
            f"pipeline: {self.pipeline_version}",
            f"bare spaCy nlp.pipe:     {base_a:8.2f} articles/s {base_t:10.0f} tokens/s",
            f"dossier extract (1 proc): {ours_a:8.2f} articles/s {ours_t:10.0f} tokens/s",
            f"ratio dossier / bare spaCy tokens/s: {ours_t / base_t:.3f}",
            f"peak RSS (this process): {self.peak_rss_mb:.0f} MB",
        ]
        one_worker = self.workers.get(1)
        for n, seconds in sorted(self.workers.items()):
            w_a, w_t = self.rate(seconds)
            line = (
                f"dossier extract ({n} Dask worker(s)): {w_a:8.2f} articles/s {w_t:10.0f} tokens/s, "
                f"speed-up over 1 process: {self.dossier_s / seconds:.2f}x"
            )
            if one_worker and n > 1:
                line += f", over 1 Dask worker: {one_worker / seconds:.2f}x"
            lines.append(line)
        if self.worker_rss_mb is not None:
            lines.append(f"peak RSS per Dask worker: {self.worker_rss_mb:.0f} MB")
        return "\n".join(lines)


def read_folder(folder: Path, limit: int | None = None) -> list[Article]:
    articles = [a for a in ingest.read([str(folder)]) if not isinstance(a, IngestError)]
    return articles[:limit] if limit else articles


def _time_bare(language, texts: list[str]) -> float:
    started = time.perf_counter()
    for _doc in language.pipe(texts, batch_size=8):
        pass
    return time.perf_counter() - started


def _time_dossier(articles, pipeline, store: Store, **options) -> float:
    run_id = store.start_run(pipeline.version)
    started = time.perf_counter()
    for article_id, records, _error in pipeline_module.run_batches(articles, pipeline, **options):
        store.save_extraction(article_id, records, pipeline.version, run_id)
    return time.perf_counter() - started


def _fresh_store(tmp: str, name: str, articles: list[Article]) -> Store:
    store = Store(str(Path(tmp) / f"{name}.db"))
    for article in articles:
        store.add_article(article, None, None)
    return store


def _peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run_bench(
    folder: Path, *, workers: int = 1, model: str | None = None, limit: int | None = None
) -> BenchResult:
    articles = read_folder(folder, limit)
    if not articles:
        raise ValueError(f"{folder}: no readable articles")
    language = nlp.load(model)
    pipeline = pipeline_module.Pipeline.default(model)
    texts = [a.text for a in articles]
    tokens = sum(len(language.tokenizer(t)) for t in texts)
    pipeline.run_doc(language(texts[0]), articles[0])  # load KB, lexicons, models
    with tempfile.TemporaryDirectory() as tmp:
        baseline = _time_bare(language, texts)
        ours = _time_dossier(articles, pipeline, _fresh_store(tmp, "one", articles), batch_size=8)
        baseline = min(baseline, _time_bare(language, texts))
        ours = min(ours, _time_dossier(articles, pipeline, _fresh_store(tmp, "two", articles)))
        result = BenchResult(
            len(articles), tokens, baseline, ours, _peak_rss_mb(), pipeline.version
        )
        for n in sorted({1, workers}) if workers > 1 else ():
            with pipeline_module.dask_client(n) as client:
                pipeline_module.warm_up(client, pipeline)
                batch = max(1, len(articles) // (n * 4))
                result.workers[n] = min(
                    _time_dossier(
                        articles,
                        pipeline,
                        _fresh_store(tmp, f"workers-{n}-{run}", articles),
                        batch_size=batch,
                        client=client,
                    )
                    for run in range(2)
                )
                peaks = client.run(_peak_rss_mb)
                result.worker_rss_mb = max(peaks.values())
    return result
