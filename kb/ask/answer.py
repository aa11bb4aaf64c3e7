"""Answers to parsed questions (kb.ask.parse), from the consolidated commitments.

Counts, sums and donors run in the database over every matching commitment, each once
however many articles report it; only the rows shown are fetched, so that a question over a
million commitments costs an index scan rather than a million Python objects.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from sqlalchemy import case, func
from sqlalchemy.orm import Session

from kb.ask.parse import Answer, Question, parse_question
from kb.errors import UnknownActor
from kb.query.commitments import (
    CommitmentView,
    Page,
    count_commitments,
    matching,
    page,
    sources_of,
    undated_left_out,
    views,
)
from kb.query.filters import Selection, added_up, resolve
from kb.storage.aliases import name_finder
from kb.storage.models import ActorRow, CommitmentRow

ROUGH = ("about", "over", "up_to")


# Answers that list commitments, which may fall back on the question without its item
# words when no stored item has them (the answer says so): not sums or counts, whose
# figure would then be of other things.
RELAXABLE = ("list", "who", "rank", "yesno")


def answer(session: Session, question: Question, limit: int | None = None) -> Answer:
    """The answer to `question`; where no item has all its item words, the answer for their
    head noun ("main battle tanks": "tanks"), or, for an answer that lists commitments,
    without them ("hospital supplies"); marked `relaxed` with the words. Raises
    UnknownActor when it names a donor or recipient the database does not know."""
    selection = resolve(session, question.filters)  # each name looked up once
    found = _answer(session, question, selection, limit)
    item = question.filters.item
    if found.count or item is None:
        return found
    *modifiers, head = item.split()
    # "main battle tanks" matches no item: its head noun, "tanks", may; "AMX-10RC
    # vehicles" neither: then the words before it, "AMX-10RC". Counted first: the whole
    # answer is worked out once, for the words that match.
    for narrower in (head, " ".join(modifiers)) if modifiers else ():
        fewer = _with_item(selection, narrower)
        if count_commitments(session, fewer):
            found = _answer(session, question, fewer, limit)
            return replace(found, relaxed=item, relaxed_to=narrower)
    if question.kind not in RELAXABLE:
        return found
    wider = _answer(session, question, _with_item(selection, None), limit)
    return replace(wider, relaxed=item)


def _with_item(selection: Selection, item: str | None) -> Selection:
    return replace(selection, filters=replace(selection.filters, item=item))


def _answer(
    session: Session, question: Question, selection: Selection, limit: int | None
) -> Answer:
    """Run the question's query over `selection` (its filters resolved, its item perhaps
    narrowed) and add up what it asks for; `rows` holds the first `limit` rows (all
    without it), while the count, totals and donors cover every row. A question for the
    largest commitment has one row, the largest."""
    if question.kind == "largest":
        rows = largest(session, selection)
        ids = (row.id for row in rows)
        count = count_commitments(session, selection)
        undated = undated_left_out(session, selection)
        found = Page(rows, count, sources_of(session, ids), undated)
    else:
        found = page(session, selection, limit)
    result = Answer(
        question,
        found.rows,
        matched=found.matched,
        donors=_donors(session, selection, question.by_recipient),
        sources=found.sources,
        undated=found.undated,  # of this selection, relaxed or not
    )
    if question.kind == "rank":
        return _ranked(session, selection, result)
    if question.kind == "count":
        return _add_up(session, selection, result, CommitmentRow.quantity, CommitmentRow.unit)
    if question.kind == "money":
        result = _add_up(session, selection, result, CommitmentRow.amount, CommitmentRow.currency)
        kinds, unconverted = _converted(session, selection)
        usd = sum(kinds.values()) if kinds else None
        return replace(result, usd=usd, unconverted=unconverted, usd_by_finance=kinds)
    return result


def _ranked(session: Session, selection: Selection, result: Answer) -> Answer:
    """Donors (or recipients) by what they gave: the value in dollars where the question is
    about money or names no item, else the count of the item; each whole once."""
    c = CommitmentRow
    question = result.question
    filters = selection.filters  # the item as answered, where it was narrowed
    by_count = filters.item is not None and not filters.money
    figure = c.quantity if by_count else c.amount_usd
    party = c.recipient_id if question.by_recipient else c.donor_id
    total = func.sum(figure)
    stmt = (
        matching(session, selection, ActorRow.name, total)
        .join(ActorRow, party == ActorRow.id)
        .where(figure.is_not(None), added_up(session, selection))
        .group_by(ActorRow.id, ActorRow.name)
        .order_by(total.desc(), ActorRow.name)
        .limit(question.top)
    )
    ranking = [(str(name), float(value)) for name, value in session.execute(stmt)]
    unit = "" if by_count else "USD"
    return replace(result, ranking=ranking, ranked_in=unit)


def largest(session: Session, filters: Selection) -> list[CommitmentView]:
    """The commitment of most value in US dollars; where none has a value, of the largest
    count; none if nothing matches."""
    c = CommitmentRow
    stmt = (
        views(session, filters)
        .order_by(None)
        .order_by(c.amount_usd.desc().nulls_last(), c.quantity.desc().nulls_last(), c.id)
        .limit(1)
    )
    return [CommitmentView(*row) for row in session.execute(stmt)]


def _add_up(
    session: Session, selection: Selection, result: Answer, figure: Any, key: Any
) -> Answer:
    """Totals of `figure` per `key` (quantity per unit, amount per currency), over what a
    sum adds (kb.query.filters.added_up); how many it leaves out as held, in one pass."""
    c = CommitmentRow
    rough = case((c.qualifier.in_(ROUGH), 1), else_=0)
    added = added_up(session, selection)
    given = case((added, figure), else_=None)
    stmt = matching(
        session,
        selection,
        key,
        func.sum(given),
        func.count(given),
        func.count(case((added, 1), else_=None)),
        func.max(case((given.is_not(None), rough), else_=0)),
    ).group_by(key)
    totals: dict[str, float] = {}
    unnumbered = added_in_all = 0
    approximate = False
    for unit, total, numbered, counted, rough_max in session.execute(stmt):
        unnumbered += counted - numbered
        added_in_all += counted
        if numbered:
            totals[unit or ""] = totals.get(unit or "", 0.0) + float(total)
            approximate = approximate or bool(rough_max)
    held = result.count - added_in_all
    return replace(result, totals=totals, unnumbered=unnumbered, approximate=approximate, held=held)


def _converted(session: Session, filters: Selection) -> tuple[dict[str, float], dict[str, float]]:
    """The sum in dollars of what converts, for each kind of money ("unstated" where the
    text says none), and per currency what does not."""
    c = CommitmentRow
    added = added_up(session, filters)
    converted = (
        matching(session, filters, c.finance, func.sum(c.amount_usd))
        .where(c.amount_usd.is_not(None), added)
        .group_by(c.finance)
    )
    kinds = {kind or "unstated": float(total) for kind, total in session.execute(converted)}
    stmt = (
        matching(session, filters, c.currency, func.sum(c.amount))
        .where(c.amount.is_not(None), c.amount_usd.is_(None), added)
        .group_by(c.currency)
    )
    unconverted = {str(code): float(total) for code, total in session.execute(stmt)}
    return kinds, unconverted


def _donors(
    session: Session, filters: Selection, recipients: bool = False
) -> list[tuple[str, int]]:
    """Donors (or `recipients`) by how many commitments they give (or get), most first;
    ties in the order first stored."""
    n = func.count()
    party = CommitmentRow.recipient_id if recipients else CommitmentRow.donor_id
    stmt = (
        matching(session, filters, ActorRow.name, n)
        .join(ActorRow, party == ActorRow.id)
        .group_by(ActorRow.id, ActorRow.name)
        .order_by(n.desc(), func.min(CommitmentRow.id))
    )
    return [(name, int(count)) for name, count in session.execute(stmt)]


def ask(session: Session, text: str, limit: int | None = None) -> Answer:
    """Parse and answer a question (NotUnderstood, UnknownActor as their modules say);
    the question's names are looked for among the stored actors' names, read once."""
    question = parse_question(text, name_finder(session))
    try:
        return answer(session, question, limit)
    except UnknownActor as error:
        if question.kind != "yesno":
            raise
        # "did Sweden send tanks?" of a knowledge base with nothing from Sweden: no.
        return Answer(question, [], unknown=error.name)
