"""A deterministic, paper-shaped **synthetic** panel for demonstrating the regression explorer.

Synthetic — for demonstration.  Not all series behind Table 5 of Liu (2026)
are public (public-service employment and the paper's own digital-economy score
are not; the public panel of :func:`core.panel.public_panel` holds the real
series, some as labelled proxies), so this module generates 30 provinces x
2011-2023 whose moments follow Table 4 and whose relationships follow Table 5:

1. each regressor x_k = province level (driven by a shared "development"
   factor, so the variables correlate across provinces as in reality) +
   a province-specific trend + idiosyncratic noise; skewed variables (del, rd)
   are exponentiated.  Each is then shifted and scaled so that its sample mean
   and standard deviation equal Table 4 exactly.
2. idt_it = a_i + sum_k b_k x_k,it + e_it (eq. 10) with b_k = the published
   Table 5 coefficients and e_it ~ N(0, 0.12^2).  The province effects a_i
   are set so that each province's mean index is a right-skewed level that
   correlates with the development factor (so FE and RE differ, as the
   paper's Hausman test finds), scaled so that idt's mean and sd equal Table 4.

The noise is chosen so that the FE fit looks like the paper's (within R^2
0.35 vs 0.31, F for the entity effects 115 vs 89.81, t statistics of the
same size); means and sds match Table 4 exactly, minima and maxima only
roughly (idt's minimum is about 0.20, Table 4 prints 0.359).  The
slope of med (-0.004, t = -0.06 in the paper) is so close to zero that its
sign in any one draw is luck - it is reported, not relied on.

Nothing here is data about any real province: the province names only make the
panel the same shape as the real one.  Every table and chart it feeds must say
"synthetic — for demonstration".
"""

from __future__ import annotations

__all__ = ["SEED", "LABEL", "NOISE_SD", "demo_panel"]

import numpy as np
import pandas as pd

SEED = 20260101
LABEL = "synthetic — for demonstration"
NOISE_SD = 0.12  # sd of e_it in eq. 10 (index points)

# variable -> (loading on the development factor, trend over 2011-2023 in sd units,
#              province-trend heterogeneity, noise, skewed: exponentiate before scaling)
_SHAPE: dict[str, tuple[float, float, float, float, bool]] = {
    "gdp": (0.9, 0.4, 0.2, 0.10, False),
    "pcw": (0.8, 0.8, 0.2, 0.10, False),
    "del": (0.7, 1.0, 0.5, 0.25, True),
    "estr": (0.7, 1.0, 0.6, 0.25, False),
    "pdl": (0.8, 0.4, 0.6, 0.25, False),
    "rd": (0.7, 0.5, 0.7, 0.30, True),
    "urban": (0.9, 0.8, 0.3, 0.15, False),
    "med": (0.4, 1.0, 0.5, 0.30, False),
    "psl": (-0.3, 0.3, 0.6, 0.35, True),
}


def demo_panel(provinces: list[str], table4: pd.DataFrame, table5: pd.DataFrame, *,
               years: range = range(2011, 2024), seed: int = SEED) -> pd.DataFrame:
    """The synthetic panel, indexed by (province, year), columns ``idt`` and the nine Table 3 symbols.

    Parameters
    ----------
    provinces : entity labels (the 30 provinces of the paper give a 390-row panel).
    table4 : Table 4 (``symbol``, ``mean``, ``sd``) - the target moments.
    table5 : Table 5 (``symbol``, ``coef``) - the slopes of eq. 10 used to generate idt.
    seed : fixed, so the panel is identical on every run and machine.
    """
    rng = np.random.default_rng(seed)
    n, t = len(provinces), len(years)
    moments = table4.set_index("symbol")
    slopes = table5.set_index("symbol")["coef"]
    development = rng.standard_normal(n)
    time = (np.arange(t) - (t - 1) / 2) / ((t - 1) / 2)  # -1 .. 1
    columns: dict[str, np.ndarray] = {}
    for symbol, (loading, trend, hetero, noise, skewed) in _SHAPE.items():
        level = loading * development + np.sqrt(max(0.0, 1 - loading**2)) * rng.standard_normal(n)
        slope = trend * (1 + hetero * rng.standard_normal(n))
        raw = level[:, None] + slope[:, None] * time[None, :] + noise * rng.standard_normal((n, t))
        if skewed:
            raw = np.exp(0.6 * raw)
        scaled = (raw - raw.mean()) / raw.std(ddof=1)
        columns[symbol] = moments.loc[symbol, "mean"] + moments.loc[symbol, "sd"] * scaled
    systematic = sum(slopes[s] * columns[s] for s in _SHAPE) + NOISE_SD * rng.standard_normal((n, t))
    # Province effects a_i (eq. 10): each province's mean index is a skewed level correlated with the
    # development factor; a_i = that level - the province mean of the systematic part.
    level = np.exp(0.6 * (0.8 * development + 0.6 * rng.standard_normal(n)))
    level = (level - level.mean()) / level.std(ddof=1)
    within = systematic - systematic.mean(axis=1, keepdims=True)
    # sd(idt)^2 = s^2 var(level over rows) + var(within): solve for s so sd(idt) = Table 4 sd.
    spread = np.sqrt(max(moments.loc["idt", "sd"] ** 2 - within.var(ddof=1), 0.0) / np.repeat(level, t).var(ddof=1))
    idt = moments.loc["idt", "mean"] + spread * level[:, None] + within
    idt = idt - idt.mean() + moments.loc["idt", "mean"]
    index = pd.MultiIndex.from_product([provinces, list(years)], names=["province", "year"])
    out = pd.DataFrame({"idt": idt.ravel(), **{s: v.ravel() for s, v in columns.items()}}, index=index)
    return out[["idt", *_SHAPE]]
