"""Publication dates from the strings inputs carry, as an ISO prefix and a precision.

Accepted: ISO dates and datetimes (``2025-02-14``, ``2025-02-14T09:30:00+01:00``,
``2025/02/14``), ``2025-02`` and ``2025`` (month and year precision), ``Feb. 14,
2025``, ``February 14th 2025``, ``14 February 2025``, ``February 2025``, and RFC
2822 dates from feeds (``Fri, 14 Feb 2025 09:30:00 +0000``). A leading weekday is
ignored. A time zone never moves the date: the date is the one the publisher
wrote. Impossible dates (``2025-02-30``, ``2025-13-01``) and unrecognised strings
raise :class:`ValueError` with a message naming the value.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import NamedTuple


class ParsedDate(NamedTuple):
    value: str  # ISO prefix: 2025-02-14, 2025-02 or 2025
    precision: str  # day, month or year


_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ),
        start=1,
    )
    for name in names
}
_WEEKDAY = re.compile(r"^(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+")
_ISO = re.compile(r"^(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:[t\s].*)?$")
_ISO_MONTH = re.compile(r"^(\d{4})-(\d{1,2})$")
_YEAR = re.compile(r"^(\d{4})$")
_DAY_MONTH_YEAR = re.compile(r"^(\d{1,2})(?:st|nd|rd|th)?\s+([a-z]+)\.?,?\s+(\d{4})(?:\s.*)?$")
_MONTH_DAY_YEAR = re.compile(r"^([a-z]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})(?:\s.*)?$")
_MONTH_YEAR = re.compile(r"^([a-z]+)\.?,?\s+(\d{4})$")
_FILENAME = re.compile(r"^(\d{4}-\d{2}-\d{2})(?=[_\-. ]|$)")


def parse_date(value: str) -> ParsedDate:
    """``value`` as (ISO prefix, precision); raises ValueError when unrecognised or impossible."""
    text = _WEEKDAY.sub("", " ".join(str(value).lower().split()))
    if match := _ISO.match(text):
        year, month, day = match.groups()
        return _checked(value, int(year), int(month), int(day))
    if match := _DAY_MONTH_YEAR.match(text):
        day, month, year = match.groups()
        return _checked(value, int(year), _month(value, month), int(day))
    if match := _MONTH_DAY_YEAR.match(text):
        month, day, year = match.groups()
        return _checked(value, int(year), _month(value, month), int(day))
    if match := _ISO_MONTH.match(text):
        return _checked(value, int(match[1]), int(match[2]))
    if match := _MONTH_YEAR.match(text):
        return _checked(value, int(match[2]), _month(value, match[1]))
    if match := _YEAR.match(text):
        return _checked(value, int(match[1]))
    raise ValueError(f"unrecognised date {value!r}")


def date_from_filename(name: str) -> ParsedDate | None:
    """The date a file name starts with (``2025-02-14_vance-warns.txt``), if any."""
    match = _FILENAME.match(name)
    return parse_date(match[1]) if match else None


def _month(value: str, name: str) -> int:
    if name not in _MONTHS:
        raise ValueError(f"unrecognised date {value!r}: no month named {name!r}")
    return _MONTHS[name]


def _checked(value: str, year: int, month: int | None = None, day: int | None = None) -> ParsedDate:
    try:
        dt.date(year, month or 1, day or 1)
    except ValueError as exc:
        raise ValueError(f"impossible date {value!r}: {exc}") from None
    if day is not None:
        return ParsedDate(f"{year:04d}-{month:02d}-{day:02d}", "day")
    if month is not None:
        return ParsedDate(f"{year:04d}-{month:02d}", "month")
    return ParsedDate(f"{year:04d}", "year")
