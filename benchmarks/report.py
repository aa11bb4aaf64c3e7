"""The figures as a table, the targets of issue 13 judged against them, and JSON."""

from __future__ import annotations

import json
import platform
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from benchmarks.measure import Step


@dataclass(frozen=True)
class Target:
    name: str
    measured: float | None  # None: not measured in this run (the step was skipped)
    goal: float
    at_least: bool  # True: measured >= goal; False: measured < goal
    unit: str

    @property
    def met(self) -> bool | None:
        if self.measured is None:
            return None
        return self.measured >= self.goal if self.at_least else self.measured < self.goal

    def as_dict(self) -> dict[str, Any]:
        measured = None if self.measured is None else round(self.measured, 3)
        sign = ">=" if self.at_least else "<"
        return {"target": self.name, "measured": measured, "goal": f"{sign} {self.goal:g}",
                "unit": self.unit, "met": self.met}  # fmt: skip


def find(steps: list[Step], prefix: str) -> Step | None:
    return next((s for s in steps if s.name.startswith(prefix)), None)


def _ratio(a: Step | None, b: Step | None) -> float | None:
    """a's rate over b's rate."""
    if a is None or b is None or not b.rate:
        return None
    return a.rate / b.rate


def _ms(step: Step | None) -> float | None:
    return None if step is None else step.seconds * 1000


def targets(steps: list[Step], scale: str) -> list[Target]:
    """The targets of issue 13; `scale` labels the steps on the million-row database."""
    extract, floor, peer = find(steps, "kb extract"), find(steps, "floor"), find(steps, "spacy")
    load, reload = find(steps, "kb load (first"), find(steps, "kb load (reload")
    kiel, jobs = find(steps, "kb load kiel"), find(steps, "kb load --jobs")
    grown = next((s for s in steps if "(into " in s.name), None)
    out = [
        Target("extraction vs spaCy matcher pipeline", _ratio(extract, peer), 4, True, "x"),
        Target("regex floor vs extraction (slowdown)", _ratio(floor, extract), 5, False, "x"),
        Target("kb load end to end, benchmark corpus", _rate(load), 2000, True, "articles/s"),
        Target("kb load end to end, kiel texts", _rate(kiel), 2000, True, "articles/s"),
        Target("kb load --jobs N speed-up per job", _per_job(jobs), 0.8, True, "x"),
        Target("load into a grown database vs fresh", _extra(grown, "slower"), 1.5, False, "x"),
        Target("reload vs first load", _ratio(reload, load), 10, True, "x"),
    ]
    for name in ("query --donor UK", "ask", "totals"):
        out.append(
            Target(f"{name}, library ({scale})",
                   _ms(find(steps, f"{name}, library ({scale})")), 50, False, "ms")
        )  # fmt: skip
    for name in ("query", "ask", "totals"):
        step = find(steps, f"kb {name}, CLI process ({scale})")
        out.append(Target(f"kb {name}, whole CLI ({scale})", _ms(step), 500, False, "ms"))
    export = find(steps, f"kb export ({scale})")
    out.append(Target(f"kb export ({scale})", _rate(export), 200_000, True, "rows/s"))
    # Peak memory of a `kb export` process of its own: this one holds spaCy and the rest.
    process = find(steps, f"kb export, CLI process ({scale})")
    out.append(Target(f"kb export process peak memory ({scale})",
                      process.peak_mb if process else None, 200, False, "MB"))  # fmt: skip
    return out


def _rate(step: Step | None) -> float | None:
    return step.rate if step else None


def _extra(step: Step | None, key: str) -> float | None:
    return None if step is None else step.extra.get(key)


def _per_job(step: Step | None) -> float | None:
    """The speed-up of `--jobs N` over one job, per job."""
    if step is None or "speedup" not in step.extra:
        return None
    return float(step.extra["speedup"]) / int(step.extra["jobs"])


LEGEND = """\
per s: articles, rows or (for a single query) its median time; MB/s: of article text read,
  or of CSV written. peak MB: this process's peak resident memory during the step (for a CLI
  process, that process's own and its largest worker's); +MB: how much the step added to
  this process's memory.
floor/it: how many times faster the regex floor is; it/peer: throughput over spaCy's."""


def _fmt(value: float, digits: int = 1) -> str:
    return f"{value:,.{digits}f}"


def table(steps: list[Step]) -> str:
    """One line a step: time, throughput, MB/s, memory, and for extraction the ratios."""
    floor, peer = find(steps, "floor"), find(steps, "spacy")
    head = f"{'step':44} {'time s':>9} {'count':>9} {'per s':>11} {'MB/s':>7} {'peak MB':>8}"
    head += f" {'+MB':>6}"
    lines = [head + f" {'floor/it':>9} {'it/peer':>8}", "-" * (len(head) + 19)]
    for s in steps:
        ratios = ""
        if s.unit == "articles" and s is not find(steps, "make corpus"):
            to_floor, to_peer = _ratio(floor, s), _ratio(s, peer)
            ratios = f" {_fmt(to_floor, 2) if to_floor else '':>9}"
            ratios += f" {_fmt(to_peer, 2) if to_peer else '':>8}"
        per = _fmt(s.rate, 0) if s.unit != "runs" else f"{s.seconds * 1000:.1f} ms"
        lines.append(
            f"{s.name[:44]:44} {s.seconds:9.3f} {s.count:9,} {per:>11} "
            f"{_fmt(s.mb_per_second, 2) if s.megabytes else '':>7} {_fmt(s.peak_mb):>8}"
            f" {_fmt(s.growth_mb) if 'process' not in s.name else '':>6}{ratios}"
        )
        if s.note:
            lines.append(f"    {s.note}")
    return "\n".join(lines)


def verdicts(found: list[Target]) -> str:
    lines = []
    for t in found:
        mark = {True: "met", False: "NOT MET", None: "not measured"}[t.met]
        measured = "-" if t.measured is None else _fmt(t.measured, 2)
        sign = ">=" if t.at_least else "<"
        lines.append(f"  {t.name:46} {measured:>12} {t.unit:10} (goal {sign} {t.goal:g})  {mark}")
    return "\n".join(lines)


def write_json(path: Path, meta: dict[str, Any], steps: list[Step], found: list[Target]) -> None:
    document = {
        "meta": {
            **meta,
            "python": platform.python_version(),
            "platform": platform.platform(),
            "machine": platform.machine(),
        },
        "steps": [s.as_dict() for s in steps],
        "targets": [t.as_dict() for t in found],
    }
    path.write_text(json.dumps(document, indent=2) + "\n", encoding="utf-8")
