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
