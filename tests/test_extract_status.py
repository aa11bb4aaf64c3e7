"""Status, requests, negation and clauses (kb.extract.status)."""

from __future__ import annotations

import pytest

from kb.extract.status import clause_around, is_negated, is_request, status_of

# (clause, the word where the mention starts, status); trigger words from the
# commitments definition's status table.
STATUSES = [
    pytest.param("Britain will send 14 tanks", "14", "committed", id="will-send"),
    pytest.param("Britain would send 14 tanks", "14", "committed", id="would-send"),
    pytest.param("Britain is to send 14 tanks", "14", "committed", id="is-to-send"),
    pytest.param("Britain is sending 14 tanks", "14", "committed", id="is-sending"),
    pytest.param("Britain pledged 14 tanks", "14", "committed", id="pledged"),
    pytest.param("Britain promised 14 tanks", "14", "committed", id="promised"),
    pytest.param("The US approved 31 Abrams tanks", "31", "committed", id="approved"),
    pytest.param("14 tanks are being donated", "14", "committed", id="being-donated"),
    pytest.param("Britain has sent 14 tanks", "14", "delivered", id="has-sent"),
    pytest.param("Norway has already delivered 8 tanks", "8", "delivered", id="has-delivered"),
    pytest.param("14 tanks arrived in Lviv", "14", "delivered", id="arrived"),
    pytest.param("Britain handed over 14 tanks", "14", "delivered", id="handed-over"),
    pytest.param("It has previously donated 300 tents", "300", "delivered", id="previously"),
    pytest.param("India supplied 10 lakh doses", "10", "delivered", id="supplied-past"),
    pytest.param("Spain is ready to send 6 tanks", "6", "offered", id="ready-to"),
    pytest.param("Spain offered to send 6 tanks", "6", "offered", id="offered-to"),
    pytest.param("Spain is willing to send 6 tanks", "6", "offered", id="willing-to"),
    pytest.param("Finland could send 6 tanks", "6", "considering", id="could-send"),
    pytest.param("Finland may also send 6 tanks", "6", "considering", id="may-also-send"),
    pytest.param("Finland is considering sending 6 tanks", "6", "considering", id="is-considering"),
    pytest.param("Turkey sold 20 drones", "20", "sold", id="sold"),
    pytest.param("the sale of 20 drones", "20", "sold", id="sale"),
    pytest.param("Switzerland paused the export of 96 tanks", "96", "cancelled", id="paused"),
    pytest.param("Italy cancelled the delivery of 10 tanks", "10", "cancelled", id="cancelled"),
    pytest.param("Britain said 14 tanks", "14", None, id="no-trigger"),
]

# Known gaps once, fixed since: kept so that they stay fixed.
STATUS_FIXED = [
    pytest.param(
        "Germany, which had paused exports in 2022, will now send 10 tanks",
        "10",
        "committed",
        id="hedge-in-a-relative-clause",
    ),
]


@pytest.mark.parametrize(("clause", "at", "status"), STATUSES + STATUS_FIXED)
def test_status_of(clause: str, at: str, status: str | None) -> None:
    assert status_of(clause, clause.index(at)) == status


# The clause up to the mention, and whether it asks for the mention rather than gives it.
REQUESTS = [
    pytest.param("Ukraine wants ", True, id="wants"),
    pytest.param("Ukraine needs ", True, id="needs"),
    pytest.param("the UN appealed for ", True, id="appealed-for"),
    pytest.param("Kyiv has asked for ", True, id="asked-for"),
    pytest.param("Zelensky urged allies to send ", True, id="urged-to-send"),
    pytest.param("Pakistan requested the supply of ", True, id="requested-supply-of"),
    pytest.param("Britain will send ", False, id="a-gift"),
    pytest.param(
        "Kyiv asked Britain for tanks, and Britain agreed to send ", False, id="request-answered"
    ),
    pytest.param("Britain answered the appeal and sent ", False, id="answered-appeal"),
]

# Known gaps once, fixed since: kept so that they stay fixed.
REQUEST_FIXED = [
    pytest.param(
        "Germany will donate, at Kyiv's request, ",
        False,
        id="gift-made-on-request",
    ),
]


@pytest.mark.parametrize(("before", "expected"), REQUESTS + REQUEST_FIXED)
def test_is_request(before: str, expected: bool) -> None:
    assert is_request(before) is expected


NEGATIONS = [
    pytest.param("Britain will not send 14 tanks", True, id="will-not"),
    pytest.param("Poland won't give jets", True, id="wont"),
    pytest.param("Germany refused to send tanks", True, id="refused-to"),
    pytest.param("Germany has no plans to supply jets", True, id="no-plans-to"),
    pytest.param("The US ruled out sending F-16s", True, id="ruled-out"),
    pytest.param("Britain will send 14 tanks", False, id="affirmative"),
    pytest.param("Not only will Spain send tanks", False, id="not-only"),
]

# Known gaps once, fixed since: kept so that they stay fixed.
NEGATION_FIXED = [
    pytest.param(
        "Germany did not object and sent tanks",
        False,
        id="negation-of-another-verb",
    ),
]


@pytest.mark.parametrize(("clause", "expected"), NEGATIONS + NEGATION_FIXED)
def test_is_negated(clause: str, expected: bool) -> None:
    assert is_negated(clause) is expected


CLAUSES = [
    pytest.param(
        "Germany will send tanks, but Italy is considering jets",
        "jets",
        "Italy is considering jets",
        id="but",
    ),
    pytest.param(
        "Germany will send tanks; Italy may send jets",
        "tanks",
        "Germany will send tanks",
        id="semi",
    ),
    pytest.param(
        "Spain will send tents, and Chile will send beds",
        "beds",
        "Chile will send beds",
        id="comma-and",
    ),
    pytest.param(
        "Spain will send tents and beds",
        "beds",
        "Spain will send tents and beds",
        id="plain-and-joins-a-list",
    ),
]


@pytest.mark.parametrize(("sentence", "word", "clause"), CLAUSES)
def test_clause_around(sentence: str, word: str, clause: str) -> None:
    start = sentence.index(word)
    left, right = clause_around(sentence, start, start + len(word))
    assert sentence[left:right] == clause
