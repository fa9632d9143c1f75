"""From the caller's sources (paths, folders, globs, URLs, ``-``) to the inputs to read.

A folder is walked recursively in sorted order; hidden files and folders (a name
starting with ``.``) and files of unknown type are passed over silently and
counted in ``skipped`` (a hidden folder counts once), and so are glob matches
of unknown type; a glob matching a folder walks it. A file named
explicitly is read whatever its name, and an unknown type is then an error.
"""

from __future__ import annotations

import glob
import os
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from dossier.ingest.errors import IngestError
from dossier.ingest.fetch import is_url

STDIN = "-"
KINDS = {
    ".txt": "text",
    ".md": "text",
    ".html": "html",
    ".htm": "html",
    ".json": "json",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".csv": "csv",
    ".rss": "feed",
    ".atom": "feed",
    ".xml": "feed",
    ".warc": "warc",
    ".warc.gz": "warc",
}
_GLOB_CHARS = frozenset("*?[")


def kind_of(path: str | Path) -> str | None:
    """The reader kind for a file name (``.warc.gz`` included), or None when unknown."""
    name = Path(path).name.lower()
    if name.endswith(".warc.gz"):
        return "warc"
    return KINDS.get(Path(name).suffix)


def expand(sources: Iterable[str], skip: Callable[[str], None]) -> Iterator[str | IngestError]:
    """Each input to read (a file path, a URL or ``-``) or an error for a bad source."""
    for source in sources:
        source = str(source)
        if source == STDIN or is_url(source):
            yield source
        elif os.path.isdir(source):
            yield from _known(_walk(Path(source), skip), skip)
        elif os.path.isfile(source):
            yield source if kind_of(source) else IngestError(source, _unknown(source))
        elif _GLOB_CHARS & set(source):
            yield from _globbed(source, skip)
        else:
            yield IngestError(source, "no such file or directory")


def _walk(folder: Path, skip: Callable[[str], None]) -> Iterator[str]:
    for root, dirs, files in os.walk(folder):
        hidden = sorted(name for name in dirs if name.startswith("."))
        for name in hidden:
            skip(os.path.join(root, name))
        dirs[:] = sorted(name for name in dirs if not name.startswith("."))
        for name in sorted(files):
            path = os.path.join(root, name)
            if name.startswith("."):
                skip(path)
            else:
                yield path


def _globbed(pattern: str, skip: Callable[[str], None]) -> Iterator[str | IngestError]:
    matches = sorted(glob.glob(pattern, recursive=True))
    if not matches:
        yield IngestError(pattern, "no files match")
    for match in matches:
        if os.path.isdir(match):
            yield from _known(_walk(Path(match), skip), skip)
        else:
            yield from _known([match], skip)


def _known(paths: Iterable[str], skip: Callable[[str], None]) -> Iterator[str]:
    for path in paths:
        if kind_of(path):
            yield path
        else:
            skip(path)


def _unknown(path: str) -> str:
    suffix = Path(path).suffix or "(none)"
    return f"unsupported file type {suffix}; known: {', '.join(sorted(KINDS))}"
