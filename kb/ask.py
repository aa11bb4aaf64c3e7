"""Plain-English questions, parsed by rule into the same Filters that `kb query` uses.

Questions understood (case and a trailing "?" do not matter; "so far", "in total" and the
like at the end are ignored; a leading "the" in a name is optional):

    what did X send (to Y)?            -> every commitment of X (to Y)
    what did X give Y?                 -> the same, with Y as indirect object
    what ITEM did X send (to Y)?       -> the same, for one kind of item
    who sent ITEM (to Y)?              -> the donors of ITEM, and their commitments
    how many ITEM did X send (to Y)?   -> the total quantity, per unit
    how much (money) did X give (to Y)? -> the total amount, per currency

The verb chooses the statuses, because a question's verb says how far along the gift is:

    send, give, provide, supply, donate, contribute  -> delivered + committed
        ("what did the UK send?" means everything the UK gives or has decided to give;
        offers, talks and sales are not yet something it sends)
    pledge, promise, commit, announce, offer          -> committed + offered
    deliver                                           -> delivered
    sell                                              -> sold

An ITEM of "money", "funding", "funds" or "cash" selects money rows; "aid", "help",
"support", "anything" select everything.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Literal

from sqlalchemy import case, func
from sqlalchemy.orm import Session

from kb.queries import CommitmentView, Filters, count_commitments, find_commitments, matching
from kb.storage.models import ActorRow, CommitmentRow

Kind = Literal["list", "who", "count", "money"]

EXAMPLES = (
    "what did the UK send?",
    "what did Germany pledge to Ukraine?",
    "who sent tanks?",
    "how many tanks did the UK send to Ukraine?",
    "how much money did the EU give?",
)

GIVE = ("delivered", "committed")
PLEDGE = ("committed", "offered")
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

# Longest first, so that a verb is read whole ("given", not "give" and a stray "n").
_VERB = "|".join(sorted(VERBS, key=len, reverse=True))
_AUX = r"(?:did|does|do|has|have|had|will|would)"
_TO = r"(?:\s+(?:to|for)\s+(?P<recipient>.+))?"
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
_ARTICLE = re.compile(r"^(?:the|any|some|all)\s+", re.IGNORECASE)


class NotUnderstood(ValueError):
    """A question no rule matches; its message lists questions that do."""

    def __init__(self, question: str) -> None:
        examples = "\n".join(f'  kb ask "{example}"' for example in EXAMPLES)
        super().__init__(
            f"I do not understand {question!r}. Questions I understand look like:\n{examples}"
        )


@dataclass(frozen=True)
class Question:
    """A parsed question: what kind of answer, over which commitments."""

    kind: Kind
    filters: Filters
    verb: str = "send"


def _clean(text: str) -> str:
    text = " ".join(text.split()).rstrip("?.! ")
    return _FILLER.sub("", text)


def parse_question(text: str) -> Question:
    """Parse a question by rule. Raises NotUnderstood when no rule matches."""
    cleaned = _clean(text)
    for kind, pattern in _PATTERNS:
        match = pattern.fullmatch(cleaned)
        if match is None:
            continue
        groups = {k: _ARTICLE.sub("", v).strip() for k, v in match.groupdict().items() if v}
        verb = groups["verb"].lower()
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
            statuses=VERBS[verb],
            money=money,
        )
        return Question(kind, filters, verb)
    raise NotUnderstood(text.strip())


@dataclass(frozen=True)
class Answer:
    """The commitments that answer a question, and the totals the question asks for."""

    question: Question
    rows: Sequence[CommitmentView]  # all of them, or the first `limit` (see answer)
    # Money: amount per currency. Count: quantity per unit ("" where the item is the unit).
    totals: dict[str, float] = field(default_factory=dict)
    unnumbered: int = 0  # rows that answer but give no figure to add up
    approximate: bool = False  # some figure added up was "about", "over" or "up to"
    donors: Sequence[tuple[str, int]] = ()
    matched: int = 0  # how many rows answer, when `rows` holds only the first few

    @property
    def count(self) -> int:
        """How many commitments answer, shown or not."""
        return max(self.matched, len(self.rows))


def answer(session: Session, question: Question, limit: int | None = None) -> Answer:
    """Run the question's query and add up what it asks for; `rows` holds the first `limit`
    rows (all without it), while the count, totals and donors cover every row.

    The sums and counts run in the database, so that a question over a million rows costs
    an index scan rather than a million Python objects. Raises UnknownActor when it names a
    donor or recipient the database does not know.
    """
    filters = question.filters
    rows = find_commitments(session, filters, limit)
    # Counted only when the page is full: otherwise the rows are all there is.
    matched = count_commitments(session, filters) if len(rows) == limit else len(rows)
    totals: dict[str, float] = {}
    unnumbered = 0
    approximate = False
    if question.kind in ("count", "money"):
        figure, key = (
            (CommitmentRow.amount, CommitmentRow.currency)
            if question.kind == "money"
            else (CommitmentRow.quantity, CommitmentRow.unit)
        )
        rough = case((CommitmentRow.qualifier.in_(("about", "over", "up_to")), 1), else_=0)
        stmt = matching(
            session, filters, key, func.sum(figure), func.count(figure), func.count(),
            func.max(case((figure.is_not(None), rough), else_=0)),
        ).group_by(key)  # fmt: skip
        for unit, total, numbered, everything, rough_max in session.execute(stmt):
            unnumbered += everything - numbered
            if numbered:
                totals[unit or ""] = totals.get(unit or "", 0.0) + float(total)
                approximate = approximate or bool(rough_max)
    donors = _donors(session, filters)
    return Answer(question, rows, totals, unnumbered, approximate, donors, matched)


def _donors(session: Session, filters: Filters) -> list[tuple[str, int]]:
    """Donors by how many rows they give, most first; ties in the order first stored."""
    n = func.count()
    stmt = (
        matching(session, filters, ActorRow.name, n)
        .join(ActorRow, CommitmentRow.donor_id == ActorRow.id)
        .group_by(ActorRow.id, ActorRow.name)
        .order_by(n.desc(), func.min(CommitmentRow.id))
    )
    return [(name, int(count)) for name, count in session.execute(stmt)]


def ask(session: Session, text: str, limit: int | None = None) -> Answer:
    """Parse and answer a question (NotUnderstood, UnknownActor as above)."""
    return answer(session, parse_question(text), limit)
