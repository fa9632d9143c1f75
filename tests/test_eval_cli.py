"""The eval and code verbs, on small slices of the shared gold data (skipped when absent)."""

from __future__ import annotations

import json
import shutil

from typer.testing import CliRunner

from dossier.cli import app

runner = CliRunner()


def invoke(*args):
    return runner.invoke(app, [str(a) for a in args], catch_exceptions=False)


def test_eval_time_scores_and_writes_timeml(shared_dir, tmp_path):
    gold = tmp_path / "gold"
    gold.mkdir()
    for path in sorted((shared_dir / "data/time/tbaq/TimeBank").glob("*.tml"))[:3]:
        shutil.copy(path, gold / path.name)
    result = invoke("eval", "time", "--gold", gold, "--out", tmp_path / "pred")
    assert result.exit_code == 0, result.output
    assert "relaxed" in result.output.lower() and "value" in result.output.lower()
    assert sorted(p.name for p in (tmp_path / "pred").iterdir()) == sorted(p.name for p in gold.iterdir())


def test_eval_quotes_scores_and_writes_brat(shared_dir, tmp_path):
    dev = shared_dir / "data/quotes/polnear/dev"
    gold = tmp_path / "gold"
    (gold / "text").mkdir(parents=True)
    (gold / "attributions").mkdir()
    for path in sorted((dev / "text").glob("*.txt"))[:2]:
        shutil.copy(path, gold / "text" / path.name)
        for ann in (dev / "attributions").glob(path.stem + "_*.ann"):
            shutil.copy(ann, gold / "attributions" / ann.name)
    result = invoke("eval", "quotes", "--gold", gold, "--out", tmp_path / "pred")
    assert result.exit_code == 0, result.output
    for part in ("Source", "Cue", "Content"):
        assert part in result.output
    assert len(list((tmp_path / "pred").glob("*.ann"))) == 2


def test_eval_events_scores_a_slice_of_the_plover_gold(shared_dir, tmp_path):
    records = json.loads((shared_dir / "data/events/plover/PLOVER_GSR_CAMEO.txt").read_text())
    gold = tmp_path / "gold.json"
    gold.write_text(json.dumps(records[:25]))
    result = invoke("eval", "events", "--gold", gold)
    assert result.exit_code == 0, result.output
    assert "type" in result.output.lower() and "triple" in result.output.lower()


def test_code_turns_sentence_lines_into_event_lines(tmp_path):
    lines = tmp_path / "in.jsonl"
    lines.write_text(
        '{"id": "s1", "text": "Germany sent tanks to Poland on Monday.", "date": "2024-05-06"}\n'
        "not json\n"
        '{"id": "s2", "text": "The weather was mild.", "date": "2024-05-06"}\n',
        encoding="utf-8",
    )
    result = runner.invoke(app, ["code", str(lines)])
    assert result.exit_code == 1  # the bad line
    assert "line 2" in result.output
    out = [json.loads(line) for line in result.output.splitlines() if line.startswith("{")]
    assert [o["id"] for o in out] == ["s1", "s2"]
    assert out[1]["events"] == []


def test_plover_scoring_reads_quads_and_the_place_convention():
    from dossier.eval.plover import Report, score_sentence

    gold = {"event": "COERCE", "source": [{"code": "TUR"}], "target": [{"code": "TUR"}],
            "text": "Turkish police imposed a curfew in Mardin."}
    curfew = {"type": "COERCE", "factuality": "asserted", "actor": [{"country": "TUR"}], "recipient": [],
              "location": {"name": "Mardin", "country": "TUR"}}
    shooting = {"type": "ASSAULT", "factuality": "asserted", "actor": [{"country": "TUR"}], "recipient": []}
    report = Report()
    score_sentence(report, gold, [curfew, shooting])
    assert (report.type.tp, report.type.fp) == (1, 1)
    assert (report.quad.tp, report.quad.fp) == (1, 0)  # both are material conflict
    assert (report.triple.tp, report.triple_place.tp) == (0, 1)
