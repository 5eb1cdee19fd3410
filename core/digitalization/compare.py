"""The computed index beside the published Table 1 of Liu (2026): values, ranks and Spearman's rank correlation."""

from __future__ import annotations

import pandas as pd

import numpy as np

__all__ = ["rank_correlation", "compare_with_published", "STATUS_GROUPS", "series_beside_published",
           "rank_correlation_by_year"]

# How a value of :func:`~core.digitalization.yearly_index` was obtained, in four groups (the series chart's marks).
STATUS_GROUPS = ("benchmark table", "RAS-updated", "extrapolated", "no data")


def rank_correlation(computed: pd.Series, published: pd.Series) -> float:
    """Spearman rank correlation over the regions both Series have (NaN if fewer than 3).

    >>> a = pd.Series({"A": 1.0, "B": 2.0, "C": 3.0, "D": 4.0})
    >>> round(rank_correlation(a, pd.Series({"A": 10.0, "B": 30.0, "C": 20.0, "D": 40.0, "E": 0.0})), 6)
    0.8
    """
    both = pd.concat([computed.rename("a"), published.rename("b")], axis=1, join="inner").dropna()
    if len(both) < 3:
        return float("nan")
    # Spearman's rho is Pearson's r of the average ranks (what scipy.stats.spearmanr computes); pandas does it
    # without importing scipy.stats, ~1-2 s of a cold start of the scale page.
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


def series_beside_published(yearly: pd.DataFrame, table1: pd.DataFrame) -> pd.DataFrame:
    """The computed series beside Table 1: ``published`` added by province and year, and ``status_group``.

    Parameters
    ----------
    yearly : DataFrame
        :func:`~core.digitalization.yearly_index` output (``province``, ``year``, ``idt``, ``status``, ...).
    table1 : DataFrame
        The published index, long (``province``, ``year``, ``idt``; :func:`core.datasets.load_table1`).

    Returns
    -------
    DataFrame
        ``yearly``'s rows and columns, plus ``published`` (Table 1's eq. 9 index, NaN where it has none) and
        ``status_group``, one of :data:`STATUS_GROUPS` (a benchmark table, a RAS update of eq. 1-3, the last
        updated year carried forward, or no value).

    >>> yearly = pd.DataFrame({"province": ["A", "A"], "year": [2012, 2020], "idt": [1.5, 1.5],
    ...                        "status": ["benchmark table", "extrapolated (2019 carried forward)"]})
    >>> table1 = pd.DataFrame({"province": ["A"], "year": [2012], "idt": [1.4]})
    >>> series_beside_published(yearly, table1)[["year", "published", "status_group"]].to_dict("records")
    [{'year': 2012, 'published': 1.4, 'status_group': 'benchmark table'}, \
{'year': 2020, 'published': nan, 'status_group': 'extrapolated'}]
    """
    out = yearly.merge(table1[["province", "year", "idt"]].rename(columns={"idt": "published"}),
                       on=["province", "year"], how="left")
    status = out["status"].astype(str)
    out["status_group"] = np.select(
        [status.eq("benchmark table"), status.str.startswith("RAS"), status.str.startswith("extra")],
        list(STATUS_GROUPS[:3]), default=STATUS_GROUPS[3])
    return out


def rank_correlation_by_year(series: pd.DataFrame, computed: str = "idt", published: str = "published") -> pd.DataFrame:
    """Spearman's rank correlation between the computed and the published index, year by year.

    Parameters
    ----------
    series : DataFrame
        One row per province and year with ``province``, ``year``, ``status`` and the two value columns
        (:func:`series_beside_published` output).
    computed, published : str
        The columns compared (the eq. 9 index computed here and Table 1's).

    Returns
    -------
    DataFrame
        ``year``, ``status`` (the table status of the year's first province) and ``spearman_with_table1``
        (:func:`rank_correlation` over the provinces with both values; NaN below 3), sorted by year.

    >>> series = pd.DataFrame({"province": list("ABCD") * 2, "year": [2012] * 4 + [2013] * 4,
    ...                        "status": ["benchmark table"] * 4 + ["RAS-updated from 2012"] * 4,
    ...                        "idt": [1, 2, 3, 4, 1, 2, 3, 4], "published": [1, 2, 3, 4, 4, 3, 2, 1]})
    >>> rank_correlation_by_year(series).to_dict("records")
    [{'year': 2012, 'status': 'benchmark table', 'spearman_with_table1': 1.0}, \
{'year': 2013, 'status': 'RAS-updated from 2012', 'spearman_with_table1': -1.0}]
    """
    rows = []
    for year, group in series.groupby("year", sort=True):
        by_province = group.set_index("province")
        rows.append({"year": int(year), "status": str(group["status"].iloc[0]),
                     "spearman_with_table1": rank_correlation(by_province[computed], by_province[published])})
    return pd.DataFrame(rows, columns=["year", "status", "spearman_with_table1"])
