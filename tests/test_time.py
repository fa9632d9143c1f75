"""The temporal tagger: each rule family, on sentences written for these tests."""

from __future__ import annotations

import datetime as dt

import pytest
from spacy.tokens import Doc

from dossier.extract.base import Context
from dossier.extract.time import date_for, deadline_for, tag, tense, time_component
from dossier.records import Timex
from timex_helpers import FRIDAY, values

# --- calendar dates ---------------------------------------------------------------


def test_full_dates(timexes):
    found = values(timexes("The treaty was signed on March 3, 2019, and ratified on 5 June 2020."))
    assert found == {"March 3, 2019": "2019-03-03", "5 June 2020": "2020-06-05"}


def test_iso_and_numeric_dates(timexes):
    assert values(timexes("The filing is dated 2024-11-05.")) == {"2024-11-05": "2024-11-05"}


def test_month_and_year(timexes):
    assert values(timexes("Prices have climbed since February 2022.")) == {"February 2022": "2022-02"}


def test_year_boundary_in_the_past():
    anchor = dt.date(2025, 1, 2)
    assert _value("The ministers met on Dec. 30 in Geneva.", anchor) == "2024-12-30"


def test_year_boundary_in_the_future():
    assert _value("The summit will open on Jan. 3.", dt.date(2024, 12, 28)) == "2025-01-03"


def test_weekday_with_date_picks_its_year():
    assert _value("The fair opened on Saturday, April 26.", dt.date(2026, 1, 10)) == "2025-04-26"


def test_bare_month_follows_tense(timexes):
    assert values(timexes("The talks collapsed in November.")) == {"November": "2024-11"}
    assert values(timexes("The talks will resume in November.")) == {"November": "2025-11"}


def test_last_and_next_month_names(timexes):
    found = values(timexes("Rates rose last January, fell last February and may rise next February."))
    assert found == {"last January": "2025-01", "last February": "2024-02", "next February": "2026-02"}


def test_edges_of_months_and_years(timexes):
    found = timexes("Troops left in mid-January after fighting that began in early 2023.")
    assert found["mid-January"] == ("DATE", "2025-01", "MID")
    assert found["early 2023"] == ("DATE", "2023", "START")


def test_year_with_an_edge_in_one_token(timexes):
    assert timexes("Output peaked in mid-2019.") == {"mid-2019": ("DATE", "2019", "MID")}


def test_day_before_an_ambiguous_month(timexes):
    assert values(timexes("On 6 March the court ruled.")) == {"6 March": "2025-03-06"}


def test_edged_decade_in_one_token(timexes):
    assert timexes("Rents soared in the mid-1990s.") == {"the mid-1990s": ("DATE", "199", "MID")}


def test_year_before_a_plural_after_the(timexes):
    assert values(timexes("Many who led the 2019 protests left.")) == {"2019": "2019"}
    assert timexes("He sold 2019 shares.") == {}


def test_years_in_words(timexes):
    found = values(timexes("The mill shut in nineteen ninety-six and may reopen in the year two thousand."))
    assert found == {"nineteen ninety-six": "1996", "the year two thousand": "2000"}
    assert values(timexes("It rained in January nineteen eighty.")) == {"January nineteen eighty": "1980-01"}
    assert timexes("Nineteen twenty people came.") == {}


def test_decades_centuries_and_years(timexes):
    found = values(timexes("The pipeline dates from the 1990s, not from 1990, and from the 20th century."))
    assert found == {"the 1990s": "199", "1990": "1990", "the 20th century": "19"}


def test_fiscal_years(timexes):
    found = values(timexes("Sales in the current fiscal year beat fiscal 2023 results and last fiscal year."))
    assert found == {"the current fiscal year": "2025", "fiscal 2023": "2023", "last fiscal year": "2024"}


def test_quarters_and_halves(timexes):
    found = values(timexes("Output fell in the fourth quarter and rose in the first half of 2023."))
    assert found == {"the fourth quarter": "2024-Q4", "the first half of 2023": "2023-H1"}


def test_apostrophe_decades(timexes):
    assert values(timexes("Rents were low in the '90s.")) == {"90s": "199"}


def test_holidays(timexes):
    found = values(timexes("Shops closed on Christmas Eve 2023 and reopened after Easter 2024."))
    assert found == {"Christmas Eve 2023": "2023-12-24", "Easter 2024": "2024-03-31"}
    assert values(timexes("Polls open on Election Day 2024.")) == {"Election Day 2024": "2024-11-05"}


# --- relative expressions ---------------------------------------------------------


def test_weekday_tense(timexes):
    found = values(timexes("The envoy said on Wednesday that he will fly to Oslo on Monday."))
    assert found == {"Wednesday": "2025-02-12", "Monday": "2025-02-17"}


def test_weekday_of_the_publication_day(timexes):
    found = values(timexes("The minister repeated the offer on Friday."))
    assert found == {"Friday": "2025-02-14"}


def test_weekday_misattached_to_the_reported_clause(timexes):
    found = values(timexes("The mayor said on Tuesday he would resign."))
    assert found == {"Tuesday": "2025-02-11"}


def test_weekday_in_the_simple_present_looks_ahead(timexes):
    assert values(timexes("The two leaders meet separately Monday.")) == {"Monday": "2025-02-17"}
    assert values(timexes("Officials say Monday that the road is open.")) == {"Monday": "2025-02-10"}


def test_weekday_after_a_bare_participle_looks_back(timexes):
    found = values(timexes("Under the ruling announced Wednesday, the family will keep the boy."))
    assert found == {"Wednesday": "2025-02-12"}
    found = values(timexes("The board set Thursday as the deadline for bids."))
    assert found == {"Thursday": "2025-02-13"}


def test_weekday_after_might_or_as_early_as_looks_ahead(timexes):
    assert values(timexes("The envoy might arrive Tuesday."))["Tuesday"] == "2025-02-18"
    assert values(timexes("The envoy may have arrived Tuesday."))["Tuesday"] == "2025-02-11"
    assert values(timexes("The bill was passed and could be signed as early as Tuesday."))["Tuesday"] == "2025-02-18"


def test_plans_in_the_past_perfect_look_back(timexes):
    assert values(timexes("The offer had been due to expire Friday."))["Friday"] == "2025-02-14"
    assert values(timexes("The offer is due to expire Friday."))["Friday"] == "2025-02-14"
    assert values(timexes("The offer is due to expire Monday."))["Monday"] == "2025-02-17"
    assert values(timexes("The offer had been due to expire Monday."))["Monday"] == "2025-02-10"


def test_month_after_a_bare_participle_looks_back():
    assert _value("The phones introduced in April sold well.", dt.date(2024, 10, 26)) == "2024-04"


def test_a_participle_spelled_as_its_base_form_says_nothing(nlp):
    """A "VBN" that is also a base form ("run") may be a misparsed verb: no tense from it."""

    def parsed(verb: str, lemma: str):
        words = ["Voters", verb, "in", "November"]
        return Doc(nlp.vocab, words=words, tags=["NNS", "VBN", "IN", "NNP"], pos=["NOUN", "VERB", "ADP", "PROPN"],
                   heads=[1, 1, 1, 2], deps=["nsubj", "ROOT", "prep", "pobj"], lemmas=["voter", lemma, "in", "November"])

    assert tense(parsed("voted", "vote")[3]) == -1
    assert tense(parsed("run", "run")[3]) == 0


def test_weekday_in_reported_future(timexes):
    found = values(timexes("The rebels said they would withdraw on Sunday."))
    assert found == {"Sunday": "2025-02-16"}


def test_last_and_next_weekday(timexes):
    found = values(timexes("Trading halted last Monday and resumes next Tuesday."))
    assert found == {"last Monday": "2025-02-10", "next Tuesday": "2025-02-18"}


def test_iso_weeks_months_years(timexes):
    found = values(timexes("Sales rose last week, slowed this month and may recover next year."))
    assert found == {"last week": "2025-W06", "this month": "2025-02", "next year": "2026"}


def test_iso_week_across_a_year_boundary():
    assert _value("Exports fell last week.", dt.date(2025, 1, 2)) == "2024-W52"


def test_deictic_words(timexes):
    found = values(timexes("Yesterday the strike ended; today trains run, and tomorrow buses return."))
    assert found == {"Yesterday": "2025-02-13", "today": "2025-02-14", "tomorrow": "2025-02-15"}


def test_references(timexes):
    found = values(timexes("The firm is now profitable but recently lost clients, as in the past."))
    assert found == {"now": "PRESENT_REF", "recently": "PAST_REF", "the past": "PAST_REF"}


def test_parts_of_day(timexes):
    found = values(timexes("Shelling resumed last night and again this morning."))
    assert found == {"last night": "2025-02-13TNI", "this morning": "2025-02-14TMO"}


def test_ago_and_narrative_shifts(timexes):
    found = values(timexes("Two years ago the dam broke. It was repaired in June 2020 and the next day it rained."))
    assert found == {"Two years ago": "2023", "June 2020": "2020-06", "the next day": "2025-02-15"}
    found = values(timexes("Voting began on March 2, 2021. Results came three days later."))
    assert found["three days later"] == "2021-03-05"


def test_a_year_earlier_keeps_the_period_compared(timexes):
    found = values(timexes("Profit in the third quarter fell from a year earlier."))
    assert found == {"the third quarter": "2024-Q3", "a year earlier": "2023-Q3"}
    assert values(timexes("The plant opened a year ago.")) == {"a year ago": "2024"}


def test_a_year_ago_compares_with_the_quarter_reported_on(timexes):
    text = ("Third-quarter profit at the brewer doubled. Net income was $4 million, "
            "against $2 million a year ago.")
    assert values(timexes(text))["a year ago"] == "2023-Q3"
    far = "Sales grew in the second quarter. The firm hired staff. It built a plant. Its founder retired a year ago."
    assert values(timexes(far))["a year ago"] == "2024"


def test_year_earlier_and_year_ago_periods(timexes):
    text = "Revenue rose in the third quarter. In the year-earlier quarter, the bakery lost money."
    assert values(timexes(text))["the year-earlier quarter"] == "2023-Q3"
    text = "Profit climbed in the second quarter, against a year-earlier loss."
    assert values(timexes(text))["year-earlier"] == "2023-Q2"
    text = "The mill earned more in the third quarter than in the year-ago third quarter."
    assert values(timexes(text))["the year-ago third quarter"] == "2023-Q3"
    assert values(timexes("Output in the 2023 second quarter fell."))["the 2023 second quarter"] == "2023-Q2"


def test_the_quarter_is_the_one_reported_on(timexes):
    text = "The chain posted a loss for the first quarter. Costs grew during the quarter."
    assert values(timexes(text))["the quarter"] == "2025-Q1"
    assert values(timexes("It reported sales for the quarter ended Sept. 30."))["the quarter"] == "2024-Q3"


def test_that_year_refers_to_the_year_last_named(timexes):
    found = values(timexes("She moved to Lima in June 2019 and returned home later that year."))
    assert found["later that year"] == "2019"
    found = values(timexes("The strike began in March 2021. The following month, talks resumed."))
    assert found["The following month"] == "2021-04"
    found = values(timexes("The dam was built in 2019. Its output fell over the last year."))
    assert found["the last year"] == "2024"


def test_plural_narrative_units_are_vague(timexes):
    found = values(timexes("Prices may fall in the coming years."))
    assert found == {"the coming years": "FUTURE_REF"}


def test_relative_with_edges(timexes):
    found = timexes("Growth slowed late last year and picked up earlier this month.")
    assert found["late last year"] == ("DATE", "2024", "END")
    assert found["earlier this month"][1] == "2025-02"


def test_seasons(timexes):
    assert values(timexes("The offensive stalled last summer.")) == {"last summer": "2024-SU"}


# --- durations, sets, times -------------------------------------------------------


def test_durations_versus_dates(timexes):
    found = timexes("The truce lasted nearly three years; a two-week pause begins in 10 days.")
    assert found["nearly three years"] == ("DURATION", "P3Y", "APPROX")
    assert found["two-week"] == ("DURATION", "P2W", None)
    assert found["10 days"] == ("DURATION", "P10D", None)


def test_counted_and_added_durations(timexes):
    found = timexes("Talks could take a couple of years, two more weeks or an additional month.")
    assert found["a couple of years"] == ("DURATION", "P2Y", None)
    assert found["two more weeks"] == ("DURATION", "P2W", None)
    assert found["an additional month"] == ("DURATION", "P1M", None)
    assert timexes("They need at least 20 more years.")["at least 20 more years"] == ("DURATION", "P20Y", "EQUAL_OR_MORE")


def test_trading_days_and_the_verb_last(timexes):
    found = timexes("Shares fell for eight trading days; the strike will last one week.")
    assert found == {"eight trading days": ("DURATION", "P8D", None), "one week": ("DURATION", "P1W", None)}


def test_one_day_before_a_verb_is_the_vague_future(timexes):
    assert values(timexes("Robots could one day replace drivers.")) == {"one day": "FUTURE_REF"}


def test_an_hour_later_is_a_duration(timexes):
    found = timexes("The bridge reopened an hour later.")
    assert found == {"an hour": ("DURATION", "PT1H", None)}
    assert values(timexes("The bridge reopened a few hours later.")) == {"a few hours later": "FUTURE_REF"}
    assert values(timexes("Hours later, the bridge reopened.")) == {"Hours later": "FUTURE_REF"}


def test_duration_spans_keep_the_determiner(timexes):
    found = timexes("In the last twenty four hours the index fell, as over the past two months.")
    assert found["the last twenty four hours"] == ("DURATION", "PT24H", None)
    assert found["the past two months"] == ("DURATION", "P2M", None)


def test_vague_durations(timexes):
    assert values(timexes("The feud went on for years, then several months of quiet.")) == {
        "years": "PXY",
        "several months": "PXM",
    }


def test_a_bare_plural_unit_after_in_is_vague(timexes):
    assert values(timexes("Rainfall was the heaviest in decades.")) == {"decades": "PXDE"}
    assert values(timexes("The mine made its first profit in years.")) == {"years": "PXY"}


def test_vague_units_need_a_temporal_context(timexes):
    assert values(timexes("Hours after the blast, police arrived.")) == {"Hours": "PTXH"}
    assert timexes("The shop keeps long hours.") == {}


def test_sets(timexes):
    found = timexes("Inspectors visit every week, report daily and meet twice a year.")
    assert found == {
        "every week": ("SET", "P1W", None),
        "daily": ("SET", "P1D", None),
        "a year": ("SET", "P1Y", None),
    }


def test_recurring_weekdays_and_adverbs(timexes):
    found = timexes("The ferry sails on Sundays and Friday nights; the permit is renewed annually.")
    assert found == {
        "Sundays": ("SET", "XXXX-WXX-7", None),
        "Friday nights": ("SET", "XXXX-WXX-5TNI", None),
        "annually": ("SET", "P1Y", None),
    }
    assert values(timexes("The ferry sank on Friday days after the storm."))["Friday"] == "2025-02-14"


def test_every_season_recurs(timexes):
    found = timexes("The lake freezes every winter, and each spring the ferries return.")
    assert found == {"every winter": ("SET", "XXXX-WI", None), "each spring": ("SET", "XXXX-SP", None)}


def test_clock_times(timexes):
    found = timexes("The vote opens at 5 p.m. (1600 GMT) and closes at 10:30 p.m.")
    assert found["5 p.m."] == ("TIME", "2025-02-14T17:00", None)
    assert found["1600 GMT"] == ("TIME", "2025-02-14T16:00", None)
    assert found["10:30 p.m."][1] == "2025-02-14T22:30"


def test_clock_times_with_a_date_or_a_hedge(timexes):
    found = timexes("Bids are due by 5 p.m. EST, March 3. The fire started around 7:15 p.m.")
    assert found["5 p.m. EST, March 3"] == ("TIME", "2025-03-03T17:00", None)
    assert found["around 7:15 p.m."] == ("TIME", "2025-02-14T19:15", None)


# --- not times --------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Theresa May said the plan had failed.",
        "Thousands march through the capital.",
        "The ticket costs $27.",
        "Officials say 1500 troops were deployed.",
        "The 6-year-old boy was rescued.",
        "The chairman, 52 years old, retired.",
        "The shops will last.",
        "He may resign.",
        "Prices could fall sharply.",
        "Sales fell, she said on This Week.",
        "The anchor of 60 Minutes retired.",
        "A woman in her 30s was hurt.",
    ],
)
def test_not_times(timexes, text):
    assert timexes(text) == {}


def test_undated_articles_keep_explicit_dates_only(timexes):
    found = values(timexes("He spoke on Monday about the March 3, 2019 accord.", anchor=None))
    assert found == {"Monday": "XXXX-WXX-1", "March 3, 2019": "2019-03-03"}


# --- records, date_for, deadline_for ----------------------------------------------


def _value(text: str, anchor: dt.date) -> str:
    from dossier import nlp

    doc = nlp.load()(text)
    (span,) = tag(doc, anchor)
    return span.reading.value


def _context(nlp, text: str, published: dt.date | None = FRIDAY):
    doc = nlp(text)
    ctx = Context(article_id="a1", published=published)
    ctx.records.extend(time_component(doc, ctx))
    return doc, ctx


def _token(doc, text: str):
    return next(t for t in doc if t.text == text)


def test_component_records(nlp):
    doc, ctx = _context(nlp, "Sanctions imposed before 2014 stayed, and since February 2022 more came.")
    records = {t.text: t for t in ctx.records}
    assert all(isinstance(t, Timex) for t in ctx.records)
    before, since = records["2014"], records["February 2022"]
    assert before.date.end == "2014" and before.date.granularity == "year"
    assert since.date.start == "2022-02" and since.date.granularity == "month"
    assert doc.text[since.start : since.end] == "February 2022"


def test_date_for_attached_and_publication(nlp):
    doc, ctx = _context(nlp, "The minister said on Wednesday that prices rose.")
    said = date_for(doc, ctx, _token(doc, "said"))
    assert (said.value, said.basis, said.granularity) == ("2025-02-12", "text", "day")
    rose = date_for(doc, ctx, _token(doc, "rose"))
    assert (rose.value, rose.basis) == ("2025-02-14", "publication")


def test_date_for_participle_clause(nlp):
    doc, ctx = _context(nlp, "Speaking at a rally in 2022, the senator said taxes would fall.")
    assert date_for(doc, ctx, _token(doc, "said")).value == "2022"


def test_date_for_nominal_event(nlp):
    doc, ctx = _context(nlp, "Kyiv still rejects the 2014 annexation, the envoy said.")
    assert date_for(doc, ctx, _token(doc, "annexation")).value == "2014"
    assert date_for(doc, ctx, _token(doc, "said")).basis == "publication"


def test_date_for_undated_article(nlp):
    doc, ctx = _context(nlp, "The minister said prices rose.", published=None)
    assert date_for(doc, ctx, _token(doc, "said")) is None


def test_deadline_for(nlp):
    doc, ctx = _context(nlp, "The president threatened to act in two weeks.")
    deadline = deadline_for(doc, ctx, _token(doc, "act"))
    assert (deadline.value, deadline.granularity) == ("2025-W09", "week")
    doc, ctx = _context(nlp, "Rebels must withdraw within 10 days.")
    assert deadline_for(doc, ctx, _token(doc, "withdraw")).value == "2025-02-24"
    doc, ctx = _context(nlp, "The parties must agree by Friday.")
    assert deadline_for(doc, ctx, _token(doc, "agree")).value == "2025-02-14"
    doc, ctx = _context(nlp, "The parties agreed.")
    assert deadline_for(doc, ctx, _token(doc, "agreed")) is None


def test_duration_after_an_event_the_text_dated(nlp):
    doc, ctx = _context(nlp, "The envoys met in Vienna on Feb. 3. He left a week after the meeting in Vienna.")
    week = next(t for t in ctx.records if t.text == "a week")
    assert (week.value, week.date.value, week.date.granularity) == ("P1W", "2025-02-10", "day")
    doc, ctx = _context(nlp, "Talks resumed two days after the Jan. 30 summit.")
    assert next(t for t in ctx.records if t.type == "DURATION").date.value == "2025-02-01"


def test_an_event_a_span_before_a_dated_act_is_dated_back(nlp):
    doc, ctx = _context(nlp, "On Thursday the minister resigned, a week after his visit to Minsk.")
    visit = date_for(doc, ctx, _token(doc, "visit"))
    assert (visit.value, visit.basis, visit.text) == ("2025-02-06", "text", "a week after")
    doc, ctx = _context(nlp, "Rebels attacked the town on Monday, two days before the vote.")
    assert date_for(doc, ctx, _token(doc, "vote")).value == "2025-02-12"
    doc, ctx = _context(nlp, "Rebels attacked the town two days before the vote.")  # nothing to count from
    assert date_for(doc, ctx, _token(doc, "vote")).basis == "publication"


def test_duration_after_an_undated_event_has_no_date(nlp):
    doc, ctx = _context(nlp, "He left a week after the meeting.")
    assert [t.date for t in ctx.records] == [None]


def test_deadline_counts_from_the_day_the_sentence_is_dated(nlp):
    doc, ctx = _context(nlp, "On Monday the mediator said the rebels must leave within 10 days.")
    deadline = deadline_for(doc, ctx, _token(doc, "leave"))
    assert (deadline.start, deadline.value) == ("2025-02-10", "2025-02-20")


def test_a_nominal_event_takes_the_date_of_the_noun_it_is_the_object_of(nlp):
    from dossier.extract.base import Context
    from dossier.extract.time import date_for, time_component

    doc = nlp("The senator pointed to Moscow's announcement this month of a new ban on grain.")
    ctx = Context("t", published=dt.date(2024, 3, 14))
    ctx.records.extend(time_component(doc, ctx))
    ban = next(t for t in doc if t.text == "ban")
    assert date_for(doc, ctx, ban).value == "2024-03"
