"""core.spec_tests and core.panel.Sample.poolability / .hausman: the F and Hausman tests in closed form, against a
hand-worked panel, the published Grunfeld numbers (plm / Baltagi) and linearmodels' own fits."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from core import datasets, demo_panel, panel, spec_tests

PUBLIC_X = list(panel.PUBLIC_DEFAULT)


@pytest.fixture(scope="module")
def public() -> pd.DataFrame:
    return panel.public_panel(datasets.load_table1(), datasets.load_panel(), datasets.load_series(),
                              interpolate_wages=True)


@pytest.fixture(scope="module")
def demo() -> pd.DataFrame:
    return demo_panel.demo_panel(datasets.paper_provinces(), datasets.load_table4(), datasets.load_table5().coefficients)


def _arrays(sample: panel.Sample):
    codes, n = spec_tests.entity_codes(sample.y.index.get_level_values(0).to_numpy())
    return sample.y.to_numpy(float), sample.x.to_numpy(float), codes, n, list(sample.x.columns).index("const")


# --- by hand ---------------------------------------------------------------------------------------

def test_a_hand_worked_panel():
    """Two firms, three years, x = 1, 2, 3 for both; y = 1, 3, 4 and 3, 5, 6.  Within: x̃ = -1, 0, 1, so
    b = Σx̃ỹ / Σx̃² = (2 × 3) / 4 = 1.5, residuals ±1/6, 1/3: RSS_FE = 2 × 1/6 = 1/3 on 6 - 2 - 1 = 3 degrees of
    freedom.  Pooled OLS: slope 1.5 too, residuals -7/6, -2/3, -7/6, 5/6, 4/3, 5/6: RSS = 19/3.
    F = ((19/3 - 1/3) / 1) / ((1/3) / 3) = 54 on (1, 3)."""
    y = np.array([1.0, 3, 4, 3, 5, 6])
    x = np.column_stack([np.ones(6), [1.0, 2, 3, 1, 2, 3]])
    codes = np.array([0, 0, 0, 1, 1, 1])
    within = spec_tests.within_fit(y, x, codes, 2, constant=0)
    assert within.params[1] == pytest.approx(1.5)
    assert within.resid_ss == pytest.approx(1 / 3) and within.df_resid == 3
    assert within.cov[1, 1] == pytest.approx((1 / 3) / 3 / 4)  # s² / Σx̃²
    assert spec_tests.pooled_f_test(y, x, within, 2) == pytest.approx((54.0, 1, 3))


def test_group_means_and_codes():
    codes, n = spec_tests.entity_codes(np.array(["b", "a", "b", "c"], dtype=object))
    assert n == 3 and codes.tolist() == [1, 0, 1, 2]
    means, counts = spec_tests.group_means(np.array([[1.0], [2.0], [3.0], [4.0]]), codes, n)
    assert means[:, 0].tolist() == [2.0, 2.0, 4.0] and counts.tolist() == [1, 2, 1]


# --- published numbers -------------------------------------------------------------------------------

def test_grunfeld_published_f_and_hausman(grunfeld, reference):
    sample = panel.Sample(grunfeld, "invest", ["value", "capital"])
    f, h = sample.poolability(), sample.hausman()
    ref = reference["f_individual_effects"]
    assert round(f.stat, 2) == ref["stat"] and (f.df, f.df_denom) == (ref["df1"], ref["df2"])
    ref = reference["hausman"]
    assert (round(h.stat, 4), h.df, round(h.pval, 4)) == (ref["stat"], ref["df"], ref["pval"])
    assert h.warning is None and "No systematic difference" in h.interpretation
    within = spec_tests.within_fit(*_arrays(sample)[:4], constant=_arrays(sample)[4])
    assert within.params[1:].tolist() == pytest.approx([reference["within"]["value"],
                                                        reference["within"]["capital"]], abs=5e-7)
    random = spec_tests.random_effects_fit(*_arrays(sample)[:4], within)
    ref = reference["random_effects_swamy_arora"]
    assert random.params.tolist() == pytest.approx([ref["const"], ref["value"], ref["capital"]], abs=5e-4)


def test_public_panel_f_close_to_the_papers():
    data = panel.public_panel(datasets.load_table1(), datasets.load_panel())
    test = panel.Sample(data, "idt", ["lnpcgdp", "estr", "pdl", "med"]).poolability()
    assert abs(test.stat - datasets.load_table5().f_stat) / datasets.load_table5().f_stat < 0.01  # 89.85 vs 89.81


# --- equal to linearmodels -----------------------------------------------------------------------------

def _same_test(ours: panel.TestResult, theirs: panel.TestResult) -> None:
    assert (ours.name, ours.df, ours.df_denom, ours.interpretation, ours.warning) == (
        theirs.name, theirs.df, theirs.df_denom, theirs.interpretation, theirs.warning)
    # The Hausman statistic inverts a difference of covariances, which amplifies rounding; a generalized inverse
    # (V(FE) - V(RE) not positive definite, said in ``warning``) amplifies it more (seen: 2e-8 relative).
    rel = 1e-6 if ours.warning else 1e-9
    assert ours.stat == pytest.approx(theirs.stat, rel=rel, nan_ok=True)
    assert ours.pval == pytest.approx(theirs.pval, rel=rel, abs=1e-300, nan_ok=True)


@pytest.mark.parametrize("years", [(2011, 2023), (2012, 2020), (2015, 2018), (2019, 2023)])
def test_equal_to_linearmodels_on_the_public_panel(public, years):
    sample = panel.Sample(public, "idt", PUBLIC_X, years=years)
    fe, re = sample.fit("fe", "unadjusted"), sample.fit("re", "unadjusted")
    _same_test(sample.poolability(), panel.poolability_from_fit(fe))
    _same_test(sample.hausman(), panel.hausman_from_fits(fe, re))
    arrays = _arrays(sample)
    within = spec_tests.within_fit(*arrays[:4], constant=arrays[4])
    random = spec_tests.random_effects_fit(*arrays[:4], within)
    np.testing.assert_allclose(within.params, fe.params.to_numpy(), rtol=1e-10, atol=1e-12)
    # a covariance's small cross terms carry the rounding of its inverse: absolute to its largest element
    np.testing.assert_allclose(within.cov, fe.cov.to_numpy(), rtol=1e-9, atol=1e-10 * np.abs(fe.cov.to_numpy()).max())
    np.testing.assert_allclose(random.params, re.params.to_numpy(), rtol=1e-10, atol=1e-12)
    np.testing.assert_allclose(random.cov, re.cov.to_numpy(), rtol=1e-9, atol=1e-10 * np.abs(re.cov.to_numpy()).max())


def test_equal_to_linearmodels_with_lags_regions_and_standardized_terms(demo):
    kwargs = dict(transforms={"pcw": ["lag1", "standardize"], "rd": ["log"]}, years=(2012, 2021),
                  entities=datasets.paper_provinces()[:25])
    regressors = ["pcw", "rd", "estr", "pdl"]
    sample = panel.Sample(demo, "idt", regressors, **kwargs)
    _same_test(sample.poolability(), panel.poolability_test(demo, "idt", regressors, **kwargs))
    _same_test(sample.hausman(), panel.hausman_test(demo, "idt", regressors, **kwargs))


@pytest.mark.parametrize(("seed", "entities", "correlation", "valid"), [(1, 40, 0.0, True), (7, 12, 0.5, False)])
def test_equal_to_linearmodels_on_an_unbalanced_panel(seed, entities, correlation, valid):
    """Provinces observed for 3 to 10 years (the harmonic mean of T enters σ²ᵤ): effects independent of the
    regressors (a valid statistic), and effects correlated with them in a small panel (a negative statistic,
    which both report as invalid)."""
    rng = np.random.default_rng(seed)
    rows = []
    for i in range(entities):
        effect = rng.normal(0, 2)
        for year in range(2010, 2010 + int(rng.integers(3, 11))):
            x1, x2 = rng.normal(size=2) + correlation * effect
            rows.append((f"p{i:02d}", year, x1, x2, effect + 1.0 * x1 - 0.5 * x2 + rng.normal(0, 0.7)))
    data = pd.DataFrame(rows, columns=["province", "year", "a", "b", "y"]).set_index(["province", "year"])
    sample = panel.Sample(data, "y", ["a", "b"])
    assert sample.y.groupby(level=0).size().nunique() > 3
    _same_test(sample.poolability(), panel.poolability_test(data, "y", ["a", "b"]))
    hausman = sample.hausman()
    _same_test(hausman, panel.hausman_test(data, "y", ["a", "b"]))
    assert np.isfinite(hausman.stat) == valid


def test_a_regressor_the_effects_absorb_is_left_to_linearmodels(demo):
    """A regressor constant within provinces: the closed forms decline (None) and the tests are linearmodels'."""
    data = demo.assign(fixed=demo.groupby(level=0)["estr"].transform("mean"))
    sample = panel.Sample(data, "idt", ["pcw", "estr", "fixed"])
    arrays = _arrays(sample)
    assert spec_tests.within_fit(*arrays[:4], constant=arrays[4]) is None
    assert sample._closed_forms() is None  # so no random-effects closed form either: linearmodels fits both
    with pytest.warns(Warning, match="absorbed"):  # linearmodels fits, drops the absorbed regressor and says so
        f = sample.poolability()
    assert f == panel.poolability_test(data, "idt", ["pcw", "estr", "fixed"])


def test_too_few_rows_is_a_typed_error(public):
    sample = panel.Sample(public, "idt", PUBLIC_X, years=(2023, 2023), entities=["Beijing", "Tianjin"])
    with pytest.raises(panel.PanelSpecError):
        sample.poolability()
    with pytest.raises(panel.PanelSpecError):
        sample.hausman()


def test_the_generalized_inverse_is_reported():
    """V(FE) - V(RE) not positive definite: the statistic still comes (from the pseudo-inverse) with the caveat."""
    fe = spec_tests.ClassicalFit(np.array([0.0, 1.0, 2.0]), np.diag([1.0, 1.0, 1.0]), 1.0, 10)
    re = spec_tests.ClassicalFit(np.array([0.0, 0.5, 2.0]), np.diag([0.5, 0.5, 1.0]), 1.0, 10)
    stat, dof, positive_definite = spec_tests.hausman_statistic(fe, re, [1, 2])
    assert (dof, positive_definite) == (2, False) and stat == pytest.approx(0.5 ** 2 / 0.5)
    stat, dof, positive_definite = spec_tests.hausman_statistic(fe, re, [1])
    assert positive_definite and stat == pytest.approx(0.5)
