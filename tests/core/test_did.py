"""core.did: reference values on pyfixest's df_het, exact recovery on a hand-built panel, typed errors."""

from __future__ import annotations

import json
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
    lo, hi = r.conf_int()
    assert lo < r.att < hi and "did2s" in r.summary()


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
