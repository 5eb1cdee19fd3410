"""Panel regressions of the agglomeration index (eq. 10 of Liu 2026) over linearmodels.

The paper estimates

    idt_it = a_i + b1 gdp_it + b2 pcw_it + ... + b9 psl_it + e_it        (eq. 10)

with entity fixed effects, and reports an F test of the entity effects
(F = 89.81) and a Hausman test of FE against RE (296.92) in section 4.2.
This module fits that model and its neighbours (pooled OLS, two-way effects,
random effects) with linearmodels' array API: the design matrix is built here
from a **whitelist** of column names and a fixed menu of transformations, so no
user text ever reaches a formula parser (formulaic and patsy evaluate
``I(...)`` and ``{...}`` as Python).

Everything is pure: DataFrames in, small result objects out; no Streamlit.
Units: ``idt`` is dimensionless; ``log`` variables are natural logs of the
Table 3 quantity; ``ratio`` variables are shares in 0-1; scenario changes are
given in percent (log variables), percentage points (ratio variables) or
score points (``del``).
"""

from __future__ import annotations

import warnings
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

import numpy as np
import pandas as pd

from core.agglomeration import describe

Model = Literal["pooled", "fe", "twfe", "re"]
CovType = Literal["unadjusted", "robust", "clustered", "driscoll-kraay"]
Transform = Literal["log", "lag1", "standardize"]

MODELS: dict[str, str] = {
    "pooled": "Pooled OLS",
    "fe": "Entity fixed effects (eq. 10)",
    "twfe": "Entity + year fixed effects",
    "re": "Random effects",
}
COV_TYPES: dict[str, str] = {
    "unadjusted": "Classical (homoskedastic)",
    "robust": "Heteroskedasticity-robust (White)",
    "clustered": "Clustered by province",
    "driscoll-kraay": "Driscoll-Kraay (cross-section and serial correlation)",
}
# The fixed menu, applied in this order to a regressor (log, then lag, then standardize).
TRANSFORMS: dict[str, str] = {
    "log": "natural log",
    "lag1": "first lag (t-1, same province)",
    "standardize": "standardized (mean 0, sd 1 in the estimation sample)",
}
_PREFIX = {"log": "ln", "lag1": "L1", "standardize": "z"}


@dataclass(frozen=True)
class Variable:
    """One whitelisted column: its paper symbol, label, Table 3 definition and kind.

    ``kind`` decides how a scenario change is read: ``log`` -> percent change of
    the underlying quantity, ``ratio`` -> percentage points, ``score``/``index``
    -> absolute points.
    """

    symbol: str
    label: str
    definition: str
    kind: Literal["log", "ratio", "score", "index"]
    years: str = "2011-2023"

    @property
    def change_unit(self) -> str:
        return {"log": "%", "ratio": "pp", "score": "points", "index": "points"}[self.kind]


VARIABLES: dict[str, Variable] = {v.symbol: v for v in (
    Variable("idt", "Agglomeration index", "Agglomeration degree of industrial-digitalization talents (eq. 9, Table 1)",
             "index"),
    Variable("gdp", "Gross regional product", "Regional GDP, 100 million yuan, natural log", "log"),
    Variable("pcw", "Per-capita wage", "Average wage of employees in urban units, yuan, natural log", "log"),
    Variable("del", "Digital economy level", "Entropy-weight score of a digital-economy indicator system", "score"),
    Variable("estr", "Economic structure", "Share of tertiary industry output in GDP (0-1)", "ratio"),
    Variable("pdl", "Population quality", "College students per 100,000 people, natural log", "log"),
    Variable("rd", "R&D intensity", "R&D spending of industrial firms above designated size / GDP (0-1)", "ratio"),
    Variable("urban", "Urbanization rate", "Urban population / total population (0-1)", "ratio"),
    Variable("med", "Medical care level", "Medical-institution beds per 10,000 people, natural log", "log"),
    Variable("psl", "Public service level", "Public-service employees / urban employment (0-1)", "ratio"),
    Variable("lnpcgdp", "Per-capita GDP (public stand-in)", "Per-capita GDP, yuan, natural log (not in Table 3; "
             "public stand-in for gdp after 2019)", "log"),
)}
PAPER_REGRESSORS: tuple[str, ...] = ("gdp", "pcw", "del", "estr", "pdl", "rd", "urban", "med", "psl")
# The policy levers of the 004 brief and the regressor each maps onto.
LEVERS: dict[str, str] = {"pcw": "Wages", "rd": "R&D intensity", "psl": "Public services", "pdl": "Education"}

# Public regressors that can be derived from the bundled panel, paper symbol -> (source column, transform, note).
PUBLIC_VARIABLES: dict[str, tuple[str, str, str]] = {
    "gdp": ("gdp_100m_yuan", "log", "log regional GDP (100 million yuan), 2011-2019, 2013/14 revision break"),
    "lnpcgdp": ("pcgdp_yuan", "log", "log per-capita GDP (yuan), 2011-2023 (stand-in for gdp beyond 2019)"),
    "estr": ("tertiary_share_pct", "share", "tertiary share of GDP (0-1), 2011-2023"),
    "pdl": ("college_students_per_100k", "log", "log college students per 100,000 people, 2011-2023"),
    "urban": ("urbanization_ratio", "identity", "urban population share (0-1), 2011-2019"),
    "med": ("beds_per_10k", "log", "log hospital beds per 10,000 people, 2012-2023"),
}


class PanelSpecError(ValueError):
    """A model specification cannot be estimated (unknown column, too few rows, bad transform...)."""


# --- data ----------------------------------------------------------------------------

def public_panel(table1: pd.DataFrame, raw_panel: pd.DataFrame) -> pd.DataFrame:
    """Merge the published index (Table 1) with the public regressors, indexed by (province, year).

    Only the 30 provinces of Table 1 are kept; a regressor is NaN where its
    source has no value (never filled).
    """
    merged = table1.merge(raw_panel, on=["province", "year"], how="left")
    out = pd.DataFrame({"province": merged.province, "year": merged.year, "idt": merged.idt})
    for symbol, (column, transform, _) in PUBLIC_VARIABLES.items():
        values = merged[column].astype("float64")
        if transform == "log":
            values = np.log(values.where(values > 0))
        elif transform == "share":
            values = values / 100.0
        out[symbol] = values
    return out.set_index(["province", "year"]).sort_index()


def variables_in(data: pd.DataFrame) -> list[str]:
    """Whitelisted variables present in ``data`` with at least one value, in Table 3 order."""
    return [s for s in VARIABLES if s in data.columns and data[s].notna().any()]


def coverage(data: pd.DataFrame) -> pd.DataFrame:
    """Which years each whitelisted variable has: first, last year, observations and missing years."""
    years = data.index.get_level_values(1)
    rows = []
    for symbol in variables_in(data):
        have = pd.Series(years[data[symbol].notna().to_numpy()])
        span = sorted(set(years))
        gaps = [y for y in span if y not in set(have)]
        rows.append({"variable": symbol, "first_year": int(have.min()), "last_year": int(have.max()),
                     "observations": int(have.size), "years_without_data": ", ".join(map(str, gaps))})
    return pd.DataFrame(rows)


def describe_variables(data: pd.DataFrame, variables: Iterable[str] | None = None) -> pd.DataFrame:
    """Table 4 for ``data``: n, mean, sd (n - 1), min, max of each variable (default: all present)."""
    chosen = list(variables) if variables is not None else variables_in(data)
    flat = data.reset_index()
    rows = []
    for symbol in chosen:
        _check_names([symbol], data)
        d = describe(flat, symbol)
        rows.append({"symbol": symbol, "n": d.n, "mean": d.mean, "sd": d.sd, "min": d.min, "max": d.max})
    return pd.DataFrame(rows)


def subset(data: pd.DataFrame, *, years: tuple[int, int] | None = None,
           entities: Iterable[str] | None = None) -> pd.DataFrame:
    """Rows of ``data`` (indexed by entity, year) inside ``years`` (inclusive) and ``entities``."""
    mask = np.ones(len(data), dtype=bool)
    if years is not None:
        t = data.index.get_level_values(1)
        mask &= (t >= years[0]) & (t <= years[1])
    if entities is not None:
        mask &= data.index.get_level_values(0).isin(list(entities))
    return data[mask]


# --- design ------------------------------------------------------------------------------

def _check_names(names: Iterable[str], data: pd.DataFrame) -> None:
    for name in names:
        if not isinstance(name, str) or name not in VARIABLES:
            raise PanelSpecError(f"{name!r} is not one of the known variables ({', '.join(VARIABLES)}).")
        if name not in data.columns:
            raise PanelSpecError(f"Variable '{name}' is not in this data source.")


def _check_index(data: pd.DataFrame) -> None:
    if not isinstance(data.index, pd.MultiIndex) or data.index.nlevels != 2:
        raise PanelSpecError("The panel must be indexed by (entity, year).")
    if data.index.duplicated().any():
        raise PanelSpecError("The panel has duplicate (entity, year) rows.")


def term_name(symbol: str, transforms: Sequence[str] = ()) -> str:
    """The design-column name of ``symbol`` after ``transforms`` (e.g. ``z_L1_ln_estr``); built, never parsed."""
    name = symbol
    for step in TRANSFORMS:
        if step in transforms:
            name = f"{_PREFIX[step]}_{name}"
    return name


def _normalise_transforms(regressors: Sequence[str], transforms: Mapping[str, Sequence[str]] | None
                          ) -> dict[str, tuple[str, ...]]:
    out: dict[str, tuple[str, ...]] = {}
    for symbol, steps in (transforms or {}).items():
        if symbol not in regressors:
            raise PanelSpecError(f"A transformation is set for '{symbol}', which is not a regressor.")
        bad = [s for s in steps if s not in TRANSFORMS]
        if bad:
            raise PanelSpecError(f"Unknown transformation(s) {bad}; choose from {', '.join(TRANSFORMS)}.")
        out[symbol] = tuple(s for s in TRANSFORMS if s in steps)
    return out


def _unstandardized(data: pd.DataFrame, regressors: Sequence[str], transforms: Mapping[str, tuple[str, ...]]
                    ) -> pd.DataFrame:
    """Log and lag steps on the full panel (lags need the year before the sample starts)."""
    columns = {}
    years = data.index.get_level_values(1).to_numpy()
    entities = data.index.get_level_values(0)
    for symbol in regressors:
        steps = transforms.get(symbol, ())
        values = data[symbol].astype("float64")
        if "log" in steps:
            bad = values.notna() & (values <= 0)
            if bad.any():
                where = data.index[bad.to_numpy()][0]
                raise PanelSpecError(f"log({symbol}) needs positive values; {symbol} = {values[bad].iloc[0]:g} "
                                     f"for {where[0]} {where[1]}.")
            values = np.log(values)
        if "lag1" in steps:
            frame = pd.DataFrame({"e": entities, "t": years, "v": values.to_numpy()}, index=data.index)
            previous = frame.groupby("e", sort=False)[["t", "v"]].shift(1)
            consecutive = (frame["t"] - previous["t"]) == 1
            values = previous["v"].where(consecutive)
        columns[term_name(symbol, tuple(s for s in steps if s != "standardize"))] = values
    return pd.DataFrame(columns, index=data.index)


@dataclass(frozen=True)
class Design:
    """How a regressor list was turned into design columns (kept so a projection rebuilds it exactly)."""

    dependent: str
    regressors: tuple[str, ...]
    transforms: dict[str, tuple[str, ...]]
    scale: dict[str, tuple[float, float]]  # term -> (mean, sd) for standardized terms

    @property
    def terms(self) -> list[str]:
        return [term_name(s, self.transforms.get(s, ())) for s in self.regressors]

    def build(self, data: pd.DataFrame) -> pd.DataFrame:
        """Design columns (const first) for every row of ``data``; NaN where an input is missing."""
        raw = _unstandardized(data, self.regressors, self.transforms)
        out = pd.DataFrame({"const": 1.0}, index=data.index)
        for symbol, term in zip(self.regressors, self.terms):
            column = raw[term_name(symbol, tuple(s for s in self.transforms.get(symbol, ()) if s != "standardize"))]
            if term in self.scale:
                mean, sd = self.scale[term]
                column = (column - mean) / sd
            out[term] = column
        return out


def _design(data: pd.DataFrame, dependent: str, regressors: Sequence[str],
            transforms: Mapping[str, Sequence[str]] | None, sample: pd.Index | None
            ) -> tuple[Design, pd.Series, pd.DataFrame]:
    _check_index(data)
    regressors = list(dict.fromkeys(regressors))
    if not regressors:
        raise PanelSpecError("Choose at least one regressor.")
    _check_names([dependent, *regressors], data)
    if dependent in regressors:
        raise PanelSpecError(f"'{dependent}' cannot be both the dependent variable and a regressor.")
    steps = _normalise_transforms(regressors, transforms)
    provisional = Design(dependent, tuple(regressors), steps, {})
    raw = provisional.build(data)
    frame = raw.assign(**{"__y": data[dependent].astype("float64")})
    if sample is not None:
        frame = frame[frame.index.isin(sample)]
    frame = frame.dropna()
    scale = {}
    for symbol, term in zip(regressors, provisional.terms):
        if "standardize" in steps.get(symbol, ()):
            sd = float(frame[term].std(ddof=1))
            if not np.isfinite(sd) or sd == 0:
                raise PanelSpecError(f"'{symbol}' does not vary in the sample, so it cannot be standardized.")
            scale[term] = (float(frame[term].mean()), sd)
            frame[term] = (frame[term] - scale[term][0]) / sd
    design = Design(dependent, tuple(regressors), steps, scale)
    return design, frame["__y"].rename(dependent), frame[["const", *design.terms]]


# --- estimation ----------------------------------------------------------------------------

@dataclass
class PanelFit:
    """A fitted panel model: linearmodels' results plus the design needed to project with it.

    Attributes mirror linearmodels (``params``, ``std_errors``, ``pvalues``,
    ``tstats``, ``cov``, ``nobs``); ``rsquared`` is the within R-squared for the
    fixed-effects models (as in Table 5) and the ordinary one otherwise.
    """

    model: str
    cov_type: str
    design: Design
    raw: Any
    data_range: dict[str, tuple[float, float]] = field(default_factory=dict)

    params = property(lambda self: self.raw.params)
    std_errors = property(lambda self: self.raw.std_errors)
    pvalues = property(lambda self: self.raw.pvalues)
    tstats = property(lambda self: self.raw.tstats)
    cov = property(lambda self: self.raw.cov)
    nobs = property(lambda self: int(self.raw.nobs))

    @property
    def rsquared(self) -> float:
        return float(self.raw.rsquared_within if self.model in ("fe", "twfe") else self.raw.rsquared)

    @property
    def n_entities(self) -> int:
        return int(self.raw.entity_info["total"])

    @property
    def years(self) -> tuple[int, int]:
        t = self.raw.model.dependent.index.get_level_values(1)
        return int(t.min()), int(t.max())

    @property
    def summary(self) -> str:
        return str(self.raw.summary)

    def conf_int(self, level: float = 0.95) -> pd.DataFrame:
        return self.raw.conf_int(level)

    def table(self, level: float = 0.95) -> pd.DataFrame:
        """Coefficient table: term, coef, std_error, t, p, lower, upper, stars (* 10 %, ** 5 %, *** 1 %)."""
        ci = self.conf_int(level)
        out = pd.DataFrame({"term": self.params.index, "coef": self.params.to_numpy(),
                            "std_error": self.std_errors.to_numpy(), "t": self.tstats.to_numpy(),
                            "p": self.pvalues.to_numpy(), "lower": ci.iloc[:, 0].to_numpy(),
                            "upper": ci.iloc[:, 1].to_numpy()})
        out["stars"] = out.p.map(stars)
        return out


def stars(p: float) -> str:
    """Significance stars as in Table 5: *** p < 0.01, ** p < 0.05, * p < 0.10."""
    if not np.isfinite(p):
        return ""
    return "***" if p < 0.01 else "**" if p < 0.05 else "*" if p < 0.10 else ""


def _cov_kwargs(cov_type: str) -> dict[str, Any]:
    if cov_type not in COV_TYPES:
        raise PanelSpecError(f"Unknown standard errors {cov_type!r}; choose from {', '.join(COV_TYPES)}.")
    return {"unadjusted": {"cov_type": "unadjusted"}, "robust": {"cov_type": "robust"},
            "clustered": {"cov_type": "clustered", "cluster_entity": True},
            "driscoll-kraay": {"cov_type": "kernel"}}[cov_type]


def _estimate(y: pd.Series, x: pd.DataFrame, model: str, cov_type: str) -> Any:
    from linearmodels.panel import PanelOLS, PooledOLS, RandomEffects

    if model not in MODELS:
        raise PanelSpecError(f"Unknown model {model!r}; choose from {', '.join(MODELS)}.")
    kwargs = _cov_kwargs(cov_type)
    n_entities = y.index.get_level_values(0).nunique()
    n_years = y.index.get_level_values(1).nunique()
    needed = x.shape[1] + (n_entities if model in ("fe", "twfe") else 0) + (n_years if model == "twfe" else 0)
    if len(y) <= needed or n_entities < 2:
        raise PanelSpecError(f"Too few observations: {len(y)} complete rows for {x.shape[1] - 1} regressor(s) "
                             f"over {n_entities} province(s); widen the sample or drop regressors.")
    if np.linalg.matrix_rank(x.to_numpy()) < x.shape[1]:
        raise PanelSpecError("The regressors are perfectly collinear in this sample; drop one of them.")
    try:
        if model == "pooled":
            return PooledOLS(y, x).fit(**kwargs)
        if model == "re":
            return RandomEffects(y, x).fit(**kwargs)
        return PanelOLS(y, x, entity_effects=True, time_effects=model == "twfe",
                        drop_absorbed=True).fit(**kwargs)
    except (ValueError, np.linalg.LinAlgError) as exc:
        raise PanelSpecError(f"The model cannot be estimated on this sample: {exc}") from exc


def fit_panel(df: pd.DataFrame, dependent: str, regressors: Sequence[str], *, model: Model = "fe",
              cov_type: CovType = "unadjusted", transforms: Mapping[str, Sequence[str]] | None = None,
              years: tuple[int, int] | None = None, entities: Iterable[str] | None = None) -> PanelFit:
    """Estimate eq. 10 (or a neighbour) of ``dependent`` on whitelisted ``regressors``.

    Parameters
    ----------
    df : DataFrame indexed by (entity, year); columns are whitelisted symbols (:data:`VARIABLES`).
    dependent, regressors : symbols from :data:`VARIABLES`; anything else raises :class:`PanelSpecError`.
    model : ``pooled`` (OLS), ``fe`` (entity effects, the paper's eq. 10), ``twfe`` (entity and
        year effects) or ``re`` (random effects, Swamy-Arora).  All include a constant.
    cov_type : ``unadjusted``, ``robust``, ``clustered`` (by province) or ``driscoll-kraay``
        (linearmodels' ``kernel`` estimator, Bartlett weights).
    transforms : symbol -> subset of :data:`TRANSFORMS`, applied log -> lag1 -> standardize.
    years, entities : the estimation sample (lags may use the year before ``years[0]``).

    Rows with a missing value in any used column are dropped; ``nobs`` says how many remain.
    """
    sample = subset(df, years=years, entities=entities).index if (years or entities is not None) else None
    design, y, x = _design(df, dependent, regressors, transforms, sample)
    raw = _estimate(y, x, model, cov_type)
    ranges = {s: (float(df[s].min()), float(df[s].max())) for s in design.regressors}
    return PanelFit(model, cov_type, design, raw, ranges)


# --- tests --------------------------------------------------------------------------------------

@dataclass(frozen=True)
class TestResult:
    """A specification test: statistic, p-value, degrees of freedom and the verdict in words."""

    name: str
    stat: float
    pval: float
    df: int
    df_denom: int | None
    interpretation: str
    warning: str | None = None

    __test__ = False  # not a pytest class


def _p_text(p: float) -> str:
    return "p < 0.001" if p < 0.001 else f"p = {p:.3f}"


def poolability_test(df: pd.DataFrame, dependent: str, regressors: Sequence[str], *,
                     transforms: Mapping[str, Sequence[str]] | None = None, years: tuple[int, int] | None = None,
                     entities: Iterable[str] | None = None, alpha: float = 0.05) -> TestResult:
    """F test that the entity effects of eq. 10 are jointly zero (section 4.2: F = 89.81).

    Uses linearmodels' ``PanelEffectsResults.f_pooled`` (homoskedastic errors):
    F = [(RSS_pooled - RSS_fe) / (N - 1)] / [RSS_fe / (NT - N - K)].
    """
    fit = fit_panel(df, dependent, regressors, model="fe", transforms=transforms, years=years, entities=entities)
    return poolability_from_fit(fit, alpha=alpha)


def poolability_from_fit(fit: PanelFit, *, alpha: float = 0.05) -> TestResult:
    """:func:`poolability_test` from an entity-effects :class:`PanelFit` already estimated (any covariance:
    ``f_pooled`` uses residual sums of squares only)."""
    if fit.model != "fe":
        raise PanelSpecError("The poolability F test needs the entity fixed-effects model.")
    test = fit.raw.f_pooled
    stat, pval = float(test.stat), float(test.pval)
    if not np.isfinite(stat):
        return TestResult("F test for entity effects", float("nan"), float("nan"), 0, None,
                          "The F statistic cannot be computed on this sample.", str(test))
    df1, df2 = int(test.df), int(test.df_denom)
    if pval < alpha:
        words = (f"Province effects are jointly significant (F({df1}, {df2}) = {stat:.2f}, {_p_text(pval)}): "
                 "pooled OLS is rejected in favour of fixed effects.")
    else:
        words = (f"Province effects are not jointly significant (F({df1}, {df2}) = {stat:.2f}, {_p_text(pval)}): "
                 "pooled OLS is not rejected.")
    return TestResult("F test for entity effects", stat, pval, df1, df2, words)


def hausman_test(df: pd.DataFrame, dependent: str, regressors: Sequence[str], *,
                 transforms: Mapping[str, Sequence[str]] | None = None, years: tuple[int, int] | None = None,
                 entities: Iterable[str] | None = None, alpha: float = 0.05) -> TestResult:
    """Hausman test of entity fixed effects against random effects (section 4.2: 296.92).

    H = (b_FE - b_RE)' [V_FE - V_RE]^-1 (b_FE - b_RE) ~ chi2(K), slopes only, both
    with classical covariances, computed by linearmodels' ``RandomEffectsResults.hausman``.
    When V_FE - V_RE is not positive definite linearmodels falls back to a
    generalized inverse; that is reported in ``warning`` (the statistic is then
    not reliable).  A negative statistic is reported as invalid, never made
    positive with an absolute value.
    """
    fe = fit_panel(df, dependent, regressors, model="fe", transforms=transforms, years=years, entities=entities)
    re = fit_panel(df, dependent, regressors, model="re", transforms=transforms, years=years, entities=entities)
    return hausman_from_fits(fe, re, alpha=alpha)


def hausman_from_fits(fe: PanelFit, re: PanelFit, *, alpha: float = 0.05) -> TestResult:
    """:func:`hausman_test` from FE and RE fits already estimated on the same sample with classical covariances."""
    if fe.model != "fe" or re.model != "re" or "unadjusted" not in (fe.cov_type, re.cov_type) \
            or fe.cov_type != re.cov_type:
        raise PanelSpecError("The Hausman test needs FE and RE fits with classical (unadjusted) covariances.")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        result = re.raw.hausman(fe.raw)
    messages = [str(w.message) for w in caught if "positive definite" in str(w.message)]
    note = ("V(FE) - V(RE) is not positive definite in this sample, so the statistic uses a generalized "
            "inverse and should be read with caution.") if messages else None
    test = result.statistic
    stat = float(getattr(test, "stat", float("nan")))
    name = "Hausman test (FE vs RE)"
    if not np.isfinite(stat):
        return TestResult(name, float("nan"), float("nan"), len(result.estimates), None,
                          "The Hausman statistic is not valid here: " + str(getattr(test, "_reason", test)).strip(),
                          note or "Invalid statistic (negative or not finite); no absolute value is taken.")
    pval, dof = float(test.pval), int(test.df)
    caveat = "Taken at face value (see the warning): " if note else ""
    if pval < alpha:
        words = (f"FE and RE slopes differ systematically (chi2({dof}) = {stat:.2f}, {_p_text(pval)}): "
                 "the province effects are correlated with the regressors, so fixed effects is preferred.")
    else:
        words = (f"No systematic difference between FE and RE (chi2({dof}) = {stat:.2f}, {_p_text(pval)}): "
                 "random effects is consistent and more efficient.")
    return TestResult(name, stat, pval, dof, None, caveat + words, note)


# --- comparisons -----------------------------------------------------------------------------------

def compare_fits(fits: Mapping[str, PanelFit]) -> pd.DataFrame:
    """One comparison table (linearmodels ``compare``): coefficient with stars and (std. error) per column,
    then N and R-squared rows."""
    from linearmodels.panel import compare

    if not fits:
        return pd.DataFrame()
    comparison = compare({label: f.raw for label, f in fits.items()}, precision="std_errors")
    params, ses, pvals = comparison.params, comparison.std_errors, comparison.pvalues
    body = pd.DataFrame(index=params.index, columns=params.columns, dtype=object)
    for col in params.columns:
        for term in params.index:
            b = params.loc[term, col]
            body.loc[term, col] = "" if pd.isna(b) else f"{b:.3f}{stars(pvals.loc[term, col])} ({ses.loc[term, col]:.3f})"
    body.loc["N"] = [str(fits[c].nobs) for c in params.columns]
    body.loc["R² (within for FE)"] = [f"{fits[c].rsquared:.3f}" for c in params.columns]
    return body.rename_axis("term").reset_index()


def compare_with_table5(fit: PanelFit, table5: pd.DataFrame) -> pd.DataFrame:
    """Table 5 (coef, t, stars) next to ``fit`` for every term in either; ``same_sign`` where both exist."""
    ours = fit.table().set_index("term")
    paper = table5.set_index("symbol")
    terms = list(dict.fromkeys([*paper.index, *ours.index]))
    rows = []
    for term in terms:
        p = paper.loc[term] if term in paper.index else None
        o = ours.loc[term] if term in ours.index else None
        rows.append({"term": term,
                     "paper_coef": None if p is None else float(p.coef),
                     "paper_t": None if p is None else float(p.t_stat),
                     "paper_stars": "" if p is None else str(p.stars),
                     "model_coef": None if o is None else float(o.coef),
                     "model_t": None if o is None else float(o.t),
                     "model_stars": "" if o is None else str(o.stars),
                     "same_sign": None if (p is None or o is None) else bool(np.sign(p.coef) == np.sign(o.coef))})
    return pd.DataFrame(rows)


# --- scenario projection ------------------------------------------------------------------------------

def change_to_delta(symbol: str, amount: float, level: pd.Series | np.ndarray | float) -> Any:
    """The new value of ``symbol`` after a scenario change, in the variable's own (Table 3) units.

    ``log`` variables: ``amount`` is a percent change of the underlying quantity,
    new = old + ln(1 + amount/100); ``ratio`` variables: percentage points,
    new = old + amount/100; ``score``/``index``: new = old + amount.
    """
    kind = VARIABLES[symbol].kind
    if kind == "log":
        if amount <= -100:
            raise PanelSpecError(f"A change of {amount:g} % in {symbol} would leave nothing to take a log of.")
        return level + np.log1p(amount / 100.0)
    if kind == "ratio":
        return level + amount / 100.0
    return level + amount


def project(results: PanelFit, data: pd.DataFrame, changes: Mapping[str, float], *,
            provinces: Iterable[str] | None = None, year: int, level: float = 0.95) -> pd.DataFrame:
    """Projected index under ``changes`` for every province in ``year``, with a delta-method band.

    Parameters
    ----------
    results : a :class:`PanelFit` from :func:`fit_panel` on ``data``.
    data : the frame the model was fitted on (indexed by entity, year).
    changes : symbol -> amount (percent for log variables, percentage points for
        ratios, points for scores; see :func:`change_to_delta`). The change is
        sustained (applied to every year), so lagged terms see it too.
    provinces : where the change applies (default: all); other provinces keep
        their baseline (change 0).
    year : the year projected; must be in the estimation sample.

    Returns
    -------
    DataFrame with ``province``, ``year``, ``observed`` (idt), ``baseline`` (fitted,
    including the estimated effects), ``change`` (= dx'b), ``projected``,
    ``se`` (= sqrt(dx' V dx), exact because the change is linear in b), ``lower``,
    ``upper`` and ``out_of_range`` / ``range_note`` where a changed value leaves the
    observed range of that variable.  The band covers coefficient uncertainty
    of the change only (the baseline is taken as given).
    """
    design = results.design
    for symbol in changes:
        if symbol not in VARIABLES:
            raise PanelSpecError(f"{symbol!r} is not one of the known variables.")
        if symbol == design.dependent:
            raise PanelSpecError(f"'{symbol}' is the dependent variable; it cannot be changed in a scenario.")
    raw = results.raw
    sample_index = raw.model.dependent.index
    in_year = sample_index[sample_index.get_level_values(1) == year]
    if len(in_year) == 0:
        raise PanelSpecError(f"{year} is not in the estimation sample ({results.years[0]}-{results.years[1]}).")
    target = set(in_year.get_level_values(0)) if provinces is None else set(provinces)

    changed = data.copy()
    mask = changed.index.get_level_values(0).isin(list(target))
    flags = pd.Series("", index=data.index, dtype=object)
    for symbol, amount in changes.items():
        if symbol not in changed.columns or amount == 0:
            continue
        new = change_to_delta(symbol, float(amount), changed[symbol])
        changed[symbol] = new.where(mask, changed[symbol])
        low, high = float(data[symbol].min()), float(data[symbol].max())
        outside = mask & ((changed[symbol] < low) | (changed[symbol] > high))
        flags[outside] = flags[outside] + f"{symbol} outside observed range [{low:.4g}, {high:.4g}]; "

    x_base = design.build(data).loc[in_year]
    x_new = design.build(changed).loc[in_year]
    dx = (x_new - x_base).fillna(0.0)[raw.params.index]
    b = raw.params.to_numpy()
    cov = raw.cov.loc[raw.params.index, raw.params.index].to_numpy()
    delta = dx.to_numpy() @ b
    se = np.sqrt(np.einsum("ij,jk,ik->i", dx.to_numpy(), cov, dx.to_numpy()).clip(min=0))
    fitted = raw.fitted_values.iloc[:, 0]
    effects = raw.estimated_effects.iloc[:, 0] if hasattr(raw, "estimated_effects") else 0.0
    baseline = (fitted + effects).loc[in_year].to_numpy()
    from scipy import stats  # here, not at import: scipy.stats costs ~1 s of a cold start (issue 19)

    z = float(stats.norm.ppf(0.5 + level / 2))
    out = pd.DataFrame({
        "province": in_year.get_level_values(0), "year": in_year.get_level_values(1).astype(int),
        "observed": raw.model.dependent.dataframe.iloc[:, 0].loc[in_year].to_numpy(),
        "baseline": baseline, "change": delta, "projected": baseline + delta, "se": se,
        "lower": baseline + delta - z * se, "upper": baseline + delta + z * se,
        "changed": in_year.get_level_values(0).isin(list(target)),
        "range_note": flags.loc[in_year].str.rstrip("; ").to_numpy(),
    })
    out["out_of_range"] = out["range_note"] != ""
    return out.sort_values("projected", ascending=False).reset_index(drop=True)


# --- the nine-variable upload (schema of Table 3) --------------------------------------------------------

UPLOAD_KEYS: tuple[str, ...] = ("province", "year")
UPLOAD_MIN_ROWS = 30


def upload_template(provinces: Sequence[str], table1: pd.DataFrame, years: Sequence[int] = range(2011, 2024)
                    ) -> pd.DataFrame:
    """The downloadable template: province x year, the published idt filled in, the nine Table 3 columns empty."""
    grid = pd.DataFrame([(p, y) for p in provinces for y in years], columns=list(UPLOAD_KEYS))
    grid = grid.merge(table1[["province", "year", "idt"]], on=["province", "year"], how="left")
    for symbol in PAPER_REGRESSORS:
        grid[symbol] = np.nan
    return grid


def panel_from_upload(content: bytes, filename: str, regions: pd.DataFrame, table1: pd.DataFrame
                      ) -> tuple[pd.DataFrame, list[str]]:
    """Read and check an uploaded nine-variable panel; return it indexed by (province, year) and notes.

    The file needs ``province``, ``year`` and the nine Table 3 symbols (units as
    in Table 3: logs for gdp/pcw/pdl/med, 0-1 shares for estr/rd/urban/psl);
    ``idt`` is optional and taken from Table 1 when absent.  Provinces may be
    written in English or Chinese.  Every problem raises
    :class:`core.uploads.UploadError` with a message for the user; the notes
    list harmless things (ignored columns, where idt came from).
    """
    from core import uploads

    frame = uploads.read_table(content, filename)
    expected = {*UPLOAD_KEYS, "idt", *PAPER_REGRESSORS}
    ignored = uploads.check_columns(list(frame.columns), expected)
    if "province" in frame.columns:
        zh = dict(zip(regions.province_zh, regions.province))
        frame["province"] = frame["province"].map(lambda v: zh.get(str(v).strip(), v) if isinstance(v, str) else v)
    numeric = [*PAPER_REGRESSORS, *(["idt"] if "idt" in frame.columns else [])]
    known = regions.loc[regions.in_paper, "province"].tolist()
    checked = uploads.validate_panel(frame, keys=UPLOAD_KEYS, numeric=numeric, required=PAPER_REGRESSORS,
                                     known_units=known, unit_column="province", non_negative=numeric,
                                     min_rows=UPLOAD_MIN_ROWS)
    ratios = [s for s in PAPER_REGRESSORS if VARIABLES[s].kind == "ratio"]
    uploads.check_upper_bound(checked, ratios, 1.0, "shares are fractions between 0 and 1 (write 0.45, not 45).")
    uploads.check_coverage(checked, "province", "year", min_units=3, min_periods=3)
    notes = []
    if ignored:
        notes.append(f"Ignored column(s) not in the template: {', '.join(ignored)}.")
    if "idt" not in checked.columns or checked["idt"].isna().all():
        checked = checked.drop(columns=["idt"], errors="ignore").merge(
            table1[["province", "year", "idt"]], on=["province", "year"], how="left")
        notes.append("idt taken from the published index (Table 1).")
    out = checked.set_index(list(UPLOAD_KEYS)).sort_index()
    return out[["idt", *PAPER_REGRESSORS]], notes
