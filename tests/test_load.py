"""Load (slow): 25 concurrent browser sessions on one local server, sliders moved on every page; 0 errors."""

from __future__ import annotations

import asyncio

import pytest

from tests.browser.conftest import require_chromium


@pytest.mark.slow
def test_25_concurrent_sessions_without_errors():
    require_chromium()
    from benchmarks.load import run, write

    result = asyncio.run(run(25, 4))
    write(result)
    assert result["errors"] == []
    assert len(result["times"]) > 0
