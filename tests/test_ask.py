"""Questions parsed by rule into queries, and the answers added up."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy.orm import Session

from kb.ask.answer import answer, ask
from kb.ask.parse import (
    ANY_STAGE,
    GIVE,
    PLEDGE,
    NotUnderstood,
    Question,
    parse_question,
)
from kb.cli.render import answer_text
from kb.errors import UnknownActor
from kb.query.commitments import Filters

DELIVERED = ("delivered",)
YEAR_2023 = {"since": date(2023, 1, 1), "until": date(2023, 12, 31)}


@pytest.mark.parametrize(
    ("question", "kind", "filters"),
    [
        ("what did the UK send?", "list", Filters(donor="UK", statuses=GIVE)),
        ("What did Britain give?", "list", Filters(donor="Britain", statuses=GIVE)),
        ("what has the UK sent so far?", "list", Filters(donor="UK", statuses=GIVE)),
        (
            "what did the UK send to Ukraine?",
            "list",
            Filters(donor="UK", recipient="Ukraine", statuses=GIVE),
        ),
        (
            "what did the UK give Ukraine?",
            "list",
            Filters(donor="UK", recipient="Ukraine", statuses=GIVE),
        ),
        (
            "what did Germany pledge to Ukraine",
            "list",
            Filters(donor="Germany", recipient="Ukraine", statuses=PLEDGE),
        ),
        (
            "what did the United States deliver?",
            "list",
            Filters(donor="United States", statuses=DELIVERED),
        ),
        (
            "what did the US provide for Ukraine?",
            "list",
            Filters(donor="US", recipient="Ukraine", statuses=GIVE),
        ),
        (
            "what did Turkey sell to Ukraine?",
            "list",
            Filters(donor="Turkey", recipient="Ukraine", statuses=("sold",)),
        ),
        (
            "what weapons did the US send?",
            "list",
            Filters(donor="US", item="weapons", statuses=GIVE),
        ),
        ("what aid did Japan give?", "list", Filters(donor="Japan", statuses=GIVE)),
        ("who sent tanks?", "who", Filters(item="tanks", statuses=GIVE)),
        (
            "who gave tanks to Ukraine?",
            "who",
            Filters(item="tanks", recipient="Ukraine", statuses=GIVE),
        ),
        ("who offered Leopard 2 tanks?", "who", Filters(item="Leopard 2 tanks", statuses=PLEDGE)),
        ("who has delivered?", "who", Filters(statuses=DELIVERED)),
        (
            "who gave money to UK-Med?",
            "who",
            Filters(recipient="UK-Med", statuses=GIVE, money=True),
        ),
        (
            "how many tanks did the UK send?",
            "count",
            Filters(donor="UK", item="tanks", statuses=GIVE),
        ),
        (
            "How many AS90s has Britain pledged to Ukraine?",
            "count",
            Filters(donor="Britain", recipient="Ukraine", item="AS90s", statuses=PLEDGE),
        ),
        (
            "how much money did the EU give?",
            "money",
            Filters(donor="EU", statuses=GIVE, money=True),
        ),
        (
            "how much did the UK give to UK-Med?",
            "money",
            Filters(donor="UK", recipient="UK-Med", statuses=GIVE, money=True),
        ),
        (
            "how much has Japan pledged in total?",
            "money",
            Filters(donor="Japan", statuses=PLEDGE, money=True),
        ),
        (
            "how much money has the UK given to Ukraine?",
            "money",
            Filters(donor="UK", recipient="Ukraine", statuses=GIVE, money=True),
        ),
        (
            "what did the UK send in 2023?",
            "list",
            Filters(donor="UK", statuses=GIVE, **YEAR_2023),
        ),
        (
            "what did Germany pledge to Ukraine in 2023?",
            "list",
            Filters(donor="Germany", recipient="Ukraine", statuses=PLEDGE, **YEAR_2023),
        ),
        (
            "what did the US deliver to Ukraine during 2023 so far?",
            "list",
            Filters(donor="US", recipient="Ukraine", statuses=DELIVERED, **YEAR_2023),
        ),
        (
            "which countries offered tanks?",
            "who",
            Filters(item="tanks", statuses=PLEDGE, donor_kind="country"),
        ),
        (
            "Which organisations have sent money to Ukraine?",
            "who",
            Filters(recipient="Ukraine", statuses=GIVE, money=True, donor_kind="organisation"),
        ),
        (
            "what is the UK's largest commitment?",
            "largest",
            Filters(donor="UK", statuses=ANY_STAGE),
        ),
        ("what's Japan's biggest pledge?", "largest", Filters(donor="Japan", statuses=ANY_STAGE)),
        (
            "what was the largest commitment of the US to Ukraine?",
            "largest",
            Filters(donor="US", recipient="Ukraine", statuses=ANY_STAGE),
        ),
    ],
)
def test_parse_question(question: str, kind: str, filters: Filters) -> None:
    parsed = parse_question(question)
    assert (parsed.kind, parsed.filters) == (kind, filters)


@pytest.mark.parametrize(
    "question",
    [
        "",
        "hello",
        "what is the weather?",
        "send tanks",
        "who is the UK?",
        "how many tanks are there?",
        "which tanks are best?",
        "what is the largest tank?",
    ],
)
def test_questions_not_understood_get_examples(question: str) -> None:
    with pytest.raises(NotUnderstood) as raised:
        parse_question(question)
    assert 'kb ask "what did the UK send?"' in str(raised.value)


def test_what_did_the_uk_send(session: Session) -> None:
    result = ask(session, "what did the UK send?")
    assert [row.item for row in result.rows] == [
        "Challenger 2 main battle tanks",
        "AS90 self-propelled guns",
        "bandages",
        "funding",
    ]
    assert answer_text(result) == "4 commitments from United Kingdom (delivered or committed)."


def test_pledged_means_committed_or_offered(session: Session) -> None:
    result = ask(session, "what did Poland pledge?")
    assert [row.item for row in result.rows] == ["Leopard 2 battle tanks"]


def test_who_sent_tanks(session: Session) -> None:
    result = ask(session, "who offered tanks?")
    assert answer_text(result) == (
        "2 commitments matching 'tanks' (delivered, committed or offered).\n"
        "By donor: United Kingdom (1), Poland (1)"
    )


def test_how_many(session: Session) -> None:
    result = ask(session, "how many tanks did Britain send to Ukraine?")
    assert result.totals == {"": 14.0}
    assert answer_text(result) == (
        "1 commitment from United Kingdom to Ukraine matching 'tanks' (delivered or committed).\n"
        "Total: 14 tanks."
    )


def test_how_many_adds_up_per_unit_and_flags_approximate_figures(session: Session) -> None:
    result = answer(session, Question("count", Filters(donor="UK", money=False), "send"))
    assert result.totals == {"": 44.0, "pallets": 70.0}
    assert result.approximate
    assert answer_text(result).splitlines()[1] == (
        "Total: 44 items; 70 pallets (some figures are approximate)."
    )


def test_how_much_money(session: Session) -> None:
    result = ask(session, "how much money did the UK give to UK-Med?")
    assert result.totals == {"GBP": 300000.0}
    assert result.usd == pytest.approx(367_165, abs=1)  # at the rate of 17 January 2023
    assert answer_text(result).splitlines()[1] == (
        "Total: 367,165 USD at the ECB rate of each commitment's date (300,000 GBP)."
    )


def test_no_rows_is_an_answer(session: Session) -> None:
    result = ask(session, "what did Poland deliver?")
    assert answer_text(result) == "No commitments from Poland (delivered)."


def test_unknown_actor_in_a_question(session: Session) -> None:
    with pytest.raises(UnknownActor, match="no donor called 'Narnia'"):
        ask(session, "what did Narnia send?")


@pytest.mark.parametrize(
    "question",
    ["how many things did Britain send?", "who sent aid?", "what did the UK send?"],
)
def test_a_limit_shows_fewer_rows_but_counts_and_adds_up_them_all(
    session: Session, question: str
) -> None:
    everything, first = ask(session, question), ask(session, question, limit=1)
    assert first.rows == everything.rows[:1]
    assert (first.count, first.totals, first.unnumbered, first.approximate, first.donors) == (
        everything.count,
        everything.totals,
        everything.unnumbered,
        everything.approximate,
        everything.donors,
    )
    assert answer_text(first) == answer_text(everything)


def test_a_question_not_understood_shows_the_nearest_first_and_the_words_left() -> None:
    with pytest.raises(NotUnderstood) as raised:
        parse_question("how many tents are there?")
    lines = str(raised.value).splitlines()
    assert lines[1].strip().startswith('kb ask "how many')
    with pytest.raises(NotUnderstood) as unplaced:
        parse_question("which umbrellas are best?")
    assert "(I could not place: umbrellas best)" in str(unplaced.value)


def test_item_words_no_item_has_fall_back_on_their_head_noun(session: Session) -> None:
    result = ask(session, "how many heavy tanks did Britain send to Ukraine?")
    assert result.totals == {"": 14.0}
    assert (result.relaxed, result.relaxed_to) == ("heavy tanks", "tanks")
    assert answer_text(result).splitlines()[0] == (
        "No stored item matches 'heavy tanks'; for 'tanks':"
    )


def test_a_yes_or_no_question_about_someone_not_stored_is_answered_no(session: Session) -> None:
    result = ask(session, "did Sweden send tanks to Ukraine?")
    assert (result.count, result.unknown) == (0, "Sweden")
    assert answer_text(result).splitlines()[:2] == [
        "No: no stored commitment says so.",
        "(Nothing of 'Sweden' is stored.)",
    ]
    with pytest.raises(UnknownActor):
        ask(session, "what did Sweden send to Ukraine?")  # any other question: the error


@pytest.mark.parametrize(
    ("question", "kind", "filters", "by_recipient"),
    [
        # The question's word is the object, the one given to: donors are not asked for.
        (
            "which countries has the UAE helped?",
            "who",
            Filters(donor="UAE", statuses=GIVE),
            True,
        ),
        # A unit that is all the question names is its item.
        (
            "how many doses were donated to Nepal?",
            "count",
            Filters(recipient="Nepal", item="doses", statuses=GIVE),
            False,
        ),
        (
            "what did Ukraine receive from Germany?",
            "list",
            Filters("Germany", "Ukraine", statuses=GIVE),
            False,
        ),
    ],
)
def test_parse_roles(question: str, kind: str, filters: Filters, by_recipient: bool) -> None:
    parsed = parse_question(question)
    assert (parsed.kind, parsed.filters, parsed.by_recipient) == (kind, filters, by_recipient)


def test_item_words_fall_back_on_the_words_before_the_head_noun(session: Session) -> None:
    result = ask(session, "how many Challenger vehicles did Britain send to Ukraine?")
    assert result.totals == {"": 14.0}
    assert (result.relaxed, result.relaxed_to) == ("Challenger vehicles", "Challenger")
