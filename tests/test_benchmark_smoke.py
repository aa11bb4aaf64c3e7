"""The benchmark (benchmarks/, issue 6) runs end to end on a small corpus, so that it cannot
rot. No target is asserted: a few hundred articles say nothing about speed."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.slow
def test_the_benchmark_runs_and_writes_its_figures(tmp_path: Path) -> None:
    out = tmp_path / "bench.json"
    args = ["--articles", "200", "--rows", "3000", "--runs", "1", "--cli-runs", "1"]
    env = {k: v for k, v in os.environ.items() if k != "KB_DATABASE_URL"}
    done = subprocess.run(
        [sys.executable, "-m", "benchmarks.run", *args, "--out", str(out),
         "--workdir", str(tmp_path / "work")],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    figures = json.loads(out.read_text(encoding="utf-8"))
    steps = {step["name"]: step for step in figures["steps"]}
    assert steps["kb extract"]["count"] == 200
    assert steps["kb load (first, fresh file)"]["new"] == 200
    assert steps["kb load (reload, unchanged)"]["unchanged"] == 200
    parallel = steps["kb load --jobs 2 (fresh file)"]
    assert parallel["mentions"] == steps["kb load (first, fresh file)"]["mentions"] > 0
    assert steps["kb export (3k rows)"]["count"] == 3000
    assert {t["target"] for t in figures["targets"]} >= {"kb load end to end"}
    assert "targets (issue 6)" in done.stdout
