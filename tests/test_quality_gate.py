"""The quality gate, .ci/quality: its thresholds file, and how it fails, on a made-up ../shared.

The real figures are the gate's own business (CI runs it on the real ../shared); here a fake
scorer stands in, so that what is checked is the gate: that it reads .ci/quality.tsv, loads
only a corpus's .txt articles, prints each figure with its threshold, fails below one, and
fails loudly under CI=true when something is missing while it only skips elsewhere.
"""

from __future__ import annotations

import csv
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
GATE = ROOT / ".ci" / "quality"
TABLE = ROOT / ".ci" / "quality.tsv"
BIN = Path(sys.executable).parent

FAKE_SCORER = """\
import csv, os, sys
pred = sys.argv[sys.argv.index("--pred") + 1]
with open(pred, newline="", encoding="utf-8") as handle:
    rows = list(csv.DictReader(handle))
assert rows, "an empty export"
assert all(row["article"].endswith(".txt") for row in rows), "a non-.txt file was loaded"
print("some detail")
print(os.environ["FAKE_FIGURE"])
"""


def _thresholds() -> dict[str, tuple[str, str]]:
    """Each set's scorer and threshold, as written in the table."""
    with TABLE.open(encoding="utf-8", newline="") as handle:
        lines = [line for line in handle if line.strip() and not line.startswith("#")]
    rows = list(csv.DictReader(lines, delimiter="\t"))
    return {row["set"]: (row["scorer"], row["threshold"]) for row in rows}


def _gate(shared: Path, ci: bool, figure: str = "") -> subprocess.CompletedProcess[str]:
    if not (BIN / "kb").exists():
        pytest.skip(f"no kb beside {sys.executable}")
    env = {k: v for k, v in os.environ.items() if k != "CI"}
    env.update(KB_SHARED=str(shared), FAKE_FIGURE=figure)
    env["PATH"] = f"{BIN}{os.pathsep}{env.get('PATH', '')}"
    if ci:
        env["CI"] = "true"
    return subprocess.run(
        ["bash", str(GATE)], env=env, capture_output=True, text=True, timeout=120, check=False
    )


def _fake_shared(tmp_path: Path) -> Path:
    """A ../shared with a one-article dev corpus (and its gold beside it) and a fake score.py."""
    shared = tmp_path / "shared"
    dev = shared / "corpus" / "dev"
    dev.mkdir(parents=True)
    shutil.copy(ROOT / "seeds" / "01_uk_tanks.txt", dev)
    (dev / "gold.jsonl").write_text('{"article": "01_uk_tanks", "commitments": []}\n')
    (shared / "eval").mkdir()
    (shared / "eval" / "score.py").write_text(FAKE_SCORER)
    return shared


def test_the_table_gives_each_shared_corpus_a_scorer_and_a_threshold() -> None:
    table = _thresholds()
    assert {"dev", "official", "kiel"} <= set(table)
    assert table["kiel"][0] == "facts.py"
    for scorer, threshold in table.values():
        assert scorer in {"score.py", "facts.py"} and 0 <= float(threshold) <= 1


def test_under_ci_a_missing_shared_folder_fails_naming_it(tmp_path: Path) -> None:
    result = _gate(tmp_path / "absent", ci=True)
    assert result.returncode == 1
    assert str(tmp_path / "absent") in result.stderr and "FAILED" in result.stderr


def test_outside_ci_a_missing_shared_folder_is_skipped_and_said(tmp_path: Path) -> None:
    result = _gate(tmp_path / "absent", ci=False)
    assert result.returncode == 0, result.stderr
    assert "SKIPPED" in result.stdout


def test_under_ci_a_missing_corpus_fails_before_scoring(tmp_path: Path) -> None:
    result = _gate(_fake_shared(tmp_path), ci=True, figure="F1 0.999")
    assert result.returncode == 1
    assert "official: no " in result.stderr and "kiel: no " in result.stderr
    assert "threshold" not in result.stdout  # nothing was scored


def test_a_figure_at_or_above_its_threshold_passes_and_is_printed_with_it(tmp_path: Path) -> None:
    threshold = _thresholds()["dev"][1]
    figure = f"{float(threshold):.3f}"  # exactly the threshold passes
    result = _gate(_fake_shared(tmp_path), ci=False, figure=f"F1 {figure}")
    assert result.returncode == 0, result.stdout + result.stderr
    dev = next(line for line in result.stdout.splitlines() if line.startswith("dev "))
    assert f"F1     {figure}  threshold {threshold}  ok" in dev
    assert "kiel       skipped" in result.stdout


def test_a_figure_below_its_threshold_fails(tmp_path: Path) -> None:
    result = _gate(_fake_shared(tmp_path), ci=False, figure="F1 0.100")
    assert result.returncode == 1
    assert "F1 0.100 <" in result.stderr and "FAILED" in result.stdout


def test_a_scorer_that_prints_no_figure_fails(tmp_path: Path) -> None:
    result = _gate(_fake_shared(tmp_path), ci=False, figure="recall 0.999")
    assert result.returncode == 1
    assert 'not "F1 x.xxx"' in result.stdout
