"""core.panel, core.demo_panel, core.scenario and the nine-variable upload checks."""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from core import datasets, demo_panel, panel, scenario, uploads

PUBLIC_X = ["lnpcgdp", "estr", "pdl", "med"]


@pytest.fixture(scope="module")
def public() -> pd.DataFrame:
    return panel.public_panel(datasets.load_table1(), datasets.load_panel())


@pytest.fixture(scope="module")
def demo() -> pd.DataFrame:
    return demo_panel.demo_panel(datasets.paper_provinces(), datasets.load_table4(), datasets.load_table5().coefficients)


# --- Grunfeld: the published plm / Baltagi numbers ---------------------------------------------

def test_grunfeld_within_slopes(grunfeld, reference):
    fit = panel.fit_panel(grunfeld, "invest", ["value", "capital"], model="fe")
    assert fit.params["value"] == pytest.approx(reference["within"]["value"], abs=5e-7)
    assert fit.params["capital"] == pytest.approx(reference["within"]["capital"], abs=5e-7)


def test_grunfeld_f_test(grunfeld, reference):
    test = panel.poolability_test(grunfeld, "invest", ["value", "capital"])
    ref = reference["f_individual_effects"]
    assert round(test.stat, 2) == ref["stat"]
    assert (test.df, test.df_denom) == (ref["df1"], ref["df2"])
    assert "significant" in test.interpretation


def test_grunfeld_random_effects(grunfeld, reference):
    fit = panel.fit_panel(grunfeld, "invest", ["value", "capital"], model="re")
    ref = reference["random_effects_swamy_arora"]
    assert fit.params["const"] == pytest.approx(ref["const"], abs=5e-4)
    assert fit.params["value"] == pytest.approx(ref["value"], abs=5e-6)
    assert fit.params["capital"] == pytest.approx(ref["capital"], abs=5e-6)


def test_grunfeld_hausman(grunfeld, reference):
    test = panel.hausman_test(grunfeld, "invest", ["value", "capital"])
    ref = reference["hausman"]
    assert round(test.stat, 4) == ref["stat"]
    assert test.df == ref["df"]
    assert round(test.pval, 4) == ref["pval"]
    assert test.warning is None
    assert "No systematic difference" in test.interpretation


# --- the public panel and the paper's F ------------------------------------------------------------

def test_public_poolability_close_to_paper(public):
    test = panel.poolability_test(public, "idt", PUBLIC_X)
    paper = datasets.load_table5().f_stat
    assert abs(test.stat - paper) / paper < 0.01  # 89.85 vs 89.81
    assert (test.df, test.df_denom) == (29, 326)


def test_hausman_warns_when_difference_not_positive_definite(public):
    test = panel.hausman_test(public, "idt", PUBLIC_X)
    assert test.warning is not None and "positive definite" in test.warning
    assert test.interpretation.startswith("Taken at face value")
    assert np.isnan(test.stat) or test.stat > 0  # never made positive with abs()


@pytest.mark.parametrize("model", list(panel.MODELS))
@pytest.mark.parametrize("cov_type", list(panel.COV_TYPES))
def test_every_model_and_cov(public, model, cov_type):
    fit = panel.fit_panel(public, "idt", PUBLIC_X, model=model, cov_type=cov_type)
    assert fit.nobs == 360 and set(PUBLIC_X) <= set(fit.params.index)
    assert np.isfinite(fit.std_errors).all()
    table = fit.table()
    assert list(table.columns) == ["term", "coef", "std_error", "t", "p", "lower", "upper", "stars"]
    assert (table.lower <= table.coef).all() and (table.coef <= table.upper).all()
    assert "Parameter Estimates" in fit.summary


def test_fe_rsquared_is_within(public):
    fit = panel.fit_panel(public, "idt", PUBLIC_X, model="fe")
    assert fit.rsquared == pytest.approx(fit.raw.rsquared_within)


# --- whitelist and transformations ---------------------------------------------------------------------

@pytest.mark.parametrize("name", ["I(__import__('os').getpid())", "{os.getpid()}", "estr + pdl", "idt2"])
def test_any_column_name_is_data_never_evaluated(public, name):
    """No whitelist in core; a code-like column name is just a column (its values are used, the name is
    never parsed).  Whitelisting happens where text arrives (links and uploads)."""
    rng = np.random.default_rng(1)
    frame = public.assign(**{name: rng.normal(size=len(public))})
    before = os.getpid()
    fit = panel.fit_panel(frame, "idt", [name, "estr"])
    assert name in fit.params.index and np.isfinite(fit.params[name])
    direct = panel.fit_panel(public.assign(renamed=frame[name]), "idt", ["renamed", "estr"])
    assert fit.params[name] == pytest.approx(direct.params["renamed"])
    assert os.getpid() == before


@pytest.mark.parametrize("bad", ["const", "absent", "province_text"])
def test_missing_reserved_or_text_columns_are_refused(public, bad):
    frame = public.assign(province_text="x")
    with pytest.raises(panel.PanelSpecError, match="constant|not in this data|does not hold numbers"):
        panel.fit_panel(frame.assign(const=1.0) if bad == "const" else frame, "idt", [bad])


def test_dependent_cannot_be_regressor_and_empty_rejected(public):
    with pytest.raises(panel.PanelSpecError, match="both"):
        panel.fit_panel(public, "estr", ["estr"])
    with pytest.raises(panel.PanelSpecError, match="at least one"):
        panel.fit_panel(public, "idt", [])
    with pytest.raises(panel.PanelSpecError, match="Unknown model"):
        panel.fit_panel(public, "idt", ["estr"], model="ols")


def test_transforms_log_lag_standardize(public):
    fit = panel.fit_panel(public, "idt", ["estr", "pdl"], transforms={"estr": ["standardize", "log", "lag1"]})
    assert "z_L1_ln_estr" in fit.params.index
    assert fit.nobs == 360  # the first year has no lag
    x = fit.raw.model.exog.dataframe["z_L1_ln_estr"]
    assert x.mean() == pytest.approx(0, abs=1e-12) and x.std(ddof=1) == pytest.approx(1)
    lagged = panel.fit_panel(public, "idt", ["estr"], transforms={"estr": ["lag1"]}, years=(2015, 2023))
    assert lagged.nobs == 270  # 2015's lag comes from 2014, outside the sample
    with pytest.raises(panel.PanelSpecError, match="Unknown transformation"):
        panel.fit_panel(public, "idt", ["estr"], transforms={"estr": ["exp"]})


def test_log_of_non_positive_is_an_error(demo):
    frame = demo.copy()
    frame.iloc[0, frame.columns.get_loc("del")] = -0.1
    with pytest.raises(panel.PanelSpecError, match="positive"):
        panel.fit_panel(frame, "idt", ["del"], transforms={"del": ["log"]})


def test_too_few_observations(public):
    with pytest.raises(panel.PanelSpecError, match="Too few"):
        panel.fit_panel(public, "idt", PUBLIC_X, years=(2023, 2023))


def test_coverage_lists_missing_years(public):
    cov = panel.coverage(public).set_index("variable")
    assert cov.loc["med", "first_year"] == 2012
    assert cov.loc["gdp", "last_year"] == 2019


# --- projection -------------------------------------------------------------------------------------

def test_projection_delta_method_matches_hand_computation(demo):
    fit = panel.fit_panel(demo, "idt", list(panel.PAPER_REGRESSORS), model="fe", cov_type="clustered")
    out = panel.project(fit, demo, {"pcw": 10, "rd": -0.5}, year=2023)
    dx = np.zeros(len(fit.params))
    names = list(fit.params.index)
    dx[names.index("pcw")] = np.log(1.10)
    dx[names.index("rd")] = -0.005
    change = float(dx @ fit.params.to_numpy())
    se = float(np.sqrt(dx @ fit.cov.to_numpy() @ dx))
    assert out.change.to_numpy() == pytest.approx(change)
    assert out.se.to_numpy() == pytest.approx(se)
    assert (out.upper - out.projected).to_numpy() == pytest.approx(1.959964 * se, rel=1e-5)
    row = out.set_index("province").loc["Beijing"]
    inc = fit.raw.fitted_values.iloc[:, 0] + fit.raw.estimated_effects.iloc[:, 0]
    assert row.baseline == pytest.approx(inc.loc[("Beijing", 2023)])
    assert len(out) == 30 and out.projected.is_monotonic_decreasing


def test_projection_only_changes_chosen_provinces_and_flags_range(demo):
    fit = panel.fit_panel(demo, "idt", ["pcw", "psl"], model="fe")
    out = panel.project(fit, demo, {"pcw": 80}, provinces=["Beijing"], year=2023).set_index("province")
    assert out.loc["Beijing", "change"] != 0 and out.loc["Beijing", "out_of_range"]
    assert "pcw outside observed range" in out.loc["Beijing", "range_note"]
    assert (out.drop(index="Beijing").change == 0).all()
    assert not out.drop(index="Beijing").out_of_range.any()


def test_projection_with_lag_and_standardize_is_sustained(demo):
    fit = panel.fit_panel(demo, "idt", ["pcw", "rd"], transforms={"pcw": ["lag1", "standardize"]})
    out = panel.project(fit, demo, {"pcw": 10}, year=2020)
    mean, sd = fit.design.scale["z_L1_pcw"]
    assert out.change.to_numpy() == pytest.approx(np.log(1.1) / sd * fit.params["z_L1_pcw"])


def test_projection_rejects_bad_requests(demo):
    fit = panel.fit_panel(demo, "idt", ["pcw"], years=(2011, 2016))
    with pytest.raises(panel.PanelSpecError, match="not in the estimation sample"):
        panel.project(fit, demo, {"pcw": 5}, year=2023)
    with pytest.raises(panel.PanelSpecError, match="dependent"):
        panel.project(fit, demo, {"idt": 5}, year=2015)
    with pytest.raises(panel.PanelSpecError, match="log"):
        panel.project(fit, demo, {"pcw": -100}, year=2015)


# --- the demo panel --------------------------------------------------------------------------------

def test_demo_panel_is_deterministic_and_paper_shaped(demo):
    again = demo_panel.demo_panel(datasets.paper_provinces(), datasets.load_table4(), datasets.load_table5().coefficients)
    pd.testing.assert_frame_equal(demo, again)
    assert demo.shape == (390, 10)
    table4 = datasets.load_table4().set_index("symbol")
    ours = panel.describe_variables(demo).set_index("symbol")
    for symbol in table4.index:
        assert abs(ours.loc[symbol, "mean"] / table4.loc[symbol, "mean"] - 1) < 0.02, symbol
        assert abs(ours.loc[symbol, "sd"] / table4.loc[symbol, "sd"] - 1) < 0.02, symbol
    assert (demo[["del", "rd", "estr", "psl", "urban"]] > 0).all().all()


def test_demo_panel_recovers_table5_signs(demo):
    fit = panel.fit_panel(demo, "idt", list(panel.PAPER_REGRESSORS), model="fe")
    side = panel.compare_with_table5(fit, datasets.load_table5().coefficients).set_index("term")
    assert side.loc[list(panel.PAPER_REGRESSORS), "same_sign"].all()
    assert panel.poolability_test(demo, "idt", list(panel.PAPER_REGRESSORS)).pval < 0.01


def test_compare_fits_table(demo):
    fits = {"All": panel.fit_panel(demo, "idt", ["pcw", "rd"]),
            "2011-2016": panel.fit_panel(demo, "idt", ["pcw", "rd"], years=(2011, 2016))}
    table = panel.compare_fits(fits)
    assert list(table.columns) == ["term", "All", "2011-2016"]
    assert table.set_index("term").loc["N", "2011-2016"] == "180"



def _same_fit(a: panel.PanelFit, b: panel.PanelFit) -> None:
    pd.testing.assert_series_equal(a.params, b.params, rtol=0, atol=0)
    pd.testing.assert_frame_equal(a.cov, b.cov, rtol=0, atol=0)
    assert (a.nobs, a.rsquared, a.years, a.design) == (b.nobs, b.rsquared, b.years, b.design)


def test_one_sample_fits_every_estimator_as_fit_panel_does(demo):
    """A Sample built once (the page's shown model, then the tests' classical FE and RE on the same rows) gives
    bit-identical fits to separate fit_panel calls, tests included; the FE estimator serves both covariances."""
    kwargs = dict(transforms={"pcw": ["lag1"]}, years=(2012, 2021), entities=datasets.paper_provinces()[:25])
    regressors = ["pcw", "rd", "estr", "pdl"]
    sample = panel.Sample(demo, "idt", regressors, **kwargs)
    shown = sample.fit("fe", "clustered")
    fe, re = sample.fit("fe", "unadjusted"), sample.fit("re", "unadjusted")
    assert fe.raw.model is shown.raw.model and re.raw.model is not fe.raw.model
    for ours, (model, cov) in ((shown, ("fe", "clustered")), (fe, ("fe", "unadjusted")), (re, ("re", "unadjusted"))):
        _same_fit(ours, panel.fit_panel(demo, "idt", regressors, model=model, cov_type=cov, **kwargs))
    assert shown.data_range == panel.fit_panel(demo, "idt", regressors, **kwargs).data_range
    live = panel.hausman_test(demo, "idt", regressors, **kwargs)
    assert panel.hausman_from_fits(fe, re) == live
    assert panel.poolability_from_fit(fe) == panel.poolability_test(demo, "idt", regressors, **kwargs)
    with pytest.raises(panel.PanelSpecError, match="Unknown standard errors"):
        sample.fit("fe", "bootstrap")


def test_a_sample_never_refits_an_estimator_that_dropped_an_absorbed_regressor(demo):
    """linearmodels drops a regressor the province effects absorb by changing its estimator: the next fit then gets
    a new estimator, with the same estimates and the same warning as a first fit."""
    frame = demo.assign(fixed=demo.groupby(level=0)["pcw"].transform("mean"))
    sample = panel.Sample(frame, "idt", ["pcw", "fixed"])
    with pytest.warns(Warning, match="absorbed"):
        first = sample.fit("fe", "clustered")
    with pytest.warns(Warning, match="absorbed"):
        second = sample.fit("fe", "unadjusted")
    assert second.raw.model is not first.raw.model
    _same_fit(second, panel.fit_panel(frame, "idt", ["pcw", "fixed"], cov_type="unadjusted"))


# --- scenario links ---------------------------------------------------------------------------------

def test_scenario_round_trip_and_recompute():
    spec = scenario.ScenarioSpec({"pcw": 10.0, "rd": -0.5}, source="demo", model="fe", cov_type="clustered",
                                 regressors=("gdp", "pcw", "rd", "estr"), transforms={"estr": ("log",)},
                                 regions=("east", "west"), provinces=("Beijing", "Inner Mongolia"))
    query = spec.to_query()
    assert query["scenario"] == "pcw:+10,rd:-0.5"
    assert scenario.from_query(query) == spec
    frame = scenario.recompute(spec)
    assert list(frame.columns)[:5] == ["province", "year", "idt", "lower", "upper"]
    assert "synthetic" in frame.label.iloc[0]
    changed = frame.set_index("province").change
    assert changed.loc["Beijing"] > 0 and changed.drop(index=["Beijing", "Inner Mongolia"]).eq(0).all()


@pytest.mark.parametrize("text", ["pcw:+10;rd:1", "os:+1", "idt:+3", "pcw:1e9", "pcw:+500", "__import__:1"])
def test_scenario_decode_rejects(text):
    with pytest.raises(scenario.ScenarioError):
        scenario.decode_changes(text)


def test_scenario_upload_cannot_be_rebuilt():
    with pytest.raises(scenario.ScenarioError, match="Uploaded"):
        scenario.recompute(scenario.ScenarioSpec({"pcw": 1}, source="upload", regressors=("pcw",)))
    assert scenario.from_query({"other": "1"}) is None


@settings(max_examples=60, deadline=None)
@given(st.dictionaries(st.sampled_from(list(panel.LEVERS)),
                       st.decimals(min_value=-50, max_value=50, places=2).map(float), max_size=4))
def test_encode_decode_round_trip(changes):
    expected = {k: v for k, v in changes.items() if v != 0}
    assert scenario.decode_changes(scenario.encode_changes(changes)) == expected


# --- the nine-variable upload: at least 12 error paths ------------------------------------------------

REGIONS = datasets.load_regions()
TABLE1 = datasets.load_table1()


def _good_csv(rows: int = 5, provinces: int = 8) -> pd.DataFrame:
    demo = demo_panel.demo_panel(datasets.paper_provinces(), datasets.load_table4(), datasets.load_table5().coefficients)
    frame = demo.reset_index()
    keep = frame.province.isin(datasets.paper_provinces()[:provinces]) & (frame.year < 2011 + rows)
    return frame[keep].drop(columns=["idt"])


def _bytes(frame: pd.DataFrame) -> bytes:
    return frame.to_csv(index=False).encode("utf-8")


def _read(content: bytes, name: str = "panel.csv"):
    return panel.panel_from_upload(content, name, REGIONS, TABLE1)


def test_upload_good_file_and_idt_from_table1():
    data, notes = _read(_bytes(_good_csv()))
    assert data.shape == (40, 10) and data.idt.notna().all()
    assert any("Table 1" in n for n in notes)


def test_upload_chinese_province_names_and_extra_column():
    frame = _good_csv()
    zh = dict(zip(REGIONS.province, REGIONS.province_zh))
    frame = frame.assign(province=frame.province.map(zh), remark="ok")
    data, notes = _read(_bytes(frame))
    assert "Beijing" in data.index.get_level_values(0)
    assert any("remark" in n for n in notes)


def _bad_cases() -> dict[str, tuple[bytes, str, str]]:
    good = _good_csv()
    dup = pd.concat([good, good.iloc[[0]]])
    text = good.astype(object)
    text.loc[text.index[3], "pcw"] = "eleven"
    nan_inf = good.copy()
    nan_inf.loc[nan_inf.index[2], "rd"] = np.inf
    neg = good.copy()
    neg.loc[neg.index[1], "psl"] = -0.2
    unknown = good.copy()
    unknown.loc[unknown.index[0], "province"] = "Atlantis"
    percent = good.assign(estr=good.estr * 100)
    return {
        "empty": (b"", "panel.csv", "empty"),
        "binary": (b"\x00\x01\x02PNG\x00" * 50, "panel.csv", "binary"),
        "encoding": (b"province,year\nBeijing\xff\xff,2011\n", "panel.csv", "UTF-8"),
        "bad xlsx": (b"not a zip", "panel.xlsx", "Excel"),
        "header only": (b"province,year,gdp\n", "panel.csv", "no data rows"),
        "missing columns": (_bytes(good.drop(columns=["rd", "psl"])), "panel.csv", "Missing column"),
        "formula column": (_bytes(good.assign(**{"I(__import__('os').getpid())": 1})), "panel.csv", "not a plain name"),
        "text in numbers": (_bytes(text), "panel.csv", "text where a number"),
        "infinite": (_bytes(nan_inf), "panel.csv", "infinite"),
        "negative": (_bytes(neg), "panel.csv", "cannot be negative"),
        "duplicates": (_bytes(dup), "panel.csv", "Duplicate rows"),
        "unknown province": (_bytes(unknown), "panel.csv", "Unknown province"),
        "too few rows": (_bytes(_good_csv(rows=2, provinces=5)), "panel.csv", "complete row"),
        "too few years": (_bytes(_good_csv(rows=2, provinces=30)), "panel.csv", "Too few observations"),
        "percent not share": (_bytes(percent), "panel.csv", "between 0 and 1"),
        "bad year": (_bytes(good.assign(year="20x1")), "panel.csv", "whole years"),
        "wrong type": (b"province,year\nBeijing,2011\n", "panel.json", "only .csv and .xlsx"),
    }


@pytest.mark.parametrize("case", list(_bad_cases()))
def test_upload_errors(case):
    content, name, message = _bad_cases()[case]
    pid = os.getpid()
    with pytest.raises(uploads.UploadError, match=message):
        _read(content, name)
    assert os.getpid() == pid


def test_upload_template_has_the_schema():
    template = panel.upload_template(datasets.paper_provinces(), TABLE1)
    assert list(template.columns) == ["province", "year", "idt", *panel.PAPER_REGRESSORS]
    assert len(template) == 390 and template.idt.notna().all()


# --- real series in the public panel --------------------------------------------------------------------

@pytest.fixture(scope="module")
def real() -> pd.DataFrame:
    return panel.public_panel(datasets.load_table1(), datasets.load_panel(), datasets.load_series())


def test_wage_odd_years_are_log_interpolated_and_flagged(real):
    series = datasets.load_series().set_index(["province", "year"])["urban_avg_wage_yuan"]
    bj = real.loc["Beijing"]
    assert bj.loc[2012, "pcw"] == pytest.approx(np.log(85307.0))  # published even year, unchanged
    assert not bj.loc[2012, "pcw_interpolated"]
    expected = (np.log(series[("Beijing", 2010)]) + np.log(series[("Beijing", 2012)])) / 2
    assert bj.loc[2011, "pcw"] == pytest.approx(expected) and bj.loc[2011, "pcw_interpolated"]
    assert real["pcw_interpolated"].sum() == 30 * 5  # 2011, 2013, 2015, 2017, 2019
    assert real.xs(2021, level=1)["pcw"].isna().all() and real.xs(2023, level=1)["pcw"].isna().all()
    off = panel.public_panel(datasets.load_table1(), datasets.load_panel(), datasets.load_series(),
                             interpolate_wages=False)
    assert off["pcw_interpolated"].sum() == 0 and off.xs(2011, level=1)["pcw"].isna().all()
    assert off.loc[("Beijing", 2012), "pcw"] == real.loc[("Beijing", 2012), "pcw"]



def test_the_panel_wage_fill_is_log_interpolate_even_years_province_by_province(real):
    """The public panel fills wages in one pass over the series: the same cells, values (bit for bit) and flags as
    log_interpolate_even_years applied to each province's own series, with a gap it must not fill."""
    series = datasets.load_series()
    series = series[~((series.province == "Hebei") & (series.year == 2012))]  # 2011 and 2013 lose a neighbour
    data = panel.public_panel(datasets.load_table1(), datasets.load_panel(), series)
    for province, one in series.sort_values(["province", "year"]).groupby("province"):
        if province not in data.index.get_level_values(0):
            continue
        values, flag = panel.log_interpolate_even_years(one["urban_avg_wage_yuan"], one["year"])
        expected = pd.DataFrame({"pcw": values.to_numpy(), "pcw_interpolated": flag.to_numpy()},
                                index=one["year"].to_numpy()).reindex(data.loc[province].index)
        got = data.loc[province, ["pcw", "pcw_interpolated"]]
        np.testing.assert_array_equal(got["pcw"].to_numpy(), expected["pcw"].to_numpy())
        assert (got["pcw_interpolated"].to_numpy() == expected["pcw_interpolated"].fillna(False).to_numpy()).all()
    hebei = data.loc["Hebei"]
    assert not hebei.loc[[2011, 2013], "pcw_interpolated"].any() and hebei.loc[[2011, 2013], "pcw"].isna().all()
    assert hebei.loc[2015, "pcw_interpolated"]

def test_gdp_after_2019_is_derived_and_flagged_and_close_where_checkable(real):
    series = datasets.load_series().set_index(["province", "year"])
    assert real["gdp_derived"].sum() == 30 * 4 and real.xs(2020, level=1)["gdp_derived"].all()
    gd = series.loc[("Guangdong", 2020)]
    assert np.exp(real.loc[("Guangdong", 2020), "gdp"]) == pytest.approx(gd.rd_expenditure_100m_yuan
                                                                          / (gd.rd_intensity_pct / 100))
    # where NBS GDP exists (2019) the derived value is within the stated 1.6 %
    both = datasets.load_panel().merge(datasets.load_series(), on=["province", "year"])
    both = both[(both.year == 2019) & both.province.isin(datasets.paper_provinces())]
    rel = panel.derived_gdp(both) / both.gdp_100m_yuan - 1
    assert rel.abs().max() < 0.016 and rel.abs().median() < 0.004


def test_rd_psl_and_variant_definitions(real):
    series = datasets.load_series().set_index(["province", "year"])
    assert real.loc[("Beijing", 2019), "rd"] == pytest.approx(0.0631)
    row = series.loc[("Guangdong", 2023)]
    assert real.loc[("Guangdong", 2023), "rd_firms"] == pytest.approx(
        row.rd_intensity_pct / 100 * (row.ind_firms_rd_exp_10k_yuan / 1e4) / row.rd_expenditure_100m_yuan)
    assert real["rd_firms"].dropna().index.get_level_values(1).min() == 2018
    bj = series.loc[("Beijing", 2015)]
    assert real.loc[("Beijing", 2015), "psl"] == pytest.approx(bj.budget_total_100m_yuan
                                                               / np.exp(real.loc[("Beijing", 2015), "gdp"]))
    assert real["psl_func"].dropna().index.get_level_values(1).min() == 2019
    assert panel.public_status("psl") == "proxy" and panel.public_status("del") == panel.COMPUTED_LABEL


def test_latest_common_year_and_default_levers_fit(real):
    assert panel.latest_common_year(real, ["pcw", "rd", "psl", "pdl"]) == 2020
    assert panel.latest_common_year(real, ["rd", "psl", "pdl"]) == 2023
    fit = panel.fit_panel(real, "idt", ["gdp", "pcw", "del", "estr", "pdl", "rd", "med", "psl"], model="fe")
    assert fit.years == (2012, 2020)
    out = panel.project(fit, real, {"pcw": 10, "rd": 0.5}, year=2020)
    assert (out.change != 0).all()
    with pytest.raises(panel.PanelSpecError, match="not in the estimation sample"):
        panel.project(fit, real, {"pcw": 10}, year=2021)


def test_an_uploaded_panels_own_variable_enters_the_model(real):
    rng = np.random.default_rng(3)
    own = real[["idt", "estr"]].assign(my_index=rng.normal(size=len(real)))
    assert "my_index" in panel.variables_in(own)
    fit = panel.fit_panel(own, "idt", ["estr", "my_index"])
    out = panel.project(fit, own, {"my_index": 1.0}, year=2020)
    assert out.change.to_numpy() == pytest.approx(fit.params["my_index"])


def test_table5_side_by_side_marks_proxies(real):
    fit = panel.fit_panel(real, "idt", ["pcw", "rd", "psl", "pdl"], model="fe")
    side = panel.compare_with_table5(fit, datasets.load_table5().coefficients,
                                     {s: panel.public_status(s) for s in panel.PUBLIC_NOTES}).set_index("term")
    assert side.loc["psl", "data"] == "proxy" and side.loc["rd", "data"] == "proxy"
    assert side.loc["pcw", "data"] == "odd years interpolated"
    assert side.loc["pdl", "data"] == "same as the paper"
    assert side.loc["psl", "paper_coef"] == pytest.approx(0.379) and np.isfinite(side.loc["psl", "model_coef"])


def test_to_map_frame_carries_change_vs_baseline(real):
    fit = panel.fit_panel(real, "idt", ["pcw", "rd", "psl", "pdl"], model="fe")
    frame = scenario.to_map_frame(panel.project(fit, real, {"pcw": 10}, year=2020), "public")
    assert {"idt", "baseline", "change_vs_baseline", "change_pct"} <= set(frame.columns)
    assert frame.change_vs_baseline.to_numpy() == pytest.approx((frame.idt - frame.baseline).to_numpy())
    assert (frame.change_vs_baseline != 0).all()


def test_scenario_link_carries_the_wage_switch(real):
    spec = scenario.ScenarioSpec({"pcw": 10.0}, "public", regressors=("pcw", "rd"), year=2020,
                                 interpolate_wages=False)
    again = scenario.from_query(spec.to_query())
    assert again.interpolate_wages is False and spec.to_query()["scenario_interp"] == "0"
    on = scenario.recompute(scenario.ScenarioSpec({"pcw": 10.0}, "public", regressors=("pcw", "rd"), year=2020))
    off = scenario.recompute(spec)
    assert len(on) == len(off) == 30 and not np.allclose(on.idt, off.idt)
    with pytest.raises(scenario.ScenarioError):
        scenario.from_query({**spec.to_query(), "scenario_interp": "yes"})


def test_upload_keeps_the_files_own_numeric_variables():
    frame = _good_csv().assign(my_talent_index=lambda d: np.arange(len(d), dtype=float), remark="ok")
    data, notes = _read(_bytes(frame))
    assert "my_talent_index" in data.columns and "remark" not in data.columns
    assert any("my_talent_index" in n for n in notes) and any("remark" in n for n in notes)
    fit = panel.fit_panel(data, "idt", ["pcw", "my_talent_index"])
    assert "my_talent_index" in fit.params.index
    spaced = _good_csv().assign(**{"my index": 1.0})  # a plain name but not an identifier: ignored, said so
    data, notes = _read(_bytes(spaced))
    assert "my index" not in data.columns and any("my index" in n for n in notes)


# --- the shared model specification and the model registry ------------------------------------------------

def test_model_spec_is_hashable_and_round_trips_through_the_query():
    from core.panel import ModelSpec

    spec = ModelSpec("idt", ["wage", "rd"], model="twfe", cov_type="clustered",
                     transforms={"wage": ("log",), "rd": ()}, years=(2012, 2020), entities=["Beijing", "Hebei"])
    same = ModelSpec("idt", ("wage", "rd"), model="twfe", cov_type="clustered",
                     transforms=(("wage", ("log",)),), years=(2012, 2020), entities=("Beijing", "Hebei"))
    assert spec == same and hash(spec) == hash(same) and len({spec, same}) == 1
    query = spec.to_query()
    assert query["spec_x"] == "wage.log,rd" and query["spec_years"] == "2012-2020"
    assert ModelSpec.from_query(query) == spec
    plain = ModelSpec("idt", ("wage",))
    assert "spec_years" not in plain.to_query() and ModelSpec.from_query(plain.to_query()) == plain
    assert ModelSpec.from_query(spec.to_query("m"), "m") == spec


def test_model_spec_rejects_unknown_codes_and_bad_links():
    from core.panel import ModelSpec, PanelSpecError

    with pytest.raises(PanelSpecError):
        ModelSpec("idt", ("wage",), model="ols")
    with pytest.raises(PanelSpecError):
        ModelSpec("idt", ("wage",), cov_type="hac")
    with pytest.raises(PanelSpecError):
        ModelSpec.from_query({"spec_y": "idt", "spec_x": "wage", "spec_years": "2012"})


def test_model_registry_says_effects_and_r_squared():
    from core.panel import MODEL_INFO, MODELS

    assert set(MODEL_INFO) == set(MODELS)
    assert [code for code, info in MODEL_INFO.items() if info.rsquared == "within"] == ["fe", "twfe"]
    assert MODEL_INFO["twfe"].time_effects and not MODEL_INFO["fe"].time_effects
    assert MODEL_INFO["re"].random_effects and not MODEL_INFO["re"].fixed_effects
    assert MODEL_INFO["fe"].rsquared_label == "Within R²" and MODEL_INFO["pooled"].rsquared_label == "R²"


def test_model_spec_fits_the_same_model_as_fit_panel(grunfeld):
    """The spec is only a holder: its fit equals fit_panel's with the same arguments (Grunfeld data)."""
    from core.panel import ModelSpec, fit_panel

    data = grunfeld
    spec = ModelSpec("invest", ("value", "capital"), model="fe", cov_type="clustered")
    direct = fit_panel(data, "invest", ["value", "capital"], model="fe", cov_type="clustered")
    assert np.allclose(spec.fit(data).params, direct.params) and spec.fit(data).rsquared == direct.rsquared


def test_bundled_default_view_equals_the_live_fit():
    """data/regression/default_view.json (scripts/build_regression_default.py) is the live fit of the page's
    opening specification: the same spec, counts, coefficient table, Table 5 comparison and F / Hausman tests."""
    import importlib.util

    from core import datasets

    bundled = panel.load_default_view()
    assert bundled is not None
    data = panel.public_panel(datasets.load_table1(), datasets.load_panel(), datasets.load_series(),
                              interpolate_wages=True)
    assert bundled.spec == panel.default_spec(data)
    spec_path = Path(__file__).resolve().parents[2] / "scripts" / "build_regression_default.py"
    module_spec = importlib.util.spec_from_file_location("build_regression_default", spec_path)
    script = importlib.util.module_from_spec(module_spec)
    module_spec.loader.exec_module(script)
    live = script.build()
    # the live fit, made here directly (not through the script) for the coefficient table
    direct = panel.fit_view(bundled.spec.fit(data), datasets.load_table5().coefficients, panel.public_notes())
    for view in (live.view, direct):
        for name in ("nobs", "n_entities", "years", "terms", "provinces", "sample_years"):
            assert bundled.view[name] == view[name], name
        assert bundled.view["rsquared"] == pytest.approx(view["rsquared"], rel=1e-12)
        pd.testing.assert_frame_equal(bundled.view["coef"], view["coef"], check_dtype=False, rtol=1e-12)
        pd.testing.assert_frame_equal(bundled.view["side"].astype(object).where(bundled.view["side"].notna(), None),
                                      view["side"].astype(object).where(view["side"].notna(), None),
                                      check_dtype=False)
    for ours, theirs in zip(bundled.tests, live.tests):
        assert (ours.name, ours.df, ours.df_denom, ours.interpretation, ours.warning) == (
            theirs.name, theirs.df, theirs.df_denom, theirs.interpretation, theirs.warning)
        # The Hausman statistic inverts a difference of two covariance matrices, which amplifies rounding: its
        # 11th digit differs between machines whose BLAS picks other kernels (seen: 3e-11 relative), so 1e-8.
        assert ours.stat == pytest.approx(theirs.stat, rel=1e-8) and ours.pval == pytest.approx(theirs.pval, rel=1e-8)
    # Table 5's slope on wages (0.185***) against the bundled public fit: the same sign, as the page shows
    side = bundled.view["side"].set_index("term")
    assert bool(side.loc["pcw", "same_sign"])


def test_fit_by_group_hand_worked_and_equal_to_single_fits():
    """Noise-free: y = entity effect + 2 x in entities a0-a2 and + 3 x in b0-b2, so the fixed-effects slope is
    exactly 2 on the a's and 3 on the b's (hand-worked: the within transformation removes the effects); each
    group's fit is the single fit on that sample; a one-year sample is skipped with its reason."""
    rng = np.random.default_rng(17)
    rows = []
    for group, slope in (("a", 2.0), ("b", 3.0)):
        for i in range(3):
            for year in range(2000, 2008):
                x = float(rng.normal())
                rows.append({"entity": f"{group}{i}", "year": year, "x": x, "y": 10 * i + slope * x})
    df = pd.DataFrame(rows).set_index(["entity", "year"])
    spec = panel.ModelSpec("y", ("x",), "fe", "unadjusted")
    groups = {"a": (None, ("a0", "a1", "a2")), "b": (None, ("b0", "b1", "b2")), "one year": ((2003, 2003), None)}
    fits, skipped = panel.fit_by_group(df, spec, groups)
    assert list(fits) == ["a", "b"]
    assert float(fits["a"].params["x"]) == pytest.approx(2.0, abs=1e-10)
    assert float(fits["b"].params["x"]) == pytest.approx(3.0, abs=1e-10)
    single = panel.ModelSpec("y", ("x",), "fe", "unadjusted", entities=("b0", "b1", "b2")).fit(df)
    pd.testing.assert_frame_equal(fits["b"].table(), single.table())
    assert [label for label, _ in skipped] == ["one year"] and "Too few observations" in skipped[0][1]


def test_preload_estimators_imports_linearmodels_in_the_background():
    """In a fresh process: nothing of linearmodels before; the call returns at once (the import runs in a thread),
    and the thread leaves linearmodels.panel loaded; a second call starts no second thread."""
    import subprocess
    import sys

    code = ("import sys, threading, time\nfrom core import panel\n"
            "assert 'linearmodels' not in sys.modules\n"
            "panel.preload_estimators(); panel.preload_estimators()\n"
            "workers = [t for t in threading.enumerate() if t.name == 'preload-linearmodels']\n"
            "assert len(workers) == 1, workers\nworkers[0].join(120)\n"
            "print('linearmodels.panel' in sys.modules)")
    run = subprocess.run([sys.executable, "-c", code], cwd=Path(__file__).resolve().parents[2], capture_output=True,
                         text=True, timeout=180)
    assert run.returncode == 0, run.stderr[-2000:]
    assert run.stdout.strip().splitlines()[-1] == "True"
