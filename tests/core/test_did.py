"""core.did: reference values on pyfixest's df_het, exact recovery on a hand-built panel, typed errors."""

from __future__ import annotations

import json
import math
import re
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from core import did

FIXTURE = json.loads((Path(__file__).parent / "fixtures" / "did_reference.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def df_het() -> pd.DataFrame:
    import pyfixest

    path = Path(pyfixest.__file__).parent / "did" / "data" / "df_het.csv"
    return pd.read_csv(path)


def test_did2s_matches_reference(df_het):
    ref = FIXTURE["did2s"]
    r = did.staggered_did(df_het, outcome="dep_var", unit=ref["unit"], time=ref["time"], cohort=ref["cohort"],
                          method="did2s", cluster=ref["cluster"])
    assert r.att == pytest.approx(ref["att"], abs=FIXTURE["tolerance_att"])
    assert r.se == pytest.approx(ref["se"], abs=FIXTURE["tolerance_se"])
    assert r.nobs == len(df_het) and r.n_clusters == 40
    ci = r.conf_int()
    assert list(ci.columns) == ["lower", "upper"]
    lo, hi = ci.at["att", "lower"], ci.at["att", "upper"]
    assert lo < r.att < hi and "did2s" in r.summary


def test_twfe_matches_reference(df_het):
    ref = FIXTURE["twfe"]
    r = did.staggered_did(df_het, outcome="dep_var", unit=ref["unit"], time=ref["time"], cohort=ref["cohort"],
                          method="twfe", cluster=ref["cluster"])
    assert r.att == pytest.approx(ref["att"], abs=FIXTURE["tolerance_att"])
    assert r.se == pytest.approx(ref["se_clustered_by_state_pyfixest_0_60"], abs=FIXTURE["tolerance_se"])


def two_cohort_panel(effect: float = 0.5) -> pd.DataFrame:
    """12 units x 10 years: cohorts 2004 (4 units), 2007 (4 units), never (4 units); constant effect, no noise."""
    rows = []
    for u in range(12):
        g = 2004 if u < 4 else 2007 if u < 8 else 0
        for year in range(2000, 2010):
            treated = g > 0 and year >= g
            rows.append({"unit": f"u{u}", "year": year, "g": g, "grp": f"c{u % 6}",
                         "y": 1.0 + 0.3 * u + 0.1 * (year - 2000) ** 1.5 + effect * treated})
    return pd.DataFrame(rows)


@pytest.mark.parametrize("method", did.METHODS)
def test_constant_effect_recovered_exactly(method):
    r = did.staggered_did(two_cohort_panel(), outcome="y", unit="unit", time="year", cohort="g", method=method,
                          cluster="grp")
    assert r.att == pytest.approx(0.5, abs=1e-9)
    assert r.n_treated_units == 8


@pytest.mark.parametrize("method", did.METHODS)
def test_event_study_constant_effect(method):
    es = did.event_study(two_cohort_panel(), outcome="y", unit="unit", time="year", cohort="g", window=(-3, 3),
                         method=method, cluster="unit")
    tab = es.table.set_index("rel_period")
    assert list(tab.index) == [-3, -2, -1, 0, 1, 2, 3]
    assert tab.loc[-1, "is_reference"] and tab.loc[-1, "estimate"] == 0
    np.testing.assert_allclose(tab.loc[[0, 1, 2, 3], "estimate"], 0.5, atol=1e-8)
    np.testing.assert_allclose(tab.loc[[-3, -2], "estimate"], 0.0, atol=1e-8)
    assert bool(tab.loc[-3, "binned"]) and bool(tab.loc[3, "binned"]) and not bool(tab.loc[0, "binned"])
    test = es.pretrend_test()
    assert test.k == 2 and test.periods == (-3, -2)


def test_growing_effect_twfe_biased_did2s_not():
    """Effects growing with exposure: did2s recovers the mean effect on the treated, TWFE does not."""
    frame = two_cohort_panel(effect=0.0)
    e = frame["year"] - frame["g"]
    tau = np.where((frame["g"] > 0) & (e >= 0), 0.2 * (1 + e), 0.0)
    frame["y"] = frame["y"] + tau
    truth = tau[tau > 0].mean()
    d2 = did.staggered_did(frame, outcome="y", unit="unit", time="year", cohort="g", method="did2s")
    tw = did.staggered_did(frame, outcome="y", unit="unit", time="year", cohort="g", method="twfe")
    assert d2.att == pytest.approx(truth, abs=1e-8)
    assert abs(tw.att - truth) > 0.05


def test_pretrend_test_detects_anticipation():
    frame = two_cohort_panel()
    rng = np.random.default_rng(0)
    frame["y"] = frame["y"] + rng.normal(0, 0.01, len(frame))
    lead = (frame["g"] > 0) & (frame["year"] - frame["g"]).isin([-3, -2])
    frame.loc[lead, "y"] += 0.4
    es = did.event_study(frame, outcome="y", unit="unit", time="year", cohort="g", window=(-4, 3), method="did2s",
                         cluster="unit")
    assert es.pretrend_test().f_pvalue < 0.01


def test_controls_and_formula_safety():
    """Hostile column names never reach a formula: they are renamed to internal names."""
    frame = two_cohort_panel().rename(columns={"y": "__import__('os').system('x')", "unit": "city; drop"})
    frame["I(1/0)"] = np.arange(len(frame)) % 3
    r = did.staggered_did(frame, outcome="__import__('os').system('x')", unit="city; drop", time="year", cohort="g",
                          method="twfe", controls=("I(1/0)",))
    assert r.att == pytest.approx(0.5, abs=1e-9) and r.controls == ("I(1/0)",)


def test_cohort_after_last_year():
    frame = two_cohort_panel()
    frame.loc[frame["unit"] == "u0", "g"] = 2015
    with pytest.raises(did.DIDError, match="after the panel's last year 2009"):
        did.staggered_did(frame, outcome="y", unit="unit", time="year", cohort="g", method="did2s")


def test_no_comparison_units():
    frame = two_cohort_panel()
    frame["g"] = 2004
    with pytest.raises(did.DIDError, match="No never-treated and no not-yet-treated"):
        did.staggered_did(frame, outcome="y", unit="unit", time="year", cohort="g", method="did2s")


def test_not_yet_treated_used_when_no_never_treated():
    frame = two_cohort_panel()
    frame = frame[frame["g"] > 0]
    r = did.staggered_did(frame, outcome="y", unit="unit", time="year", cohort="g", method="did2s")
    assert r.att == pytest.approx(0.5, abs=1e-9)
    assert any("not-yet-treated" in n for n in r.notes)


def test_always_treated_dropped_with_note():
    frame = two_cohort_panel()
    frame.loc[frame["unit"] == "u0", "g"] = 2000
    r = did.staggered_did(frame, outcome="y", unit="unit", time="year", cohort="g", method="did2s")
    assert r.n_units == 11 and any("first year 2000" in n for n in r.notes)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"outcome": "nope"}, "not in the data"),
        ({"method": "ols"}, "Unknown method"),
        ({"window": (1, 3)}, "window must start before 0"),
        ({"reference": -9}, "reference period"),
    ],
)
def test_bad_arguments_raise_typed_errors(kwargs, message):
    args = {"outcome": "y", "unit": "unit", "time": "year", "cohort": "g", "method": "did2s"}
    args.update(kwargs)
    with pytest.raises(did.DIDError, match=message):
        did.event_study(two_cohort_panel(), **args)


def test_text_in_outcome():
    frame = two_cohort_panel().astype({"y": object})
    frame.loc[3, "y"] = "n/a?"
    with pytest.raises(did.DIDError, match="text where a number"):
        did.staggered_did(frame, outcome="y", unit="unit", time="year", cohort="g", method="twfe")


def test_event_study_chart_exports_with_label_and_reference():
    from core.charts import export_svg
    from core.charts.did import att_chart, event_study_chart

    es = did.event_study(two_cohort_panel(), outcome="y", unit="unit", time="year", cohort="g", window=(-3, 3),
                         method="did2s")
    chart = event_study_chart(es.table, note="synthetic — for demonstration")
    spec = chart.to_dict()
    assert spec["title"]["subtitle"] == ["synthetic — for demonstration"]
    svg = export_svg(chart)
    assert svg.startswith("<svg") and "reference period" in svg and "synthetic" in svg
    r = did.staggered_did(two_cohort_panel(), outcome="y", unit="unit", time="year", cohort="g", method="twfe")
    assert "layer" in att_chart(did.compare_methods([r])).to_dict()


# --- the numpy estimators against pyfixest itself (the library they replace on the page) ------------------

@pytest.fixture(scope="module")
def city_design() -> pd.DataFrame:
    from core import datasets, pilots

    cities = pilots.city_table(datasets.load_city_province(), datasets.load_regions())
    approvals = pilots.approval_table(datasets.load_approval_years())
    broadband = pilots.broadband_years(datasets.load_pilot_lists()).to_dict()
    cohorts = pilots.cohort_map(approvals)
    panel = pilots.synthetic_city_panel(cities, cohorts, frozenset(approvals["city"]), broadband)
    frame, _ = pilots.design_frame(panel, cohorts, frozenset(approvals["city"]), broadband,
                                   include_cohorts=sorted(set(cohorts.values())))
    return frame


def _pyfixest_fit(design: did.Design, regressors: list[str], method: str):
    import pyfixest as pf

    xs = " + ".join(design.controls)
    if method == "twfe":
        rhs = " + ".join([*regressors, *design.controls])
        vcov = {"CRV1": "clu"} if design.cluster else "hetero"
        return pf.feols(f"y ~ {rhs} | unit_id + time_id", data=design.frame, vcov=vcov)
    return pf.did2s(design.frame.copy(), yname="y", first_stage=f"~ {xs or '0'} | unit_id + time_id",
                    second_stage="~ " + " + ".join(regressors), treatment="treat", cluster="clu")


@pytest.mark.parametrize("cluster", ["city", "province", None])
@pytest.mark.parametrize("method", did.METHODS)
def test_numpy_estimators_equal_pyfixest(city_design, method, cluster):
    """ATT and event study on the page's default data (the synthetic city panel with the Broadband-China
    control), against pyfixest's feols / did2s on the same prepared design: coefficients, standard errors and N."""
    from core import pilots

    kwargs = dict(outcome=pilots.OUTCOME, unit="city", time="year", cohort="cohort", controls=(pilots.BROADBAND,),
                  cluster=cluster)
    design = did.prepare(city_design, **kwargs)
    ref = _pyfixest_fit(design, ["d"], method)
    r = did.staggered_did(city_design, method=method, **kwargs)
    assert r.att == pytest.approx(float(ref.coef()["d"]), abs=1e-8)
    assert r.se == pytest.approx(float(ref.se()["d"]), rel=1e-6)
    assert r.nobs == int(ref._N)
    es = did.event_study(city_design, method=method, window=(-4, 3), **kwargs)
    frame = es.table[~es.table["is_reference"]].set_index("rel_period")
    names = {k: (f"ev_m{-k}" if k < 0 else f"ev_p{k}") for k in frame.index}
    event_design = did.Design(frame=design.frame.assign(**{
        name: ((design.frame["time_id"] - design.frame["cohort"]).where(design.frame["cohort"] > 0)
               .clip(-4, 3) == k).astype(float) for k, name in names.items()}),
        controls=design.controls, cluster=design.cluster, n_units=design.n_units, n_clusters=design.n_clusters,
        first_time=design.first_time, last_time=design.last_time)
    ref_es = _pyfixest_fit(event_design, list(names.values()), method)
    np.testing.assert_allclose(frame["estimate"], ref_es.coef()[list(names.values())], atol=1e-8)
    np.testing.assert_allclose(frame["se"], ref_es.se()[list(names.values())], rtol=1e-6)


def test_by_group_hand_worked_and_equal_to_single_calls():
    """Two regions with constant effects 0.5 and 1.2 and no noise: each region's ATT is its own effect exactly
    (hand-worked: y differs from the untreated path by the effect in treated years only); every row equals the
    single-sample call on that region; a region without comparison units is skipped with its reason."""
    a = two_cohort_panel(0.5).assign(region="a")
    b = two_cohort_panel(1.2).assign(region="b", unit=lambda f: f["unit"] + "b")
    c = two_cohort_panel(0.3).query("g == 2004").assign(region="c", unit=lambda f: f["unit"] + "c")
    frame = pd.concat([a, b, c], ignore_index=True)
    kwargs = dict(outcome="y", unit="unit", time="year", cohort="g", cluster="grp")
    res = did.staggered_did_by_group(frame, by="region", groups=["a", "b", "c"], **kwargs)
    table = res.table.set_index(["region", "method"])
    for method in did.METHODS:
        assert table.loc[("a", method), "att"] == pytest.approx(0.5, abs=1e-9)
        assert table.loc[("b", method), "att"] == pytest.approx(1.2, abs=1e-9)
        single = did.staggered_did(frame[frame["region"] == "a"], method=method, **kwargs)
        assert table.loc[("a", method)].to_dict() == pytest.approx({k: v for k, v in single.as_row().items()
                                                                   if k != "method"})
    assert [(g, m) for g, m, _ in res.skipped] == [("c", "twfe"), ("c", "did2s")]
    assert "never-treated" in res.skipped[0][2]
    with pytest.raises(did.DIDError):
        did.staggered_did_by_group(frame, by="belt", **kwargs)


def test_estimating_loads_no_estimator_library():
    """The page's DID path (ATT, event study, pre-trend test, regions) runs in a fresh process without pyfixest,
    scipy (not even scipy.special) or linearmodels: a cold /policy does not wait for them."""
    import subprocess
    import sys

    code = ("import sys\nfrom core import did\n"
            "import pandas as pd\nrows = [{'u': u, 't': t, 'g': 2004 if u < 4 else 0, 'r': u % 2,\n"
            "         'y': 0.1 * u + 0.2 * t + (0.5 if u < 4 and t >= 2004 else 0)} for u in range(8)\n"
            "        for t in range(2000, 2008)]\nf = pd.DataFrame(rows)\n"
            "kw = dict(outcome='y', unit='u', time='t', cohort='g', cluster='u')\n"
            "did.staggered_did(f, **kw); did.event_study(f, window=(-3, 3), **kw).pretrend_test()\n"
            "did.staggered_did_by_group(f, by='r', **kw)\n"
            "print([m for m in ('pyfixest', 'scipy', 'linearmodels', 'numba') if m in sys.modules])")
    root = Path(__file__).resolve().parents[2]
    run = subprocess.run([sys.executable, "-c", code], cwd=root, capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr[-2000:]
    assert run.stdout.strip().splitlines()[-1] == "[]"


def test_event_study_template_with_rows_draws_the_chart(city_design):
    """The page's template + rows is the export chart: the same SVG (vl-convert) for one and two estimators, on
    the page's default data."""
    from core import pilots
    from core.charts import export_svg, with_rows
    from core.charts.did import event_study_chart, event_study_rows, event_study_template

    tables = []
    for method in did.METHODS:
        es = did.event_study(city_design, outcome=pilots.OUTCOME, unit="city", time="year", cohort="cohort",
                             window=(-4, 4), method=method, cluster="city")
        tables.append(es.table.assign(method=method))
    for table in (tables[1], pd.concat(tables, ignore_index=True)):
        words = {"did2s": "两阶段", "reference": "参照期", "estimated": "估计", "true": "是", "false": "否"}
        template = event_study_template(sorted(set(table["method"])), note="synthetic", words=words)
        assert "values" not in str(template.get("datasets", {}).get("event_rows", ""))
        drawn = with_rows(template, **event_study_rows(table, words=words))

        def rounded(svg: str) -> str:  # JSON records carry 10 decimals (the tooltips' text), Altair's data all
            return re.sub(r"-?\d+\.\d+", lambda m: f"{float(m.group()):.6g}", svg)

        assert rounded(export_svg(drawn)) == rounded(export_svg(
            event_study_chart(table, note="synthetic", words=words).to_dict()))


def test_distribution_tails_equal_scipy():
    """The t, chi-squared and F tails core.did computes with the standard library agree with scipy.stats (the
    reference) to 1e-10 over the degrees of freedom and statistics the page meets and beyond; hand-worked:
    t with 1 df is Cauchy, P(T > 1) = 1/4."""
    from scipy import stats

    assert did._t_sf(1.0, 1) == pytest.approx(0.25, abs=1e-14)
    assert did._chi2_sf(2.0, 2) == pytest.approx(math.exp(-1.0), abs=1e-14)  # chi2(2) is exponential(1/2)
    for df in (1, 2, 5, 29, 108, 389, 46499):
        for t in (-8.0, -1.96, -0.1, 0.0, 0.7, 2.5, 30.0):
            assert did._t_sf(t, df) == pytest.approx(stats.t.sf(t, df), rel=1e-10, abs=1e-300)
        for p in (0.0005, 0.025, 0.5, 0.95, 0.975, 0.9995):
            assert did._t_ppf(p, df) == pytest.approx(stats.t.ppf(p, df), rel=1e-10, abs=1e-12)
    for k in (1, 3, 8, 12):
        for x in (0.01, 1.0, 3.5, 20.0, 90.0):
            assert did._chi2_sf(x, k) == pytest.approx(stats.chi2.sf(x, k), rel=1e-10)
            for d2 in (5, 108, 1961):
                assert did._f_sf(x, k, d2) == pytest.approx(stats.f.sf(x, k, d2), rel=1e-10)


@pytest.mark.parametrize("methods", [("did2s",), ("twfe",), ("did2s", "twfe")])
@pytest.mark.parametrize("words", [None, {"did2s": "两阶段", "reference": "参照期", "period": "期", "n_obs": "观测"}])
def test_event_study_template_is_the_altair_spec(methods, words):
    """The page's template, written as a plain dict, is the spec Altair makes of the event-study layers (datasets
    named by position), with and without a note, words, another reference and width."""
    import altair as alt

    from core.charts import stable_spec
    from core.charts.did import EVENT_ROWS, METHOD_NAMES, _event_layers, event_study_template

    shown = [m for m in METHOD_NAMES if m in methods]  # the chart's order, whatever order the page passes
    for note, reference, width in ((None, -1, 640), ("synthetic", -2, 500)):
        labels = dict(title="T", x_title="X", y_title="Y", reference_label="R")
        altair = stable_spec(_event_layers(alt.Data(name=EVENT_ROWS), shown, reference=reference, note=note,
                                           width=width, words=words, **labels).to_dict(validate=False))
        assert event_study_template(list(reversed(methods)), reference=reference, note=note, width=width,
                                    words=words, **labels) == altair


def test_timing_and_att_specs_are_the_validated_charts(city_design):
    """The page's unchecked dicts of the timing and ATT charts are what Altair's validated conversion gives (which
    raises on a spec the Vega-Lite schema rejects), with words and both ATT layouts."""
    from core import pilots
    from core.charts import stable_spec
    from core.charts.did import att_chart, att_spec, timing_chart, timing_spec

    words = {"east": "东部", "never": "从未", "twfe": "双向固定效应", "cities": "城市", "region": "地区"}
    timing = pilots.timing_table(city_design)
    for note, shown in ((None, None), ("n", words)):  # the written-out dict is Altair's (validated) conversion
        assert timing_spec(timing, note=note, words=shown) == stable_spec(
            timing_chart(timing, note=note, words=shown).to_dict())
    assert timing_spec(timing, words=words)["encoding"]["x"]["sort"][-1] == "从未"
    results = [did.staggered_did(city_design, outcome=pilots.OUTCOME, unit="city", time="year", cohort="cohort",
                                 method=m, cluster="city") for m in did.METHODS]
    compare = did.compare_methods(results)
    assert att_spec(compare, note="n", words=words) == att_chart(compare, note="n", words=words).to_dict()
    regional = compare.assign(region_label="东部")
    spec = att_spec(regional, group="region_label", words=words)
    assert spec == att_chart(regional, group="region_label", words=words).to_dict()
    assert spec["layer"][1]["encoding"]["yOffset"]["field"] == "method_name"
