"""RSS and Atom feeds (feedparser): each entry becomes an Article.

An entry gives title, link (``url``), date (``published``, else ``updated``, as
the feed wrote it), text (the longest ``content`` value, else ``summary``, with
HTML stripped) and ``source`` (the feed's title). An entry without text is an
error for that entry; the other entries still come.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

from dossier.ingest.base import Options, make_article
from dossier.ingest.dates import ParsedDate, parse_date
from dossier.ingest.decode import check_not_binary, read_limited
from dossier.ingest.errors import IngestError
from dossier.ingest.html import html_to_text
from dossier.records import Article


def read_feed_file(path: Path, options: Options) -> Iterator[Article | IngestError]:
    yield from articles_from_feed(
        read_limited(path, options.max_bytes), path=str(path), options=options
    )


def looks_like_feed(data: bytes) -> bool:
    """A cheap sniff for fetched XML: an ``<rss``, ``<feed`` or ``<rdf:RDF`` root near the top."""
    head = data[:2048].lower()
    return any(tag in head for tag in (b"<rss", b"<feed", b"<rdf:rdf"))


def articles_from_feed(
    data: bytes, *, path: str, options: Options
) -> Iterator[Article | IngestError]:
    import feedparser

    check_not_binary(data, path)
    feed = feedparser.parse(data)
    if not feed.version and not feed.entries:
        problem = getattr(feed, "bozo_exception", None)
        raise IngestError(path, "not an RSS/Atom feed" + (f" ({problem})" if problem else ""))
    if not feed.entries:
        raise IngestError(path, "feed has no entries")
    source = feed.feed.get("title")
    for number, entry in enumerate(feed.entries, start=1):
        try:
            yield _article(entry, path=path, options=options, source=source)
        except IngestError as error:
            yield IngestError(
                path, f"entry {number} ({entry.get('title', 'untitled')}): {error.reason}"
            )


def _article(entry, *, path: str, options: Options, source: str | None) -> Article:
    return make_article(
        _entry_text(entry),
        path=path,
        options=options,
        title=entry.get("title"),
        date=_entry_date(entry),
        url=entry.get("link"),
        source=source,
    )


def _entry_date(entry) -> str | ParsedDate | None:
    """The date as written; feedparser's own (UTC) reading when ours fails on it.

    ``dict.get`` reads the keys as they are: feedparser's own ``get`` maps a
    missing ``updated`` to ``published`` with a DeprecationWarning.
    """
    raw = dict.get(entry, "published") or dict.get(entry, "updated")
    fallback = dict.get(entry, "published_parsed") or dict.get(entry, "updated_parsed")
    try:
        return parse_date(raw) if raw else None
    except ValueError:
        return ParsedDate(time.strftime("%Y-%m-%d", fallback), "day") if fallback else raw


def _entry_text(entry) -> str:
    values = [part.get("value", "") for part in entry.get("content", [])]
    best = max(values, key=len, default="") or entry.get("summary", "")
    return html_to_text(best)
