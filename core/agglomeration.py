"""Rankings, descriptive statistics and regional groupings of the agglomeration index.

The index (``idt``) is the location quotient of eq. 9 of Liu (2026): 1 is
national parity, above 1 a province's share of industrial-digitalization
practitioners exceeds its share of all employed persons.  Functions take a long
panel with columns ``province``, ``year`` and a value column (default ``idt``).
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

PARITY = 1.0


def _require(panel: pd.DataFrame, value: str) -> None:
    missing = {"province", "year", value} - set(panel.columns)
    if missing:
        raise KeyError(f"panel lacks column(s) {', '.join(sorted(missing))}")


def rank_by_mean(panel: pd.DataFrame, value: str = "idt") -> pd.DataFrame:
    """Table 2: mean of ``value`` over the years of ``panel`` per province, ranked (1 = highest).

    Ties are broken by the order of first appearance, as in the paper. Returns
    columns ``rank``, ``province``, ``mean_<value>`` sorted by rank.
    """
    _require(panel, value)
    means = panel.groupby("province", sort=False)[value].mean()
    ranks = means.rank(ascending=False, method="first").astype(int)
    out = pd.DataFrame({"rank": ranks, "province": means.index, f"mean_{value}": means.values})
    return out.sort_values("rank").reset_index(drop=True)


@dataclass(frozen=True)
class Descriptives:
    """One row of Table 4: observations, mean, sample standard deviation, min and max."""

    n: int
    mean: float
    sd: float
    min: float
    max: float


def describe(panel: pd.DataFrame, value: str = "idt") -> Descriptives:
    """Table 4's row for ``value`` (sd with n - 1 degrees of freedom, as Stata's ``summarize``)."""
    _require(panel, value)
    series = panel[value].dropna()
    return Descriptives(int(series.size), float(series.mean()), float(series.std(ddof=1)),
                        float(series.min()), float(series.max()))


def year_ranking(panel: pd.DataFrame, year: int, value: str = "idt") -> pd.DataFrame:
    """Provinces ranked by ``value`` in ``year`` (1 = highest), with the change since the first year."""
    _require(panel, value)
    first = int(panel.year.min())
    now = panel[panel.year == year].set_index("province")[value]
    if now.empty:
        raise KeyError(f"no values for {year}")
    base = panel[panel.year == first].set_index("province")[value]
    out = pd.DataFrame({"province": now.index, value: now.values})
    out["rank"] = now.rank(ascending=False, method="min").astype(int).values
    out[f"change_since_{first}"] = (now - base.reindex(now.index)).values
    return out.sort_values(["rank", "province"]).reset_index(drop=True)


def headline(panel: pd.DataFrame, year: int, value: str = "idt") -> dict[str, object]:
    """Numbers for the home page: top province, count above parity, spread (max / min) in ``year``."""
    ranked = year_ranking(panel, year, value)
    return {
        "year": year,
        "top_province": ranked.province.iloc[0],
        "top_value": float(ranked[value].iloc[0]),
        "bottom_province": ranked.province.iloc[-1],
        "bottom_value": float(ranked[value].iloc[-1]),
        "above_parity": int((ranked[value] > PARITY).sum()),
        "provinces": int(len(ranked)),
        "max_over_min": float(ranked[value].max() / ranked[value].min()),
    }


def group_means(panel: pd.DataFrame, regions: pd.DataFrame, by: str = "region", value: str = "idt") -> pd.DataFrame:
    """Mean of ``value`` per group and year; ``by`` is a column of ``regions`` (``region`` or ``cluster``).

    Provinces with an empty group label are left out. Returns ``group``, ``year``,
    ``mean_<value>`` and ``provinces`` (how many were averaged).
    """
    _require(panel, value)
    labels = regions.set_index("province")[by]
    merged = panel.assign(group=panel.province.map(labels)).dropna(subset=["group"])
    merged = merged[merged.group != ""]
    out = merged.groupby(["group", "year"])[value].agg(["mean", "count"]).reset_index()
    return out.rename(columns={"mean": f"mean_{value}", "count": "provinces"})
