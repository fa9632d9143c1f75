"""What every reader shares: the caller's options and the one way to build an Article."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from dossier.ingest.dates import ParsedDate, parse_date
from dossier.ingest.errors import IngestError
from dossier.ingest.normalize import derived_id, normalize_line, normalize_text, text_sha256
from dossier.records import Article

FIELDS = ("id", "text", "title", "date", "url", "source", "file")


@dataclass(frozen=True)
class Options:
    """The caller's options. ``date`` and ``source``, when given, win over the input's own."""

    date: ParsedDate | None = None
    source: str | None = None
    field_map: dict[str, str] = field(default_factory=dict)
    max_bytes: int = 20_000_000
    timeout: float = 20.0


def file_id(filename: str | None) -> str | None:
    """The id of an article read from a file: its name without its extension.

    A readable id ("2025-02-14_vance-munich") is what users type in ``--article``;
    the store gives a clashing id with other text a ``-2`` suffix.
    """
    return Path(filename).stem or None if filename else None


def make_article(
    text: str,
    *,
    path: str,
    options: Options,
    id: str | None = None,
    title: str | None = None,
    date: str | ParsedDate | None = None,
    url: str | None = None,
    source: str | None = None,
) -> Article:
    """An Article from raw fields: text normalised and stripped, date parsed, sha and id set.

    Raises :class:`IngestError` for an empty text or an unrecognised/impossible date.
    """
    body = normalize_text(text).strip()
    if not body:
        raise IngestError(path, "no text")
    published = options.date or _parsed(date, path)
    sha = text_sha256(body)
    return Article(
        id=str(id).strip() if id not in (None, "") else derived_id(sha),
        text=body,
        title=normalize_line(title),
        published=published.value if published else None,
        published_precision=published.precision if published else None,
        source=normalize_line(options.source or source),
        url=(url or "").strip() or None,
        path=path,
        sha256=sha,
    )


def _parsed(date: str | ParsedDate | None, path: str) -> ParsedDate | None:
    if date is None or isinstance(date, ParsedDate):
        return date
    if not str(date).strip():
        return None
    try:
        return parse_date(date)
    except ValueError as exc:
        raise IngestError(path, str(exc)) from None
