"""Time-tagging speed: articles/s of the tagger alone on parsed docs, against the parse.

    .venv/bin/python benchmarks/bench_time.py [FOLDER] [--repeat N]

FOLDER holds .txt articles (default ``../shared/seeds``); a ``YYYY-MM-DD`` prefix
of a file's name is its publication date. Both figures are measured in the same
run: the spaCy parse (the full default pipeline, via ``nlp.pipe``) and the
tagger over the parsed docs, each over ``--repeat`` passes.
"""

from __future__ import annotations

import argparse
import datetime as dt
import re
import time
from pathlib import Path

from dossier import nlp
from dossier.extract.time import tag

DEFAULT_FOLDER = Path(__file__).resolve().parents[2] / "shared" / "seeds"


def published(path: Path) -> dt.date | None:
    m = re.match(r"(\d{4}-\d{2}-\d{2})", path.name)
    return dt.date.fromisoformat(m.group(1)) if m else None


def per_second(count: int, seconds: float) -> float:
    return count / seconds if seconds else float("inf")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", nargs="?", type=Path, default=DEFAULT_FOLDER)
    parser.add_argument("--repeat", type=int, default=5, help="passes over the articles")
    args = parser.parse_args()

    paths = sorted(args.folder.rglob("*.txt"))
    if not paths:
        raise SystemExit(f"no .txt articles under {args.folder}")
    texts = [p.read_text(encoding="utf-8") for p in paths]
    anchors = [published(p) for p in paths]
    language = nlp.load()
    language("warm up")

    started = time.perf_counter()
    for _ in range(args.repeat):
        docs = list(language.pipe(texts, batch_size=32))
    parse_seconds = time.perf_counter() - started

    started = time.perf_counter()
    found = 0
    for _ in range(args.repeat):
        for doc, anchor in zip(docs, anchors, strict=True):
            found += len(tag(doc, anchor))
    tag_seconds = time.perf_counter() - started

    articles = len(texts) * args.repeat
    tokens = sum(len(d) for d in docs) * args.repeat
    tag_rate, parse_rate = per_second(articles, tag_seconds), per_second(articles, parse_seconds)
    print(f"{len(texts)} articles x {args.repeat} passes, {tokens // articles} tokens/article, "
          f"{found // args.repeat} timexes per pass")
    print(f"spaCy parse (baseline): {parse_rate:10.1f} articles/s")
    print(f"time tagger alone:      {tag_rate:10.1f} articles/s")
    print(f"ratio tagger/parse:     {tag_rate / parse_rate:10.1f}x")


if __name__ == "__main__":
    main()
