"""WARC files (``.warc``, ``.warc.gz``; warcio): each HTML response becomes an Article.

Only ``response`` records with HTTP status 200 and an HTML content type are read;
requests, metadata, redirects and non-HTML payloads are passed over. The URL is
the record's ``WARC-Target-URI``. ``WARC-Date`` is the crawl time, not the
publication date, so it is never used: the date comes from the page or is None.
A WARC is streamed: the size limit applies to each record's payload.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from dossier.ingest.base import Options
from dossier.ingest.decode import megabytes
from dossier.ingest.errors import IngestError
from dossier.ingest.html import article_from_html
from dossier.records import Article

_HTML_TYPES = ("text/html", "application/xhtml+xml")


def read_warc_file(path: Path, options: Options) -> Iterator[Article | IngestError]:
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    if path.stat().st_size == 0:
        raise IngestError(str(path), "empty file")
    with open(path, "rb") as stream:
        try:
            for record in ArchiveIterator(stream):
                if _is_html_page(record):
                    yield _article(record, str(path), options)
        except ArchiveLoadFailed as exc:
            yield IngestError(str(path), f"not a readable WARC file: {exc}")


def _is_html_page(record) -> bool:
    if record.rec_type != "response" or record.http_headers is None:
        return False
    content_type = (record.http_headers.get_header("Content-Type") or "").lower()
    return record.http_headers.get_statuscode() == "200" and content_type.startswith(_HTML_TYPES)


def _article(record, path: str, options: Options) -> Article | IngestError:
    url = record.rec_headers.get_header("WARC-Target-URI")
    payload = record.content_stream().read(options.max_bytes + 1)
    if len(payload) > options.max_bytes:
        return IngestError(path, f"{url}: page is over the {megabytes(options.max_bytes)} limit")
    try:
        return article_from_html(payload, path=path, options=options, url=url)
    except IngestError as error:
        return IngestError(path, f"{url}: {error.reason}")
