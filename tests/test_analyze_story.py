"""The Markdown story and timelines over a small hand-written story in three articles."""

from __future__ import annotations

from dossier.analyze import story, story_events, timeline
from dossier.analyze.story import event_phrase
from dossier.schema import validate
from test_analyze_records import (
    PUTIN,
    RUSSIA,
    TRUMP,
    UKRAINE,
    VANCE,
    article,
    date,
    event,
    mention,
    statement,
)

ARTICLES = [
    article("feb", "2025-02-14", source="Wire", title="Vance puts sanctions on the table"),
    article("feb-copy", "2025-02-14", source="Reprint", title="Vance puts sanctions on the table",
            canonical_id="feb"),
    article("aug", "2025-08-24", source="Daily", title="Vance sees movement from Moscow"),
]  # fmt: skip

RECORDS = [
    statement("feb", "In 2022 he told a show he did not care about Ukraine.", VANCE,
              "Honestly I don't care what becomes of Ukraine either way", date("2022", "year")),
    statement("feb", "Vance said Washington cares about Ukraine.", VANCE,
              "we really do care that Ukraine stays a sovereign, independent country",
              date("2025-02-14"), start=100),
    mention("feb", "Vance said Washington cares about Ukraine.", UKRAINE, start=100),
    event("feb", "Vance said Washington could sanction Moscow if talks failed.", "SANCTION",
          [VANCE], [RUSSIA], date("2025-02-14"), factuality="conditional",
          condition="if talks failed", trigger="sanction", start=200),
    event("feb", "Trump phoned Putin on Wednesday.", "CONSULT", [TRUMP], [PUTIN],
          date("2025-02-12"), mode="phone", trigger="phoned", start=300),
    event("feb-copy", "Trump phoned Putin on Wednesday.", "CONSULT", [TRUMP], [PUTIN],
          date("2025-02-12"), mode="phone", trigger="phoned", start=300),
    event("feb", "Russia invaded Ukraine three years ago.", "ASSAULT", [RUSSIA], [UKRAINE],
          date("2022", "year"), factuality="historical", trigger="invaded", start=400),
    event("aug", "Russia began its invasion of Ukraine in February 2022.", "ASSAULT", [RUSSIA],
          [UKRAINE], date("2022-02", "month"), factuality="historical", trigger="invasion"),
    event("aug", "Vance said Russia had made big concessions.", "CONCEDE", [RUSSIA], [],
          date("2025-08-24", basis="publication"), claimant=VANCE, trigger="concessions",
          start=100),
]  # fmt: skip


def test_timeline_filters_by_actor_dyad_issue_and_dates():
    everything = timeline(RECORDS)
    assert len(everything) == 8  # mentions only help name actors
    assert [r["date"]["value"] for r in everything][:2] == ["2022", "2022"]
    assert len(timeline(RECORDS, actor="Vance")) == 4  # with the concession he claimed
    assert len(timeline(RECORDS, dyad=("Trump", "Russia"))) == 2  # Putin is Russia's
    assert len(timeline(RECORDS, issue="Ukraine")) == 4
    feb = timeline(RECORDS, since="2025-02", until="2025-02-13")
    assert [r["type"] for r in feb] == ["CONSULT", "CONSULT"]
    aug = timeline(RECORDS, since="2025-08")
    assert aug[0]["date"]["basis"] == "publication"


def test_the_invasion_told_twice_is_one_story_event():
    (invasion,) = [s for s in story_events(RECORDS, ARTICLES) if s["type"] == "ASSAULT"]
    assert (invasion["num_mentions"], invasion["num_articles"]) == (2, 2)
    assert invasion["date"]["value"] == "2022-02"


def test_story_markdown_tells_the_story_with_evidence():
    text = story(RECORDS, ARTICLES, title="Vance and Russia")
    assert text.startswith("# Vance and Russia\n")
    for heading in ("## Sources", "## Who's who", "## What happened", "## What was said",
                    "## Positions and shifts", "## Who presses whom", "## Timeline"):  # fmt: skip
        assert heading in text
    assert "near-duplicate of `feb`, not counted" in text
    assert "Donald Trump consults Vladimir Putin [phone] — 1 report(s) in 1 article(s)" in text
    assert "Russia attacks Ukraine — 2 report(s) in 2 article(s)" in text
    assert "**JD Vance on Ukraine**: oppose (2022) → support (2025-02-14) — full flop" in text
    assert "2025-08-24*" in text


def test_every_record_the_analysis_emits_validates():
    from dossier.analyze import lever_map, shifts

    emitted = [
        *story_events(RECORDS, ARTICLES),
        *shifts(RECORDS),
        *lever_map(RECORDS, articles=ARTICLES).to_json(),
    ]
    assert {r["record_type"] for r in emitted} == {"story_event", "shift", "edge"}
    for record in emitted:
        validate(record)


def test_several_actors_take_the_plural_verb():
    russia, putin = {"name": "Russia"}, {"name": "Vladimir Putin"}
    item = {"type": "CONCEDE", "actor": [russia, putin], "recipient": [{"name": "Donald Trump"}]}
    assert event_phrase(item) == "Russia and Vladimir Putin concede to Donald Trump"
    assert event_phrase({**item, "recipient": []}) == "Russia and Vladimir Putin concede"
    assert event_phrase({**item, "actor": [russia]}) == "Russia concedes to Donald Trump"


def test_an_actor_is_not_also_named_as_its_own_recipient():
    trump, putin = {"name": "Donald Trump"}, {"name": "Vladimir Putin"}
    item = {"type": "AGREE", "actor": [putin, trump], "recipient": [trump]}
    assert event_phrase(item) == "Vladimir Putin agrees with Donald Trump"
