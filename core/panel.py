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

__all__ = ["PanelSpecError", "Model", "CovType", "Transform", "MODELS", "COV_TYPES", "TRANSFORMS", "Variable",
           "VARIABLES", "PAPER_REGRESSORS", "LEVERS", "PUBLIC_VARIABLES", "public_panel", "variables_in", "coverage",
           "describe_variables", "subset", "term_name", "Design", "Sample", "PanelFit", "stars", "fit_panel", "TestResult",
           "poolability_test", "poolability_from_fit", "hausman_test", "hausman_from_fits", "compare_fits",
           "compare_with_table5", "change_to_delta", "project", "UPLOAD_KEYS", "UPLOAD_MIN_ROWS", "upload_template",
           "panel_from_upload", "ModelInfo", "MODEL_INFO", "ModelSpec", "PUBLIC_DEFAULT", "DEFAULT_VIEW_FILE",
           "fit_view", "default_spec", "public_notes", "BundledView", "view_to_json", "view_from_json",
           "load_default_view", "preload_estimators", "fit_by_group",
           # real series, variable notes, the wage / R&D upload
           "DEL_INDICATORS", "PROXY_LABEL", "COMPUTED_LABEL", "PublicNote", "PUBLIC_NOTES", "RESERVED_NAMES",
           "derived_gdp", "log_interpolate_even_years", "del_indicators", "latest_common_year", "public_status",
           "OWN_NAME", "SERIES_UPLOAD_COLUMNS", "series_template", "series_from_upload", "apply_series"]

import json
import re
import warnings
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal, NamedTuple

import numpy as np
import pandas as pd

from core import spec_tests
from core.agglomeration import describe
from core.errors import Message, PanelSpecError

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
class ModelInfo:
    """One estimator of the menu: its ``label``, which effects it absorbs and which R² it reports.

    ``rsquared`` is ``"within"`` for the fixed-effects models (the R² of the demeaned regression, linearmodels'
    ``rsquared_within``) and ``"overall"`` otherwise (``rsquared``).
    """

    code: str
    label: str
    entity_effects: bool = False
    time_effects: bool = False
    random_effects: bool = False
    rsquared: Literal["within", "overall"] = "overall"

    @property
    def fixed_effects(self) -> bool:
        """True if the model absorbs province (and maybe year) dummies: they cost degrees of freedom."""
        return self.entity_effects or self.time_effects

    @property
    def rsquared_label(self) -> str:
        """How the reported R² is named on screen (English; pages translate it)."""
        return "Within R²" if self.rsquared == "within" else "R²"


MODEL_INFO: dict[str, ModelInfo] = {
    "pooled": ModelInfo("pooled", MODELS["pooled"]),
    "fe": ModelInfo("fe", MODELS["fe"], entity_effects=True, rsquared="within"),
    "twfe": ModelInfo("twfe", MODELS["twfe"], entity_effects=True, time_effects=True, rsquared="within"),
    "re": ModelInfo("re", MODELS["re"], random_effects=True),
}


@dataclass(frozen=True)
class ModelSpec:
    """A model specification, hashable (a cache key as it is): what :func:`fit_panel` needs besides the data.

    ``transforms`` is a tuple of ``(symbol, (transform, ...))`` pairs (a mapping is accepted and frozen);
    ``years`` the first and last year of the sample, ``None`` for all; ``entities`` the provinces kept,
    ``None`` for all.  :meth:`to_query`/:meth:`from_query` write it to and read it from a link's parameters.
    """

    dependent: str
    regressors: tuple[str, ...]
    model: str = "fe"
    cov_type: str = "unadjusted"
    transforms: tuple[tuple[str, tuple[str, ...]], ...] = ()
    years: tuple[int, int] | None = None
    entities: tuple[str, ...] | None = None

    def __post_init__(self) -> None:
        if self.model not in MODEL_INFO:
            raise PanelSpecError("Unknown model {model!r}; choose from {models}.",
                                 model=self.model, models=", ".join(MODELS))
        if self.cov_type not in COV_TYPES:
            raise PanelSpecError("Unknown standard errors {cov_type!r}; choose from {cov_types}.",
                                 cov_type=self.cov_type, cov_types=", ".join(COV_TYPES))
        transforms = self.transforms.items() if isinstance(self.transforms, Mapping) else self.transforms
        object.__setattr__(self, "regressors", tuple(self.regressors))
        object.__setattr__(self, "transforms", tuple(sorted((str(s), tuple(ts)) for s, ts in transforms if ts)))
        if self.years is not None:
            object.__setattr__(self, "years", (int(self.years[0]), int(self.years[1])))
        if self.entities is not None:
            object.__setattr__(self, "entities", tuple(self.entities))

    @property
    def info(self) -> ModelInfo:
        """The registry entry of :attr:`model`."""
        return MODEL_INFO[self.model]

    def fit(self, df: pd.DataFrame) -> "PanelFit":
        """:func:`fit_panel` of ``df`` under this specification."""
        return fit_panel(df, self.dependent, self.regressors, model=self.model, cov_type=self.cov_type,
                         transforms=dict(self.transforms), years=self.years, entities=self.entities)

    def to_query(self, prefix: str = "spec") -> dict[str, str]:
        """Query parameters (strings) that :meth:`from_query` reads back into an equal specification.

        Regressors are written ``symbol.transform.transform`` (the scenario link's notation); provinces
        and years only when set.
        """
        transforms = dict(self.transforms)
        query = {f"{prefix}_y": self.dependent, f"{prefix}_model": self.model, f"{prefix}_cov": self.cov_type,
                 f"{prefix}_x": ",".join(".".join([s, *transforms.get(s, ())]) for s in self.regressors)}
        if self.years is not None:
            query[f"{prefix}_years"] = f"{self.years[0]}-{self.years[1]}"
        if self.entities is not None:
            query[f"{prefix}_where"] = ",".join(self.entities)
        return query

    @classmethod
    def from_query(cls, query: Mapping[str, str], prefix: str = "spec") -> "ModelSpec":
        """The specification :meth:`to_query` wrote; a malformed value raises :class:`PanelSpecError`."""
        try:
            terms = [part.split(".") for part in str(query[f"{prefix}_x"]).split(",") if part]
            years = query.get(f"{prefix}_years")
            first, last = (int(v) for v in str(years).split("-")) if years else (None, None)
            where = query.get(f"{prefix}_where")
            return cls(str(query[f"{prefix}_y"]), tuple(term[0] for term in terms),
                       model=str(query.get(f"{prefix}_model", "fe")),
                       cov_type=str(query.get(f"{prefix}_cov", "unadjusted")),
                       transforms=tuple((term[0], tuple(term[1:])) for term in terms if len(term) > 1),
                       years=None if first is None else (first, last),
                       entities=None if where is None else tuple(str(where).split(",")))
        except (KeyError, ValueError) as exc:
            raise PanelSpecError("The model in the link cannot be read: {reason}", reason=str(exc)) from exc


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
    Variable("rd_firms", "R&D intensity, industrial firms", "R&D spending of industrial firms above designated size "
             "/ GDP (0-1), the paper's definition, 2018-2023 only", "ratio", "2018-2023"),
    Variable("psl_func", "Public-service spending share", "Budget spending on general public services, education, "
             "culture, social security and health / total budget spending (0-1), 2019-2023 only", "ratio",
             "2019-2023"),
)}
PAPER_REGRESSORS: tuple[str, ...] = ("gdp", "pcw", "del", "estr", "pdl", "rd", "urban", "med", "psl")
# The scenario's policy levers (wages, R&D, public services, education) and the regressor each maps onto.
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
# The indicators of the digital-economy score ``del`` computed here (entropy weights, core.entropy), all per
# unit of GDP or of budget, so provinces of different size compare: name -> (label, unit).
DEL_INDICATORS: dict[str, tuple[str, str]] = {
    "valid_invention_per_gdp": ("Valid invention patents per GDP", "pieces per 100 million yuan"),
    "patent_applications_per_gdp": ("Patent applications per GDP", "pieces per 100 million yuan"),
    "rd_fte_per_gdp": ("R&D personnel (full-time equivalent) per GDP", "person-years per 100 million yuan"),
    "science_budget_share": ("Science & technology share of public budget spending", "0-1"),
}
PROXY_LABEL = "proxy"
COMPUTED_LABEL = "computed here, not the paper's score"


@dataclass(frozen=True)
class PublicNote:
    """What a variable of the public panel is: its years, its definition here, how it differs from Table 3, status.

    ``status`` is ``real`` (published series, the paper's definition up to the stated difference), ``derived``
    (some years computed from other published series, as stated), ``proxy``
    (another quantity standing in for the paper's), ``interpolated`` (some cells interpolated, flagged per cell)
    or ``computed`` (calculated here from bundled series).
    """

    years: str
    definition: str
    differs: str
    status: Literal["real", "derived", "proxy", "interpolated", "computed"]


PUBLIC_NOTES: dict[str, PublicNote] = {
    "idt": PublicNote("2011-2023", "Published agglomeration index (Table 1)", "Same as the paper", "real"),
    "gdp": PublicNote("2011-2023", "ln GDP (100 million yuan): NBS 2011-2019; 2020-2023 derived as R&D expenditure "
                      "/ R&D intensity", "2020-2023 derived: intensity is printed to 2 decimals, so GDP is within "
                      "±0.005 / intensity (0.1-1.1 % in these provinces); where both exist (2019) the derived GDP is "
                      "within 1.6 % of NBS (median 0.3 %); 2013/14 revision break",
                      "derived"),
    "pcw": PublicNote("2010-2020", "ln urban average wage (yuan): on-post staff of urban non-private units, even "
                      "years published; odd years 2011-2019 interpolated in logs (flagged per cell); nothing after "
                      "2020", "On-post staff definition, 2-4 % above the employed-persons wage Table 3 names; odd "
                      "years interpolated", "interpolated"),
    "rd": PublicNote("2011-2023", "R&D expenditure of all performers / GDP (0-1), NBS R&D bulletins",
                     "Table 3 uses R&D of industrial firms above designated size; see rd_firms (2018-2023)", "proxy"),
    "rd_firms": PublicNote("2018-2023", "R&D of industrial firms above designated size / GDP (0-1): firms' R&D x "
                           "intensity / all R&D (the bulletin's GDP)", "Same as Table 3; only 2018-2023", "real"),
    "psl": PublicNote("2011-2023", "General public budget expenditure / GDP (0-1): the size of provincial public "
                      "provision", "Proxy: Table 3 uses the share of public-service employees in urban "
                      "employment, which is not in the bundled data", "proxy"),
    "psl_func": PublicNote("2019-2023", "Budget spending on general public services, education, culture/sport/"
                           "media, social security & employment and health / total budget spending (0-1)",
                           "Proxy (spending, not employment); only 2019-2023", "proxy"),
    "del": PublicNote("2011-2023", "Entropy-weight score (0-1) over valid invention patents, patent applications "
                      "and R&D personnel per GDP and the S&T share of the budget", "Computed here, not the paper's "
                      "score: the paper's indicator system is not published", "computed"),
    "estr": PublicNote("2011-2023", "Tertiary share of GDP (0-1)", "Same as the paper", "real"),
    "pdl": PublicNote("2011-2023", "ln college students per 100,000 people", "Same as the paper", "real"),
    "urban": PublicNote("2011-2019", "Urban population share (0-1)", "Same as the paper; ends 2019", "real"),
    "med": PublicNote("2012-2023", "ln hospital beds per 10,000 people", "Same as the paper; 2011 withheld "
                      "(other definition)", "real"),
    "lnpcgdp": PublicNote("2011-2023", "ln per-capita GDP (yuan)", "Not in Table 3 (stand-in for gdp)", "proxy"),
}


# --- data ----------------------------------------------------------------------------

def derived_gdp(series: pd.DataFrame) -> pd.Series:
    """GDP (100 million yuan) = R&D expenditure / (R&D intensity / 100), from the NBS R&D bulletins.

    The bulletins print intensity to 2 decimals (%), so the relative error of this GDP is at most
    0.005 / intensity_pct (plus the 0.05 rounding of expenditure, negligible): 0.2 % at 2.5 %, 2.6 % at 0.19 %.
    """
    return series["rd_expenditure_100m_yuan"] / (series["rd_intensity_pct"] / 100.0)


def log_interpolate_even_years(values: pd.Series, years: pd.Series, *, last: int = 2019) -> tuple[pd.Series, pd.Series]:
    """Fill odd years between two published even years with the mean of their logs (geometric mean).

    ``values``/``years`` are one province's series; returns the logged series and a boolean flag of the filled
    cells.  Only years with both neighbours published and ``<= last`` are filled; nothing is extrapolated.
    """
    logged = np.log(values.where(values > 0))
    # Plain floats and lists, not a pandas lookup and assignment per cell (the public panel's cold build).
    cells, on = logged.tolist(), list(years)
    by_year = dict(zip(on, cells))
    filled, flag = list(cells), [False] * len(cells)
    for k, (year, value) in enumerate(zip(on, cells)):
        if np.isnan(value) and year <= last:
            before, after = by_year.get(year - 1), by_year.get(year + 1)
            if before is not None and after is not None and np.isfinite(before) and np.isfinite(after):
                filled[k] = (before + after) / 2.0
                flag[k] = True
    return (pd.Series(filled, index=values.index, name=logged.name, dtype="float64"),
            pd.Series(flag, index=values.index, dtype=bool))


def _interpolated_wages(wages: pd.DataFrame, interpolate: bool) -> pd.DataFrame:
    """:func:`log_interpolate_even_years` of each province's ``urban_avg_wage_yuan`` (rows sorted by province and
    year), in one pass over the frame: ``province``, ``year``, ``pcw`` and ``pcw_interpolated``.  (Per province,
    a frame per group cost most of the public panel's build on a cold start.)"""
    provinces, years = wages["province"].tolist(), wages["year"].tolist()
    values = wages["urban_avg_wage_yuan"]
    cells = np.log(values.where(values > 0)).tolist()
    by_cell = dict(zip(zip(provinces, years), cells))
    filled, flag = list(cells), [False] * len(cells)
    for k, (province, year, value) in enumerate(zip(provinces, years, cells)):
        if np.isnan(value) and year <= 2019:  # the last year log_interpolate_even_years fills by default
            before, after = by_cell.get((province, year - 1)), by_cell.get((province, year + 1))
            if before is not None and after is not None and np.isfinite(before) and np.isfinite(after):
                if interpolate:
                    filled[k] = (before + after) / 2.0
                    flag[k] = True
    return pd.DataFrame({"province": wages["province"].to_numpy(), "year": wages["year"].to_numpy(),
                         "pcw": pd.array(filled, dtype="float64"), "pcw_interpolated": pd.array(flag, dtype=bool)})


def public_panel(table1: pd.DataFrame, raw_panel: pd.DataFrame, series: pd.DataFrame | None = None, *,
                 interpolate_wages: bool = True) -> pd.DataFrame:
    """Merge the published index (Table 1) with the public regressors, indexed by (province, year).

    Only the 30 provinces of Table 1 are kept; a regressor is NaN where its
    source has no value (never filled, except the flagged wage interpolation).
    With ``series`` (``core.datasets.load_series``) the panel also has the real
    public series (see :data:`PUBLIC_NOTES` for each): ``gdp`` extended to
    2020-2023, ``pcw`` (odd years interpolated unless ``interpolate_wages`` is
    False; boolean column ``pcw_interpolated`` flags each filled cell), ``rd``,
    ``rd_firms``, ``psl`` and ``psl_func`` (proxies), ``del`` (entropy-weight
    score computed here, weights in ``attrs["del_weights"]``) and the boolean
    column ``gdp_derived``.
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
    weights = None
    if series is not None:
        out, weights = _add_series(out, merged, series, interpolate_wages)
    frame = out.set_index(["province", "year"]).sort_index()
    if weights is not None:
        frame.attrs["del_weights"] = weights.to_dict()
    return frame


def _add_series(out: pd.DataFrame, merged: pd.DataFrame, series: pd.DataFrame, interpolate_wages: bool
                ) -> tuple[pd.DataFrame, pd.Series]:
    from core.entropy import entropy_score

    s = out[["province", "year"]].merge(series, on=["province", "year"], how="left")
    s.index = out.index
    gdp_nbs = merged["gdp_100m_yuan"].astype("float64")
    derived = derived_gdp(s)
    use_derived = gdp_nbs.isna() & (out.year >= 2020) & derived.notna()
    gdp = gdp_nbs.where(~use_derived, derived)
    out["gdp"] = np.log(gdp.where(gdp > 0))
    out["gdp_derived"] = use_derived.to_numpy()
    # wages: whole series per province (2010 is needed to fill 2011 and is outside Table 1's years)
    wages = series[["province", "year", "urban_avg_wage_yuan"]].sort_values(["province", "year"])
    w = out[["province", "year"]].merge(_interpolated_wages(wages, interpolate_wages), on=["province", "year"],
                                        how="left")
    out["pcw"] = w["pcw"].to_numpy()
    out["pcw_interpolated"] = w["pcw_interpolated"].fillna(False).astype(bool).to_numpy()
    out["rd"] = s["rd_intensity_pct"] / 100.0
    firms_100m = s["ind_firms_rd_exp_10k_yuan"] / 1e4
    out["rd_firms"] = out["rd"] * firms_100m / s["rd_expenditure_100m_yuan"]
    out["psl"] = s["budget_total_100m_yuan"] / gdp
    service = ["budget_general_public_services_100m_yuan", "budget_education_100m_yuan",
               "budget_culture_sport_media_100m_yuan", "budget_social_security_employment_100m_yuan",
               "budget_health_100m_yuan"]
    out["psl_func"] = s[service].sum(axis=1, min_count=len(service)) / s["budget_total_100m_yuan"]
    indicators = pd.DataFrame({
        "valid_invention_per_gdp": s["patent_valid_invention_pieces"] / gdp,
        "patent_applications_per_gdp": s["patent_applications_pieces"] / gdp,
        "rd_fte_per_gdp": s["rd_personnel_fte_person_years"] / gdp,
        "science_budget_share": s["budget_science_tech_100m_yuan"] / s["budget_total_100m_yuan"],
    }, index=out.index)
    score = entropy_score(indicators, list(DEL_INDICATORS))
    out["del"] = score.score
    return out, score.weights


def del_indicators(data: pd.DataFrame, series: pd.DataFrame) -> pd.DataFrame:
    """The indicator matrix behind ``del`` (for display and checks), indexed like :func:`public_panel`."""
    s = data.reset_index()[["province", "year", "gdp"]].merge(series, on=["province", "year"], how="left")
    gdp = np.exp(s["gdp"])
    out = pd.DataFrame({
        "province": s.province, "year": s.year,
        "valid_invention_per_gdp": s["patent_valid_invention_pieces"] / gdp,
        "patent_applications_per_gdp": s["patent_applications_pieces"] / gdp,
        "rd_fte_per_gdp": s["rd_personnel_fte_person_years"] / gdp,
        "science_budget_share": s["budget_science_tech_100m_yuan"] / s["budget_total_100m_yuan"]})
    return out.set_index(["province", "year"])


def latest_common_year(data: pd.DataFrame, columns: Iterable[str]) -> int | None:
    """The latest year in which every one of ``columns`` has at least one value (None if there is none)."""
    years = data.index.get_level_values(1)
    cols = list(columns)
    if not cols:
        return int(years.max()) if len(years) else None
    have = data[cols].notna().all(axis=1).to_numpy()
    return int(years[have].max()) if have.any() else None


def variables_in(data: pd.DataFrame) -> list[str]:
    """Numeric columns of ``data`` with at least one value: Table 3's symbols first (in order), then the others.

    Any column qualifies (no whitelist: names are never parsed); boolean columns are flags, not variables.
    """
    # One look at the dtypes and one notna over the frame: a column lookup per test cost ~10 ms per rerun.
    has_value = data.notna().to_numpy().any(axis=0)
    numeric = [c for c, dtype, filled in zip(data.columns, data.dtypes, has_value)
               if isinstance(c, str) and filled and pd.api.types.is_numeric_dtype(dtype)
               and not pd.api.types.is_bool_dtype(dtype)]
    known = [s for s in VARIABLES if s in numeric]
    return known + [c for c in numeric if c not in known]


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
    return data[_sample_mask(data, years, entities)]


def _sample_mask(data: pd.DataFrame, years: tuple[int, int] | None, entities: Iterable[str] | None) -> np.ndarray:
    mask = np.ones(len(data), dtype=bool)
    if years is not None:
        t = data.index.get_level_values(1)
        mask &= (t >= years[0]) & (t <= years[1])
    if entities is not None:
        mask &= data.index.get_level_values(0).isin(list(entities))
    return mask


# --- design ------------------------------------------------------------------------------

RESERVED_NAMES = frozenset({"const", "__y"})  # design columns built here


def _check_names(names: Iterable[str], data: pd.DataFrame) -> None:
    """Every name must be a column of ``data`` holding numbers (any name: columns are data, never parsed)."""
    # The dtypes once, not two column lookups per name: each lookup copies the panel's index and attrs.
    dtypes = data.dtypes
    for name in names:
        if not isinstance(name, str) or not name:
            raise PanelSpecError("{name!r} is not a column name.", name=name)
        if name not in data.columns:
            raise PanelSpecError("Variable '{name}' is not in this data source.", name=name)
        dtype = dtypes[name]
        if not pd.api.types.is_numeric_dtype(dtype) or pd.api.types.is_bool_dtype(dtype):
            raise PanelSpecError("Variable '{name}' does not hold numbers.", name=name)


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
            raise PanelSpecError("A transformation is set for '{symbol}', which is not a regressor.", symbol=symbol)
        bad = [s for s in steps if s not in TRANSFORMS]
        if bad:
            raise PanelSpecError("Unknown transformation(s) {bad}; choose from {transforms}.",
                                 bad=bad, transforms=", ".join(TRANSFORMS))
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
                raise PanelSpecError("log({symbol}) needs positive values; {symbol} = {value:g} for {province} {year}.",
                                     symbol=symbol, value=values[bad].iloc[0], province=where[0], year=where[1])
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
        columns: dict[str, Any] = {"const": np.ones(len(data))}
        for symbol, term in zip(self.regressors, self.terms):
            column = raw[term_name(symbol, tuple(s for s in self.transforms.get(symbol, ()) if s != "standardize"))]
            if term in self.scale:
                mean, sd = self.scale[term]
                column = (column - mean) / sd
            columns[term] = column.to_numpy()
        return pd.DataFrame(columns, index=data.index)  # one frame, not a column inserted per term


def _design(data: pd.DataFrame, dependent: str, regressors: Sequence[str],
            transforms: Mapping[str, Sequence[str]] | None, sample: np.ndarray | None
            ) -> tuple[Design, pd.Series, pd.DataFrame]:
    _check_index(data)
    regressors = list(dict.fromkeys(regressors))
    if not regressors:
        raise PanelSpecError("Choose at least one regressor.")
    _check_names([dependent, *regressors], data)
    reserved = [n for n in (dependent, *regressors) if n in RESERVED_NAMES]
    if reserved:
        raise PanelSpecError("'{reserved}' is a name the design uses itself (the constant); rename that column.",
                             reserved=reserved[0])
    if dependent in regressors:
        raise PanelSpecError("'{dependent}' cannot be both the dependent variable and a regressor.",
                             dependent=dependent)
    steps = _normalise_transforms(regressors, transforms)
    provisional = Design(dependent, tuple(regressors), steps, {})
    raw = provisional.build(data)
    frame = raw.assign(**{"__y": data[dependent].astype("float64")})
    if sample is not None:  # a boolean mask over the rows of ``data`` (:func:`_sample_mask`)
        frame = frame[sample]
    frame = frame.dropna()
    scale = {}
    for symbol, term in zip(regressors, provisional.terms):
        if "standardize" in steps.get(symbol, ()):
            sd = float(frame[term].std(ddof=1))
            if not np.isfinite(sd) or sd == 0:
                raise PanelSpecError("'{symbol}' does not vary in the sample, so it cannot be standardized.",
                                     symbol=symbol)
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
        return float(self.raw.rsquared_within if MODEL_INFO[self.model].rsquared == "within" else self.raw.rsquared)

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
        raise PanelSpecError("Unknown standard errors {cov_type!r}; choose from {cov_types}.",
                             cov_type=cov_type, cov_types=", ".join(COV_TYPES))
    return {"unadjusted": {"cov_type": "unadjusted"}, "robust": {"cov_type": "robust"},
            "clustered": {"cov_type": "clustered", "cluster_entity": True},
            "driscoll-kraay": {"cov_type": "kernel"}}[cov_type]


def _check_estimable(y: pd.Series, x: pd.DataFrame, model: str) -> None:
    """Enough rows for the model's regressors and effects, at least two provinces, no collinear regressors."""
    if model not in MODELS:
        raise PanelSpecError("Unknown model {model!r}; choose from {models}.", model=model, models=", ".join(MODELS))
    n_entities = y.index.get_level_values(0).nunique()
    n_years = y.index.get_level_values(1).nunique()
    info = MODEL_INFO[model]
    needed = x.shape[1] + (n_entities if info.entity_effects else 0) + (n_years if info.time_effects else 0)
    if len(y) <= needed or n_entities < 2:
        raise PanelSpecError("Too few observations: {n_y} complete rows for {n_regressors} regressor(s) over "
                             "{n_entities} province(s); widen the sample or drop regressors.",
                             n_y=len(y), n_regressors=x.shape[1] - 1, n_entities=n_entities)
    if np.linalg.matrix_rank(x.to_numpy()) < x.shape[1]:
        raise PanelSpecError("The regressors are perfectly collinear in this sample; drop one of them.")


def _estimator(y: pd.Series, x: pd.DataFrame, model: str) -> Any:
    """linearmodels' estimator of ``model`` on (y, x), not fitted yet."""
    from linearmodels.panel import PanelOLS, PooledOLS, RandomEffects

    info = MODEL_INFO[model]
    if info.random_effects:
        return RandomEffects(y, x)
    if not info.fixed_effects:
        return PooledOLS(y, x)
    return PanelOLS(y, x, entity_effects=info.entity_effects, time_effects=info.time_effects, drop_absorbed=True)


def _fit_estimator(estimator: Any, cov_type: str) -> Any:
    try:
        return estimator.fit(**_cov_kwargs(cov_type))
    except (ValueError, np.linalg.LinAlgError) as exc:
        raise PanelSpecError("The model cannot be estimated on this sample: {reason}", reason=str(exc)) from exc


class Sample:
    """One specification's design on its estimation sample, built once and fitted by any estimator.

    The regression page fits the chosen model and, on the same rows, computes the F and Hausman tests
    (:meth:`poolability`, :meth:`hausman`, in closed form): they share this design (built once), and fits of the
    same model under two covariance estimators share linearmodels' estimator object (its construction validates and reshapes the panel; ``fit`` only
    reads it).  An estimator whose ``fit`` dropped absorbed regressors (linearmodels then changes its ``exog``) is
    not reused, so every fit starts from the same state as a fresh one.  Fits of one sample are serialised by a
    lock (a page's cached sample may be shared by sessions).
    """

    def __init__(self, df: pd.DataFrame, dependent: str, regressors: Sequence[str], *,
                 transforms: Mapping[str, Sequence[str]] | None = None, years: tuple[int, int] | None = None,
                 entities: Iterable[str] | None = None) -> None:
        import threading

        mask = _sample_mask(df, years, entities) if (years or entities is not None) else None
        self.design, self.y, self.x = _design(df, dependent, regressors, transforms, mask)
        # linearmodels groups the rows by province at every step of a fit; on pandas' Arrow-backed strings each
        # grouping re-takes the labels through pyarrow (~15 % of a fit here), on plain Python strings it does not
        index = self.y.index
        if index.nlevels == 2 and not pd.api.types.is_object_dtype(index.levels[0].dtype):
            plain = pd.MultiIndex.from_arrays([index.get_level_values(0).astype(object), index.get_level_values(1)],
                                              names=index.names)
            self.y, self.x = self.y.set_axis(plain), self.x.set_axis(plain)
        used = df[list(self.design.regressors)]  # one selection, not two column lookups per regressor
        low, high = used.min(), used.max()
        self.data_range = {s: (float(low[s]), float(high[s])) for s in self.design.regressors}
        self._estimators: dict[str, Any] = {}
        self._checked: set[str] = set()
        self._closed: dict[str, _ClosedForms | None] = {}  # computed once, None included
        self._lock = threading.Lock()

    def fit(self, model: str, cov_type: str) -> PanelFit:
        """The fit of ``model`` with ``cov_type`` standard errors on this sample (as :func:`fit_panel`)."""
        if model not in MODELS:
            raise PanelSpecError("Unknown model {model!r}; choose from {models}.", model=model,
                                 models=", ".join(MODELS))
        _cov_kwargs(cov_type)  # an unknown covariance is refused before anything is fitted
        with self._lock:
            self._check(model)
            estimator = self._estimators.pop(model, None)
            if estimator is None:
                estimator = _estimator(self.y, self.x, model)
            raw = _fit_estimator(estimator, cov_type)
            if estimator.exog.dataframe.shape[1] == self.x.shape[1]:  # nothing absorbed: the estimator is as constructed
                self._estimators[model] = estimator
        return PanelFit(model, cov_type, self.design, raw, dict(self.data_range))

    def _check(self, model: str) -> None:
        """:func:`_check_estimable` once per model (callers hold the lock)."""
        if model not in self._checked:
            _check_estimable(self.y, self.x, model)
            self._checked.add(model)

    def poolability(self, *, alpha: float = 0.05) -> TestResult:
        """:func:`poolability_test` on this sample: the F test of the province effects (section 4.2: F = 89.81).

        From the pooled and within regressions in closed form (:mod:`core.spec_tests`, equal to linearmodels'
        ``f_pooled`` to rounding) instead of a fixed-effects fit; a design the closed form does not cover is
        fitted by linearmodels.
        """
        from scipy import stats

        with self._lock:
            self._check("fe")
        closed = self._closed_forms()
        f = None if closed is None else spec_tests.pooled_f_test(closed.y, closed.x, closed.within, closed.n_entities)
        if f is None:
            return poolability_from_fit(self.fit("fe", "unadjusted"), alpha=alpha)
        stat, df1, df2 = f
        return _poolability_result(stat, float(stats.f.sf(stat, df1, df2)), df1, df2, alpha)

    def hausman(self, *, alpha: float = 0.05) -> TestResult:
        """:func:`hausman_test` on this sample: fixed against random effects, classical covariances (section 4.2:
        296.92).

        From the within and random-effects (Swamy-Arora) regressions in closed form (:mod:`core.spec_tests`, equal
        to linearmodels' ``RandomEffectsResults.hausman`` to rounding) instead of two fits; a design the closed
        form does not cover is fitted by linearmodels.
        """
        from scipy import stats

        with self._lock:
            self._check("fe")
            self._check("re")
        closed = self._closed_forms()
        if closed is None or closed.random is None:
            return hausman_from_fits(self.fit("fe", "unadjusted"), self.fit("re", "unadjusted"), alpha=alpha)
        slopes = [j for j in range(closed.x.shape[1]) if j != closed.constant]
        stat, dof, positive_definite = spec_tests.hausman_statistic(closed.within, closed.random, slopes)
        note = None if positive_definite else _NOT_POSITIVE_DEFINITE
        if not np.isfinite(stat) or stat < 0:
            problem = "not finite" if not np.isfinite(stat) else "negative"
            return _invalid_hausman(dof, f"The statistic is {problem}, so the models do not meet the assumptions "
                                         "of the Hausman test.", note)
        return _hausman_result(stat, float(stats.chi2.sf(stat, dof)), dof, note, alpha)

    def _closed_forms(self) -> _ClosedForms | None:
        """This sample's arrays and its classical within and random-effects fits, computed once (None without a
        constant, which both closed forms assume, or when the effects absorb a regressor)."""
        with self._lock:
            if "classical" not in self._closed:
                self._closed["classical"] = self._compute_closed_forms()
            return self._closed["classical"]

    def _compute_closed_forms(self) -> _ClosedForms | None:
        columns = list(self.x.columns)
        if "const" not in columns:
            return None
        y, x = self.y.to_numpy(dtype=float), self.x.to_numpy(dtype=float)
        codes, n_entities = spec_tests.entity_codes(self.y.index.get_level_values(0).to_numpy())
        constant = columns.index("const")
        within = spec_tests.within_fit(y, x, codes, n_entities, constant)
        if within is None:
            return None
        return _ClosedForms(y, x, n_entities, constant, within,
                            spec_tests.random_effects_fit(y, x, codes, n_entities, within))


class _ClosedForms(NamedTuple):
    """What :meth:`Sample.poolability` and :meth:`Sample.hausman` compute from (``random`` None: linearmodels fits)."""

    y: np.ndarray
    x: np.ndarray
    n_entities: int
    constant: int  # the position of the constant among the columns of x
    within: spec_tests.ClassicalFit
    random: spec_tests.ClassicalFit | None

def fit_panel(df: pd.DataFrame, dependent: str, regressors: Sequence[str], *, model: Model = "fe",
              cov_type: CovType = "unadjusted", transforms: Mapping[str, Sequence[str]] | None = None,
              years: tuple[int, int] | None = None, entities: Iterable[str] | None = None) -> PanelFit:
    """Estimate eq. 10 (or a neighbour) of ``dependent`` on ``regressors``.

    Parameters
    ----------
    df : DataFrame indexed by (entity, year); any numeric columns (Table 3's symbols or others, e.g.
        statsmodels' Grunfeld data under its own names).
    dependent, regressors : column names of ``df``; a missing or non-numeric column raises :class:`PanelSpecError`.
    model : ``pooled`` (OLS), ``fe`` (entity effects, the paper's eq. 10), ``twfe`` (entity and
        year effects) or ``re`` (random effects, Swamy-Arora).  All include a constant.
    cov_type : ``unadjusted``, ``robust``, ``clustered`` (by province) or ``driscoll-kraay``
        (linearmodels' ``kernel`` estimator, Bartlett weights).
    transforms : symbol -> subset of :data:`TRANSFORMS`, applied log -> lag1 -> standardize.
    years, entities : the estimation sample (lags may use the year before ``years[0]``).

    Rows with a missing value in any used column are dropped; ``nobs`` says how many remain.
    """
    return Sample(df, dependent, regressors, transforms=transforms, years=years, entities=entities).fit(model, cov_type)


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
    return _poolability_result(stat, pval, int(test.df), int(test.df_denom), alpha)


def _poolability_result(stat: float, pval: float, df1: int, df2: int, alpha: float) -> TestResult:
    """The F test's result and verdict in words."""
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
    note = _NOT_POSITIVE_DEFINITE if messages else None
    test = result.statistic
    stat = float(getattr(test, "stat", float("nan")))
    if not np.isfinite(stat):
        return _invalid_hausman(len(result.estimates), str(getattr(test, "_reason", test)).strip(), note)
    return _hausman_result(stat, float(test.pval), int(test.df), note, alpha)


_HAUSMAN = "Hausman test (FE vs RE)"
_NOT_POSITIVE_DEFINITE = ("V(FE) - V(RE) is not positive definite in this sample, so the statistic uses a "
                          "generalized inverse and should be read with caution.")


def _invalid_hausman(dof: int, reason: str, note: str | None) -> TestResult:
    return TestResult(_HAUSMAN, float("nan"), float("nan"), dof, None,
                      "The Hausman statistic is not valid here: " + reason,
                      note or "Invalid statistic (negative or not finite); no absolute value is taken.")


def _hausman_result(stat: float, pval: float, dof: int, note: str | None, alpha: float) -> TestResult:
    """The Hausman test's result and verdict in words (``note``: the generalized-inverse caveat, if any)."""
    name = _HAUSMAN
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


def public_status(symbol: str) -> str:
    """How the public panel's ``symbol`` relates to Table 3: ``same as the paper``, ``proxy``, ``interpolated``,
    ``computed here, not the paper's score`` or ``not in the public data`` (unknown symbols)."""
    note = PUBLIC_NOTES.get(symbol)
    if note is None:
        return "not in the public data"
    return {"real": "same as the paper", "derived": "2020-2023 derived from R&D bulletins", "proxy": PROXY_LABEL, "interpolated": "odd years interpolated",
            "computed": COMPUTED_LABEL}[note.status]


def compare_with_table5(fit: PanelFit, table5: pd.DataFrame, notes: Mapping[str, str] | None = None
                        ) -> pd.DataFrame:
    """Table 5 (coef, t, stars) next to ``fit`` for every term in either; ``same_sign`` where both exist.

    ``notes`` (term -> text, e.g. :func:`public_status` for the public panel) fills a ``data`` column saying where
    the fitted variable differs from the paper's (proxies marked).
    """
    return _side_by_side(fit.table(), table5, notes)


def _side_by_side(table: pd.DataFrame, table5: pd.DataFrame, notes: Mapping[str, str] | None) -> pd.DataFrame:
    """:func:`compare_with_table5` from the fit's coefficient table (:meth:`PanelFit.table`)."""
    # Rows as plain dicts: a ``.loc`` per term and table cost ~8 ms per new fit.
    paper = {r["symbol"]: r for r in table5[["symbol", "coef", "t_stat", "stars"]].to_dict("records")}
    ours = {r["term"]: r for r in table[["term", "coef", "t", "stars"]].to_dict("records")}
    rows = []
    for term in dict.fromkeys([*paper, *ours]):
        p, o = paper.get(term), ours.get(term)
        rows.append({"term": term,
                     "paper_coef": None if p is None else float(p["coef"]),
                     "paper_t": None if p is None else float(p["t_stat"]),
                     "paper_stars": "" if p is None else str(p["stars"]),
                     "model_coef": None if o is None else float(o["coef"]),
                     "model_t": None if o is None else float(o["t"]),
                     "model_stars": "" if o is None else str(o["stars"]),
                     "same_sign": None if (p is None or o is None) else bool(np.sign(p["coef"]) == np.sign(o["coef"]))})
    out = pd.DataFrame(rows)
    if notes is not None:
        out.insert(1, "data", [notes.get(term, "") for term in out.term])
    return out


# --- scenario projection ------------------------------------------------------------------------------

def change_to_delta(symbol: str, amount: float, level: pd.Series | np.ndarray | float) -> Any:
    """The new value of ``symbol`` after a scenario change, in the variable's own (Table 3) units.

    ``log`` variables: ``amount`` is a percent change of the underlying quantity,
    new = old + ln(1 + amount/100); ``ratio`` variables: percentage points,
    new = old + amount/100; ``score``/``index`` and any column not in :data:`VARIABLES` (an uploaded
    panel's own variable): new = old + amount, in that column's units.
    """
    kind = VARIABLES[symbol].kind if symbol in VARIABLES else "level"
    if kind == "log":
        if amount <= -100:
            raise PanelSpecError("A change of {amount:g} % in {symbol} would leave nothing to take a log of.",
                                 amount=amount, symbol=symbol)
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
        if symbol not in data.columns:
            raise PanelSpecError("{symbol!r} is not a column of this data source.", symbol=symbol)
        if symbol == design.dependent:
            raise PanelSpecError("'{symbol}' is the dependent variable; it cannot be changed in a scenario.",
                                 symbol=symbol)
    raw = results.raw
    sample_index = raw.model.dependent.index
    in_year = sample_index[sample_index.get_level_values(1) == year]
    if len(in_year) == 0:
        raise PanelSpecError("{year} is not in the estimation sample ({first}-{last}).",
                             year=year, first=results.years[0], last=results.years[1])
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
    from scipy import stats  # here, not at import: scipy.stats costs ~1 s of a cold start

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
OWN_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]{0,39}")  # an uploaded panel's own variable: a plain identifier
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
    ``idt`` is optional and taken from Table 1 when absent.  Further columns
    whose names are plain identifiers (letters, digits, underscore) and whose
    cells are numbers are kept as the file's own variables (any name can enter
    a model); other extra columns are ignored and listed in the notes.  Provinces may be
    written in English or Chinese.  Every problem raises
    :class:`core.uploads.UploadError` with a message for the user; the notes
    list harmless things (ignored columns, where idt came from).
    """
    from core import uploads

    frame = uploads.read_table(content, filename)
    expected = {*UPLOAD_KEYS, "idt", *PAPER_REGRESSORS}
    extra = uploads.check_columns(list(frame.columns), expected)
    # The file's own variables: identifier-like names whose filled cells are all numbers enter the panel (and
    # can enter a model); other extra columns are ignored and reported.
    own, ignored = [], []
    for column in extra:
        cells = frame[column].astype("string").str.strip().str.replace(",", "", regex=False)
        filled = cells[cells.notna() & (cells != "")]
        numeric = pd.to_numeric(filled, errors="coerce")
        if OWN_NAME.fullmatch(column) and column not in RESERVED_NAMES and len(filled) and numeric.notna().all():
            own.append(column)
        else:
            ignored.append(column)
    if "province" in frame.columns:
        zh = dict(zip(regions.province_zh, regions.province))
        frame["province"] = frame["province"].map(lambda v: zh.get(str(v).strip(), v) if isinstance(v, str) else v)
    numeric = [*PAPER_REGRESSORS, *(["idt"] if "idt" in frame.columns else [])]
    known = regions.loc[regions.in_paper, "province"].tolist()
    numeric = [*numeric, *own]
    checked = uploads.validate_panel(frame, keys=UPLOAD_KEYS, numeric=numeric, required=PAPER_REGRESSORS,
                                     known_units=known, unit_column="province", non_negative=numeric,
                                     min_rows=UPLOAD_MIN_ROWS)
    ratios = [s for s in PAPER_REGRESSORS if VARIABLES[s].kind == "ratio"]
    uploads.check_upper_bound(checked, ratios, 1.0, "shares are fractions between 0 and 1 (write 0.45, not 45).")
    uploads.check_coverage(checked, "province", "year", min_units=3, min_periods=3)
    notes = []
    if ignored:
        notes.append(Message("Ignored column(s) not in the template: {ignored}.", ignored=", ".join(ignored)))
    if own:
        notes.append(Message("Your own variable(s), available as regressors: {own}.", own=", ".join(own)))
    if "idt" not in checked.columns or checked["idt"].isna().all():
        checked = checked.drop(columns=["idt"], errors="ignore").merge(
            table1[["province", "year", "idt"]], on=["province", "year"], how="left")
        notes.append(Message("idt taken from the published index (Table 1)."))
    out = checked.set_index(list(UPLOAD_KEYS)).sort_index()
    return out[["idt", *PAPER_REGRESSORS, *own]], notes


# --- wage / R&D series upload (replaces bundled cells on a copy of the public panel) ---------------------------

SERIES_UPLOAD_COLUMNS: dict[str, tuple[str, str]] = {  # column -> (what, unit)
    "urban_avg_wage_yuan": ("urban average wage", "yuan per year"),
    "rd_intensity_pct": ("R&D intensity (R&D / GDP)", "percent"),
}


def series_template(provinces: Sequence[str], series: pd.DataFrame, years: Sequence[int] = range(2011, 2024)
                    ) -> pd.DataFrame:
    """The wage / R&D upload template: province x year with the bundled values filled in (empty where none)."""
    grid = pd.DataFrame([(p, y) for p in provinces for y in years], columns=["province", "year"])
    return grid.merge(series[["province", "year", *SERIES_UPLOAD_COLUMNS]], on=["province", "year"], how="left")


def series_from_upload(content: bytes, filename: str, regions: pd.DataFrame) -> pd.DataFrame:
    """Read an uploaded wage and/or R&D-intensity series; every problem is ONE :class:`core.uploads.UploadError`
    that names the cell (row of the file, province, year, column).

    The file has ``province`` (English or Chinese name), ``year`` and at least one of
    :data:`SERIES_UPLOAD_COLUMNS` (wage in yuan per year, intensity in percent).  Checked, in this order: text in
    a number, unknown province, missing years (every province must have a row for every year from the file's
    first to its last; an empty cell keeps the bundled value), wrong units (an intensity below 0.1 looks like a share; above 100 is not a percent;
    a wage below 1,000 looks like thousands of yuan or a log).  Returns ``province``, ``year`` and the columns.
    """
    from core import uploads

    frame = uploads.read_table(content, filename)
    value_columns = [c for c in SERIES_UPLOAD_COLUMNS if c in frame.columns]
    missing = [c for c in ("province", "year") if c not in frame.columns]
    if missing or not value_columns:
        need = ", ".join(missing + ([] if value_columns else [" or ".join(SERIES_UPLOAD_COLUMNS)]))
        raise uploads.UploadError("Missing column(s): {need}. Download the template to see the expected layout.",
                                  need=need)
    uploads.check_columns(list(frame.columns), {"province", "year", *SERIES_UPLOAD_COLUMNS})
    zh = dict(zip(regions.province_zh, regions.province))
    known = set(regions.loc[regions.region != "", "province"])
    work = frame[["province", "year", *value_columns]].copy()
    work.insert(0, "row", work.index + 2)  # the file's row number (header is row 1)

    def where(i: int) -> Message:
        return Message("Row {row} ({province} {year})", row=work.at[i, "row"], province=work.at[i, "province"],
                       year=work.at[i, "year"])

    years = pd.to_numeric(work["year"], errors="coerce")
    for i in work.index:
        if pd.isna(years[i]) or years[i] % 1 != 0 or not 1990 <= years[i] <= 2035:
            raise uploads.UploadError("Row {row}, column year: {year!r} is not a year between 1990 and 2035.",
                                      row=work.at[i, "row"], year=work.at[i, "year"])
    work["year"] = years.astype("int64")
    for column in value_columns:
        text = work[column].astype("string").str.strip().str.replace(",", "", regex=False)
        values = pd.to_numeric(text, errors="coerce")
        for i in work.index[values.isna() & text.notna() & (text != "")]:
            raise uploads.UploadError("{where}, column {column}: {cell!r} is text, not a number.",
                                      where=where(i), column=column, cell=work.at[i, column])
        work[column] = values.astype("float64")
    names = work["province"].astype("string").str.strip()
    work["province"] = [zh.get(n, n) if isinstance(n, str) else n for n in names]
    for i in work.index:
        if work.at[i, "province"] not in known:
            raise uploads.UploadError("Row {row}, column province: {province!r} is not one of the 31 provinces "
                                      "(write e.g. Beijing or 北京).",
                                      row=work.at[i, "row"], province=frame.at[i, "province"])
    dup = work.duplicated(["province", "year"])
    if dup.any():
        i = work.index[dup][0]
        raise uploads.UploadError("{where}: this province and year appear twice; keep one row.", where=where(i))
    first, last = int(work.year.min()), int(work.year.max())
    for province, rows in work.groupby("province", sort=False):
        absent = sorted(set(range(first, last + 1)) - set(rows.year))
        if absent:
            raise uploads.UploadError("{province}: no row for {absent} (the file covers {first}-{last}); add the row "
                                      "with its value, or leave the province out.",
                                      province=province, absent=absent[0], first=first, last=last)
    for column in value_columns:
        if work[column].isna().all():
            raise uploads.UploadError("Column {column} has no values; fill it or remove the column.", column=column)
    if "rd_intensity_pct" in value_columns:
        values = work["rd_intensity_pct"]
        values = values.dropna()
        if (values < 0.1).all() or (values < 0).any():
            i = values.idxmin()
            raise uploads.UploadError("{where}, column rd_intensity_pct: {value:g} looks like a share (0-1); this "
                                      "column is in percent (write {percent:g}).",
                                      where=where(i), value=values[i], percent=values[i] * 100)
        if (values > 100).any():
            i = values.idxmax()
            raise uploads.UploadError("{where}, column rd_intensity_pct: {value:g} is above 100 %.",
                                      where=where(i), value=values[i])
    if "urban_avg_wage_yuan" in value_columns:
        values = work["urban_avg_wage_yuan"].dropna()
        if (values < 1000).any():
            i = values.idxmin()
            raise uploads.UploadError("{where}, column urban_avg_wage_yuan: {value:g} is too small for a yearly "
                                      "wage in yuan (thousands of yuan or a log?); write yuan, e.g. 85307.",
                                      where=where(i), value=values[i])
    return work.drop(columns=["row"]).sort_values(["province", "year"]).reset_index(drop=True)


def apply_series(data: pd.DataFrame, uploaded: pd.DataFrame) -> tuple[pd.DataFrame, list[str]]:
    """A copy of the public panel with the uploaded cells replacing ``pcw`` (ln wage) and/or ``rd`` (share).

    Uploaded wage cells are published values, so their ``pcw_interpolated`` flag is cleared.  The bundled panel
    is never changed.  Returns the new panel and notes (how many cells each column replaced).
    """
    out = data.copy()
    up = uploaded.set_index(["province", "year"])
    common = up.index.intersection(out.index)
    notes = []
    if "urban_avg_wage_yuan" in up:
        cells = up.loc[common, "urban_avg_wage_yuan"].dropna()
        out.loc[cells.index, "pcw"] = np.log(cells)
        if "pcw_interpolated" in out:
            out.loc[cells.index, "pcw_interpolated"] = False
        notes.append(Message("pcw: {n_cells} cells from your file (ln of urban_avg_wage_yuan).", n_cells=len(cells)))
    if "rd_intensity_pct" in up:
        cells = up.loc[common, "rd_intensity_pct"].dropna()
        out.loc[cells.index, "rd"] = cells / 100.0
        notes.append(Message("rd: {n_cells} cells from your file (rd_intensity_pct / 100).", n_cells=len(cells)))
    outside = len(up.index.difference(out.index))
    if outside:
        notes.append(Message("{outside} row(s) outside the 30 provinces x 2011-2023 of the model were not used.",
                             outside=outside))
    return out, notes


# --- what the regression page shows of a fit, and its default view computed at build time --------------------

PUBLIC_DEFAULT = ("gdp", "pcw", "del", "estr", "pdl", "rd", "med", "psl")
"""The regressors of the default model on the public panel: the paper's nine less ``urban`` (its series ends in
2019); the four levers (pcw, rd, psl, pdl) are among them."""

DEFAULT_VIEW_FILE = "regression/default_view.json"
"""The bundled default view (under ``data/``), written by ``scripts/build_regression_default.py``."""


def fit_view(result: PanelFit, table5: pd.DataFrame, notes: Mapping[str, str] | None = None) -> dict[str, Any]:
    """What the regression page shows of one fit: counts, the years and provinces of the estimation sample, R²
    (within for FE, as in Table 5), the coefficient table (:meth:`PanelFit.table`) and Table 5 side by side
    (:func:`compare_with_table5` with ``notes``)."""
    index = result.raw.model.dependent.index
    table = result.table()
    return {"nobs": result.nobs, "n_entities": result.n_entities, "years": result.years,
            "rsquared": result.rsquared, "terms": list(result.design.terms), "coef": table,
            "side": _side_by_side(table, table5, notes),
            "provinces": sorted(set(index.get_level_values(0))),
            "sample_years": sorted({int(y) for y in index.get_level_values(1)})}


def default_spec(data: pd.DataFrame) -> ModelSpec:
    """The regression page's opening model on ``data`` (the public panel): eq. 10 with province fixed effects,
    standard errors clustered by province, :data:`PUBLIC_DEFAULT` regressors, every year and province."""
    years = data.index.get_level_values(1)
    return ModelSpec("idt", PUBLIC_DEFAULT, "fe", "clustered", (), (int(years.min()), int(years.max())), None)


def public_notes() -> dict[str, str]:
    """How each public variable differs from Table 3 (:func:`public_status`), for :func:`compare_with_table5`."""
    return {s: public_status(s) for s in PUBLIC_NOTES}


@dataclass(frozen=True)
class BundledView:
    """A default view computed at build time: the specification, what :func:`fit_view` returns for its fit, and
    the F and Hausman tests of the same sample (classical covariances)."""

    spec: ModelSpec
    view: dict[str, Any]
    tests: tuple[TestResult, TestResult]


def _frame_json(frame: pd.DataFrame) -> dict[str, Any]:
    return {"columns": list(frame.columns), "data": [[None if isinstance(v, float) and not np.isfinite(v) else
                                                       (v.item() if hasattr(v, "item") else v) for v in row]
                                                      for row in frame.itertuples(index=False)]}


def view_to_json(bundle: BundledView) -> str:
    """``bundle`` as JSON text (NaN written as null); :func:`view_from_json` reads it back."""
    from dataclasses import asdict

    view = {k: (_frame_json(v) if isinstance(v, pd.DataFrame) else v) for k, v in bundle.view.items()}
    spec = asdict(bundle.spec)
    return json.dumps({"spec": spec, "view": view, "tests": [asdict(t) for t in bundle.tests]}, ensure_ascii=False,
                      indent=1)


def view_from_json(text: str) -> BundledView:
    """The :class:`BundledView` that :func:`view_to_json` wrote."""
    raw = json.loads(text)
    s = raw["spec"]
    spec = ModelSpec(s["dependent"], tuple(s["regressors"]), s["model"], s["cov_type"],
                     tuple((a, tuple(b)) for a, b in s["transforms"]), None if s["years"] is None else tuple(s["years"]),
                     None if s["entities"] is None else tuple(s["entities"]))
    view = dict(raw["view"])
    for name in ("coef", "side"):
        frame = pd.DataFrame(view[name]["data"], columns=view[name]["columns"])
        for column in frame.columns:
            if frame[column].dtype == object and frame[column].map(lambda v: v is None or isinstance(v, float)).all():
                frame[column] = frame[column].astype("float64")  # a number column with gaps
        view[name] = frame
    view["years"] = tuple(view["years"])
    tests = tuple(TestResult(**t) for t in raw["tests"])
    return BundledView(spec=spec, view=view, tests=(tests[0], tests[1]))


def load_default_view(path: Path | None = None) -> BundledView | None:
    """The bundled default view of the regression page (None when the file is missing)."""
    from core.datasets import DATA_DIR

    path = DATA_DIR / DEFAULT_VIEW_FILE if path is None else path
    return view_from_json(path.read_text(encoding="utf-8")) if path.exists() else None


def preload_estimators() -> None:
    """Import linearmodels' panel estimators (and scipy.stats, which they load) in a daemon thread, so the first
    live fit of a process does not wait 1.5-2 s for them; nothing happens when they are loaded already.  The thread
    only imports (no other shared state)."""
    import sys
    import threading

    global _PRELOADING
    if "linearmodels.panel" in sys.modules or _PRELOADING:
        return
    _PRELOADING = True

    def load() -> None:
        import linearmodels.panel  # noqa: F401
        import scipy.stats  # noqa: F401

    threading.Thread(target=load, name="preload-linearmodels", daemon=True).start()


_PRELOADING = False  # one preloading thread per process


def fit_by_group(df: pd.DataFrame, spec: ModelSpec,
                 groups: Mapping[str, tuple[tuple[int, int] | None, tuple[str, ...] | None]]
                 ) -> tuple[dict[str, PanelFit], list[tuple[str, str]]]:
    """``spec`` (its model, regressors, transforms and standard errors) refitted on each labelled sample: ``groups``
    maps a label to ``(years, entities)`` (``None`` for all), as the robustness table's regions and sub-periods.

    Returns the fits by label, in the order given (for :func:`compare_fits`), and ``(label, reason)`` for each
    sample the model cannot be estimated on (too few rows, collinear regressors), which is skipped.
    """
    import dataclasses

    fits: dict[str, PanelFit] = {}
    skipped: list[tuple[str, str]] = []
    for label, (years, entities) in groups.items():
        try:
            fits[label] = dataclasses.replace(spec, years=years, entities=entities).fit(df)
        except PanelSpecError as exc:
            skipped.append((label, exc.message))  # a str that keeps its template, for translation
    return fits, skipped
