"""The computed index beside the published Table 1 of Liu (2026): values, ranks and Spearman's rank correlation."""

from __future__ import annotations

import pandas as pd

__all__ = ["rank_correlation", "compare_with_published"]


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
