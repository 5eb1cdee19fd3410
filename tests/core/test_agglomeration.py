"""core.agglomeration against the paper: Table 2 from Table 1, Table 4's index row, group means."""

from __future__ import annotations

import pandas as pd
import pytest

from core import agglomeration, datasets


@pytest.fixture(scope="module")
def table1() -> pd.DataFrame:
    return datasets.load_table1()


def test_table2_ranks_reproduced_exactly_and_means_within_001(table1):
    computed = agglomeration.table2_with_trend(table1, datasets.load_table2())
    assert len(computed) == 30
    assert (computed["rank"] == computed["published_rank"]).all()
    assert computed["mean_minus_published"].abs().max() < 0.01


def test_anhui_and_shanghai_round_differently_from_the_print(table1):
    # The paper averaged unrounded values; the mean of the rounded Table 1 cells is ~0.005 off.
    means = agglomeration.rank_by_mean(table1).set_index("province")["mean_idt"]
    assert round(means["Anhui"], 2) != 0.92 and abs(means["Anhui"] - 0.92) < 0.007
    assert round(means["Shanghai"], 2) != 1.57 and abs(means["Shanghai"] - 1.57) < 0.006


def test_trend_holds_each_year_in_order(table1):
    computed = agglomeration.table2_with_trend(table1).set_index("province")
    beijing = table1[table1.province == "Beijing"].sort_values("year").idt.tolist()
    assert computed.loc["Beijing", "trend"] == beijing and len(beijing) == 13


def test_table4_index_row(table1):
    stats = agglomeration.describe(table1)
    assert stats.n == 390
    assert stats.mean == pytest.approx(0.966, abs=0.001)
    assert stats.sd == pytest.approx(0.476, abs=0.001)
    assert stats.min == 0.36 and stats.max == 2.69  # Table 4 prints 0.359 / 2.692 from unrounded data


def test_rankings_all_years(table1):
    ranked = agglomeration.rankings_all_years(table1)
    assert len(ranked) == 390
    y2017 = ranked[ranked.year == 2017].set_index("province")
    assert y2017.loc["Beijing", "rank"] == 1
    assert y2017["rank"].min() == 1 and y2017["rank"].max() <= 30
    first = ranked[ranked.year == 2011]
    assert (first.change == 0).all()
    beijing = table1.set_index(["province", "year"]).idt
    assert y2017.loc["Beijing", "change"] == pytest.approx(beijing["Beijing", 2017] - beijing["Beijing", 2011])


def test_group_means_and_national_mean(table1):
    regions = datasets.load_regions()
    clusters = agglomeration.group_means(table1, regions, by="cluster")
    assert set(clusters.group) == {"Jing-Jin-Ji", "Yangtze River Delta", "Pearl River Delta", "Cheng-Yu"}
    ppd = clusters[(clusters.group == "Pearl River Delta") & (clusters.year == 2017)]
    assert ppd.provinces.item() == 1
    national = agglomeration.national_mean(table1)
    assert national.provinces.eq(30).all()
    assert national.mean_idt.mean() == pytest.approx(agglomeration.describe(table1).mean)
