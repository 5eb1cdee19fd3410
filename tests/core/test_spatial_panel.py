"""core.spatial_panel against PySAL spreg, against the likelihood written out here, against known parameters,
and the effects and spillovers against the matrix (I - rho W)^-1 (beta I + theta W) built by hand."""

from __future__ import annotations

import math
import warnings

import numpy as np
import pandas as pd
import pytest
from scipy.optimize import brute, minimize_scalar

from core import datasets, weights
from core import spatial_panel as sp

REGRESSORS = ["x1", "x2"]
TRUE = {"beta": np.array([1.0, -0.5]), "theta": np.array([0.3, 0.2]), "rho": 0.4, "lambda": 0.5, "sigma": 0.5}


@pytest.fixture(scope="module")
def provinces() -> list[str]:
    return datasets.paper_provinces()


@pytest.fixture(scope="module")
def queen(provinces) -> pd.DataFrame:
    return weights.queen_weights(provinces)


def generate(provinces: list[str], w: pd.DataFrame, model: str, *, years: int = 13, seed: int = 1) -> pd.DataFrame:
    """A balanced panel from the model with the TRUE parameters and entity effects correlated with x."""
    rng = np.random.default_rng(seed)
    n = len(provinces)
    wm = weights.row_standardise(w).to_numpy()
    mu = rng.normal(size=n) * 2
    x = rng.normal(size=(years, n, 2)) + 0.5 * mu[None, :, None]
    eps = rng.normal(size=(years, n)) * TRUE["sigma"]
    a = np.eye(n)
    ys = []
    for t in range(years):
        xb = x[t] @ TRUE["beta"]
        if model == "error":
            ys.append(xb + mu + np.linalg.solve(a - TRUE["lambda"] * wm, eps[t]))
        else:
            theta = TRUE["theta"] if model == "durbin" else np.zeros(2)
            ys.append(np.linalg.solve(a - TRUE["rho"] * wm, xb + wm @ x[t] @ theta + mu + eps[t]))
    y = np.array(ys)
    index = pd.MultiIndex.from_product([provinces, range(2011, 2011 + years)], names=["province", "year"])
    return pd.DataFrame({"y": y.T.reshape(-1), "x1": x[:, :, 0].T.reshape(-1), "x2": x[:, :, 1].T.reshape(-1)},
                        index=index)


@pytest.fixture(scope="module")
def panels(provinces, queen) -> dict[str, pd.DataFrame]:
    return {m: generate(provinces, queen, m) for m in sp.MODELS}


def _wide(df: pd.DataFrame, provinces: list[str]) -> tuple[np.ndarray, np.ndarray]:
    y = df["y"].unstack("year").loc[provinces].to_numpy()
    x = np.hstack([df[c].unstack("year").loc[provinces].to_numpy() for c in REGRESSORS])
    return y, x


def _spreg_fit(kind: str, y, x, lw):
    import spreg

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return {"ML_LagFE": lambda: spreg.ML_LagFE(y, x, lw, spat_impacts="full"),
                "ML_ErrorFE": lambda: spreg.ML_ErrorFE(y, x, lw),
                "Panel_FE_Lag": lambda: spreg.Panel_FE_Lag(y, x, lw),
                "Panel_FE_Error": lambda: spreg.Panel_FE_Error(y, x, lw),
                "ML_LagFE_slx": lambda: spreg.ML_LagFE(y, x, lw, slx_lags=1, spat_impacts="full")}[kind]()


# --- agreement with spreg ---------------------------------------------------------------------------

@pytest.mark.parametrize("model, reference", [("lag", "ML_LagFE"), ("lag", "Panel_FE_Lag"), ("error", "ML_ErrorFE"),
                                              ("error", "Panel_FE_Error"), ("durbin", "ML_LagFE_slx")])
@pytest.mark.parametrize("kind", ["queen", "knn", "distance"])
def test_agrees_with_spreg(panels, provinces, queen, model, reference, kind):
    # knn: asymmetric, complex eigenvalues; distance: dense
    w = {"queen": queen, "knn": weights.knn_weights(provinces, k=4),
         "distance": weights.inverse_distance_weights(provinces)}[kind]
    df = panels[model]
    ours = sp.fit_spatial_panel(df, "y", REGRESSORS, w, model=model)
    lw = weights.to_libpysal(w)
    lw.transform = "r"
    theirs = _spreg_fit(reference, *_wide(df, provinces), lw)
    np.testing.assert_allclose(ours.params.to_numpy(), np.ravel(theirs.betas), atol=1e-3, rtol=0)
    np.testing.assert_allclose(ours.std_errors.to_numpy(), np.ravel(theirs.std_err), atol=1e-3, rtol=0)
    assert ours.sigma2 == pytest.approx(float(np.ravel(theirs.sig2)[0]), rel=1e-4)
    if reference.startswith("ML_"):  # the deprecated Panel_FE_Lag reports a log-likelihood without -NT/2 ln(NT)
        assert ours.loglik == pytest.approx(float(np.ravel(theirs.logll)[0]), abs=1e-3)


def test_effects_agree_with_spreg_multipliers(panels, provinces, queen):
    lw = weights.to_libpysal(queen)
    lw.transform = "r"
    lag = sp.fit_spatial_panel(panels["lag"], "y", REGRESSORS, queen, model="lag")
    adi, aii, ati = _spreg_fit("ML_LagFE", *_wide(panels["lag"], provinces), lw).sp_multipliers["full"]
    beta = lag.params[REGRESSORS].to_numpy()
    np.testing.assert_allclose(lag.effects.direct, beta * adi, atol=1e-4)
    np.testing.assert_allclose(lag.effects.indirect, beta * aii, atol=1e-4)
    np.testing.assert_allclose(lag.effects.total, beta * ati, atol=1e-4)
    # Durbin: spreg's totals include theta; its direct effect counts theta as indirect only (spreg's comment),
    # so only the totals are compared here; the direct effect is checked against the hand matrix below.
    durbin = sp.fit_spatial_panel(panels["durbin"], "y", REGRESSORS, queen, model="durbin")
    ref = _spreg_fit("ML_LagFE_slx", *_wide(panels["durbin"], provinces), lw)
    ati = ref.sp_multipliers["full"][2]
    theta = durbin.params[["W_x1", "W_x2"]].to_numpy()
    np.testing.assert_allclose(durbin.effects.total, (durbin.params[REGRESSORS].to_numpy() + theta) * ati, atol=1e-4)


# --- an independent likelihood -------------------------------------------------------------------------

def _full_loglik(model: str, df: pd.DataFrame, w: np.ndarray, provinces: list[str], rho: float) -> float:
    """-NT/2 ln(2 pi s2) - NT/2 + T ln|det(I - rho W)|, beta and s2 profiled by OLS on the demeaned,
    spatially transformed data, with slogdet and a Kronecker-product W (nothing shared with core)."""
    t = df.index.get_level_values("year").nunique()
    n = len(provinces)
    ordered = df.swaplevel().sort_index(level=0).reindex(
        pd.MultiIndex.from_product([sorted(df.index.get_level_values("year").unique()), provinces]))
    big_w = np.kron(np.eye(t), w)
    demean = np.kron(np.eye(t) - np.ones((t, t)) / t, np.eye(n))
    y = demean @ ordered["y"].to_numpy()
    x = demean @ ordered[REGRESSORS].to_numpy()
    if model == "durbin":
        x = np.hstack([x, big_w @ x])
    a = np.eye(n * t) - rho * big_w
    if model == "error":
        ys, xs = a @ y, a @ x
    else:
        ys, xs = a @ y, x
    beta = np.linalg.lstsq(xs, ys, rcond=None)[0]
    e = ys - xs @ beta
    s2 = e @ e / (n * t)
    sign, logdet = np.linalg.slogdet(np.eye(n) - rho * w)
    assert sign > 0
    return -n * t / 2 * math.log(2 * math.pi * s2) - n * t / 2 + t * logdet


@pytest.mark.parametrize("model", sp.MODELS)
def test_agrees_with_the_likelihood_written_out_and_maximised_by_scipy(panels, provinces, queen, model):
    w = weights.row_standardise(queen).to_numpy()
    df = panels[model]
    ours = sp.fit_spatial_panel(df, "y", REGRESSORS, queen, model=model)
    name = "lambda" if model == "error" else "rho"

    def negll(r: float) -> float:
        return -_full_loglik(model, df, w, provinces, float(np.ravel(r)[0]))

    coarse = brute(negll, [(-0.9, 0.95)], Ns=60, finish=None)
    fine = minimize_scalar(negll, bounds=(coarse - 0.05, coarse + 0.05), method="bounded",
                           options={"xatol": 1e-9})
    assert ours.params[name] == pytest.approx(fine.x, abs=1e-3)
    assert ours.loglik == pytest.approx(-fine.fun, abs=1e-3)
    assert ours.loglik == pytest.approx(_full_loglik(model, df, w, provinces, ours.params[name]), abs=1e-8)


@pytest.mark.parametrize("model", sp.MODELS)
def test_recovers_known_parameters(provinces, queen, model):
    df = generate(provinces, queen, model, years=60, seed=7)
    fit = sp.fit_spatial_panel(df, "y", REGRESSORS, queen, model=model)
    truth = dict(zip(REGRESSORS, TRUE["beta"]))
    if model == "durbin":
        truth.update(zip(["W_x1", "W_x2"], TRUE["theta"]))
    truth["lambda" if model == "error" else "rho"] = TRUE["lambda" if model == "error" else "rho"]
    for name, value in truth.items():
        assert abs(fit.params[name] - value) < 4 * fit.std_errors[name], name
    assert fit.sigma2 == pytest.approx(TRUE["sigma"] ** 2 * (60 - 1) / 60, rel=0.1)  # ML, no Lee-Yu correction
    mu_corr = np.corrcoef(fit.entity_effects.to_numpy(), df["x1"].groupby(level=0, sort=False).mean())[0, 1]
    assert mu_corr > 0.5  # the recovered fixed effects track the generated ones (correlated with x by design)


# --- effects ------------------------------------------------------------------------------------------

@pytest.mark.parametrize("model", ["lag", "durbin"])
def test_effects_follow_the_matrix_formula(panels, queen, model):
    fit = sp.fit_spatial_panel(panels[model], "y", REGRESSORS, queen, model=model)
    w = weights.row_standardise(queen).to_numpy()
    n = w.shape[0]
    inv = np.linalg.inv(np.eye(n) - fit.rho * w)
    for name in REGRESSORS:
        theta = fit.params.get(f"W_{name}", 0.0)
        s = inv @ (fit.params[name] * np.eye(n) + theta * w)
        direct = np.trace(s) / n
        total = s.sum() / n
        row = fit.effects.loc[name]
        assert row.direct == pytest.approx(direct, abs=1e-10)
        assert row.total == pytest.approx(total, abs=1e-10)
        assert row.indirect == pytest.approx(total - direct, abs=1e-10)
        assert row.direct_lower < row.direct < row.direct_upper and row.total_lower < row.total < row.total_upper
        np.testing.assert_allclose(sp.impact_matrix(fit, name).to_numpy(), s, atol=1e-12)


def test_simulated_effect_errors_match_the_delta_method_and_are_reproducible(panels, queen):
    fit = sp.fit_spatial_panel(panels["durbin"], "y", REGRESSORS, queen, model="durbin")
    eig = fit.weights.eigenvalues
    order = ["x1", "x2", "W_x1", "W_x2", "rho"]
    theta0 = fit.params[order].to_numpy()

    def effects(p: np.ndarray) -> np.ndarray:
        d, i, t = sp.effects_from_params(p[:2], p[2:4], np.array(p[4]), eig)
        return np.concatenate([d, i, t])

    grad = np.array([(effects(theta0 + h) - effects(theta0 - h)) / 2e-6 for h in np.eye(5) * 1e-6]).T
    delta = np.sqrt(np.diag(grad @ fit.cov.loc[order, order].to_numpy() @ grad.T))
    sims = fit.effects_table(draws=20000, seed=3)
    simulated = np.concatenate([sims[f"{c}_se"].to_numpy() for c in ("direct", "indirect", "total")])
    np.testing.assert_allclose(simulated, delta, rtol=0.05)
    assert fit.effects.equals(fit.effects_table()) and fit.effects.attrs["seed"] == sp.DEFAULT_SEED
    assert not fit.effects_table(seed=4).equals(fit.effects_table(seed=5))


def test_error_model_effects_are_beta_without_spillover(panels, queen):
    fit = sp.fit_spatial_panel(panels["error"], "y", REGRESSORS, queen, model="error")
    np.testing.assert_allclose(fit.effects.direct, fit.params[REGRESSORS])
    assert (fit.effects.indirect == 0).all() and (fit.effects.total == fit.effects.direct).all()
    np.testing.assert_allclose(fit.effects.direct_se, fit.std_errors[REGRESSORS])


# --- spillover projection -------------------------------------------------------------------------------

def test_spillover_projection_splits_own_and_neighbours_without_refitting(panels, queen, monkeypatch):
    fit = sp.fit_spatial_panel(panels["durbin"], "y", REGRESSORS, queen, model="durbin")

    def no_refit(*args, **kwargs):
        raise AssertionError("a lever move must not refit")

    monkeypatch.setattr(sp, "fit_spatial_panel", no_refit)
    monkeypatch.setattr(sp, "_fit_lag", no_refit)
    s = sp.impact_matrix(fit, "x1")
    out = sp.spillover_projection(fit, "x1", {"Sichuan": 1.0, "Chongqing": -0.5})
    dx = pd.Series(0.0, index=s.index)
    dx[["Sichuan", "Chongqing"]] = [1.0, -0.5]
    np.testing.assert_allclose(out.change, s.to_numpy() @ dx.to_numpy(), atol=1e-12)
    assert out.loc["Sichuan", "direct"] == pytest.approx(s.loc["Sichuan", "Sichuan"])
    assert out.loc["Sichuan", "spillover"] == pytest.approx(-0.5 * s.loc["Sichuan", "Chongqing"])
    assert out.loc["Guizhou", "direct"] == 0 and out.loc["Guizhou", "spillover"] == pytest.approx(
        s.loc["Guizhou", "Sichuan"] - 0.5 * s.loc["Guizhou", "Chongqing"])
    np.testing.assert_allclose(out.direct + out.spillover, out.change)
    assert set(out.index[out.moved]) == {"Sichuan", "Chongqing"} and out.loc["Sichuan", "dx"] == 1.0
    # a unit change everywhere averages to the total effect
    everywhere = sp.spillover_projection(fit, "x1", pd.Series(1.0, index=list(fit.entities)))
    assert everywhere.change.mean() == pytest.approx(fit.effects.loc["x1", "total"])
    assert everywhere.direct.mean() == pytest.approx(fit.effects.loc["x1", "direct"])
    with pytest.raises(sp.WeightsMismatchError, match="Atlantis"):
        sp.spillover_projection(fit, "x1", {"Atlantis": 1})
    with pytest.raises(sp.SpatialPanelInputError, match="not a regressor"):
        sp.spillover_projection(fit, "W_x1", {"Sichuan": 1})


def test_error_model_projection_has_no_spillover(panels, queen):
    fit = sp.fit_spatial_panel(panels["error"], "y", REGRESSORS, queen, model="error")
    out = sp.spillover_projection(fit, "x2", {"Sichuan": 2.0})
    assert out.loc["Sichuan", "change"] == pytest.approx(2 * fit.params["x2"])
    assert (out.spillover.abs() < 1e-12).all()


# --- tests for the model ----------------------------------------------------------------------------

def test_lm_tests_against_the_formulas_in_kronecker_form_and_spreg(panels, provinces, queen):
    from scipy.stats import chi2

    df = panels["lag"]
    ours = sp.lm_tests(df, "y", REGRESSORS, queen)
    w = weights.row_standardise(queen).to_numpy()
    t, n = 13, len(provinces)
    ordered = df.swaplevel().sort_index(level=0).reindex(pd.MultiIndex.from_product([range(2011, 2024), provinces]))
    demean = np.kron(np.eye(t) - np.ones((t, t)) / t, np.eye(n))
    y, x = demean @ ordered["y"].to_numpy(), demean @ ordered[REGRESSORS].to_numpy()
    big_w = np.kron(np.eye(t), w)
    b = np.linalg.solve(x.T @ x, x.T @ y)
    e = y - x @ b
    s2 = e @ e / (n * t)
    m = np.eye(n * t) - x @ np.linalg.inv(x.T @ x) @ x.T
    tw = np.trace(w.T @ w + w @ w)
    j = ((big_w @ x @ b) @ m @ (big_w @ x @ b) + t * tw * s2) / s2
    lag, err = e @ big_w @ y / s2, e @ big_w @ e / s2
    expected = {"lm_lag": lag ** 2 / j, "lm_error": err ** 2 / (t * tw),
                "robust_lm_lag": (lag - err) ** 2 / (j - t * tw),
                "robust_lm_error": (err - t * tw / j * lag) ** 2 / (t * tw * (1 - t * tw / j))}
    for name, value in expected.items():
        assert ours.loc[name, "statistic"] == pytest.approx(value, rel=1e-9), name
        assert ours.loc[name, "p_value"] == pytest.approx(chi2.sf(value, 1), rel=1e-9)
    assert ours.loc["lm_lag", "p_value"] < 1e-6  # the data have rho = 0.4

    # spreg's panel LM tests run pooled OLS with a constant and sigma^2 = e'e/(NT - k); on demeaned data
    # they differ from the within-regression version only by that sigma^2, which is rescaled here
    import spreg

    lw = weights.to_libpysal(queen)
    lw.transform = "r"
    yw, xw = _wide(df, provinces)
    yd = yw - yw.mean(axis=1, keepdims=True)
    xd = np.hstack([block - block.mean(axis=1, keepdims=True) for block in np.split(xw, 2, axis=1)])
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        ratio = (e @ e / (n * t - 3)) / s2
        assert spreg.panel_LMerror(yd, xd, lw)[0] * ratio ** 2 == pytest.approx(expected["lm_error"], rel=1e-6)
        assert spreg.panel_rLMlag(yd, xd, lw)[0] * ratio == pytest.approx(expected["robust_lm_lag"], rel=1e-6)


def test_likelihood_ratio_tests(panels, queen):
    comparison = sp.compare_models(panels["durbin"], "y", REGRESSORS, queen)
    fits = comparison.fits
    lr = comparison.lr
    assert lr.loc["durbin_vs_lag", "statistic"] == pytest.approx(2 * (fits["durbin"].loglik - fits["lag"].loglik))
    assert lr.loc["durbin_vs_error", "df"] == 2 and lr.loc["lag_vs_fe", "df"] == 1
    assert lr.loc["durbin_vs_lag", "p_value"] < 0.01  # the data have theta != 0
    # the FE log-likelihood is the lag model's concentrated likelihood at rho = 0, i.e. linearmodels' PanelOLS
    from linearmodels.panel import PanelOLS

    df = panels["durbin"]
    ols = PanelOLS(df["y"], df[REGRESSORS], entity_effects=True).fit()
    nt = len(df)
    assert comparison.fe_loglik == pytest.approx(-nt / 2 * (math.log(2 * math.pi * ols.resid_ss / nt) + 1))
    assert list(comparison.models.index) == ["fe", "lag", "error", "durbin"]


def test_morans_i_of_fe_residuals_matches_esda(panels, provinces, queen):
    from esda import Moran

    df = panels["lag"]
    out = sp.fe_residual_morans_i(df, "y", REGRESSORS, queen, permutations=199, seed=1)
    resid = sp.fe_residuals(df, "y", REGRESSORS, queen)
    lw = weights.to_libpysal(queen)
    for year in (2011, 2017, 2023):
        e = resid.xs(year, level="year").reindex(provinces).to_numpy()
        ref = Moran(e, lw, transformation="r", permutations=0)
        assert out.loc[str(year), "I"] == pytest.approx(ref.I, abs=1e-10)
        assert out.loc[str(year), "expected"] == pytest.approx(ref.EI)
    e = resid.unstack("entity")[provinces].to_numpy()
    e = e - e.mean(axis=1, keepdims=True)
    w = weights.row_standardise(queen).to_numpy()
    assert out.loc["pooled", "I"] == pytest.approx(np.einsum("ti,ij,tj->", e, w, e) / (e * e).sum())
    assert out.loc["pooled", "p_sim"] == pytest.approx(1 / 200)  # positive dependence left (rho = 0.4)
    assert out.equals(sp.fe_residual_morans_i(df, "y", REGRESSORS, queen, permutations=199, seed=1))
    spatial_resid = sp.fit_spatial_panel(df, "y", REGRESSORS, queen, model="lag").resids
    assert abs(sp.residual_morans_i(spatial_resid, queen, permutations=0).loc["pooled", "I"]) < abs(
        out.loc["pooled", "I"])


# --- inputs ---------------------------------------------------------------------------------------------

def test_results_object(panels, queen):
    lag = sp.fit_spatial_panel(panels["lag"], "y", REGRESSORS, queen)
    assert list(lag.params.index) == ["x1", "x2", "rho"] and lag.rho == lag.params["rho"]
    assert lag.nobs == 390 and lag.nentities == 30 and lag.ntime == 13
    assert list(lag.effects.columns[:3]) == ["direct", "indirect", "total"]
    assert list(lag.effects.index) == REGRESSORS
    assert "rho" in lag.summary and "Effects" in lag.summary and "Hainan" in lag.summary
    assert lag.resids.index.names == ["entity", "year"] and len(lag.resids) == 390
    err = sp.fit_spatial_panel(panels["error"], "y", REGRESSORS, queen, model="error")
    assert getattr(err, "lambda") == err.lam == err.params["lambda"] and math.isnan(err.rho)
    durbin = sp.fit_spatial_panel(panels["durbin"], "y", REGRESSORS, queen, model="durbin")
    assert list(durbin.params.index) == ["x1", "x2", "W_x1", "W_x2", "rho"]
    assert durbin.cov.shape == (5, 5)


def test_weights_forms_and_cached_eigenvalues(panels, provinces, queen):
    lw = weights.to_libpysal(queen)
    a = sp.fit_spatial_panel(panels["lag"], "y", REGRESSORS, queen)
    b = sp.fit_spatial_panel(panels["lag"], "y", REGRESSORS, lw)
    shuffled = queen.loc[provinces[::-1], provinces[::-1]]  # the labels, not the order, pair rows with entities
    c = sp.fit_spatial_panel(panels["lag"], "y", REGRESSORS, shuffled)
    assert a.params.equals(b.params) and a.loglik == pytest.approx(c.loglik) and a.rho == pytest.approx(c.rho)
    assert sp.prepare_weights(queen) is sp.prepare_weights(queen.copy())  # eigenvalues computed once
    eig = sp.prepare_weights(queen).eigenvalues
    np.testing.assert_allclose(np.sort(eig), np.sort(np.linalg.eigvals(weights.row_standardise(queen)).real),
                               atol=1e-10)
    assert sp.prepare_weights(queen).bounds[1] == pytest.approx(1.0)


def test_typed_errors_and_nothing_dropped(panels, provinces, queen):
    df = panels["lag"]
    with pytest.raises(sp.WeightsMismatchError, match="in the panel but not in the weights: Beijing"):
        sp.fit_spatial_panel(df, "y", REGRESSORS, weights.queen_weights(provinces[1:]))
    with pytest.raises(sp.WeightsMismatchError, match="in the weights but not in the panel: Tibet"):
        sp.fit_spatial_panel(df, "y", REGRESSORS, weights.queen_weights([*provinces, "Tibet"]))
    with pytest.raises(sp.InvalidWeightsError, match="not square"):
        sp.fit_spatial_panel(df, "y", REGRESSORS, queen.iloc[:, :-1])
    with pytest.raises(sp.InvalidWeightsError, match="Hainan"):
        sp.fit_spatial_panel(df, "y", REGRESSORS, weights.queen_weights(provinces, islands="none"))
    with pytest.raises(sp.UnbalancedPanelError, match=r"Anhui \(12 of 13 years\)"):
        sp.fit_spatial_panel(df.drop(("Anhui", 2015)), "y", REGRESSORS, queen)
    gap = df.copy()
    gap.loc[("Hebei", 2020), "x2"] = np.nan
    with pytest.raises(sp.UnbalancedPanelError, match="Hebei 2020 \\(x2\\)"):
        sp.fit_spatial_panel(gap, "y", REGRESSORS, queen)
    with pytest.raises(sp.SpatialPanelInputError, match="unknown spatial model"):
        sp.fit_spatial_panel(df, "y", REGRESSORS, queen, model="sac")
    with pytest.raises(sp.SpatialPanelInputError, match="no column 'x9'"):
        sp.fit_spatial_panel(df, "y", ["x9"], queen)
    with pytest.raises(sp.SpatialPanelInputError, match="entity, year"):
        sp.fit_spatial_panel(df.reset_index(), "y", REGRESSORS, queen)
    fixed = df.assign(region=df.groupby(level=0)["x1"].transform("mean"))
    with pytest.raises(sp.SpatialPanelInputError, match="absorbed by them"):
        sp.fit_spatial_panel(fixed, "y", ["x1", "region"], queen)
    for error in (sp.WeightsMismatchError, sp.InvalidWeightsError, sp.UnbalancedPanelError,
                  sp.SpatialPanelInputError, sp.ConvergenceError):
        assert issubclass(error, sp.SpatialModelError) and issubclass(error, ValueError)


def test_rho_at_the_bound_is_a_convergence_error(panels, provinces, queen):
    # a dependent that moves only with a shock common to all provinces: Wy = y after demeaning, so the
    # likelihood keeps rising as rho -> 1
    df = panels["lag"].copy()
    years = df.index.get_level_values("year").to_numpy()
    entity = pd.Series(range(len(provinces)), index=provinces).reindex(df.index.get_level_values(0)).to_numpy()
    df["y"] = np.sin(years) + entity + 1e-6 * df["x1"]
    with pytest.raises(sp.ConvergenceError, match="edge of the admissible interval"):
        sp.fit_spatial_panel(df, "y", REGRESSORS, queen, model="lag")
    with pytest.raises(sp.ConvergenceError, match="rho = 0.1"):
        sp.fit_spatial_panel(panels["lag"], "y", REGRESSORS, queen, bounds=(-0.5, 0.1))


@pytest.mark.parametrize("model", sp.MODELS)
def test_degenerate_dependents_are_typed_errors(panels, queen, model):
    df = panels[model]
    flat = df.assign(y=df.groupby(level=0)["x1"].transform("mean"))  # constant within every entity
    with pytest.raises(sp.SpatialPanelInputError, match="does not change over time"):
        sp.fit_spatial_panel(flat, "y", REGRESSORS, queen, model=model)
    exact = df.assign(y=2 * df["x1"] - df["x2"])  # no error term at all
    with pytest.raises((sp.SpatialPanelInputError, sp.ConvergenceError), match="exactly"):
        sp.fit_spatial_panel(exact, "y", REGRESSORS, queen, model=model)


# --- two-way fixed effects -----------------------------------------------------------------------------

def _with_year_shocks(df: pd.DataFrame, seed: int = 11) -> pd.DataFrame:
    """Add a year shock common to all provinces to y and to x1 (which two-way effects must absorb)."""
    rng = np.random.default_rng(seed)
    years = df.index.get_level_values("year")
    shock = pd.Series(rng.normal(size=years.nunique()) * 3, index=sorted(years.unique()))
    return df.assign(y=df["y"] + shock.reindex(years).to_numpy(), x1=df["x1"] + 0.5 * shock.reindex(years).to_numpy())


@pytest.mark.parametrize("model, reference", [("lag", "ML_LagFE"), ("error", "ML_ErrorFE"),
                                              ("durbin", "ML_LagFE_slx")])
def test_twoway_agrees_with_spreg_on_year_demeaned_data(panels, provinces, queen, model, reference):
    df = _with_year_shocks(panels[model])
    ours = sp.fit_spatial_panel(df, "y", REGRESSORS, queen, model=model, fixed_effects="twoway")
    # a row-standardised W maps a year's common value to itself, so demeaning by year first and then
    # letting spreg demean by entity is the two-way within transformation
    by_year = df - df.groupby(level="year").transform("mean")
    lw = weights.to_libpysal(queen)
    lw.transform = "r"
    theirs = _spreg_fit(reference, *_wide(by_year, provinces), lw)
    np.testing.assert_allclose(ours.params.to_numpy(), np.ravel(theirs.betas), atol=1e-3, rtol=0)
    np.testing.assert_allclose(ours.std_errors.to_numpy(), np.ravel(theirs.std_err), atol=1e-3, rtol=0)
    assert ours.loglik == pytest.approx(float(np.ravel(theirs.logll)[0]), abs=1e-3)
    assert ours.fixed_effects == "twoway" and "entity and year" in ours.summary
    assert ours.time_effects.sum() == pytest.approx(0, abs=1e-9) and len(ours.time_effects) == 13
    # entity-only effects are thrown off by the common shocks; two-way effects recover the truth
    name = "lambda" if model == "error" else "rho"
    truth = TRUE["lambda" if model == "error" else "rho"]
    assert abs(ours.params[name] - truth) < 4 * ours.std_errors[name]


def test_twoway_absorbs_a_regressor_common_to_all_provinces(panels, queen):
    df = panels["lag"]
    common = df.assign(national=df.groupby(level="year")["x1"].transform("mean"))
    with pytest.raises(sp.SpatialPanelInputError, match="absorbed"):
        sp.fit_spatial_panel(common, "y", ["x1", "national"], queen, fixed_effects="twoway")
    with pytest.raises(sp.SpatialPanelInputError, match="fixed_effects"):
        sp.fit_spatial_panel(df, "y", REGRESSORS, queen, fixed_effects="time")
    tw = sp.compare_models(_with_year_shocks(df), "y", REGRESSORS, queen, fixed_effects="twoway")
    assert all(f.fixed_effects == "twoway" for f in tw.fits.values())
    assert sp.lm_tests(df, "y", REGRESSORS, queen, fixed_effects="twoway").shape == (4, 3)
