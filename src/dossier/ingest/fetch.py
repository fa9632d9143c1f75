"""URLs (http and https only): fetched with urllib, then read as HTML, a feed or text.

The content type decides (HTML, RSS/Atom/XML, plain text); when it says nothing
useful the bytes are sniffed. Every failure (DNS, refused connection, HTTP
status, timeout, size) is an :class:`IngestError` naming the URL.
"""

from __future__ import annotations

import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass

from dossier.ingest.base import Options
from dossier.ingest.decode import decode_bytes, megabytes, read_stream_limited
from dossier.ingest.errors import IngestError
from dossier.ingest.feeds import articles_from_feed, looks_like_feed
from dossier.ingest.html import article_from_html
from dossier.ingest.text import article_from_text
from dossier.records import Article

USER_AGENT = "dossier/0.1 (+https://github.com/dossier)"
_FEED_TYPES = (
    "application/rss+xml",
    "application/atom+xml",
    "application/rdf+xml",
    "application/xml",
    "text/xml",
)


@dataclass(frozen=True)
class Response:
    url: str  # after redirects
    content_type: str
    data: bytes


def is_url(source: str) -> bool:
    return source.lower().startswith(("http://", "https://"))


def read_url(url: str, options: Options) -> Iterator[Article | IngestError]:
    response = fetch(url, timeout=options.timeout, max_bytes=options.max_bytes)
    kind = response.content_type
    if kind.startswith(_FEED_TYPES) or (
        not kind.startswith("text/html") and looks_like_feed(response.data)
    ):
        yield from articles_from_feed(response.data, path=url, options=options)
    elif kind.startswith("text/plain"):
        yield article_from_text(decode_bytes(response.data, url), path=url, options=options)
    elif (
        kind.startswith(("text/html", "application/xhtml+xml"))
        or response.data.lstrip()[:1] == b"<"
    ):
        yield article_from_html(response.data, path=url, options=options, url=response.url)
    else:
        raise IngestError(url, f"unsupported content type {kind or 'unknown'!r}")


def fetch(url: str, *, timeout: float, max_bytes: int) -> Response:
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as reply:
            _check_length(reply, url, max_bytes)
            data = read_stream_limited(reply, max_bytes, url)
            return Response(reply.geturl(), reply.headers.get_content_type(), data)
    except urllib.error.HTTPError as exc:
        raise IngestError(url, f"fetch failed: HTTP {exc.code} {exc.reason}") from None
    except urllib.error.URLError as exc:
        raise IngestError(url, f"fetch failed: {_reason(exc.reason, timeout)}") from None
    except TimeoutError:
        raise IngestError(url, f"fetch failed: timed out after {timeout:g} s") from None
    except OSError as exc:
        raise IngestError(url, f"fetch failed: {exc}") from None


def _check_length(reply, url: str, max_bytes: int) -> None:
    length = reply.headers.get("Content-Length")
    if length and length.isdigit() and int(length) > max_bytes:
        raise IngestError(
            url, f"response is {megabytes(int(length))}, over the {megabytes(max_bytes)} limit"
        )


def _reason(reason: object, timeout: float) -> str:
    if isinstance(reason, TimeoutError):
        return f"timed out after {timeout:g} s"
    return str(reason)
