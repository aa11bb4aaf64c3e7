"""Scoring rows against gold: score.py's rules, and agreement with it on the dev corpus."""

from __future__ import annotations

import csv
import importlib.util
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kb.cli import app
from kb.errors import GoldError
from kb.evaluate.scoring import article_id, load_gold, score

SHARED = Path(__file__).resolve().parents[2] / "shared"
DEV = SHARED / "corpus" / "dev"
SCORE_PY = SHARED / "eval" / "score.py"

UK = ["United Kingdom", "UK", "GBR"]
GOLD = {
    "a1": [
        {
            "donor": UK,
            "recipient": ["Ukraine"],
            "item": ["challenger"],
            "quantity": 14,
            "unit": None,
            "money": None,
            "status": "committed",
        },
        {
            "donor": UK,
            "recipient": ["Ukraine"],
            "item": ["fund"],
            "quantity": None,
            "unit": None,
            "money": [[300000, "GBP"], [366000, "USD"]],
            "status": "delivered",
        },
        {
            "donor": ["Turkey", "TUR"],
            "recipient": ["Ukraine"],
            "item": ["tb2"],
            "quantity": None,
            "unit": None,
            "money": None,
            "status": "sold",
            "optional": True,
        },
        {
            "donor": UK,
            "recipient": ["UK-Med"],
            "item": ["bandage"],
            "quantity": 70,
            "unit": "pallets",
            "money": None,
            "status": "committed",
        },
    ]
}


def row(**cells: str) -> dict[str, str]:
    base = {
        "article": "seeds/a1.txt",
        "donor": "",
        "donor_code": "",
        "recipient": "",
        "item": "",
        "quantity": "",
        "unit": "",
        "amount": "",
        "currency": "",
        "status": "",
    }
    return base | cells


CASES = [
    pytest.param(
        [row(donor="United Kingdom", item="Challenger 2 tanks", quantity="14", status="committed")],
        (1, 0, 2),
        id="one-of-three",
    ),
    pytest.param(
        [row(donor="Britain", donor_code="GBR", item="Challenger 2", quantity="14")],
        (1, 0, 2),
        id="donor-by-code",
    ),
    pytest.param(
        [row(donor="UK", item="Challenger 2", quantity="12")], (0, 1, 3), id="wrong-count"
    ),
    pytest.param(
        [row(donor="UK", amount="367000", currency="USD")], (1, 0, 2), id="money-second-currency"
    ),
    pytest.param(
        [row(donor="UK", amount="300000", currency="EUR")], (0, 1, 3), id="money-wrong-currency"
    ),
    pytest.param([row(donor="Turkey", item="Bayraktar TB2")], (0, 0, 3), id="optional-neither"),
    pytest.param(
        [
            row(donor="UK", item="AS-90", quantity="14"),
            row(donor="UK", item="CHALLENGER", quantity="14"),
        ],
        (1, 1, 2),
        id="one-to-one",
    ),
    pytest.param(
        [row(article="other.txt", donor="UK", item="Challenger", quantity="14")],
        (0, 0, 3),
        id="other-article-ignored",
    ),
]


@pytest.mark.parametrize(("rows", "expected"), CASES)
def test_strict_counts(rows: list[dict[str, str]], expected: tuple[int, int, int]) -> None:
    report = score(GOLD, rows)
    assert (report.strict.tp, report.strict.fp, report.strict.fn) == expected


def test_fields_and_status_breakdown() -> None:
    rows = [
        row(
            donor="UK",
            recipient="UK-Med",
            item="bandages",
            quantity="70",
            unit="pallet",
            status="delivered",
        )
    ]
    report = score(GOLD, rows)
    assert report.fields == {"recipient": 1.0, "status": 0.0, "unit": 1.0}
    assert report.by_status["committed"].tp == 1
    assert report.by_status["committed"].fn == 1


def test_donor_item_ignores_the_count() -> None:
    report = score(GOLD, [row(donor="UK", item="Challenger", quantity="12")])
    assert report.donor_item.tp == 1
    assert report.strict.tp == 0


@pytest.mark.parametrize(
    ("source", "expected"),
    [("../corpus/dev/u01.txt", "u01"), ("seeds/01_uk_tanks.txt", "01_uk_tanks"), ("u02", "u02")],
)
def test_article_id(source: str, expected: str) -> None:
    assert article_id(source) == expected


def test_bad_gold_line_names_file_and_line(tmp_path: Path) -> None:
    gold = tmp_path / "gold.jsonl"
    gold.write_text('{"article": "a", "commitments": []}\n{oops\n', encoding="utf-8")
    with pytest.raises(GoldError, match=r"gold.jsonl:2"):
        load_gold(gold)


def test_unknown_status_is_refused(tmp_path: Path) -> None:
    gold = tmp_path / "gold.jsonl"
    gold.write_text(json.dumps({"article": "a", "commitments": [{"status": "maybe"}]}) + "\n")
    with pytest.raises(GoldError, match="unknown status"):
        load_gold(gold)


def test_eval_command_on_the_seeds(tmp_path: Path) -> None:
    seeds = Path(__file__).resolve().parents[1] / "seeds"
    result = CliRunner().invoke(app, ["eval", str(seeds), "--gold", str(seeds / "gold.jsonl")])
    assert result.exit_code == 0, result.output
    assert result.output.strip().splitlines()[-1].startswith("F1 ")


def test_eval_with_a_missing_gold_file_is_one_line(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["eval", str(tmp_path), "--gold", str(tmp_path / "no.jsonl")])
    assert result.exit_code == 1
    assert "no.jsonl" in result.output


@pytest.mark.skipif(not (DEV.is_dir() and SCORE_PY.is_file()), reason="../shared is absent")
def test_eval_agrees_with_score_py_on_the_dev_corpus(tmp_path: Path) -> None:
    runner = CliRunner()
    db = f"sqlite:///{tmp_path / 'kb.sqlite'}"
    assert runner.invoke(app, ["--db", db, "load", str(DEV)]).exit_code == 0
    out = tmp_path / "export.csv"
    # The gold is per article: what is scored is the mentions, one row per record of an article.
    assert runner.invoke(app, ["--db", db, "export", "--mentions", str(out)]).exit_code == 0
    spec = importlib.util.spec_from_file_location("score", SCORE_PY)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    gold = module.load_gold(str(DEV / "gold.jsonl"))
    theirs = module.score(gold, module.load_pred(str(out), set(gold)), strict=True)
    theirs_loose = module.score(gold, module.load_pred(str(out), set(gold)), strict=False)
    with out.open(newline="", encoding="utf-8") as fh:
        ours = score(load_gold(DEV / "gold.jsonl"), list(csv.DictReader(fh)))
    assert (ours.strict.tp, ours.strict.fp, ours.strict.fn) == (
        theirs["tp"],
        theirs["fp"],
        theirs["fn"],
    )
    assert ours.donor_item.f1 == pytest.approx(theirs_loose["f1"], abs=0.001)
    assert ours.fields == pytest.approx(theirs["fields"], abs=0.001)
    result = runner.invoke(app, ["eval", str(DEV), "--gold", str(DEV / "gold.jsonl"), "--json"])
    assert json.loads(result.output)["strict"]["f1"] == theirs["f1"]
