"""From the caller's sources (paths, folders, globs, URLs, ``-``) to the inputs to read.

A folder is walked recursively in sorted order; hidden files and folders (a name
starting with ``.``) and files of unknown type are passed over silently and
counted in ``skipped`` (a hidden folder counts once), and so are glob matches
of unknown type; a glob matching a folder walks it. A file named
explicitly is read whatever its name, and an unknown type is then an error.
"""

from __future__ import annotations

import glob
import json
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
    """Files under ``folder``; a JSON Lines manifest comes before the files it names.

    A folder such as ``seeds/`` holds ``articles.jsonl`` (ids, dates, sources) and the
    texts it points to with ``file``: those texts are read through the manifest, with
    its metadata, and not a second time on their own.
    """
    covered: set[str] = set()
    for root, dirs, files in os.walk(folder):
        hidden = sorted(name for name in dirs if name.startswith("."))
        for name in hidden:
            skip(os.path.join(root, name))
        dirs[:] = sorted(name for name in dirs if not name.startswith("."))
        visible = [name for name in sorted(files) if not name.startswith(".")]
        for name in sorted(set(files) - set(visible)):
            skip(os.path.join(root, name))
        manifests = [n for n in visible if kind_of(n) == "jsonl"]
        for name in manifests:
            covered |= _named_files(os.path.join(root, name))
        for name in manifests + [n for n in visible if n not in manifests]:
            path = os.path.join(root, name)
            if name in manifests or os.path.realpath(path) not in covered:
                yield path


def _named_files(manifest: str) -> set[str]:
    """Real paths of the files a JSON Lines manifest names in ``file`` fields."""
    named = set()
    try:
        with open(manifest, encoding="utf-8", errors="replace") as lines:
            for line in lines:
                try:
                    item = json.loads(line)
                except ValueError:
                    continue  # the reader reports broken lines
                if isinstance(item, dict) and isinstance(item.get("file"), str):
                    target = os.path.join(os.path.dirname(manifest), item["file"])
                    named.add(os.path.realpath(target))
    except OSError:
        pass  # the reader reports unreadable files
    return named


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
