"""The paper's two specification tests of eq. 10 (section 4.2) from the regressions they compare, in NumPy.

The F test of the province effects compares the pooled and the within (fixed-effects) regressions; the Hausman
test compares the within and the random-effects (Swamy-Arora) slopes under classical covariances.  Fitting those
models with linearmodels costs two more estimations per new sample (about 50 ms here), for two numbers; these
functions compute the same statistics from the closed forms in a millisecond, on the design an estimation sample
has already built, so a new sample on the regression page answers at once.  They follow linearmodels 7.1 to
rounding (``PanelOLS`` with entity effects, ``RandomEffects``, ``f_pooled``, ``RandomEffectsResults.hausman``,
default options) and the tests hold them equal to it; a design they do not cover (a regressor that does not vary
within provinces, or collinear once the province means are removed) returns ``None`` so the caller can let
linearmodels fit the models instead.

All arrays are plain NumPy: ``y`` (n,), ``x`` (n, k) with the constant as column ``constant``, ``codes`` (n,) the
province of each row as integers 0..N-1 (:func:`entity_codes`).

References: Baltagi, *Econometric Analysis of Panel Data* (2021), ch. 2 and 4; Hausman, "Specification tests in
econometrics" (1978); Swamy and Arora, "The exact finite sample properties of the estimators of coefficients in
the error components regression models" (1972).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

__all__ = ["ClassicalFit", "entity_codes", "group_means", "within_fit", "random_effects_fit", "pooled_f_test",
           "hausman_statistic"]


@dataclass(frozen=True)
class ClassicalFit:
    """Slopes (and constant) with their classical covariance: ``params`` (k,), ``cov`` (k, k), ``resid_ss`` (the
    residual sum of squares of the transformed regression) and ``df_resid`` (as linearmodels counts it)."""

    params: np.ndarray
    cov: np.ndarray
    resid_ss: float
    df_resid: int


def entity_codes(labels: np.ndarray) -> tuple[np.ndarray, int]:
    """Integer codes 0..N-1 of ``labels`` (any hashable values) and N, the number of distinct labels."""
    _, codes = np.unique(np.asarray(labels, dtype=object), return_inverse=True)
    return codes.astype(np.intp), int(codes.max()) + 1 if len(codes) else 0


def group_means(values: np.ndarray, codes: np.ndarray, n_groups: int) -> tuple[np.ndarray, np.ndarray]:
    """Per-group means of the columns of ``values`` (n, m) -> (N, m), and each group's count T_i (N,)."""
    counts = np.bincount(codes, minlength=n_groups).astype(float)
    sums = np.zeros((n_groups, values.shape[1]))
    np.add.at(sums, codes, values)
    return sums / counts[:, None], counts


def _homoskedastic_cov(x: np.ndarray, resid_ss: float, df: int) -> np.ndarray:
    """s² (X'X)⁻¹ with s² = e'e / df."""
    return resid_ss / df * np.linalg.inv(x.T @ x)


def _rank(x: np.ndarray, scale: np.ndarray) -> int:
    """The rank of ``x`` with each column divided by ``scale`` (its size before a transformation), so that the
    rounding left in a column the transformation removed is not counted."""
    scale = np.where(scale == 0, 1.0, scale)
    return int(np.linalg.matrix_rank(x / scale))


def within_fit(y: np.ndarray, x: np.ndarray, codes: np.ndarray, n_entities: int, constant: int) -> ClassicalFit | None:
    """Entity fixed effects (the within estimator of eq. 10), classical covariance.

    ỹ = y − ȳᵢ + ȳ,  X̃ = X − X̄ᵢ + X̄  (the constant column stays 1),  b = (X̃'X̃)⁻¹X̃'ỹ,
    V = s²(X̃'X̃)⁻¹ with s² = e'e / (n − k − (N − 1)) = e'e / ``df_resid``: linearmodels' debiased homoskedastic
    covariance, which counts the N − 1 effects as well as the k coefficients.

    None when a regressor does not vary within provinces (the effects absorb it).
    """
    n, k = x.shape
    y_means, _ = group_means(y[:, None], codes, n_entities)
    x_means, _ = group_means(x, codes, n_entities)
    x_dm = x - x_means[codes]
    slopes = [j for j in range(k) if j != constant]
    if _rank(x_dm[:, slopes], np.sqrt((x[:, slopes] ** 2).sum(0))) < len(slopes):
        return None
    yw = y - y_means[codes, 0] + y.mean()
    xw = x_dm + x.mean(0)
    params = np.linalg.lstsq(xw, yw, rcond=None)[0]
    resid = yw - xw @ params
    resid_ss = float(resid @ resid)
    df_resid = n - k - (n_entities - 1)
    return ClassicalFit(params, _homoskedastic_cov(xw, resid_ss, df_resid), resid_ss, df_resid)


def pooled_f_test(y: np.ndarray, x: np.ndarray, within: ClassicalFit, n_entities: int
                  ) -> tuple[float, int, int] | None:
    """F test that the N − 1 province effects are zero (linearmodels' ``f_pooled``).

    F = [(RSS_pooled − RSS_FE) / (N − 1)] / [RSS_FE / (n − k − (N − 1))], with RSS_pooled from OLS of y on X.
    Returns (F, numerator df, denominator df), or None when it is not defined (one province, no residual degrees
    of freedom, a perfect fit).
    """
    df_num, df_denom = n_entities - 1, within.df_resid
    if df_num <= 0 or df_denom <= 0 or within.resid_ss <= 0:
        return None
    resid = y - x @ np.linalg.lstsq(x, y, rcond=None)[0]
    pooled_ss = float(resid @ resid)
    return (pooled_ss - within.resid_ss) / df_num / (within.resid_ss / df_denom), df_num, df_denom


def random_effects_fit(y: np.ndarray, x: np.ndarray, codes: np.ndarray, n_entities: int,
                       within: ClassicalFit) -> ClassicalFit | None:
    """Random effects with Swamy-Arora variance components, classical covariance (linearmodels' defaults).

    σ²ₑ = e_w'e_w / (n − N − (k − 1)) from the ``within`` regression (:func:`within_fit` of the same arrays: its
    slopes have full rank, so its rank is k − 1 and the degrees of freedom are its ``df_resid``),
    σ²ᵤ = max(0, e_b'e_b / (N − r_b) − σ²ₑ / T̄) from the between regression of the province means (r_b its rank,
    T̄ the harmonic mean of the Tᵢ), θᵢ = 1 − √(σ²ₑ / (Tᵢσ²ᵤ + σ²ₑ)); b from OLS of y − θᵢȳᵢ on X − θᵢX̄ᵢ,
    V = s²(X*'X*)⁻¹ with s² = e*'e* / (n − k) (linearmodels' debiased homoskedastic covariance).

    None when the within or the between regression has no residual degrees of freedom.
    """
    n, k = x.shape
    y_means, counts = group_means(y[:, None], codes, n_entities)
    x_means, _ = group_means(x, codes, n_entities)
    between, _, rank_between, _ = np.linalg.lstsq(x_means, y_means[:, 0], rcond=None)
    resid_b = y_means[:, 0] - x_means @ between
    df_between = n_entities - rank_between
    if within.df_resid <= 0 or df_between <= 0:
        return None
    sigma2_e = within.resid_ss / within.df_resid
    t_bar = n_entities / float((1.0 / counts).sum())
    sigma2_u = max(0.0, float(resid_b @ resid_b) / df_between - sigma2_e / t_bar)
    theta = 1.0 - np.sqrt(sigma2_e / (counts * sigma2_u + sigma2_e))
    ys = y - (theta * y_means[:, 0])[codes]
    xs = x - (theta[:, None] * x_means)[codes]
    params = np.linalg.lstsq(xs, ys, rcond=None)[0]
    resid = ys - xs @ params
    resid_ss = float(resid @ resid)
    return ClassicalFit(params, _homoskedastic_cov(xs, resid_ss, n - k), resid_ss, n - k)


def hausman_statistic(consistent: ClassicalFit, efficient: ClassicalFit, slopes: list[int]
                      ) -> tuple[float, int, bool]:
    """H = (b₀ − b₁)'(V₀ − V₁)⁻¹(b₀ − b₁) over the ``slopes`` (positions; the constant left out), b₀, V₀ from the
    ``consistent`` (fixed-effects) fit and b₁, V₁ from the ``efficient`` (random-effects) one.

    Returns (H, degrees of freedom, whether V₀ − V₁ is positive definite); when it is not, H uses the
    generalized inverse, as linearmodels does, and the caller says so.  H may be negative or not finite: the
    caller reports it as invalid.
    """
    delta = consistent.params[slopes] - efficient.params[slopes]
    diff = consistent.cov[np.ix_(slopes, slopes)] - efficient.cov[np.ix_(slopes, slopes)]
    if not (np.all(np.isfinite(diff)) and np.all(np.isfinite(delta))):
        return float("nan"), len(slopes), False
    try:
        np.linalg.cholesky(diff)
    except np.linalg.LinAlgError:
        return float(delta @ np.linalg.pinv(diff, hermitian=True) @ delta), len(slopes), False
    return float(delta @ np.linalg.solve(diff, delta)), len(slopes), True
