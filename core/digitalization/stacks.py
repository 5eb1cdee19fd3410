"""Provincial IO tables as arrays, and the rule for the table of any year: a benchmark table or a RAS update.

Published provincial tables exist for 2007, 2012 and 2017.  For the index,

* 2012 and 2017 use their own table (:data:`DIRECT_YEARS`);
* any other year with *control totals* (GDP by three broad sectors in the
  panel; the bundled data cover 2011-2019) uses a benchmark table RAS-updated
  to those totals (eq. 1-3, :func:`core.io_tables.ras`); which benchmark table
  is the base is a named rule (:data:`BASE_RULES`, :func:`base_year_for`);
* a year without control totals has no table.

:func:`table_for` is that rule and :func:`has_control_totals` /
:func:`control_years` the test for it; callers (the index, the series, the
app's pages) use these rather than repeating them.

Units: 10,000 yuan (万元) throughout.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from core import datasets, io_tables
from core.digitalization.sectors import BENCHMARK_YEARS, SECTORS
from core.errors import DigitalizationError, RasError

__all__ = ["IOStack", "io_stack", "benchmark_stacks", "bundled_stacks", "bundled_stacks_live", "PREPARED_STACKS",
           "prepared_stacks_stamp", "write_prepared_stacks", "DIRECT_YEARS", "CONTROL_COLUMN", "BASE_RULES", "base_year_for",
           "has_control_totals", "control_years", "table_for", "ControlTotals", "control_totals", "update_table",
           "update_stack", "YUAN_PER_10K"]

YUAN_PER_10K = 1e4  # 1 亿元 (100 million yuan) = 10,000 万元 (10,000 yuan units)

#: Years whose own published table is used; every other year is RAS-updated from a benchmark table.
DIRECT_YEARS = (2012, 2017)

#: The panel column whose presence for a year means "control totals exist" (GDP by three sectors).
CONTROL_COLUMN = "gdp_secondary_100m_yuan"


# --- benchmark tables as arrays ----------------------------------------------------------

@dataclass(frozen=True)
class IOStack:
    """Provincial tables of one year stacked as arrays (regions x 42 x 42), in 10,000 yuan.

    Attributes
    ----------
    year : int
        The year the numbers describe.
    scheme : int
        Sector numbering (2007, 2012 or 2017).
    regions : tuple of str
        Province names, the first axis of ``Z``, ``x`` and ``va``.
    Z : (regions, 42, 42) ndarray
        Intermediate transactions, rows supply, columns purchase.
    x : (regions, 42) ndarray
        Total input (= total output) per purchasing sector.
    va : (regions, 42) ndarray
        Total value added per sector.
    status : str
        Where the numbers come from: ``"benchmark table"`` or ``"RAS-updated from YYYY"``.
    diagnostics : DataFrame or None
        For updated tables, one row per region: method, iterations, residual, included, note.
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
            raise DigitalizationError("No {year} table for {region!r}.", year=self.year, region=region) from exc

    @property
    def gdp(self) -> np.ndarray:
        """Regional GDP as the sum of value added over sectors (10,000 yuan)."""
        return self.va.sum(axis=1)


def io_stack(io: pd.DataFrame, year: int) -> IOStack:
    """Stack the bundled provincial table of a benchmark year (tidy frame from ``load_io_tables``)."""
    if year not in BENCHMARK_YEARS:
        raise DigitalizationError("No provincial benchmark table for {year}; tables exist for {benchmark_years}.",
                                  year=year, benchmark_years=BENCHMARK_YEARS)
    sub = io[io.year.to_numpy() == year]
    sub = sub[(sub.table == "provincial").to_numpy()]
    if sub.empty:
        raise DigitalizationError("The IO frame has no provincial table for {year}.", year=year)
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


#: The bundled benchmark stacks as arrays, written at build time by ``scripts/build_io_stacks.py``.
PREPARED_STACKS = datasets.DATA_DIR / "io" / "provincial_stacks.npz"


def bundled_stacks_live() -> dict[int, IOStack]:
    """:func:`benchmark_stacks` of the bundled IO tables, computed now (read the long table, stack it)."""
    return benchmark_stacks(datasets.load_io_tables())


def prepared_stacks_stamp() -> str:
    """What a prepared stacks file records of its making: the SHA-256 of the bundled IO table it was stacked from."""
    import hashlib

    return hashlib.sha256(datasets.io_tables_path().read_bytes()).hexdigest()


def write_prepared_stacks(path, stacks: Mapping[int, IOStack], stamp: str) -> None:
    """Write ``stacks`` as a compressed ``.npz`` of plain arrays (no pickled objects) stamped with ``stamp``."""
    arrays: dict[str, np.ndarray] = {"prepared_from": np.array(stamp)}
    for year, stack in stacks.items():
        arrays.update({f"Z_{year}": stack.Z, f"x_{year}": stack.x, f"va_{year}": stack.va,
                       f"regions_{year}": np.array(stack.regions), f"scheme_{year}": np.array(stack.scheme)})
    np.savez_compressed(path, **arrays)


def bundled_stacks() -> dict[int, IOStack]:
    """The bundled benchmark stacks: read from :data:`PREPARED_STACKS` while it records the bundled IO table's
    SHA-256 (stacking the long table took about 0.25 s of a cold /scale page before its first chart; the file
    loads in about 20 ms), computed by :func:`bundled_stacks_live` otherwise.  A test compares the two."""
    if PREPARED_STACKS.is_file():
        with np.load(PREPARED_STACKS, allow_pickle=False) as built:
            if str(built["prepared_from"]) == prepared_stacks_stamp() and all(
                    f"Z_{year}" in built.files for year in BENCHMARK_YEARS):
                return {year: IOStack(year=year, scheme=int(built[f"scheme_{year}"]),
                                      regions=tuple(str(r) for r in built[f"regions_{year}"]),
                                      Z=built[f"Z_{year}"], x=built[f"x_{year}"], va=built[f"va_{year}"])
                        for year in BENCHMARK_YEARS}
    return bundled_stacks_live()


# --- which table a year uses ---------------------------------------------------------------

BASE_RULES: dict[str, str] = {
    "previous": "Latest benchmark table not after the year (2011 from 2007, 2013-16 from 2012, 2018+ from 2017)",
    "nearest": "Nearest benchmark table (2011-14 from 2012, 2015-16 and 2018+ from 2017)",
    "2012": "The 2012 table for every year except 2017 (closest to Table 1 outside the benchmark years)",
}


def base_year_for(year: int, rule: str = "previous") -> int:
    """The benchmark table a year is updated from under ``rule`` (see :data:`BASE_RULES`).

    >>> [base_year_for(y) for y in (2011, 2013, 2019)], base_year_for(2015, "nearest")
    ([2007, 2012, 2017], 2017)
    """
    if rule not in BASE_RULES:
        raise DigitalizationError("Unknown base-table rule {rule!r}; use one of {base_rules}.",
                                  rule=rule, base_rules=list(BASE_RULES))
    if rule == "2012":
        return 2017 if year == 2017 else 2012
    if rule == "nearest":
        return min(BENCHMARK_YEARS, key=lambda b: (abs(year - b), -b))
    earlier = [b for b in BENCHMARK_YEARS if b <= year]
    if not earlier:
        raise DigitalizationError("No benchmark table at or before {year}.", year=year)
    return earlier[-1]


def has_control_totals(panel: pd.DataFrame, year: int) -> bool:
    """Whether ``year`` has a table: a direct benchmark year, or GDP by three sectors for some province."""
    if year in DIRECT_YEARS:
        return True
    return bool(panel.loc[panel.year == year, CONTROL_COLUMN].notna().any())


def control_years(panel: pd.DataFrame) -> list[int]:
    """Every year :func:`has_control_totals` accepts among the panel's years and :data:`DIRECT_YEARS`, sorted."""
    years = {int(y) for y in panel.loc[panel[CONTROL_COLUMN].notna(), "year"].unique()}
    return sorted(years | set(DIRECT_YEARS))


def table_for(year: int, stacks: Mapping[int, IOStack] | pd.DataFrame, panel: pd.DataFrame, *,
              regions: Sequence[str] | None = None, base_rule: str = "previous") -> IOStack:
    """The table of ``year``: its own benchmark table (:data:`DIRECT_YEARS`) or a base table RAS-updated to it.

    Parameters
    ----------
    year : int
    stacks : mapping of year to IOStack, or the tidy IO frame of ``load_io_tables``
        The benchmark tables (from a frame, only the one needed is stacked).
    panel : DataFrame
        Provincial panel with GDP by three sectors (the control totals).
    regions : sequence of str, optional
        Provinces to update (default: every province of the base table); others are ignored.
    base_rule : str
        Which benchmark table is the base (:data:`BASE_RULES`).

    Returns
    -------
    IOStack
        ``status`` says which; provinces that could not be updated are left out and
        listed in ``diagnostics``.  Check :func:`has_control_totals` first to tell a
        year without totals (every province left out) from a partial one.
    """
    def stack(y: int) -> IOStack:
        return io_stack(stacks, y) if isinstance(stacks, pd.DataFrame) else stacks[y]

    if year in DIRECT_YEARS and (isinstance(stacks, pd.DataFrame) or year in stacks):
        return stack(year)
    base = stack(base_year_for(year, base_rule))
    keep = list(base.regions) if regions is None else [r for r in regions if r in base.regions]
    return update_stack(base, year, panel, regions=keep)


# --- RAS-updated tables for the years between benchmarks ----------------------------------

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
    if three_sector is None:
        return _bundled_sector_groups(scheme).copy()
    return _groups_of(three_sector, scheme)


@functools.lru_cache(maxsize=None)
def _bundled_sector_groups(scheme: int) -> np.ndarray:
    # The bundled map is read and checked once per scheme: every RAS update of a year read the file again.
    return _groups_of(datasets.load_three_sector_map(), scheme)


def _groups_of(ts: pd.DataFrame, scheme: int) -> np.ndarray:
    groups = ts[ts.scheme == scheme].set_index("code")["three_sector"].reindex(SECTORS)
    if groups.isna().any():
        raise DigitalizationError("The three-sector map lacks codes of the {scheme} scheme.", scheme=scheme)
    return groups.to_numpy()


def _gdp_by_sector(panel: pd.DataFrame, year: int, regions: Sequence[str]) -> np.ndarray:
    """(regions x 3) GDP by primary/secondary/tertiary sector in 10,000 yuan; NaN where the panel has none."""
    rows = panel[panel.year == year].drop_duplicates("province").set_index("province")
    return rows.reindex(list(regions))[list(_GDP_COLUMNS.values())].to_numpy(dtype=float) * YUAN_PER_10K


def _totals(Z0: np.ndarray, x0: np.ndarray, va0: np.ndarray, groups: np.ndarray, gdp3: np.ndarray,
            balance: bool, label: str) -> ControlTotals:
    if not np.isfinite(gdp3).all():
        raise DigitalizationError("No GDP by three sectors for {label}; the table cannot be updated to that year (no "
                                  "control totals).",
                                  label=label)
    growth: dict[str, float] = {}
    g = np.ones(len(SECTORS))
    for k, target in zip(_GDP_COLUMNS, gdp3):
        members = groups == k
        base = va0[members].sum()
        if base <= 0:
            raise DigitalizationError("{label}: the {k} sector has no value added in the base table.",
                                      label=label, k=k)
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
    # Each province's totals, then the tables without negative cells RAS-updated together (io_tables.ras_many:
    # the same result as one ras call each, without 30 times the Python overhead of its ~50 passes); the others
    # (GRAS) one by one, as update_table does.
    outcome: dict[str, tuple[ControlTotals | None, object]] = {}
    batch: list[str] = []
    for region, gdp_row in zip(regions, gdp3):
        try:
            i = stack.index_of(region)
            totals = _totals(stack.Z[i], stack.x[i], stack.va[i], groups, gdp_row, True, f"{region} in {target_year}")
        except (DigitalizationError, RasError) as exc:
            outcome[region] = (None, exc)
            continue
        if (stack.Z[i] < 0).any():
            try:
                outcome[region] = (totals, update_table(stack, region, totals, tol=tol))
            except (DigitalizationError, RasError) as exc:
                outcome[region] = (None, exc)
        else:
            outcome[region] = (totals, None)
            batch.append(region)
    problems = []
    for region in batch:
        i, totals = stack.index_of(region), outcome[region][0]
        problems.append((io_tables.calc_A(stack.Z[i], stack.x[i]), totals.x, totals.u, totals.v))
    for region, res in zip(batch, io_tables.ras_many(problems, tol=tol)):
        outcome[region] = (outcome[region][0], res) if not isinstance(res, RasError) else (None, res)
    kept, Zs, xs, vas, diag = [], [], [], [], []
    for region in regions:
        totals, res = outcome[region]
        if totals is None:
            diag.append({"province": region, "method": "", "iterations": 0, "max_residual": np.nan,
                         "included": False, "note": str(res)})
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
