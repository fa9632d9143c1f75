"""Time each extractor component against the spaCy parse on a folder of .txt articles.

    .venv/bin/python scripts/bench_events.py ../shared/data/quotes/polnear/dev/text

Parses every text once (``nlp.pipe``), then runs the default components on each doc,
timing them separately, so the events component's cost is shown as a share of the
parse it reads.
"""

from __future__ import annotations

import sys
import time
from collections import defaultdict
from pathlib import Path

from dossier import nlp
from dossier.extract.base import Context, get_component
from dossier.extract.pipeline import Pipeline


def main(folder: str, limit: int = 200) -> None:
    texts = [p.read_text(encoding="utf-8") for p in sorted(Path(folder).glob("*.txt"))[:limit]]
    language = nlp.load()
    pipeline = Pipeline.default()
    list(language.pipe(texts[:2]))  # warm up
    start = time.perf_counter()
    docs = list(language.pipe(texts, batch_size=16))
    parse_s = time.perf_counter() - start
    tokens = sum(len(d) for d in docs)
    spent: dict[str, float] = defaultdict(float)
    fns = [(name, get_component(name)[0]) for name in pipeline.components]
    warm_up = [language("Officials from Chile and Peru met in Lima on Monday."), *docs[:2]]
    for doc in warm_up:  # load lexicons, gazetteers and models before timing
        warm = Context(article_id="warm-up")
        for _, fn in fns:
            warm.records.extend(fn(doc, warm))
    for i, doc in enumerate(docs):
        ctx = Context(article_id=str(i))
        for name, fn in fns:
            start = time.perf_counter()
            ctx.records.extend(fn(doc, ctx))
            spent[name] += time.perf_counter() - start
    total = parse_s + sum(spent.values())
    print(f"{len(docs)} articles, {tokens} tokens")
    print(f"spaCy parse: {parse_s:.2f} s, {tokens / parse_s:.0f} tokens/s")
    for name, seconds in spent.items():
        print(f"  {name:<12} {seconds:6.2f} s  {100 * seconds / parse_s:5.1f} % of parse")
    print(f"pipeline: {tokens / total:.0f} tokens/s = {parse_s / total:.2f} of bare spaCy")


if __name__ == "__main__":
    main(sys.argv[1])
