"""Score commitment rows against a gold file, by the matching rules of `eval/score.py`.

A predicted row matches a gold row of the same article when the donor matches and
either (money rows) the amount is within 1% in a matching currency, or (in-kind rows)
an item keyword is in the row's item (letters and digits only) and the quantities are
equal (both empty counts as equal). Matching is one to one, greedy, non-optional gold
rows first; optional gold rows count neither way. `donor_item` scores the same rows
without the quantity check.
"""

from __future__ import annotations

import json
import os
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kb.errors import GoldError
from kb.records import STATUSES

Row = Mapping[str, str]
GoldRow = dict[str, Any]  # a parsed JSON object, as score.py reads it
_UNIT_SYNONYMS = {
    "ton": "tonne",
    "t": "tonne",
    "mt": "tonne",
    "metric ton": "tonne",
    "metric tonne": "tonne",
}


@dataclass(frozen=True)
class Miss:
    """A gold row no prediction matched, or a prediction no gold row matched."""

    article: str
    kind: str  # missed or extra
    donor: str
    what: str
    status: str
    evidence: str = ""


@dataclass
class Score:
    """Counts and the figures derived from them."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict[str, float | int]:
        return {
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
            "precision": round(self.precision, 3),
            "recall": round(self.recall, 3),
            "f1": round(self.f1, 3),
        }


@dataclass
class Report:
    """The whole evaluation: strict, donor and item only, by status and by field."""

    articles: int = 0
    strict: Score = field(default_factory=Score)
    donor_item: Score = field(default_factory=Score)
    by_status: dict[str, Score] = field(default_factory=dict)
    fields: dict[str, float] = field(default_factory=dict)
    misses: list[Miss] = field(default_factory=list)

    def as_dict(self) -> dict[str, object]:
        return {
            "articles": self.articles,
            "strict": self.strict.as_dict(),
            "donor_item_only": self.donor_item.as_dict(),
            "by_status": {k: v.as_dict() for k, v in sorted(self.by_status.items())},
            "fields": {k: round(v, 3) for k, v in self.fields.items()},
        }


def _norm(text: str | None) -> str:
    text = (text or "").lower().replace("’", "'")
    text = re.sub(r"[^\w' -]+", " ", text)
    text = re.sub(r"^the\s+", "", text.strip())
    return re.sub(r"\s+", " ", text).strip()


def _compact(text: str | None) -> str:
    return re.sub(r"[\W_]+", "", _norm(text))


def _number(text: object) -> float | None:
    if text is None or str(text).strip() == "":
        return None
    try:
        return float(str(text).replace(",", "").strip())
    except ValueError:
        return None


def _unit(text: str | None) -> str:
    u = _norm(text)
    u = u[:-1] if u.endswith("s") and len(u) > 2 else u
    return _UNIT_SYNONYMS.get(u, u)


def article_id(source: str) -> str:
    """The gold id of an article: its base name without extension (and without :LINE)."""
    base = os.path.basename((source or "").strip().rstrip("/"))
    return base.rsplit(".", 1)[0] if "." in base else base


def _names_match(row: Row, name: str, accepted: list[str]) -> bool:
    wanted = {_compact(a) for a in accepted}
    got = {_compact(row.get(name)), _compact(row.get(name + "_code"))} - {""}
    return bool(got & wanted)


def _matches(pred: Row, gold: GoldRow, strict: bool) -> bool:
    if not _names_match(pred, "donor", gold["donor"]):
        return False
    if gold.get("money"):
        amount = _number(pred.get("amount"))
        currency = (pred.get("currency") or "").strip().upper()
        return amount is not None and any(
            str(cur).upper() == currency and abs(amount - value) <= 0.01 * abs(value)
            for value, cur in gold["money"]
        )
    item = _compact(pred.get("item"))
    if not any(_compact(k) in item for k in gold["item"]):
        return False
    if not strict:
        return True
    want, got = gold.get("quantity"), _number(pred.get("quantity"))
    if want is None:
        return got is None
    return got is not None and abs(got - float(want)) < 1e-9


# Far larger than any gold file; a bound so that /dev/zero or a huge file cannot exhaust memory.
MAX_GOLD_BYTES = 64 * 1024 * 1024


def load_gold(path: str | Path) -> dict[str, list[GoldRow]]:
    """Read a gold file: one JSON object a line, {"article": ID, "commitments": [...]}."""
    gold: dict[str, list[GoldRow]] = {}
    for number, line in enumerate(_gold_lines(Path(path)), 1):
        if not line.strip():
            continue
        try:
            article, rows = _gold_line(json.loads(line))
        except ValueError as error:
            raise GoldError(f"{path}:{number}: not a gold line: {error}") from error
        for row in rows:
            if row.get("status") not in STATUSES:
                raise GoldError(f"{path}:{number}: unknown status {row.get('status')!r}")
        gold[article] = rows
    return gold


def _gold_lines(path: Path) -> list[str]:
    """The file's lines; a FIFO or a device is refused unopened (reading one could block
    for ever or never end), and so is a file over MAX_GOLD_BYTES."""
    try:
        if not path.is_file():
            raise GoldError(f"{path}: not a regular file")
        with path.open("rb") as handle:
            data = handle.read(MAX_GOLD_BYTES + 1)
        if len(data) > MAX_GOLD_BYTES:
            raise GoldError(f"{path}: too large for a gold file (over {MAX_GOLD_BYTES} bytes)")
        return data.decode("utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as error:
        raise GoldError(f"{path}: cannot read: {error}") from error


def _gold_line(doc: object) -> tuple[str, list[GoldRow]]:
    """The article id and rows of one gold line; ValueError when its types are wrong."""
    if not isinstance(doc, dict):
        raise ValueError("a line must be a JSON object")
    article, rows = doc.get("article"), doc.get("commitments")
    if not isinstance(article, str) or not isinstance(rows, list):
        raise ValueError('"article" must be a string and "commitments" a list')
    if not all(isinstance(row, dict) for row in rows):
        raise ValueError("every commitment must be a JSON object")
    return article, rows


def _pair(preds: list[Row], golds: list[GoldRow], strict: bool) -> list[tuple[int, int]]:
    order = sorted(range(len(golds)), key=lambda i: bool(golds[i].get("optional")))
    used: set[int] = set()
    pairs = []
    for gi in order:
        for pi, pred in enumerate(preds):
            if pi not in used and _matches(pred, golds[gi], strict):
                used.add(pi)
                pairs.append((pi, gi))
                break
    return pairs


def score(gold: dict[str, list[GoldRow]], rows: Iterable[Row]) -> Report:
    """Score predicted rows (dicts with the export's columns) against the gold."""
    predicted: dict[str, list[Row]] = defaultdict(list)
    for row in rows:
        aid = article_id(row.get("article", ""))
        if aid in gold:
            predicted[aid].append(row)
    report = Report(articles=len(gold))
    checks: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for aid, golds in sorted(gold.items()):
        preds = predicted.get(aid, [])
        _tally(report.donor_item, preds, golds, strict=False)
        pairs = _pair(preds, golds, strict=True)
        matched_p = {pi for pi, _ in pairs}
        matched_g = {gi for _, gi in pairs}
        for pi, gi in pairs:
            g, p = golds[gi], preds[pi]
            if g.get("optional"):
                continue
            report.strict.tp += 1
            report.by_status.setdefault(str(g["status"]), Score()).tp += 1
            field_checks = {
                "recipient": _names_match(p, "recipient", g["recipient"]),
                "status": _norm(p.get("status")) == g["status"],
            }
            if g.get("unit"):
                field_checks["unit"] = _unit(str(g["unit"])) == _unit(p.get("unit"))
            for name, ok in field_checks.items():
                checks[name][0] += ok
                checks[name][1] += 1
        for pi, p in enumerate(preds):
            if pi not in matched_p:
                report.strict.fp += 1
                report.by_status.setdefault(p.get("status", ""), Score()).fp += 1
                what = (
                    f"{p.get('amount')} {p.get('currency')}"
                    if p.get("amount")
                    else f"{p.get('quantity') or '-'} x {p.get('item')}"
                )
                report.misses.append(
                    Miss(
                        aid,
                        "extra",
                        p.get("donor", ""),
                        what,
                        p.get("status", ""),
                        p.get("evidence", ""),
                    )
                )
        for gi, g in enumerate(golds):
            if gi not in matched_g and not g.get("optional"):
                report.strict.fn += 1
                report.by_status.setdefault(str(g["status"]), Score()).fn += 1
                what = str(g.get("money") or f"{g.get('quantity')} x {g['item'][0]}")
                report.misses.append(
                    Miss(
                        aid,
                        "missed",
                        str(g["donor"][0]),
                        what,
                        str(g["status"]),
                        str(g.get("note", "")),
                    )
                )
    report.fields = {k: v[0] / v[1] for k, v in checks.items() if v[1]}
    return report


def _tally(total: Score, preds: list[Row], golds: list[GoldRow], strict: bool) -> None:
    pairs = _pair(preds, golds, strict)
    matched_p = {pi for pi, _ in pairs}
    matched_g = {gi for _, gi in pairs}
    total.tp += sum(1 for _, gi in pairs if not golds[gi].get("optional"))
    total.fp += len(preds) - len(matched_p)
    total.fn += sum(
        1 for gi, g in enumerate(golds) if gi not in matched_g and not g.get("optional")
    )
