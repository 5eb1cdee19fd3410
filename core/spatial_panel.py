"""Spatial panel models with entity (or entity and year) fixed effects, estimated by maximum likelihood.

Models (N entities observed in each of T years; W row-standardised N x N)::

    lag     (SAR)  y_t = rho W y_t + X_t beta + mu + e_t
    error   (SEM)  y_t = X_t beta + mu + u_t,      u_t = lambda W u_t + e_t
    durbin  (SDM)  y_t = rho W y_t + X_t beta + W X_t theta + mu + e_t

with mu the entity fixed effects and e_t ~ N(0, sigma^2 I); ``fixed_effects="twoway"``
adds a year effect alpha_t to each equation.  Estimation follows Elhorst,
"Specification and estimation of spatial panel data models" (2003) and LeSage &
Pace, *Introduction to Spatial Econometrics* (2009): the fixed effects are swept
out by demeaning every variable within entity (and, two-way, within year), and
the log-likelihood is concentrated in the one spatial parameter,

    l(rho) = -NT/2 ln(2 pi sigma^2(rho)) - NT/2 + T sum_i ln|1 - rho omega_i|

where omega are the eigenvalues of W (computed once per W and cached, so each
evaluation of the log-determinant costs O(N)) and sigma^2(rho) = e'e / NT is the
ML variance of the residuals given rho.  This is the "direct approach" of
Elhorst (2003) that PySAL's ``spreg.ML_LagFE`` / ``ML_ErrorFE`` implement; the
Lee & Yu (2010) bias correction of sigma^2 (a factor T/(T-1)) is *not* applied.
rho (or lambda) is searched in the open interval (1/omega_min, 1/omega_max),
1/omega_max = 1 for row-standardised W.  Standard errors come from the inverse
of the analytical information matrix (Elhorst 2003; the same matrix as spreg's).

Effects (LeSage & Pace 2009, ch. 2.7): for regressor k the N x N matrix of
partial derivatives dy/dx_k' is S_k = (I - rho W)^-1 (beta_k I + theta_k W).
The average direct effect is tr(S_k)/N, the average total effect 1'S_k 1/N
(= (beta_k + theta_k)/(1 - rho) for row-standardised W) and the indirect
(spillover) effect their difference.  Their uncertainty is **simulated**:
``draws`` parameter vectors are drawn from the asymptotic normal distribution
of the estimates (mean the estimates, covariance the inverse information
matrix, NumPy ``default_rng(seed)``, default seed 20260101, draws with rho
outside the admissible interval are redrawn); standard errors are the standard
deviation of the simulated effects and bands their percentiles.  In the error
model X has no spatial multiplier: direct = beta, indirect = 0, total = beta,
with the analytical standard error of beta.

Everything fails loudly with a subclass of :class:`SpatialModelError` (a
``ValueError``): weights whose labels differ from the panel's entities, a
non-square or negative matrix or a row of zeros, an unbalanced panel or a
missing value (nothing is dropped), or a likelihood whose maximum sits at the
edge of the admissible interval.
"""

from __future__ import annotations

import hashlib
import math
from collections import OrderedDict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

import numpy as np
import pandas as pd

__all__ = [
    "SpatialModelError", "WeightsMismatchError", "InvalidWeightsError", "UnbalancedPanelError",
    "SpatialPanelInputError", "ConvergenceError",
    "MODELS", "FIXED_EFFECTS", "DEFAULT_SEED", "DEFAULT_DRAWS",
    "PreparedWeights", "prepare_weights", "check_weights",
    "SpatialPanelResults", "fit_spatial_panel",
    "effects_from_params", "impact_matrix", "spillover_projection",
    "lm_tests", "ModelComparison", "compare_models",
    "fe_residuals", "residual_morans_i", "fe_residual_morans_i",
]

Model = Literal["lag", "error", "durbin"]
MODELS: tuple[str, ...] = ("lag", "error", "durbin")
#: ``entity``: entity fixed effects; ``twoway``: entity and year fixed effects
FIXED_EFFECTS: tuple[str, ...] = ("entity", "twoway")
DEFAULT_SEED = 20260101
DEFAULT_DRAWS = 1000
#: an estimate closer than this to the edge of the admissible interval is "at the bound"
BOUND_TOLERANCE = 1e-3


# The errors live in core.errors (common base CoreError); re-exported here for `except spatial_panel.X`.
from core.errors import (  # noqa: E402
    ConvergenceError, InvalidWeightsError, SpatialModelError, SpatialPanelInputError, UnbalancedPanelError,
    WeightsMismatchError,
)


# --- weights --------------------------------------------------------------------------------------

def _as_frame(w: Any) -> pd.DataFrame:
    if isinstance(w, PreparedWeights):
        return w.frame
    if isinstance(w, pd.DataFrame):
        return w
    if hasattr(w, "full") and hasattr(w, "id_order"):  # libpysal.weights.W
        full, ids = w.full()
        labels = [str(i) for i in ids]
        return pd.DataFrame(np.asarray(full, dtype=float), index=labels, columns=labels)
    raise InvalidWeightsError("weights must be a square DataFrame labelled by entity or a libpysal W")


def check_weights(w: Any) -> pd.DataFrame:
    """Validate ``w`` (DataFrame or libpysal W) and return it row-standardised (rows sum to 1).

    Raises :class:`InvalidWeightsError` if it is not square, its row and column labels differ,
    an entry is negative or not finite, the diagonal is not zero, or a row is all zeros.
    """
    frame = _as_frame(w)
    if frame.shape[0] != frame.shape[1]:
        raise InvalidWeightsError("the weights matrix is not square ({rows} x {columns})",
                                  rows=frame.shape[0], columns=frame.shape[1])
    rows = [str(x) for x in frame.index]
    cols = [str(x) for x in frame.columns]
    if len(set(rows)) != len(rows):
        raise InvalidWeightsError("the weights matrix repeats a label")
    if set(rows) != set(cols):
        raise InvalidWeightsError("the weights matrix has different labels on its rows and columns")
    frame = frame.set_axis(rows, axis=0).set_axis(cols, axis=1).loc[rows, rows]
    try:
        values = frame.to_numpy(dtype=float)
    except (TypeError, ValueError) as exc:
        raise InvalidWeightsError("the weights matrix has non-numeric entries") from exc
    if values.shape[0] < 2:
        raise InvalidWeightsError("spatial weights need at least 2 units")
    if not np.isfinite(values).all():
        raise InvalidWeightsError("the weights matrix has missing or infinite entries")
    if (values < 0).any():
        raise InvalidWeightsError("the weights matrix has negative entries")
    if np.any(np.diag(values) != 0):
        bad = [rows[i] for i in np.flatnonzero(np.diag(values))]
        raise InvalidWeightsError("a unit is its own neighbour (non-zero diagonal): {bad}", bad=", ".join(bad[:5]))
    sums = values.sum(axis=1)
    if (sums == 0).any():
        bad = [rows[i] for i in np.flatnonzero(sums == 0)]
        raise InvalidWeightsError("no neighbour (a row of zeros) for {bad}; link it (e.g. to its nearest units) or "
                                  "leave it out of the sample",
                                  bad=", ".join(bad))
    out = pd.DataFrame(values / sums[:, None], index=rows, columns=rows)
    out.attrs.update(dict(getattr(frame, "attrs", {}) or {}))
    out.attrs["symmetric_before_standardising"] = bool(np.allclose(values, values.T))
    return out


@dataclass(frozen=True, eq=False)
class PreparedWeights:
    """Row-standardised weights with their eigenvalues (computed once).

    Attributes
    ----------
    labels : entity labels, the order of rows and columns.
    matrix : the row-standardised N x N array.
    eigenvalues : eigenvalues of ``matrix`` (real when W is a row-standardised symmetric matrix,
        else possibly complex).
    bounds : the open interval (1/omega_min, 1/omega_max) in which rho or lambda is searched.
    method : how the weights were built, if the builder said (``attrs["method"]``).
    """

    labels: tuple[str, ...]
    matrix: np.ndarray
    eigenvalues: np.ndarray
    bounds: tuple[float, float]
    method: str = ""

    @property
    def n(self) -> int:
        """Number of units."""
        return len(self.labels)

    @property
    def frame(self) -> pd.DataFrame:
        """The row-standardised matrix as a labelled DataFrame."""
        return pd.DataFrame(self.matrix, index=list(self.labels), columns=list(self.labels))

    def logdet(self, rho: float | np.ndarray) -> Any:
        """ln|det(I - rho W)| from the eigenvalues (vectorised over ``rho``)."""
        rho = np.asarray(rho, dtype=float)
        return np.log(np.abs(1.0 - rho[..., None] * self.eigenvalues)).sum(axis=-1)


_PREPARED: OrderedDict[str, PreparedWeights] = OrderedDict()
_PREPARED_MAX = 32


def _eigenvalues(raw_symmetric: bool, standardised: np.ndarray, raw: np.ndarray | None) -> np.ndarray:
    if raw_symmetric and raw is not None:
        # W = D^-1 C with C symmetric is similar to D^-1/2 C D^-1/2: real eigenvalues, computed stably
        d = 1.0 / np.sqrt(raw.sum(axis=1))
        return np.linalg.eigvalsh(d[:, None] * raw * d[None, :])
    values = np.linalg.eigvals(standardised)
    if np.all(np.abs(values.imag) < 1e-10):
        return np.sort(values.real)
    return values


def prepare_weights(w: Any) -> PreparedWeights:
    """Validate, row-standardise and eigen-decompose ``w`` once (cached by content for repeat fits).

    ``w`` is a square DataFrame labelled by entity, a libpysal ``W`` or a :class:`PreparedWeights`.
    """
    if isinstance(w, PreparedWeights):
        return w
    raw = _as_frame(w)
    standard = check_weights(raw)
    labels = tuple(standard.index)
    matrix = standard.to_numpy()
    method = str(raw.attrs.get("method", ""))
    key = hashlib.sha1(repr((labels, method)).encode() + np.ascontiguousarray(matrix).tobytes()).hexdigest()
    if key in _PREPARED:
        _PREPARED.move_to_end(key)
        return _PREPARED[key]
    raw_values = raw.set_axis([str(x) for x in raw.index], axis=0).set_axis(
        [str(x) for x in raw.columns], axis=1).loc[list(labels), list(labels)].to_numpy(dtype=float)
    eig = _eigenvalues(standard.attrs["symmetric_before_standardising"], matrix, raw_values)
    real = eig.real[np.abs(np.imag(eig)) < 1e-10] if np.iscomplexobj(eig) else eig
    lo = 1.0 / real.min() if real.min() < 0 else -1.0
    hi = 1.0 / real.max()
    matrix.flags.writeable = False  # shared by every fit that reuses these weights
    eig.flags.writeable = False
    prepared = PreparedWeights(labels, matrix, eig, (float(lo), float(hi)), method)
    _PREPARED[key] = prepared
    if len(_PREPARED) > _PREPARED_MAX:
        _PREPARED.popitem(last=False)
    return prepared


# --- data -----------------------------------------------------------------------------------------

@dataclass(frozen=True)
class _Panel:
    entities: tuple[str, ...]
    years: tuple[Any, ...]
    y: np.ndarray          # T x N, raw
    x: np.ndarray          # T x N x K, raw
    names: tuple[str, ...]
    twoway: bool = False

    def _within(self, a: np.ndarray) -> np.ndarray:
        out = a - a.mean(axis=0)                      # entity means (over years)
        if self.twoway:
            out = out - out.mean(axis=1, keepdims=True)   # and year means (over entities)
        return out

    @property
    def yd(self) -> np.ndarray:
        return self._within(self.y)

    @property
    def xd(self) -> np.ndarray:
        return self._within(self.x)

    def effects_of(self, r: np.ndarray) -> tuple[np.ndarray, np.ndarray | None]:
        """Entity effects mu_i (and year effects alpha_t, summing to 0) from structural residuals r (T x N)."""
        mu = r.mean(axis=0)
        return mu, (r.mean(axis=1) - r.mean()) if self.twoway else None


def _panel(df: pd.DataFrame, dependent: str, regressors: Sequence[str], weights: PreparedWeights,
           fixed_effects: str = "entity") -> _Panel:
    if fixed_effects not in FIXED_EFFECTS:
        raise SpatialPanelInputError("fixed_effects must be one of {choices}, not {fixed_effects!r}",
                                     choices=", ".join(FIXED_EFFECTS), fixed_effects=fixed_effects)
    if not isinstance(df, pd.DataFrame) or not isinstance(df.index, pd.MultiIndex) or df.index.nlevels != 2:
        raise SpatialPanelInputError("the panel must be a DataFrame indexed by (entity, year)")
    regressors = [str(r) for r in regressors]
    if not regressors:
        raise SpatialPanelInputError("choose at least one regressor")
    used = [dependent, *regressors]
    if len(set(used)) != len(used):
        raise SpatialPanelInputError("the dependent variable and the regressors must be distinct columns")
    missing = [c for c in used if c not in df.columns]
    if missing:
        raise SpatialPanelInputError("no column {missing} in the panel", missing=", ".join(map(repr, missing)))
    for c in used:
        if not pd.api.types.is_numeric_dtype(df[c]) or pd.api.types.is_bool_dtype(df[c]):
            raise SpatialPanelInputError("column {column!r} is not numeric", column=c)
    reserved = [r for r in regressors if r in ("rho", "lambda") or r.startswith("W_")]
    if reserved:
        raise SpatialPanelInputError("regressor names {reserved} clash with the spatial parameters",
                                     reserved=", ".join(reserved))
    if df.index.duplicated().any():
        raise SpatialPanelInputError("the panel has duplicate (entity, year) rows")
    entity_level = df.index.get_level_values(0).astype(str)
    entities = set(entity_level)
    labels = set(weights.labels)
    if entities != labels:
        no_w = sorted(entities - labels)
        no_data = sorted(labels - entities)
        if no_w and no_data:
            raise WeightsMismatchError("the weights' labels do not match the panel's entities (in the panel but not "
                                       "in the weights: {no_weights}; in the weights but not in the panel: {no_data}); "
                                       "build the weights for exactly the panel's entities",
                                       no_weights=", ".join(no_w), no_data=", ".join(no_data))
        if no_w:
            raise WeightsMismatchError("the weights' labels do not match the panel's entities (in the panel but not "
                                       "in the weights: {no_weights}); build the weights for exactly the panel's "
                                       "entities", no_weights=", ".join(no_w))
        raise WeightsMismatchError("the weights' labels do not match the panel's entities (in the weights but not in "
                                   "the panel: {no_data}); build the weights for exactly the panel's entities",
                                   no_data=", ".join(no_data))
    frame = df[used].copy()
    frame.index = pd.MultiIndex.from_arrays([entity_level, df.index.get_level_values(1)])
    years = tuple(sorted(frame.index.get_level_values(1).unique()))
    if len(years) < 2:
        raise SpatialPanelInputError("fixed effects need at least 2 years")
    if len(frame) != len(labels) * len(years):
        counts = frame.groupby(level=0).size()
        short = [f"{e} ({counts.get(e, 0)} of {len(years)} years)" for e in weights.labels
                 if counts.get(e, 0) < len(years)]
        raise UnbalancedPanelError("the panel is unbalanced: {short}{more}; the spatial models need every entity in "
                                   "every year", short=", ".join(short[:8]), more=" ..." if len(short) > 8 else "")
    gaps = frame[frame.isna().any(axis=1)]
    if len(gaps):
        counts = frame.isna().sum()
        columns = ", ".join(f"{c} ({int(counts[c])})" for c in used if counts[c])
        cells = [f"{e} {y} ({', '.join(c for c in used if pd.isna(row[c]))})"
                 for (e, y), row in gaps.head(4).iterrows()]
        raise UnbalancedPanelError("{n_gaps} entity-year row(s) have missing values; missing per column: {columns}; "
                                   "e.g. {cells}. The spatial models drop nothing: choose other variables or years, "
                                   "or fill the gaps for every entity",
                                   n_gaps=len(gaps), columns=columns, cells="; ".join(cells))
    wide = frame.unstack(level=0)
    y = wide[dependent].loc[list(years), list(weights.labels)].to_numpy(dtype=float)
    x = np.stack([wide[r].loc[list(years), list(weights.labels)].to_numpy(dtype=float) for r in regressors],
                 axis=2)
    if not (np.isfinite(y).all() and np.isfinite(x).all()):
        raise UnbalancedPanelError("the panel has infinite values")
    return _Panel(tuple(weights.labels), years, y, x, tuple(regressors), fixed_effects == "twoway")


def _lag(w: np.ndarray, a: np.ndarray) -> np.ndarray:
    """W applied to every year: a is T x N (or T x N x K)."""
    return np.einsum("ij,tj...->ti...", w, a)


def _check_variation(y: np.ndarray, raw: np.ndarray, dependent: str) -> None:
    if not np.any(np.abs(y) > 1e-10 * max(1.0, float(np.abs(raw).max()))):
        raise SpatialPanelInputError("{dependent!r} does not change over time within any entity (beyond a change "
                                     "common to all, with year effects): the fixed effects explain it entirely",
                                     dependent=dependent)


def _check_not_exact(sigma2: float, y: np.ndarray) -> None:
    if sigma2 <= 1e-12 * float(y @ y) / y.size:
        raise SpatialPanelInputError("the regressors reproduce the dependent exactly (for example parts that sum "
                                     "to it), so there is no error to estimate; drop one of them")


def _at_the_estimate(eps: np.ndarray, y: np.ndarray, weights: "PreparedWeights", W: np.ndarray, param: float,
                     t: int) -> tuple[float, float, np.ndarray]:
    """sigma^2, the log-likelihood and (I - param W)^-1 at the ML estimate of rho or lambda (Elhorst 2003):
    the lag and the error model share them; ``eps`` are the NT structural residuals, ``t`` the number of years."""
    nt, n = eps.size, W.shape[0]
    sigma2 = float(eps @ eps / nt)
    _check_not_exact(sigma2, y)
    loglik = -nt / 2 * (math.log(2 * math.pi) + 1) - nt / 2 * math.log(sigma2) + t * float(weights.logdet(param))
    return sigma2, loglik, np.linalg.solve(np.eye(n) - param * W, np.eye(n))


def _log_variance(ss: float, nt: int) -> float:
    """ln(ss / nt), or -inf for an exact fit (ss <= 0: the likelihood is unbounded, which the caller reports)."""
    return math.log(ss / nt) if ss > 0 else -math.inf


def _check_rank(z: np.ndarray, names: Sequence[str]) -> None:
    if np.linalg.matrix_rank(z) < z.shape[1]:
        raise SpatialPanelInputError("the regressors are collinear after removing the fixed effects (a regressor "
                                     "constant over time within every entity, or with year effects the same in "
                                     "every entity in a year, is absorbed by them): {names}", names=", ".join(names))


def _scalar_search(negll, bounds: tuple[float, float], name: str) -> float:
    from scipy.optimize import minimize_scalar

    lo, hi = bounds
    eps = 1e-7 * (hi - lo)
    # a coarse grid first, so a likelihood with more than one local maximum is searched near the highest
    grid = np.linspace(lo + eps, hi - eps, 41)
    best = int(np.argmin([negll(float(g)) for g in grid]))
    bracket = (float(grid[max(best - 1, 0)]), float(grid[min(best + 1, grid.size - 1)]))
    res = minimize_scalar(negll, bounds=bracket, method="bounded", options={"xatol": 1e-10, "maxiter": 1000})
    value = float(res.x)
    if res.fun == -math.inf:
        raise ConvergenceError("the model fits the data exactly at {name} = {value:.4f}, so the likelihood is "
                               "unbounded; the data look constructed rather than observed",
                               name=name, value=value)
    if not res.success or not np.isfinite(res.fun):
        raise ConvergenceError("the likelihood search for {name} did not converge ({message})",
                               name=name, message=str(res.message))
    if value - lo < BOUND_TOLERANCE or hi - value < BOUND_TOLERANCE:
        raise ConvergenceError("the likelihood is largest at the edge of the admissible interval ({name} = "
                               "{value:.4f}, interval {lo:.3f} to {hi:.3f}): the model is not identified on this "
                               "sample and these weights; try other weights, regressors or the other model",
                               name=name, value=value, lo=lo, hi=hi)
    return value


# --- results --------------------------------------------------------------------------------------

@dataclass(frozen=True, eq=False)
class SpatialPanelResults:
    """A fitted fixed-effects spatial panel model (lag, error or Durbin).

    Attributes and properties
    -------------------------
    model : ``"lag"``, ``"error"`` or ``"durbin"``.
    dependent, regressors : the column names used.
    params : Series — the regressors' coefficients, then ``W_<name>`` (Durbin) and ``rho``
        (lag, Durbin) or ``lambda`` (error).  Units: those of the dependent per unit of the regressor.
    std_errors, zstats, pvalues : Series aligned with ``params`` (asymptotic normal inference).
    cov : DataFrame, the asymptotic covariance of ``params`` (inverse information matrix).
    sigma2 : ML residual variance e'e / NT.
    loglik : maximised log-likelihood (with constants); ``aic``, ``bic`` from it.
    nobs : N x T; ``nentities`` N, ``ntime`` T; ``entities``, ``years``.
    resids : Series indexed (entity, year), the innovations e (demeaned; spatially filtered in the error model).
    entity_effects : Series, the recovered entity effects mu_i (the mean structural residual of each entity).
    time_effects : Series of year effects alpha_t (summing to 0) with ``fixed_effects="twoway"``, else None.
    fixed_effects : ``"entity"`` or ``"twoway"``.
    effects : DataFrame indexed by regressor: ``direct``, ``indirect``, ``total`` and, for each,
        ``_se`` (simulated standard deviation) and ``_lower``/``_upper`` (95% simulated band); see the
        module docstring.  :meth:`effects_table` changes draws, seed or level.
    weights : the :class:`PreparedWeights` used (row-standardised, with eigenvalues).
    summary : a plain-text summary (coefficients, fit, effects).
    """

    model: str
    dependent: str
    regressors: tuple[str, ...]
    params: pd.Series
    cov: pd.DataFrame
    sigma2: float
    loglik: float
    weights: PreparedWeights
    entities: tuple[str, ...]
    years: tuple[Any, ...]
    resids: pd.Series
    entity_effects: pd.Series
    time_effects: pd.Series | None = None
    fixed_effects: str = "entity"
    _cache: dict = field(default_factory=dict, repr=False)

    @property
    def nentities(self) -> int:
        """Number of entities N."""
        return len(self.entities)

    @property
    def ntime(self) -> int:
        """Number of years T."""
        return len(self.years)

    @property
    def nobs(self) -> int:
        """Number of observations N x T."""
        return self.nentities * self.ntime

    @property
    def spatial_parameter(self) -> str:
        """``"rho"`` (lag, Durbin) or ``"lambda"`` (error)."""
        return "lambda" if self.model == "error" else "rho"

    @property
    def rho(self) -> float:
        """Spatial autoregressive coefficient of y (lag, Durbin); NaN for the error model."""
        return float(self.params["rho"]) if "rho" in self.params else float("nan")

    @property
    def lam(self) -> float:
        """Spatial autoregressive coefficient of the errors (error model); NaN otherwise.
        Also reachable as ``getattr(result, "lambda")`` and ``params["lambda"]``."""
        return float(self.params["lambda"]) if "lambda" in self.params else float("nan")

    def __getattr__(self, name: str) -> Any:
        if name == "lambda":
            return self.lam
        raise AttributeError(name)

    @property
    def std_errors(self) -> pd.Series:
        """Asymptotic standard errors of ``params``."""
        return pd.Series(np.sqrt(np.diag(self.cov.to_numpy())), index=self.params.index, name="std_error")

    @property
    def zstats(self) -> pd.Series:
        """params / std_errors."""
        return (self.params / self.std_errors).rename("z")

    @property
    def pvalues(self) -> pd.Series:
        """Two-sided normal p-values of ``zstats``."""
        from scipy.stats import norm

        return pd.Series(2 * norm.sf(np.abs(self.zstats.to_numpy())), index=self.params.index, name="p_value")

    @property
    def nparams(self) -> int:
        """Estimated parameters counted by AIC/BIC: coefficients, the spatial parameter and sigma^2."""
        return len(self.params) + 1

    @property
    def aic(self) -> float:
        """-2 loglik + 2 nparams (fixed effects not counted, as spreg)."""
        return -2 * self.loglik + 2 * self.nparams

    @property
    def bic(self) -> float:
        """-2 loglik + nparams ln(nobs)."""
        return -2 * self.loglik + self.nparams * math.log(self.nobs)

    def conf_int(self, level: float = 0.95) -> pd.DataFrame:
        """Normal confidence intervals of ``params`` (columns lower, upper)."""
        from scipy.stats import norm

        z = norm.ppf(0.5 + level / 2)
        return pd.DataFrame({"lower": self.params - z * self.std_errors, "upper": self.params + z * self.std_errors})

    def table(self, level: float = 0.95) -> pd.DataFrame:
        """Coefficient table: estimate, std_error, z, p_value, lower, upper."""
        return pd.concat([self.params.rename("estimate"), self.std_errors, self.zstats, self.pvalues,
                          self.conf_int(level)], axis=1)

    def _theta(self, name: str) -> float:
        return float(self.params.get(f"W_{name}", 0.0))

    def inverse_multiplier(self) -> np.ndarray:
        """(I - rho W)^-1 (N x N; the identity for the error model), computed once and kept."""
        if "ainv" not in self._cache:
            n = self.nentities
            rho = 0.0 if self.model == "error" else self.rho
            self._cache["ainv"] = np.linalg.solve(np.eye(n) - rho * self.weights.matrix, np.eye(n))
        return self._cache["ainv"]

    def effects_table(self, *, draws: int = DEFAULT_DRAWS, seed: int | None = DEFAULT_SEED,
                      level: float = 0.95) -> pd.DataFrame:
        """Direct, indirect, total effects with simulated standard errors and ``level`` bands (see module doc)."""
        key = ("effects", draws, seed, level)
        if key not in self._cache:
            self._cache[key] = _effects(self, draws, seed, level)
        return self._cache[key].copy()

    @property
    def effects(self) -> pd.DataFrame:
        """:meth:`effects_table` with 1000 draws, seed 20260101, 95% bands."""
        return self.effects_table()

    @property
    def summary(self) -> str:
        """Plain-text summary: model, fit statistics, coefficients and effects."""
        titles = {"lag": "Spatial lag (SAR)", "error": "Spatial error (SEM)", "durbin": "Spatial Durbin (SDM)"}
        fe = "entity and year" if self.fixed_effects == "twoway" else "entity"
        head = [f"{titles[self.model]} panel model, {fe} fixed effects, maximum likelihood",
                f"Dependent: {self.dependent}   Entities: {self.nentities}   Years: {self.ntime}   "
                f"Observations: {self.nobs}",
                f"Log-likelihood: {self.loglik:.4f}   AIC: {self.aic:.4f}   BIC: {self.bic:.4f}   "
                f"sigma^2: {self.sigma2:.6g}",
                f"{self.spatial_parameter} searched in ({self.weights.bounds[0]:.4f}, {self.weights.bounds[1]:.4f})"]
        if self.weights.method:
            head.append(f"Weights: {self.weights.method}, row-standardised")
        coef = self.table().to_string(float_format=lambda v: f"{v:.6g}")
        eff = self.effects[["direct", "direct_se", "indirect", "indirect_se", "total", "total_se"]]
        return "\n".join(head + ["", "Coefficients", coef, "",
                                 f"Effects (LeSage & Pace; standard errors from {DEFAULT_DRAWS} simulated draws)",
                                 eff.to_string(float_format=lambda v: f"{v:.6g}")])

    def __str__(self) -> str:
        return self.summary


# --- estimation -----------------------------------------------------------------------------------

def fit_spatial_panel(df: pd.DataFrame, dependent: str, regressors: Sequence[str], w: Any, *,
                      model: Model = "lag", fixed_effects: Literal["entity", "twoway"] = "entity",
                      bounds: tuple[float, float] | None = None) -> SpatialPanelResults:
    """Fit a fixed-effects spatial lag, error or Durbin panel model by maximum likelihood.

    Parameters
    ----------
    df : DataFrame indexed by (entity, year), balanced, with numeric columns ``dependent`` and ``regressors``.
    dependent, regressors : column names (no constant: the entity effects absorb it).
    w : square DataFrame labelled by entity on both axes, a libpysal ``W`` or :class:`PreparedWeights`;
        row-standardised inside.  Its labels must be exactly the panel's entities.
    model : ``"lag"`` (SAR), ``"error"`` (SEM) or ``"durbin"`` (SDM: adds ``W_<name>`` for every regressor).
    fixed_effects : ``"entity"`` (default) or ``"twoway"`` (entity and year effects: every variable is also
        demeaned by year, which commutes with a row-standardised W; the likelihood is otherwise the same).
    bounds : interval searched for rho/lambda (default the admissible (1/omega_min, 1)).

    Raises
    ------
    WeightsMismatchError, InvalidWeightsError, UnbalancedPanelError, SpatialPanelInputError, ConvergenceError
    """
    if model not in MODELS:
        raise SpatialPanelInputError("unknown spatial model {model!r}; choose from {models}",
                                     model=model, models=", ".join(MODELS))
    weights = prepare_weights(w)
    panel = _panel(df, dependent, regressors, weights, fixed_effects)
    search = weights.bounds if bounds is None else (float(bounds[0]), float(bounds[1]))
    if not weights.bounds[0] <= search[0] < search[1] <= weights.bounds[1]:
        raise SpatialPanelInputError("bounds must lie within the admissible interval {bounds}",
                                     bounds=weights.bounds)
    if model == "error":
        return _fit_error(panel, weights, dependent, search)
    return _fit_lag(panel, weights, dependent, search, durbin=model == "durbin")


def _results(model, panel, weights, dependent, names, params, cov, sigma2, loglik, eps, r) -> SpatialPanelResults:
    mu, alpha = panel.effects_of(r)
    index = pd.MultiIndex.from_product([panel.entities, panel.years], names=["entity", "year"])
    resid = pd.Series(eps.T.reshape(-1), index=index, name="resid")
    return SpatialPanelResults(
        model=model, dependent=dependent, regressors=panel.names,
        params=pd.Series(params, index=names, name="parameter"),
        cov=pd.DataFrame(cov, index=names, columns=names), sigma2=float(sigma2), loglik=float(loglik),
        weights=weights, entities=panel.entities, years=panel.years, resids=resid,
        entity_effects=pd.Series(mu, index=pd.Index(panel.entities, name="entity"), name="entity_effect"),
        time_effects=None if alpha is None else pd.Series(alpha, index=pd.Index(panel.years, name="year"),
                                                          name="time_effect"),
        fixed_effects="twoway" if panel.twoway else "entity")


def _fit_lag(panel: _Panel, weights: PreparedWeights, dependent: str, search: tuple[float, float], *,
             durbin: bool) -> SpatialPanelResults:
    W = weights.matrix
    t, n = panel.y.shape
    nt = n * t
    yd, xd = panel.yd, panel.xd
    names = list(panel.names)
    z3 = np.concatenate([xd, _lag(W, xd)], axis=2) if durbin else xd
    if durbin:
        names += [f"W_{r}" for r in panel.names]
    z = z3.reshape(nt, -1)
    _check_rank(z, names)
    y = yd.reshape(-1)
    _check_variation(y, panel.y, dependent)
    wy = _lag(W, yd).reshape(-1)
    ztz = z.T @ z
    b0 = np.linalg.solve(ztz, z.T @ y)
    b1 = np.linalg.solve(ztz, z.T @ wy)
    e0, e1 = y - z @ b0, wy - z @ b1
    a, b, c = e0 @ e0, e0 @ e1, e1 @ e1

    def negll(rho: float) -> float:
        return nt / 2 * _log_variance(a - 2 * rho * b + rho * rho * c, nt) - t * float(weights.logdet(rho))

    rho = _scalar_search(negll, search, "rho")
    beta = b0 - rho * b1
    eps = e0 - rho * e1
    sigma2, loglik, ainv = _at_the_estimate(eps, y, weights, W, rho, t)
    g = W @ ainv
    # information matrix of (beta, rho, sigma2) (Elhorst 2003; LeSage & Pace 2009, eq. 3.7)
    k = z.shape[1]
    gzb = _lag(g, (z @ beta).reshape(t, n)).reshape(-1)
    info = np.zeros((k + 2, k + 2))
    info[:k, :k] = ztz / sigma2
    info[:k, k] = info[k, :k] = z.T @ gzb / sigma2
    info[k, k] = t * (np.trace(g @ g) + np.sum(g * g)) + gzb @ gzb / sigma2
    info[k, k + 1] = info[k + 1, k] = t * np.trace(g) / sigma2
    info[k + 1, k + 1] = nt / (2 * sigma2 ** 2)
    cov = np.linalg.inv(info)[: k + 1, : k + 1]
    r = (panel.y - rho * _lag(W, panel.y)
         - (np.concatenate([panel.x, _lag(W, panel.x)], axis=2) if durbin else panel.x) @ beta)
    result = _results("durbin" if durbin else "lag", panel, weights, dependent, names + ["rho"],
                      np.append(beta, rho), cov, sigma2, loglik, eps.reshape(t, n), r)
    result._cache["ainv"] = ainv
    return result


def _fit_error(panel: _Panel, weights: PreparedWeights, dependent: str,
               search: tuple[float, float]) -> SpatialPanelResults:
    W = weights.matrix
    t, n = panel.y.shape
    nt = n * t
    names = list(panel.names)
    x = panel.xd.reshape(nt, -1)
    _check_rank(x, names)
    y = panel.yd.reshape(-1)
    _check_variation(y, panel.y, dependent)
    wx = _lag(W, panel.xd).reshape(nt, -1)
    wy = _lag(W, panel.yd).reshape(-1)
    xx, xwx, wxwx = x.T @ x, x.T @ wx, wx.T @ wx
    xy, xwy, wxy, wxwy = x.T @ y, x.T @ wy, wx.T @ y, wx.T @ wy
    yy, ywy, wywy = y @ y, y @ wy, wy @ wy

    def moments(lam: float) -> tuple[np.ndarray, np.ndarray, float]:
        sxx = xx - lam * (xwx + xwx.T) + lam * lam * wxwx
        sxy = xy - lam * (xwy + wxy) + lam * lam * wxwy
        syy = yy - 2 * lam * ywy + lam * lam * wywy
        return sxx, sxy, syy

    def negll(lam: float) -> float:
        sxx, sxy, syy = moments(lam)
        ee = syy - sxy @ np.linalg.solve(sxx, sxy)
        return nt / 2 * _log_variance(ee, nt) - t * float(weights.logdet(lam))

    lam = _scalar_search(negll, search, "lambda")
    sxx, sxy, _ = moments(lam)
    beta = np.linalg.solve(sxx, sxy)
    u = y - x @ beta
    eps = u - lam * _lag(W, u.reshape(t, n)).reshape(-1)
    sigma2, loglik, binv = _at_the_estimate(eps, y, weights, W, lam, t)
    g = W @ binv
    # beta block sigma^2 (X*'X*)^-1; (lambda, sigma^2) block from its information matrix (Elhorst 2003)
    k = x.shape[1]
    info = np.array([[t * (np.trace(g @ g) + np.sum(g * g)), t * np.trace(g) / sigma2],
                     [t * np.trace(g) / sigma2, nt / (2 * sigma2 ** 2)]])
    cov = np.zeros((k + 1, k + 1))
    cov[:k, :k] = sigma2 * np.linalg.inv(sxx)
    cov[k, k] = np.linalg.inv(info)[0, 0]
    return _results("error", panel, weights, dependent, names + ["lambda"], np.append(beta, lam), cov, sigma2,
                    loglik, eps.reshape(t, n), panel.y - panel.x @ beta)


# --- effects and spillovers -----------------------------------------------------------------------

def effects_from_params(beta: np.ndarray, theta: np.ndarray, rho: np.ndarray, eigenvalues: np.ndarray
                        ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Average direct, indirect and total effects for row-standardised W from its eigenvalues.

    direct = [beta tr((I - rho W)^-1) + theta tr((I - rho W)^-1 W)] / N, total = (beta + theta) / (1 - rho).
    Broadcasts: ``beta``, ``theta`` (..., K), ``rho`` (...,).  Returns arrays shaped like ``beta``.
    """
    rho = np.asarray(rho, dtype=float)[..., None]
    inv = 1.0 / (1.0 - rho[..., None] * eigenvalues)            # (..., 1, N)
    tr_a = np.real(inv.sum(axis=-1)) / eigenvalues.size          # (..., 1)
    tr_aw = np.real((eigenvalues * inv).sum(axis=-1)) / eigenvalues.size
    direct = beta * tr_a + theta * tr_aw
    total = (beta + theta) / (1.0 - rho)
    return direct, total - direct, total


def _effects(result: SpatialPanelResults, draws: int, seed: int | None, level: float) -> pd.DataFrame:
    from scipy.stats import norm

    names = list(result.regressors)
    k = len(names)
    beta = result.params[names].to_numpy()
    cols = ["direct", "indirect", "total"]
    out = pd.DataFrame(index=pd.Index(names, name="regressor"))
    if result.model == "error":
        se = result.std_errors[names].to_numpy()
        z = norm.ppf(0.5 + level / 2)
        for c, est, s in (("direct", beta, se), ("indirect", 0 * beta, 0 * se), ("total", beta, se)):
            out[c], out[f"{c}_se"], out[f"{c}_lower"], out[f"{c}_upper"] = est, s, est - z * s, est + z * s
        out = out[_effect_columns()]
        out.attrs.update({"method": "analytical (error model: the effects are beta)", "level": level})
        return out
    theta = np.array([result._theta(r) for r in names])
    rho = result.rho
    point = effects_from_params(beta, theta, np.array(rho), result.weights.eigenvalues)
    # joint normal draws of (beta, theta, rho) from the asymptotic covariance
    order = names + ([f"W_{r}" for r in names] if result.model == "durbin" else []) + ["rho"]
    mean = result.params[order].to_numpy()
    cov = result.cov.loc[order, order].to_numpy()
    rng = np.random.default_rng(seed)
    lo, hi = result.weights.bounds
    kept: list[np.ndarray] = []
    total_kept = 0
    for _ in range(100):
        sample = rng.multivariate_normal(mean, cov, size=draws, method="eigh")
        sample = sample[(sample[:, -1] > lo) & (sample[:, -1] < hi)]
        kept.append(sample)
        total_kept += len(sample)
        if total_kept >= draws:
            break
    sample = np.concatenate(kept)[:draws]
    b = sample[:, :k]
    th = sample[:, k:2 * k] if result.model == "durbin" else np.zeros_like(b)
    sims = effects_from_params(b, th, sample[:, -1], result.weights.eigenvalues)
    tail = (1 - level) / 2 * 100
    for c, est, sim in zip(cols, point, sims):
        out[c] = est
        out[f"{c}_se"] = sim.std(axis=0, ddof=1)
        out[f"{c}_lower"] = np.percentile(sim, tail, axis=0)
        out[f"{c}_upper"] = np.percentile(sim, 100 - tail, axis=0)
    out = out[_effect_columns()]
    out.attrs.update({"method": "simulation", "draws": int(len(sample)), "seed": seed, "level": level})
    return out


def _effect_columns() -> list[str]:
    cols = ["direct", "indirect", "total"]
    return cols + [f"{c}_{s}" for c in cols for s in ("se", "lower", "upper")]


def impact_matrix(result: SpatialPanelResults, lever: str) -> pd.DataFrame:
    """S = (I - rho W)^-1 (beta I + theta W) for regressor ``lever``: entry (i, j) is the change in y_i
    per unit change in x_j (steady state); the identity times beta in the error model.  No refit."""
    if lever not in result.regressors:
        raise SpatialPanelInputError("{lever!r} is not a regressor of this model ({regressors})",
                                     lever=lever, regressors=", ".join(result.regressors))
    beta = float(result.params[lever])
    theta = result._theta(lever)
    n = result.nentities
    s = result.inverse_multiplier() @ (beta * np.eye(n) + theta * result.weights.matrix)
    labels = list(result.entities)
    return pd.DataFrame(s, index=pd.Index(labels, name="entity"), columns=pd.Index(labels, name="source"))


def spillover_projection(result: SpatialPanelResults, lever: str,
                         changes: Mapping[str, float] | pd.Series) -> pd.DataFrame:
    """Change in the dependent in every entity when ``lever`` moves by ``changes[entity]`` (units of the lever).

    dy = (I - rho W)^-1 (beta I + theta W) dx, with dx zero outside ``changes``; split into
    ``direct`` (an entity's own change times its diagonal multiplier, feedback included) and
    ``spillover`` (the part that comes from the other entities' changes): ``change = direct + spillover``.
    A steady-state comparative static at the estimates (the fitted model is not refitted).

    Returns a DataFrame indexed by entity: ``dx``, ``direct``, ``spillover``, ``change``, ``moved``.
    """
    s = impact_matrix(result, lever)
    changes = pd.Series(changes, dtype="float64")
    unknown = [str(e) for e in changes.index if str(e) not in s.index]
    if unknown:
        raise WeightsMismatchError("not an entity of the fitted model: {unknown}", unknown=", ".join(unknown))
    if not np.isfinite(changes.to_numpy()).all():
        raise SpatialPanelInputError("changes must be finite numbers")
    dx = changes.groupby(changes.index.astype(str)).sum().reindex(s.index, fill_value=0.0).to_numpy()
    matrix = s.to_numpy()
    change = matrix @ dx
    direct = np.diag(matrix) * dx
    return pd.DataFrame({"dx": dx, "direct": direct, "spillover": change - direct, "change": change,
                         "moved": dx != 0}, index=s.index)


# --- diagnostics ----------------------------------------------------------------------------------

def _fe_ols(df: pd.DataFrame, dependent: str, regressors: Sequence[str], weights: PreparedWeights,
            fixed_effects: str = "entity") -> tuple[_Panel, np.ndarray, np.ndarray, np.ndarray]:
    panel = _panel(df, dependent, regressors, weights, fixed_effects)
    t, n = panel.y.shape
    x = panel.xd.reshape(n * t, -1)
    _check_rank(x, panel.names)
    y = panel.yd.reshape(-1)
    beta = np.linalg.lstsq(x, y, rcond=None)[0]
    return panel, x, y, beta


def lm_tests(df: pd.DataFrame, dependent: str, regressors: Sequence[str], w: Any, *,
             fixed_effects: str = "entity") -> pd.DataFrame:
    """LM tests for a spatial lag or spatial error in the fixed-effects (within) regression, plain and robust.

    On the demeaned data with residuals e, sigma^2 = e'e/NT, T_W = tr(W'W + WW) and
    J = [(W X b)' M (W X b) + T T_W sigma^2] / sigma^2 (Anselin, Le Gallo & Jayet 2008; Elhorst,
    *Spatial Econometrics: From Cross-Sectional Data to Spatial Panels*, 2014; Debarsy & Ertur 2010)::

        LM_lag   = (e'Wy/s2)^2 / J                 LM_error = (e'We/s2)^2 / (T T_W)
        rLM_lag  = (e'Wy/s2 - e'We/s2)^2 / (J - T T_W)
        rLM_error = (e'We/s2 - T T_W / J e'Wy/s2)^2 / (T T_W (1 - T T_W / J))

    Each is chi-squared(1) under its null.  Returns a DataFrame indexed by ``lm_lag``, ``lm_error``,
    ``robust_lm_lag``, ``robust_lm_error`` with ``statistic``, ``df``, ``p_value``.
    """
    from scipy.stats import chi2

    weights = prepare_weights(w)
    panel, x, y, beta = _fe_ols(df, dependent, regressors, weights, fixed_effects)
    W = weights.matrix
    t, n = panel.y.shape
    nt = n * t
    e = y - x @ beta
    s2 = e @ e / nt
    wy = _lag(W, y.reshape(t, n)).reshape(-1)
    we = _lag(W, e.reshape(t, n)).reshape(-1)
    wxb = _lag(W, (x @ beta).reshape(t, n)).reshape(-1)
    mwxb = wxb - x @ np.linalg.lstsq(x, wxb, rcond=None)[0]
    tw = np.sum(W * W) + np.trace(W @ W)
    j = (wxb @ mwxb + t * tw * s2) / s2
    ly, le = e @ wy / s2, e @ we / s2
    stats = {"lm_lag": ly ** 2 / j, "lm_error": le ** 2 / (t * tw),
             "robust_lm_lag": (ly - le) ** 2 / (j - t * tw),
             "robust_lm_error": (le - t * tw / j * ly) ** 2 / (t * tw * (1 - t * tw / j))}
    out = pd.DataFrame({"statistic": pd.Series(stats, dtype=float)})
    out["df"] = 1
    out["p_value"] = chi2.sf(out.statistic, 1)
    out.index.name = "test"
    return out


@dataclass(frozen=True)
class ModelComparison:
    """The non-spatial FE, lag, error and Durbin fits of one specification, with likelihood-ratio tests.

    ``fits``: model -> :class:`SpatialPanelResults`; ``fe_loglik``: the within regression's
    log-likelihood on the same demeaned data; ``models``: loglik, parameters, AIC, BIC per model;
    ``lr``: one row per test (``statistic``, ``df``, ``p_value``, ``null``).
    """

    fits: Mapping[str, SpatialPanelResults]
    fe_loglik: float
    models: pd.DataFrame
    lr: pd.DataFrame


def compare_models(df: pd.DataFrame, dependent: str, regressors: Sequence[str], w: Any, *,
                   fixed_effects: str = "entity") -> ModelComparison:
    """Fit lag, error and Durbin and test them against each other by likelihood ratio.

    Tests (Elhorst 2014, ch. 3): ``durbin_vs_lag`` (theta = 0, df K), ``durbin_vs_error`` (the common
    factor restriction theta = -rho beta, df K), ``lag_vs_fe`` and ``error_vs_fe`` (rho = 0 or lambda = 0, df 1).
    A model that fails to converge raises its :class:`ConvergenceError`.
    """
    from scipy.stats import chi2

    weights = prepare_weights(w)
    fits = {m: fit_spatial_panel(df, dependent, regressors, weights, model=m, fixed_effects=fixed_effects)
            for m in MODELS}
    panel, x, y, beta = _fe_ols(df, dependent, regressors, weights, fixed_effects)
    nt = y.size
    e = y - x @ beta
    fe_ll = -nt / 2 * (math.log(2 * math.pi) + 1) - nt / 2 * math.log(e @ e / nt)
    k = len(panel.names)
    models = pd.DataFrame({
        "loglik": [fe_ll] + [fits[m].loglik for m in MODELS],
        "nparams": [k + 1] + [fits[m].nparams for m in MODELS],
    }, index=pd.Index(["fe", *MODELS], name="model"))
    models["aic"] = -2 * models.loglik + 2 * models.nparams
    models["bic"] = -2 * models.loglik + models.nparams * math.log(nt)
    rows = {
        "durbin_vs_lag": (fits["durbin"].loglik, fits["lag"].loglik, k, "theta = 0 (the lag model suffices)"),
        "durbin_vs_error": (fits["durbin"].loglik, fits["error"].loglik, k,
                            "theta = -rho beta (the error model suffices)"),
        "lag_vs_fe": (fits["lag"].loglik, fe_ll, 1, "rho = 0 (no spatial lag)"),
        "error_vs_fe": (fits["error"].loglik, fe_ll, 1, "lambda = 0 (no spatial error)"),
    }
    lr = pd.DataFrame({name: {"statistic": max(0.0, 2 * (big - small)), "df": d, "null": null}
                       for name, (big, small, d, null) in rows.items()}).T
    lr["statistic"] = lr.statistic.astype(float)
    lr["df"] = lr.df.astype(int)
    lr["p_value"] = chi2.sf(lr.statistic, lr.df)
    lr.index.name = "test"
    return ModelComparison(fits, float(fe_ll), models, lr[["statistic", "df", "p_value", "null"]])


def fe_residuals(df: pd.DataFrame, dependent: str, regressors: Sequence[str], w: Any, *,
                 fixed_effects: str = "entity") -> pd.Series:
    """Residuals of the non-spatial within regression (entity, or two-way, fixed effects), indexed (entity, year).

    ``w`` fixes the entities and their order and is checked against the panel (as for the spatial fits).
    """
    weights = prepare_weights(w)
    panel, x, y, beta = _fe_ols(df, dependent, regressors, weights, fixed_effects)
    t, n = panel.y.shape
    index = pd.MultiIndex.from_product([panel.entities, panel.years], names=["entity", "year"])
    return pd.Series((y - x @ beta).reshape(t, n).T.reshape(-1), index=index, name="resid")


def residual_morans_i(residuals: pd.Series, w: Any, *, permutations: int = 999,
                      seed: int | None = DEFAULT_SEED) -> pd.DataFrame:
    """Moran's I of panel residuals: one row per year and a ``pooled`` row.

    For year t with residuals e_t centred on their cross-section mean and row-standardised W,
    I_t = e_t' W e_t / e_t' e_t (Moran 1950; Cliff & Ord 1981); pooled I = sum_t e_t'We_t / sum_t e_t'e_t.
    ``expected`` is -1/(N-1).  ``p_sim`` is a conditional permutation pseudo p-value: entities are
    relabelled at random within each year, ``permutations`` times (``default_rng(seed)``), and the
    share at least as extreme on the observed side is reported, (count + 1)/(permutations + 1), as esda does.

    ``residuals`` is a Series indexed by (entity, year); its entities must match ``w``'s labels.
    """
    weights = prepare_weights(w)
    frame = residuals.rename("resid").to_frame()
    frame["_x"] = 0.0
    panel = _panel(frame, "resid", ["_x"], weights)
    e = panel.y - panel.y.mean(axis=1, keepdims=True)              # T x N
    W = weights.matrix
    num = np.einsum("ti,ij,tj->t", e, W, e)
    den = np.einsum("ti,ti->t", e, e)
    n = weights.n
    rows = [*map(str, panel.years), "pooled"]
    obs = np.append(num / den, num.sum() / den.sum())
    p = np.full(obs.size, np.nan)
    if permutations:
        rng = np.random.default_rng(seed)
        t = e.shape[0]
        perm = np.argsort(rng.random((permutations, t, n)), axis=2)
        ep = np.take_along_axis(np.broadcast_to(e, (permutations, t, n)), perm, axis=2)
        pnum = np.einsum("rti,ij,rtj->rt", ep, W, ep)
        sims = np.concatenate([pnum / den, (pnum.sum(axis=1) / den.sum())[:, None]], axis=1)
        above = obs >= sims.mean(axis=0)
        extreme = np.where(above, (sims >= obs).sum(axis=0), (sims <= obs).sum(axis=0))
        p = (extreme + 1) / (permutations + 1)
    out = pd.DataFrame({"I": obs, "expected": -1.0 / (n - 1), "p_sim": p}, index=pd.Index(rows, name="year"))
    out.attrs.update({"permutations": permutations, "seed": seed})
    return out


def fe_residual_morans_i(df: pd.DataFrame, dependent: str, regressors: Sequence[str], w: Any, *,
                         fixed_effects: str = "entity", permutations: int = 999,
                         seed: int | None = DEFAULT_SEED) -> pd.DataFrame:
    """:func:`residual_morans_i` of :func:`fe_residuals`: is there spatial dependence left after the FE model?"""
    return residual_morans_i(fe_residuals(df, dependent, regressors, w, fixed_effects=fixed_effects), w,
                             permutations=permutations, seed=seed)
