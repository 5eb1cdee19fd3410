"""Load (slow): 25 concurrent browser sessions on one local server, sliders moved on every page; 0 errors."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.browser.conftest import require_chromium

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.slow
def test_25_concurrent_sessions_without_errors():
    require_chromium()
    # its own process: Playwright's sync fixtures keep an event loop running in this one
    run = subprocess.run([sys.executable, "benchmarks/load.py", "25", "4"], cwd=ROOT, capture_output=True, text=True,
                         timeout=900)
    assert run.returncode == 0, run.stdout[-2000:] + run.stderr[-2000:]
    row = next(line for line in (ROOT / "benchmarks" / "load_results.md").read_text().splitlines()
               if line.startswith("| 25 |"))
    cells = [c.strip() for c in row.strip("|").split("|")]
    assert cells[1] == "0" and int(cells[2]) > 0  # errors, reruns measured
