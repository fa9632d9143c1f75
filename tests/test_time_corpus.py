"""The temporal tagger on the shared seed articles and on TimeBank (skipped when absent)."""

from __future__ import annotations

import datetime as dt

import pytest

from dossier.extract.time import tag

SEEDS = "seeds"
TIMEBANK = "data/time/tbaq/TimeBank"


def _readings(nlp, path, anchor: dt.date) -> list[tuple[str, str]]:
    doc = nlp(path.read_text(encoding="utf-8"))
    return [(doc[s.start : s.end].text, s.reading.value) for s in tag(doc, anchor)]


@pytest.mark.slow
def test_seed_of_friday_14_february(nlp, shared_dir):
    path = shared_dir / SEEDS / "2025-02-14_vance-warns-russia-sanctions.txt"
    readings = _readings(nlp, path, dt.date(2025, 2, 14))
    assert ("Wednesday", "2025-02-12") in readings
    assert ("Thursday", "2025-02-13") in readings
    assert ("Friday", "2025-02-14") in readings
    assert ("nearly three years", "P3Y") in readings


@pytest.mark.slow
def test_seed_of_sunday_24_august(nlp, shared_dir):
    path = shared_dir / SEEDS / "2025-08-24_vance-russia-concessions.txt"
    readings = _readings(nlp, path, dt.date(2025, 8, 24))
    assert ("Friday", "2025-08-22") in readings
    assert ("Sunday", "2025-08-24") in readings
    assert ("this month", "2025-08") in readings
    assert ("last week", "2025-W33") in readings
    assert ("two weeks", "P2W") in readings


@pytest.mark.slow
def test_timebank_sample_figures(shared_dir):
    from dossier.eval.timeml import evaluate, timeml_files

    gold = shared_dir / TIMEBANK
    report = evaluate(gold, files=timeml_files(gold)[:12])
    assert report.files == 12
    assert report.figure("relaxed")[2] > 0.8
    assert report.figure("value")[2] > 0.65
    assert report.figure("type")[2] > 0.75
    assert "relaxed" in report.format()


@pytest.mark.slow
def test_predictions_written_as_timeml(shared_dir, tmp_path):
    from dossier.eval.timeml import evaluate, read_timeml, timeml_files

    gold = shared_dir / TIMEBANK
    (path,) = timeml_files(gold)[:1]
    evaluate(gold, out_dir=tmp_path, files=[path])
    written = read_timeml(tmp_path / path.name)
    original = read_timeml(path)
    assert written.text == original.text
    assert written.anchor == original.anchor
    assert written.gold
