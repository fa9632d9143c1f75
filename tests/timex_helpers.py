"""What the temporal-tagger tests share: the anchor day and a reading of tagged spans."""

from __future__ import annotations

import datetime as dt

FRIDAY = dt.date(2025, 2, 14)


def values(found: dict) -> dict[str, str]:
    """``{span text: value}`` from the ``timexes`` fixture's ``{text: (type, value, mod)}``."""
    return {text: reading[1] for text, reading in found.items()}
