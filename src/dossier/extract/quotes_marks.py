"""Finds quoted stretches of text from its quotation marks.

Double marks only (curly “ ” and straight ", and NYT's ''): single marks double as apostrophes
(“Putin’s”) and, inside double quotes, mark nested quotes, which stay part of the
outer quote. Paragraph conventions of news copy are honoured: a quote left open at a
paragraph's end continues when the next paragraph opens with a mark; an odd mark that
cannot be paired runs to its paragraph's edge (an opening mark to the end, a closing
one from the start).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

OPEN, CLOSE = "“", "”"
#: A double mark: curly, straight, or two single straight marks (NYT copy writes ''quote'').
MARK = re.compile("“|”|\"|''")
PARAGRAPH = re.compile(r"\n\s*\n|\n")


@dataclass(frozen=True)
class Quote:
    """A quoted stretch ``start:end`` including its marks; ``parts`` split it at paragraph breaks."""

    start: int
    end: int
    parts: tuple[tuple[int, int], ...]
    closed: bool = True


def paragraphs(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of each non-blank line-delimited paragraph."""
    spans, start = [], 0
    for brk in PARAGRAPH.finditer(text):
        if text[start : brk.start()].strip():
            spans.append((start, brk.start()))
        start = brk.end()
    if text[start:].strip():
        spans.append((start, len(text)))
    return spans


def _is_opening(text: str, i: int, length: int) -> bool:
    """Whether a straight mark at ``i`` opens a quote (start, or after space or bracket)."""
    before = text[i - 1] if i > 0 else " "
    after = text[i + length] if i + length < len(text) else " "
    if before.isspace() or before in "([{—–-:":
        return True
    return not (after.isspace() or after in ".,;:!?)]}—–-")


def _marks(text: str, start: int, end: int) -> list[tuple[int, int, bool]]:
    """Double marks in ``text[start:end]`` as ``(offset, length, opens)``."""
    found = []
    for match in MARK.finditer(text, start, end):
        mark, i = match.group(), match.start()
        opens = mark == OPEN or (mark != CLOSE and _is_opening(text, i, len(mark)))
        found.append((i, len(mark), opens))
    return found


def _paragraph_quotes(text: str, start: int, end: int) -> list[tuple[int, int, bool]]:
    """Quotes inside one paragraph as ``(start, end, closed)``; an open one runs to ``end``."""
    quotes: list[tuple[int, int, bool]] = []
    opened: int | None = None
    for offset, length, opens in _marks(text, start, end):
        if opened is None:
            if opens:
                opened = offset
            else:  # a closing mark with nothing open: the quote began with the paragraph
                quotes = quotes or [(start, offset + length, True)]
        elif not opens or text[offset] != OPEN:
            quotes.append((opened, offset + length, True))
            opened = None
    if opened is not None:
        quotes.append((opened, _trim_end(text, opened, end), False))
    return quotes


def _trim_end(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1].isspace():
        end -= 1
    return end


def find_quotes(text: str) -> list[Quote]:
    """Every quoted stretch in ``text``, with multi-paragraph quotes joined."""
    quotes: list[Quote] = []
    carry: Quote | None = None
    for p_start, p_end in paragraphs(text):
        found = _paragraph_quotes(text, p_start, p_end)
        if carry is not None:
            if found and found[0][0] == _first_char(text, p_start):
                first = found.pop(0)
                carry = Quote(carry.start, first[1], (*carry.parts, (first[0], first[1])), first[2])
                if carry.closed:
                    quotes.append(carry)
                    carry = None
            else:
                quotes.append(carry)
                carry = None
        for q_start, q_end, closed in found:
            if carry is not None:
                quotes.append(carry)
            carry = None if closed else Quote(q_start, q_end, ((q_start, q_end),), False)
            if closed:
                quotes.append(Quote(q_start, q_end, ((q_start, q_end),)))
    if carry is not None:
        quotes.append(carry)
    return sorted(quotes, key=lambda q: q.start)


def _first_char(text: str, start: int) -> int:
    while start < len(text) and text[start].isspace():
        start += 1
    return start


def quote_token_ranges(doc, quotes: list[Quote]) -> list[tuple[int, int]]:
    """Each quote part as a doc token range ``[start, end)``."""
    ranges = []
    for quote in quotes:
        for start, end in quote.parts:
            span = doc.char_span(start, end, alignment_mode="expand")
            if span is not None:
                ranges.append((span.start, span.end))
    return ranges
