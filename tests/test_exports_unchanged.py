"""The exports of the shared corpora are what tests/snapshots/exports.json says they are.

A refactoring must leave them as they are; a change meant to alter extraction or storage
writes the snapshot again (`python tests/exports_snapshot.py`) in the same commit, so that
the diff shows which corpora it moved and by how many rows."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from exports_snapshot import CORPORA, SETS, SNAPSHOT, digest


@pytest.mark.shared
@pytest.mark.parametrize("name", sorted(SETS))
def test_export_is_unchanged(name: str, tmp_path: Path) -> None:
    folder = CORPORA / SETS[name]
    if not folder.is_dir():
        pytest.skip(f"{folder} is absent")
    expected = json.loads(SNAPSHOT.read_text(encoding="utf-8"))[name]
    assert digest(folder, tmp_path / "kb.sqlite") == expected, (
        f"the {name} export changed; if that is meant, run python tests/exports_snapshot.py"
    )
