"""A pickle cache for data built once from files (the KB, the gazetteer).

Building them from YAML and geonames takes a second or more, paid by every process
(each CLI call, each Dask worker). The result is pickled under ``$XDG_CACHE_HOME/dossier``
(default ``~/.cache/dossier``), keyed by the input files' paths, sizes and mtimes, so a
changed file rebuilds it. A read-only or missing cache only costs speed.
"""

from __future__ import annotations

import hashlib
import os
import pickle
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")

#: Bump when a pickled form changes, so stale caches are ignored.
CACHE_VERSION = "2"
#: How many cached builds of one name (one per set of input versions) to keep.
KEEP = 6


def cache_dir() -> Path:
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "dossier"


def cached(name: str, inputs: Iterable[Path], build: Callable[[], T]) -> T:
    """``build()``, or its pickled result from an earlier process with the same inputs."""
    path = _path(name, list(inputs))
    if path is not None and path.exists():
        try:
            with path.open("rb") as fh:
                return pickle.load(fh)
        except Exception:  # a corrupt or incompatible cache is rebuilt
            pass
    value = build()
    _write(path, name, value)
    return value


def _path(name: str, inputs: list[Path]) -> Path | None:
    """The cache file for these inputs (None when one is missing)."""
    try:
        stamp = [(str(f.resolve()), f.stat().st_mtime_ns, f.stat().st_size) for f in inputs]
    except OSError:
        return None
    digest = hashlib.sha1(repr((CACHE_VERSION, stamp)).encode()).hexdigest()
    return cache_dir() / f"{name}-{digest[:20]}.pickle"


def _write(path: Path | None, name: str, value: object) -> None:
    if path is None:
        return
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        with tmp.open("wb") as fh:
            pickle.dump(value, fh, protocol=pickle.HIGHEST_PROTOCOL)
        tmp.replace(path)
        old = sorted(path.parent.glob(f"{name}-*.pickle"), key=lambda p: p.stat().st_mtime)
        for stale in old[:-KEEP]:
            stale.unlink(missing_ok=True)
    except OSError:  # a read-only home only costs speed
        pass
