"""The agglomeration index from the IO tables: one year (:func:`index_from_io`) or a labelled series (:func:`yearly_index`)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from core import datasets
from core.digitalization.employment import EmploymentSource, population_employment
from core.digitalization.equations import DEFAULT_VARIANT, Variant
from core.digitalization.scale import province_scale
from core.digitalization.sectors import digital_codes, preset_concepts
from core.digitalization.stacks import IOStack, base_year_for, benchmark_stacks, has_control_totals, table_for
from core.errors import CoreError, DigitalizationError

__all__ = ["yearly_index", "index_from_io", "IndexByYear", "index_by_year"]


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
        has_totals = has_control_totals(panel, year)
        emp_known = employment.employed(year, provinces, panel).notna().any()
        if has_totals and emp_known:
            stack = table_for(year, stacks, panel, regions=provinces, base_rule=base_rule)
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
        Reading of eq. 4-6 (default :data:`~core.digitalization.DEFAULT_VARIANT`).
    employment : EmploymentSource, optional
        Default: the labelled population approximation.
    io, panel : DataFrame, optional
        Bundled frames (loaded when not given).
    provinces : sequence of str, optional
        Default: the paper's 30 provinces (Tibet excluded).

    Returns
    -------
    Series named ``idt`` indexed by English province name (dimensionless; 1 = national parity).

    Raises
    ------
    DigitalizationError
        No control totals for ``year``, or inconsistent inputs.
    """
    io = datasets.load_io_tables() if io is None else io
    panel = datasets.load_panel() if panel is None else panel
    concepts = preset_concepts("paper") if concepts is None else tuple(concepts)
    employment = population_employment() if employment is None else employment
    provinces = datasets.paper_provinces() if provinces is None else list(provinces)
    if not has_control_totals(panel, year):
        raise DigitalizationError("No control totals (GDP by three sectors) for {year}; the bundled data cover "
                                  "2011-2019. Use yearly_index for a series with labelled extrapolation.",
                                  year=year)
    stack = table_for(year, io, panel, regions=provinces, base_rule=base_rule)
    codes = digital_codes(concepts, stack.scheme)
    emp = employment.employed(year, [p for p in provinces if p in stack.regions], panel)
    return province_scale(stack, codes, variant, emp)["idt"].reindex(provinces).rename("idt")


@dataclass(frozen=True)
class IndexByYear:
    """The index computed from the IO tables for every year that has a table (:func:`index_by_year`).

    Attributes
    ----------
    frame : DataFrame
        ``province``, ``year``, ``idt`` (eq. 9, dimensionless; 1 = national parity), one row per province and
        computed year; no row for a year that could not be computed.
    skipped : dict of int to str
        Each year left out and why (e.g. no control totals for its RAS update).
    """

    frame: pd.DataFrame
    skipped: dict[int, str] = field(default_factory=dict)

    @property
    def years(self) -> list[int]:
        """The years computed, sorted."""
        return sorted(int(y) for y in self.frame["year"].unique())


def index_by_year(years: Iterable[int] = datasets.PAPER_YEARS, *, concepts: Sequence[str] | None = None,
                  variant: Variant = DEFAULT_VARIANT, employment: EmploymentSource | None = None,
                  io: pd.DataFrame | None = None, panel: pd.DataFrame | None = None,
                  provinces: Sequence[str] | None = None, base_rule: str = "previous") -> IndexByYear:
    """:func:`index_from_io` for each of ``years`` (eq. 1-9), observed years only: nothing carried forward.

    A year without a table (no control totals for its RAS update, eq. 1-3) is left out and named in
    ``skipped`` with the reason, rather than raising; :func:`yearly_index` instead labels such years and can
    carry the last one forward.  The benchmark tables are stacked once for all years.

    Parameters are those of :func:`index_from_io`.

    Returns
    -------
    IndexByYear
        ``frame`` (``province``, ``year``, ``idt``) and ``skipped`` (year -> reason).
    """
    io = datasets.load_io_tables() if io is None else io
    panel = datasets.load_panel() if panel is None else panel
    concepts = preset_concepts("paper") if concepts is None else tuple(concepts)
    employment = population_employment() if employment is None else employment
    provinces = datasets.paper_provinces() if provinces is None else list(provinces)
    stacks = benchmark_stacks(io)
    frames, skipped = [], {}
    for year in sorted(int(y) for y in years):
        if not has_control_totals(panel, year):
            skipped[year] = f"no control totals (GDP by three sectors) for {year}"
            continue
        try:
            stack = table_for(year, stacks, panel, regions=provinces, base_rule=base_rule)
            codes = digital_codes(concepts, stack.scheme)
            emp = employment.employed(year, [p for p in provinces if p in stack.regions], panel)
            idt = province_scale(stack, codes, variant, emp)["idt"].reindex(provinces)
        except CoreError as exc:  # a table that cannot be updated or used: named, not raised
            skipped[year] = str(exc)
            continue
        frames.append(pd.DataFrame({"province": idt.index.astype(str), "year": year,
                                    "idt": idt.to_numpy(dtype=float)}))
    frame = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(
        {"province": pd.Series(dtype=str), "year": pd.Series(dtype=int), "idt": pd.Series(dtype=float)})
    return IndexByYear(frame, skipped)
