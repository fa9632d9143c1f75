"""Record dates as day intervals: granularity, publication dates, ranges."""

from __future__ import annotations

import datetime as dt

import pytest

from dossier.analyze import dates

D = dt.date


@pytest.mark.parametrize(
    ("value", "first", "last"),
    [
        ("2025-02-12", D(2025, 2, 12), D(2025, 2, 12)),
        ("2025-02-12T17:00", D(2025, 2, 12), D(2025, 2, 12)),
        ("2025-W07", D(2025, 2, 10), D(2025, 2, 16)),
        ("2025-W07-WE", D(2025, 2, 15), D(2025, 2, 16)),
        ("2025-02", D(2025, 2, 1), D(2025, 2, 28)),
        ("2024-Q4", D(2024, 10, 1), D(2024, 12, 31)),
        ("2025-H1", D(2025, 1, 1), D(2025, 6, 30)),
        ("2024-WI", D(2024, 12, 1), D(2025, 2, 28)),
        ("2022", D(2022, 1, 1), D(2022, 12, 31)),
        ("202", D(2020, 1, 1), D(2029, 12, 31)),
        ("PRESENT_REF", None, None),
    ],
)
def test_value_intervals(value, first, last):
    assert dates.value_interval(value) == ((first, last) if first else None)


def _date(value, granularity="day", basis="text"):
    return {"value": value, "granularity": granularity, "text": value, "basis": basis}


def test_a_month_is_compatible_with_any_of_its_days_and_a_week_apart_is_not():
    assert dates.compatible(_date("2025-02", "month"), _date("2025-02-27"))
    assert dates.compatible(_date("2025-02-12"), _date("2025-02-13"))  # a day's slack
    assert not dates.compatible(_date("2025-02-12"), _date("2025-02-19"))


def test_a_publication_date_covers_the_days_before_it_or_the_past_when_told_as_history():
    published = _date("2025-02-14", basis="publication")
    assert dates.compatible(published, _date("2025-02-12"))
    assert not dates.compatible(published, _date("2025-02-01"))
    assert dates.compatible(published, _date("2022-02", "month"), past=(True, True))


def test_ranges_and_labels():
    assert dates.in_range(_date("2025-02", "month"), "2025-02-10", None)
    assert not dates.in_range(_date("2025-01-31"), "2025-02", "2025-02")
    assert dates.label(_date("2025-02-14", basis="publication")) == "2025-02-14*"
    assert dates.label(None) == "undated"
