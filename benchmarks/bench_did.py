"""Benchmark of core.did: event study on 300 cities x 18 years, re-estimated after a control change.

Run: ``.venv/bin/python benchmarks/bench_did.py [repeats]`` (default 7).  Writes
``benchmarks/results_did.md`` with the numbers, the machine and the versions.
Nothing here passes or fails; the target of issue 7 (< 1 s per re-estimation)
is reported next to the measured median.
"""

from __future__ import annotations

import platform
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402

from core import datasets, did, pilots  # noqa: E402

TARGET_S = 1.0
CONTROL_SETS: list[tuple[str, ...]] = [(), ("broadband",), ("ln_gdp_per_capita", "broadband"),
                                       ("ln_gdp_per_capita", "ln_population", "secondary_share_pct", "broadband")]


def import_cost() -> dict[str, float]:
    """Seconds for `import pyfixest` and its first attribute access, each in a fresh interpreter."""
    code = ("import time, pandas; t=time.perf_counter(); import pyfixest as pf; a=time.perf_counter()-t; "
            "t=time.perf_counter(); pf.feols; b=time.perf_counter()-t; print(a, b)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
    a, b = map(float, out.stdout.split())
    return {"import pyfixest": a, "first attribute access (loads estimators)": b}


def panel_300() -> pd.DataFrame:
    cities = pilots.city_table(datasets.load_city_province(), datasets.load_regions())
    approvals = pilots.approval_table(datasets.load_approval_years())
    broadband = pilots.broadband_years(datasets.load_pilot_lists()).to_dict()
    cohorts = pilots.cohort_map(approvals)
    pilot_set = set(approvals["city"])
    panel = pilots.synthetic_city_panel(cities, cohorts, pilot_set, broadband, extra_controls=300 - len(cities))
    frame, _ = pilots.design_frame(panel, cohorts, pilot_set, broadband)
    return panel, frame


def timed(fn, repeats: int) -> list[float]:
    out = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        fn()
        out.append(time.perf_counter() - t0)
    return out


def main(repeats: int = 7) -> str:
    imports = import_cost()
    t0 = time.perf_counter()
    panel, frame = panel_300()
    build = time.perf_counter() - t0
    args = dict(outcome=pilots.OUTCOME, unit="city", time="year", cohort="cohort", cluster="city")
    did.staggered_did(frame, method="twfe", **args)  # warm-up: pyfixest import and first-call compilation
    did.staggered_did(frame, method="did2s", **args)

    rows = []
    for method in did.METHODS:
        for controls in CONTROL_SETS:
            times = timed(lambda: did.event_study(frame, method=method, controls=controls, window=(-6, 6), **args),
                          repeats)
            rows.append({"task": "event_study (-6..6)", "method": method, "controls": ", ".join(controls) or "none",
                         "median_s": statistics.median(times), "max_s": max(times)})
        times = timed(lambda: did.staggered_did(frame, method=method, controls=("broadband",), **args), repeats)
        rows.append({"task": "staggered_did (ATT)", "method": method, "controls": "broadband",
                     "median_s": statistics.median(times), "max_s": max(times)})

    def page_set() -> None:
        """What /policy recomputes after a control change: 2 ATTs, 1 event study, 6 regional ATTs."""
        controls = ("ln_gdp_per_capita", "broadband")
        for m in did.METHODS:
            did.staggered_did(frame, method=m, controls=controls, **args)
        did.event_study(frame, method="did2s", controls=controls, **args)
        for region in pilots.REGIONS:
            sub = frame[frame["region"] == region]
            for m in did.METHODS:
                did.staggered_did(sub, method=m, controls=controls, **args)

    page = timed(page_set, max(3, repeats // 2))
    ref_path = Path(__import__("pyfixest").__file__).parent / "did" / "data" / "df_het.csv"
    df_het = pd.read_csv(ref_path)
    ref = timed(lambda: did.staggered_did(df_het, outcome="dep_var", unit="state", time="year", cohort="g",
                                          method="did2s", cluster="state"), 3)

    es = [r for r in rows if r["task"].startswith("event")]
    worst = max(r["median_s"] for r in es)
    import pyfixest
    import streamlit

    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor()) if Path("/proc/cpuinfo").exists() else platform.processor()
    lines = [
        "# Benchmark: core.did (issue 7)", "",
        f"- Machine: {cpu}, {__import__('os').cpu_count()} logical CPUs, {platform.system()} {platform.release()}",
        f"- Versions: Python {platform.python_version()}, pyfixest {pyfixest.__version__}, pandas {pd.__version__}, "
        f"numpy {np.__version__}, streamlit {streamlit.__version__}",
        f"- Panel: synthetic, {panel['city'].nunique()} cities x {panel['year'].nunique()} years "
        f"({len(panel)} rows; {frame['city'].nunique()} cities / {len(frame)} rows after leaving out pilots "
        f"without an approval year); built in {build:.3f} s",
        f"- Repeats: {repeats} per row (median and max shown), after one warm-up call per method", "",
        f"**Event study re-estimation, worst median over methods and control sets: {worst:.3f} s "
        f"(target < {TARGET_S:.0f} s: {'met' if worst < TARGET_S else 'NOT met'}).**", "",
        "| task | method | controls | median (s) | max (s) |", "|---|---|---|---|---|",
    ]
    lines += [f"| {r['task']} | {r['method']} | {r['controls']} | {r['median_s']:.3f} | {r['max_s']:.3f} |" for r in rows]
    lines += ["", f"- Whole /policy recomputation after a control change (2 ATTs + did2s event study + 6 regional "
                  f"ATTs, no cache hit): median {statistics.median(page):.2f} s, max {max(page):.2f} s",
              f"- Reference check on pyfixest df_het (46,500 rows, did2s, clustered by state): "
              f"median {statistics.median(ref):.2f} s", ""]
    lines += ["## pyfixest import cost (fresh interpreter, pandas already imported)", ""]
    lines += [f"- {k}: {v:.2f} s" for k, v in imports.items()]
    lines += ["", "pyfixest is imported inside `core.did` functions, so pages that never estimate a DID never pay it.", ""]
    text = "\n".join(lines)
    (ROOT / "benchmarks" / "results_did.md").write_text(text, encoding="utf-8")
    return text


if __name__ == "__main__":
    print(main(int(sys.argv[1]) if len(sys.argv) > 1 else 7))
