"""Resolve the date words of a sentence against the article's date, each to the precision
it is written with: "on 5 January" a day, "in October of last year" a month, "last year" a
year (resolved to the first day of the month or year, with that precision beside it)."""

from __future__ import annotations

import re
from datetime import date

from dateutil import parser as dateparser
from dateutil.relativedelta import FR, MO, SA, SU, TH, TU, WE, relativedelta

from kb.words import MONTHS

_WEEKDAYS = {
    "monday": MO,
    "tuesday": TU,
    "wednesday": WE,
    "thursday": TH,
    "friday": FR,
    "saturday": SA,
    "sunday": SU,
}
_MONTHS = (
    r"jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?"
)
# A month written without a day: capitalised (so that "may" the verb is not May), after
# "in", "last" or "since", or before a year ("October 2022", "October of last year").
_MONTH_NAMES = (
    r"(?-i:January|February|March|April|May|June|July|August|September|October|November"
    r"|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)"
)
_DATE = re.compile(
    rf"\b(?P<weekend>(?:at|over) the weekend|last weekend)\b"
    rf"|\b(?P<yesterday>yesterday)\b|\b(?P<today>today|this morning|tonight)\b"
    # "last month" dates an announcement; "this year" and "next year" describe a period.
    rf"|\b(?P<last>last|this) (?P<span>week|month)\b|\b(?P<lastyear>last) (?P<yearspan>year)\b"
    rf"|\b(?P<next>next )?(?P<weekday>monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b"
    rf"|\b(?P<day1>\d{{1,2}}) (?P<month1>{_MONTHS})\b(?:,? (?P<year1>\d{{4}}))?"
    rf"|\b(?P<month2>{_MONTHS})\.? (?P<day2>\d{{1,2}})(?:st|nd|rd|th)?\b(?:,? (?P<year2>\d{{4}}))?"
    rf"|\b(?P<inyear>in|during) (?P<year4>(?:19|20)\d{{2}})\b(?! ?[-\u2013/]\d)"
    rf"|\b(?P<month3>{_MONTH_NAMES})\b"
    rf"(?:,? (?:of )?(?:(?P<year3>\d{{4}})\b|(?P<which>last|this) year\b))?",
    re.IGNORECASE,
)

# A sentence that speaks of what is to come: a month it names may be ahead, not behind.
# Not "would": news reports a promise as "said in May that it would send".
_FUTURE = re.compile(
    r"\b(?:will|shall|(?:is|are) (?:to|due|expected|set|scheduled)|plans? to|next)\b", re.I
)

_LEAD = re.compile(r"\b(?P<lead>in|last|since|during) (?:early |late |mid-)?$", re.I)

# A date and how much of it the text gives: "day", "month" or "year".
Dated = tuple[date, str]


def find_date(text: str, published: date | None) -> Dated | None:
    """The first date the text fixes, relative words resolved against `published`, with
    its precision."""
    if published is None:
        return None
    for match in _DATE.finditer(text):
        if match["year4"]:
            resolved = _year(match, published)
        elif match["month3"]:
            resolved = _month(match, published)
        else:
            resolved = _resolve(match, published)
        if resolved is not None:
            return resolved
    return None


def _year(match: re.Match[str], published: date) -> Dated | None:
    """A year named alone ("in 2022"): an earlier one than the article's, in a sentence that
    does not speak of what is to come. The article's own year says less than its date."""
    year = int(match["year4"])
    if year >= published.year or _FUTURE.search(match.string):
        return None
    return date(year, 1, 1), "year"


def _month(match: re.Match[str], published: date) -> Dated | None:
    """A month named without a day: of the year given, else the latest such month that is
    not after the article ("in March" of a July article, "in October" of a March one,
    "last October"). A month the sentence may speak of as to come ("will arrive in
    December" of a January article), a start ("since March"), or one written bare without
    a lead-in or a year dates nothing."""
    number = MONTHS[match["month3"].lower()]
    # The word before the month, read back from it (a regex that tried an optional lead-in
    # at every position of every sentence cost more than the rest of the date rules).
    before = _LEAD.search(match.string, 0, match.start())
    lead = before["lead"].lower() if before else None
    if lead == "since":
        return None  # the start of a period ("since August 2021"), not an announcement
    if match["year3"]:
        year = int(match["year3"])
    elif match["which"]:
        year = published.year - (match["which"].lower() == "last")
    elif lead == "last":
        # "last October": the latest October before this month.
        year = published.year if number < published.month else published.year - 1
    elif lead in ("in", "during"):
        year = published.year if number <= published.month else published.year - 1
        if year < published.year and _FUTURE.search(match.string):
            return None  # "will arrive in December" of a January article: a plan
    else:
        return None
    value = date(year, number, 1)
    return (value, "month") if value <= published else None


def _resolve(match: re.Match[str], published: date) -> Dated | None:
    if match["weekend"]:
        return published + relativedelta(days=-1, weekday=SA(-1)), "day"
    if match["yesterday"]:
        return published - relativedelta(days=1), "day"
    if match["today"]:
        return published, "day"
    if match["yearspan"]:
        return date(published.year - 1, 1, 1), "year"
    if match["span"]:
        step = {"last": -1, "this": 0}[match["last"].lower()]
        if match["span"].lower() == "week":
            return published + relativedelta(weeks=step, weekday=MO(-1)), "day"
        return (published + relativedelta(months=step)).replace(day=1), "month"
    if match["weekday"]:
        weekday = _WEEKDAYS[match["weekday"].lower()]
        # News speaks of the past week unless it says "next"; "on Tuesday" in a
        # Tuesday article is that day.
        if match["next"]:
            return None  # "arrives next Monday" dates a delivery to come, not an announcement
        return published + relativedelta(weekday=weekday(-1)), "day"
    day, month, year = (
        (match["day1"], match["month1"], match["year1"])
        if match["day1"]
        else (match["day2"], match["month2"], match["year2"])
    )
    try:
        value = dateparser.parse(f"{day} {month} {year or published.year}").date()
    except (ValueError, OverflowError):
        return None
    if not year and value > published + relativedelta(months=2):
        value = value.replace(year=value.year - 1)
    return value, "day"
