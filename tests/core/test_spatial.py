"""core.spatial: Moran's I on a hand-made lattice, and the province case against esda called directly."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from esda import Moran, Moran_Local
from libpysal.weights import W

from core import datasets, spatial


@pytest.fixture(scope="module")
def province_weights() -> spatial.ProvinceWeights:
    return spatial.contiguity_weights(datasets.load_china_provinces(), datasets.paper_provinces())


@pytest.fixture(scope="module")
def table1() -> pd.DataFrame:
    return datasets.load_table1()


def line_of_four() -> spatial.ProvinceWeights:
    w = W({"a": ["b"], "b": ["a", "c"], "c": ["b", "d"], "d": ["c"]}, id_order=["a", "b", "c", "d"])
    w.transform = "R"
    return spatial.ProvinceWeights(w=w, ids=("a", "b", "c", "d"))


def test_morans_i_matches_hand_computation_on_a_line_of_four():
    # values 1, 2, 3, 4 -> deviations -1.5, -0.5, 0.5, 1.5 (sum of squares 5).
    # Row-standardised weights: a-b 1; b-a, b-c 0.5; c-b, c-d 0.5; d-c 1 (S0 = 4).
    # sum_ij w_ij z_i z_j = 0.75 + 0.25 + 0.25 + 0.75 = 2, so I = (n / S0) * 2 / 5 = 0.4; E[I] = -1/3.
    result = spatial.morans_i({"a": 1, "b": 2, "c": 3, "d": 4}, line_of_four(), permutations=99)
    assert result.I == pytest.approx(0.4, abs=1e-12)
    assert result.expected == pytest.approx(-1 / 3)
    assert result.n == 4


def test_alternating_values_give_negative_autocorrelation():
    result = spatial.morans_i({"a": 1, "b": 0, "c": 1, "d": 0}, line_of_four(), permutations=0)
    assert result.I < 0


def test_province_weights_are_queen_contiguity_with_hainan_linked(province_weights):
    w = province_weights.w
    assert w.n == 30 and not w.islands
    assert set(province_weights.neighbors("Beijing")) == {"Hebei", "Tianjin"}
    assert set(province_weights.neighbors("Hainan")) == {"Guangdong", "Guangxi"}
    assert "Hainan" in province_weights.neighbors("Guangdong")  # symmetric link
    assert province_weights.island_links == {"Hainan": ("Guangxi", "Guangdong")}
    assert "Hainan" in province_weights.method
    assert "Tibet" not in w.neighbors  # outside the paper's sample, never a bridge


def test_province_morans_i_equals_esda_called_directly(province_weights, table1):
    values = table1[table1.year == 2017].set_index("province")["idt"]
    ours = spatial.morans_i(values, province_weights, permutations=999, seed=7)
    np.random.seed(7)
    theirs = Moran(values.reindex(list(province_weights.ids)).to_numpy(), province_weights.w, permutations=999)
    assert ours.I == pytest.approx(theirs.I, abs=1e-12)
    assert ours.p_sim == pytest.approx(theirs.p_sim)
    assert ours.z_sim == pytest.approx(theirs.z_sim)


def test_permutation_p_value_is_reproducible_and_leaves_global_rng_alone(province_weights, table1):
    values = table1[table1.year == 2023].set_index("province")["idt"]
    np.random.seed(123)
    before = np.random.get_state()[1].copy()
    first = spatial.morans_i(values, province_weights)
    second = spatial.morans_i(values, province_weights)
    assert first.p_sim == second.p_sim and first.seed == spatial.DEFAULT_SEED
    assert (np.random.get_state()[1] == before).all()


def test_lisa_equals_esda_and_labels_quadrants(province_weights, table1):
    values = table1[table1.year == 2017].set_index("province")["idt"]
    result = spatial.lisa(values, province_weights, seed=11)
    y = values.reindex(list(province_weights.ids)).to_numpy()
    with pytest.warns(DeprecationWarning):
        theirs = Moran_Local(y, province_weights.w, permutations=999, seed=11)
    assert np.allclose(result.table.local_i, theirs.Is)
    assert np.allclose(result.table.p_sim, theirs.p_sim)
    assert set(result.table.cluster) <= set(spatial.LISA_ORDER)
    beijing = result.table.set_index("province").loc["Beijing"]
    assert beijing.quadrant == "High-High"
    significant = result.table[result.table.p_sim <= 0.05]
    assert (significant.cluster == significant.quadrant).all()


def test_morans_i_by_year_covers_every_year(province_weights, table1):
    frame = spatial.morans_i_by_year(table1, province_weights, permutations=99)
    assert frame.year.tolist() == list(datasets.PAPER_YEARS)
    assert (frame.I > 0).all()  # the index clusters spatially in every year


@pytest.mark.parametrize("values, message", [
    ({"a": 1, "b": 2, "c": 3}, "no value for d"),
    ({"a": 1, "b": 1, "c": 1, "d": 1}, "constant"),
    ({"a": 1, "b": float("nan"), "c": 1, "d": 2}, "finite"),
])
def test_bad_values_raise_a_typed_error(values, message):
    with pytest.raises(spatial.SpatialInputError, match=message):
        spatial.morans_i(values, line_of_four())


def test_unknown_province_and_bad_alpha_raise(province_weights, table1):
    with pytest.raises(spatial.SpatialInputError, match="no polygon"):
        spatial.contiguity_weights(datasets.load_china_provinces(), ["Atlantis"])
    with pytest.raises(spatial.SpatialInputError, match="alpha"):
        spatial.lisa(table1[table1.year == 2017].set_index("province")["idt"], province_weights, alpha=2)


def test_complete_years_hand_worked_and_against_a_direct_count():
    from core import spatial

    # 2011: A, B, C all finite; 2012: C missing; 2013: B is NaN; 2014: A, B, C and an extra province D
    panel = pd.DataFrame({
        "province": ["A", "B", "C", "A", "B", "A", "B", "C", "A", "B", "C", "D"],
        "year": [2011] * 3 + [2012] * 2 + [2013] * 3 + [2014] * 4,
        "idt": [1.0, 2.0, 3.0, 1.0, 2.0, 1.0, np.nan, 3.0, 1.0, 2.0, 3.0, 4.0]})
    assert spatial.complete_years(panel, ["A", "B", "C"]) == [2011, 2014]
    # the direct count over the bundled Table 1: every year has all 30 provinces of the paper
    table1 = datasets.load_table1()
    ids = datasets.paper_provinces()
    direct = [int(y) for y, g in table1.groupby("year") if set(ids) <= set(g.dropna(subset=["idt"]).province)]
    assert spatial.complete_years(table1, ids) == direct == sorted(int(y) for y in table1.year.unique())


def test_seeded_permutations_agree_when_sessions_draw_at_the_same_time(province_weights, table1):
    """A Streamlit server runs every session in a thread of one process: two sessions computing the same seeded
    Moran's I at once must get the same pseudo p-value (esda draws from NumPy's global generator)."""
    from concurrent.futures import ThreadPoolExecutor

    values = table1[table1.year == 2017].set_index("province")["idt"]
    alone = spatial.morans_i(values, province_weights, permutations=999, seed=11)

    def draw(_: int) -> tuple[float, float]:
        result = spatial.morans_i(values, province_weights, permutations=999, seed=11)
        return result.z_sim, result.p_sim

    with ThreadPoolExecutor(max_workers=8) as pool:
        together = list(pool.map(draw, range(32)))
    assert all(pair == (alone.z_sim, alone.p_sim) for pair in together)
