"""Stances and shifts: negation, factuality, repetition, reported and inferred changes."""

from __future__ import annotations

import pytest

from dossier.analyze import positions, shifts
from dossier.analyze.positions import event_stance, statement_stance
from dossier.schema import validate
from test_analyze_records import (
    RUSSIA,
    TRUMP,
    UKRAINE,
    USA,
    VANCE,
    date,
    event,
    mention,
    statement,
)


@pytest.mark.parametrize(
    ("content", "stance"),
    [
        ("Honestly I don't care what becomes of Ukraine either way", "oppose"),
        ("we really do care that Ukraine stays a sovereign, independent country", "support"),
        ("We never supported that plan", "oppose"),
        ("the talks were a sham", "oppose"),
        ("there are sanctions we could use if they refuse a fair deal", "threat"),
        ("we will look at sanctions case-by-case", "threat"),
        ("the weather in Munich was grey", "neutral"),
    ],
)
def test_statement_stance_reads_negation_and_conditions(content, stance):
    assert statement_stance(content) == stance


@pytest.mark.parametrize(
    ("fields", "stance"),
    [
        ({"type": "AGREE"}, "cooperative"),
        ({"type": "AGREE", "factuality": "negated"}, "hostile"),
        ({"type": "SANCTION"}, "hostile"),
        ({"type": "SANCTION", "factuality": "conditional"}, "threat"),
        ({"type": "AID", "factuality": "future"}, "cooperative"),
        ({"type": "AID", "factuality": "future", "condition": "if they stop"}, "condition"),
        ({"type": "CONCEDE"}, "concession"),
        ({"type": "REQUEST"}, "demand"),
    ],
)
def test_event_stance_from_type_and_factuality(fields, stance):
    assert event_stance({"factuality": "asserted", "condition": None, **fields}) == stance


def _vance_on_ukraine():
    return [
        statement(
            "old", "On a 2022 show he said he did not care about Ukraine.", VANCE,
            "Honestly I don't care what becomes of Ukraine either way", date("2022", "year"),
        ),
        statement(
            "new", "Vance said Washington cares about Ukraine.", VANCE,
            "we really do care that Ukraine stays a sovereign, independent country",
            date("2025-02-14"),
        ),
        mention("new", "Vance said Washington cares about Ukraine.", UKRAINE),
    ]  # fmt: skip


def test_dated_statements_of_opposite_stance_are_an_inferred_full_flop():
    (shift,) = shifts(_vance_on_ukraine())
    assert shift["actor"]["actor_id"] == "jd-vance"
    assert shift["issue"]["target"] == "UKR" and shift["issue"]["name"] == "Ukraine"
    assert (shift["from"]["stance"], shift["to"]["stance"]) == ("oppose", "support")
    assert (shift["degree"], shift["basis"], shift["direction"]) == (
        "full flop",
        "inferred",
        "more cooperative",
    )
    assert shift["from"]["date"]["value"] == "2022"
    validate(shift)


def test_positions_name_the_issue_a_statement_speaks_of():
    found = positions(_vance_on_ukraine())
    assert {(p.target, p.stance) for p in found} == {("UKR", "oppose"), ("UKR", "support")}


def _threat(article_id, sentence, when):
    return event(article_id, sentence, "THREATEN", [TRUMP], [RUSSIA], when, trigger="threatened")


def test_repeating_a_threat_is_no_shift():
    records = [
        _threat("a", "Trump threatened Moscow with new tariffs.", date("2025-02-14")),
        _threat("b", "Trump reiterated his threat of tariffs on Moscow.", date("2025-03-20")),
        _threat(
            "c", "Once more Trump threatened Moscow, repeating his warning.", date("2025-05-02")
        ),
    ]
    assert shifts(records) == []


def test_a_reported_reversal_is_a_shift_even_without_an_earlier_record():
    talks = event(
        "a", "Trump reversed years of policy and opened talks with Moscow.", "CONSULT",
        [TRUMP], [RUSSIA], date("2025-02-12"), trigger="talks",
    )  # fmt: skip
    (shift,) = shifts([talks])
    assert (shift["basis"], shift["degree"], shift["cue"]) == ("reported", "full flop", "reversed")
    assert (shift["from"]["stance"], shift["to"]["stance"]) == ("hostile", "cooperative")
    assert shift["from"]["date"] is None and shift["article_id"] == "a"
    validate(shift)


def test_a_change_word_beside_a_repetition_word_reports_nothing():
    claim = event(
        "a", "Vance reiterated that the administration had not changed course on Russia.",
        "THREATEN", [VANCE], [RUSSIA], date("2025-03-01"), trigger="reiterated",
    )  # fmt: skip
    assert shifts([claim]) == []


def test_negation_counts_refusing_after_agreeing_is_a_shift():
    records = [
        event("a", "Russia agreed to hold talks with Kyiv.", "AGREE", [RUSSIA], [UKRAINE],
              date("2025-03-01"), trigger="agreed"),
        event("b", "Russia did not agree to a ceasefire with Kyiv.", "AGREE", [RUSSIA], [UKRAINE],
              date("2025-06-10"), trigger="agree", factuality="negated"),
    ]  # fmt: skip
    (shift,) = shifts(records, actor="Russia", issue="Ukraine")
    assert (shift["from"]["stance"], shift["to"]["stance"]) == ("cooperative", "hostile")
    assert (shift["degree"], shift["direction"]) == ("full flop", "more hostile")


def test_conditional_threat_then_claimed_concessions_is_a_shift_on_russia():
    records = [
        event(
            "feb", "Vance said Washington could hit Moscow with sanctions if talks fail.",
            "SANCTION", [VANCE], [RUSSIA], date("2025-02-14"), factuality="conditional",
            condition="if talks fail", trigger="sanctions",
        ),
        event(
            "aug", "Vance said Russia had made big concessions to Washington.", "CONCEDE",
            [RUSSIA], [USA], date("2025-08-24"), claimant=VANCE, trigger="concessions",
        ),
        statement(
            "aug", "Vance said sanctions on Russia would be weighed case-by-case.", VANCE,
            "sanctions on Russia would be weighed case-by-case", date("2025-08-24"), start=60,
        ),
    ]  # fmt: skip
    found = shifts(records, actor="Vance", issue="Russia")
    assert len(found) == 1
    shift = found[0]
    assert shift["from"]["stance"] == "threat" and shift["direction"] == "more cooperative"
    assert shift["degree"] in ("half flip", "full flop")
    assert shift["to"]["date"]["value"] == "2025-08-24"
    validate(shift)
