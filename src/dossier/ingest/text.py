"""Plain text and Markdown files.

The stored text is the body: YAML-ish front matter (``---`` ... ``---`` at the very
top, ``key: value`` lines) or a first line ``Date: 2025-02-14`` is metadata and is
removed; the title line stays in the text. Title: front matter ``title``, else
the first non-empty line (unless it is over 200 characters, then it is a
paragraph and the title is None). Date: the caller's option, else front matter
``date``/``published`` or the ``Date:`` line, else a date the file name starts
with. Front matter may also give ``id``, ``source`` and ``url``.
"""

from __future__ import annotations

import re
from pathlib import Path

from dossier.ingest.base import Options, file_id, make_article
from dossier.ingest.dates import date_from_filename
from dossier.ingest.decode import decode_bytes, read_limited
from dossier.ingest.errors import IngestError
from dossier.records import Article

MAX_TITLE_CHARS = 200
_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?)\n(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.DOTALL)
_META_LINE = re.compile(r"^\s*([A-Za-z_]+)\s*:\s*(.*?)\s*$")
_DATE_LINE = re.compile(r"\A\s*(?:date|published)\s*:\s*(\S.*?)\s*(?:\n|\Z)", re.IGNORECASE)


def read_text_file(path: Path, options: Options) -> Article:
    text = decode_bytes(read_limited(path, options.max_bytes), str(path))
    return article_from_text(text, path=str(path), options=options, filename=path.name)


def article_from_text(
    text: str, *, path: str, options: Options, filename: str | None = None
) -> Article:
    """An Article from decoded text, with metadata from its head or its file name."""
    meta, body = split_metadata(text)
    date = meta.get("date") or meta.get("published")
    if date is None and filename:
        try:
            date = date_from_filename(filename)
        except ValueError as exc:
            raise IngestError(path, f"file name: {exc}") from None
    return make_article(
        body,
        path=path,
        options=options,
        id=meta.get("id") or file_id(filename),
        title=meta.get("title") or first_line_title(body),
        date=date,
        url=meta.get("url"),
        source=meta.get("source"),
    )


def split_metadata(text: str) -> tuple[dict[str, str], str]:
    """(lower-cased metadata keys -> values, the body) from front matter or a Date line."""
    if match := _FRONT_MATTER.match(text):
        return _front_matter(match[1]), text[match.end() :]
    if match := _DATE_LINE.match(text):
        return {"date": match[1]}, text[match.end() :]
    return {}, text


def first_line_title(body: str) -> str | None:
    for line in body.splitlines():
        if line.strip():
            return line.strip() if len(line.strip()) <= MAX_TITLE_CHARS else None
    return None


def _front_matter(block: str) -> dict[str, str]:
    meta = {}
    for line in block.splitlines():
        if match := _META_LINE.match(line):
            value = match[2].strip()
            if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
                value = value[1:-1]
            meta[match[1].lower()] = value
    return meta
