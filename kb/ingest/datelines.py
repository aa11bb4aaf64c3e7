"""An article's own date: from a `date` header or a page's metadata (`parse_date`,
`read_date`), else from its text (`text_date`): the dateline ("KYIV, Jan 17 (Reuters) -"),
or a full date written in its first lines ("Saturday, September 23, 2023", "17 January
2023"), which is where a page or a wire story states when it was written.

A dateline without its year ("Jan 17") takes the latest year the text names that does not
put it in the future; a text that names no year leaves it undated. A date in the future is
no article's own, and neither is one further into the text, which is likelier an event's.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date, timedelta

from kb.records import Article

# An article dated tomorrow may come from a time zone ahead of ours; later than that is a slip.
FUTURE_SLACK = timedelta(days=1)
# How far into a text its own date may stand: a dateline, or a line above the headline.
LEAD_CHARACTERS = 400

_ISO = re.compile(r"\A(\d{4})-(\d{2})(?:-(\d{2}))?\Z")
MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ),
        start=1,
    )
    for name in names
}
_MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
# "17 January 2023", "January 17, 2023", "2023-01-17": a whole date, in three forms.
_WHOLE = tuple(
    re.compile(pattern, re.IGNORECASE)
    for pattern in (
        rf"\b{_DAY}\s+{_MONTH},?\s+{_YEAR}\b",
        rf"\b{_MONTH}\s+{_DAY},?\s+{_YEAR}\b",
        r"\b(?P<iso_year>(?:19|20)\d\d)-(?P<iso_month>[01]\d)-(?P<iso_day>[0-3]\d)\b",
    )
)
# A line that gives only a month: "March 2023", "Updated: March 2023" (a date to the month).
_MONTH_LINE = re.compile(
    rf"^[^\S\n]*(?:(?:published|updated|posted|date)\b\W*)?{_MONTH}\s+{_YEAR}[^\S\n]*$",
    re.IGNORECASE | re.MULTILINE,
)
# "KYIV, Jan 17 (Reuters) -", "NEW DELHI, March 3 (PTI):", "PARIS, 17 January (AFP) -": a
# place in capitals (only the month's name is read in any case), the day in either order.
_PLACE = r"\A\s*[A-Z][A-Z .'’-]{2,40}(?:,\s*[A-Z][\w .'’-]{1,30})?,\s*"
_CREDIT = rf"(?:,?\s+{_YEAR})?\s*(?:\([^)]{{1,40}}\))?\s*[-–—:]"
_DATELINES = tuple(
    re.compile(_PLACE + day + _CREDIT)
    for day in (rf"(?i:{_MONTH})\s+{_DAY}", rf"{_DAY}\s+(?i:{_MONTH})")
)
_ANY_YEAR = re.compile(r"\b(?:19|20)\d\d\b")


def parse_date(text: str) -> tuple[date, str]:
    """`YYYY-MM-DD` -> (that day, "day"); `YYYY-MM` -> (its first day, "month").

    Raises ValueError for anything else, including impossible dates.
    """
    match = _ISO.match(text.strip())
    if match is None:
        raise ValueError(f"bad date {text!r} (expected YYYY-MM-DD or YYYY-MM)")
    year, month, day = match.groups()
    try:
        return date(int(year), int(month), int(day or 1)), "day" if day else "month"
    except ValueError:
        raise ValueError(f"bad date {text!r} (no such day)") from None


def read_date(text: str, what: str) -> tuple[date | None, str, str | None]:
    """(published, precision, note) for a date as given: a bad date is unknown, with a note;
    a date in the future is kept, with a note. `what` names where the date came from."""
    try:
        published, precision = parse_date(text)
    except ValueError as error:
        return None, "unknown", f"{what}: {error}; loaded with the date unknown"
    if published > date.today() + FUTURE_SLACK:
        return published, precision, f"{what} {text.strip()} is in the future; kept as given"
    return published, precision, None


def dated(article: Article, today: date | None = None) -> Article:
    """`article`, dated by its text where nothing else dated it."""
    if article.published is not None:
        return article
    found = text_date(article.text, today)
    if found is not None:
        return replace(article, published=found, precision="day")
    month = text_month(article.text, today)
    return article if month is None else replace(article, published=month, precision="month")


def text_month(text: str, today: date | None = None) -> date | None:
    """The first day of the month a line of the text's lead gives alone ("March 2023"),
    where it states no whole date; None if none does, or it is still to come."""
    latest = (today or date.today()) + FUTURE_SLACK
    if _ANY_YEAR.search(text, 0, LEAD_CHARACTERS) is None:
        return None
    match = _MONTH_LINE.search(text, 0, LEAD_CHARACTERS)
    if match is None:
        return None
    month = date(int(match["year"]), MONTHS[match["month"].lower().rstrip(".")], 1)
    return month if month <= latest else None


def text_date(text: str, today: date | None = None) -> date | None:
    """The date a text states as its own (see the module's docstring), or None."""
    latest = (today or date.today()) + FUTURE_SLACK
    line = next((m for pattern in _DATELINES if (m := pattern.match(text))), None)
    if line is not None:
        given = _day(line, _years(text, latest), latest)
        if given is not None and given <= latest:
            return given
    if _ANY_YEAR.search(text, 0, LEAD_CHARACTERS) is None:
        return None  # every whole date names its year: most texts are spared the patterns
    found = [m for pattern in _WHOLE for m in pattern.finditer(text, 0, LEAD_CHARACTERS)]
    for match in sorted(found, key=lambda m: m.start()):
        day = _day(match, [], latest)
        if day is not None and day <= latest:
            return day
    return None


def _years(text: str, latest: date) -> list[int]:
    """The years a text names that are not yet over, latest first (for a dateline's year)."""
    named = {int(y) for y in _ANY_YEAR.findall(text) if int(y) <= latest.year}
    return sorted(named, reverse=True)


def _day(match: re.Match[str], years: list[int], latest: date) -> date | None:
    """The date a match gives; a dateline without a year takes the first of `years` that
    does not put it in the future (the caller checks), else None."""
    groups = match.groupdict()
    if groups.get("iso_year"):
        parts = (int(groups["iso_year"]), int(groups["iso_month"]), int(groups["iso_day"]))
    else:
        month = MONTHS[groups["month"].lower().rstrip(".")]
        year = int(groups["year"]) if groups.get("year") else None
        for candidate in [year] if year else years:
            try:
                made = date(candidate, month, int(groups["day"]))
            except ValueError:
                continue
            if made <= latest:
                return made
        return None
    try:
        return date(*parts)
    except ValueError:
        return None
