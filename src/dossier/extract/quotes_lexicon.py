"""Word lists for quote extraction, kept as data in ``extract/data``."""

from __future__ import annotations

import functools
from importlib import resources


@functools.lru_cache(maxsize=16)
def load_words(name: str) -> tuple[str, ...]:
    """The entries of ``extract/data/NAME``: one a line, ``#`` comments and blanks skipped."""
    text = resources.files("dossier.extract").joinpath("data", name).read_text(encoding="utf-8")
    lines = (line.split("#", 1)[0].strip() for line in text.splitlines())
    return tuple(line for line in lines if line)


@functools.lru_cache(maxsize=16)
def word_set(name: str) -> frozenset[str]:
    """``load_words(name)`` as a set, built once (tagging asks for it per paragraph)."""
    return frozenset(load_words(name))
