"""A person's corrections in a knowledge base, on SQLite and PostgreSQL: they win over what
the rules extract in every answer, total and export, and they survive re-extraction by a
changed rule, a new EXTRACTOR_VERSION, and the removal and return of their article."""

from __future__ import annotations

import csv
import io
from dataclasses import replace
from pathlib import Path

import pytest
from fakes import SENTENCES, TANKS_ARTICLE, TANKS_TEXT, FakeExtractor, tank_records
from sqlalchemy import Engine

from kb.errors import ReviewError, UnknownName
from kb.knowledge import KnowledgeBase
from kb.review.sheet import SheetError, cells_of

FIRST, POLAND_SENTENCE, PALLETS, MONEY = SENTENCES


@pytest.fixture
def kb(stored: Engine) -> KnowledgeBase:
    return KnowledgeBase(stored)


def the(kb: KnowledgeBase, item: str, *, rejected: bool = False) -> int:
    """The id of the one commitment of `item`."""
    (row,) = kb.query(item=item, include_rejected=rejected)
    return row.id


def rows(kb: KnowledgeBase) -> list[dict[str, str]]:
    """The export, as a reader of the CSV sees it, without ids (a re-extraction renumbers)."""
    out = io.StringIO()
    kb.write_csv(out)
    found = list(csv.DictReader(io.StringIO(out.getvalue())))
    for row in found:
        del row["id"], row["part_of"]
    return sorted(found, key=lambda r: (r["item"], r["donor"]))


def changed_rules() -> FakeExtractor:
    """New rules: the tanks are read as 12, and the pallets sentence gives nothing."""
    records = [r for r in tank_records() if r.evidence != PALLETS]
    records[0] = replace(records[0], quantity=12.0)
    return FakeExtractor({TANKS_TEXT: records})


def review(kb: KnowledgeBase) -> None:
    """Corrections of every kind, as a person would make them."""
    kb.correct(the(kb, "Challenger"), quantity=16, note="the ministry says 16", by="ana")
    kb.correct(the(kb, "funding"), amount=400000, note="the release says 400,000", by="ana")
    kb.reject(the(kb, "Leopard"), note="an offer in talks, not made", by="bo")
    kb.correct(the(kb, "bandages"), status="delivered", note="arrived in March", by="bo")
    kb.add(
        TANKS_ARTICLE.source,
        donor="Britain",
        recipient="Ukraine",
        item="Stormer air defence vehicles",
        quantity=4,
        status="committed",
        evidence=FIRST,
        note="named in the annex",
        by="ana",
    )


def check_reviewed(kb: KnowledgeBase) -> None:
    """What review() did, as every answer shows it."""
    found = {row.item: row for row in kb.query()}
    assert found["Challenger 2 main battle tanks"].quantity == 16
    assert found["Challenger 2 main battle tanks"].reviewed == "corrected"
    assert found["funding"].amount == 400000
    assert "Leopard 2 battle tanks" not in found
    assert found["Stormer air defence vehicles"].reviewed == "added"
    assert found["Stormer air defence vehicles"].quantity == 4
    assert kb.count() == 5  # five the rules found, one rejected, one added
    assert [row.reviewed for row in kb.query(item="Leopard", include_rejected=True)] == ["rejected"]
    (uk,) = kb.totals(donor="UK", currency="USD").rows
    assert uk.commitments == 1 and uk.delivered > 400000  # 400,000 GBP in dollars


def test_corrections_win_in_answers_totals_and_exports(kb: KnowledgeBase) -> None:
    before = rows(kb)
    review(kb)
    check_reviewed(kb)
    exported = {row["item"]: row for row in rows(kb)}
    assert exported["Challenger 2 main battle tanks"]["quantity"] == "16"
    assert exported["Challenger 2 main battle tanks"]["reviewed"] == "corrected"
    assert exported["Stormer air defence vehicles"]["reviewed"] == "added"
    assert exported["AS90 self-propelled guns"]["reviewed"] == ""
    assert len(exported) == len(before)  # one rejected, one added
    answer = kb.ask("what did the UK send?")
    assert 16 in [row.quantity for row in answer.rows]


def test_show_and_listing_keep_who_when_why_and_what_the_rules_said(kb: KnowledgeBase) -> None:
    review(kb)
    detail = kb.show(the(kb, "Challenger"))
    assert detail is not None
    (made,) = detail.corrections
    assert (made.action, made.author, made.note) == ("correct", "ana", "the ministry says 16")
    assert made.values == {"quantity": 16.0} and made.extracted == {"quantity": 14.0}
    listed = kb.corrections()
    assert [c.action for c in listed] == ["correct", "correct", "reject", "correct", "add"]
    assert not any(c.orphaned for c in listed)
    rejected = kb.show(the(kb, "Leopard", rejected=True))
    assert rejected is not None and rejected.rejected


def test_names_resolve_as_extraction_resolves_them(kb: KnowledgeBase) -> None:
    tanks = the(kb, "Challenger")
    with pytest.raises(UnknownName, match="Britain"):
        kb.correct(tanks, donor="Britian", note="typo")
    now = kb.correct(tanks, donor="Polish", note="Poland sends them")
    assert [row.item for row in kb.query(donor="Poland", item="Challenger")] == [
        "Challenger 2 main battle tanks"
    ]
    assert kb.query(donor="UK", item="Challenger") == []
    assert kb.show(now) is not None
    with pytest.raises(ReviewError, match="note"):
        kb.correct(now, quantity=1, note="  ")
    with pytest.raises(ReviewError, match="status"):
        kb.correct(now, status="pledgd", note="x")
    with pytest.raises(ReviewError, match="no commitment 999"):
        kb.reject(999, note="x")


def test_reject_and_restore(kb: KnowledgeBase) -> None:
    leopards = the(kb, "Leopard")
    kb.reject(leopards, note="not made")
    assert kb.query(item="Leopard") == [] and kb.count() == 4
    assert kb.stats().rejected == 1
    with pytest.raises(ReviewError, match="rejected already"):
        kb.reject(leopards, note="again")
    kb.restore(leopards, note="it was made after all")
    assert the(kb, "Leopard") == leopards
    with pytest.raises(ReviewError, match="not rejected"):
        kb.restore(leopards, note="again")
    assert [c.action for c in kb.corrections()] == ["reject", "restore"]


def test_an_addition_needs_its_sentence_in_the_stored_text(kb: KnowledgeBase) -> None:
    with pytest.raises(ReviewError, match="not in the stored text"):
        kb.add(TANKS_ARTICLE.source, donor="UK", item="tents", status="committed",
               evidence="Britain sends tents.", note="x")  # fmt: skip
    with pytest.raises(ReviewError, match="no article is stored"):
        kb.add("elsewhere.txt", donor="UK", item="tents", status="committed",
               evidence=FIRST, note="x")  # fmt: skip
    with pytest.raises(ReviewError, match="currency"):
        kb.add(TANKS_ARTICLE.source, donor="UK", amount=5, status="committed",
               evidence=FIRST, note="x")  # fmt: skip


def test_corrections_survive_a_reextraction_by_changed_rules(kb: KnowledgeBase) -> None:
    review(kb)
    done = kb.reextract(extractor=changed_rules())
    assert done.summary.updated == 1
    # The rules now read 12 tanks: the person's 16 still wins. The pallets sentence gives no
    # report any more: its correction is orphaned, kept and listed, never dropped.
    found = {row.item: row for row in kb.query()}
    assert found["Challenger 2 main battle tanks"].quantity == 16
    assert "bandages" not in found
    assert "Leopard 2 battle tanks" not in found
    assert found["Stormer air defence vehicles"].reviewed == "added"
    (orphan,) = done.orphaned
    assert orphan.evidence == PALLETS and orphan.values == {"status": "delivered"}
    assert [c.id for c in kb.corrections(orphaned=True)] == [orphan.id]
    assert kb.corrections(commitment_id=the(kb, "Challenger"))[0].extracted == {"quantity": 12.0}
    # The old rules again: the report is back, and so is its correction.
    kb.reextract(extractor=FakeExtractor())
    assert kb.corrections(orphaned=True) == []
    check_reviewed(kb)


def test_corrections_survive_a_new_extractor_version(
    kb: KnowledgeBase, monkeypatch: pytest.MonkeyPatch
) -> None:
    review(kb)
    before = rows(kb)
    monkeypatch.setattr("kb.loading.load.EXTRACTOR_VERSION", "a-later-version")
    summary = kb.load_articles([TANKS_ARTICLE], extractor=FakeExtractor())
    assert summary.updated == 1
    assert rows(kb) == before
    check_reviewed(kb)


def test_made_now_or_applied_again_the_result_is_one(kb: KnowledgeBase) -> None:
    """A correction is applied to the stored report when it is made, and to a new
    extraction when the article is stored again: both ways give the same knowledge base."""
    review(kb)
    now = rows(kb)
    kb.reextract(extractor=FakeExtractor())
    assert rows(kb) == now


def test_removing_an_article_keeps_its_corrections(kb: KnowledgeBase) -> None:
    review(kb)
    assert kb.remove(TANKS_ARTICLE.source)
    assert kb.count() == 0
    waiting = kb.corrections(orphaned=True)
    assert len(waiting) == 5 and all(not c.stored for c in waiting)
    kb.load_articles([TANKS_ARTICLE], extractor=FakeExtractor())
    assert kb.corrections(orphaned=True) == []
    check_reviewed(kb)


def sheet(kb: KnowledgeBase, tmp_path: Path) -> list[dict[str, str]]:
    out = io.StringIO()
    assert kb.write_review_sheet(out) == 5
    return list(csv.DictReader(io.StringIO(out.getvalue())))


def write(rows: list[dict[str, str]], path: Path) -> Path:
    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.DictWriter(out, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    return path


def test_a_review_sheet_round_trip(kb: KnowledgeBase, tmp_path: Path) -> None:
    found = sheet(kb, tmp_path)
    by_item = {row["item"]: row for row in found}
    by_item["Challenger 2 main battle tanks"].update(action="correct", quantity="16", note="16")
    by_item["Leopard 2 battle tanks"].update(action="Reject", note="only talks")
    new = dict.fromkeys(found[0], "") | {
        "action": "add", "donor": "UK", "recipient": "Ukraine", "item": "Stormer vehicles",
        "quantity": "4", "status": "committed", "note": "annex", "source": TANKS_ARTICLE.source,
        "evidence": FIRST,
    }  # fmt: skip
    done = kb.apply_review_sheet(write([*found, new], tmp_path / "review.csv"), by="ana")
    assert [(a.line, a.said.split(":")[0]) for a in done] == [
        (2, f"corrected commitment {by_item['Challenger 2 main battle tanks']['id']}"),
        (4, f"rejected commitment {by_item['Leopard 2 battle tanks']['id']}"),
        (7, "added commitment 6"),
    ]
    assert "quantity 14 -> 16" in done[0].said
    assert the(kb, "Challenger 2") and kb.query(item="Challenger")[0].quantity == 16
    assert kb.query(item="Leopard") == []
    assert kb.query(item="Stormer")[0].reviewed == "added"
    assert {c.author for c in kb.corrections()} == {"ana"}


def test_a_sheet_with_one_bad_row_changes_nothing(kb: KnowledgeBase, tmp_path: Path) -> None:
    before = rows(kb)
    found = sheet(kb, tmp_path)
    found[0].update(action="correct", quantity="16", note="16")
    found[2].update(action="reject", note="talks")
    found[3].update(action="correct", status="pledgd", note="typo in the status")
    with pytest.raises(SheetError, match="line 5: unknown status 'pledgd'"):
        kb.apply_review_sheet(write(found, tmp_path / "bad.csv"))
    assert rows(kb) == before and kb.corrections() == []


def test_a_row_that_no_longer_matches_is_refused(kb: KnowledgeBase, tmp_path: Path) -> None:
    found = sheet(kb, tmp_path)
    kb.reextract(extractor=FakeExtractor())  # every commitment has a new id now
    found[0].update(action="correct", quantity="16", note="16")
    with pytest.raises(SheetError, match=r"line 2: .*(no longer matches|no commitment)"):
        kb.apply_review_sheet(write(found, tmp_path / "old.csv"))
    assert kb.corrections() == []


def test_an_added_report_corrected_later_keeps_both(kb: KnowledgeBase) -> None:
    added = kb.add(TANKS_ARTICLE.source, donor="UK", recipient="Ukraine", item="Stormer vehicles",
                   quantity=4, status="committed", evidence=FIRST, note="annex")  # fmt: skip
    kb.correct(added, quantity=6, note="six in the end")
    (made,) = kb.corrections(commitment_id=added)[1:]
    assert (made.donor, made.item) == ("United Kingdom", "Stormer vehicles")  # the addition's
    kb.reextract(extractor=FakeExtractor())
    (row,) = kb.query(item="Stormer")
    assert (row.quantity, row.reviewed) == (6, "added")  # a person's row, however often fixed


@pytest.mark.parametrize(
    ("values", "cells"),
    [
        ({"quantity": 14.0}, {"quantity": "14"}),
        ({"amount": 0.1 + 0.2}, {"amount": "0.3"}),  # as the export writes it
        ({"amount": 2.5e9, "currency": "EUR"}, {"amount": "2500000000", "currency": "EUR"}),
    ],
)
def test_a_sheet_shows_figures_as_the_export_writes_them(
    values: dict[str, object], cells: dict[str, str]
) -> None:
    shown = cells_of(values)
    assert {name: shown[name] for name in cells} == cells
