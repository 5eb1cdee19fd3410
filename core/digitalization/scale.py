"""Eq. 4-9 for one table year: every province's digital value added, practitioners and index, or one province by sector."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from core import datasets
from core.agglomeration import location_quotient
from core.digitalization.equations import (Variant, digital_coefficients, digital_value_added, labour_productivity,
                                           practitioners)
from core.digitalization.sectors import SECTORS, sector_mask
from core.digitalization.stacks import IOStack
from core.errors import DigitalizationError

__all__ = ["province_scale", "sector_table"]


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
        raise DigitalizationError("No {year} table for {missing}.", year=stack.year, missing=missing)
    idx = np.array([stack.regions.index(p) for p in provinces], dtype=int)
    digital = sector_mask(codes)
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
    digital = sector_mask(codes)
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
