"""Cheap imports (issue 19): core modules a page imports at its top do not load the heavy libraries.

A cold deep link pays for every import before the page's main chart; scipy.stats (~1-2 s), mapclassify (which
loads scikit-learn, ~2 s) and the estimators are imported inside the functions that need them.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from core import classes, digitalization

ROOT = Path(__file__).resolve().parents[2]
HEAVY = ["scipy.stats", "scipy.sparse", "mapclassify", "sklearn", "linearmodels", "pyfixest", "esda", "libpysal",
         "geopandas"]


def _loaded_after(code: str) -> list[str]:
    probe = f"import json, sys\n{code}\nprint(json.dumps([m for m in {HEAVY!r} if m in sys.modules]))"
    run = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr[-2000:]
    return json.loads(run.stdout.strip().splitlines()[-1])


@pytest.mark.parametrize("module", ["core.digitalization", "core.io_tables", "core.panel", "core.classes",
                                    "core.scenario", "core.agglomeration", "core.datasets"])
def test_importing_a_core_module_loads_no_heavy_library(module):
    assert _loaded_after(f"import {module}") == []


def test_fisher_jenks_of_a_small_map_needs_no_mapclassify():
    code = ("import numpy as np\nfrom core import classes\n"
            "classes.classify(np.arange(31, dtype=float) ** 1.5, 'fisher_jenks', 5)")
    assert "mapclassify" not in _loaded_after(code)


def test_rank_correlation_hand_worked():
    # ranks a = 1 2 3 4, b = 1 3 2 4: d^2 = 0 + 1 + 1 + 0 = 2, rho = 1 - 6*2 / (4 * 15) = 0.8
    a = pd.Series([10.0, 20.0, 30.0, 40.0], index=list("ABCD"))
    b = pd.Series([1.0, 3.0, 2.0, 4.0], index=list("ABCD"))
    assert digitalization.rank_correlation(a, b) == pytest.approx(0.8)


def test_rank_correlation_matches_scipy_with_ties_and_missing_regions():
    from scipy.stats import spearmanr  # the independent reference

    rng = np.random.default_rng(19)
    index = [f"r{i}" for i in range(31)]
    a = pd.Series(rng.integers(0, 8, 31).astype(float), index=index)  # many ties
    b = pd.Series(a.to_numpy() + rng.normal(0, 2, 31), index=index).drop(["r3", "r7"])
    a.iloc[5] = np.nan
    both = pd.concat([a.rename("a"), b.rename("b")], axis=1, join="inner").dropna()
    expected = spearmanr(both["a"], both["b"]).statistic
    assert digitalization.rank_correlation(a, b) == pytest.approx(expected, abs=1e-12)


def test_quantiles_still_classify_through_mapclassify():
    result = classes.classify(np.arange(1.0, 101.0), "quantiles", 4)
    assert result.upper == pytest.approx((25.75, 50.5, 75.25, 100.0))


def _stacked_year_rankings(panel: pd.DataFrame) -> pd.DataFrame:
    """rankings_all_years as it was defined before issue 19: year_ranking for each year, stacked."""
    from core import agglomeration

    data = panel.dropna(subset=["idt"])
    frames = []
    for year in sorted(data.year.unique()):
        ranked = agglomeration.year_ranking(data, int(year))
        change = [c for c in ranked.columns if c.startswith("change_since_")][0]
        frames.append(ranked.rename(columns={change: "change"}).assign(year=int(year)))
    return pd.concat(frames, ignore_index=True)[["province", "year", "idt", "rank", "change"]]


def test_rankings_all_years_equal_the_stacked_year_rankings():
    from core import agglomeration, datasets

    table1 = datasets.load_table1()
    pd.testing.assert_frame_equal(agglomeration.rankings_all_years(table1), _stacked_year_rankings(table1),
                                  check_dtype=False)


def test_rankings_all_years_with_ties_and_gaps():
    from core import agglomeration

    panel = pd.DataFrame({"province": ["A", "B", "C", "A", "B", "C", "A", "B", "C"],
                          "year": [2011, 2011, 2011, 2012, 2012, 2012, 2013, 2013, 2013],
                          "idt": [1.0, 2.0, np.nan, 3.0, 3.0, 1.0, 0.5, np.nan, 0.7]})
    got = agglomeration.rankings_all_years(panel)
    pd.testing.assert_frame_equal(got, _stacked_year_rankings(panel), check_dtype=False)
    # 2012: A and B tie for first (rank 1, 1), C third; C has no 2011 value, so no change
    in_2012 = got[got.year == 2012].set_index("province")
    assert in_2012["rank"].to_dict() == {"A": 1, "B": 1, "C": 3}
    assert np.isnan(in_2012.loc["C", "change"]) and in_2012.loc["A", "change"] == 2.0
