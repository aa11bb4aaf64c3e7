"""Resolve the date words of a sentence against the article's date."""

from __future__ import annotations

import re
from datetime import date

from dateutil import parser as dateparser
from dateutil.relativedelta import FR, MO, SA, SU, TH, TU, WE, relativedelta

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
_DATE = re.compile(
    rf"\b(?P<weekend>(?:at|over) the weekend|last weekend)\b"
    rf"|\b(?P<yesterday>yesterday)\b|\b(?P<today>today|this morning|tonight)\b"
    # "last month" dates an announcement; "this year" and "next year" describe a period.
    rf"|\b(?P<last>last|this) (?P<span>week|month)\b|\b(?P<lastyear>last) (?P<yearspan>year)\b"
    rf"|\b(?P<next>next )?(?P<weekday>monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b"
    rf"|\b(?P<day1>\d{{1,2}}) (?P<month1>{_MONTHS})\b(?:,? (?P<year1>\d{{4}}))?"
    rf"|\b(?P<month2>{_MONTHS})\.? (?P<day2>\d{{1,2}})(?:st|nd|rd|th)?\b(?:,? (?P<year2>\d{{4}}))?",
    re.IGNORECASE,
)


def find_date(text: str, published: date | None) -> date | None:
    """The first date the text fixes, relative words resolved against `published`."""
    if published is None:
        return None
    for match in _DATE.finditer(text):
        resolved = _resolve(match, published)
        if resolved is not None:
            return resolved
    return None


def _resolve(match: re.Match[str], published: date) -> date | None:
    if match["weekend"]:
        return published + relativedelta(days=-1, weekday=SA(-1))
    if match["yesterday"]:
        return published - relativedelta(days=1)
    if match["today"]:
        return published
    if match["yearspan"]:
        return date(published.year - 1, 1, 1)
    if match["span"]:
        step = {"last": -1, "this": 0}[match["last"].lower()]
        if match["span"].lower() == "week":
            return published + relativedelta(weeks=step, weekday=MO(-1))
        return (published + relativedelta(months=step)).replace(day=1)
    if match["weekday"]:
        weekday = _WEEKDAYS[match["weekday"].lower()]
        # News speaks of the past week unless it says "next"; "on Tuesday" in a
        # Tuesday article is that day.
        if match["next"]:
            return None  # "arrives next Monday" dates a delivery to come, not an announcement
        return published + relativedelta(weekday=weekday(-1))
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
    return value
