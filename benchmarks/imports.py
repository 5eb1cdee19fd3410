"""Where a cold start's time goes before the first chart: imports, per page, in fresh interpreters.

Two views of each page (and of ``benchmarks/minimal_app.py``):

* **top-level imports** — the page's own ``import`` lines executed alone in a
  fresh interpreter that has already imported Streamlit (as the server has),
  timed, with the heavy libraries they pull in (``python -X importtime``
  gives the per-module split when wanted);
* **first run** — the page run once by Streamlit's AppTest in a fresh
  interpreter: seconds from the script's start to its main chart element, and
  the heavy libraries imported before it (those after it cost the visitor
  nothing for the first paint).

``python benchmarks/imports.py [root]`` prints the table for the checkout at
``root`` (default: this one); ``run.py`` also runs it on the commit before
issue 19's changes (``git archive``) for a before/after table.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from ui.pages_list import PATHS  # noqa: E402

SCRIPTS = ["benchmarks/minimal_app.py", *PATHS]
# Which chart is the page's main one (as in run.py): the first, except on /policy (the event study, the second).
MAIN_CHART = {"pages/policy.py": 1}
HEAVY = ["altair", "scipy", "linearmodels", "statsmodels", "pyfixest", "formulaic", "matplotlib", "esda", "libpysal",
         "geopandas", "shapely", "pyproj", "mapclassify", "sklearn", "vl_convert", "numba"]

TOP_LEVEL = r"""
import ast, json, sys, time
sys.path.insert(0, ".")
import streamlit  # the server has it before any page runs
import logging; logging.disable(logging.WARNING)
path = sys.argv[1]
nodes = [n for n in ast.parse(open(path, encoding="utf-8").read()).body if isinstance(n, (ast.Import, ast.ImportFrom))]
before = set(sys.modules)
t = time.perf_counter()
exec(compile(ast.Module(nodes, []), path, "exec"), {"__name__": "imports_only"})
heavy = sorted({m.split(".")[0] for m in set(sys.modules) - before} & set(sys.argv[2].split(",")))
print(json.dumps({"seconds": time.perf_counter() - t, "modules": len(set(sys.modules) - before), "heavy": heavy}))
"""

FIRST_RUN = r"""
import builtins, json, os, sys, time
sys.path.insert(0, ".")
import logging; logging.disable(logging.WARNING)
from streamlit.testing.v1 import AppTest
from streamlit.runtime.scriptrunner import exec_code, script_runner
from streamlit.delta_generator import DeltaGenerator
heavy_names = set(sys.argv[2].split(","))
path = sys.argv[1]
state = {"start": None, "chart": None, "heavy_before": set(), "heavy_after": set()}
enqueue = DeltaGenerator._enqueue
main_index = int(sys.argv[3])  # the page's main chart among its charts (the loading placeholder's is not one)
state["charts"] = 0
def _enqueue(self, delta_type, *args, **kwargs):
    if delta_type == "vega_lite_chart" and state["chart"] is None and state["start"] is not None:
        spec = json.loads(args[0].spec or "{}") if args and hasattr(args[0], "spec") else {}
        if not (spec.get("width") == 1 and spec.get("height") == 1):  # not ui.loading's warm-up
            if state["charts"] == main_index:
                state["chart"] = time.perf_counter() - state["start"]
            state["charts"] += 1
    return enqueue(self, delta_type, *args, **kwargs)
DeltaGenerator._enqueue = _enqueue
real_import = builtins.__import__
def _import(name, *args, **kwargs):
    top = name.split(".")[0]
    if top in heavy_names and top not in sys.modules and state["start"] is not None:
        state["heavy_before" if state["chart"] is None else "heavy_after"].add(top)
    return real_import(name, *args, **kwargs)
builtins.__import__ = _import
run_script = exec_code.exec_func_with_error_handling
def _run(func, ctx):
    def timed():
        state["start"] = time.perf_counter()
        try:
            return func()
        finally:
            state["end"] = time.perf_counter() - state["start"]
    return run_script(timed, ctx)
script_runner.exec_func_with_error_handling = _run
entry = "benchmarks/minimal_app.py" if path.startswith("benchmarks/") else "streamlit_app.py"
at = AppTest.from_file(os.path.abspath(entry), default_timeout=180)
if entry == "streamlit_app.py" and path != entry:
    at.switch_page(path)
at.run()
print(json.dumps({"chart_s": state["chart"], "run_s": state.get("end"), "exceptions": len(at.exception),
                  "heavy_before": sorted(state["heavy_before"]), "heavy_after": sorted(state["heavy_after"])}))
"""


def measure(root: Path, script: str) -> dict:
    out: dict = {"script": script}
    if not (root / script).exists():
        return out
    for name, code in (("top", TOP_LEVEL), ("first", FIRST_RUN)):
        run = subprocess.run([sys.executable, "-c", code, script, ",".join(HEAVY), str(MAIN_CHART.get(script, 0))],
                             cwd=root, capture_output=True,
                             text=True, timeout=300)
        lines = [line for line in run.stdout.splitlines() if line.startswith("{")]
        out[name] = json.loads(lines[-1]) if lines else {"error": run.stderr.strip()[-200:]}
    return out


def table(rows_after: list[dict], rows_before: list[dict] | None = None) -> list[str]:
    def cell(row: dict | None, part: str, field: str, fmt: str = "{:.2f}") -> str:
        value = (row or {}).get(part, {}).get(field)
        if value is None:
            return "–"
        return ", ".join(value) or "none" if isinstance(value, list) else fmt.format(value)

    before = {r["script"]: r for r in rows_before or []}
    lines = ["| script | top-level imports (s) before → after | heavy libraries at import, after | "
             "first run: script start → first chart (s) before → after | heavy libraries imported before the "
             "first chart: before → after | imported after the first chart (after) |",
             "|---|---|---|---|---|---|"]
    for row in rows_after:
        b = before.get(row["script"])
        lines.append(f"| {row['script']} | {cell(b, 'top', 'seconds')} → {cell(row, 'top', 'seconds')} | "
                     f"{cell(row, 'top', 'heavy')} | {cell(b, 'first', 'chart_s')} → {cell(row, 'first', 'chart_s')} | "
                     f"{cell(b, 'first', 'heavy_before')} → {cell(row, 'first', 'heavy_before')} | "
                     f"{cell(row, 'first', 'heavy_after')} |")
    return lines


def main() -> int:
    root = Path(sys.argv[1]).resolve() if len(sys.argv) > 1 else ROOT
    print("\n".join(table([measure(root, s) for s in SCRIPTS])))
    return 0


if __name__ == "__main__":
    sys.exit(main())
