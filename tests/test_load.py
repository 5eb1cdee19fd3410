"""Load: protocol-level visitors on one local server (smoke test, not timed) and the 25-browser test (slow)."""

from __future__ import annotations

import asyncio
import concurrent.futures
import subprocess
import sys
from pathlib import Path

import pytest

from tests.browser.conftest import require_chromium

ROOT = Path(__file__).resolve().parents[1]


def test_three_protocol_visitors_without_errors_and_isolated():
    """Three websocket visitors on /regression for 5 s, one with its own upload: no error, nobody sees another's
    upload, and the same view reads the same for everyone. Timings are reported by the benchmark, not asserted."""
    from benchmarks import load

    # In a thread of its own: the browser tests' Playwright (sync API) keeps an event loop running in this one.
    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
        out = pool.submit(asyncio.run, load.load(3, 5, pages=["regression"])).result(timeout=300)
    assert out.errors == []
    assert out.uploaders == 1 and out.upload_leaks == []
    assert out.isolation_conflicts == []
    assert len(out.reruns) > 0 and len(out.open_s) == 3


@pytest.mark.slow
def test_25_concurrent_browser_sessions_without_errors():
    require_chromium()
    # its own process: Playwright's sync fixtures keep an event loop running in this one
    run = subprocess.run([sys.executable, "benchmarks/load_browser.py", "25", "4"], cwd=ROOT, capture_output=True,
                         text=True, timeout=900)
    assert run.returncode == 0, run.stdout[-2000:] + run.stderr[-2000:]
    row = next(line for line in (ROOT / "benchmarks" / "load_browser_results.md").read_text().splitlines()
               if line.startswith("| 25 |"))
    cells = [c.strip() for c in row.strip("|").split("|")]
    assert cells[1] == "0" and int(cells[2]) > 0  # errors, reruns measured


def test_two_sessions_with_different_settings_each_keep_their_own():
    """Two websocket visitors on /map set its first slider to its two ends: each then reads its own view again,
    never the other's, though they share one process and its caches (the map's fragment reruns)."""
    from benchmarks.protocol import Session
    from tests.browser.conftest import start_server

    async def visit():
        server = await asyncio.to_thread(start_server)
        try:
            a, b = Session(server.url, "map"), Session(server.url, "map")
            assert (await a.open()).status == "ok" and (await b.open()).status == "ok"
            slider = next(iter(a.sliders.values()))
            low, high = slider.values()[0], slider.values()[-1]
            first_a, first_b = await a.move(slider, low), await b.move(b.sliders[slider.id], high)
            again_b, again_a = await b.move(b.sliders[slider.id], high), await a.move(slider, low)
            await a.close()
            await b.close()
            return first_a, first_b, again_a, again_b
        finally:
            await asyncio.to_thread(server.stop)

    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
        first_a, first_b, again_a, again_b = pool.submit(asyncio.run, visit()).result(timeout=300)
    assert {r.status for r in (first_a, first_b, again_a, again_b)} == {"ok"}
    assert first_a.digest != first_b.digest  # the two settings show differently
    assert again_a.digest == first_a.digest and again_b.digest == first_b.digest


def test_the_machine_speed_line_times_a_ras_that_converges():
    """The results file's machine-speed line: two positive timings, the RAS one on a problem that balances."""
    from benchmarks import run
    from core import io_tables

    python_ms, ras_ms = run.machine_speed_ms()
    assert python_ms > 0 and ras_ms > 0
    result = io_tables.ras(*run.speed_table())
    assert result.converged and result.iterations > 1  # new totals that need real passes, not one rescaling
    assert "ms" in run.machine_speed()


def test_compare_reads_every_goal_of_a_results_file_and_counts_the_runs_that_met_it(tmp_path):
    """benchmarks/compare.py on the committed results: six cold pages, a slider cell per table, the load sizes and
    the idle memory; a copy with one cold ratio raised over the goal is counted as a miss."""
    from benchmarks import compare

    results = ROOT / "benchmarks" / "results.md"
    run = compare.read_run(results)
    assert set(run.cold) == {"/", "/scale", "/map", "/regression", "/policy", "/global"}
    assert {kind for kind, _, _ in run.sliders} == {"first slider, cached", "every slider, cached",
                                                    "every slider, fresh"}
    assert "50 visitors on 1 process" in run.load and "50 visitors on 2 processes" in run.load
    assert any(state.startswith("fresh server, one idle session on /map") for state in run.idle_mb)
    lines = results.read_text(encoding="utf-8").splitlines()
    at = next(i for i, line in enumerate(lines) if line.startswith("| /policy |"))  # the first: the cold table
    cells = lines[at].split("|")
    cells[4] = " 9.99 "  # its ratio to the minimal app (defaults)
    lines[at] = "|".join(cells)
    worse = tmp_path / "worse.md"
    worse.write_text("\n".join(lines), encoding="utf-8")
    assert compare.read_run(worse).cold["/policy"] == 9.99
    text = compare.report([run, compare.read_run(worse)])
    cold_policy = next(line for line in text.splitlines() if line.startswith("| /policy |"))
    assert cold_policy.endswith("| 1 of 2 |") and "9.99" in cold_policy
