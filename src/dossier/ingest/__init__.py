"""Ingestion: files, folders, globs, URLs and stdin in; Articles (or errors) out.

>>> for item in read(["corpus/", "https://example.org/feed.rss"]):
...     store(item) if isinstance(item, Article) else report(item)

:func:`read` is lazy: it reads one input at a time and yields each Article as it
is made, so the caller can store each in its own transaction. Every problem is an
:class:`IngestError` in the same stream; reading goes on with the next record or
input. Readers by input: :mod:`.text` (``.txt``, ``.md``), :mod:`.html`
(``.html``, ``.htm``), :mod:`.tabular` (``.json``, ``.jsonl``, ``.ndjson``,
``.csv``), :mod:`.feeds` (``.rss``, ``.atom``, ``.xml``), :mod:`.warc`
(``.warc``, ``.warc.gz``), :mod:`.fetch` (http/https URLs) and ``-`` (stdin:
JSON Lines when its first non-space character is ``{``, else text).
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from dossier.ingest.base import FIELDS, Options
from dossier.ingest.dates import ParsedDate, parse_date
from dossier.ingest.decode import decode_bytes, read_stream_limited
from dossier.ingest.dedup import NearDuplicateIndex
from dossier.ingest.errors import IngestError
from dossier.ingest.feeds import read_feed_file
from dossier.ingest.fetch import is_url, read_url
from dossier.ingest.html import read_html_file
from dossier.ingest.normalize import normalize_text, text_sha256
from dossier.ingest.sources import STDIN, expand, kind_of
from dossier.ingest.tabular import (
    read_csv_file,
    read_json_file,
    read_jsonl_file,
    records_from_lines,
)
from dossier.ingest.text import article_from_text, read_text_file
from dossier.ingest.warc import read_warc_file
from dossier.records import Article

__all__ = [
    "IngestError",
    "IngestRun",
    "NearDuplicateIndex",
    "ParsedDate",
    "normalize_text",
    "parse_date",
    "read",
    "text_sha256",
]

Result = Article | IngestError

_FILE_READERS: dict[str, Callable[[Path, Options], Article | Iterable[Result]]] = {
    "text": read_text_file,
    "html": read_html_file,
    "json": read_json_file,
    "jsonl": read_jsonl_file,
    "csv": read_csv_file,
    "feed": read_feed_file,
    "warc": read_warc_file,
}


def read(
    sources: Iterable[str],
    *,
    date: str | None = None,
    field_map: dict | None = None,
    source: str | None = None,
    max_bytes: int = 20_000_000,
    timeout: float = 20.0,
) -> IngestRun:
    """Articles and errors from ``sources``, lazily, in order.

    ``date`` and ``source``, when given, are set on every article (they win over
    what the inputs say). ``field_map`` renames record fields (``{"text": "body"}``).
    A single string is one source. Bad options raise ValueError here, at the call;
    bad inputs are yielded.
    """
    unknown = set(field_map or {}) - {*FIELDS, "published"}
    if unknown:
        raise ValueError(
            f"unknown fields in field_map: {', '.join(sorted(unknown))} (known: {', '.join(FIELDS)})"
        )
    options = Options(
        date=parse_date(date) if date else None,
        source=source,
        field_map=dict(field_map or {}),
        max_bytes=max_bytes,
        timeout=timeout,
    )
    return IngestRun([sources] if isinstance(sources, str) else sources, options)


class IngestRun(Iterator[Result]):
    """The iterator :func:`read` returns; ``skipped`` lists the files passed over."""

    def __init__(self, sources: Iterable[str], options: Options) -> None:
        self.options = options
        self.skipped: list[str] = []
        self._results = self._run(sources)

    def __next__(self) -> Result:
        return next(self._results)

    def _run(self, sources: Iterable[str]) -> Iterator[Result]:
        for item in expand(sources, self.skipped.append):
            if isinstance(item, IngestError):
                yield item
            else:
                yield from _guarded(item, self.options)


def _guarded(source: str, options: Options) -> Iterator[Result]:
    """Everything one input gives; any failure becomes an error and reading goes on.

    Failures other than IngestError (an OSError, a parser's own exception) are
    caught here too, so that one odd file never stops a long run.
    """
    try:
        yield from _read_one(source, options)
    except IngestError as error:
        yield error
    except Exception as exc:  # noqa: BLE001 - reported as a value, see docstring
        yield IngestError(source, f"{type(exc).__name__}: {exc}")


def _read_one(source: str, options: Options) -> Iterator[Result]:
    if source == STDIN:
        yield from _read_stdin(options)
    elif is_url(source):
        yield from read_url(source, options)
    else:
        result = _FILE_READERS[kind_of(source)](Path(source), options)
        yield from [result] if isinstance(result, Article) else result


def _read_stdin(options: Options) -> Iterator[Result]:
    data = read_stream_limited(sys.stdin.buffer, options.max_bytes, STDIN)
    text = decode_bytes(data, STDIN)
    if text.lstrip().startswith("{"):
        lines = (line.encode("utf-8") for line in text.split("\n"))
        yield from records_from_lines(lines, STDIN, Path.cwd(), options)
    else:
        yield article_from_text(text, path=STDIN, options=options)
