"""Run the benchmark: `python -m benchmarks.run [--articles 10000] [--rows 1000000] [--out F]`.

In one process and in this order: make the corpus; read it with the regex floor, the spaCy
peer and kb's extraction; `kb load` it into a fresh SQLite file, reload it unchanged, and
load it again with `--jobs`; load the Kiel tracker's short texts (../shared/corpus/kiel,
where present); load a probe of 1,000 other articles into a fresh file and into a database
grown to `--grown` articles; ask the loaded database `kb query --donor UK`, `kb ask` and
`kb totals` and export it; then copy its rows into a database of `--rows` commitments and
ask and export that. Prints a table and the targets (issue 13), met or not, and writes the
figures as JSON. Everything is written under a temporary folder (or `--workdir`), removed
at the end unless `--keep`.

Quick mode, as CI runs it: `--articles 1000 --rows 0 --grown 2000`.
"""

from __future__ import annotations

import argparse
import importlib.metadata
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

from benchmarks import bigkb, peers, report, steps
from benchmarks.corpus import make_corpus, seed_articles
from benchmarks.growth import PROBE, growth_steps
from benchmarks.measure import Step, measure
from kb import __version__
from kb.extract import extract
from kb.storage.engine import open_database


def _arguments(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.run", description=__doc__)
    parser.add_argument("--articles", type=int, default=10_000, help="corpus size (10000)")
    parser.add_argument("--rows", type=int, default=1_000_000,
                        help="commitments in the scale database (1000000; 0 skips it)")  # fmt: skip
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1,
                        help="processes for kb load --jobs (the cores there are)")  # fmt: skip
    parser.add_argument(
        "--grown", type=int, help="articles in the grown database (10 x --articles; 0 skips it)"
    )
    parser.add_argument(
        "--kiel", type=Path, default=KIEL, help="short texts to load (../shared/corpus/kiel)"
    )
    parser.add_argument("--runs", type=int, default=5, help="timed runs of each query (5)")
    # A whole call varies by a tenth of a second from one to the next on a shared machine:
    # the median of seven stands where the median of three swung across the target.
    parser.add_argument("--cli-runs", type=int, default=7, help="kb processes per command (7)")
    parser.add_argument("--seed", type=int, default=0, help="random seed of the corpus (0)")
    parser.add_argument("--out", type=Path, default=Path("bench.json"), help="JSON to write")
    parser.add_argument("--workdir", type=Path, help="where to write (a temporary folder)")
    parser.add_argument("--keep", action="store_true", help="keep the workdir")
    parser.add_argument("--no-peer", action="store_true", help="skip spaCy even if installed")
    args = parser.parse_args(argv)
    if args.grown is None:
        args.grown = 10 * args.articles
    return args


KIEL = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "kiel" / "articles"


def _say(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def _queries(work: Path, url: str, label: str, args: argparse.Namespace) -> list[Step]:
    engine = open_database(url)
    try:
        found = steps.library_steps(engine, label, args.runs)
        found += steps.runner_steps(url, label, args.runs)
        found += steps.process_steps(url, label, args.cli_runs, work)
        found.append(steps.export_step(engine, work / f"export-{label}.csv", label))
        found.append(steps.export_process_step(url, work / f"export-{label}.csv", label, work))
    finally:
        engine.dispose()
    return found


def _extraction(corpus_folder: Path, megabytes: float, args: argparse.Namespace) -> list[Step]:
    # Warm both up first: compiling the rules and loading the gazetteer (or building the
    # spaCy pipeline) is paid once per process, not per article.
    started = time.perf_counter()
    extract(seed_articles()[0])
    setup = Step("kb setup (rules, gazetteer)", seconds=time.perf_counter() - started, unit="runs")
    found = [setup, steps.text_step("floor: read + one regex", corpus_folder, megabytes,
                                    peers.floor)]  # fmt: skip
    peer = None if args.no_peer else peers.spacy_peer()
    if peer is None:
        _say("spaCy is not installed (pip install '.[bench]'): the peer is skipped")
    else:
        peer([seed_articles()[0].text])
        found.append(steps.text_step("spacy: blank en + matchers", corpus_folder, megabytes, peer))
    found.append(steps.extract_step(corpus_folder, megabytes))
    return found


def _loads(work: Path, corpus_folder: Path, megabytes: float, jobs: int) -> list[Step]:
    url = f"sqlite:///{work / 'kb.sqlite'}"
    first = steps.load_step("kb load (first, fresh file)", corpus_folder, url, megabytes)
    again = steps.load_step("kb load (reload, unchanged)", corpus_folder, url, megabytes)
    if again.extra["unchanged"] != again.count:
        again.note = "NOT IDEMPOTENT: a reload of the unchanged corpus changed articles"
    found = [first, again]
    if jobs > 1:
        url_jobs = f"sqlite:///{work / 'kb-jobs.sqlite'}"
        name = f"kb load --jobs {jobs} (fresh file)"
        parallel = steps.load_step(name, corpus_folder, url_jobs, megabytes, jobs)
        speedup = parallel.rate / first.rate if first.rate else 0.0
        parallel.extra["speedup"] = round(speedup, 2)
        same = parallel.extra["mentions"] == first.extra["mentions"]
        parallel.note = f"speed-up {speedup:.2f}x over --jobs 1" + (
            "" if same else "; STORED A DIFFERENT NUMBER OF MENTIONS"
        )
        found.append(parallel)
    return found


def _kiel(work: Path, folder: Path) -> list[Step]:
    """`kb load` of short real texts into a fresh file, where they are at hand."""
    if not folder.is_dir():
        _say(f"{folder} is absent: the load of short texts is skipped")
        return []
    megabytes = sum(p.stat().st_size for p in folder.iterdir()) / 1e6
    url = f"sqlite:///{work / 'kiel.sqlite'}"
    return [steps.load_step("kb load kiel texts (fresh file)", folder, url, megabytes)]


def main(argv: list[str] | None = None) -> int:
    args = _arguments(argv)
    work = args.workdir or Path(tempfile.mkdtemp(prefix="kb-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    found: list[Step] = []
    try:
        _say(f"making a corpus of {args.articles:,} articles in {work}")
        made = Step("make corpus", count=args.articles)
        with measure(made):
            corpus = make_corpus(args.articles, work / "corpus", args.seed)
        megabytes = corpus.bytes / 1e6
        found.append(made)
        _say("extracting: floor, peer, kb")
        found += _extraction(corpus.folder, megabytes, args)
        _say("loading")
        found += _loads(work, corpus.folder, megabytes, args.jobs)
        found += _kiel(work, args.kiel)
        if args.grown:
            _say(f"growing a database to {args.grown:,} articles, and loading {PROBE:,} more")
            found += growth_steps(work, args.grown, args.seed, args.jobs, args.runs)
        small = f"sqlite:///{work / 'kb.sqlite'}"
        found += _queries(work, small, "corpus KB", args)
        if args.rows:
            _say(f"building a knowledge base of {args.rows:,} commitments")
            built = Step(f"build {args.rows:,}-row KB", count=args.rows, unit="rows")
            big = f"sqlite:///{work / 'big.sqlite'}"
            with measure(built):
                source = open_database(small)
                bigkb.build(source, big, args.rows).dispose()
                source.dispose()
            found.append(built)
            _say("querying and exporting it")
            found += _queries(work, big, f"{args.rows // 1000:,}k rows", args)
    finally:
        if not args.keep and args.workdir is None:
            shutil.rmtree(work, ignore_errors=True)
    label = f"{args.rows // 1000:,}k rows"
    judged = report.targets(found, label)
    print(report.table(found))
    print(report.LEGEND)
    print("\ntargets (issue 13):")
    print(report.verdicts(judged))
    meta = {
        "kb": __version__,
        "articles": args.articles,
        "rows": args.rows,
        "jobs": args.jobs,
        "grown": args.grown,
        "cpus": os.cpu_count(),
        "corpus_mb": round(megabytes, 2),
        "spacy": _version("spacy"),
        "sqlalchemy": _version("sqlalchemy"),
    }
    report.write_json(args.out, meta, found, judged)
    _say(f"written {args.out}")
    return 0


def _version(package: str) -> str | None:
    try:
        return importlib.metadata.version(package)
    except importlib.metadata.PackageNotFoundError:
        return None


if __name__ == "__main__":
    sys.exit(main())
