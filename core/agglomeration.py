"""The agglomeration index (eq. 9 of Liu 2026) and its rankings, descriptive statistics and regional groupings.

The index (``idt``) is the location quotient of industrial-digitalization
practitioners, :func:`location_quotient`: 1 is national parity, above 1 a
province's share of practitioners exceeds its share of all employed persons.
Its inputs (practitioners from the IO tables, eq. 4-8) are computed by
:mod:`core.digitalization`.  The other functions take a long panel with columns
``province``, ``year`` and a value column (default ``idt``).

Table 2 of the paper (provinces ranked by their 2011-2023 mean) replayed from Table 1:

>>> from core import datasets
>>> ours, published = rank_by_mean(datasets.load_table1()), datasets.load_table2()
>>> ours.province.head(3).tolist(), ours.mean_idt.head(3).round(2).tolist()
(['Beijing', 'Tianjin', 'Jiangsu'], [2.39, 2.06, 1.77])
>>> bool((ours.province == published.province).all())  # all 30 ranks as printed
True
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from core.errors import DigitalizationError

__all__ = ["PARITY", "location_quotient", "rank_by_mean", "Descriptives", "describe", "year_ranking", "headline",
           "group_means", "rankings_all_years", "table2_with_trend", "national_mean"]

#: The index at national parity.
PARITY = 1.0


def location_quotient(practitioners: pd.Series, employed: pd.Series) -> pd.Series:
    """Eq. 9, the agglomeration index: ``LQ_r = (P_r / E_r) / (sum_r P_r / sum_r E_r)``.

    The sums run over the regions passed ("the nation"); the result is
    dimensionless, 1 = national parity.

    Parameters
    ----------
    practitioners, employed : Series indexed by region, same labels
        Practitioners and total employment, any one unit for both.

    Raises
    ------
    DigitalizationError
        Indexes differ, values are missing, employment is zero or negative, or
        practitioners are negative.

    Examples
    --------
    Shares 2/10 = 0.2 and 1/20 = 0.05 over the national 3/30 = 0.1:

    >>> location_quotient(pd.Series({"A": 2.0, "B": 1.0}), pd.Series({"A": 10.0, "B": 20.0})).to_dict()
    {'A': 2.0, 'B': 0.5}
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
    # grouped rank instead of a dozen small frames, which cost the map's first paint ~0.1-1 s.
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
