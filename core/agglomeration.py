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


def rankings_all_years(panel: pd.DataFrame, value: str = "idt") -> pd.DataFrame:
    """:func:`year_ranking` for every year of ``panel``, stacked long.

    Columns ``province``, ``year``, ``value`` (renamed ``idt`` whatever ``value`` is),
    ``rank`` (1 = highest that year, ties share the best rank) and ``change``
    (value minus the province's value in the panel's first year; NaN if either is missing).
    """
    _require(panel, value)
    # All years at once (the same numbers as stacking year_ranking year by year, in the same order): one
    # grouped rank instead of a dozen small frames, which cost the map's first paint ~0.1-1 s (issue 19).
    data = panel.dropna(subset=[value])
    first = int(data.year.min())
    base = data[data.year == first].set_index("province")[value]
    out = pd.DataFrame({"province": data.province.to_numpy(), "year": data.year.to_numpy().astype(int),
                        "idt": data[value].to_numpy()})
    out["rank"] = out.groupby("year")["idt"].rank(ascending=False, method="min").astype(int).to_numpy()
    out["change"] = out["idt"].to_numpy() - out.province.map(base).to_numpy(dtype=float)
    return out.sort_values(["year", "rank", "province"], kind="stable").reset_index(drop=True)


def table2_with_trend(panel: pd.DataFrame, published: pd.DataFrame | None = None, value: str = "idt") -> pd.DataFrame:
    """Table 2 (:func:`rank_by_mean`) with each province's yearly series and, if given, the published columns.

    Adds ``trend`` (list of the values in year order, for a sparkline) and, with
    ``published`` (``rank``, ``province``, ``mean_idt`` as printed), the columns
    ``published_rank``, ``published_mean`` and ``mean_minus_published``.
    """
    table = rank_by_mean(panel, value)
    wide = panel.pivot(index="province", columns="year", values=value).sort_index(axis=1)
    table["trend"] = [[float(v) for v in wide.loc[p].tolist()] for p in table.province]
    if published is not None:
        pub = published.set_index("province")
        table["published_rank"] = table.province.map(pub["rank"]).astype("Int64")
        table["published_mean"] = table.province.map(pub[f"mean_{value}"])
        table["mean_minus_published"] = table[f"mean_{value}"] - table["published_mean"]
    return table


def national_mean(panel: pd.DataFrame, value: str = "idt") -> pd.DataFrame:
    """Unweighted mean of ``value`` over the provinces of each year: ``year``, ``mean_<value>``, ``provinces``."""
    _require(panel, value)
    out = panel.dropna(subset=[value]).groupby("year")[value].agg(["mean", "count"]).reset_index()
    return out.rename(columns={"mean": f"mean_{value}", "count": "provinces"})
