"""Dates of incidents: the article date, and time expressions resolved against it (calendar facts checked by
hand: 2022-09-28 was a Wednesday)."""

from __future__ import annotations

from datetime import date

import pytest

from geomap.events import extract_events
from geomap.events.when import date_for, find_expressions, parse_iso, resolve
from geomap.model import Article

WEDNESDAY = date(2022, 9, 28)


def _when(text, article_date=WEDNESDAY, future=False):
    """The date the first time expression of ``text`` stands for."""
    expressions = [e for e in find_expressions(text) if e.kind != "duration"]
    assert expressions, f"no time expression found in {text!r}"
    return resolve(expressions[0], article_date, future)


@pytest.mark.parametrize("text,expected", [
    ("on Monday", "2022-09-26"),
    ("on Saturday", "2022-09-24"),
    ("on Tuesday", "2022-09-27"),
    ("on Wednesday", "2022-09-28"),  # a report dated Wednesday saying "on Wednesday" means that day
    ("shortly after midnight on Monday", "2022-09-26"),
    ("said Thursday", "2022-09-22"),
    ("last Wednesday", "2022-09-21"),
    ("next Monday", "2022-10-03"),
    ("yesterday", "2022-09-27"),
    ("last night", "2022-09-28"),  # the night just ended, as "overnight": the report's day
    ("earlier today", "2022-09-28"),
    ("three days ago", "2022-09-25"),
])
def test_days(text, expected):
    when = _when(text)
    assert (when.date, when.precision) == (expected, "day")
    assert "2022-09-28" in when.source


def test_a_weekday_in_a_sentence_about_the_future_looks_ahead():
    when = _when("Mr Putin is scheduled to address parliament on Friday", future=True)
    assert (when.date, when.precision) == ("2022-09-30", "day")


@pytest.mark.parametrize("text,expected,precision", [
    ("last week", "2022-09-19", "week"),  # the Monday the previous week starts
    ("earlier this week", "2022-09-26", "week"),
    ("two weeks ago", "2022-09-12", "week"),
    ("in April", "2022-04-01", "month"),
    ("in February", "2022-02-01", "month"),
    ("in early March", "2022-03-01", "month"),
    ("in October", "2021-10-01", "month"),  # later than the article's month: the year before
    ("last month", "2022-08-01", "month"),
    ("in 2014", "2014-01-01", "year"),
    ("since 2014", "2014-01-01", "year"),
    ("last year", "2021-01-01", "year"),
    ("eight years ago", "2014-01-01", "year"),
])
def test_weeks_months_years(text, expected, precision):
    when = _when(text)
    assert (when.date, when.precision) == (expected, precision)


@pytest.mark.parametrize("text,expected,precision", [
    ("on 24 February 2022", "2022-02-24", "day"),
    ("on February 24, 2022", "2022-02-24", "day"),
    ("on Sept. 28, 2022", "2022-09-28", "day"),
    ("2022-02-24", "2022-02-24", "day"),
    ("in March 2022", "2022-03-01", "month"),
    ("in 2014", "2014-01-01", "year"),
    # a range of days dates by its first day, with the year that closes it
    ("Between Sep 29 and 30, 1941, Nazi forces", "1941-09-29", "day"),
    ("on the night of 6-7 July 2023", "2023-07-07", "day"),  # but a night dates by the morning it ends in
])
def test_absolute_dates_need_no_article_date(text, expected, precision):
    when = _when(text, article_date=None)
    assert (when.date, when.precision) == (expected, precision)
    assert when.source.startswith("stated")


def test_day_and_month_without_a_year_take_the_article_year_unless_that_is_later():
    assert _when("on 24 February").date == "2022-02-24"
    assert _when("on 30 December").date == "2021-12-30"


@pytest.mark.parametrize("text", ["on Monday", "in April", "last week", "yesterday", "on 24 February"])
def test_relative_dates_without_an_article_date_stay_unknown(text):
    when = _when(text, article_date=None)
    assert (when.date, when.precision) == (None, "unknown")


def test_a_duration_is_not_a_date():
    text = "residents there had been under attack for eight years"
    assert [e.kind for e in find_expressions(text)] == ["duration"]
    when = date_for(find_expressions(text), [(0, 9)], WEDNESDAY)
    assert (when.date, when.precision, when.source) == ("2022-09-28", "day", "article date")


def test_may_the_verb_is_not_may_the_month():
    assert find_expressions("Russia may strike Kyiv again") == []


def test_nearest_expression_to_the_cues_dates_the_incident():
    text = "Russia seized Crimea in 2014 and on Monday its forces shelled Kharkiv."
    expressions = find_expressions(text)
    shelled = text.index("shelled")
    when = date_for(expressions, [(shelled, shelled + 7)], WEDNESDAY)
    assert when.date == "2022-09-26"
    seized = text.index("seized")
    assert date_for(expressions, [(seized, seized + 6)], WEDNESDAY).date == "2014-01-01"


def test_no_article_date_and_no_stated_date_is_unknown():
    when = date_for([], [(0, 5)], None)
    assert (when.date, when.precision) == (None, "unknown")


def test_events_carry_the_article_date_or_their_own(gaz):
    dated = Article(id="d", text="Russian forces shelled Kharkiv on Monday. Ukrainian troops liberated Izium.",
                    date="2022-09-28")
    events = extract_events([dated], gaz)
    by_place = {e.place.place.name: e for e in events}
    assert (by_place["Kharkiv"].date, by_place["Kharkiv"].date_precision) == ("2022-09-26", "day")
    assert (by_place["Izyum"].date, by_place["Izyum"].date_source) == ("2022-09-28", "article date")
    undated = Article(id="u", text=dated.text)
    for event in extract_events([undated], gaz):
        assert (event.date, event.date_precision) == (None, "unknown")


def test_a_date_of_another_event_does_not_date_the_incident():
    text = "Thousands fled on top of 400,000 who left after the invasion in February."
    fled = text.index("fled")
    assert date_for(find_expressions(text), [(fled, fled + 4)], WEDNESDAY).source == "article date"
    # ... but the referendum's own date dates the referendum.
    text = "Moscow held the referendum in September."
    held = text.index("referendum")
    when = date_for(find_expressions(text), [(held, held + 10)], WEDNESDAY)
    assert (when.date, when.precision) == ("2022-09-01", "month")


@pytest.mark.parametrize("text", ["on Thursday, September 15", "on Thursday 15 September", "Thursday, Sept. 15"])
def test_a_weekday_with_its_date_takes_the_date(text):
    # a report of Wednesday 28 September telling of Thursday the 15th: not the Thursday before the report
    assert _when(text).date == "2022-09-15"


def test_an_undated_article_takes_a_bare_year_for_background():
    # no article date: "in 2014" dates a back-reference, "in March 2022" still dates news
    text = ("Ukraine's hopes rest on the liberation of Crimea, which Russia seized in 2014. "
            "In March 2022 Russian forces captured Kherson.")
    events = extract_events(Article(id="u", text=text))
    assert [(e.type, e.date) for e in events] == [("front_line", "2022-03-01")], \
        [(e.type, e.date, e.quote) for e in events]


def test_next_to_a_place_is_no_next_week():
    # TASS via Reuters, 2023: "located next to Sevastopol" must not move last Wednesday ahead
    text = ("On Wednesday, Razvozhayev said that two drones had been shot down over the Black Sea near the Belbek "
            "airfield, located next to Sevastopol.")
    events = extract_events(Article(id="n", text=text, date="2023-06-02"))
    assert [(e.type, e.date) for e in events] == [("strikes", "2023-05-31")], [(e.type, e.date) for e in events]


def test_a_sentence_with_no_time_goes_on_telling_of_the_day_before_it(gaz):
    # online.ua 2024-03-24: the lede dates the attack, the next sentence tells what it hit
    text = ("On the morning of March 22, Russia launched a massive missile attack on Ukraine, which was aimed at the "
            "energy sector. In particular, they hit the Dnipro HPP in Zaporizhzhia.")
    events = extract_events([Article(id="a", text=text, date="2024-03-24")], gaz)
    assert events and {e.date for e in events} == {"2024-03-22"}, [(e.type, e.date, e.date_source) for e in events]
    assert "sentence before" in events[0].date_source


@pytest.mark.parametrize("text,published,expected", [
    # mediacenter.org.ua 2023-12-04
    ("Kivsharivka was shelled the day before. The enemy hit it with a guided aerial bomb.", "2023-12-04",
     "2023-12-03"),
    # UrduPoint 2024-11-09: "said Saturday" dates the statement, "a day earlier" the strikes
    ("Lebanon's health ministry said Saturday seven people including two children were killed in Israeli strikes on "
     "the southern city of Tyre a day earlier.", "2024-11-09", "2024-11-08"),
])
def test_a_day_earlier_and_a_statement_day(gaz, text, published, expected):
    events = extract_events([Article(id="a", text=text, date=published)], gaz)
    assert events and events[0].date == expected, [(e.type, e.date, e.date_source) for e in events]


@pytest.mark.parametrize("text,article,expected", [
    ("Due to Russian attacks on Odesa on the night of December 9-10, all consumers were disconnected.", "2022-12-10",
     "2022-12-10"),  # Ukrinform, December 2022
    ("A threat of ballistic missile attack was issued in temporarily occupied Crimea on the night of 25-26 July.",
     "2024-07-26", "2024-07-26"),  # Ukrainska Pravda, July 2024
    ("on the night of 25 to 26 July 2024", "2024-07-30", "2024-07-26"),
])
def test_a_night_dates_by_the_morning_it_ends_in(text, article, expected):
    expressions = find_expressions(text)
    assert resolve(expressions[0], parse_iso(article)).date == expected, expressions
