"""The temporal tagger's later rule families, each on sentences written for these tests."""

from __future__ import annotations

import datetime as dt

from timex_helpers import values

# --- coordination and ranges ------------------------------------------------------


def test_coordinated_days_share_the_month(timexes):
    found = values(timexes("The envoys will hold talks on April 24 and 25 in Vienna."))
    assert found == {"April 24": "2025-04-24", "25": "2025-04-25"}
    assert values(timexes("The ballot is due on March 3 or 4.")) == {"March 3": "2025-03-03", "4": "2025-03-04"}


def test_coordinated_days_before_the_month(timexes):
    found = values(timexes("The fair will run on 3 and 4 May."))
    assert found == {"3": "2025-05-03", "4 May": "2025-05-04"}


def test_a_day_range_shares_the_year_after_it(timexes):
    found = values(timexes("The congress met on Oct. 12-14, 2019, in Lyon."))
    assert found == {"Oct. 12": "2019-10-12", "14, 2019": "2019-10-14"}


def test_numbers_after_a_date_that_count_something_are_not_days(timexes):
    assert values(timexes("On June 8 and 9 miners were rescued.")) == {"June 8": "2024-06-08"}
    assert values(timexes("Between Jan. 30 and 4 officers were hurt.")) == {"Jan. 30": "2025-01-30"}


def test_two_digit_second_year_of_a_range(timexes):
    found = values(timexes("Revenue fell in the 2018-19 season."))
    assert found == {"2018": "2018", "19": "2019"}
    assert values(timexes("In 2016-3 rivals merged.")) == {"2016": "2016"}


def test_coordinated_ordinals_share_the_unit(timexes):
    found = values(timexes("Margins shrank in the third and fourth quarters of last year."))
    assert found == {"third": "2024-Q3", "fourth quarters of last year": "2024-Q4"}
    found = values(timexes("Cities grew in the 18th and 19th centuries."))
    assert found == {"18th": "17", "19th centuries": "18"}


def test_an_earlier_hour_takes_the_am_or_pm_after_it(timexes):
    found = values(timexes("Polls stay open from 7 to 9 p.m., and the count runs between 9:30 and 11 a.m. Monday."))
    assert found == {
        "7": "2025-02-14T19:00",
        "9 p.m.": "2025-02-14T21:00",
        "9:30": "2025-02-17T09:30",
        "11 a.m. Monday": "2025-02-17T11:00",
    }


def test_a_weekday_closing_a_range_follows_the_one_opening_it(timexes):
    found = values(timexes("The fair will run from Wednesday to Sunday."))
    assert found == {"Wednesday": "2025-02-19", "Sunday": "2025-02-23"}
    found = values(timexes("Talks lasted from Monday through Wednesday."))
    assert found == {"Monday": "2025-02-10", "Wednesday": "2025-02-12"}
    found = values(timexes("Aides spoke on Thursday and Tuesday."))
    assert found == {"Thursday": "2025-02-13", "Tuesday": "2025-02-11"}


# --- calendar dates ---------------------------------------------------------------


def test_numeric_dates_that_can_only_be_day_first(timexes):
    assert values(timexes("The decree of 25/12/2019 was repealed.")) == {"25/12/2019": "2019-12-25"}


def test_month_the_ordinal(timexes):
    assert values(timexes("The pact was signed on May the 3rd, 2021.")) == {"May the 3rd, 2021": "2021-05-03"}


def test_hundreds_are_centuries(timexes):
    found = timexes("Mills built in the late 1800s outlived those of the 1990s and the early 2000s.")
    assert found["the late 1800s"] == ("DATE", "18", "END")
    assert values(found) == {"the late 1800s": "18", "the 1990s": "199", "the early 2000s": "200"}


def test_decades_in_words_need_the_article(timexes):
    found = timexes("Rents doubled in the nineties and again in the early seventies.")
    assert found == {"the nineties": ("DATE", "199", None), "the early seventies": ("DATE", "197", "START")}
    assert timexes("Both founders are in their forties.") == {}


def test_years_with_a_before_or_after_prefix(timexes):
    found = timexes("Pre-1990 cars and post-2008 rules differ.")
    assert found == {"Pre-1990": ("DATE", "1990", "BEFORE"), "post-2008": ("DATE", "2008", "AFTER")}


# --- relative and composite dates -------------------------------------------------


def test_ordinal_unit_of_a_relative_year(timexes):
    found = values(timexes("Hiring should pick up in the second half of next year."))
    assert found == {"the second half of next year": "2026-H2"}
    found = values(timexes("Exports slumped in the first quarter of last year."))
    assert found == {"the first quarter of last year": "2024-Q1"}


def test_the_last_part_of_a_year_is_its_final_one(timexes):
    found = values(timexes("Demand eased in the last half of 2023 and may firm in the last quarter of next year."))
    assert found == {"the last half of 2023": "2023-H2", "the last quarter of next year": "2026-Q4"}


def test_the_latest_period_is_the_one_reported_on(timexes):
    found = values(timexes("Profit fell in the fourth quarter. In the latest period, costs rose."))
    assert found == {"the fourth quarter": "2024-Q4", "the latest period": "2024-Q4"}


def test_this_past_unit_is_the_last_one(timexes):
    found = values(timexes("Storms hit the coast this past weekend and again this past week."))
    assert found == {"this past weekend": "2025-W06-WE", "this past week": "2025-W06"}


def test_units_from_now(timexes):
    found = values(timexes("Two weeks from now the plant closes, and a year from today it is sold."))
    assert found == {"Two weeks from now": "2025-W09", "a year from today": "2026"}
    assert values(timexes("Prices stay frozen from today through March 3."))["today"] == "2025-02-14"
    assert values(timexes("We campaign every day from now on.")) == {"every day": "P1D", "now": "PRESENT_REF"}


def test_the_week_containing_a_day(timexes):
    assert values(timexes("Voting opens the week of March 10.")) == {"the week of March 10": "2025-W11"}
    assert values(timexes("Traffic will peak in Thanksgiving week.")) == {"Thanksgiving week": "2025-W48"}


def test_a_holiday_weekend_is_the_one_nearest_the_holiday(timexes):
    found = values(timexes("Roads were jammed over the Labor Day weekend.", dt.date(2025, 9, 10)))
    assert found == {"Labor Day weekend": "2025-W35-WE"}


def test_the_day_before_or_after_a_day(timexes):
    found = values(timexes("She flew in the day before yesterday and leaves the day after tomorrow."))
    assert found == {"the day before yesterday": "2025-02-12", "the day after tomorrow": "2025-02-16"}
    assert values(timexes("He resigned the day before last Tuesday.")) == {"the day before last Tuesday": "2025-02-10"}


def test_counted_days_before_a_day_stay_a_duration(timexes):
    found = values(timexes("Three days before Friday, the army moved."))
    assert found == {"Three days": "P3D", "Friday": "2025-02-14"}


def test_the_year_alone_is_the_current_one(timexes):
    assert values(timexes("Earlier in the year, the mill shut a kiln.")) == {"the year": "2025"}
    assert values(timexes("The chain sees profit for the full year near $9 million.")) == {"the full year": "2025"}


def test_the_year_counted_from_something_else_is_not_the_current_one(timexes):
    assert values(timexes("Sales slid to $3 million, down from $4 million the year before.")) == {}
    assert values(timexes("In the years that followed, the harbour silted up.")) == {}


def test_that_before_this_week_is_a_conjunction(timexes):
    found = values(timexes("Aides said that this week's speech will be short. They met that same week."))
    assert found == {"this week": "2025-W07", "that same week": "2025-W07"}


# --- parts of the day and clock times ---------------------------------------------


def test_edges_of_parts_of_the_day(timexes):
    found = timexes("Shares slid by mid-afternoon yesterday. Trading was calm in the early morning.")
    assert found["mid-afternoon yesterday"] == ("TIME", "2025-02-13TAF", "MID")
    assert found["early morning"] == ("TIME", "2025-02-14TMO", "START")
    assert timexes("Late-night comedians mocked the late night talk show.") == {}


def test_clock_times_said_in_words(timexes):
    found = values(timexes("The blast came at 4 in the morning; the curfew starts at 10 at night."))
    assert found == {"4 in the morning": "2025-02-14T04:00", "10 at night": "2025-02-14T22:00"}
    assert values(timexes("The shop opens at 9 o'clock.")) == {"9 o'clock": "2025-02-14T09:00"}


def test_clock_with_a_weekday_counts_from_the_publication_day(timexes):
    found = values(timexes("The final moved from next Sunday; kickoff will be at 8 p.m. Saturday."))
    assert found["8 p.m. Saturday"] == "2025-02-15T20:00"


def test_a_clock_time_takes_the_day_named_after_it(timexes):
    found = values(timexes("The blast came at 10:35 a.m. (0735 GMT) Tuesday. Talks resume at 9 a.m. on Monday."))
    assert found == {
        "10:35 a.m.": "2025-02-11T10:35",
        "0735 GMT": "2025-02-11T07:35",
        "Tuesday": "2025-02-11",
        "9 a.m.": "2025-02-17T09:00",
        "Monday": "2025-02-17",
    }


# --- tense ------------------------------------------------------------------------


def test_what_is_put_off_until_a_day_lies_ahead(timexes):
    assert values(timexes("The judge postponed the hearing until Tuesday.")) == {"Tuesday": "2025-02-18"}
    assert values(timexes("The court gave the firm until 5 p.m. Monday to reply."))["5 p.m. Monday"] == (
        "2025-02-17T17:00"
    )
    assert values(timexes("The protest lasted until Tuesday.")) == {"Tuesday": "2025-02-11"}


def test_a_bare_verb_with_a_singular_subject_is_a_past(timexes):
    assert values(timexes("Weakness in bank shares hurt the index on Thursday.")) == {"Thursday": "2025-02-13"}
    assert values(timexes("The unions meet the minister on Thursday.")) == {"Thursday": "2025-02-20"}


def test_what_is_forecast_or_likely_lies_ahead(timexes):
    assert values(timexes("Gales are forecast to batter the islands over the weekend.")) == {"the weekend": "2025-W07-WE"}
    assert values(timexes("Fares are likely to climb on Monday.")) == {"Monday": "2025-02-17"}
    assert values(timexes("The lake is projected to peak on Saturday.")) == {"Saturday": "2025-02-15"}
    assert values(timexes("Troops are poised to cross the river on Tuesday.")) == {"Tuesday": "2025-02-18"}


def test_what_is_planned_lies_ahead_unless_a_past_clause_overtook_it(timexes):
    assert values(timexes("The march is planned for Sunday afternoon.")) == {"Sunday afternoon": "2025-02-16TAF"}
    assert values(timexes("A walkout planned for Monday was called off.")) == {"Monday": "2025-02-10"}
    assert values(timexes("A walkout planned for Monday will go ahead.")) == {"Monday": "2025-02-17"}


def test_what_is_due_lies_ahead_unless_it_was_due(timexes):
    assert values(timexes("The verdict is due on Wednesday.")) == {"Wednesday": "2025-02-19"}
    assert values(timexes("The rent was due on Wednesday.")) == {"Wednesday": "2025-02-12"}


def test_what_something_happens_ahead_of_lies_ahead(timexes):
    assert values(timexes("Bond yields slipped ahead of Tuesday's auction.")) == {"Tuesday": "2025-02-18"}
    assert values(timexes("Crowds gathered ahead of Sunday's final.")) == {"Sunday": "2025-02-16"}


def test_what_is_extended_through_a_month_lies_ahead(timexes):
    assert values(timexes("The lenders have extended the credit line through April.")) == {"April": "2025-04"}
    assert values(timexes("The drought lasted through January.")) == {"January": "2025-01"}


def test_starting_and_effective_look_ahead(timexes):
    assert values(timexes("Starting Monday, the bus fare is two euros.")) == {"Monday": "2025-02-17"}
    assert values(timexes("Effective Tuesday, the limit is lower.")) == {"Tuesday": "2025-02-18"}
    assert values(timexes("On Monday, the bus fare was two euros.")) == {"Monday": "2025-02-10"}


# --- durations --------------------------------------------------------------------


def test_fractions_of_units(timexes):
    found = values(timexes("The siege lasted 2 1/2 years; the talks ran 5 1/2 hours."))
    assert found == {"2 1/2 years": "P2Y6M", "5 1/2 hours": "PT5H30M"}
    found = values(timexes("He waited a day and a half, then half an hour, then a minute and a half."))
    assert found == {"a day and a half": "P1DT12H", "half an hour": "PT30M", "a minute and a half": "PT1M30S"}
    found = timexes("She led for one and a half years and then about a year and a half.")
    assert found == {"one and a half years": ("DURATION", "P1Y6M", None),
                     "about a year and a half": ("DURATION", "P1Y6M", "APPROX")}


def test_lengths_joined_with_long(timexes):
    found = values(timexes("A month-long strike ended a decades-long truce and a three-day-long fair."))
    assert found == {"month-long": "P1M", "decades-long": "PXDE", "three-day-long": "P3D"}


def test_a_range_of_counts_is_one_vague_duration(timexes):
    found = timexes("Repairs will take two to three weeks, maybe the next 6 to 9 months.")
    assert found == {"two to three weeks": ("DURATION", "PXW", None),
                     "the next 6 to 9 months": ("DURATION", "PXM", None)}
    assert values(timexes("The ferry stops for three or four days.")) == {"three or four days": "PXD"}
    assert values(timexes("Inflation ran at 2-3 percent for years.")) == {"years": "PXY"}
    assert values(timexes("The clinic treats children aged two to five years old.")) == {}


def test_a_fiscal_year_ending_on_a_day_is_a_year_long(timexes):
    found = values(timexes("Profit for the year ended June 30 doubled."))
    assert found == {"the year": "P1Y", "June 30": "2024-06-30"}
    found = timexes("Sales in the fiscal year ending Sept. 30 will be weak.")
    assert found["the fiscal year"] == ("DURATION", "P1Y", None)
    assert "the fiscal year" not in timexes("The fiscal year was tough.")


def test_that_quarter_is_the_quarter_just_named(timexes):
    found = values(timexes("The bank lost money in the second quarter of 2023. Results for that quarter included a charge."))
    assert found == {"the second quarter of 2023": "2023-Q2", "that quarter": "2023-Q2"}


def test_an_ordinal_part_of_a_year_named_before_it(timexes):
    found = values(timexes("Output should recover in next year's first quarter after last year's second half."))
    assert found == {"next year's first quarter": "2026-Q1", "last year's second half": "2024-H2"}
    assert values(timexes("Profit fell in 2019's third quarter.")) == {"2019's third quarter": "2019-Q3"}


def test_the_previous_or_following_weekday_counts_from_the_day_the_text_is_at(timexes):
    found = values(timexes("Talks broke down on March 5. They resumed the following Monday."))
    assert found == {"March 5": "2025-03-05", "the following Monday": "2025-03-10"}
    found = values(timexes("Shares fell on March 5 from the previous Friday. They rose last Friday."))
    assert found == {"March 5": "2025-03-05", "the previous Friday": "2025-02-28", "last Friday": "2025-02-07"}


def test_the_same_period_a_year_back(timexes):
    found = values(timexes("The bakery earned more in the second quarter of 2024 than in the quarter a year "
                           "earlier and the corresponding period last year."))
    assert found == {"the second quarter of 2024": "2024-Q2", "the quarter a year earlier": "2023-Q2",
                     "the corresponding period last year": "2023-Q2"}
    found = values(timexes("Ticket sales in January beat the same month a year ago and last year's quarter."))
    assert found == {"January": "2025-01", "the same month a year ago": "2024-01", "last year's quarter": "2024-Q1"}
    found = values(timexes("Output in the third quarter of 2024 beat the same month a year ago."))
    assert found == {"the third quarter of 2024": "2024-Q3", "the same month a year ago": "2024-02"}


def test_the_end_of_the_current_year_or_quarter(timexes):
    found = timexes("The deal should close by year-end, or around year end, before the year's end.")
    assert found == {"year-end": ("DATE", "2025", "END"), "around year end": ("DATE", "2025", "END"),
                     "the year's end": ("DATE", "2025", "END")}
    assert values(timexes("Cash rose at quarter-end.")) == {"quarter-end": "2025-Q1"}
    assert values(timexes("Debt fell by last year's end.")) == {"last year's end": "2024"}
    assert values(timexes("The train was a year late.")) == {"a year": "P1Y"}


def test_or_so_makes_a_count_approximate(timexes):
    found = timexes("A month or so ago the mill shut; the strike lasted two days or so.")
    assert found == {"A month or so ago": ("DATE", "2025-01", "APPROX"),
                     "two days or so": ("DURATION", "P2D", "APPROX")}
    assert timexes("Or so the mayor said on Monday.") == {"Monday": ("DATE", "2025-02-10", None)}


# --- verbs whose objects lie ahead ------------------------------------------------


def test_what_is_promised_or_threatened_lies_ahead(timexes):
    winter = dt.date(2024, 12, 30)
    assert values(timexes("The party promised elections in June.", winter)) == {"June": "2025-06"}
    assert values(timexes("They threatened on Monday to walk out.", winter)) == {"Monday": "2024-12-30"}


def test_should_and_must_look_ahead(timexes):
    assert values(timexes("The envoys should arrive on Wednesday.")) == {"Wednesday": "2025-02-19"}
    assert values(timexes("The envoys must leave on Wednesday.")) == {"Wednesday": "2025-02-19"}
