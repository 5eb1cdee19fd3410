"""What the pages used to compute themselves, now in core.digitalization: the series beside Table 1 and
Spearman's rank correlation by year, one table's RAS update as labelled frames, and the index of every
observed year.  Each has a hand-worked example and an independent reference (scipy, a direct computation)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from core import datasets
from core import digitalization as dg


# --- Spearman's rank correlation year by year ---------------------------------------------------------------

def _series(year_values: dict[int, tuple[list[float], list[float]]]) -> pd.DataFrame:
    rows = []
    for year, (computed, published) in year_values.items():
        for i, (c, p) in enumerate(zip(computed, published)):
            rows.append({"province": f"P{i}", "year": year, "status": f"status {year}", "idt": c, "published": p})
    return pd.DataFrame(rows)


def test_rank_correlation_by_year_hand_worked():
    # 2012: ranks 1 2 3 4 against 1 3 2 4: sum d^2 = 2, rho = 1 - 6*2/(4*15) = 0.8
    # 2013: ranks 1 2 3 4 against 4 3 2 1: sum d^2 = 9+1+1+9 = 20, rho = 1 - 6*20/60 = -1
    # 2014: two provinces with both values: too few, NaN
    series = _series({2012: ([1, 2, 3, 4], [10, 30, 20, 40]), 2013: ([1, 2, 3, 4], [4, 3, 2, 1]),
                      2014: ([1, 2, np.nan, 4], [1, np.nan, 3, 4])})
    out = dg.rank_correlation_by_year(series)
    assert list(out.columns) == ["year", "status", "spearman_with_table1"]
    assert out.year.tolist() == [2012, 2013, 2014] and out.status.tolist() == ["status 2012", "status 2013",
                                                                                "status 2014"]
    assert out.spearman_with_table1.iloc[0] == pytest.approx(0.8)
    assert out.spearman_with_table1.iloc[1] == pytest.approx(-1.0)
    assert np.isnan(out.spearman_with_table1.iloc[2])


def test_rank_correlation_by_year_matches_scipy_with_ties_and_gaps():
    from scipy.stats import spearmanr  # the independent reference

    rng = np.random.default_rng(2026)
    values = {}
    for year in (2011, 2012, 2013):
        computed = rng.integers(0, 6, 30).astype(float)  # many ties
        published = computed + rng.normal(0, 1.5, 30)
        computed[year % 7] = np.nan
        values[year] = (list(computed), list(published))
    out = dg.rank_correlation_by_year(_series(values)).set_index("year")["spearman_with_table1"]
    for year, (computed, published) in values.items():
        both = pd.DataFrame({"a": computed, "b": published}).dropna()
        assert out[year] == pytest.approx(spearmanr(both.a, both.b).statistic, abs=1e-12)


def test_series_beside_published_adds_table1_and_status_groups():
    yearly = pd.DataFrame({"province": ["A", "A", "A", "A", "B"], "year": [2012, 2015, 2020, 2021, 2012],
                           "idt": [1.2, 1.3, 1.3, np.nan, 0.8],
                           "status": ["benchmark table", "RAS-updated from 2012",
                                      "extrapolated (2019 carried forward)", "no control totals",
                                      "benchmark table"]})
    table1 = pd.DataFrame({"province": ["A", "A", "B"], "year": [2012, 2021, 2012], "idt": [1.1, 1.4, 0.9]})
    out = dg.series_beside_published(yearly, table1)
    assert len(out) == len(yearly) and out.idt.equals(yearly.idt)  # the computed values are left as they were
    assert out.status_group.tolist() == ["benchmark table", "RAS-updated", "extrapolated", "no data",
                                         "benchmark table"]
    np.testing.assert_allclose(out.published, [1.1, np.nan, np.nan, 1.4, 0.9])


def test_by_year_on_the_bundled_series_equals_rank_correlation_of_each_year():
    io, panel, table1 = datasets.load_io_tables(), datasets.load_panel(), datasets.load_table1()
    paper = datasets.paper_provinces()
    yearly = dg.yearly_index(dg.benchmark_stacks(io), panel, dg.preset_concepts("paper"), dg.DEFAULT_VARIANT,
                             dg.population_employment(), paper, years=(2012, 2017))
    by_year = dg.rank_correlation_by_year(dg.series_beside_published(yearly, table1)).set_index("year")
    for year in (2012, 2017):  # the direct computation: the index of that year against its Table 1 column
        direct = dg.rank_correlation(dg.index_from_io(year, io=io, panel=panel),
                                     table1[table1.year == year].set_index("province")["idt"])
        assert by_year.spearman_with_table1[year] == pytest.approx(direct, abs=1e-12)
    assert by_year.status[2012] == "benchmark table"


# --- one table RAS-updated, as frames ------------------------------------------------------------------------

def test_coefficient_change_hand_worked():
    a0 = np.array([[0.1, 0.2], [0.3, 0.4]])
    a1 = np.array([[0.1, 0.25], [0.2, 0.4]])
    out = dg.coefficient_change(a0, a1, ["01", "02"])
    assert out[["row", "col"]].values.tolist() == [["01", "01"], ["01", "02"], ["02", "01"], ["02", "02"]]
    np.testing.assert_allclose(out.change, [0.0, 0.05, -0.1, 0.0], atol=1e-15)
    with pytest.raises(ValueError, match="2 x 2"):
        dg.coefficient_change(a0, a1[:1], ["01", "02"])


def test_province_update_meets_its_control_totals_and_reports_the_change():
    io, panel = datasets.load_io_tables(), datasets.load_panel()
    stack = dg.benchmark_stacks(io)[2012]
    update = dg.province_update(stack, "Zhejiang", 2015, panel)
    assert update.method == "RAS" and update.iterations > 0 and update.max_residual < 1e-6
    n = len(dg.SECTORS)
    assert len(update.coefficients) == n * n and len(update.controls) == n
    # the base coefficients, computed directly: a_ij = z_ij / x_j
    i = stack.index_of("Zhejiang")
    direct = stack.Z[i] / np.where(stack.x[i] != 0, stack.x[i], np.inf)
    np.testing.assert_allclose(update.coefficients.base.to_numpy().reshape(n, n), direct, atol=1e-15)
    # the updated coefficients times the target output meet the control totals (eq. 1-2)
    a1 = update.coefficients.updated.to_numpy().reshape(n, n)
    z1 = a1 * update.controls.output_x_10k_yuan.to_numpy()
    np.testing.assert_allclose(z1.sum(axis=1), update.controls.row_total_u_10k_yuan, rtol=1e-8)
    np.testing.assert_allclose(z1.sum(axis=0), update.controls.column_total_v_10k_yuan, rtol=1e-8)
    np.testing.assert_allclose(update.coefficients.change, update.coefficients.updated - update.coefficients.base)
    assert set(update.growth) == {"primary", "secondary", "tertiary"}
    # 2007 Shaanxi has negative cells: GRAS
    assert dg.province_update(dg.benchmark_stacks(io)[2007], "Shaanxi", 2011, panel).method == "GRAS"


def test_province_update_refuses_what_cannot_be_updated():
    io, panel = datasets.load_io_tables(), datasets.load_panel()
    stack = dg.benchmark_stacks(io)[2017]
    with pytest.raises(dg.DigitalizationError, match="no control totals"):
        dg.province_update(stack, "Beijing", 2021, panel)
    with pytest.raises(dg.io_tables.RasError):
        dg.province_update(stack, "Beijing", 2019, panel, balance=False)


# --- the index of every observed year -------------------------------------------------------------------------

def test_index_by_year_is_index_from_io_year_by_year_and_names_the_years_left_out():
    io, panel = datasets.load_io_tables(), datasets.load_panel()
    result = dg.index_by_year((2011, 2012, 2017, 2021), io=io, panel=panel)
    assert result.years == [2011, 2012, 2017]
    assert list(result.skipped) == [2021] and "no control totals" in result.skipped[2021]
    assert list(result.frame.columns) == ["province", "year", "idt"]
    for year in result.years:  # the direct computation, one year at a time
        direct = dg.index_from_io(year, io=io, panel=panel)
        got = result.frame[result.frame.year == year].set_index("province")["idt"]
        assert list(got.index) == list(direct.index)
        np.testing.assert_allclose(got.to_numpy(), direct.to_numpy(), rtol=1e-12)
    empty = dg.index_by_year((2022,), io=io, panel=panel)
    assert empty.frame.empty and empty.years == [] and list(empty.skipped) == [2022]
