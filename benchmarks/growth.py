"""Whether an article costs the same whatever the database holds.

A probe of PROBE articles, none of them in the main corpus, is loaded twice: into a fresh
file, and into a database first grown to N other articles (loaded the way a user would,
with `kb load --jobs`). Both probes start from a database the migrations made, so the only
difference is what is already stored. Their ratio is the target; the growing is measured
too, as one more load figure. The library's queries are timed on the grown database as well:
its commitments are spread over many more groups than the million-row copy's (whose rows
repeat the main corpus's), which is what the sums `kb totals` keeps depend on.
"""

from __future__ import annotations

from pathlib import Path

from benchmarks import steps
from benchmarks.corpus import make_corpus
from benchmarks.measure import Step
from kb.storage.engine import open_database

PROBE = 1000
# Seeds of their own, so that the probe, the grown database and the main corpus differ.
_GROWN_SEED, _PROBE_SEED = 1_000_003, 2_000_003


def growth_steps(work: Path, grown: int, seed: int, jobs: int, runs: int) -> list[Step]:
    probe = make_corpus(PROBE, work / "probe", seed + _PROBE_SEED)
    bulk = make_corpus(grown, work / "grown-corpus", seed + _GROWN_SEED)
    url = f"sqlite:///{work / 'grown.sqlite'}"
    name = f"grow a database to {grown:,} (kb load --jobs {jobs})"
    growing = steps.load_step(name, bulk.folder, url, bulk.bytes / 1e6, jobs)
    fresh_url = f"sqlite:///{work / 'probe.sqlite'}"
    open_database(fresh_url).dispose()  # migrated ahead, as the grown one is
    fresh = steps.load_step(f"kb load {PROBE:,} (fresh file)", probe.folder, fresh_url,
                            probe.bytes / 1e6)  # fmt: skip
    into = steps.load_step(
        f"kb load {PROBE:,} (into {grown:,})", probe.folder, url, probe.bytes / 1e6
    )
    slower = fresh.rate / into.rate if into.rate else 0.0
    into.extra["slower"] = round(slower, 2)
    into.note = f"{slower:.2f}x the time of the same articles into a fresh file"
    if into.extra["new"] != fresh.extra["new"]:
        into.note += "; STORED A DIFFERENT NUMBER OF ARTICLES"
    engine = open_database(url)
    try:
        queried = steps.library_steps(engine, f"grown {grown:,}", runs)
    finally:
        engine.dispose()
    return [growing, fresh, into, *queried]
