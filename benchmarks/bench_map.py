"""Benchmark of the agglomeration map: spec payload and year-move redraw time in real Chromium.

Run: ``.venv/bin/python benchmarks/bench_map.py`` (needs Debian's chromium). Writes
``benchmarks/results_map.md``.  Compares moving the year with the map's own slider (a
Vega-Lite parameter, filtered in the browser) with a minimal Streamlit app (one st.slider,
one small Altair chart, so every move is a server round trip), measured the same way in
the same run: from the key press to the chart's title showing the new value, plus one
animation frame.  Then ticks the map's Play checkbox and times the interval between year
changes (the Vega-Lite timer, 900 ms per year), checking each change is a one-year step.
Not a test: no pass/fail.
"""

from __future__ import annotations

import json
import os
import platform
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.browser.conftest import CHROMIUM_FLAGS, require_chromium, running_server, start_server, wait_for_app  # noqa: E402

MOVES = 40
PLAY_STEPS = 26  # two loops of 2011 -> 2023 under the in-map Play control

PLAY = """([selector, steps]) => new Promise(resolve => {
    // record when the map's title shows a new year while Play runs (timestamps, ms)
    const root = document.querySelector(selector);
    const year = () => (root.querySelector('g.role-title').textContent.match(/, (\\d{4})/) || [])[1];
    const seen = [[performance.now(), year()]];
    const observer = new MutationObserver(() => {
        const y = year();
        if (y !== seen[seen.length - 1][1]) {
            seen.push([performance.now(), y]);
            if (seen.length > steps) { observer.disconnect(); resolve(seen); }
        }
    });
    observer.observe(root, {subtree: true, childList: true, attributes: true, characterData: true});
    root.querySelector('input[type=checkbox][name=play]').click();
})"""
MINIMAL_APP = ROOT / "benchmarks" / "minimal_app.py"  # the project's reference app (one slider, one chart)

ARM = """([selector, text]) => {
    const root = document.querySelector(selector);
    const before = root.querySelector('g.role-mark') ? root.querySelector('g.role-mark').parentNode.innerHTML : '';
    const check = () => {
        if (text) {
            const title = root.querySelector('g.role-title');
            return title && title.textContent.includes(text);
        }
        const marks = document.querySelector(selector + ' g.role-mark');
        return marks && marks.parentNode.innerHTML !== before;
    };
    const t0 = performance.now();
    window.__redraw = new Promise(resolve => {
        const observer = new MutationObserver(() => {
            if (check()) { observer.disconnect(); requestAnimationFrame(() => resolve(performance.now() - t0)); }
        });
        observer.observe(document.body, {subtree: true, childList: true, attributes: true, characterData: true});
    });
}"""


def measure(page, slider_selector: str, chart_selector: str, start: int, lo: int, hi: int, *,
            by_title: bool) -> list[float]:
    """Press an arrow key MOVES times (bouncing between lo and hi); ms until the chart shows the new value."""
    times = []
    value, step = start, 1
    page.locator(slider_selector).first.focus()
    for _ in range(MOVES):
        if not lo <= value + step <= hi:
            step = -step
        value += step
        page.evaluate(ARM, [chart_selector, str(value) if by_title else ""])
        page.keyboard.press("ArrowRight" if step > 0 else "ArrowLeft")
        times.append(float(page.evaluate("() => window.__redraw")))
        page.wait_for_timeout(50)
    return times


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def main() -> None:
    from playwright.sync_api import sync_playwright

    import altair
    import streamlit

    chromium = require_chromium()
    results: dict[str, list[float]] = {}
    payload_kb = None
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium, args=CHROMIUM_FLAGS, headless=True)
        page = browser.new_page(viewport={"width": 1400, "height": 900})
        with running_server() as server:
            started = time.perf_counter()
            page.goto(f"{server.url}/map?year=2015")
            wait_for_app(page, 120_000)
            first_paint = time.perf_counter() - started
            chart = '[data-testid="stVegaLiteChart"]'
            page.wait_for_selector(f"{chart} g.role-title")
            payload_kb = None
            results["map (in-browser Vega-Lite parameter)"] = measure(
                page, f"{chart} input[type=range]", chart, 2015, 2011, 2023, by_title=True)
            seen = page.evaluate(PLAY, [chart, PLAY_STEPS])
            play_years = [int(y) for _, y in seen[1:]]
            play_steps = [b[0] - a[0] for a, b in zip(seen[1:], seen[2:])]  # first change: wherever the clock was
        server = start_server(str(MINIMAL_APP))
        try:
            page.goto(server.url)
            wait_for_app(page)
            page.wait_for_selector('[data-testid="stVegaLiteChart"] g.role-mark')
            results["minimal app (st.slider, server round trip)"] = measure(
                page, '[data-testid="stSlider"] input[type="range"]', '[data-testid="stVegaLiteChart"]', 20, 5, 50, by_title=False)
        finally:
            server.stop()
        browser.close()

    from core import agglomeration, datasets, geo
    from core.charts import map as map_charts

    light = geo.round_coordinates(geo.simplify(datasets.load_china_provinces(), 0.03), 2)
    options = map_charts.MapOptions(year=2017, years=tuple(datasets.PAPER_YEARS), group_by="cluster")
    values = map_charts.map_values(agglomeration.rankings_all_years(datasets.load_table1()), options)
    spec = map_charts.choropleth_spec(map_charts.map_shapes(light["features"], datasets.load_regions(), "cluster"),
                                      options, values)
    payload_kb = geo.payload_kb(spec)
    rows_kb = geo.payload_kb(values.datasets())
    full_kb = geo.payload_kb(datasets.load_china_provinces())
    geometry_kb = geo.payload_kb(light)

    lines = [
        "# Agglomeration map benchmark",
        "",
        f"Machine: {platform.platform()}, {os.cpu_count()} CPUs, Python {platform.python_version()}; "
        f"streamlit {streamlit.__version__}, altair {altair.__version__}; Chromium {chromium}.",
        f"Run: {time.strftime('%Y-%m-%d %H:%M')}, {MOVES} year moves per app, arrow keys on the slider, "
        "timed from the key press to the chart showing the new value (map: its title; minimal app: its marks) "
        "plus one animation frame.",
        "",
        "## Payload",
        "",
        f"- Map spec, all 13 years, cluster outlines, Fisher-Jenks classes: **{payload_kb:.1f} KB** (limit 150 KB), "
        f"of which {rows_kb:.1f} KB are the rows (values, colours, legend) that travel as Arrow beside the spec",
        f"- Province geometry bundled: {full_kb:.1f} KB; simplified 0.03 deg + rounded 0.01 deg: {geometry_kb:.1f} KB",
        f"- First load of /map?year=2015 on a fresh server (all imports, cold caches): {first_paint:.1f} s",
        "",
        "## Play control (in-map checkbox, Vega-Lite timer, 900 ms per year)",
        "",
        f"- {len(play_steps)} year changes timed from the title's mutations: interval p50 "
        f"**{statistics.median(play_steps):.0f} ms**, p5 {percentile(play_steps, 0.05):.0f} ms, p95 "
        f"{percentile(play_steps, 0.95):.0f} ms, max {max(play_steps):.0f} ms",
        f"- Every change a one-year step (2023 wraps to 2011): "
        f"{all((b - a) % 13 == 1 for a, b in zip(play_years, play_years[1:]))}; years seen: "
        f"{play_years[0]} … {play_years[-1]}",
        "",
        "## Redraw after a year move (ms)",
        "",
        "| app | p50 | p95 | max | n |",
        "|---|---:|---:|---:|---:|",
    ]
    for name, values in results.items():
        lines.append(f"| {name} | {statistics.median(values):.1f} | {percentile(values, 0.95):.1f} | "
                     f"{max(values):.1f} | {len(values)} |")
    out = ROOT / "benchmarks" / "results_map.md"
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
