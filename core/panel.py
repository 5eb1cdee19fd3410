"""Panel data for the regression explorer and fixed-effects estimation (eq. 10 of Liu 2026).

Models are built from whitelisted column names with linearmodels' array API;
no formula string is ever parsed.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

# Public regressors that can be derived from the bundled panel, paper symbol -> (source column, transform).
PUBLIC_VARIABLES: dict[str, tuple[str, str, str]] = {
    "gdp": ("gdp_100m_yuan", "log", "log regional GDP (100 million yuan), 2011-2019, 2013/14 revision break"),
    "lnpcgdp": ("pcgdp_yuan", "log", "log per-capita GDP (yuan), 2011-2023 (stand-in for gdp beyond 2019)"),
    "estr": ("tertiary_share_pct", "share", "tertiary share of GDP (0-1), 2011-2023"),
    "pdl": ("college_students_per_100k", "log", "log college students per 100,000 people, 2011-2023"),
    "urban": ("urbanization_ratio", "identity", "urban population share (0-1), 2011-2019"),
    "med": ("beds_per_10k", "log", "log hospital beds per 10,000 people, 2012-2023"),
}


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


def fit_fixed_effects(data: pd.DataFrame, dependent: str, regressors: list[str]):
    """Entity fixed-effects (within) estimate of ``dependent`` on ``regressors`` with a constant.

    ``data`` is indexed by (entity, time). Rows with a missing value in any used
    column are dropped. Returns linearmodels' ``PanelEffectsResults``.
    """
    from linearmodels.panel import PanelOLS

    unknown = [c for c in [dependent, *regressors] if c not in data.columns]
    if unknown:
        raise KeyError(f"unknown column(s): {', '.join(unknown)}")
    used = data[[dependent, *regressors]].dropna()
    exog = used[regressors].assign(const=1.0)[["const", *regressors]]
    return PanelOLS(used[dependent], exog, entity_effects=True).fit()
