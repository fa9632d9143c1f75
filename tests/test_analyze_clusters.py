"""One happening, many reports: story events merge mentions and never double-count."""

from __future__ import annotations

from dossier.analyze import story_events
from dossier.schema import validate
from test_analyze_records import PUTIN, RUSSIA, TRUMP, VANCE, article, date, event, statement


def _call(article_id, sentence, when, trigger="call", start=0):
    return event(
        article_id,
        sentence,
        "CONSULT",
        [TRUMP],
        [PUTIN],
        when,
        mode="phone",
        trigger=trigger,
        start=start,
    )


THREE_OUTLETS = [
    _call("wire", "Trump spoke to Putin by telephone on Wednesday.", date("2025-02-12"), "spoke"),
    _call(
        "daily",
        "The call Trump made to Putin this week unsettled allies.",
        date("2025-W07", "week"),
    ),
    _call(
        "weekly",
        "Earlier this month Trump had a phone conversation with the Kremlin leader.",
        date("2025-02", "month"),
        "conversation",
    ),
]
ARTICLES = [
    article("wire", "2025-02-13", source="Wire"),
    article("daily", "2025-02-14", source="Daily"),
    article("weekly", "2025-02-20", source="Weekly"),
    article("daily-copy", "2025-02-14", source="Syndicated", canonical_id="daily"),
]


def _events(stories):
    return [s for s in stories if s["kind"] == "event"]


def test_three_outlets_with_different_relative_dates_are_one_story_event():
    stories = _events(story_events(THREE_OUTLETS, ARTICLES))
    assert len(stories) == 1
    story = stories[0]
    assert story["type"] == "CONSULT"
    assert story["date"]["value"] == "2025-02-12"  # the most precise report dates it
    assert (story["num_mentions"], story["num_articles"]) == (3, 3)
    assert {m["article_id"] for m in story["mentions"]} == {"wire", "daily", "weekly"}
    assert story["article_id"] is None and story["start"] is None
    validate(story)


def test_near_duplicate_article_is_listed_but_not_counted():
    copy = _call("daily-copy", THREE_OUTLETS[1]["sentence"], date("2025-W07", "week"))
    (story,) = _events(story_events([*THREE_OUTLETS, copy], ARTICLES))
    assert len(story["mentions"]) == 4
    flagged = [m for m in story["mentions"] if m["near_duplicate_of"]]
    assert [m["article_id"] for m in flagged] == ["daily-copy"]
    assert (story["num_mentions"], story["num_articles"]) == (3, 3)


def test_similar_calls_a_week_apart_stay_two():
    first = _call("wire", "Trump spoke to Putin on Wednesday.", date("2025-02-12"))
    second = _call("daily", "Trump called Putin again on Wednesday.", date("2025-02-19"))
    vague = _call("weekly", "Trump called Putin in February.", date("2025-02", "month"), start=50)
    stories = _events(story_events([first, second, vague], ARTICLES))
    assert sorted(s["date"]["value"] for s in stories) == ["2025-02-12", "2025-02-19"]
    assert sorted(s["num_mentions"] for s in stories) == [1, 2]  # the vague one joins one


def test_one_article_mentioning_a_call_three_times_is_one_story_event():
    published = date("2025-02-14", basis="publication")
    mentions = [
        _call("wire", "Trump phoned Putin on Wednesday.", date("2025-02-12"), "phoned"),
        _call("wire", "The call alarmed Europe.", published, start=40),
        _call("wire", "Allies learned of the conversation late.", published, "conversation", 80),
    ]
    (story,) = _events(story_events(mentions, ARTICLES))
    assert (story["num_mentions"], story["num_articles"]) == (3, 1)
    assert story["article_id"] == "wire" and story["sentence"] == mentions[0]["sentence"]
    validate(story)


def test_a_threatened_sanction_is_not_the_sanction_imposed():
    threatened = event(
        "wire", "Vance said Washington could sanction Moscow.", "SANCTION", [VANCE], [RUSSIA],
        date("2025-02-14"), factuality="conditional", trigger="sanction",
    )  # fmt: skip
    imposed = event(
        "daily", "Washington sanctioned Moscow on Friday.", "SANCTION", [VANCE], [RUSSIA],
        date("2025-02-14"), trigger="sanctioned",
    )  # fmt: skip
    assert len(_events(story_events([threatened, imposed]))) == 2


def test_repeated_quote_is_one_statement_story():
    words = "the Russians have made real concessions to the president this summer"
    quotes = [
        statement("wire", f"Vance said {words}.", VANCE, words, date("2025-08-24")),
        statement("daily", "Vance: Russia made real concessions.", VANCE, "Russia made real concessions",
                  date("2025-08-24", basis="publication")),
    ]  # fmt: skip
    stories = story_events(quotes, ARTICLES)
    assert [(s["kind"], s["num_articles"]) for s in stories] == [("statement", 2)]
    assert stories[0]["content"] == words
    validate(stories[0])


def test_two_meetings_sharing_one_party_stay_two():
    from test_analyze_records import USA, ZELENSKY

    friday = date("2025-02-14")
    kyiv_talks = event(
        "wire", "Zelensky will meet Vance on Friday.", "AGREE", [ZELENSKY, VANCE], [], friday
    )
    russia_talks = event(
        "wire",
        "U.S. and Russian officials will meet on Friday.",
        "AGREE",
        [USA, RUSSIA],
        [],
        friday,
        start=50,
    )
    again = event(
        "wire",
        "Vance and Zelensky are due to talk.",
        "AGREE",
        [VANCE, ZELENSKY],
        [],
        friday,
        start=99,
    )
    stories = _events(story_events([kyiv_talks, russia_talks, again], ARTICLES))
    assert sorted(s["num_mentions"] for s in stories) == [1, 2]
