"""Plain-English questions, parsed by rule into the Filters that `kb query` uses, and answered
from the consolidated commitments: each commitment counts once however many articles
report it.

Questions understood (case and a trailing "?" do not matter; "so far", "in total" and the
like at the end are ignored; a leading "the" in a name is optional; any of them may end in
"in YEAR"):

    what did X send (to Y)?              -> every commitment of X (to Y)
    what did X give Y?                   -> the same, with Y as indirect object
    what ITEM did X send (to Y)?         -> the same, for one kind of item
    who sent ITEM (to Y)?                -> the donors of ITEM, and their commitments
    which countries offered ITEM?        -> the same, countries only ("which organisations")
    how many ITEM did X send (to Y)?     -> the total quantity, per unit
    how much (money) has X given (to Y)? -> the total in US dollars, and in each currency
    what is X's largest commitment?      -> the one of most value in dollars (else count)

The verb chooses the statuses, because a question's verb says how far along the gift is:

    send, give, provide, supply, donate, contribute  -> delivered + committed
        ("what did the UK send?" means everything the UK gives or has decided to give;
        offers, talks and sales are not yet something it sends)
    pledge, promise, commit, announce, offer          -> committed + offered
    deliver                                           -> delivered
    sell                                              -> sold

An ITEM of "money", "funding", "funds" or "cash" selects money; "aid", "help", "support",
"anything" select everything.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Literal

from kb.errors import NotUnderstood
from kb.query.filters import Filters, parse_bound

if TYPE_CHECKING:
    from kb.query.commitments import CommitmentView

Kind = Literal["list", "who", "count", "money", "largest"]

EXAMPLES = (
    "what did the UK send?",
    "what did Germany pledge to Ukraine in 2023?",
    "who sent tanks?",
    "which countries offered tanks?",
    "how many tanks did the UK send to Ukraine?",
    "how much money has the EU given?",
    "what is the UK's largest commitment?",
)

GIVE = ("delivered", "committed")
PLEDGE = ("committed", "offered")
ANY_STAGE = ("delivered", "committed", "offered")
# Each verb in every form a question uses, with the statuses it asks about.
_VERB_FORMS: tuple[tuple[tuple[str, ...], str], ...] = (
    (GIVE, "send sends sent sending"),
    (GIVE, "give gives gave given giving"),
    (GIVE, "provide provides provided providing"),
    (GIVE, "supply supplies supplied supplying"),
    (GIVE, "donate donates donated donating"),
    (GIVE, "contribute contributes contributed contributing"),
    (PLEDGE, "pledge pledges pledged pledging"),
    (PLEDGE, "promise promises promised promising"),
    (PLEDGE, "commit commits committed committing"),
    (PLEDGE, "announce announces announced announcing"),
    (PLEDGE, "offer offers offered offering"),
    (("delivered",), "deliver delivers delivered delivering"),
    (("sold",), "sell sells sold selling"),
)
VERBS = {form: statuses for statuses, forms in _VERB_FORMS for form in forms.split()}
MONEY_WORDS = {"money", "funding", "funds", "cash"}
ANY_WORDS = {"aid", "help", "support", "anything", "something", "things", "stuff", "assistance"}
# "which countries offered ...": whom the question asks about.
KIND_WORDS = {
    "countries": "country",
    "country": "country",
    "governments": "country",
    "organisations": "organisation",
    "organizations": "organisation",
    "organisation": "organisation",
    "organization": "organisation",
}

# Longest first, so that a verb is read whole ("given", not "give" and a stray "n").
_VERB = "|".join(sorted(VERBS, key=len, reverse=True))
_AUX = r"(?:did|does|do|has|have|had|will|would)"
_TO = r"(?:\s+(?:to|for)\s+(?P<recipient>.+))?"
_KINDS = "|".join(sorted(KIND_WORDS, key=len, reverse=True))
_BIGGEST = r"(?:largest|biggest|greatest|largest\s+single|biggest\s+single)"
_GIFT = r"(?:commitment|pledge|gift|donation|package|contribution|promise)"
_RULES: tuple[tuple[Kind, str], ...] = (
    (
        "money",
        rf"how\s+much(?:\s+(?:money|funding|cash|aid))?\s+{_AUX}\s+(?P<donor>.+?)"
        rf"\s+(?P<verb>{_VERB}){_TO}",
    ),
    (
        "count",
        rf"how\s+many\s+(?P<item>.+?)\s+{_AUX}\s+(?P<donor>.+?)\s+(?P<verb>{_VERB}){_TO}",
    ),
    (
        "largest",
        rf"what(?:'s|\s+is|\s+was)\s+(?P<donor>.+?)(?:'s|’s|')\s+{_BIGGEST}\s+{_GIFT}{_TO}",
    ),
    (
        "largest",
        rf"what(?:'s|\s+is|\s+was)\s+the\s+{_BIGGEST}\s+{_GIFT}\s+(?:of|by|from)\s+"
        rf"(?P<donor>.+?){_TO}",
    ),
    (
        "who",
        rf"which\s+(?P<kind>{_KINDS})\s+(?:{_AUX}\s+)?(?P<verb>{_VERB})"
        rf"(?:\s+(?P<item>.+?))?{_TO}",
    ),
    ("who", rf"who\s+(?:{_AUX}\s+)?(?P<verb>{_VERB})(?:\s+(?P<item>.+?))?{_TO}"),
    (
        "list",
        rf"what(?:\s+(?P<item>.+?))?\s+{_AUX}\s+(?P<donor>.+?)\s+(?P<verb>{_VERB})"
        rf"(?:\s+(?:to|for)\s+(?P<recipient>.+)|\s+(?P<indirect>.+))?",
    ),
)
_PATTERNS = tuple((kind, re.compile(pattern, re.IGNORECASE)) for kind, pattern in _RULES)
_FILLER = re.compile(
    r"(?:\s+(?:so\s+far|in\s+total|altogether|overall|already|to\s+date|all\s+together))+$",
    re.IGNORECASE,
)
_YEAR = re.compile(r"\s+(?:in|during)\s+(?:the\s+year\s+)?(?P<year>(?:19|20)\d\d)$", re.IGNORECASE)
_ARTICLE = re.compile(r"^(?:the|any|some|all)\s+", re.IGNORECASE)


@dataclass(frozen=True)
class Question:
    """A parsed question: what kind of answer, over which commitments."""

    kind: Kind
    filters: Filters
    verb: str = "send"
    year: int | None = None


def _clean(text: str) -> str:
    text = " ".join(text.split()).rstrip("?.! ")
    return _FILLER.sub("", text)


def parse_question(text: str) -> Question:
    """Parse a question by rule. Raises NotUnderstood when no rule matches."""
    cleaned = _clean(text)
    year_match = _YEAR.search(cleaned)
    year = int(year_match["year"]) if year_match else None
    if year_match:
        cleaned = _clean(cleaned[: year_match.start()])
    for kind, pattern in _PATTERNS:
        match = pattern.fullmatch(cleaned)
        if match is None:
            continue
        groups = {k: _ARTICLE.sub("", v).strip() for k, v in match.groupdict().items() if v}
        verb = groups.get("verb", "commit").lower()
        item = groups.get("item")
        money: bool | None = True if kind == "money" else None
        if item and item.lower() in MONEY_WORDS:
            item, money = None, True
        elif item and item.lower() in ANY_WORDS:
            item = None
        filters = Filters(
            donor=groups.get("donor"),
            recipient=groups.get("recipient") or groups.get("indirect"),
            item=item,
            statuses=ANY_STAGE if kind == "largest" else VERBS[verb],
            money=money,
            donor_kind=KIND_WORDS.get(groups.get("kind", "").lower()),
        )
        if year is not None:
            filters = replace(
                filters, since=parse_bound(str(year)), until=parse_bound(str(year), end=True)
            )
        return Question(kind, filters, verb, year)
    raise NotUnderstood(text.strip(), EXAMPLES)


@dataclass(frozen=True)
class Answer:
    """The commitments that answer a question, and the totals the question asks for."""

    question: Question
    rows: list[CommitmentView]  # all of them, or the first `limit` (see kb.ask.answer.answer)
    # Money: amount per currency. Count: quantity per unit ("" where the item is the unit).
    totals: dict[str, float] = field(default_factory=dict)
    unnumbered: int = 0  # rows that answer but give no figure to add up
    approximate: bool = False  # some figure added up was "about", "over" or "up to"
    donors: list[tuple[str, int]] = field(default_factory=list)
    matched: int = 0  # how many rows answer, when `rows` holds only the first few
    usd: float | None = None  # money: the sum in US dollars of what converts
    unconverted: dict[str, float] = field(default_factory=dict)  # money with no known rate
    sources: dict[int, list[str]] = field(default_factory=dict)  # articles of each row shown
    held: int = 0  # rows left out of the totals: parts of a whole, or in a running total

    @property
    def count(self) -> int:
        """How many commitments answer, shown or not."""
        return max(self.matched, len(self.rows))
