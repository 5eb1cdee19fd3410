"""Measure issue 19's goals beside a minimal Streamlit app and write ``benchmarks/results.md``.

Timings drift on shared machines, so every figure is reported next to the same measurement of
``benchmarks/minimal_app.py`` taken in the same run.  ``bash tasks.sh bench`` runs everything (~25 min) and
writes ``benchmarks/results.md``, keeps a copy in ``benchmarks/runs/`` and rewrites ``benchmarks/reproducibility.md``
from the runs on the same machine (``benchmarks/compare.py``); a run of some parts only prints its markdown (or
writes ``--out``).

Parts (``--only a,b``; default all):
  cold     cold deep link per page, process start → main chart painted (Chromium)     ~1 min per page and run
  sliders  first slider of each page, cached values (Chromium)
  every    every slider on each page, cached values (Chromium)
  fresh    every slider swept through values not computed before (Chromium, a server per page)
  load     protocol-level visitors 1 → 50 on one process, then on two behind a balancer (no browser)
  memory   one idle session's server RSS per page
  profile  one server-side rerun per page under cProfile, the shared UI layer's share (benchmarks/profile_rerun.py)
  imports  import time per page, before/after issue 19 (benchmarks/imports.py)
  areas    the per-area scripts benchmarks/bench_*.py, their results_*.md appended

Options: ``--pages / /map`` (the pages to measure; load visitors open them in turn), ``--quick`` (fewest moves,
one cold run, 10 s of load at 1 and 6 visitors: checks the harness end to end, figures not for the record),
``--out FILE``.  Environment: BENCH_MOVES (30), BENCH_COLD_RUNS (5), BENCH_EVERY_MOVES (10),
BENCH_SWEEP_MOVES (20), BENCH_LOAD_SECONDS (30), BENCH_LOAD_SESSIONS (1,10,25,50).

Examples::

    python benchmarks/run.py --only cold --pages /map          # one page's cold start beside the minimal app
    python benchmarks/run.py --only load --pages /map          # load on /map alone
    BENCH_LOAD_SESSIONS=50 python benchmarks/run.py --only load,memory
    python benchmarks/run.py --quick --out /tmp/bench.md       # everything, fastest (a smoke run)

Single tools: ``benchmarks/load.py`` (one load run, ``--think``, ``--pages``, ``--nice``),
``benchmarks/profile_rerun.py`` (``--pages``, ``--dump`` pstats), ``benchmarks/imports.py``.
"""

from __future__ import annotations

import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timezone
from urllib.parse import urlsplit
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.compare import COLD_GOAL, IDLE_MB_GOAL, SLIDER_GOAL  # noqa: E402  the goals, in one place
from tests.browser.conftest import CHROMIUM_FLAGS, chromium_executable, running_server, start_server  # noqa: E402
from ui.pages_list import SLUGS  # noqa: E402

PAGES = list(SLUGS)
MOVES = int(os.environ.get("BENCH_MOVES", "30"))
COLD_RUNS = int(os.environ.get("BENCH_COLD_RUNS", "5"))

STATE_RECORDER = """() => {
  window.__states = [];
  const app = document.querySelector('[data-testid="stApp"]');
  new MutationObserver(() => window.__states.push([performance.now(), app.getAttribute('data-test-script-state')]))
    .observe(app, {attributes: true, attributeFilter: ['data-test-script-state']});
}"""
# A rerun is done when its script_finished message arrives. The app's script-state attribute alone misses fast
# reruns: when "running" and "finished" land in one React commit the attribute never changes (seen on 1 move in
# 20 of the minimal app, and more under load), so the page also notes, from the websocket frames themselves, when
# a ForwardMsg with field 6 (script_finished) arrives. Installed before the page loads (page.add_init_script).
FINISHED_RECORDER = """(() => {
  window.__finished = [];
  const isFinished = (buffer) => {  // top-level protobuf fields of a ForwardMsg: is field 6 among them?
    const b = new Uint8Array(buffer); let i = 0;
    const varint = () => { let v = 0, m = 1, x; do { x = b[i++]; v += (x & 127) * m; m *= 128; } while (x & 128 && i < b.length); return v; };
    while (i < b.length) {
      const tag = varint(), field = Math.floor(tag / 8), wire = tag % 8;
      if (field === 6) return true;
      if (wire === 0) varint(); else if (wire === 2) { const n = varint(); i += n; }
      else if (wire === 1) i += 8; else if (wire === 5) i += 4; else return false;
    }
    return false;
  };
  const note = (ev) => { if (ev.data instanceof ArrayBuffer && isFinished(ev.data)) window.__finished.push(performance.now()); };
  const Native = window.WebSocket;
  window.WebSocket = function (...args) { const ws = new Native(...args); ws.binaryType = 'arraybuffer';
    ws.addEventListener('message', note); return ws; };
  window.WebSocket.prototype = Native.prototype;
  Object.assign(window.WebSocket, {CONNECTING: 0, OPEN: 1, CLOSING: 2, CLOSED: 3});
})()"""
RERUN_DONE = """(t0) => {
  if ((window.__finished || []).some(t => t >= t0)) return true;
  const s = window.__states.filter(([t]) => t >= t0);
  const ran = s.findIndex(([, v]) => v === 'running');
  return ran >= 0 && s.slice(ran).some(([, v]) => v === 'notRunning');
}"""
TWO_FRAMES = "() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(() => r(performance.now()))))"
# Streamlit marks stale every element a rerun will redraw: counting them shows how much of the page a move reruns.
STALE_RECORDER = """() => { window.__stale = 0;
  new MutationObserver(ms => ms.forEach(m => { if (m.target.getAttribute('data-stale') === 'true') window.__stale++; }))
    .observe(document.body, {attributes: true, subtree: true, attributeFilter: ['data-stale']}); }"""
# The repaint the visitor sees: when a chart's drawing (its SVG, Vega-Lite's renderer here and in the minimal app)
# changes, then two animation frames. A move that changes no chart counts to its rerun finished and painted.
CHART_RECORDER = """() => { window.__chartPainted = [];
  const inChart = m => { const el = m.target.nodeType === 1 ? m.target : m.target.parentElement;
    if (!el || !el.closest('[data-testid="stVegaLiteChart"]')) return false;
    return !!el.closest('svg') || [...m.addedNodes].some(n => n.nodeName === 'svg' || (n.querySelector && n.querySelector('svg'))); };
  new MutationObserver(ms => { if (!ms.some(inChart)) return; const e = [performance.now(), null];
    window.__chartPainted.push(e); requestAnimationFrame(() => requestAnimationFrame(() => { e[1] = performance.now(); })); })
    .observe(document.body, {subtree: true, childList: true, attributes: true, characterData: true}); }"""
# The first chart change at or after t0, once painted; waits up to 150 ms for one after the rerun (none: null).
CHART_PAINTED = """(t0) => new Promise(resolve => {
  const find = () => { const e = (window.__chartPainted || []).find(([m, p]) => m >= t0 && p !== null); return e ? e[1] : null; };
  const until = performance.now() + 150;
  const poll = () => { const v = find(); if (v !== null || performance.now() > until) resolve(v); else setTimeout(poll, 10); };
  poll(); })"""
CHART_DRAWN = """() => [...document.querySelectorAll('[data-testid="stVegaLiteChart"]')].some(el => {
  const c = el.querySelector('canvas'); return (c && c.width > 0) || el.querySelector('svg g[class*="mark-"] path');
})"""
# The page's main chart: the n-th chart of the main area in document order (MAIN_CHART), painted.
MAIN_CHART_DRAWN = """(n) => { const el = [...document.querySelectorAll('[data-testid="stVegaLiteChart"]')]
  .filter(e => !e.closest('[data-testid="stSidebar"]'))
  .filter(e => { const r = e.getBoundingClientRect(); return r.width > 100 && r.height > 100; })[n];
  if (!el) return false;
  const c = el.querySelector('canvas'); return !!((c && c.width > 0) || el.querySelector('svg g[class*="mark-"] path'));
}"""
# Which chart is the page's main one (index among the main area's charts, top to bottom): the first, except on
# /policy, whose first chart is the small treatment-timing bar chart above the event study the page is about.
MAIN_CHART = {"": 0, "scale": 0, "map": 0, "regression": 0, "policy": 1, "global": 0}


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))]


# What the visitor sees first on a cold page, in milliseconds from navigation start (performance.now()):
# Streamlit's own grey skeleton (drawn by its frontend 0.5 s after it mounts), a spinner, and the page's first element
# with text (a worded placeholder such as /policy's "Loading the page…", or the page's own first line).
FEEDBACK_RECORDER = """window.__feedback = {};
const mark = (k, v) => { if (!(k in window.__feedback)) window.__feedback[k] = v === undefined ? performance.now() : v; };
new MutationObserver(() => {
  if (document.querySelector('[data-testid="stAppSkeleton"]')) mark('skeleton');
  const main = document.querySelector('[data-testid="stMain"]');
  if (!main) return;
  if (main.querySelector('[data-testid="stSpinner"]')) mark('spinner');
  const first = [...main.querySelectorAll('[data-testid="stElementContainer"]')].find(e => e.innerText.trim());
  if (first) { mark('first'); mark('first_text', first.innerText.trim().slice(0, 60)); }
}).observe(document, {subtree: true, childList: true, characterData: true});"""


def first_feedback_floor(browser) -> float:
    """Seconds from navigation to the first element of ``benchmarks/caption_app.py`` on a fresh process: the
    earliest any Streamlit page can say something on this machine (the frontend loads, connects, the script starts)."""
    server = start_server("benchmarks/caption_app.py", cwd=ROOT)
    try:
        page = browser.new_page(viewport={"width": 1400, "height": 900})
        page.add_init_script(FEEDBACK_RECORDER)
        page.goto(server.url)
        page.wait_for_function("() => window.__feedback && window.__feedback.first", timeout=60_000)
        first = page.evaluate("window.__feedback.first") / 1000
        page.close()
        return first
    finally:
        server.stop()


def cold_start(browser, script: str, path: str = "", cwd: Path = ROOT, feedback: list[dict] | None = None) -> float:
    """Seconds from process start to the page's main chart painted (a deep link to ``path`` on a fresh process).

    With ``feedback``, appends what the visitor saw first, in seconds from navigation start: ``skeleton`` (Streamlit's
    placeholder), ``spinner``, ``first`` (the first element with text, and ``first_text``) and ``chart``.
    """
    start = time.perf_counter()
    server = start_server(script, cwd=cwd)
    try:
        page = browser.new_page(viewport={"width": 1400, "height": 900})
        page.add_init_script(FEEDBACK_RECORDER)
        page.goto(f"{server.url}/{path}")
        page.wait_for_function(MAIN_CHART_DRAWN, arg=MAIN_CHART.get(path, 0), timeout=120_000)
        painted = page.evaluate(TWO_FRAMES)
        elapsed = time.perf_counter() - start
        if feedback is not None:
            seen = page.evaluate("window.__feedback") or {}
            feedback.append({**{k: v / 1000 for k, v in seen.items() if k != "first_text"},
                             "first_text": seen.get("first_text", ""), "chart": painted / 1000})
        page.close()
        return elapsed
    finally:
        server.stop()


def first_slider(page, url: str):
    """Open ``url`` and return the thumb of its first slider, or a short reason why the page cannot be measured."""
    page.add_init_script(FINISHED_RECORDER)
    page.goto(url)
    try:
        page.wait_for_selector('[data-testid="stApp"][data-test-script-state="notRunning"]', timeout=90_000)
        page.wait_for_function(CHART_DRAWN, timeout=90_000)
    except Exception as exc:  # reported in the table, not a crash of the whole run
        return f"not measured: page did not finish drawing ({type(exc).__name__})"
    page.wait_for_selector('[data-testid="stApp"][data-test-script-state="notRunning"]', timeout=90_000)
    slider = page.locator('[data-testid="stSlider"] input[type="range"]').first
    home = urlsplit(url).path in ("", "/")  # the one page without a slider: do not wait long for it
    try:  # a chart can paint before the widgets below it arrive (on a cold server, seconds before)
        slider.wait_for(state="attached", timeout=10_000 if home else 60_000)
    except Exception:
        return "no slider on the page"
    return slider


class Moves(list):
    """Milliseconds per move to the rerun finished and painted (the list), and to the chart repainted (``chart``,
    the same moves): the repaint the visitor sees, issue 19's measure; the rerun may finish later, when elements
    below the chart (tables, tests) arrive."""

    def __init__(self) -> None:
        super().__init__()
        self.chart: list[float] = []

    def add(self, move: tuple[float, float] | None) -> bool:
        if move is None:
            return False
        self.append(move[0])
        self.chart.append(move[1])
        return True


def timed_move(page, thumb, key: str) -> tuple[float, float] | None:
    """Press ``key`` on ``thumb``: (ms to the rerun finished and painted, ms to the chart repainted), or None when the
    press caused no rerun (a slider at its bound).  Needs STATE_RECORDER and CHART_RECORDER on the page."""
    thumb.focus()
    t0 = page.evaluate("performance.now()")
    page.keyboard.press(key)
    try:
        page.wait_for_function(RERUN_DONE, arg=t0, timeout=20_000)
    except Exception:
        return None
    finished = page.evaluate(TWO_FRAMES)
    chart = page.evaluate(CHART_PAINTED, t0)
    return finished - t0, (finished if chart is None else chart) - t0


def slider_reruns(browser, url: str, moves: int) -> Moves | str:
    """Milliseconds from an arrow-key move of the first slider to the rerun finished and painted, and to the chart
    repainted (:class:`Moves`).

    Returns a short reason instead when the page cannot be measured.
    """
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    try:
        slider = first_slider(page, url)
        if isinstance(slider, str):
            return slider
        page.evaluate(STATE_RECORDER)
        page.evaluate(CHART_RECORDER)
        times = Moves()
        for i in range(moves):  # a move that does not rerun (e.g. at a bound) is not a rerun
            times.add(timed_move(page, slider, "ArrowLeft" if i % 2 else "ArrowRight"))
        return times
    finally:
        page.close()


def sweep_up(page, slider, limit: int, *, pause_ms: int) -> Moves:
    """Milliseconds per move of ``slider`` from its lowest value (Home) up by ArrowRight, at most ``limit`` moves,
    each to a value the server has not computed; stops at the end of the slider."""
    slider.focus()
    t0 = page.evaluate("performance.now()")
    page.keyboard.press("Home")
    try:
        page.wait_for_function(RERUN_DONE, arg=t0, timeout=20_000)
    except Exception:
        pass  # already at its lowest value
    page.wait_for_timeout(300)
    page.evaluate(CHART_RECORDER)
    times = Moves()
    for _ in range(limit):
        if not times.add(timed_move(page, slider, "ArrowRight")):  # the end of the slider
            break
        page.wait_for_timeout(pause_ms)
    return times


def slider_sweep(browser, url: str, limit: int = 30) -> Moves | str:
    """Milliseconds per move of the first slider through values not shown before (Home, then ArrowRight to the end).

    Alternating moves revisit two values, whose results the page has cached; a visitor exploring meets fresh
    values, so this measures the work a new value costs (fits, classes, chart rows) as well as the redraw.
    """
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    try:
        slider = first_slider(page, url)
        if isinstance(slider, str):
            return slider
        page.wait_for_timeout(1_500)  # a visitor reads before moving; the page shell settles the heap meanwhile
        page.evaluate(STATE_RECORDER)
        return sweep_up(page, slider, limit, pause_ms=200)
    finally:
        page.close()


def every_slider(browser, url: str, moves: int) -> list[tuple[str, Moves, int]]:
    """(label, milliseconds per move (:class:`Moves`), elements redrawn per move) for every enabled slider shown on
    opening."""
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    rows = []
    try:
        page.add_init_script(FINISHED_RECORDER)
        page.goto(url)
        page.wait_for_selector('[data-testid="stApp"][data-test-script-state="notRunning"]', timeout=90_000)
        page.wait_for_function(CHART_DRAWN, timeout=90_000)
        page.wait_for_timeout(1_000)
        page.evaluate(STATE_RECORDER)
        page.evaluate(STALE_RECORDER)
        page.evaluate(CHART_RECORDER)
        sliders = page.locator('[data-testid="stSlider"]')
        for n in range(sliders.count()):
            box = sliders.nth(n)
            thumb = box.locator('input[type="range"]').first
            if thumb.is_disabled():
                continue
            label = " ".join(box.inner_text().split("\n")[0].split())[:48]
            times, redrawn = Moves(), []
            for i in range(moves):
                page.evaluate("window.__stale = 0")
                if times.add(timed_move(page, thumb, "ArrowLeft" if i % 2 else "ArrowRight")):  # at a bound: none
                    redrawn.append(page.evaluate("window.__stale"))
            rows.append((label, times, int(statistics.median(redrawn)) if redrawn else 0))
    finally:
        page.close()
    return rows


def every_slider_sweep(browser, url: str, limit: int = 20) -> list[tuple[str, Moves]]:
    """(label, milliseconds per move) for every enabled slider shown on opening, each swept through fresh values.

    Each slider in turn goes to its lowest value (Home), then ArrowRight up to ``limit`` times: every move asks
    for a value (with the other sliders where the earlier sweeps left them) this server has not computed.
    """
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    rows = []
    try:
        first = first_slider(page, url)
        if isinstance(first, str):
            return rows
        page.wait_for_timeout(1_500)
        page.evaluate(STATE_RECORDER)
        sliders = page.locator('[data-testid="stSlider"]')
        for n in range(sliders.count()):
            box = sliders.nth(n)
            thumb = box.locator('input[type="range"]').first
            if thumb.is_disabled():
                continue
            label = " ".join(box.inner_text().split("\n")[0].split())[:48]
            rows.append((label, sweep_up(page, thumb, limit, pause_ms=150)))
    finally:
        page.close()
    return rows


def load_average() -> str:
    try:
        one, five, fifteen = os.getloadavg()
        return f"{one:.1f} / {five:.1f} / {fifteen:.1f}"
    except OSError:
        return "unknown"


def _load1(text: str) -> float:
    try:
        return float(text.split(" / ")[0])
    except ValueError:
        return 0.0


def versions() -> str:
    import altair
    import streamlit

    chromium = chromium_executable()
    chromium_version = subprocess.run([chromium, "--version"], capture_output=True, text=True).stdout.strip() if chromium else "none"
    return (f"{platform.platform()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
            f"Streamlit {streamlit.__version__}, Altair {altair.__version__}, {chromium_version}")


def tree() -> str:
    """The commit measured, and whether the working tree differed from it."""
    def git(*args: str) -> str:
        return subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True).stdout.strip()

    commit = git("rev-parse", "--short", "HEAD") or "unknown"
    changed = git("status", "--porcelain", "--untracked-files=no", "--", ".", ":!benchmarks/results*.md",
                  ":!benchmarks/reproducibility.md", ":!benchmarks/runs")  # what a run writes
    return f"commit {commit}" + (" with uncommitted changes" if changed else "")


def speed_table() -> tuple:
    """A fixed 42 × 42 table and new row and column totals with the same grand total (a RAS problem)."""
    import numpy as np

    rng = np.random.default_rng(0)
    z = rng.uniform(1, 10, (42, 42))
    x = z.sum(axis=0) / 0.6
    u = z.sum(axis=1) * rng.uniform(0.9, 1.1, 42)
    v = z.sum(axis=0) * rng.uniform(0.9, 1.1, 42)
    return z / x, x, u, v * (u.sum() / v.sum())


def machine_speed_ms() -> tuple[float, float]:
    """Two timings that place this machine beside the others a results file was written on (best of several):
    pure Python ``sum(range(1_000_000))``, and one of the app's NumPy kernels (a RAS update of
    :func:`speed_table`).  Goals 3 and 4 are absolute (seconds, MB), so a run on a machine twice as slow is read
    with these; the ratios of goals 1 and 2 are taken in the same run."""
    import timeit

    from core import io_tables

    problem = speed_table()
    python_ms = min(timeit.repeat("sum(range(1_000_000))", number=1, repeat=7)) * 1e3
    ras_ms = min(timeit.repeat(lambda: io_tables.ras(*problem), number=1, repeat=20)) * 1e3
    return python_ms, ras_ms


def machine_speed() -> str:
    python_ms, ras_ms = machine_speed_ms()
    return (f"pure Python `sum(range(1_000_000))` {python_ms:.1f} ms; a 42 × 42 RAS update "
            f"(`core.io_tables.ras` on `benchmarks.run.speed_table`) {ras_ms:.2f} ms (best of 7 and 20 runs)")


def minimal_apps(stock_dir: Path) -> list[tuple[str, str, Path]]:
    """The reference app twice: with Streamlit's defaults (run from a folder without ``.streamlit/``, the issue's
    reference) and with this app's ``.streamlit/config.toml`` (same tuning as the pages)."""
    shutil.copy(ROOT / "benchmarks" / "minimal_app.py", stock_dir / "minimal_app.py")
    return [("minimal app, Streamlit's defaults", str(stock_dir / "minimal_app.py"), stock_dir),
            ("minimal app, this app's config", "benchmarks/minimal_app.py", ROOT)]


def progress(message: str) -> None:
    print(f"[bench {datetime.now(timezone.utc):%H:%M:%S}] {message}", file=sys.stderr, flush=True)


def ratio(value: float, reference: float) -> str:
    return f"{value / reference:.2f}" if reference == reference and reference > 0 else "–"


PARTS = ("cold", "sliders", "every", "fresh", "load", "memory", "profile", "imports", "areas")


def profile_section(pages: list[str]) -> list[str]:
    """What one rerun costs the server per page, and the shared UI layer's part of it (cProfile over AppTest)."""
    progress("server-side rerun profile")
    run = subprocess.run([sys.executable, "benchmarks/profile_rerun.py", "--runs", "4", "--top", "10", "--pages",
                          *[f"/{p}" for p in pages]], cwd=ROOT, capture_output=True, text=True, timeout=900)
    body = run.stdout.strip() if run.returncode == 0 else f"failed ({run.returncode}): {run.stderr.strip()[-300:]}"
    return ["## Where a rerun's server time goes (one rerun per page, profiled in-process)", "",
            "`benchmarks/profile_rerun.py`: each page opened once in AppTest (imports done, caches warm), then its "
            "first slider moved between two values under cProfile (which roughly doubles times: read the shares). "
            "Columns after the rerun: cumulative ms per rerun in the shared layer's functions and in Streamlit's "
            "chart marshalling and cache lookups.", "", body, ""]


def cold_section(browser, references, pages: list[str]) -> list[str]:
    """Goal 1: cold deep links, runs interleaved (reference, every page, reference, ...) so that the machine's
    drift falls on all of them alike."""
    cold: dict[str, list[float]] = {label: [] for label, _, _ in references}
    pages_cold: dict[str, list[float]] = {path: [] for path in pages}
    seen: dict[str, list[dict]] = {label: [] for label in [*cold, *pages]}
    for run in range(COLD_RUNS):
        progress(f"cold deep links, run {run + 1} of {COLD_RUNS}")
        for label, script, cwd in references:
            cold[label].append(cold_start(browser, script, cwd=cwd, feedback=seen[label]))
        for path in pages:
            pages_cold[path].append(cold_start(browser, "streamlit_app.py", path, feedback=seen[path]))
        seen.setdefault(FLOOR, []).append({"first": first_feedback_floor(browser), "first_text": "Loading…"})
    stock_cold, tuned_cold = (statistics.median(cold[label]) for label, _, _ in references)
    lines = ["## Goal 1 — cold deep link: process start → the page's main chart painted", "",
             f"A fresh `streamlit run` per run, the browser opening the page's own URL ({COLD_RUNS} runs each, "
             "interleaved). The main chart is the first chart of the main area larger than 100 px (on /policy the "
             "second: the event study below the treatment-timing bars), so the one-pixel chart of the pages' "
             "loading placeholder (`ui.loading`, which only loads the browser's chart code) never counts. Goal: "
             f"≤ {COLD_GOAL}× the minimal app.", "",
             "| app | median (s) | runs (s) | ratio to minimal (defaults) | ratio to minimal (app config) | goal |",
             "|---|---|---|---|---|---|"]
    for label, runs in cold.items():
        m = statistics.median(runs)
        lines.append(f"| {label} | {m:.2f} | {', '.join(f'{x:.2f}' for x in runs)} | {ratio(m, stock_cold)} | "
                     f"{ratio(m, tuned_cold)} | |")
    for path, runs in pages_cold.items():
        m = statistics.median(runs)
        met = "met" if m / stock_cold <= COLD_GOAL else "not met"
        lines.append(f"| /{path} | {m:.2f} | {', '.join(f'{x:.2f}' for x in runs)} | {ratio(m, stock_cold)} | "
                     f"{ratio(m, tuned_cold)} | {met} |")
    return lines + [""] + feedback_lines(seen)


FLOOR = "caption-only app (`benchmarks/caption_app.py`: the floor)"


def feedback_lines(seen: dict[str, list[dict]]) -> list[str]:
    """Issue 18's feedback goal on the same cold runs: what the visitor sees first, from navigation start."""
    def median_of(runs: list[dict], key: str) -> str:
        values = [r[key] for r in runs if key in r]
        return f"{statistics.median(values):.2f}" if values else "–"

    lines = ["### What a cold page shows first (the same runs), seconds from navigation start (medians)", "",
             "The server process is already listening when the browser navigates; its script has not run. "
             "Skeleton: Streamlit's grey placeholder (its frontend draws it 0.5 s after mounting). First element: "
             "the first element of the main area with text (a worded placeholder or spinner where the page draws "
             "one first). The caption-only app is the floor: nothing but Streamlit and one caption.", "",
             "| app | skeleton | spinner | first element | its text | main chart |", "|---|---|---|---|---|---|"]
    for label, runs in seen.items():
        name = label if label.startswith("minimal") or label == FLOOR else f"/{label}"
        text = (runs[-1].get("first_text", "") if runs else "").replace("|", "/").replace("\n", " ")
        text = re.sub(r"^[a-z_]+ ", "", text)  # a Material icon's ligature name (":material/hourglass_top:")
        lines.append(f"| {name} | {median_of(runs, 'skeleton')} | {median_of(runs, 'spinner')} | "
                     f"{median_of(runs, 'first')} | {text} | {median_of(runs, 'chart')} |")
    return lines + [""]


def reference_sliders(browser, references) -> tuple[tuple[float, float], tuple[float, float], list[str]]:
    """The minimal app's first-slider p95s, (chart repainted, rerun finished), with the defaults and with the app's
    config, and its table rows."""
    base: dict[str, Moves] = {}
    progress("first slider of the minimal app")
    for label, script, cwd in references:
        with running_server(script, cwd=cwd) as server:
            times = slider_reruns(browser, server.url, MOVES)
            if not isinstance(times, Moves) or not times:
                times = Moves()
                times.add((float("nan"), float("nan")))
            base[label] = times
    stock, tuned = ((percentile(base[label].chart, 0.95), percentile(base[label], 0.95)) for label, _, _ in references)
    rows = [_moves_row(f"| {label} ", times, stock, tuned, with_max=False) + f"| {len(times)} |"
            for label, times in base.items()]
    return stock, tuned, rows


def _moves_row(head: str, times: Moves, stock: tuple[float, float], tuned: tuple[float, float], *,
               with_max: bool) -> str:
    """A table row's timing cells: the chart repainted (p50, p95, ratios to the minimal app with the defaults and
    with this app's config), then the rerun finished (p95 and its ratio to the defaults)."""
    chart_p95, rerun_p95 = percentile(times.chart, 0.95), percentile(times, 0.95)
    cells = [f"{percentile(times.chart, 0.5):.0f}", f"{chart_p95:.0f}"]
    if with_max:
        cells.append(f"{max(times.chart):.0f}")
    cells += [ratio(chart_p95, stock[0]), ratio(chart_p95, tuned[0]), f"{rerun_p95:.0f}", ratio(rerun_p95, stock[1])]
    return head + "| " + " | ".join(cells) + " "


def _goal(times: Moves, stock: tuple[float, float]) -> str:
    return "met" if percentile(times.chart, 0.95) / stock[0] <= SLIDER_GOAL else "not met"


TIMING_HEADER = ("chart repainted p50 (ms) | chart repainted p95 (ms) | p95 ratio to minimal (defaults) | "
                 "p95 ratio to minimal (app config) | rerun finished p95 (ms) | its ratio to minimal (defaults)")


def sliders_section(browser, pages: list[str], parts: set[str], reference) -> list[str]:
    """Goal 2: the first slider of each page (cached values), every slider (cached), every slider (fresh)."""
    stock, tuned, reference_rows = reference
    lines = ["## Goal 2 — slider move → the chart repainted (and the rerun finished)", "",
             "Each move is timed from the key press to two measures: the **chart repainted** (the first change of a "
             "chart's drawing after the press, then two animation frames: the repaint the visitor sees, issue 19's "
             "measure; a move that changes no chart counts to its rerun finished), and the **rerun finished** and "
             "painted (the last element of the rerun, e.g. the tables and tests below a chart, arrived). The goal "
             "(≤ 1.5×) is read on the chart repainted, beside the minimal app's same measure; the rerun finished "
             "is shown beside it.", ""]
    if parts & {"sliders", "every"}:
        with running_server() as server:
            if "sliders" in parts:
                progress("first slider of each page")
                lines += [f"### First slider of each page ({MOVES} alternating moves: two values, cached after the "
                          "first)", "", f"| page | {TIMING_HEADER} | moves measured |", "|---|---|---|---|---|---|---|---|",
                          *reference_rows]
                for path in pages:
                    times = slider_reruns(browser, f"{server.url}/{path}", MOVES)
                    label = f"/{path}"
                    if isinstance(times, str) or not times:
                        lines.append(f"| {label} | – | – | – | – | – | – | {times or 'no move caused a rerun'} |")
                        continue
                    lines.append(_moves_row(f"| {label} ", times, stock, tuned, with_max=False) + f"| {len(times)} |")
            if "every" in parts:
                every = int(os.environ.get("BENCH_EVERY_MOVES", "10"))
                lines += ["", f"### Every slider a page shows on opening, cached values ({every} alternating moves "
                          "each)", "", f"| page | slider | {TIMING_HEADER} | moves measured | elements redrawn per "
                          "move | goal ≤ 1.5× |", "|---|---|---|---|---|---|---|---|---|---|---|"]
                progress("every slider, cached values")
                for path in pages:
                    for label, times, redrawn in every_slider(browser, f"{server.url}/{path}", every):
                        if times:
                            lines.append(_moves_row(f"| /{path} | {label} ", times, stock, tuned, with_max=False)
                                         + f"| {len(times)} | {redrawn} | {_goal(times, stock)} |")
    if "fresh" in parts:
        sweep = int(os.environ.get("BENCH_SWEEP_MOVES", "20"))
        lines += ["", f"### Every slider, fresh values: each swept from its lowest value up ({sweep} moves at most)",
                  "", "Alternating moves (above) revisit two values whose results are cached; this sweep meets a new "
                  "value at every move, as a visitor exploring does (a server of its own per page, so nothing is "
                  "cached yet but the page's opening view).", "",
                  "| page | slider | chart repainted p50 (ms) | chart repainted p95 (ms) | max (ms) | p95 ratio to "
                  "minimal (defaults) | p95 ratio to minimal (app config) | rerun finished p95 (ms) | its ratio to "
                  "minimal (defaults) | fresh moves | goal ≤ 1.5× |",
                  "|---|---|---|---|---|---|---|---|---|---|---|"]
        for path in [p for p in pages if p]:  # home has no slider
            progress(f"fresh values on /{path}")
            with running_server() as server:
                rows = every_slider_sweep(browser, f"{server.url}/{path}", sweep)
            if not rows:
                lines.append(f"| /{path} | – | – | – | – | – | – | – | – | not measured | |")
            for label, times in rows:
                if not times:
                    lines.append(f"| /{path} | {label} | – | – | – | – | – | – | – | no move caused a rerun | |")
                    continue
                lines.append(_moves_row(f"| /{path} | {label} ", times, stock, tuned, with_max=True)
                             + f"| {len(times)} | {_goal(times, stock)} |")
    return lines + [""]


def parse_args(argv: list[str] | None = None):
    import argparse

    parser = argparse.ArgumentParser(description="Issue 19's benchmarks beside the minimal app; see the module "
                                     "docstring for the parts and the environment variables.")
    parser.add_argument("--only", default=",".join(PARTS),
                        help=f"comma-separated parts to run (default: all): {', '.join(PARTS)}")
    parser.add_argument("--pages", nargs="*", default=None,
                        help="URL paths to measure (/ /map ...; default: every page); load visitors open them in turn")
    parser.add_argument("--quick", action="store_true",
                        help="the fastest configuration of everything chosen (a smoke run: few moves, one cold run, "
                             "10 s of load at 1 and 6 visitors); its figures are not for the record")
    parser.add_argument("--out", default=None,
                        help="write the markdown here (default: benchmarks/results.md for a full run, else stdout only)")
    args = parser.parse_args(argv)
    parts = {p.strip() for p in args.only.split(",") if p.strip()}
    unknown = parts - set(PARTS)
    if unknown:
        parser.error(f"unknown part(s) {', '.join(sorted(unknown))}; choose from {', '.join(PARTS)}")
    args.parts = parts
    args.page_list = PAGES if args.pages is None else [p.strip("/") for p in args.pages]
    bad = [p for p in args.page_list if p not in PAGES]
    if bad:
        parser.error(f"unknown page(s) {bad}; pages are {['/' + p for p in PAGES]}")
    return args


def main(argv: list[str] | None = None) -> int:
    global MOVES, COLD_RUNS
    args = parse_args(argv)
    parts, pages = args.parts, args.page_list
    if args.quick:
        MOVES, COLD_RUNS = 3, 1
        for name, value in {"BENCH_EVERY_MOVES": "2", "BENCH_SWEEP_MOVES": "2", "BENCH_LOAD_SECONDS": "10",
                            "BENCH_LOAD_SESSIONS": "1,6"}.items():
            os.environ.setdefault(name, value)
    full = parts == set(PARTS) and args.pages is None
    out = Path(args.out) if args.out else (ROOT / "benchmarks" / "results.md" if full and not args.quick else None)
    started = time.perf_counter()
    load_at_start = load_average()
    lines = [f"# Benchmarks — {datetime.now(timezone.utc):%Y-%m-%d %H:%M} UTC", "", f"Machine: {versions()}", "",
             f"Machine speed: {machine_speed()}.", "", f"Tree: {tree()}.", "",
             "Every figure stands beside the same measurement of `benchmarks/minimal_app.py` (one slider, one "
             "small Altair chart) taken in the same run, twice: with Streamlit's default settings (the reference "
             "of issues 9 and 19) and with this app's `.streamlit/config.toml`, whose "
             "`runner.postScriptGC = false` also speeds up the minimal app. The first ratio column compares with "
             "the defaults, the second with the same config. Timings on a shared 2-core machine drift between "
             "runs; ratios taken in the same run are what to read.", "",
             "LOAD_NOTE", ""]
    if not full or args.quick:
        lines[0] += f" (parts: {', '.join(p for p in PARTS if p in parts)}; pages: " \
                    f"{', '.join('/' + p for p in pages)}{'; quick configuration' if args.quick else ''})"
    if parts & {"cold", "sliders", "every", "fresh"}:
        from playwright.sync_api import sync_playwright

        chromium = chromium_executable()
        if chromium is None:
            print("Chromium is needed for the browser parts (cold, sliders, every, fresh)", file=sys.stderr)
            return 1
        with sync_playwright() as pw, tempfile.TemporaryDirectory() as stock:
            browser = pw.chromium.launch(executable_path=chromium, args=CHROMIUM_FLAGS, headless=True)
            references = minimal_apps(Path(stock))
            if "cold" in parts:
                lines += cold_section(browser, references, pages)
            if parts & {"sliders", "every", "fresh"}:
                lines += sliders_section(browser, pages, parts, reference_sliders(browser, references))
            browser.close()
    if os.environ.get("BENCH_SKIP_LOAD"):
        parts -= {"load", "memory"}
    if os.environ.get("BENCH_SKIP_IMPORTS"):
        parts -= {"imports"}
    if parts & {"load", "memory"}:
        lines += load_section(pages if args.pages is not None else None, load="load" in parts,
                              memory="memory" in parts)
    if "profile" in parts:
        lines += profile_section(pages)
    if "imports" in parts:
        lines += imports_section()
    lines.append(f"Run time {time.perf_counter() - started:.0f} s.")
    load_at_end = load_average()
    # The benchmark itself keeps about one core busy (a server and Chromium), so only a load above the number of
    # cores says that other work shared the machine.
    busy = max(_load1(load_at_start), _load1(load_at_end)) > (os.cpu_count() or 1)
    lines[lines.index("LOAD_NOTE")] = (
        f"Machine load average (1 / 5 / 15 min): {load_at_start} at the start, {load_at_end} at the end, on "
        f"{os.cpu_count()} cores" + (". **The machine was shared and loaded during this run** (other work beside "
                                      "the benchmark), so absolute times are inflated and noisy; read the "
                                      "same-run ratios." if busy else
                                      "; nothing else ran beside the benchmark (its own server and Chromium)."))
    if "areas" in parts and not os.environ.get("BENCH_BROWSER_ONLY"):
        for script in sorted((ROOT / "benchmarks").glob("bench_*.py")):
            progress(script.name)
            result = subprocess.run([sys.executable, str(script)], cwd=ROOT, capture_output=True, text=True,
                                    timeout=900)
            status = "ok" if result.returncode == 0 else f"failed ({result.returncode}): {result.stderr.strip()[-300:]}"
            lines.append(f"<!-- {script.name}: {status} -->")
        for part in sorted((ROOT / "benchmarks").glob("results_*.md")):
            lines += ["", part.read_text(encoding="utf-8").strip(), ""]
    if out is not None:
        out.write_text("\n".join(lines) + "\n", encoding="utf-8")
        progress(f"wrote {out}")
    if full and not args.quick:
        archive_and_compare("\n".join(lines) + "\n")
    print("\n".join(lines))
    return 0


def archive_and_compare(text: str) -> None:
    """Keep a full run in ``benchmarks/runs/`` and rewrite ``benchmarks/reproducibility.md`` from the runs taken on
    the same machine and versions (their ``Machine:`` line): every goal's figure across runs (benchmarks/compare.py)."""
    from benchmarks import compare

    runs_dir = ROOT / "benchmarks" / "runs"
    runs_dir.mkdir(exist_ok=True)
    started = re.search(r"^# Benchmarks — (\d{4}-\d\d-\d\d) (\d\d):(\d\d)", text, re.M)
    name = f"{started[1]}-{started[2]}{started[3]}" if started else f"{datetime.now(timezone.utc):%Y-%m-%d-%H%M}"
    (runs_dir / f"{name}.md").write_text(text, encoding="utf-8")  # named by the run's start, as its heading
    machine = compare.machine_line(text)
    same = [run for run in map(compare.read_run, sorted(runs_dir.glob("*.md"))) if run.machine == machine]
    (ROOT / "benchmarks" / "reproducibility.md").write_text(compare.report(same), encoding="utf-8")
    progress(f"archived the run; benchmarks/reproducibility.md compares {len(same)} runs on this machine")


def load_section(pages: list[str] | None = None, *, load: bool = True, memory: bool = True) -> list[str]:
    """Goals 3 and 4: protocol-level visitors on one server process (1 → 50), two processes behind a balancer,
    and the memory of one idle session.  ``pages``: the pages visitors open in turn (default: every page)."""
    import asyncio

    from benchmarks import load as load_mod

    seconds = float(os.environ.get("BENCH_LOAD_SECONDS", "30"))
    counts = [int(n) for n in os.environ.get("BENCH_LOAD_SESSIONS", "1,10,25,50").split(",")]
    shown_pages = ", ".join(f"/{p}" for p in (pages or PAGES))
    lines: list[str] = []
    outcomes = []
    if load:
        for n in counts:
            progress(f"load: {n} visitors")
            outcomes.append(asyncio.run(load_mod.load(n, seconds, pages=pages)))
        progress(f"load: {counts[-1]} visitors on two processes")
        outcomes.append(asyncio.run(load_mod.load(counts[-1], seconds, servers=2, pages=pages)))
        lines += ["## Goal 3 — load: concurrent visitors as protocol-level clients", "",
                  "Each visitor is a websocket client speaking Streamlit's protocol (`benchmarks/protocol.py`: "
                  "`rerun_script` BackMsgs with widget states, file uploads through `file_urls_request` and the "
                  "upload endpoint), not a browser, so the machine measures the server. Visitors open pages by deep "
                  f"link in turn ({shown_pages}), then for "
                  f"{seconds:.0f} s move the page's first slider to values drawn at random (Home reruns), pausing "
                  f"{load_mod.THINK_S[0]}–{load_mod.THINK_S[1]} s between moves; every other /regression visitor "
                  "switches to its own data and uploads a file with a marker column. Rerun time: BackMsg sent → "
                  "`script_finished` received. Isolation: every rerun's digest of what the page shows (the server's "
                  "hash of each content element) must agree between sessions that asked for the same view (page, "
                  "slider, value), and each uploader must see its own marker and no session another's. CPU cores "
                  "used: CPU seconds of the server process(es) and of the visitors' process over the moving time; server "
                  "CPU per rerun: the server's CPU seconds over the reruns measured (what a move costs, without the "
                  "queueing). "
                  "Goals: 0 errors, rerun p95 ≤ 1 s, ≤ 20 MB per extra session at 50.", "", load_mod.HEADER]
        lines += [load_mod.row(o) for o in outcomes]
        problems = [e for o in outcomes for e in o.errors + o.isolation_conflicts + o.upload_leaks]
        lines += ["", "MB per extra session: (RSS with every visitor open − RSS after one visitor per page) / the "
                  "visitors beyond the first six (one per page, which import every library and fill the "
                  "process-wide caches).", ""]
        two, one = outcomes[-1], outcomes[-2]
        lines.append(f"Second server process behind the balancer (`benchmarks/balancer.py`, round robin with a sticky "
                     f"cookie, loopback): {two.sessions} visitors, throughput {two.throughput:.1f} vs "
                     f"{one.throughput:.1f} reruns/s, p95 {percentile(two.reruns, 0.95) * 1000:.0f} vs "
                     f"{percentile(one.reruns, 0.95) * 1000:.0f} ms; CPU cores used by the servers "
                     f"{two.server_cores:.2f} vs {one.server_cores:.2f}; connections per backend "
                     f"{two.backend_connections}; RSS counts both processes. A server process runs its scripts "
                     "under one GIL, so it uses about one core; a second one can only add what the machine's other "
                     "core has free.")
        lines += ["", f"By page, {one.sessions} visitors on one process:", ""] + load_mod.page_rows(one) + [""]
        if problems:
            lines += [f"- {p}" for p in problems[:15]] + [""]
    if memory:
        progress("idle memory")
        idle = asyncio.run(load_mod.idle_memory(pages))
        lines += ["## Goal 4 — memory of one idle session", "",
                  "One visitor opens a page on a fresh server and stays idle 2 s; then the server's RSS is read. The "
                  "last row: one server on which every page was opened in turn, so every library is imported and "
                  f"every process-wide cache filled. Goal ≤ {IDLE_MB_GOAL:.0f} MB.", "",
                  "| state | server RSS (MB) |", "|---|---|"]
        lines += [f"| {label} | {mb:.0f} |" for label, mb in idle]
        if outcomes:
            peak = max(o.rss_peak_mb for o in outcomes[:-1])
            lines += ["", f"Peak RSS during the load tests (one process): {peak:.0f} MB.", ""]
    return lines + [""]


def imports_section() -> list[str]:
    """Import time per page and the heavy libraries on the way to the first chart, before and after issue 19."""
    from benchmarks import imports

    before_commit = os.environ.get("BENCH_BEFORE_COMMIT", "838de9f")
    lines = ["## Where a cold start goes: imports per page, before and after issue 19", "",
             f"Fresh interpreters (`benchmarks/imports.py`). *Before* is commit {before_commit} (unpacked with "
             "`git archive`), *after* this checkout. Seconds are noisy on a loaded machine; the library lists are "
             "not.", ""]
    progress("imports, after")
    after = [imports.measure(ROOT, s) for s in imports.SCRIPTS]
    before = None
    with tempfile.TemporaryDirectory() as old:
        archive = subprocess.run(["git", "archive", before_commit], cwd=ROOT, capture_output=True)
        if archive.returncode == 0:
            subprocess.run(["tar", "-x", "-C", old], input=archive.stdout, check=True)
            progress(f"imports, before ({before_commit})")
            before = [imports.measure(Path(old), s) for s in imports.SCRIPTS]
    lines += imports.table(after, before) + [""]
    return lines


if __name__ == "__main__":
    sys.exit(main())
