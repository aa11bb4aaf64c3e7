"""Plain records that flow from reading and extraction into storage."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

STATUSES = ("delivered", "committed", "offered", "considering", "sold", "cancelled")
# A status filter that stands for several (`kb totals` counts these as pledged).
STATUS_GROUPS = {"pledged": ("committed", "offered")}
QUALIFIERS = ("exact", "about", "over", "up_to")
PRECISIONS = ("day", "month", "unknown")
AID_TYPES = ("military", "humanitarian", "financial")
# What a report of a figure is: a new commitment, a part of one (a tranche, "the first
# four"), or a running total of what was given so far (kb.extract.kinds).
KINDS = ("new", "part", "total")
# What kind of money a sum is, where the text says: not to be added together.
FINANCE = ("grant", "loan", "guarantee", "in_kind", "debt_relief")
# What money is added up by, and in which currencies (kb.query.totals, `kb totals`).
TOTALS_BY = ("donor", "recipient", "category", "status", "month", "year")
TOTALS_CURRENCIES = ("USD", "EUR")
# What `kb export` writes, by a file's extension or --format.
EXPORT_FORMATS = ("csv", "xlsx", "json", "jsonl")
# The charts kb draws (`kb chart`, and the web view's chart pages).
CHART_KINDS = ("pledged-delivered", "over-time", "items")
# What a person may set of a commitment (`kb correct`), and what a person's review does:
# correct its fields, reject it as no commitment, restore a rejected one, add a missed one.
CORRECTABLE = (
    "donor", "recipient", "item", "quantity", "unit", "amount", "currency", "status", "announced",
)  # fmt: skip
ACTIONS = ("correct", "reject", "restore", "add")


@dataclass(frozen=True)
class Actor:
    """A donor or recipient as the gazetteer knows it."""

    name: str
    kind: str  # country, union, un_agency, bank, ngo, ...
    code: str | None = None  # ISO 3166 alpha-3 for countries, else None
    aliases: tuple[str, ...] = ()
    # The stable identifier of the canonical entry: the ISO code of a country, the `id` of
    # organisations.tsv for an organisation. None where the gazetteer does not set it yet;
    # storage then works it out itself (kb.storage.keys.actor_key).
    key: str | None = None


@dataclass(frozen=True)
class Article:
    """One article as read from disk, before extraction."""

    source: str
    text: str
    published: date | None = None
    precision: str = "unknown"  # day, month or unknown
    title: str | None = None
    url: str | None = None
    # What the user should hear about how it was read ("decoded as latin-1 (not UTF-8)", a
    # date that was not a date); the article loads all the same. Not part of what is stored.
    notes: tuple[str, ...] = ()
    author: str | None = None  # a web page's, where it names one


@dataclass(frozen=True)
class Mention:
    """What one article states of a commitment: its record, stored as a mention (the
    mentions of one commitment in several articles make one commitment). Spans are
    character offsets into the article's text."""

    donor: Actor
    recipient: Actor | None
    item: str
    status: str
    evidence: str
    span: tuple[int, int]
    rule: str
    category: str | None = None
    quantity: float | None = None
    qualifier: str | None = None
    unit: str | None = None
    amount: float | None = None
    currency: str | None = None
    announced: date | None = None
    # How much of `announced` the text gives: "day", "month" or "year" (then `announced` is
    # the first day of that month or year).
    announced_precision: str | None = None
    kind: str = "new"  # new, part or total (KINDS)
    finance: str | None = None  # money: grant, loan, ... (FINANCE), where the text says
    canonical: str | None = None  # the gazetteer's name for the item ("Challenger 2")
    aid_type: str | None = None  # military, humanitarian or financial
    # A person's review (kb.review): "corrected" or "added", the fields a person
    # set (which then win over what other reports say), and whether it was rejected.
    review: str | None = None
    fixed: tuple[str, ...] = ()
    rejected: bool = False

    @property
    def is_money(self) -> bool:
        return self.amount is not None


# What extracts an article's mentions: kb.extract.extract, or a stand-in that a test gives.
Extractor = Callable[[Article], Sequence[Mention]]


@dataclass(frozen=True)
class Correction:
    """What a person said of one report (kb.review): attached not to a row id, which a new
    extraction changes, but to its evidence: the article's source, the sentence and its span,
    and (to tell apart two reports of one sentence) the donor and item the rules gave it.

    `values` holds what a `correct` sets and what an `add` reports, by field (CORRECTABLE):
    actors by canonical name, the item as written, `announced` as ISO text with
    `announced_precision` beside it.
    """

    action: str  # ACTIONS
    source: str
    evidence: str
    span: tuple[int, int]
    donor: str | None = None
    item: str | None = None
    values: Mapping[str, Any] = field(default_factory=dict)
    id: int = 0


# A spreadsheet treats a cell starting with one of these as a formula (CSV injection): the
# four that begin a formula, tab and carriage return (OWASP's list), NUL (OWASP ASVS 1.2.10),
# and the full-width forms, which Excel in East Asian locales reads as their ASCII twins.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\0", "\uff1d", "\uff0b", "\uff0d", "\uff20")


def neutralise(text: str) -> str:
    """Prefix an apostrophe to a cell a spreadsheet would run as a formula: one that starts
    with FORMULA_STARTS, or with white space before them (a spreadsheet that trims cells on
    import, as LibreOffice and Google Sheets can, would then run it). The apostrophe makes
    the cell text and is not shown."""
    risky = text.startswith(FORMULA_STARTS) or text.lstrip().startswith(FORMULA_STARTS)
    return "'" + text if risky else text


_PARTIAL_DATE = re.compile(r"(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?")


def partial_date(text: str) -> tuple[date, str]:
    """A date a person types as `YYYY`, `YYYY-MM` or `YYYY-MM-DD` (a filter's bound, a
    corrected date): its first day, and how much was given ("year", "month" or "day").
    ValueError, saying what was wrong, for anything else or a day there is not."""
    match = _PARTIAL_DATE.fullmatch(text.strip())
    if match is None:
        raise ValueError(f"bad date {text!r} (expected YYYY, YYYY-MM or YYYY-MM-DD)")
    year, month, day = match.groups()
    try:
        first = date(int(year), int(month or 1), int(day or 1))
    except ValueError:
        raise ValueError(f"bad date {text!r} (no such day)") from None
    return first, "day" if day else "month" if month else "year"


# Decimals a figure is written with (money converted at a rate: 2).
PLACES = 6


def format_number(value: float | None, places: int = PLACES) -> str:
    """A number as exact decimal text, without the noise of binary fractions: 14.0 -> "14",
    2.5e9 -> "2500000000", 0.5 -> "0.5", 0.1 + 0.2 -> "0.3", None -> ""; rounded to
    `places` decimals (2 for money converted at a rate). A float's shortest repr is kept
    where it has no more decimals than that: a million rows are written without arithmetic.
    (The export writes figures so, and a review sheet shows them so.)"""
    if value is None:
        return ""
    number = float(value)
    if number.is_integer():
        return str(int(number))
    text = repr(number)
    if "e" not in text and len(text) - text.index(".") - 1 <= places:
        return text
    return f"{number:.{places}f}".rstrip("0").rstrip(".")
