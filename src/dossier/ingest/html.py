"""HTML pages (files, fetched URLs, WARC records) through trafilatura, and HTML fragments.

A page gives its main text, title, date (from the page's metadata only: no
search through the body text, which would pick any date mentioned), site name
(as ``source``) and URL (canonical link or ``og:url``; the caller's URL for
fetched pages and WARC records, where we know where the page came from).
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

from dossier.ingest.base import Options, file_id, make_article
from dossier.ingest.decode import check_not_binary, read_limited
from dossier.ingest.errors import IngestError
from dossier.records import Article

_DATE_PARAMS = {"extensive_search": False, "original_date": True}
_BLOCK_TAGS = frozenset(
    [
        "p",
        "div",
        "br",
        "li",
        "ul",
        "ol",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "tr",
        "table",
        "blockquote",
        "section",
        "article",
        "header",
        "footer",
        "pre",
        "figure",
        "figcaption",
        "hr",
        "dd",
        "dt",
    ]
)
_SKIPPED_TAGS = frozenset(("script", "style", "noscript", "template"))


def read_html_file(path: Path, options: Options) -> Article:
    data = read_limited(path, options.max_bytes)
    return article_from_html(data, path=str(path), options=options, id=file_id(path.name))


def article_from_html(
    html: bytes | str,
    *,
    path: str,
    options: Options,
    url: str | None = None,
    id: str | None = None,
) -> Article:
    """An Article from a page; ``url``, when given, is where it was fetched from."""
    import trafilatura  # heavy import, only when HTML is read

    if isinstance(html, bytes):
        check_not_binary(html, path)
    elif not html.strip():
        raise IngestError(path, "empty file")
    document = trafilatura.bare_extraction(
        html,
        url=url,
        with_metadata=True,
        include_comments=False,
        date_extraction_params=_DATE_PARAMS,
    )
    if document is None or not (document.text or "").strip():
        raise IngestError(path, "no article text found in the HTML")
    return make_article(
        document.text,
        path=path,
        options=options,
        id=id,
        title=document.title,
        date=document.date,
        url=url or document.url,
        source=document.sitename,
    )


def html_to_text(fragment: str) -> str:
    """Plain text of an HTML fragment (a feed entry): block elements become line breaks."""
    parser = _TextParser()
    parser.feed(fragment)
    parser.close()
    lines = (" ".join(line.split()) for line in "".join(parser.parts).split("\n"))
    return re.sub(r"\n{2,}", "\n", "\n".join(lines)).strip()


class _TextParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping = 0

    def handle_starttag(self, tag: str, attrs) -> None:
        if tag in _SKIPPED_TAGS:
            self.skipping += 1
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIPPED_TAGS:
            self.skipping = max(0, self.skipping - 1)
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.parts.append(data)
