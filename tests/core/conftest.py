"""Fixtures shared by the panel tests: the Grunfeld data and its published reference numbers."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(scope="session")
def grunfeld() -> pd.DataFrame:
    """statsmodels' Grunfeld data under its own column names (invest, value, capital): no renaming needed."""
    sm = pytest.importorskip("statsmodels.api")
    raw = sm.datasets.grunfeld.load_pandas().data
    raw = raw[raw.firm != "American Steel"].assign(year=lambda d: d.year.astype(int))
    return raw.set_index(["firm", "year"])[["invest", "value", "capital"]]


@pytest.fixture(scope="session")
def reference() -> dict:
    """plm / Baltagi's published Grunfeld results (within, F, Swamy-Arora RE, Hausman)."""
    return json.loads((FIXTURES / "grunfeld_reference.json").read_text(encoding="utf-8"))
