"""Extraction is pure: importing and running it pulls in no storage or CLI code.

That it does no I/O beyond reading its own data tables is hard to prove in a test;
these tests check only what it imports, in a fresh interpreter.
"""

from __future__ import annotations

import json
import subprocess
import sys

PROBE = """
import json, sys
from datetime import date
from kb.extract import extract
from kb.records import Article
extract(Article("probe", "Britain will send 14 tanks to Ukraine.", date(2023, 1, 17)))
print(json.dumps(sorted(sys.modules)))
"""


def _modules_after_extracting() -> set[str]:
    result = subprocess.run(
        [sys.executable, "-c", PROBE], capture_output=True, text=True, check=True, timeout=60
    )
    return set(json.loads(result.stdout))


def test_extraction_does_not_import_storage_or_cli() -> None:
    loaded = _modules_after_extracting()
    forbidden = ("sqlalchemy", "alembic", "typer", "kb.storage", "kb.cli", "kb.loading.load")
    assert sorted(m for m in loaded if m.startswith(forbidden)) == []
