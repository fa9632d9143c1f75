"""The events an analyst would list from the two seed articles (../shared/seeds)."""

from __future__ import annotations

import pytest

from dossier.records import Event

SEEDS = {
    "2025-02-14": "2025-02-14_vance-warns-russia-sanctions.txt",
    "2025-08-24": "2025-08-24_vance-russia-concessions.txt",
}


@pytest.fixture(scope="module")
def seed_events(shared_dir, extract):
    found = {}
    for published, name in SEEDS.items():
        text = (shared_dir / "seeds" / name).read_text(encoding="utf-8")
        found[published] = [r for r in extract(text, published=published) if isinstance(r, Event)]
    return found


def countries(entities) -> set:
    return {e.country for e in entities}


def pick(events, kind, **want):
    """Events of ``kind`` whose actor/recipient countries include the wanted ones."""
    out = [e for e in events if e.type == kind]
    if "actor" in want:
        out = [e for e in out if want["actor"] in countries(e.actor)]
    if "recipient" in want:
        out = [e for e in out if want["recipient"] in countries(e.recipient)]
    assert out, f"no {kind} {want} among {[(e.type, e.trigger) for e in events]}"
    return out


def test_vance_conditional_threat_of_sanctions_and_force(seed_events):
    threats = pick(seed_events["2025-02-14"], "THREATEN", actor="USA", recipient="RUS")
    vance = [e for e in threats if any("Vance" in a.text for a in e.actor)]
    assert vance and all(e.factuality == "conditional" for e in vance)
    assert any({"restrict", "violence"} <= set(e.modes) for e in threats)
    assert any(e.condition and "peace deal" in e.condition.lower() for e in vance)
    assert all(e.type != "SANCTION" for e in seed_events["2025-02-14"])


def test_trump_putin_phone_call_two_days_before(seed_events):
    calls = pick(seed_events["2025-02-14"], "CONSULT", actor="USA")
    call = [e for e in calls if e.mode == "phone" and "RUS" in countries(e.actor)]
    assert call and not any(e.recipient for e in call)
    assert any(e.date and e.date.value == "2025-02-12" for e in call)


def test_trump_and_putin_agreed_on_the_call_to_start_talks(seed_events):
    agreed = [e for e in pick(seed_events["2025-02-14"], "AGREE", actor="USA") if e.trigger == "agreed"]
    assert [countries(e.actor) for e in agreed] == [{"USA", "RUS"}]  # "they": Trump and Putin
    assert agreed[0].factuality == "asserted" and agreed[0].date.value == "2025-02-12"


def test_planned_meetings_are_future_agree(seed_events):
    planned = [e for e in pick(seed_events["2025-02-14"], "AGREE", actor="USA") if e.trigger != "agreed"]
    assert planned and all(e.factuality == "future" for e in planned)
    munich = [e for e in planned if e.location and e.location.name == "Munich"]
    assert munich and {"USA", "RUS"} <= countries(munich[0].actor)
    assert munich[0].location.country == "DEU"
    assert any("UKR" in countries(e.actor) for e in planned)  # Vance due to see Zelenskiy


def test_russian_concessions_are_vance_claim(seed_events):
    concessions = pick(seed_events["2025-08-24"], "CONCEDE", actor="RUS")
    assert concessions
    for event in concessions:
        assert event.attribution.by == "actor"
        assert event.attribution.statement_id or "Vance" in event.attribution.claimant.text \
            or event.attribution.claimant.country == "USA"


def test_putin_demands_of_ukraine(seed_events):
    demand = pick(seed_events["2025-08-24"], "REQUEST", actor="RUS", recipient="UKR")
    assert demand[0].mode == "yield"


def test_renewed_threat_with_two_week_deadline(seed_events):
    threat = pick(seed_events["2025-08-24"], "THREATEN", actor="USA", recipient="RUS")
    renewed = [e for e in threat if e.factuality == "conditional"]
    assert renewed and renewed[0].date.value == "2025-08-22"
    assert renewed[0].mode == "restrict"


def test_tariff_on_india_is_a_sanction(seed_events):
    tariff = pick(seed_events["2025-08-24"], "SANCTION", actor="USA", recipient="IND")
    assert tariff[0].mode == "discontinue" and tariff[0].cameo == "163"


def test_invasion_is_historical(seed_events):
    invasion = pick(seed_events["2025-08-24"], "ASSAULT", actor="RUS")
    assert invasion[0].factuality == "historical" and invasion[0].date.value.startswith("2022")


def test_the_alaska_meeting_is_dated_a_week_before_the_renewed_threat(seed_events):
    meeting = [e for e in pick(seed_events["2025-08-24"], "CONSULT", actor="USA") if "RUS" in countries(e.actor)]
    assert [(e.date.value, e.date.basis) for e in meeting] == [("2025-08-15", "text")]
