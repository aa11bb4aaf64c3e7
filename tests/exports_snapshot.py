"""What the exports of the shared corpora are, as a digest a change can be checked against.

`python tests/exports_snapshot.py` writes tests/snapshots/exports.json after a change that is
meant to change what kb extracts or stores (and EXTRACTOR_VERSION with it);
tests/test_exports_unchanged.py fails while the exports differ from it. A digest covers
every column of `kb export --mentions` but those that do not describe the record (ids,
which follow load order) or depend on the installed rate tables (dollar values); article
paths are taken relative to their corpus.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPORA = ROOT.parent / "shared" / "corpus"
SETS = {"dev": "dev", "official": "official", "crises": "crises", "kiel": "kiel/articles"}
SNAPSHOT = ROOT / "tests" / "snapshots" / "exports.json"
VOLATILE = ("id", "commitment_id", "amount_usd")


def digest(folder: Path, database: Path) -> dict[str, object]:
    """The digest and row count of the mentions export of the .txt articles in `folder`."""
    from kb.knowledge import KnowledgeBase

    with KnowledgeBase(database) as kb:
        kb.load(sorted(folder.glob("*.txt")))
        out = io.StringIO()
        kb.write_csv(out, mentions=True)
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    prefix = str(folder) + "/"
    lines = sorted(
        json.dumps(
            {k: v.removeprefix(prefix) for k, v in row.items() if k not in VOLATILE},
            sort_keys=True,
        )
        for row in rows
    )
    return {"rows": len(lines), "sha256": hashlib.sha256("\n".join(lines).encode()).hexdigest()}


def main() -> None:
    import tempfile

    found = {}
    with tempfile.TemporaryDirectory() as work:
        for name, relative in SETS.items():
            found[name] = digest(CORPORA / relative, Path(work) / f"{name}.sqlite")
            print(name, found[name])
    SNAPSHOT.write_text(json.dumps(found, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
