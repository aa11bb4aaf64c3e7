"""The review commands as a person types them: `kb correct`, `reject`, `restore`, `add`,
`corrections` (and its `export` and `apply`), and `reextract`."""

from __future__ import annotations

import csv
import json
from collections.abc import Callable
from pathlib import Path

from fakes import SENTENCES, TANKS_ARTICLE
from sqlalchemy import Engine
from typer.testing import Result

Kb = Callable[..., Result]


def ids(kb: Kb, *args: str) -> dict[str, int]:
    result = kb("query", "--json", *args)
    assert result.exit_code == 0, result.output
    return {row["item"]: row["id"] for row in json.loads(result.stdout)}


def test_correct_reject_restore_and_show(kb: Kb, stored: Engine) -> None:
    tanks = ids(kb)["Challenger 2 main battle tanks"]
    done = kb("correct", str(tanks), "--quantity", "16", "--note", "the ministry says 16",
              "--by", "ana")  # fmt: skip
    assert done.exit_code == 0, done.output
    assert done.stdout == f"commitment {tanks} corrected (kb show {tanks})\n"
    shown = kb("show", str(tanks)).stdout
    assert "#1 correct by ana" in shown and "quantity 16 (the rules: 14)" in shown
    assert kb("reject", str(tanks), "--note", "talks only").exit_code == 0
    assert "Challenger 2 main battle tanks" not in ids(kb)
    assert "Challenger 2 main battle tanks" in ids(kb, "--include-rejected")
    assert "(REJECTED" in kb("show", str(tanks)).stdout
    exported = kb("export", "--include-rejected").stdout
    (row,) = [r for r in csv.DictReader(exported.splitlines()) if r["id"] == str(tanks)]
    assert row["reviewed"] == "rejected" and row["quantity"] == "16"
    assert kb("restore", str(tanks), "--note", "made after all").exit_code == 0
    assert ids(kb)["Challenger 2 main battle tanks"] == tanks


def test_bad_corrections_are_one_line(kb: Kb, stored: Engine) -> None:
    tanks = str(ids(kb)["Challenger 2 main battle tanks"])
    typo = kb("correct", tanks, "--donor", "Britian", "--note", "x")
    assert typo.exit_code == 1
    assert typo.stderr.startswith("kb: no donor called 'Britian' that kb knows; did you mean")
    missing = kb("correct", tanks, "--quantity", "2")
    assert missing.exit_code == 2 and "--note" in missing.stderr
    nothing = kb("correct", tanks, "--note", "x")
    assert nothing.exit_code == 1 and "nothing to correct" in nothing.stderr
    absent = kb("reject", "999", "--note", "x")
    assert absent.stderr == "kb: no commitment 999 (`kb query` lists them)\n"


def test_add_and_list(kb: Kb, stored: Engine) -> None:
    added = kb("add", TANKS_ARTICLE.source, "--donor", "UK", "--recipient", "Ukraine",
               "--item", "Stormer vehicles", "--quantity", "4", "--status", "committed",
               "--evidence", SENTENCES[0], "--note", "in the annex")  # fmt: skip
    assert added.exit_code == 0, added.output
    assert added.stdout.startswith("added commitment 6")
    listed = json.loads(kb("corrections", "--json").stdout)
    assert [(c["action"], c["commitment_id"], c["orphaned"]) for c in listed] == [("add", 6, False)]
    assert kb("corrections", "--orphaned").stdout == "No orphaned corrections.\n"
    wrong = kb("add", TANKS_ARTICLE.source, "--donor", "UK", "--item", "tents",
               "--status", "committed", "--evidence", "Not in it.", "--note", "x")  # fmt: skip
    assert wrong.exit_code == 1 and "not in the stored text" in wrong.stderr


def test_a_review_sheet_from_the_command_line(kb: Kb, stored: Engine, tmp_path: Path) -> None:
    path = tmp_path / "review.csv"
    written = kb("corrections", "export", str(path), "--donor", "UK")
    assert written.exit_code == 0, written.output
    assert written.stderr == f"4 commitments to review written to {path}\n"
    rows = list(csv.DictReader(path.open(encoding="utf-8", newline="")))
    assert list(rows[0])[:3] == ["action", "id", "donor"]
    rows[0].update(action="correct", quantity="16", note="16")
    bad = [dict(r) for r in rows]
    bad[1].update(action="correct", announced="2023-13", note="x")
    for target, chosen in ((path, rows), (tmp_path / "bad.csv", bad)):
        with target.open("w", encoding="utf-8", newline="") as out:
            writer = csv.DictWriter(out, fieldnames=list(rows[0]))
            writer.writeheader()
            writer.writerows(chosen)
    refused = kb("corrections", "apply", str(tmp_path / "bad.csv"))
    assert refused.exit_code == 1
    assert refused.stderr.startswith("kb: line 3: bad date '2023-13'")
    assert kb("corrections", "--json").stdout.strip() == "[]"
    applied = kb("corrections", "apply", str(path))
    assert applied.exit_code == 0, applied.output
    assert applied.stdout.splitlines() == [
        f"line 2: corrected commitment {rows[0]['id']}: quantity 14 -> 16",
        "1 rows applied",
    ]


def test_reextract_says_what_it_did(kb: Kb, stored: Engine) -> None:
    done = kb("reextract")
    assert done.exit_code == 0, done.output
    assert (
        done.stdout == "re-extracted: 0 new, 1 updated, 0 unchanged, 0 failed; 5 mentions stored\n"
    )
    unknown = kb("reextract", "nowhere.txt")
    assert unknown.exit_code == 1
    assert unknown.stderr == "kb: nowhere.txt: no article stored under this source\n"
