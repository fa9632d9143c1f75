"""The story of the two seed articles (../shared/seeds), end to end: ingest, extract, analyse.

Needs the real extractors: skips, saying why, while "statements" or "events" are not
registered in the default pipeline.
"""

from __future__ import annotations

import pytest

from dossier.analyze import positions
from dossier.analyze.actors import ActorQuery
from dossier.api import Dossier
from dossier.schema import validate

pytestmark = pytest.mark.slow


def _extractors_missing() -> str | None:
    from dossier.extract.pipeline import Pipeline

    try:
        components = Pipeline.default().components
    except Exception as err:  # an extractor that does not import yet is one not landed
        return f"the extract pipeline does not load: {err}"
    missing = [name for name in ("statements", "events") if name not in components]
    return f"extractors not registered yet: {', '.join(missing)}" if missing else None


@pytest.fixture(scope="module")
def seeds(shared_dir, tmp_path_factory):
    missing = _extractors_missing()
    if missing:
        pytest.skip(missing)
    dossier = Dossier(str(tmp_path_factory.mktemp("seeds") / "seeds.db"))
    assert dossier.ingest([str(shared_dir / "seeds" / "articles.jsonl")]).ok
    extracted = dossier.extract()
    assert extracted.ok, f"extraction failed: {extracted.errors}"
    yield dossier
    dossier.close()


@pytest.fixture(scope="module")
def records(seeds):
    return seeds.timeline() + seeds.records("mention")


def _named(query: str, records: list[dict]) -> ActorQuery:
    return ActorQuery.resolve(query, records)


def _shift(seeds, actor: str, issue: str) -> dict:
    found = seeds.shifts(actor, issue=issue)
    assert found, f"no shift of {actor} on {issue}"
    return found[0]


def test_vance_on_russia_from_conditional_threat_to_claimed_concessions(seeds):
    shift = _shift(seeds, "Vance", "Russia")
    assert shift["from"]["date"]["value"].startswith("2025-02")
    assert shift["from"]["stance"] in ("threat", "hostile")
    assert shift["to"]["date"]["value"].startswith("2025-08")
    assert shift["direction"] == "more cooperative"
    validate(shift)


def test_vance_on_ukraine_from_2022_to_2025(seeds):
    shift = _shift(seeds, "Vance", "Ukraine")
    assert shift["from"]["date"]["value"].startswith("2022")
    assert shift["to"]["date"]["value"].startswith("2025")
    assert (shift["from"]["stance"], shift["direction"]) == ("oppose", "more cooperative")


def test_trumps_february_call_against_his_august_threat(seeds):
    shift = _shift(seeds, "Trump", "Russia")
    assert shift["from"]["date"]["value"].startswith("2025-02")
    assert shift["to"]["date"]["value"].startswith("2025-08")
    assert shift["direction"] == "more hostile"


def test_us_demand_that_europe_spend_more_and_rutte_agreeing(seeds, records):
    us = _named("United States", records)
    demands = [
        r for r in seeds.events(type="REQUEST") if us.any(r["actor"]) and "Europe" in r["sentence"]
    ]
    assert demands, "no U.S. demand of Europe"
    rutte = _named("Rutte", records)
    agreeing = [
        p
        for p in positions(records)
        if rutte.matches(p.holder) and p.stance in ("support", "cooperative")
    ]
    assert agreeing, "Rutte's agreement is not read as support"


def test_putin_demands_of_ukraine(seeds):
    edges = seeds.map(actor="Putin", type="REQUEST").to_json()
    assert any(
        e["source"]["name"] == "Vladimir Putin" and e["target"]["country"] == "UKR" for e in edges
    )


def test_us_sanction_of_india_over_russian_oil(seeds, records):
    us = _named("United States", records)
    sanctions = [
        r
        for r in seeds.events(type="SANCTION")
        if us.any(r["actor"]) and any(e.get("country") == "IND" for e in r["recipient"])
    ]
    assert sanctions and "oil" in sanctions[0]["sentence"]


def test_the_invasion_in_both_articles_is_one_story_event(seeds):
    invasions = [
        s
        for s in seeds.story_events(type="ASSAULT")
        if any(a.get("country") == "RUS" for a in s["actor"]) and s["num_articles"] == 2
    ]
    assert invasions, "the invasion is not one story event across both articles"
    assert invasions[0]["date"]["value"].startswith("2022")


def test_story_markdown_of_the_seeds(seeds):
    text = seeds.story(title="U.S. pressure on Russia")
    for expected in (
        "## Positions and shifts",
        "**JD Vance on Russia**",
        "**JD Vance on Ukraine**",
    ):
        assert expected in text
    assert "Russia attacks Ukraine" in text or "Russia attacks —" in text


def test_vances_threat_is_one_story_event_with_both_levers(seeds):
    threats = [
        s
        for s in seeds.story_events(type="THREATEN")
        if any(a.get("name") == "JD Vance" for a in s["actor"]) and s["factuality"] == "conditional"
    ]
    assert len(threats) == 1 and {"restrict", "violence"} <= set(threats[0]["modes"])
    assert "[restrict, violence]" in seeds.story()
