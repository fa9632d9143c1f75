"""Records: JSON (an object or an array of objects), JSON Lines and CSV.

Fields: ``id``, ``text``, ``title``, ``date`` (or ``published``), ``url``,
``source`` and ``file``; ``field_map`` renames them (``{"text": "body"}`` reads
the text from ``body``); other fields are ignored. A record may name a ``file``
(relative to the folder of the records file, or absolute) instead of carrying
``text``: the file is read as a text file (its title and date fill gaps), the
record's own fields win, and the Article's ``path`` is that file.

JSON Lines are streamed: the size limit applies to each line, not the file; a
broken line is an error naming its line number, and the next lines still come.
"""

from __future__ import annotations

import codecs
import csv
import io
import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from dossier.ingest.base import Options, make_article
from dossier.ingest.decode import decode_bytes, megabytes, read_limited
from dossier.ingest.errors import IngestError
from dossier.ingest.text import read_text_file
from dossier.records import Article

Result = Article | IngestError


def read_json_file(path: Path, options: Options) -> Iterator[Result]:
    text = decode_bytes(read_limited(path, options.max_bytes), str(path))
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise IngestError(str(path), f"invalid JSON: {exc}") from None
    items = data if isinstance(data, list) else [data]
    for number, item in enumerate(items, start=1):
        where = f"item {number}: " if isinstance(data, list) else ""
        yield _guarded(item, str(path), where, path.parent, options)


def read_jsonl_file(path: Path, options: Options) -> Iterator[Result]:
    with open(path, "rb") as stream:
        yield from records_from_lines(
            _limited_lines(stream, options.max_bytes), str(path), path.parent, options
        )


def records_from_lines(
    lines: Iterable[bytes | None], path: str, base_dir: Path, options: Options
) -> Iterator[Result]:
    """Articles from JSON Lines; a None line stands for one over the size limit."""
    for number, line in enumerate(lines, start=1):
        where = f"line {number}: "
        if line is None:
            yield IngestError(path, f"{where}line is over the {megabytes(options.max_bytes)} limit")
            continue
        if not line.strip():
            continue
        try:
            record = json.loads(line.removeprefix(codecs.BOM_UTF8) if number == 1 else line)
        except (json.JSONDecodeError, UnicodeDecodeError) as exc:
            yield IngestError(path, f"{where}invalid JSON: {exc}")
            continue
        yield _guarded(record, path, where, base_dir, options)


def read_csv_file(path: Path, options: Options) -> Iterator[Result]:
    text = decode_bytes(read_limited(path, options.max_bytes), str(path))
    csv.field_size_limit(max(csv.field_size_limit(), options.max_bytes))
    reader = csv.DictReader(io.StringIO(text, newline=""))
    _check_columns(reader.fieldnames or [], str(path), options)
    try:
        for row in reader:
            yield _guarded(row, str(path), f"line {reader.line_num}: ", path.parent, options)
    except csv.Error as exc:
        yield IngestError(str(path), f"line {reader.line_num}: broken CSV: {exc}")


def _check_columns(columns: list[str], path: str, options: Options) -> None:
    wanted = {_name("text", options), _name("file", options)}
    if not wanted & set(columns):
        raise IngestError(
            path, f"no {' or '.join(sorted(wanted))} column (columns: {', '.join(columns)})"
        )


def _guarded(record: Any, path: str, where: str, base_dir: Path, options: Options) -> Result:
    """The record's Article, or its error prefixed with where it is."""
    try:
        return _article_from_record(record, path=path, base_dir=base_dir, options=options)
    except IngestError as error:
        return IngestError(path, where + error.reason)


def _article_from_record(record: Any, *, path: str, base_dir: Path, options: Options) -> Article:
    if not isinstance(record, dict):
        raise IngestError(path, f"not a JSON object but {type(record).__name__}")
    fields = {name: _value(record, name, options) for name in ("id", "title", "url", "source")}
    date = _value(record, "date", options) or _value(record, "published", options)
    text, file = _value(record, "text", options), _value(record, "file", options)
    if text is not None:
        return make_article(text, path=path, options=options, date=date, **fields)
    if file is None:
        raise IngestError(
            path, f"no {_name('text', options)!r} or {_name('file', options)!r} field"
        )
    return _from_file(base_dir / file, fields, date, options)


def _from_file(file: Path, fields: dict, date: str | None, options: Options) -> Article:
    if not file.is_file():
        raise IngestError(str(file), f"referenced file {file} not found")
    try:
        article = read_text_file(file, options)
    except IngestError as error:
        raise IngestError(str(file), f"referenced file {error}") from None
    overrides = {name: value for name, value in fields.items() if value is not None}
    return make_article(
        article.text,
        path=article.path,
        options=options,
        id=overrides.get("id", article.id),
        title=overrides.get("title", article.title),
        date=date or article.published,
        url=overrides.get("url", article.url),
        source=overrides.get("source", article.source),
    )


def _name(field: str, options: Options) -> str:
    return options.field_map.get(field, field)


def _value(record: dict, field: str, options: Options) -> str | None:
    value = record.get(_name(field, options))
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if field == "text" and not isinstance(value, str):
        raise IngestError("", f"{_name(field, options)!r} is not a string")  # path set by _guarded
    return str(value)


def _limited_lines(stream: io.BufferedReader, max_bytes: int) -> Iterator[bytes | None]:
    """Lines of at most ``max_bytes`` (None for a longer one, which is skipped, not read whole)."""
    while line := stream.readline(max_bytes + 1):
        if len(line) <= max_bytes:
            yield line
            continue
        while line and not line.endswith(b"\n"):
            line = stream.readline(1 << 20)
        yield None
