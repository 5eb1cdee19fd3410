"""What one rerun costs on the server, page by page: the script run profiled in-process (cProfile over AppTest).

A slider move makes the server run the page's script once (Streamlit's script thread); this profiles that run
for each page after the page has opened once (imports done, caches warm), moving the first slider between two
values as a visitor does (Home, without a slider, just reruns).  It reports, per page, the mean wall time of a
rerun and the part of it spent in the shared UI layer (``ui/``: the shell, the one chart call, coded widgets,
heap settling) and in Streamlit's own element marshalling, then the page's top functions by own time.

Not included: what the server does outside the script thread (serialising ForwardMsgs and writing them to the
websocket), which ``benchmarks/load.py`` sees as part of a rerun.  AppTest does not render charts.

Run: ``python benchmarks/profile_rerun.py [--pages / /map] [--runs 6] [--top 12] [--dump DIR]`` (prints
markdown; ``--dump`` keeps each page's pstats file for ``python -m pstats``).
"""

from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.chdir(ROOT)

from ui.pages_list import PAGES  # noqa: E402

# Shared-layer functions whose cumulative time is reported (module, function).
SHARED = [
    ("ui/shell.py", "page_shell"),
    ("ui/shell.py", "url_notice"),
    ("ui/charts.py", "chart"),
    ("ui/charts.py", "presenter_config"),
    ("ui/charts.py", "_chart_spec"),
    ("ui/coded.py", "seed"),
    ("ui/coded.py", "sync"),
    ("ui/coded.py", "_lookup"),
    ("ui/heap.py", "settle_heap"),
    ("ui/tables.py", "table"),
    ("ui/downloads.py", "download_view"),
    ("streamlit/elements/vega_charts.py", "vega_lite_chart"),
    ("streamlit/elements/vega_charts.py", "_vega_lite_chart"),
    ("streamlit/runtime/caching/cache_utils.py", "__call__"),
    ("json/__init__.py", "dumps"),
]


def _profiled_runs(path: str, runs: int) -> tuple[list[float], pstats.Stats, str]:
    """Open ``path`` once, then ``runs`` reruns under cProfile (the first slider moved between two values)."""
    from streamlit.runtime.scriptrunner import script_runner
    from streamlit.testing.v1 import AppTest

    profiler = cProfile.Profile()
    state = {"on": False, "walls": []}
    original = script_runner.ScriptRunner._run_script

    def run_script(self, rerun_data):  # the script thread: profile only the measured reruns
        if not state["on"]:
            return original(self, rerun_data)
        start = time.perf_counter()
        profiler.enable()
        try:
            return original(self, rerun_data)
        finally:
            profiler.disable()
            state["walls"].append(time.perf_counter() - start)

    script_runner.ScriptRunner._run_script = run_script
    try:
        at = AppTest.from_file(str(ROOT / "streamlit_app.py"), default_timeout=180)
        if path != "streamlit_app.py":
            at.switch_page(path)
        at.run()
        sliders = [s for s in at.slider if not s.proto.disabled] + [s for s in at.select_slider if not s.proto.disabled]
        slider = sliders[0] if sliders else None
        moves: list = []
        what = "rerun"
        if slider is not None:
            first = slider.value
            other = _another_value(slider)
            moves = [other, first]
            what = f"slider {slider.label[:40]!r}: {first} ↔ {other}"
        for i in range(2):  # warm both values (fills the caches a visitor's first moves fill)
            if slider is not None:
                slider.set_value(moves[i % 2])
            at.run()
        state["on"] = True
        for i in range(runs):
            if slider is not None:
                slider.set_value(moves[i % 2])
            at.run()
        state["on"] = False
        if at.exception:
            what += f" (exception shown: {at.exception[0].value[:80]})"
    finally:
        script_runner.ScriptRunner._run_script = original
    return state["walls"], pstats.Stats(profiler), what


def _another_value(slider):
    proto = slider.proto
    if getattr(proto, "options", None):
        options = list(proto.options)
        current = slider.value
        if isinstance(current, tuple):
            return (options[0], options[-1]) if current != (options[0], options[-1]) else (options[0], options[1])
        return options[-1] if current != options[-1] else options[0]
    value = slider.value
    step = proto.step or 1
    if isinstance(value, tuple):
        low, high = value
        return (low, high - step) if high - step > low else (low, high + step)
    return value + step if value + step <= proto.max else value - step


def _cumulative(stats: pstats.Stats, file_end: str, name: str) -> float:
    total = 0.0
    for (filename, _line, func), (_cc, _nc, _tt, ct, _callers) in stats.stats.items():
        if func == name and filename.replace(os.sep, "/").endswith(file_end):
            total = max(total, ct)  # recursive or several entries: the outermost
    return total


def report(paths: list[str], runs: int, top: int, dump: str | None = None) -> list[str]:
    lines = [f"Machine load average: {' / '.join(f'{x:.1f}' for x in os.getloadavg())} on {os.cpu_count()} cores.",
             ""]
    summary = ["| page | what moves | rerun wall (ms, mean) | " + " | ".join(f"{n}" for _, n in SHARED) + " |",
               "|---|---|---|" + "---|" * len(SHARED)]
    details = []
    for path in paths:
        walls, stats, what = _profiled_runs(path, runs)
        if dump:
            stats.dump_stats(str(Path(dump) / f"{Path(path).stem}.prof"))
        n = len(walls) or 1
        slug = "/" + ("" if path == "streamlit_app.py" else Path(path).stem)
        cells = [f"{_cumulative(stats, f, name) * 1000 / n:.1f}" for f, name in SHARED]
        summary.append(f"| {slug} | {what} | {statistics.mean(walls) * 1000:.0f} | " + " | ".join(cells) + " |")
        details += [f"### {slug}: top functions by own time (ms per rerun, profiled)", "",
                    "| own ms | cumulative ms | calls | function |", "|---|---|---|---|"]
        rows = sorted(stats.stats.items(), key=lambda kv: kv[1][2], reverse=True)[:top]
        for (filename, line, func), (_cc, nc, tt, ct, _callers) in rows:
            short = "/".join(Path(filename).parts[-2:])
            details.append(f"| {tt * 1000 / n:.1f} | {ct * 1000 / n:.1f} | {nc // n} | `{short}:{line} {func}` |")
        details += [""]
        details += [f"### {slug}: the page's own and core's functions by cumulative time (ms per rerun)", "",
                    "| cumulative ms | function |", "|---|---|"]
        page_file, core_dir = str(ROOT / path), str(ROOT / "core")
        rows = sorted(((k, v) for k, v in stats.stats.items() if k[0] == page_file or k[0].startswith(core_dir)
                       or k[0].startswith(str(ROOT / "pages"))), key=lambda kv: kv[1][3], reverse=True)[:top]
        for (filename, line, func), (_cc, _nc, _tt, ct, _callers) in rows:
            details.append(f"| {ct * 1000 / n:.1f} | `{'/'.join(Path(filename).parts[-2:])}:{line} {func}` |")
        details += [""]
    return lines + summary + [""] + details


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", nargs="*", default=None, help="URL paths, e.g. / /map (default: every page)")
    parser.add_argument("--runs", type=int, default=6, help="profiled reruns per page")
    parser.add_argument("--top", type=int, default=12, help="functions listed per page")
    parser.add_argument("--dump", default=None, help="a folder to write each page's pstats file to (<page>.prof)")
    args = parser.parse_args()
    wanted = None if args.pages is None else {p.strip("/") for p in args.pages}
    paths = [page.path for page in PAGES if wanted is None or page.slug in wanted]
    print("\n".join(report(paths, args.runs, args.top, args.dump)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
