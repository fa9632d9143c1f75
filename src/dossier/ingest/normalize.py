"""Text normalisation that maps one character to exactly one character.

Every offset dossier stores points into the normalised text, and the normalised
text must keep the words spaCy sees whole ("minerals\\u00a0deal" is two tokens
only once the no-break space is a plain space). The policy, applied by
:func:`normalize_text`:

* Unicode spaces (Zs, e.g. U+00A0, U+2009, U+3000), format characters (Cf:
  zero-width spaces and joiners, soft hyphens, bidi marks, a stray BOM) and
  control characters (Cc) other than ``\\n`` become ``" "``;
* line and paragraph separators (U+2028, U+2029, U+0085, VT, FF) become ``"\\n"``,
  and so does a lone ``"\\r"``; the ``"\\r"`` of ``"\\r\\n"`` becomes ``" "``;
* lone surrogates (from JSON such as ``"\\ud800"``) become U+FFFD;
* nothing else changes: no Unicode normal form, no case folding, no deletion.

So ``len(normalize_text(t)) == len(t)`` always. Deleting characters (zero-width
ones, the CR of CRLF) would be tidier but would shift every offset; the only
step that may change length is decoding bytes (:mod:`dossier.ingest.decode`),
which happens before any offset exists.
"""

from __future__ import annotations

import hashlib
import re
import sys
import unicodedata
from functools import cache

_LINE_BREAKS = "\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"
_LONE_CR = re.compile(r"\r(?!\n)")


@cache
def _table() -> dict[int, str]:
    """The translation table, built once (about 0.1 s) over all code points."""
    table: dict[int, str] = {}
    for code in range(sys.maxunicode + 1):
        category = unicodedata.category(chr(code))
        if category in ("Zs", "Zl", "Zp", "Cf", "Cc") and code not in (0x20, 0x0A):
            table[code] = " "
        elif category == "Cs":
            table[code] = "\ufffd"
    for char in _LINE_BREAKS:
        table[ord(char)] = "\n"
    return table


def normalize_text(text: str) -> str:
    """Map odd spaces and invisible characters one for one (see the module docstring)."""
    return _LONE_CR.sub("\n", text).translate(_table())


def normalize_line(text: str | None) -> str | None:
    """A title or name: normalised, runs of whitespace collapsed; None when blank."""
    if text is None:
        return None
    line = " ".join(normalize_text(text).split())
    return line or None


def text_sha256(text: str) -> str:
    """Hex sha256 of the UTF-8 of ``text`` (the normalised text, for exact duplicates)."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def derived_id(sha256: str) -> str:
    """The id of an article that brings none: stable, from its normalised text."""
    return f"a-{sha256[:16]}"
