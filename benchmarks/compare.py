"""Read several full benchmark runs (``benchmarks/results.md`` files) and report each goal's figure across them.

One run's p95 of ten moves is close to its slowest move, and a shared 2-core machine drifts within an hour, so a
goal is read on several runs of the same tree: for every cell of goals 1-4 the lowest, median and highest value,
and in how many runs it met the goal.  Writes markdown to standard output (or ``--out``).

Usage::

    python benchmarks/compare.py benchmarks/runs/*.md --out benchmarks/reproducibility.md
"""

from __future__ import annotations

import argparse
import re
import statistics
import sys
from dataclasses import dataclass, field
from pathlib import Path

COLD_GOAL, SLIDER_GOAL, LOAD_P95_GOAL_MS, MB_PER_SESSION_GOAL, IDLE_MB_GOAL = 1.25, 1.5, 1000.0, 20.0, 400.0


@dataclass
class Run:
    """The goal figures of one results file."""

    name: str
    started: str
    speed: str
    tree: str
    machine: str  # the Machine: line (platform and versions): runs are compared on one machine
    cold: dict[str, float] = field(default_factory=dict)  # page -> ratio to the minimal app (defaults)
    sliders: dict[tuple[str, str, str], float] = field(default_factory=dict)  # (table, page, slider) -> p95 ratio
    load: dict[str, tuple[int, float, float]] = field(default_factory=dict)  # "50 on 1" -> (errors, p95 ms, MB)
    idle_mb: dict[str, float] = field(default_factory=dict)  # state -> RSS MB
    peak_mb: float = float("nan")


def _cells(line: str) -> list[str]:
    return [c.strip() for c in line.strip().strip("|").split("|")]


def _sections(text: str) -> dict[str, list[list[str]]]:
    """Rows of each markdown table, keyed by the heading above it (the header and rule rows left out)."""
    out: dict[str, list[list[str]]] = {}
    heading = ""
    for line in text.splitlines():
        if line.startswith("#"):
            heading = line.lstrip("#").strip()
        elif line.startswith("|") and not set(line) <= set("|- "):
            out.setdefault(heading, []).append(_cells(line))
    return {h: rows[1:] for h, rows in out.items()}  # the first row of a table is its header


def _number(text: str) -> float:
    try:
        return float(text)
    except ValueError:
        return float("nan")


def machine_line(text: str) -> str:
    """A results file's ``Machine:`` line, or "" if it has none."""
    found = re.search(r"^Machine: .+$", text, re.M)
    return found.group(0) if found else ""


def read_run(path: Path) -> Run:
    text = path.read_text(encoding="utf-8")
    started = re.search(r"^# Benchmarks — (.+?)( \(|$)", text, re.M)
    speed = re.search(r"^Machine speed: (.+)$", text, re.M)
    tree = re.search(r"^Tree: (.+?)\.?$", text, re.M)
    run = Run(path.name, started.group(1) if started else "?", speed.group(1).rstrip(".") if speed else
              "not recorded", tree.group(1) if tree else "not recorded", machine_line(text))
    for heading, rows in _sections(text).items():
        if heading.startswith("Goal 1"):
            run.cold = {r[0]: _number(r[3]) for r in rows if not r[0].startswith("minimal")}
        elif heading.startswith("First slider"):
            run.sliders.update({("first slider, cached", r[0], ""): _number(r[3]) for r in rows
                                if not r[0].startswith("minimal") and r[3] != "–"})
        elif heading.startswith("Every slider a page shows"):
            run.sliders.update({("every slider, cached", r[0], r[1]): _number(r[4]) for r in rows})
        elif heading.startswith("Every slider, fresh"):
            run.sliders.update({("every slider, fresh", r[0], r[1]): _number(r[5]) for r in rows})
        elif heading.startswith("Goal 3"):
            run.load = {f"{r[0]} visitors on {r[1]} process{'es' if r[1] != '1' else ''}":
                        (int(r[2]), _number(r[6]), _number(r[10])) for r in rows if r[0].isdigit()}
        elif heading.startswith("Goal 4"):
            run.idle_mb = {r[0]: _number(r[1]) for r in rows}
    peak = re.search(r"Peak RSS during the load tests \(one process\): ([\d.]+) MB", text)
    run.peak_mb = float(peak.group(1)) if peak else float("nan")
    return run


def _spread(values: list[float], digits: int = 2) -> str:
    values = [v for v in values if v == v]
    if not values:
        return "–"
    return " / ".join(f"{v:.{digits}f}" for v in (min(values), statistics.median(values), max(values)))


def _met(values: list[float], goal: float) -> str:
    values = [v for v in values if v == v]
    return f"{sum(v <= goal for v in values)} of {len(values)}"


def report(runs: list[Run]) -> str:
    lines = ["# Goals of issue 19 across runs", "",
             f"{len(runs)} full runs of `bash tasks.sh bench`, read by `benchmarks/compare.py`. Each cell: lowest / "
             "median / highest over the runs, and in how many runs it met the goal. Ratios are to the minimal app "
             "with Streamlit's defaults, taken in the same run.", "", "| run | started | tree | machine speed |",
             "|---|---|---|---|"]
    lines += [f"| {r.name} | {r.started} | {r.tree} | {r.speed} |" for r in runs]
    lines += ["", f"## Goal 1 — cold deep link (ratio, goal ≤ {COLD_GOAL})", "",
              "| page | lowest / median / highest | met in |", "|---|---|---|"]
    for page in runs[0].cold:
        values = [r.cold.get(page, float("nan")) for r in runs]
        lines.append(f"| {page} | {_spread(values)} | {_met(values, COLD_GOAL)} |")
    lines += ["", f"## Goal 2 — slider move to the chart repainted (p95 ratio, goal ≤ {SLIDER_GOAL})", "",
              "| measure | page | slider | lowest / median / highest | met in |", "|---|---|---|---|---|"]
    keys = list(dict.fromkeys(k for r in runs for k in r.sliders))
    for kind, page, slider in keys:
        values = [r.sliders.get((kind, page, slider), float("nan")) for r in runs]
        lines.append(f"| {kind} | {page} | {slider or '(first)'} | {_spread(values)} | {_met(values, SLIDER_GOAL)} |")
    lines += ["", f"## Goal 3 — protocol-level load (goal: 0 errors, p95 ≤ {LOAD_P95_GOAL_MS:.0f} ms, "
              f"≤ {MB_PER_SESSION_GOAL:.0f} MB per extra session)", "",
              "| visitors | errors (all runs) | p95 ms: lowest / median / highest | p95 met in | MB per extra session "
              "(highest) |", "|---|---|---|---|---|"]
    for size in runs[0].load:
        got = [r.load[size] for r in runs if size in r.load]
        p95 = [g[1] for g in got]
        mb = [g[2] for g in got if g[2] == g[2]]
        lines.append(f"| {size} | {sum(g[0] for g in got)} | {_spread(p95, 0)} | {_met(p95, LOAD_P95_GOAL_MS)} | "
                     f"{f'{max(mb):.1f}' if mb else '–'} |")
    lines += ["", f"## Goal 4 — memory (goal: one idle session ≤ {IDLE_MB_GOAL:.0f} MB)", "",
              "| state | RSS MB: lowest / median / highest | met in |", "|---|---|---|"]
    for state in runs[0].idle_mb:
        values = [r.idle_mb.get(state, float("nan")) for r in runs]
        lines.append(f"| {state} | {_spread(values, 0)} | {_met(values, IDLE_MB_GOAL)} |")
    lines += ["", f"Peak RSS under load (one process), highest of the runs: "
                  f"{max((r.peak_mb for r in runs if r.peak_mb == r.peak_mb), default=float('nan')):.0f} MB.", ""]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("results", nargs="+", type=Path, help="results files of full runs")
    parser.add_argument("--out", type=Path, default=None)
    args = parser.parse_args(argv)
    text = report([read_run(p) for p in args.results])
    if args.out:
        args.out.write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
