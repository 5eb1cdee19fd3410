"""Scale of industrial digitalization and the agglomeration index of its practitioners (eq. 4-9).

From a provincial input-output table this module computes, per the 001 paper
(Liu 2026, section 3.2-3.3):

* eq. 4 - the digital consumption coefficient of each sector (how much of its
  inputs come from the digital-core sectors);
* eq. 5-6 - the value added of industrial digitalization, coefficient x total
  output x value-added rate of the sector (= coefficient x value added);
* eq. 7-8 - practitioners = digital value added / (GDP / employed persons);
* eq. 9 - the location quotient of practitioners (the agglomeration index).

Eq. 4 as printed is ambiguous and does not by itself reproduce Table 1, so the
readings are offered as named variants (:class:`Variant`):

``coefficient``
    ``"direct"``: ``c_j = sum_{i in D} z_ij / x_j`` (digital inputs / total output,
    the sum of the direct coefficients ``a_ij`` over digital rows ``D``);
    ``"intermediate_share"``: ``c_j = 1 - sum_{i not in D} z_ij / sum_i z_ij``
    (eq. 4 as printed, "total inputs" read as total intermediate inputs).
``scope``
    ``"traditional"``: ``DVA = sum_{j not in D} c_j va_j`` (the text's reading);
    ``"plus_core"``: that plus the digital core's own value added ``sum_{j in D} va_j``;
    ``"core_only"``: ``DVA = sum_{j in D} va_j``.

Measured on the bundled tables (30 provinces, Spearman rank correlation with
Table 1, population-weighted employment): traditional 0.28-0.43 (2012) and
0.14-0.32 (2017); plus core (direct) 0.91 / 0.98; core only 0.93 / 0.98.
:data:`DEFAULT_VARIANT` is the reading that reproduces Table 1 best (a test
re-measures this).

Units: IO values and value added in 10,000 yuan (万元), employment in 10,000
persons, labour productivity in yuan per person, practitioners in 10,000 persons.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Literal

import numpy as np
import pandas as pd

from core import datasets, io_tables
from core.uploads import UploadError, validate_panel

__all__ = [
    "DigitalizationError", "Variant", "BASE_RULES", "DEFAULT_VARIANT", "COEFFICIENTS", "SCOPES", "BENCHMARK_YEARS",
    "preset_concepts", "concept_table", "digital_codes", "IOStack",
    "benchmark_stacks", "io_stack", "digital_coefficients", "digital_value_added", "labour_productivity",
    "practitioners", "location_quotient", "province_scale", "sector_table", "EmploymentSource",
    "population_employment", "employment_from_upload", "base_year_for", "control_totals", "update_table",
    "update_stack", "yearly_index", "index_from_io", "rank_correlation", "compare_with_published",
]

BENCHMARK_YEARS = (2007, 2012, 2017)
SECTORS = tuple(f"sec{i:02d}" for i in range(1, 43))
COEFFICIENTS: dict[str, str] = {
    "direct": "Digital inputs / total output (direct coefficient)",
    "intermediate_share": "Digital share of intermediate inputs (eq. 4 as printed)",
}
SCOPES: dict[str, str] = {
    "traditional": "Traditional sectors only (the text's reading)",
    "plus_core": "Traditional sectors plus the digital core's own value added",
    "core_only": "Digital core's own value added only",
}
YUAN_PER_10K = 1e4  # 1 亿元 (100 million yuan) = 10,000 万元 (10,000 yuan units)


class DigitalizationError(ValueError):
    """The inputs to eq. 4-9 are inconsistent (unknown sector, missing year, bad employment table...)."""


@dataclass(frozen=True)
class Variant:
    """A reading of eq. 4-6: which coefficient and which sectors' value added count."""

    coefficient: Literal["direct", "intermediate_share"] = "direct"
    scope: Literal["traditional", "plus_core", "core_only"] = "core_only"

    def __post_init__(self) -> None:
        if self.coefficient not in COEFFICIENTS:
            raise DigitalizationError(f"Unknown coefficient reading {self.coefficient!r}; use one of {list(COEFFICIENTS)}.")
        if self.scope not in SCOPES:
            raise DigitalizationError(f"Unknown scope {self.scope!r}; use one of {list(SCOPES)}.")

    @property
    def label(self) -> str:
        if self.scope == "core_only":
            return SCOPES["core_only"]
        return f"{SCOPES[self.scope]}; coefficient: {COEFFICIENTS[self.coefficient]}"


# The reading with the highest mean Spearman correlation with Table 1 over the
# benchmark years 2012 and 2017 (0.930 and 0.980); see the module docstring.
DEFAULT_VARIANT = Variant("direct", "core_only")


# --- sector presets and the year-aware crosswalk -----------------------------------------

def preset_concepts(preset: str, presets: pd.DataFrame | None = None) -> tuple[str, ...]:
    """The digital-core concepts of a named preset (e.g. ``"paper"``, ``"narrow_ict"``)."""
    presets = datasets.load_digital_presets() if presets is None else presets
    rows = presets[presets.preset == preset]
    if rows.empty:
        raise DigitalizationError(f"Unknown sector preset {preset!r}; choose one of {sorted(set(presets.preset))}.")
    return tuple(rows.concept)


def concept_table(crosswalk: pd.DataFrame | None = None) -> pd.DataFrame:
    """One row per digital-core concept with its English name and its codes in each scheme."""
    cw = datasets.load_digital_crosswalk() if crosswalk is None else crosswalk
    out = cw.groupby("concept", sort=False).agg(
        concept_en=("concept_en", "first"), paper_code=("paper_code", "first"),
        **{f"codes_{y}": (f"code_{y}", lambda s: " + ".join(c for c in s if c)) for y in BENCHMARK_YEARS})
    return out.reset_index()


def digital_codes(concepts: Iterable[str], scheme: int, crosswalk: pd.DataFrame | None = None) -> tuple[str, ...]:
    """Sector codes of the chosen digital-core concepts in one year's numbering (2007, 2012 or 2017 scheme).

    The paper's codes 19/20/21/32/36 are the 2012 scheme; e.g. information
    services are ``sec29`` in 2007, ``sec32`` in 2012 and ``sec31`` in 2017.
    """
    if scheme not in BENCHMARK_YEARS:
        raise DigitalizationError(f"No sector scheme for {scheme}; schemes are {BENCHMARK_YEARS}.")
    cw = datasets.load_digital_crosswalk() if crosswalk is None else crosswalk
    wanted = list(dict.fromkeys(concepts))
    unknown = [c for c in wanted if c not in set(cw.concept)]
    if unknown:
        raise DigitalizationError(f"Unknown digital-sector concept(s) {unknown}.")
    rows = cw[cw.concept.isin(wanted)]
    return tuple(sorted({c for c in rows[f"code_{scheme}"] if c}))


# --- benchmark tables as arrays ----------------------------------------------------------

@dataclass(frozen=True)
class IOStack:
    """Provincial tables of one year stacked as arrays (regions x 42 x 42), in 10,000 yuan.

    ``x`` is total input (= total output) per purchasing sector, ``va`` total value
    added per sector; ``scheme`` is the sector numbering (2007, 2012 or 2017).
    ``status`` says where the numbers come from ("benchmark table" or "RAS-updated
    from 2012 ..."), ``diagnostics`` has one row per region for updated tables.
    """

    year: int
    scheme: int
    regions: tuple[str, ...]
    Z: np.ndarray
    x: np.ndarray
    va: np.ndarray
    status: str = "benchmark table"
    diagnostics: pd.DataFrame | None = field(default=None, compare=False)

    def index_of(self, region: str) -> int:
        try:
            return self.regions.index(region)
        except ValueError as exc:
            raise DigitalizationError(f"No {self.year} table for {region!r}.") from exc

    @property
    def gdp(self) -> np.ndarray:
        """Regional GDP as the sum of value added over sectors (10,000 yuan)."""
        return self.va.sum(axis=1)


def io_stack(io: pd.DataFrame, year: int) -> IOStack:
    """Stack the bundled provincial table of a benchmark year (tidy frame from ``load_io_tables``)."""
    if year not in BENCHMARK_YEARS:
        raise DigitalizationError(f"No provincial benchmark table for {year}; tables exist for {BENCHMARK_YEARS}.")
    sub = io[io.year.to_numpy() == year]
    sub = sub[(sub.table == "provincial").to_numpy()]
    if sub.empty:
        raise DigitalizationError(f"The IO frame has no provincial table for {year}.")
    reg_codes, reg_names = pd.factorize(sub.region, sort=True)
    regions = tuple(str(r) for r in reg_names)
    cols = _positions(sub.col_code, SECTORS)
    rows = _positions(sub.row_code, SECTORS + ("TI", "TVA"))
    vals = sub.value_10k_yuan.to_numpy(dtype=float)
    keep = cols >= 0
    reg, rows, cols, vals = reg_codes[keep], rows[keep], cols[keep], vals[keep]
    n = len(SECTORS)
    Z = np.zeros((len(regions), n, n))
    zmask = (rows >= 0) & (rows < n)
    Z[reg[zmask], rows[zmask], cols[zmask]] = vals[zmask]
    x = np.zeros((len(regions), n))
    va = np.zeros((len(regions), n))
    ti, tva = rows == n, rows == n + 1
    x[reg[ti], cols[ti]] = vals[ti]
    va[reg[tva], cols[tva]] = vals[tva]
    return IOStack(year=year, scheme=year, regions=regions, Z=Z, x=x, va=va)


def _positions(values: pd.Series, labels: Sequence[str]) -> np.ndarray:
    """Position of each value in ``labels`` (-1 if absent), via factorize so only unique values are looked up."""
    codes, uniques = pd.factorize(values)
    lookup = pd.Index(list(labels)).get_indexer(uniques)
    return np.where(codes >= 0, lookup[codes], -1)


def benchmark_stacks(io: pd.DataFrame) -> dict[int, IOStack]:
    """All three benchmark years' provincial tables as :class:`IOStack` objects."""
    return {year: io_stack(io, year) for year in BENCHMARK_YEARS}


def _mask(codes: Sequence[str]) -> np.ndarray:
    unknown = [c for c in codes if c not in SECTORS]
    if unknown:
        raise DigitalizationError(f"Unknown sector code(s) {unknown}; codes are sec01..sec42.")
    return np.isin(np.array(SECTORS), list(codes))


# --- eq. 4-9 -----------------------------------------------------------------------------

def digital_coefficients(Z: np.ndarray, x: np.ndarray, digital: np.ndarray,
                         coefficient: str = "direct") -> np.ndarray:
    """Eq. 4: the digital consumption coefficient of every purchasing sector.

    Parameters
    ----------
    Z : (..., n, n) array
        Intermediate transactions (rows supply, columns purchase), 10,000 yuan.
    x : (..., n) array
        Total output (= total input) per sector, 10,000 yuan.
    digital : (n,) bool array
        True for the digital-core sectors ``D``.
    coefficient : {"direct", "intermediate_share"}
        ``"direct"``: ``sum_{i in D} z_ij / x_j``; ``"intermediate_share"``:
        ``1 - sum_{i not in D} z_ij / sum_i z_ij`` (eq. 4 as printed).

    Returns
    -------
    (..., n) array, dimensionless; 0 where the denominator is 0.
    """
    if coefficient not in COEFFICIENTS:
        raise DigitalizationError(f"Unknown coefficient reading {coefficient!r}.")
    digital_inputs = Z[..., digital, :].sum(axis=-2)
    denom = x if coefficient == "direct" else Z.sum(axis=-2)
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(denom != 0, digital_inputs / np.where(denom != 0, denom, 1.0), 0.0)


def digital_value_added(coef: np.ndarray, va: np.ndarray, digital: np.ndarray, scope: str) -> np.ndarray:
    """Eq. 5-6: value added of industrial digitalization per sector, 10,000 yuan.

    Eq. 6 is ``coefficient x total output x value-added rate``; with the BEA
    assumption of eq. 5 (the digitalized part has the sector's value-added rate
    ``va_j / x_j``) this is ``c_j * va_j``.  ``scope`` decides which sectors count:
    traditional sectors get ``c_j va_j`` unless ``scope == "core_only"``; digital-core
    sectors get their whole value added unless ``scope == "traditional"``.
    """
    if scope not in SCOPES:
        raise DigitalizationError(f"Unknown scope {scope!r}.")
    traditional = np.where(digital, 0.0, coef * va) if scope != "core_only" else np.zeros_like(va)
    core = np.where(digital, va, 0.0) if scope != "traditional" else np.zeros_like(va)
    return traditional + core


def labour_productivity(gdp_10k_yuan: np.ndarray | pd.Series, employed_10k: np.ndarray | pd.Series):
    """Eq. 7: average labour productivity = GDP / employed persons (yuan per person).

    GDP in 10,000 yuan divided by employment in 10,000 persons is yuan per person.
    """
    employed = np.asarray(employed_10k, dtype=float)
    if (employed <= 0).any() or not np.isfinite(employed).all():
        raise DigitalizationError("Employment must be positive and known for every region.")
    return gdp_10k_yuan / employed_10k


def practitioners(dva_10k_yuan: np.ndarray | pd.Series, productivity_yuan: np.ndarray | pd.Series):
    """Eq. 8: practitioners of industrial digitalization = digital value added / productivity (10,000 persons)."""
    return dva_10k_yuan / productivity_yuan


def location_quotient(practitioners: pd.Series, employed: pd.Series) -> pd.Series:
    """Eq. 9: ``(P_r / E_r) / (sum P / sum E)`` over the regions passed (dimensionless, 1 = parity).

    Parameters
    ----------
    practitioners, employed : Series indexed by region, same labels
        Practitioners and total employment, any one unit for both.

    Raises
    ------
    DigitalizationError
        Indexes differ, values are missing, employment is zero or negative, or
        practitioners are negative.
    """
    if not isinstance(practitioners, pd.Series) or not isinstance(employed, pd.Series):
        raise DigitalizationError("location_quotient needs two pandas Series indexed by region.")
    if practitioners.index.has_duplicates or employed.index.has_duplicates:
        raise DigitalizationError("Region labels must be unique.")
    if set(practitioners.index) != set(employed.index) or len(practitioners) != len(employed):
        missing = sorted(map(str, set(practitioners.index) ^ set(employed.index)))[:5]
        raise DigitalizationError(f"Practitioners and employment cover different regions (e.g. {missing}).")
    employed = employed.reindex(practitioners.index).astype(float)
    p = practitioners.astype(float)
    if p.isna().any() or employed.isna().any():
        raise DigitalizationError("Practitioners or employment are missing for some region.")
    if (employed <= 0).any():
        bad = list(employed.index[employed <= 0][:5])
        raise DigitalizationError(f"Employment must be positive; it is zero or negative for {bad}.")
    if (p < 0).any():
        raise DigitalizationError("Practitioners cannot be negative.")
    national = p.sum() / employed.sum()
    if national <= 0:
        raise DigitalizationError("There are no practitioners in any region; the index is undefined.")
    return (p / employed) / national


# --- employment sources ------------------------------------------------------------------

@dataclass(frozen=True)
class EmploymentSource:
    """Where total employment ``E_r`` (eq. 7 and 9) comes from.

    ``kind="population"`` is a labelled approximation: employment proportional to
    resident population (provincial employment is not in the bundled public data).
    Under it, eq. 7-9 reduce to the digital value-added share of GDP divided by its
    population-weighted national mean.  (With any source, practitioners / employment
    = digital VA / GDP, so employment only sets the national denominator of eq. 9:
    it rescales every province alike and never changes the ranking.)  ``kind="upload"`` uses a province x year
    table of employed persons (10,000 persons) given by the user.
    """

    kind: Literal["population", "upload"] = "population"
    table: pd.DataFrame | None = None

    @property
    def label(self) -> str:
        if self.kind == "population":
            return ("Approximation: employment proportional to resident population (NBS via carbondata, "
                    "2011-2019); the index is then the digital value-added share over its population-weighted mean")
        return "Uploaded province x year employment table (employed persons, 10,000)"

    def employed(self, year: int, provinces: Sequence[str], panel: pd.DataFrame) -> pd.Series:
        """Employment (10,000 persons) per province for ``year``; NaN where unknown."""
        if self.kind == "population":
            rows = panel[panel.year == year].set_index("province")["population_10k"]
        elif self.table is not None:
            rows = self.table[self.table.year == year].set_index("province")["employed_10k"]
        else:
            raise DigitalizationError("An uploaded employment source needs a table.")
        return rows.reindex(list(provinces)).astype(float).rename("employed_10k")


def population_employment() -> EmploymentSource:
    """The labelled population-weighted approximation (the default source)."""
    return EmploymentSource("population")


def employment_from_upload(frame: pd.DataFrame, known_provinces: Iterable[str]) -> EmploymentSource:
    """Validate an uploaded employment table (columns ``province``, ``year``, ``employed_10k``).

    Uses :func:`core.uploads.validate_panel` so the rules and messages match every
    other upload point; raises :class:`core.uploads.UploadError`.
    """
    clean = validate_panel(frame, keys=("province", "year"), numeric=("employed_10k",), required=("employed_10k",),
                           known_units=set(known_provinces), unit_column="province", non_negative=("employed_10k",),
                           year_range=(2007, 2035))
    if (clean["employed_10k"] <= 0).any():
        raise UploadError("employed_10k must be positive (employed persons in 10,000).")
    return EmploymentSource("upload", clean[["province", "year", "employed_10k"]].reset_index(drop=True))


# --- one year: the pipeline --------------------------------------------------------------

def province_scale(stack: IOStack, codes: Sequence[str], variant: Variant, employed: pd.Series,
                   provinces: Sequence[str] | None = None) -> pd.DataFrame:
    """Eq. 4-9 for every province of one table year.

    Parameters
    ----------
    stack : IOStack
        The year's tables (benchmark or RAS-updated).
    codes : sequence of str
        Digital-core sector codes in ``stack.scheme`` numbering (see :func:`digital_codes`).
    variant : Variant
        Reading of eq. 4-6.
    employed : Series
        Employment per province (10,000 persons); provinces with NaN get a NaN index
        and are left out of the national shares.
    provinces : sequence of str, optional
        Provinces that form "the nation" of eq. 9 (default: those in ``employed``).

    Returns
    -------
    DataFrame indexed by province: ``gdp_10k_yuan``, ``dva_traditional_10k_yuan``,
    ``va_core_10k_yuan``, ``dva_10k_yuan`` (per the scope), ``dva_share`` (of GDP),
    ``employed_10k``, ``productivity_yuan_per_person`` (eq. 7), ``practitioners_10k``
    (eq. 8), ``idt`` (eq. 9).
    """
    if not codes:
        raise DigitalizationError("Choose at least one digital-core sector.")
    provinces = list(employed.index if provinces is None else provinces)
    missing = [p for p in provinces if p not in stack.regions]
    if missing:
        raise DigitalizationError(f"No {stack.year} table for {missing}.")
    idx = np.array([stack.regions.index(p) for p in provinces], dtype=int)
    digital = _mask(codes)
    Z, x, va = stack.Z[idx], stack.x[idx], stack.va[idx]
    coef = digital_coefficients(Z, x, digital, variant.coefficient)
    dva_trad = digital_value_added(coef, va, digital, "traditional").sum(axis=1)
    core = np.where(digital, va, 0.0).sum(axis=1)
    dva = digital_value_added(coef, va, digital, variant.scope).sum(axis=1)
    gdp = va.sum(axis=1)
    frame = pd.DataFrame({
        "gdp_10k_yuan": gdp, "dva_traditional_10k_yuan": dva_trad, "va_core_10k_yuan": core,
        "dva_10k_yuan": dva, "dva_share": dva / np.where(gdp != 0, gdp, np.nan),
    }, index=pd.Index(provinces, name="province"))
    frame["employed_10k"] = employed.reindex(provinces).astype(float).to_numpy()
    ok = frame["employed_10k"].notna() & (frame["employed_10k"] > 0) & (frame["gdp_10k_yuan"] > 0)
    frame["productivity_yuan_per_person"] = np.nan
    frame["practitioners_10k"] = np.nan
    frame["idt"] = np.nan
    if ok.any():
        sub = frame[ok]
        prod = labour_productivity(sub["gdp_10k_yuan"], sub["employed_10k"])
        prac = practitioners(sub["dva_10k_yuan"], prod)
        frame.loc[ok, "productivity_yuan_per_person"] = prod
        frame.loc[ok, "practitioners_10k"] = prac
        frame.loc[ok, "idt"] = location_quotient(prac.clip(lower=0), sub["employed_10k"])
    return frame


def sector_table(stack: IOStack, region: str, codes: Sequence[str], variant: Variant,
                 sectors: pd.DataFrame | None = None) -> pd.DataFrame:
    """Eq. 4-6 sector by sector for one province: role, coefficient, output, VA rate, digital VA."""
    i = stack.index_of(region)
    digital = _mask(codes)
    Z, x, va = stack.Z[i], stack.x[i], stack.va[i]
    coef = digital_coefficients(Z, x, digital, variant.coefficient)
    dva = digital_value_added(coef, va, digital, variant.scope)
    names = sectors if sectors is not None else datasets.load_sectors()
    names = names[names.scheme == stack.scheme].set_index("code")
    with np.errstate(divide="ignore", invalid="ignore"):
        rate = np.where(x != 0, va / np.where(x != 0, x, 1.0), np.nan)
    return pd.DataFrame({
        "code": SECTORS,
        "sector": names["name_en"].reindex(SECTORS).fillna("").to_numpy(),
        "sector_zh": names["name_zh"].reindex(SECTORS).fillna("").to_numpy(),
        "role": np.where(digital, "digital core", "traditional"),
        "coefficient": coef, "output_10k_yuan": x, "va_10k_yuan": va, "va_rate": rate, "dva_10k_yuan": dva,
    })


# --- RAS-updated tables for the years between benchmarks ----------------------------------

BASE_RULES: dict[str, str] = {
    "previous": "Latest benchmark table not after the year (2011 from 2007, 2013-16 from 2012, 2018+ from 2017)",
    "nearest": "Nearest benchmark table (2011-14 from 2012, 2015-16 and 2018+ from 2017)",
    "2012": "The 2012 table for every year except 2017 (closest to Table 1 outside the benchmark years)",
}


def base_year_for(year: int, rule: str = "previous") -> int:
    """The benchmark table a year is updated from under ``rule`` (see :data:`BASE_RULES`)."""
    if rule not in BASE_RULES:
        raise DigitalizationError(f"Unknown base-table rule {rule!r}; use one of {list(BASE_RULES)}.")
    if rule == "2012":
        return 2017 if year == 2017 else 2012
    if rule == "nearest":
        return min(BENCHMARK_YEARS, key=lambda b: (abs(year - b), -b))
    earlier = [b for b in BENCHMARK_YEARS if b <= year]
    if not earlier:
        raise DigitalizationError(f"No benchmark table at or before {year}.")
    return earlier[-1]


@dataclass(frozen=True)
class ControlTotals:
    """Target-year totals for RAS: output ``x``, row sums ``u``, column sums ``v`` and value added (10,000 yuan).

    ``growth`` holds the factor by which each broad sector's value added grew from
    the base table to the target year (panel GDP by three sectors / table VA).
    """

    x: np.ndarray
    u: np.ndarray
    v: np.ndarray
    va: np.ndarray
    growth: dict[str, float]


_GDP_COLUMNS = {"primary": "gdp_primary_100m_yuan", "secondary": "gdp_secondary_100m_yuan",
                "tertiary": "gdp_tertiary_100m_yuan"}


def _sector_groups(scheme: int, three_sector: pd.DataFrame | None) -> np.ndarray:
    ts = datasets.load_three_sector_map() if three_sector is None else three_sector
    groups = ts[ts.scheme == scheme].set_index("code")["three_sector"].reindex(SECTORS)
    if groups.isna().any():
        raise DigitalizationError(f"The three-sector map lacks codes of the {scheme} scheme.")
    return groups.to_numpy()


def _gdp_by_sector(panel: pd.DataFrame, year: int, regions: Sequence[str]) -> np.ndarray:
    """(regions x 3) GDP by primary/secondary/tertiary sector in 10,000 yuan; NaN where the panel has none."""
    rows = panel[panel.year == year].drop_duplicates("province").set_index("province")
    return rows.reindex(list(regions))[list(_GDP_COLUMNS.values())].to_numpy(dtype=float) * YUAN_PER_10K


def _totals(Z0: np.ndarray, x0: np.ndarray, va0: np.ndarray, groups: np.ndarray, gdp3: np.ndarray,
            balance: bool, label: str) -> ControlTotals:
    if not np.isfinite(gdp3).all():
        raise DigitalizationError(f"No GDP by three sectors for {label}; the table cannot be updated to that "
                                  "year (no control totals).")
    growth: dict[str, float] = {}
    g = np.ones(len(SECTORS))
    for k, target in zip(_GDP_COLUMNS, gdp3):
        members = groups == k
        base = va0[members].sum()
        if base <= 0:
            raise DigitalizationError(f"{label}: the {k} sector has no value added in the base table.")
        growth[k] = float(target / base)
        g[members] = growth[k]
    v = Z0.sum(axis=0) * g
    u = Z0.sum(axis=1) * g
    if balance and u.sum() > 0:
        u = u * (v.sum() / u.sum())
    return ControlTotals(x=x0 * g, u=u, v=v, va=va0 * g, growth=growth)


def control_totals(stack: IOStack, region: str, target_year: int, panel: pd.DataFrame,
                   three_sector: pd.DataFrame | None = None, *, balance: bool = True) -> ControlTotals:
    """Control totals for updating one province's table to ``target_year``.

    The bundled data give GDP by three broad sectors (2011-2019).  Each sector's
    value added, total output and intermediate inputs (column sums) are assumed to
    grow with its broad sector's value added; intermediate sales (row sums) grow
    likewise and are then scaled so that they add up to the same grand total as the
    column sums (``balance=False`` skips that step and RAS will refuse unequal totals).

    Raises
    ------
    DigitalizationError
        The panel has no GDP by sector for that province and year.
    """
    i = stack.index_of(region)
    groups = _sector_groups(stack.scheme, three_sector)
    gdp3 = _gdp_by_sector(panel, target_year, [region])[0]
    return _totals(stack.Z[i], stack.x[i], stack.va[i], groups, gdp3, balance, f"{region} in {target_year}")


def update_table(stack: IOStack, region: str, totals: ControlTotals, *, tol: float = 1e-10,
                 max_iter: int = 10_000) -> io_tables.RasResult | io_tables.GrasResult:
    """RAS-update one province's table to the control totals (GRAS if it has negative entries)."""
    i = stack.index_of(region)
    Z0, x0 = stack.Z[i], stack.x[i]
    A0 = io_tables.calc_A(Z0, x0)
    if (Z0 < 0).any():
        return io_tables.gras(io_tables.calc_Z(A0, totals.x), totals.u, totals.v, tol=tol, max_iter=max_iter)
    return io_tables.ras(A0, totals.x, totals.u, totals.v, tol=tol, max_iter=max_iter)


def update_stack(stack: IOStack, target_year: int, panel: pd.DataFrame, *, regions: Sequence[str] | None = None,
                 three_sector: pd.DataFrame | None = None, tol: float = 1e-10) -> IOStack:
    """RAS-update every province's table of ``stack`` to ``target_year`` (eq. 1-3).

    Provinces without control totals, or whose table cannot be balanced, are left
    out (listed in ``diagnostics`` with the reason); nothing is filled in silently.
    """
    groups = _sector_groups(stack.scheme, three_sector)
    regions = [r for r in (stack.regions if regions is None else regions)]
    gdp3 = _gdp_by_sector(panel, target_year, regions)
    kept, Zs, xs, vas, diag = [], [], [], [], []
    for region, gdp_row in zip(regions, gdp3):
        try:
            i = stack.index_of(region)
            totals = _totals(stack.Z[i], stack.x[i], stack.va[i], groups, gdp_row, True, f"{region} in {target_year}")
            res = update_table(stack, region, totals, tol=tol)
        except (DigitalizationError, io_tables.RasError) as exc:
            diag.append({"province": region, "method": "", "iterations": 0, "max_residual": np.nan,
                         "included": False, "note": str(exc)})
            continue
        kept.append(region)
        Zs.append(np.asarray(res.Z))
        xs.append(totals.x)
        vas.append(totals.va)
        method = "GRAS" if isinstance(res, io_tables.GrasResult) else "RAS"
        diag.append({"province": region, "method": method, "iterations": res.iterations,
                     "max_residual": res.max_residual, "included": True, "note": ""})
    n = len(SECTORS)
    return IOStack(
        year=target_year, scheme=stack.scheme, regions=tuple(kept),
        Z=np.array(Zs) if Zs else np.zeros((0, n, n)), x=np.array(xs) if xs else np.zeros((0, n)),
        va=np.array(vas) if vas else np.zeros((0, n)),
        status=f"RAS-updated from {stack.year}", diagnostics=pd.DataFrame(diag),
    )


# --- the yearly series and the one-call index ------------------------------------------------

def _stack_for(year: int, stacks: Mapping[int, IOStack], panel: pd.DataFrame, regions: Sequence[str],
               base_rule: str) -> IOStack:
    if year in stacks and year in (2012, 2017):
        return stacks[year]
    base = stacks[base_year_for(year, base_rule)]
    return update_stack(base, year, panel, regions=[r for r in regions if r in base.regions])


def yearly_index(stacks: Mapping[int, IOStack], panel: pd.DataFrame, concepts: Sequence[str], variant: Variant,
                 employment: EmploymentSource, provinces: Sequence[str], years: Iterable[int] = datasets.PAPER_YEARS,
                 *, base_rule: str = "previous", extrapolate: bool = True) -> pd.DataFrame:
    """The agglomeration index for each province and year, with an honest status per value.

    * ``benchmark table`` - 2012 and 2017, computed on the published tables;
    * ``RAS-updated from YYYY`` - years with GDP by three sectors in the panel
      (2011-2019): the base table is RAS-updated to those control totals;
    * ``extrapolated (last updated year carried forward)`` - later years without
      control totals (2020-2023) repeat the last computed value when
      ``extrapolate`` is True, else they are left empty ("no control totals");
    * ``no employment data`` - the employment source has no value for the year
      (e.g. an uploaded table that covers other years); left empty.

    Returns
    -------
    DataFrame with ``province``, ``year``, ``idt``, ``dva_share``, ``status``, ``base_year``.
    """
    out = []
    last: pd.DataFrame | None = None
    last_year: int | None = None
    for year in sorted(years):
        has_totals = year in (2012, 2017) or panel.loc[panel.year == year, "gdp_secondary_100m_yuan"].notna().any()
        emp_known = employment.employed(year, provinces, panel).notna().any()
        if has_totals and emp_known:
            stack = _stack_for(year, stacks, panel, provinces, base_rule)
            prov = [p for p in provinces if p in stack.regions]
            codes = digital_codes(concepts, stack.scheme)
            emp = employment.employed(year, prov, panel)
            frame = province_scale(stack, codes, variant, emp)
            frame = frame.reindex(provinces)
            frame["status"] = stack.status
            frame["base_year"] = stack.year if stack.status == "benchmark table" else base_year_for(year, base_rule)
            frame.loc[frame.idt.isna(), "status"] = "no control totals or employment"
            last, last_year = frame, year
        elif has_totals:
            frame = pd.DataFrame(index=pd.Index(provinces, name="province"),
                                 data={"idt": np.nan, "dva_share": np.nan, "status": "no employment data",
                                       "base_year": np.nan})
        elif extrapolate and last is not None:
            frame = last.copy()
            frame["status"] = f"extrapolated ({last_year} carried forward)"
        else:
            frame = pd.DataFrame(index=pd.Index(provinces, name="province"),
                                 data={"idt": np.nan, "dva_share": np.nan, "status": "no control totals",
                                       "base_year": np.nan})
        frame = frame.assign(year=year)
        out.append(frame.reset_index()[["province", "year", "idt", "dva_share", "status", "base_year"]])
    return pd.concat(out, ignore_index=True)


def index_from_io(year: int, *, concepts: Sequence[str] | None = None, variant: Variant = DEFAULT_VARIANT,
                  employment: EmploymentSource | None = None, io: pd.DataFrame | None = None,
                  panel: pd.DataFrame | None = None, provinces: Sequence[str] | None = None,
                  base_rule: str = "previous") -> pd.Series:
    """The agglomeration index (eq. 9) of the paper's 30 provinces for one year, computed from the IO tables.

    Parameters
    ----------
    year : int
        2012 or 2017 (benchmark tables) or another year with GDP by three sectors
        (2011-2019: RAS-updated).  Years without control totals raise; use
        :func:`yearly_index`, which labels extrapolated years.
    concepts : sequence of str, optional
        Digital-core concepts (default: the paper's five sectors).
    variant : Variant
        Reading of eq. 4-6 (default :data:`DEFAULT_VARIANT`).
    employment : EmploymentSource, optional
        Default: the labelled population approximation.
    io, panel : DataFrame, optional
        Bundled frames (loaded when not given).
    provinces : sequence of str, optional
        Default: the paper's 30 provinces (Tibet excluded).

    Returns
    -------
    Series named ``idt`` indexed by English province name.
    """
    io = datasets.load_io_tables() if io is None else io
    panel = datasets.load_panel() if panel is None else panel
    concepts = preset_concepts("paper") if concepts is None else tuple(concepts)
    employment = population_employment() if employment is None else employment
    provinces = datasets.paper_provinces() if provinces is None else list(provinces)
    if year in (2012, 2017):
        stack = io_stack(io, year)
    else:
        if panel.loc[panel.year == year, "gdp_secondary_100m_yuan"].notna().sum() == 0:
            raise DigitalizationError(f"No control totals (GDP by three sectors) for {year}; the bundled data cover "
                                      "2011-2019. Use yearly_index for a series with labelled extrapolation.")
        base = io_stack(io, base_year_for(year, base_rule))
        stack = update_stack(base, year, panel, regions=[p for p in provinces if p in base.regions])
    codes = digital_codes(concepts, stack.scheme)
    emp = employment.employed(year, [p for p in provinces if p in stack.regions], panel)
    return province_scale(stack, codes, variant, emp)["idt"].reindex(provinces).rename("idt")


# --- comparison with the published Table 1 ---------------------------------------------------

def rank_correlation(computed: pd.Series, published: pd.Series) -> float:
    """Spearman rank correlation over the regions both Series have (NaN if fewer than 3)."""
    both = pd.concat([computed.rename("a"), published.rename("b")], axis=1, join="inner").dropna()
    if len(both) < 3:
        return float("nan")
    # Spearman's rho is Pearson's r of the average ranks (what scipy.stats.spearmanr computes); pandas does it
    # without importing scipy.stats, ~1-2 s of a cold start of the scale page (issue 19).
    ranks = both.rank()
    return float(ranks["a"].corr(ranks["b"]))


def compare_with_published(computed: pd.Series, table1: pd.DataFrame, year: int) -> pd.DataFrame:
    """Computed index beside Table 1 for one year: values, ranks and difference (computed - published)."""
    published = table1[table1.year == year].set_index("province")["idt"]
    frame = pd.DataFrame({"computed": computed.astype(float)}).join(published.rename("published"), how="left")
    frame["difference"] = frame["computed"] - frame["published"]
    frame["rank_computed"] = frame["computed"].rank(ascending=False, method="min")
    frame["rank_published"] = frame["published"].rank(ascending=False, method="min")
    frame.index.name = "province"
    return frame.reset_index()
