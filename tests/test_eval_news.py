"""A regression floor on the project's own PLOVER-coded news sentences.

``tests/data/plover_news/events.json`` (set A) was written and coded by hand for this
project, blind to the coder, then used to develop its rules: a floor the coder must not
fall under, not a held-out figure. ``events_b.json`` (set B) was written the same way
and is kept out of rule development; its figures are reported, and the test only
guards against a collapse.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from dossier.eval.plover import evaluate

NEWS = Path(__file__).parent / "data" / "plover_news"


def test_set_a_keeps_its_figures():
    report = evaluate(NEWS / "events.json")
    assert report.sentences == 120
    assert report.type.f1 >= 0.85 and report.source.f1 >= 0.87 and report.triple.f1 >= 0.67


def test_set_b_is_coded_at_all():
    if not (NEWS / "events_b.json").exists():
        pytest.skip("set B is absent")
    report = evaluate(NEWS / "events_b.json")
    assert report.sentences >= 100 and report.type.f1 >= 0.6
