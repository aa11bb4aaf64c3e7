"""The seed articles, scored against their gold file.

The export goes through ../shared/eval/score.py, imported from its path, so that the
figure is the one the project is judged by; without ../shared the score skips. The shared
corpora (dev, official, kiel) are scored by the quality gate, .ci/quality, against the
thresholds in .ci/quality.tsv, not here.
"""

from __future__ import annotations

import csv
import importlib.util
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from extract_helpers import extract_text, split_header

ROOT = Path(__file__).resolve().parent.parent
SCORE = ROOT.parent / "shared" / "eval" / "score.py"
SEEDS = ROOT / "seeds"

COLUMNS = (
    "article",
    "donor",
    "donor_code",
    "recipient",
    "recipient_code",
    "item",
    "quantity",
    "unit",
    "amount",
    "currency",
    "status",
)


def _scorer() -> ModuleType:
    if not SCORE.exists():
        pytest.skip(f"{SCORE} is absent")
    spec = importlib.util.spec_from_file_location("shared_score", SCORE)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _number(value: float | None) -> str:
    return "" if value is None else str(value)


def _export(folder: Path, out: Path) -> None:
    """Extract every .txt article of the folder into a CSV in score.py's columns."""
    with out.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(COLUMNS)
        for path in sorted(folder.glob("*.txt")):
            text, published = split_header(path.read_text(encoding="utf-8"))
            for record in extract_text(text, published):
                recipient = record.recipient
                writer.writerow(
                    [
                        path.stem,
                        record.donor.name,
                        record.donor.code or "",
                        recipient.name if recipient else "",
                        (recipient.code or "") if recipient else "",
                        record.item,
                        _number(record.quantity),
                        record.unit or "",
                        _number(record.amount),
                        record.currency or "",
                        record.status,
                    ]
                )


def _strict(folder: Path, tmp_path: Path) -> dict[str, Any]:
    score = _scorer()
    gold_path = folder / "gold.jsonl"
    if not gold_path.exists():
        pytest.skip(f"{gold_path} is absent")
    out = tmp_path / f"{folder.name}.csv"
    _export(folder, out)
    gold = score.load_gold(str(gold_path))
    predicted = score.load_pred(str(out), set(gold))
    result: dict[str, Any] = score.score(gold, predicted, strict=True)
    return result


def test_every_seed_has_gold() -> None:
    articles = {p.stem for p in SEEDS.glob("*.txt")}
    gold = (SEEDS / "gold.jsonl").read_text(encoding="utf-8")
    assert articles and all(f'"{name}"' in gold for name in articles)


@pytest.mark.shared
def test_seeds_strict_f1(tmp_path: Path) -> None:
    result = _strict(SEEDS, tmp_path)
    assert result["f1"] >= 0.70, result
