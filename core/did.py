"""Staggered difference-in-differences: two-way fixed effects and Gardner's two-stage estimator.

The pilot-city study's design ("Pilot Cities for Innovation and Clusters of High-Tech Talent") is a multi-period DID over cities that joined the
innovative-city pilot in different years:

.. math:: y_{it} = \\beta\\, D_{it} + \\gamma' x_{it} + \\mu_i + \\lambda_t + \\varepsilon_{it},
          \\qquad D_{it} = 1[g_i > 0,\\ t \\ge g_i]                                        (1)

with :math:`g_i` the first treated year (the cohort; 0 = never treated).
``method="twfe"`` estimates (1) by OLS with unit and year fixed effects.  When
effects differ across cohorts or grow with exposure, that :math:`\\hat\\beta` is a
weighted average that uses already-treated units as controls, with weights that
can be small or negative (Goodman-Bacon 2021, eq. 10; de Chaisemartin and
D'Haultfoeuille 2020, Theorem 1).  ``method="did2s"`` is Gardner's two-stage
estimator (Gardner 2022, "Two-stage differences in differences", arXiv:2207.05943,
eqs. 5-6): stage 1 fits :math:`\\mu_i + \\lambda_t + \\gamma' x_{it}` on untreated
observations only (:math:`D_{it} = 0`), stage 2 regresses the residualized outcome
on :math:`D_{it}` (or on relative-period dummies), with the GMM standard errors that
account for the first stage (Gardner 2022, section 3.2; Butts and Gardner 2022).

Both estimators are written here in numpy (:func:`_fit`): the unit and year
effects enter through their normal equations, built from counts and group sums,
so no dummy matrix is formed.  pyfixest's ``feols`` and ``did2s`` are the
independent reference: the tests compare coefficients and standard errors with
them (and with the published values of R's did2s on pyfixest's ``df_het``).
They are not imported here: pyfixest's first use costs 2-3 s (numba, formulaic)
and each of its did2s fits about 0.4 s, against milliseconds for the same fit here.

**No user text reaches a formula.**  Every input frame is copied into a frame
with fixed internal column names (``y``, ``unit_id``, ``time_id``, ``x0`` ...,
``ev_m3`` ...), and formulas are built only from those names.
"""

from __future__ import annotations

__all__ = ["DIDError", "Method", "METHODS", "METHOD_LABELS", "Design", "DIDResult", "PretrendTest",
           "EventStudyResult", "GroupDIDResult", "prepare", "staggered_did", "staggered_did_by_group", "event_study",
           "pretrend_test", "compare_methods"]

import math
from collections.abc import Sequence
from statistics import NormalDist
from dataclasses import dataclass, field
from typing import Literal

import numpy as np
import pandas as pd

from core.errors import DIDError, Message

Method = Literal["twfe", "did2s"]
METHODS: tuple[str, ...] = ("twfe", "did2s")
METHOD_LABELS = {"twfe": "Two-way fixed effects (TWFE)", "did2s": "Gardner two-stage (did2s)"}

# Internal column names: the only names that ever appear in a formula.
_Y, _UNIT, _TIME, _COHORT, _TREAT, _D, _CLUSTER = "y", "unit_id", "time_id", "cohort", "treat", "d", "clu"
_LABEL = "unit_label"


@dataclass(frozen=True)
class Design:
    """A panel prepared for estimation, with internal column names only.

    ``frame`` holds ``y``, ``unit_id``, ``time_id``, ``cohort`` (0 = never treated
    in the sample), ``treat`` (bool, eq. 1's :math:`D_{it}`), ``d`` (float copy),
    ``clu`` and ``x0``... ``notes`` are plain-language remarks for the page
    (units dropped and why).
    """

    frame: pd.DataFrame
    controls: tuple[str, ...]
    cluster: str | None
    n_units: int
    n_clusters: int
    first_time: int
    last_time: int
    notes: tuple[str, ...] = ()


@dataclass(frozen=True)
class DIDResult:
    """Pooled ATT from :func:`staggered_did` (the coefficient :math:`\\beta` of eq. 1).

    ``att`` is in the outcome's units; ``se`` is clustered by ``cluster`` (or
    heteroskedasticity-robust when ``cluster`` is None); intervals use Student t
    with ``df`` degrees of freedom (clusters - 1, or observations - 1).
    """

    method: str
    att: float
    se: float
    nobs: int
    n_units: int
    n_treated_units: int
    n_clusters: int
    df: int
    cluster: str | None
    controls: tuple[str, ...]
    notes: tuple[str, ...] = ()

    @property
    def tstat(self) -> float:
        return self.att / self.se if self.se > 0 else math.nan

    @property
    def pvalue(self) -> float:
        return 2 * _t_sf(abs(self.tstat), self.df) if self.se > 0 else math.nan

    def conf_int(self, alpha: float = 0.05) -> pd.DataFrame:
        """Two-sided (1 - alpha) interval for the ATT: one row (``att``), columns ``lower`` and ``upper``
        (Student t with ``df`` degrees of freedom), as the panel results' ``conf_int``."""
        lo, hi = self._interval(alpha)
        return pd.DataFrame({"lower": [lo], "upper": [hi]}, index=["att"])

    def _interval(self, alpha: float = 0.05) -> tuple[float, float]:
        q = _t_ppf(1 - alpha / 2, self.df)
        return self.att - q * self.se, self.att + q * self.se

    @property
    def summary(self) -> str:
        """One sentence: estimator, ATT, standard error, interval, p value, N and units."""
        lo, hi = self._interval()
        clu = f"clustered by {self.cluster} ({self.n_clusters} clusters)" if self.cluster else "heteroskedasticity-robust"
        return (f"{METHOD_LABELS[self.method]}: ATT = {self.att:.4f} (SE {self.se:.4f}, {clu}; "
                f"95% CI {lo:.4f} to {hi:.4f}; p = {self.pvalue:.3g}); N = {self.nobs}, "
                f"{self.n_units} units of which {self.n_treated_units} treated.")

    def as_row(self) -> dict[str, object]:
        """The result as one row of :func:`compare_methods`' table."""
        lo, hi = self._interval()
        return {"method": self.method, "att": self.att, "se": self.se, "ci_low": lo, "ci_high": hi,
                "pvalue": self.pvalue, "nobs": self.nobs, "n_units": self.n_units,
                "n_treated_units": self.n_treated_units, "n_clusters": self.n_clusters}


@dataclass(frozen=True)
class PretrendTest:
    """Joint Wald test that every pre-period event-study coefficient is zero.

    ``stat`` is :math:`W = b' V^{-1} b` over the ``k`` pre-period coefficients
    (reference excluded), compared with :math:`\\chi^2_k`; ``f_stat = W/k`` with
    F(k, df) gives the small-sample version used on the page.
    """

    periods: tuple[int, ...]
    stat: float
    k: int
    pvalue: float
    f_stat: float
    f_df: int
    f_pvalue: float

    @property
    def summary(self) -> str:
        """The test in one sentence."""
        if self.k == 0:
            return "No pre-period coefficient to test (widen the window)."
        return (f"Joint test that the {self.k} pre-period coefficients are zero: F({self.k}, {self.f_df}) = "
                f"{self.f_stat:.2f}, p = {self.f_pvalue:.3f} (Wald chi2 = {self.stat:.2f}, p = {self.pvalue:.3f}).")


@dataclass(frozen=True)
class EventStudyResult:
    """Relative-period coefficients from :func:`event_study`.

    ``table`` is tidy: ``rel_period`` (years since first treatment; the window
    ends are binned: the first row pools all earlier periods, the last all later
    ones), ``estimate``, ``se``, ``ci_low``, ``ci_high`` (95 %), ``n_obs`` (treated
    or eventually treated observations in that period), ``is_reference`` (the
    omitted period, drawn at 0), ``binned``.
    """

    method: str
    table: pd.DataFrame
    reference: int
    window: tuple[int, int]
    nobs: int
    n_clusters: int
    df: int
    cluster: str | None
    coef: np.ndarray = field(repr=False)
    vcov: np.ndarray = field(repr=False)
    notes: tuple[str, ...] = ()

    def pretrend_test(self) -> PretrendTest:
        return pretrend_test(self)


# --- the t, chi-squared and F tails (the standard library's math; scipy.special is the tests' reference) ----------
# scipy.special costs 0.3-1 s to import in a fresh process, before the page's main chart; these are the textbook
# continued fractions (Press, Teukolsky, Vetterling and Flannery, "Numerical Recipes", 3rd ed. 2007, sections 6.2
# and 6.4), accurate to about 1e-13 here.

def _betacf(a: float, b: float, x: float) -> float:
    """The continued fraction of the regularized incomplete beta function (modified Lentz)."""
    tiny, eps = 1e-300, 1e-15
    qab, qap, qam = a + b, a + 1.0, a - 1.0
    c, d = 1.0, 1.0 - qab * x / qap
    d = 1.0 / (d if abs(d) > tiny else tiny)
    h = d
    for m in range(1, 10_000):
        m2 = 2 * m
        aa = m * (b - m) * x / ((qam + m2) * (a + m2))
        d = 1.0 + aa * d
        d = 1.0 / (d if abs(d) > tiny else tiny)
        c = 1.0 + aa / c
        c = c if abs(c) > tiny else tiny
        h *= d * c
        aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2))
        d = 1.0 + aa * d
        d = 1.0 / (d if abs(d) > tiny else tiny)
        c = 1.0 + aa / c
        c = c if abs(c) > tiny else tiny
        delta = d * c
        h *= delta
        if abs(delta - 1.0) < eps:
            break
    return h


def _betainc(a: float, b: float, x: float) -> float:
    """The regularized incomplete beta function :math:`I_x(a, b)`."""
    if x <= 0.0:
        return 0.0
    if x >= 1.0:
        return 1.0
    log_front = math.lgamma(a + b) - math.lgamma(a) - math.lgamma(b) + a * math.log(x) + b * math.log1p(-x)
    if x < (a + 1.0) / (a + b + 2.0):
        return math.exp(log_front) * _betacf(a, b, x) / a
    return 1.0 - math.exp(log_front) * _betacf(b, a, 1.0 - x) / b


def _gammaincc(a: float, x: float) -> float:
    """The regularized upper incomplete gamma function :math:`Q(a, x)`."""
    if x <= 0.0:
        return 1.0
    log_front = -x + a * math.log(x) - math.lgamma(a)
    if x < a + 1.0:  # the series of P(a, x)
        term = total = 1.0 / a
        n = a
        for _ in range(10_000):
            n += 1.0
            term *= x / n
            total += term
            if abs(term) < abs(total) * 1e-16:
                break
        return 1.0 - total * math.exp(log_front)
    tiny = 1e-300  # the continued fraction of Q(a, x) (modified Lentz)
    b = x + 1.0 - a
    c, d = 1.0 / tiny, 1.0 / b
    h = d
    for i in range(1, 10_000):
        an = -i * (i - a)
        b += 2.0
        d = an * d + b
        d = 1.0 / (d if abs(d) > tiny else tiny)
        c = b + an / c
        c = c if abs(c) > tiny else tiny
        delta = d * c
        h *= delta
        if abs(delta - 1.0) < 1e-15:
            break
    return math.exp(log_front) * h


def _t_sf(t: float, df: float) -> float:
    """P(T > t) for Student's t with ``df`` degrees of freedom."""
    tail = 0.5 * _betainc(df / 2.0, 0.5, df / (df + t * t))
    return tail if t >= 0 else 1.0 - tail


def _t_ppf(p: float, df: float) -> float:
    """The ``p`` quantile of Student's t with ``df`` degrees of freedom (Newton steps from the normal quantile)."""
    if not 0.0 < p < 1.0:
        raise DIDError("A quantile needs 0 < p < 1 (got {p}).", p=p)
    if p == 0.5:
        return 0.0
    x = NormalDist().inv_cdf(p)
    log_norm = math.lgamma((df + 1) / 2) - math.lgamma(df / 2) - 0.5 * math.log(df * math.pi)
    for _ in range(100):
        density = math.exp(log_norm - (df + 1) / 2 * math.log1p(x * x / df))
        step = ((1.0 - _t_sf(x, df)) - p) / density
        x -= step
        if abs(step) < 1e-14 * max(1.0, abs(x)):
            break
    return x


def _chi2_sf(x: float, k: float) -> float:
    """P(X > x) for the chi-squared distribution with ``k`` degrees of freedom."""
    return _gammaincc(k / 2.0, x / 2.0)


def _f_sf(x: float, d1: float, d2: float) -> float:
    """P(F > x) for the F distribution with (``d1``, ``d2``) degrees of freedom."""
    if x <= 0.0:
        return 1.0
    return _betainc(d2 / 2.0, d1 / 2.0, d2 / (d2 + d1 * x))


# --- preparation ------------------------------------------------------------------------------

def prepare(
    df: pd.DataFrame,
    *,
    outcome: str,
    unit: str,
    time: str,
    cohort: str,
    controls: Sequence[str] = (),
    cluster: str | None = None,
) -> Design:
    """Copy ``df`` into internal column names and check that a DID is identified.

    ``cohort`` holds the first treated year (0 or missing = never treated);
    ``time`` whole years.  Rows with a missing outcome, control or cluster are
    dropped.  Units treated in or before the first sample year have no untreated
    observation and are dropped (a note says so).  Without never-treated units
    the last cohort serves as the not-yet-treated comparison: the years from its
    start on are dropped and it counts as untreated (a note says so).

    Raises
    ------
    DIDError
        Missing column, text in a number column, a cohort after the last year, no
        treated unit, or no never-treated and no not-yet-treated comparison.
    """
    if not isinstance(df, pd.DataFrame):
        raise DIDError("The data must be a table (pandas DataFrame).")
    controls = tuple(dict.fromkeys(controls))
    wanted = [outcome, unit, time, cohort, *controls] + ([cluster] if cluster else [])
    missing = [c for c in dict.fromkeys(wanted) if c not in df.columns]
    if missing:
        raise DIDError("Column(s) not in the data: {missing}.", missing=", ".join(map(str, missing)))
    out = pd.DataFrame(index=df.index)
    for name, source in [(_Y, outcome), (_TIME, time), (_COHORT, cohort)] + [(f"x{i}", c) for i, c in enumerate(controls)]:
        values = pd.to_numeric(df[source], errors="coerce")
        if (values.isna() & df[source].notna()).any():
            raise DIDError("Column '{source}' has text where a number is expected.", source=source)
        out[name] = values.astype("float64")
    # Units and clusters enter the estimators as integer codes (labels stay in ``unit_label`` for messages).
    out[_LABEL] = df[unit].astype(object).where(df[unit].notna())
    out[_UNIT] = pd.factorize(df[unit])[0].astype("float64")
    out[_CLUSTER] = (pd.factorize(df[cluster])[0].astype("float64") if cluster
                     else np.arange(len(df), dtype="float64"))
    out.loc[out[_UNIT] < 0, _UNIT] = np.nan
    out.loc[out[_CLUSTER] < 0, _CLUSTER] = np.nan
    out[_COHORT] = out[_COHORT].fillna(0.0)
    if (out[_TIME] % 1 != 0).any() or (out[_COHORT] % 1 != 0).any() or (out[_COHORT] < 0).any():
        raise DIDError("'{time}' and '{cohort}' must hold whole years ('{cohort}' 0 or empty = never treated).",
                       time=time, cohort=cohort)
    xs = tuple(f"x{i}" for i in range(len(controls)))
    out = out.dropna(subset=[_Y, _UNIT, _TIME, _CLUSTER, *xs])
    if out.empty:
        raise DIDError("No complete rows: every row misses the outcome, a control or the cluster.")
    out[_TIME] = out[_TIME].astype("int64")
    out[_COHORT] = out[_COHORT].astype("int64")
    out[_UNIT] = out[_UNIT].astype("int64")
    out[_CLUSTER] = out[_CLUSTER].astype("int64")
    first, last = int(out[_TIME].min()), int(out[_TIME].max())
    notes: list[str] = []

    late = out[out[_COHORT] > last]
    if not late.empty:
        units = sorted(map(str, late[_LABEL].unique()))
        years = sorted(late[_COHORT].unique())
        raise DIDError(
            "Cohort(s) {years} start after the panel's last year {last}: {n_units} unit(s) (e.g. {units}) are never "
            "observed treated. Leave those cohorts out or extend the panel.",
            years=", ".join(map(str, years)), last=last, n_units=len(units), units=", ".join(units[:3]))
    always = out[(out[_COHORT] > 0) & (out[_COHORT] <= first)]
    if not always.empty:
        units = sorted(always[_UNIT].unique())
        labels = sorted(map(str, always[_LABEL].unique()))
        notes.append(Message("{n_units} unit(s) treated in or before the first year {first} have no untreated year "
                             "and were left out (e.g. {units}).",
                             n_units=len(units), first=first, units=", ".join(labels[:3])))
        out = out[~out[_UNIT].isin(units)]

    cohorts = sorted(c for c in out[_COHORT].unique() if c > 0)
    if not cohorts:
        raise DIDError("No treated unit: no row has a first-treatment year inside the panel.")
    if not (out[_COHORT] == 0).any():
        if len(cohorts) < 2:
            raise DIDError(
                "No never-treated and no not-yet-treated units: every unit is first treated in {cohorts}, so nothing "
                "shows what would have happened without the policy. Add never-treated units.",
                cohorts=cohorts[0])
        lastc = cohorts[-1]
        notes.append(Message("No never-treated unit: the last cohort ({cohort}) serves as the not-yet-treated "
                             "comparison, so years from {cohort} on are left out.", cohort=lastc))
        out = out[out[_TIME] < lastc].copy()
        out.loc[out[_COHORT] == lastc, _COHORT] = 0

    out[_TREAT] = (out[_COHORT] > 0) & (out[_TIME] >= out[_COHORT])
    if not out[_TREAT].any() or out[_TREAT].all():
        raise DIDError("No never-treated and no not-yet-treated units in the treated years: the effect is not identified.")
    untreated_times = set(out.loc[~out[_TREAT], _TIME])
    uncovered = sorted(set(out[_TIME]) - untreated_times)
    if uncovered:
        notes.append(Message("Year(s) {years} have no untreated unit and were left out.",
                             years=", ".join(map(str, uncovered))))
        out = out[out[_TIME].isin(untreated_times)]
    out[_D] = out[_TREAT].astype("float64")
    out = out.reset_index(drop=True)
    n_clusters = int(out[_CLUSTER].nunique())
    if cluster and n_clusters < 2:
        raise DIDError("Clustering by '{cluster}' needs at least two clusters; the data have {n_clusters}.",
                       cluster=cluster, n_clusters=n_clusters)
    return Design(frame=out, controls=xs, cluster=cluster, n_units=int(out[_UNIT].nunique()),
                  n_clusters=n_clusters, first_time=int(out[_TIME].min()), last_time=int(out[_TIME].max()),
                  notes=tuple(notes))


def _df(design: Design) -> int:
    return max(design.n_clusters - 1, 1) if design.cluster else max(len(design.frame) - 1, 1)


def _check_method(method: str) -> None:
    if method not in METHODS:
        raise DIDError("Unknown method {method!r}; use one of {methods}.", method=method, methods=", ".join(METHODS))


# --- the estimators in numpy (pyfixest's feols and did2s are the reference in the tests) ------------

@dataclass(frozen=True)
class _Fit:
    """What the estimators below return: coefficients and covariance by regressor name, and N."""

    coef: pd.Series
    vcov: pd.DataFrame
    nobs: int


class _TwoWay:
    """Unit and year dummies (all units, every year but the first) on the rows of ``mask``, without forming them.

    Holds the normal matrix ``G = X1' X1`` of ``[controls, unit dummies, year dummies]`` on those rows, built from
    counts and group sums, so a panel of many units never becomes a dense design matrix.
    """

    def __init__(self, unit: np.ndarray, time: np.ndarray, controls: np.ndarray, mask: np.ndarray) -> None:
        self.unit, self.time, self.xc, self.mask = unit, time, controls, mask
        self.n_units, self.n_times = int(unit.max()) + 1, int(time.max()) + 1
        w = mask.astype("float64")
        c, nu, nt = controls.shape[1], self.n_units, self.n_times
        g = np.zeros((c + nu + nt - 1,) * 2)
        xw = controls * w[:, None]
        g[:c, :c] = xw.T @ controls
        g[:c, c:] = self._sums(xw).T
        g[c:, :c] = g[:c, c:].T
        cross = np.zeros((nu, nt))
        np.add.at(cross, (unit, time), w)
        g[c:c + nu, c:c + nu] = np.diag(cross.sum(axis=1))
        t_block = np.diag(cross.sum(axis=0))[1:, 1:]
        g[c + nu:, c + nu:] = t_block
        g[c:c + nu, c + nu:] = cross[:, 1:]
        g[c + nu:, c:c + nu] = cross[:, 1:].T
        self.g = g

    def _sums(self, r: np.ndarray) -> np.ndarray:
        """``[unit dummies, year dummies]' r`` (rows of ``r`` already weighted)."""
        by_unit = np.zeros((self.n_units, r.shape[1]))
        np.add.at(by_unit, self.unit, r)
        by_time = np.zeros((self.n_times, r.shape[1]))
        np.add.at(by_time, self.time, r)
        return np.vstack([by_unit, by_time[1:]])

    def cross(self, r: np.ndarray, rows: np.ndarray | None = None) -> np.ndarray:
        """``X1' r`` over ``rows`` (default: the rows of ``mask``); ``r`` is N x m."""
        w = (self.mask if rows is None else rows).astype("float64")[:, None]
        rw = r * w
        return np.vstack([self.xc.T @ rw, self._sums(rw)])

    def solve(self, rhs: np.ndarray) -> np.ndarray:
        """``G^{-1} rhs`` (least squares when the design is not connected).

        The unit block of ``G`` is diagonal (each unit's count of rows), so it is eliminated first and only the
        Schur complement of the controls and years (a few dozen rows) goes to LAPACK: a dense solve of the
        whole ``G`` costs 0.1-0.2 s on a loaded 2-core machine (BLAS threads waiting on each other) against
        well under a millisecond for the small one.
        """
        c, nu = self.xc.shape[1], self.n_units
        units = np.arange(c, c + nu)
        rest = np.r_[np.arange(c), np.arange(c + nu, self.g.shape[0])]
        du = np.diag(self.g)[units]
        if (du <= 0).any():  # a unit without rows: no elimination
            return np.linalg.lstsq(self.g, rhs, rcond=None)[0]
        b = self.g[np.ix_(units, rest)]
        b_scaled = b / du[:, None]
        schur = self.g[np.ix_(rest, rest)] - b.T @ b_scaled
        r_units, r_rest = rhs[units], rhs[rest]
        target = r_rest - b_scaled.T @ r_units
        try:
            x_rest = np.linalg.solve(schur, target)
        except np.linalg.LinAlgError:
            x_rest = np.linalg.lstsq(schur, target, rcond=None)[0]
        out = np.empty((self.g.shape[0], rhs.shape[1]))
        out[rest] = x_rest
        out[units] = (r_units - b @ x_rest) / du[:, None]
        return out

    def times(self, theta: np.ndarray) -> np.ndarray:
        """``X1 theta`` for every row (N x m)."""
        c, nu = self.xc.shape[1], self.n_units
        t_part = np.vstack([np.zeros((1, theta.shape[1])), theta[c + nu:]])
        return self.xc @ theta[:c] + theta[c:c + nu][self.unit] + t_part[self.time]


def _independent(x: np.ndarray, tol: float = 1e-9) -> list[int]:
    """Columns of ``x`` kept in order, dropping each one (nearly) collinear with those before it (as pyfixest does).

    Read from the Gram matrix ``x'x`` (a few dozen columns): column j's squared distance from the columns kept
    before it is ``g_jj - g_jK g_KK^{-1} g_Kj``; it is dropped when that distance is below ``tol`` times its norm.
    """
    if x.shape[1] == 0:
        return []
    g = x.T @ x
    kept: list[int] = []
    for j in range(g.shape[0]):
        if g[j, j] <= 0:
            continue
        resid = g[j, j]
        if kept:
            v = g[kept, j]
            resid = g[j, j] - v @ np.linalg.solve(g[np.ix_(kept, kept)], v)
        if resid > (tol * max(np.sqrt(g[j, j]), 1.0)) ** 2:
            kept.append(j)
    return kept


def _cluster_sums(scores: np.ndarray, clusters: np.ndarray) -> np.ndarray:
    out = np.zeros((int(clusters.max()) + 1, scores.shape[1]))
    np.add.at(out, clusters, scores)
    return out


def _nested(fe: np.ndarray, clusters: np.ndarray) -> bool:
    """Is every level of ``fe`` inside one cluster?"""
    pairs = pd.DataFrame({"fe": fe, "c": clusters}).drop_duplicates()
    return bool(pairs["fe"].is_unique)


def _fit(design: Design, regressors: Sequence[str], method: str) -> _Fit:
    """Fit eq. 1 (or its event-study form): TWFE by OLS on unit and year dummies, did2s by Gardner's two stages.

    TWFE: slopes by Frisch-Waugh-Lovell (regressors and controls net of the unit and year effects), covariance
    clustered (CRV1) or heteroskedasticity-robust (HC1) with fixest's small-sample factors. did2s: stage 1 fits
    unit and year effects and controls on untreated rows only, stage 2 regresses the residualized outcome on the
    regressors (no intercept), and the covariance is the GMM sandwich of Gardner (2022, section 3.2) and Butts and
    Gardner (2022) that accounts for the first stage (no small-sample factor, as in R's did2s).
    """
    _check_method(method)
    f = design.frame
    y = f[_Y].to_numpy(dtype=float)
    unit = pd.factorize(f[_UNIT])[0]
    time = pd.factorize(f[_TIME], sort=True)[0]
    clusters = pd.factorize(f[_CLUSTER])[0]
    xc = f[list(design.controls)].to_numpy(dtype=float).reshape(len(f), len(design.controls))
    x2 = f[list(regressors)].to_numpy(dtype=float).reshape(len(f), len(regressors))
    n = len(f)
    if method == "twfe":
        names = [*regressors, *design.controls]
        x = np.hstack([x2, xc])
        fe = _TwoWay(unit, time, np.zeros((n, 0)), np.ones(n, dtype=bool))
        both = np.hstack([y[:, None], x])
        tilde = both - fe.times(fe.solve(fe.cross(both)))
        yt, xt = tilde[:, 0], tilde[:, 1:]
        keep = _independent(xt)
        xt, names = xt[:, keep], [names[j] for j in keep]
        bread = np.linalg.inv(xt.T @ xt)
        b = bread @ (xt.T @ yt)
        u = yt - xt @ b
        k = len(names)
        k_fe = fe.n_units + fe.n_times - 1
        if design.cluster:
            g = int(clusters.max()) + 1
            nested = [lv for lv, ok in ((fe.n_units, _nested(unit, clusters)), (fe.n_times, _nested(time, clusters))) if ok]
            df_k = k + k_fe - sum(nested) + len(nested) if nested else k + k_fe
            s = _cluster_sums(xt * u[:, None], clusters)
            factor = (n - 1) / (n - df_k) * g / (g - 1)
        else:
            s = xt * u[:, None]
            factor = n / (n - (k + k_fe))
        vcov = factor * bread @ (s.T @ s) @ bread
    else:  # did2s (_check_method above)
        untreated = ~f[_TREAT].to_numpy(dtype=bool)
        fe = _TwoWay(unit, time, xc, untreated)
        theta = fe.solve(fe.cross(y[:, None]))
        u1 = y - fe.times(theta)[:, 0]
        keep = _independent(x2)
        x2, names = x2[:, keep], [regressors[j] for j in keep]
        bread = np.linalg.inv(x2.T @ x2)
        b = bread @ (x2.T @ u1)
        u2 = u1 - x2 @ b
        h = fe.solve(fe.cross(x2, rows=np.ones(n, dtype=bool)))  # (X10'X10)^{-1} X1'X2
        scores = x2 * u2[:, None] - (fe.times(h) * (u1 * untreated)[:, None])
        s = _cluster_sums(scores, clusters)
        vcov = bread @ (s.T @ s) @ bread
    return _Fit(coef=pd.Series(b, index=names), vcov=pd.DataFrame(vcov, index=names, columns=names), nobs=n)


# --- estimators --------------------------------------------------------------------------------

def staggered_did(
    df: pd.DataFrame,
    *,
    outcome: str,
    unit: str,
    time: str,
    cohort: str,
    method: Method = "did2s",
    controls: Sequence[str] = (),
    cluster: str | None = None,
) -> DIDResult:
    """Pooled ATT of a staggered adoption, eq. 1, by TWFE or Gardner's two-stage estimator.

    Parameters
    ----------
    df : long panel, one row per unit and year (several rows per unit-year are
        allowed: ``unit`` is the fixed-effect level, e.g. state in pyfixest's ``df_het``).
    outcome, unit, time, cohort : column names; ``cohort`` = first treated year,
        0 or missing = never treated.
    method : ``"twfe"`` or ``"did2s"``.
    controls : numeric time-varying covariates (stage 1 for did2s, as in Gardner 2022 eq. 5).
    cluster : column to cluster standard errors by (None = heteroskedasticity-robust).

    Returns
    -------
    DIDResult
    """
    _check_method(method)
    design = prepare(df, outcome=outcome, unit=unit, time=time, cohort=cohort, controls=controls, cluster=cluster)
    fit = _fit(design, [_D], method)
    coef = fit.coef
    se = np.sqrt(np.clip(np.diag(fit.vcov), 0, None))
    se = pd.Series(se, index=coef.index)
    if _D not in coef.index or not np.isfinite(coef[_D]):
        raise DIDError("The treatment effect is not identified (collinear with the fixed effects or controls).")
    f = design.frame
    return DIDResult(method=method, att=float(coef[_D]), se=float(se[_D]), nobs=fit.nobs, n_units=design.n_units,
                     n_treated_units=int(f.loc[f[_COHORT] > 0, _UNIT].nunique()), n_clusters=design.n_clusters,
                     df=_df(design), cluster=cluster, controls=tuple(controls), notes=design.notes)


def _event_name(k: int) -> str:
    return f"ev_m{-k}" if k < 0 else f"ev_p{k}"


def event_study(
    df: pd.DataFrame,
    *,
    outcome: str,
    unit: str,
    time: str,
    cohort: str,
    window: tuple[int, int] = (-6, 6),
    reference: int = -1,
    method: Method = "did2s",
    controls: Sequence[str] = (),
    cluster: str | None = None,
    alpha: float = 0.05,
) -> EventStudyResult:
    """Dynamic form of eq. 1: one coefficient per year relative to first treatment.

    .. math:: y_{it} = \\sum_{k \\ne r} \\beta_k 1[t - g_i = k] + \\gamma' x_{it} + \\mu_i + \\lambda_t + \\varepsilon_{it}

    Relative periods outside ``window`` are binned into its end points (so they
    never fall into the reference).  ``reference`` (default -1) is omitted and
    reported as 0.  Never-treated units carry no dummy.  For ``did2s`` the
    dummies form the second stage (Gardner 2022, eq. 6 with event-time indicators).

    Raises
    ------
    DIDError
        As :func:`prepare`, or a window that does not contain the reference, or
        a window with no observation outside the reference.
    """
    _check_method(method)
    lo, hi = int(window[0]), int(window[1])
    if not lo < 0 <= hi:
        raise DIDError("The window must start before 0 and end at or after 0 (got {lo} to {hi}).", lo=lo, hi=hi)
    if not lo <= reference < 0:
        raise DIDError("The reference period {reference} must be a pre-period inside the window {lo} to {hi}.",
                       reference=reference, lo=lo, hi=hi)
    design = prepare(df, outcome=outcome, unit=unit, time=time, cohort=cohort, controls=controls, cluster=cluster)
    f = design.frame
    ever = f[_COHORT] > 0
    rel = (f[_TIME] - f[_COHORT]).where(ever)
    binned = rel.clip(lower=lo, upper=hi)
    periods = [k for k in range(lo, hi + 1) if k != reference and (binned == k).any()]
    if not periods:
        raise DIDError("No observation falls in the event window outside the reference period.")
    frame = f.copy()
    for k in periods:
        frame[_event_name(k)] = (binned == k).astype("float64")
    design = Design(frame=frame, controls=design.controls, cluster=design.cluster, n_units=design.n_units,
                    n_clusters=design.n_clusters, first_time=design.first_time, last_time=design.last_time,
                    notes=design.notes)
    names = [_event_name(k) for k in periods]
    fit = _fit(design, names, method)
    coef_all = fit.coef
    vcov_all = fit.vcov
    kept = [n for n in names if n in coef_all.index and np.isfinite(coef_all[n])]
    kept_periods = [k for k, n in zip(periods, names) if n in kept]
    coef = coef_all[kept].to_numpy(dtype=float)
    vcov = vcov_all.loc[kept, kept].to_numpy(dtype=float)
    se = np.sqrt(np.clip(np.diag(vcov), 0, None))
    dfree = _df(design)
    q = _t_ppf(1 - alpha / 2, dfree)
    counts = binned.value_counts()
    rows = [{"rel_period": k, "estimate": b, "se": s, "ci_low": b - q * s, "ci_high": b + q * s,
             "n_obs": int(counts.get(k, 0)), "is_reference": False, "binned": k in (lo, hi)}
            for k, b, s in zip(kept_periods, coef, se)]
    rows.append({"rel_period": reference, "estimate": 0.0, "se": 0.0, "ci_low": 0.0, "ci_high": 0.0,
                 "n_obs": int(counts.get(reference, 0)), "is_reference": True, "binned": reference == lo})
    table = pd.DataFrame(rows).sort_values("rel_period").reset_index(drop=True)
    table["binned"] = table["binned"] & (table["rel_period"].isin([lo, hi]))
    return EventStudyResult(method=method, table=table, reference=reference, window=(lo, hi), nobs=fit.nobs,
                            n_clusters=design.n_clusters, df=dfree, cluster=cluster, coef=coef, vcov=vcov,
                            notes=design.notes)


def pretrend_test(result: EventStudyResult) -> PretrendTest:
    """Joint Wald test of :math:`\\beta_k = 0` for all pre-periods ``k < 0`` except the reference.

    Uses the estimator's own (clustered) covariance matrix; a singular block is
    handled with the pseudo-inverse.
    """
    table = result.table[~result.table["is_reference"]].reset_index(drop=True)
    pre = [i for i, k in enumerate(table["rel_period"]) if k < 0]
    periods = tuple(int(table.loc[i, "rel_period"]) for i in pre)
    if not pre:
        return PretrendTest(periods=(), stat=math.nan, k=0, pvalue=math.nan, f_stat=math.nan, f_df=result.df,
                            f_pvalue=math.nan)
    b = result.coef[pre]
    v = result.vcov[np.ix_(pre, pre)]
    stat = float(b @ np.linalg.pinv(v) @ b)
    k = len(pre)
    return PretrendTest(periods=periods, stat=stat, k=k, pvalue=_chi2_sf(stat, k), f_stat=stat / k,
                        f_df=result.df, f_pvalue=_f_sf(stat / k, k, result.df))


def compare_methods(results: Sequence[DIDResult]) -> pd.DataFrame:
    """Side-by-side table of ATTs (one row per result)."""
    return pd.DataFrame([r.as_row() for r in results])


@dataclass(frozen=True)
class GroupDIDResult:
    """ATTs of :func:`staggered_did_by_group`: the design re-estimated on each group's own units.

    ``table`` has one row per group and method: the group in the column named by ``by``, then the columns of
    :meth:`DIDResult.as_row`.  ``skipped`` lists ``(group, method, reason)`` for each fit that could not be
    estimated (too few treated or comparison units in that group), in the order tried.
    """

    by: str
    table: pd.DataFrame
    skipped: tuple[tuple[str, str, str], ...] = ()


def staggered_did_by_group(
    df: pd.DataFrame,
    *,
    by: str,
    groups: Sequence[str] | None = None,
    methods: Sequence[str] = METHODS,
    **kwargs,
) -> GroupDIDResult:
    """Eq. 1's pooled ATT estimated separately on the rows of each group of ``by`` (a heterogeneity analysis).

    Each group is its own sample: its treated units and its comparison units only, its own unit and year effects
    (so a group's ATT is exactly :func:`staggered_did` on ``df[df[by] == group]``).  ``groups`` fixes the order
    (default: the groups in ``df`` sorted); ``methods`` the estimators; ``kwargs`` go to :func:`staggered_did`
    (``outcome``, ``unit``, ``time``, ``cohort``, ``controls``, ``cluster``).  A group whose design is not
    identified is skipped with its reason instead of raising.

    Raises
    ------
    DIDError
        ``by`` is not a column of ``df``.
    """
    if by not in df.columns:
        raise DIDError("Column(s) not in the data: {missing}.", missing=by)
    order = list(groups) if groups is not None else sorted(df[by].dropna().unique())
    rows: list[dict[str, object]] = []
    skipped: list[tuple[str, str, str]] = []
    for group in order:
        sub = df[df[by] == group]
        for method in methods:
            try:
                result = staggered_did(sub, method=method, **kwargs)
            except DIDError as exc:
                skipped.append((str(group), method, exc.message))  # keeps its template, for translation
                continue
            rows.append({by: group, **result.as_row()})
    columns = [by, "method", "att", "se", "ci_low", "ci_high", "pvalue", "nobs", "n_units", "n_treated_units",
               "n_clusters"]
    return GroupDIDResult(by=by, table=pd.DataFrame(rows, columns=columns), skipped=tuple(skipped))
