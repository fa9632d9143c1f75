"""``dossier code``: PLOVER-code standalone sentences, line by line, like other coders.

Input lines are ``{"id", "text", "date"}``; output lines ``{"id", "events": [...]}``
with the schema's event objects, so dossier can be compared with PETRARCH2 or NGEC
sentence by sentence. A bad line is reported (as a string naming the line) and
skipped; the others are coded.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator

from dossier.extract.pipeline import Pipeline
from dossier.ingest.dates import parse_date
from dossier.records import Article, Event


def _article(line: str, where: str) -> Article | str:
    try:
        item = json.loads(line)
    except json.JSONDecodeError as err:
        return f"{where}: not JSON ({err.msg})"
    if not isinstance(item, dict) or not isinstance(item.get("text"), str):
        return f'{where}: expected an object with a "text" string'
    published = None
    if item.get("date"):
        try:
            published = parse_date(str(item["date"])).value
        except ValueError as err:
            return f"{where}: {err}"
    return Article(id=str(item.get("id", where)), text=item["text"], published=published)


def code_sentences(articles: Iterable[Article], pipeline: Pipeline | None = None) -> Iterator[dict]:
    """``{"id", "events"}`` for each article (a sentence or a short text)."""
    pipeline = pipeline or Pipeline.default()
    for article, records in pipeline.run(articles):
        events = [r.to_json() for r in records if isinstance(r, Event)]
        yield {"id": article.id, "events": events}


def code_lines(lines: Iterable[str], source: str = "-", chunk: int = 64) -> Iterator[dict | str]:
    """Code JSON lines in chunks; yields output objects, or an error string for a bad line."""
    pipeline = Pipeline.default()
    good: list[Article] = []
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        parsed = _article(line, f"{source}: line {number}")
        if isinstance(parsed, str):
            yield parsed
            continue
        good.append(parsed)
        if len(good) == chunk:
            yield from code_sentences(good, pipeline)
            good = []
    yield from code_sentences(good, pipeline)
