"""The benchmark (benchmarks/, issues 6 and 13) runs end to end on a small corpus, so that it
cannot rot. No target is asserted: a few hundred articles say nothing about speed."""

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
    kiel = tmp_path / "kiel"
    kiel.mkdir()
    for n in range(3):
        (kiel / f"k{n}.txt").write_text(f"Norway pledged {n + 2} ambulances to Chad.", "utf-8")
    args = ["--articles", "200", "--rows", "3000", "--runs", "1", "--cli-runs", "1"]
    args += ["--jobs", "2", "--grown", "300", "--kiel", str(kiel)]
    env = {k: v for k, v in os.environ.items() if k != "KB_DATABASE_URL"}
    done = subprocess.run(
        [sys.executable, "-m", "benchmarks.run", *args, "--out", str(out),
         "--workdir", str(tmp_path / "work")],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    figures = json.loads(out.read_text(encoding="utf-8"))
    steps = {step["name"]: step for step in figures["steps"]}
    assert steps["kb extract"]["count"] == 200
    assert steps["kb load (first, fresh file)"]["new"] == 200
    assert steps["kb load (reload, unchanged)"]["unchanged"] == 200
    parallel = steps["kb load --jobs 2 (fresh file)"]
    assert parallel["mentions"] == steps["kb load (first, fresh file)"]["mentions"] > 0
    assert steps["kb load kiel texts (fresh file)"]["new"] == 3
    assert steps["grow a database to 300 (kb load --jobs 2)"]["new"] == 300
    fresh, grown = steps["kb load 1,000 (fresh file)"], steps["kb load 1,000 (into 300)"]
    assert fresh["new"] == grown["new"] == 1000
    assert steps["kb export (3k rows)"]["count"] == 3000
    judged = {t["target"]: t for t in figures["targets"]}
    assert judged["load into a grown database vs fresh"]["measured"] > 0
    assert judged["kb load --jobs N speed-up per job"]["measured"] > 0
    assert "targets (issue 13)" in done.stdout
