"""Shared fixtures: Streamlit's process-wide cache is cleared around every test."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pytest
import streamlit as st

# The first-paint pause (ui.loading.first_paint_pause) is for visitors: tests, and the servers they start, run without.
os.environ.setdefault("APP_FIRST_PAINT_PAUSE_S", "0")

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(autouse=True)
def _clear_streamlit_cache():
    st.cache_data.clear()
    st.cache_resource.clear()
    yield
    st.cache_data.clear()
    st.cache_resource.clear()


def manifest_mismatches() -> list[str]:
    """Files whose SHA-256 differs from data/MANIFEST.sha256 (or that are missing)."""
    data = ROOT / "data"
    bad = []
    for line in (data / "MANIFEST.sha256").read_text(encoding="utf-8").splitlines():
        digest, name = line.split("  ", 1)
        path = (data / name).resolve()
        if not path.is_file() or hashlib.sha256(path.read_bytes()).hexdigest() != digest:
            bad.append(name)
    return bad


@pytest.fixture(scope="session", autouse=True)
def _bundled_data_untouched():
    """After the whole suite, every bundled file in data/ and geo/ is byte-identical."""
    yield
    bad = manifest_mismatches()
    assert not bad, f"bundled data changed during the tests: {bad}"


@pytest.fixture(autouse=True)
def _full_error_details_in_tests():
    """Users see redacted errors (config.toml); tests see the real message when a page fails."""
    from streamlit import config

    config.set_option("client.showErrorDetails", "full")
    yield
