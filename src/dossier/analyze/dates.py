"""Calendar readings of record dates: ISO prefixes as day intervals, and what overlaps.

A record's ``date.value`` is an ISO prefix whose length is its granularity
(``2025-02-12``, ``2025-W07``, ``2025-02``, ``2025-Q1``, ``2025``, ``202`` for a
decade). Two readings are compatible when their intervals overlap: a month-granular
date is compatible with any day in that month. A date known only from publication
(``basis == "publication"``) bounds the happening from above, so it is read as the
few days up to publication.
"""

from __future__ import annotations

import datetime as dt
import re

Interval = tuple[dt.date, dt.date]

#: A date taken from publication stands for the happening "in the last few days".
PUBLICATION_WINDOW_DAYS = 3
#: Two day-granular dates this close are one day (time zones, "late on Thursday").
DAY_TOLERANCE_DAYS = 1

GRANULARITY_RANK = {
    "time": 0,
    "day": 1,
    "week": 2,
    "month": 3,
    "quarter": 4,
    "year": 5,
    "decade": 6,
    "century": 7,
}

_SEASON_MONTHS = {"SP": (3, 5), "SU": (6, 8), "FA": (9, 11), "WI": (12, 14)}
_WEEK = re.compile(r"^(\d{4})-W(\d{2})(-WE)?")
_PART = re.compile(r"^(\d{4})-(Q[1-4]|H[12]|SP|SU|FA|WI)")


def _month_end(year: int, month: int) -> dt.date:
    year, month = year + (month - 1) // 12, (month - 1) % 12 + 1
    first_of_next = dt.date(year + month // 12, month % 12 + 1, 1)
    return first_of_next - dt.timedelta(days=1)


def _months(year: int, first: int, last: int) -> Interval:
    return dt.date(year, first, 1), _month_end(year, last)


def _part_of_year(year: int, part: str) -> Interval:
    if part[0] == "Q":
        quarter = int(part[1])
        return _months(year, 3 * quarter - 2, 3 * quarter)
    if part[0] == "H":
        half = int(part[1])
        return _months(year, 6 * half - 5, 6 * half)
    first, last = _SEASON_MONTHS[part]
    return _months(year, first, last)


def value_interval(value: str | None) -> Interval | None:
    """The days an ISO-prefix value covers, or None when it is no calendar reading."""
    if not value or not value[:1].isdigit():
        return None
    try:
        if len(value) >= 10 and value[4] == "-" and value[7] == "-":
            day = dt.date.fromisoformat(value[:10])
            return day, day
        if week := _WEEK.match(value):
            monday = dt.date.fromisocalendar(int(week[1]), int(week[2]), 1)
            if week[3]:
                return monday + dt.timedelta(days=5), monday + dt.timedelta(days=6)
            return monday, monday + dt.timedelta(days=6)
        if part := _PART.match(value):
            return _part_of_year(int(part[1]), part[2])
        if len(value) == 7 and value[4] == "-":
            return _months(int(value[:4]), int(value[5:7]), int(value[5:7]))
        if value.isdigit() and 2 <= len(value) <= 4:
            span = 10 ** (4 - len(value))
            first = int(value) * span
            return dt.date(max(first, 1), 1, 1), dt.date(first + span - 1, 12, 31)
    except ValueError:
        return None
    return None


def interval(date: dict | None, *, past: bool = False) -> Interval | None:
    """The days a record's date covers; a publication date covers the days before it,
    or, for a happening told as ``past`` (historical), any day before it."""
    if not date:
        return None
    span = value_interval(date.get("value"))
    if span and date.get("basis") == "publication":
        first = dt.date.min if past else span[0] - dt.timedelta(days=PUBLICATION_WINDOW_DAYS)
        return first, span[1]
    return span


def overlaps(a: Interval, b: Interval, tolerance_days: int = 0) -> bool:
    slack = dt.timedelta(days=tolerance_days)
    return a[0] <= b[1] + slack and b[0] <= a[1] + slack


def compatible(a: dict | None, b: dict | None, *, past: tuple[bool, bool] = (False, False)) -> bool:
    """Whether two record dates can name the same day (each within its granularity);
    ``past`` says which is told as a past happening (see :func:`interval`)."""
    span_a, span_b = interval(a, past=past[0]), interval(b, past=past[1])
    if span_a is None or span_b is None:
        return False
    both_days = all(
        (d or {}).get("granularity") in ("day", "time") and d.get("basis") == "text" for d in (a, b)
    )
    return overlaps(span_a, span_b, DAY_TOLERANCE_DAYS if both_days else 0)


def in_range(date: dict | None, since: str | None, until: str | None) -> bool:
    """Whether a record's date can fall in [since, until] (ISO prefixes, inclusive)."""
    if not since and not until:
        return True
    span = value_interval((date or {}).get("value"))
    if span is None:
        return False
    low = value_interval(since) if since else None
    high = value_interval(until) if until else None
    return (low is None or span[1] >= low[0]) and (high is None or span[0] <= high[1])


def rank(date: dict | None) -> int:
    """How specific a date is: lower is finer; a publication date ranks after any text date."""
    if not date or interval(date) is None:
        return 99
    grain = GRANULARITY_RANK.get(date.get("granularity") or "", 8)
    return grain + (10 if date.get("basis") == "publication" else 0)


def sort_key(date: dict | None) -> tuple:
    """Chronological order: by first day, then finer granularity first; undated last."""
    span = value_interval((date or {}).get("value"))
    if span is None:
        return (1, dt.date.max, 99)
    return (0, span[0], rank(date))


def label(date: dict | None) -> str:
    """A date as printed: its value, with ``*`` when only publication dates it."""
    if not date or not date.get("value"):
        return "undated"
    star = "*" if date.get("basis") == "publication" else ""
    return f"{date['value']}{star}"
