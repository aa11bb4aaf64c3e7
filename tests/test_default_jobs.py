"""`kb load` without --jobs: one process for a small input, one per core for a large one."""

from __future__ import annotations

from pathlib import Path

import pytest

from kb import MAX_JOBS
from kb.loading import jobs
from kb.loading.jobs import default_jobs


@pytest.fixture
def small_limit(monkeypatch: pytest.MonkeyPatch) -> int:
    monkeypatch.setattr(jobs, "LARGE_INPUT_BYTES", 100)
    return 100


@pytest.mark.parametrize(
    ("sizes", "cores", "expected"),
    [
        ([10, 20], 8, 1),  # small: no workers to start
        ([60, 60], 8, 8),  # large: one per core
        ([60, 60], 1, 1),  # one core: nothing to share
        ([200], 500, MAX_JOBS),  # never more than kb allows
    ],
)
def test_jobs_follow_the_size_of_the_input(
    tmp_path: Path, small_limit: int, sizes: list[int], cores: int, expected: int
) -> None:
    folder = tmp_path / "in"
    (folder / "nested").mkdir(parents=True)
    for n, size in enumerate(sizes):
        (folder / ("nested" if n else "") / f"a{n}.txt").write_text("x" * size, "utf-8")
    assert default_jobs([folder], cores) == expected


def test_files_and_stdin_count_as_given(tmp_path: Path, small_limit: int) -> None:
    big = tmp_path / "big.jsonl"
    big.write_text("x" * 500, "utf-8")
    assert default_jobs(["-"], 4) == 1  # stdin cannot be measured without reading it
    assert default_jobs([big, "-"], 4) == 4
    assert default_jobs([tmp_path / "missing.txt"], 4) == 1  # the load reports it
