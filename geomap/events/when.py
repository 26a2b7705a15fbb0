"""When an incident happened: the article date, or a time expression of its sentence resolved against it.

Rules (news reports mostly look back; a sentence that marks the future looks ahead):
- an absolute date ("24 February 2022", "February 24, 2022", "2022-02-24") is taken as stated, with or without an
  article date; "March 2022" has month precision, "in 2014" year precision;
- "on Monday", "Saturday": the most recent such weekday on or before the article date (a report dated Wednesday
  that says "on Wednesday" means that day); "last Monday" is strictly before, "next Monday" strictly after;
- "in April", "in early February", "since March": that month in the article's year, or the year before when the
  month is later than the article's month (month precision);
- "24 February" without a year: in the article's year, or the year before when that would be after the article;
- "today", "yesterday", "last night", "a day earlier", "the day before" (ending its clause), "N days ago" (day); "last week", "this week", "N weeks ago" (week, dated
  the Monday the week starts); "last month", "this month" (month); "last year" (year);
- a duration ("for eight years", "three months of war") is not a date;
- "a day after X", "two weeks before X": X is dated from the date of the clause before it (the article date
  when that clause has none), a day earlier or two weeks later;
- an expression right after another event's noun ("the invasion in February") dates that event, not the
  incident, unless the noun is the incident's own cue ("the referendum in September").
Nothing is invented: without an article date only absolute dates resolve; anything else gives date None with
precision "unknown".
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from geomap.spans import Spans

_MONTHS = {"January": 1, "February": 2, "March": 3, "April": 4, "May": 5, "June": 6, "July": 7, "August": 8,
           "September": 9, "October": 10, "November": 11, "December": 12, "Jan": 1, "Feb": 2, "Mar": 3, "Apr": 4,
           "Jun": 6, "Jul": 7, "Aug": 8, "Sep": 9, "Sept": 9, "Oct": 10, "Nov": 11, "Dec": 12}
_WEEKDAYS = {"Monday": 0, "Tuesday": 1, "Wednesday": 2, "Thursday": 3, "Friday": 4, "Saturday": 5, "Sunday": 6}
_NUMBERS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
            "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12}
_M = r"(?P<month>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\b\.?"
_NUMBER = r"(?P<n>\d{1,3}|" + "|".join(_NUMBERS) + r")"

# (kind, pattern) in priority order: where two expressions overlap, the earlier kind wins.
_D = r"\d{1,2}(?:st|nd|rd|th)?"
_TO = r"\s*(?:-|–|to|and|into)\s*"
_PATTERNS = [
    # A night dates by the morning it ends in: "on the night of 25-26 July", "the night of December 9-10" is news
    # of the 26th, of the 10th (as "overnight" and "last night" are of the report's day).
    ("day_month_year", re.compile(rf"\bnights?\s+of\s+(?:the\s+)?{_D}{_TO}(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+"
                                  rf"(?:of\s+)?{_M},?\s+(?P<year>\d{{4}})\b")),
    ("day_month_year", re.compile(rf"\bnights?\s+of\s+(?:the\s+)?{_M}\s+{_D}{_TO}(?P<day>\d{{1,2}})"
                                  rf"(?:st|nd|rd|th)?,?\s+(?P<year>\d{{4}})\b")),
    ("day_month", re.compile(rf"\bnights?\s+of\s+(?:the\s+)?{_D}{_TO}(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+"
                             rf"(?:of\s+)?{_M}")),
    ("day_month", re.compile(rf"\bnights?\s+of\s+(?:the\s+)?{_M}\s+{_D}{_TO}(?P<day>\d{{1,2}})\b")),
    ("iso", re.compile(r"\b(?P<year>\d{4})-(?P<mm>\d{2})-(?P<day>\d{2})\b")),
    # A range of days dates by its first: "Sep 29 and 30, 1941", "6-7 July 2023".
    ("day_month_year", re.compile(rf"\b{_M}\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s*(?:-|–|and|to)\s*"
                                  rf"\d{{1,2}}(?:st|nd|rd|th)?,?\s+(?P<year>\d{{4}})\b")),
    ("day_month_year", re.compile(rf"\b(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s*(?:-|–|and|to)\s*\d{{1,2}}"
                                  rf"(?:st|nd|rd|th)?\s+(?:of\s+)?{_M},?\s+(?P<year>\d{{4}})\b")),
    ("day_month_year", re.compile(rf"\b(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{_M},?\s+(?P<year>\d{{4}})\b")),
    ("day_month_year", re.compile(rf"\b{_M}\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<year>\d{{4}})\b")),
    ("month_year", re.compile(rf"\b{_M}\s+(?:of\s+)?(?P<year>\d{{4}})\b")),
    ("day_month", re.compile(rf"\b(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{_M}")),
    ("day_month", re.compile(rf"\b{_M}\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\b")),
    # before the durations, which would take "a day"
    ("day_word", re.compile(r"(?i)\b(?P<word>a day earlier|the previous day|the day before(?=\s*(?:[.,;:!?)]|$)))")),
    ("ago", re.compile(rf"(?i)\b{_NUMBER}\s+(?P<unit>day|week|month|year)s?\s+ago\b")),
    ("relative", re.compile(rf"(?i)\b{_NUMBER}\s+(?P<unit>day|week|month|year)s?\s+(?P<rel>after|before)\b")),
    ("duration", re.compile(rf"(?i)\b(?:for|over|past|last|nearly|almost|about|some|within|after)?\s*"
                            rf"(?:the\s+)?(?:past\s+|last\s+|first\s+)?{_NUMBER}\s+"
                            r"(?:day|week|month|year|decade)s?\b")),
    # "at the beginning of September last year": that month of the year before the article's
    ("month_last_year", re.compile(rf"\b{_M},?\s+(?:of\s+)?last\s+year\b")),
    ("month", re.compile(rf"\b(?:[Ii]n|[Ss]ince|[Bb]y|[Dd]uring|[Uu]ntil|[Ff]rom|[Oo]f|[Ll]ast|[Tt]his|[Ee]arly|"
                         rf"[Mm]id|[Ll]ate|[Ee]arlier|[Ll]ater|[Tt]hrough)(?:\s+(?:early|mid|late|the\s+end\s+of|"
                         rf"the\s+start\s+of|the\s+beginning\s+of|the\s+middle\s+of))?[\s-]+{_M}")),
    ("year", re.compile(r"\b(?:[Ii]n|[Ss]ince|[Bb]y|[Dd]uring|[Uu]ntil|[Ff]rom|[Bb]efore|[Aa]fter|[Oo]f|[Ee]arly|"
                        r"[Ll]ate)\s+(?:early\s+|late\s+|mid-)?(?P<year>(?:19|20)\d{2})\b(?!-)")),
    # "in the mid-18th century": history, placed in the middle of its century
    ("century", re.compile(r"(?i)\b(?P<century>1\d|[2-9])(?:st|nd|rd|th)[\s-]+century\b")),
    ("weekday", re.compile(r"\b(?:(?P<qual>[Ll]ast|[Tt]his|[Nn]ext|[Oo]n|[Ee]arly|[Ll]ate|[Oo]vernight|[Ss]ince)\s+)?"
                           r"(?P<weekday>" + "|".join(_WEEKDAYS) + r")\b(?!s\b)")),
    ("day_word", re.compile(r"(?i)\b(?P<word>the day before yesterday|earlier today|this morning|this afternoon|"
                            r"this evening|today|tonight|yesterday|last night)\b")),
    ("period", re.compile(r"(?i)\b(?P<qual>last|this|past|previous|earlier this|later this|next)\s+"
                          r"(?P<unit>week|weekend|month|year)\b")),
]


@dataclass(frozen=True, slots=True)
class When:
    date: str | None  # ISO date of the start of the period
    precision: str  # day | week | month | year | unknown
    source: str  # how it was derived


@dataclass(frozen=True, slots=True)
class Expression:
    start: int  # offsets into the text searched
    end: int
    text: str
    kind: str
    parts: dict


# An event noun right before a time expression makes it that event's date: "the invasion in February",
# "since the annexation in 2014". It dates an incident only when the noun is one of the incident's own cues.
_BACKGROUND = re.compile(r"\b(?:invasion|war|annexation|occupation|revolution|independence|uprising|coup|"
                         r"ceasefire|truce|referendum|referendums|election|elections|collapse|disaster|"
                         r"accident|pandemic|outbreak)\s+$", re.IGNORECASE)


# A time right after a verb of saying dates the statement ("the ministry said Saturday seven people were killed
# ... a day earlier"): another time of the sentence is the incident's.
_SAID = re.compile(r"\b(?:said|says|told|announced|reported|stated|claimed|confirmed)\s+(?:on\s+)?$", re.IGNORECASE)


# What each kind of pattern above needs somewhere in its match: a digit, a month's name or its abbreviation, a
# unit of time, or a word for a day or a time of it (weekdays, "today" and "yesterday" end in "day"). A sentence
# is searched only with the patterns whose need it has: most have no digit, many no time word at all. A kind not
# listed here is always tried.
_DIGIT = re.compile(r"\d")
_MONTH_NAME = re.compile("Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec")
_UNIT = re.compile(r"(?i:day|week|month|year|decade)")
_DAYTIME = re.compile(r"(?i:day|night|morning|afternoon|evening)")
_NEEDS = {"iso": _DIGIT, "day_month_year": _DIGIT, "month_year": _DIGIT, "day_month": _DIGIT, "year": _DIGIT,
          "century": _DIGIT, "day_word": _DAYTIME, "weekday": _DAYTIME, "ago": _UNIT, "relative": _UNIT,
          "duration": _UNIT, "period": _UNIT, "month_last_year": _MONTH_NAME, "month": _MONTH_NAME}


def find_expressions(text: str, start: int = 0, end: int | None = None) -> list[Expression]:
    """Time expressions in ``text[start:end]`` in text order, durations included (kind "duration"). An
    expression that dates an event noun before it carries that noun's span as ``parts["of"]``."""
    end = len(text) if end is None else end
    present = {need: need.search(text, start, end) is not None for need in (_DIGIT, _MONTH_NAME, _UNIT, _DAYTIME)}
    taken: list[Expression] = []  # in text order, none overlapping another
    for kind, pattern in _PATTERNS:
        if not present.get(_NEEDS.get(kind), True):
            continue
        earlier = Spans([e.start for e in taken], [e.end for e in taken])
        found = []  # one pattern's matches never overlap one another: only the earlier kinds' can be in the way
        for match in pattern.finditer(text, start, end):
            a, b = match.start(), match.end()
            while a < b and text[a].isspace():
                a += 1
            if earlier.overlaps(a, b):
                continue
            parts = {k: v for k, v in match.groupdict().items() if v is not None}
            noun = _BACKGROUND.search(text, max(start, a - 40), a)
            if noun:
                parts["of"] = (noun.start(), noun.start() + len(noun.group(0).rstrip()))
            if _SAID.search(text, max(start, a - 20), a):
                parts["said"] = True
            found.append(Expression(a, b, text[a:b], kind, parts))
        taken = sorted(taken + found, key=lambda e: e.start)
    return _without_named_weekdays(text, taken)


def _without_named_weekdays(text: str, expressions: list[Expression]) -> list[Expression]:
    """"on Thursday, September 22": the date names the day, the weekday only repeats it (and, read from the
    article date, may pick another week)."""
    kept = []
    for k, e in enumerate(expressions):
        after = expressions[k + 1] if k + 1 < len(expressions) else None
        if e.kind == "weekday" and after is not None and after.kind in ("day_month", "day_month_year") \
                and text[e.end:after.start].strip(" ,") == "":
            continue
        kept.append(e)
    return kept


def parse_iso(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def article_when(article_date: date | None) -> When:
    if article_date is None:
        return When(None, "unknown", "no date stated and the article has none")
    return When(article_date.isoformat(), "day", "article date")


def resolve(expression: Expression, article_date: date | None, future: bool = False) -> When | None:
    """The date an expression stands for; None when it stands for none (a duration, "several days ago") or
    for a day outside the calendar ("last week" from an article dated 0001-01-01)."""
    try:
        return _resolve(expression, article_date, future)
    except (OverflowError, ValueError):
        return None


def _resolve(expression: Expression, article_date: date | None, future: bool) -> When | None:
    kind, p, quoted = expression.kind, expression.parts, f"'{expression.text}'"
    if kind in ("duration", "relative"):  # "a day after X" dates X from its sentence's date (see date_for)
        return None
    absolute = _absolute(kind, p)
    if absolute is not None:
        day, precision = absolute
        return When(day.isoformat(), precision, f"stated {quoted}") if day else None
    if article_date is None:
        return When(None, "unknown", f"{quoted} but the article has no date")
    a = article_date
    relative = f"{quoted} from article date {a.isoformat()}"
    if kind == "day_month":
        day = _date(a.year, _MONTHS[p["month"]], int(p["day"]))
        if day is None:
            return None
        if not future and day > a:
            day = _date(a.year - 1, day.month, day.day)
        elif future and day < a:
            day = _date(a.year + 1, day.month, day.day)
        return When(day.isoformat(), "day", relative) if day else None
    if kind == "month_last_year":
        return When(date(a.year - 1, _MONTHS[p["month"]], 1).isoformat(), "month", relative)
    if kind == "month":
        month = _MONTHS[p["month"]]
        year = a.year
        if not future and month > a.month:
            year -= 1
        elif future and month < a.month:
            year += 1
        return When(date(year, month, 1).isoformat(), "month", relative)
    if kind == "weekday":
        return When(_weekday(a, _WEEKDAYS[p["weekday"]], (p.get("qual") or "").lower(), future).isoformat(),
                    "day", relative)
    if kind == "day_word":
        # "last night" in a morning report is the night that has just ended: dated, as "overnight" is, to the
        # report's day (the night of the 7th to the 8th is news of the 8th)
        back = {"yesterday": 1, "the day before yesterday": 2, "a day earlier": 1,
                "the previous day": 1, "the day before": 1}.get(p["word"].lower(), 0)
        return When((a - timedelta(days=back)).isoformat(), "day", relative)
    if kind == "period":
        return _period(a, p["qual"].lower(), p["unit"].lower(), relative)
    if kind == "ago":
        n = _count(p["n"])
        unit = p["unit"].lower()
        if unit == "day":
            return When((a - timedelta(days=n)).isoformat(), "day", relative)
        if unit == "week":
            return When(_monday(a - timedelta(weeks=n)).isoformat(), "week", relative)
        if unit == "month":
            return When(_month_start(a, -n).isoformat(), "month", relative)
        return When(date(a.year - n, 1, 1).isoformat(), "year", relative)
    return None


def _absolute(kind: str, p: dict) -> tuple[date | None, str] | None:
    """(date, precision) for expressions that need no article date; None for the relative kinds."""
    if kind == "iso":
        return _date(int(p["year"]), int(p["mm"]), int(p["day"])), "day"
    if kind == "day_month_year":
        return _date(int(p["year"]), _MONTHS[p["month"]], int(p["day"])), "day"
    if kind == "month_year":
        return _date(int(p["year"]), _MONTHS[p["month"]], 1), "month"
    if kind == "year":
        return _date(int(p["year"]), 1, 1), "year"
    if kind == "century":
        return _date(100 * int(p["century"]) - 50, 1, 1), "year"
    return None


def _count(word: str) -> int:
    """"3" -> 3, "three" -> 3, "a" -> 1."""
    word = word.lower()
    return int(word) if word.isdigit() else _NUMBERS[word]


def _month_start(day: date, months: int) -> date:
    """The first day of the month ``months`` after (or before, when negative) the month of ``day``."""
    year, month = divmod(day.year * 12 + day.month - 1 + months, 12)
    return date(year, month + 1, 1)


def _date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _monday(day: date) -> date:
    return day - timedelta(days=day.weekday())


def _weekday(a: date, weekday: int, qualifier: str, future: bool) -> date:
    if qualifier == "next" or (future and qualifier not in ("last", "since")):
        ahead = (weekday - a.weekday()) % 7
        return a + timedelta(days=ahead or (7 if qualifier == "next" else 0))
    back = (a.weekday() - weekday) % 7
    if qualifier == "last" and back == 0:
        back = 7
    return a - timedelta(days=back)


def _period(a: date, qualifier: str, unit: str, source: str) -> When:
    step = {"last": -1, "past": -1, "previous": -1, "next": 1}.get(qualifier, 0)
    if unit in ("week", "weekend"):
        monday = _monday(a) + timedelta(weeks=step)
        start = monday + timedelta(days=5) if unit == "weekend" else monday
        return When(start.isoformat(), "week", source)
    if unit == "month":
        return When(_month_start(a, step).isoformat(), "month", source)
    return When(date(a.year + step, 1, 1).isoformat(), "year", source)


_STATE_BOUNDS = ("since", "until")


def date_for(expressions: list[Expression], cue_spans: list[tuple[int, int]], article_date: date | None,
             future: bool = False) -> When:
    """The date of an incident whose cues sit at ``cue_spans``: the time expression nearest to them, else the
    article date. An expression that dates another event ("the invasion in February") is passed over."""
    def distance(e: Expression) -> int:
        return min((max(0, a - e.end, e.start - b) for a, b in cue_spans), default=0)

    def own(e: Expression) -> bool:
        noun = e.parts.get("of")
        return noun is None or any(a < noun[1] and noun[0] < b for a, b in cue_spans)

    first_cue = min((a for a, _ in cue_spans), default=0)
    for relative in (e for e in expressions if e.kind == "relative" and e.end <= first_cue):
        # "visited Kherson a day after the dam was destroyed": the destruction is a day before the visit.
        anchor = date_for([e for e in expressions if e.end <= relative.start], [(relative.start, relative.end)],
                          article_date, future)
        return _shifted(anchor, relative)
    # "since 2014", "until March": when a state began or ends, a weaker date than one the incident is told at.
    for expression in sorted((e for e in expressions if own(e)),
                             key=lambda e: (e.text[:5].lower() in _STATE_BOUNDS, "said" in e.parts, distance(e),
                                            e.start)):
        when = resolve(expression, article_date, future)
        if when is not None:
            return when
    return article_when(article_date)


def _shifted(anchor: When, relative: Expression) -> When:
    """The date ``relative`` ("a day after", "two weeks before") puts the event of its clause at, from the date
    of the clause it hangs on."""
    day = parse_iso(anchor.date)
    if day is None:
        return When(None, "unknown", f"'{relative.text}' an undated event")
    n = _count(relative.parts["n"])
    step = -n if relative.parts["rel"].lower() == "after" else n
    unit = relative.parts["unit"].lower()
    try:
        if unit in ("day", "week"):
            shifted = day + timedelta(days=step * (7 if unit == "week" else 1))
            return When(shifted.isoformat(), "day" if unit == "day" else "week",
                        f"'{relative.text}' {anchor.date} ({anchor.source})")
        shifted = _month_start(day, step if unit == "month" else 12 * step)
        return When(shifted.isoformat(), "month" if unit == "month" else "year",
                    f"'{relative.text}' {anchor.date} ({anchor.source})")
    except (OverflowError, ValueError):
        return When(None, "unknown", f"'{relative.text}' a date outside the calendar")
