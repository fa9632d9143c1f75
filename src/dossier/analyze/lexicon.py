"""The analysis lexicons and tables, loaded once from ``analyze/data/*.yaml``."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from importlib import resources
from typing import Any

import yaml


@functools.cache
def load(name: str) -> dict[str, Any]:
    text = resources.files("dossier.analyze").joinpath("data", f"{name}.yaml").read_text("utf-8")
    return yaml.safe_load(text)


def token_spans(text: str | None) -> list[tuple[str, int]]:
    """(lowercase token, character offset): contractions and hyphenated words stay whole."""
    text = (text or "").lower().replace("’", "'")
    return [(m[0], m.start()) for m in re.finditer(r"[a-z0-9]+(?:['-][a-z0-9]+)*", text)]


def tokens(text: str | None) -> list[str]:
    return [token for token, _ in token_spans(text)]


def phrase_pattern(phrases: Iterable[str]) -> re.Pattern:
    """Whole-word, case-insensitive alternation of ``phrases`` (longest first)."""
    alternatives = sorted((re.escape(p) for p in phrases), key=len, reverse=True)
    return re.compile(r"(?<![\w-])(?:" + "|".join(alternatives) + r")(?![\w-])", re.IGNORECASE)
