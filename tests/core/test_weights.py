"""core.weights: the precomputed queen contiguity is libpysal's Queen on the bundled polygons; distances and
k-nearest agree with libpysal's; core.spatial takes the precomputed neighbours without intersecting polygons."""

from __future__ import annotations

import copy
import json
import math
import sys
import warnings
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from core import datasets, spatial, weights
from core.spatial_panel import InvalidWeightsError, SpatialModelError, WeightsMismatchError, check_weights

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def provinces() -> list[str]:
    return datasets.paper_provinces()


@pytest.fixture(scope="module")
def collection() -> dict:
    return datasets.load_china_provinces()


def _libpysal_queen(collection: dict, ids: list[str]):
    import geopandas as gpd
    from libpysal.weights import Queen

    frame = gpd.GeoDataFrame.from_features(collection["features"], crs="EPSG:4326").drop_duplicates("name")
    frame = frame.set_index("name").loc[ids].reset_index()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)
        return Queen.from_dataframe(frame, ids=ids, use_index=False)


@pytest.mark.parametrize("which", ["all", "paper"])
def test_precomputed_queen_is_libpysal_queen_on_the_geometry(collection, provinces, which):
    ids = list(weights.precomputed()["units"]) if which == "all" else provinces
    queen = _libpysal_queen(collection, ids)
    ours = weights.queen_weights(ids, islands="none")
    for unit in ids:
        assert set(ours.columns[ours.loc[unit].to_numpy() == 1]) == set(queen.neighbors[unit]), unit
    assert sorted(u for u in ids if not ours.loc[u].any()) == sorted(queen.islands)


def test_bundled_file_is_what_the_build_script_writes(collection):
    sys.path.insert(0, str(ROOT / "scripts"))
    import build_weights

    rebuilt = json.loads(json.dumps(build_weights.build(collection)))
    assert rebuilt == weights.precomputed()
    assert weights.precomputed()["geometry_sha256"] == weights.geometry_digest(collection)


def test_hainan_is_linked_to_its_two_nearest_by_default_and_as_chosen(provinces):
    queen = weights.queen_weights(provinces)
    hainan = set(queen.columns[queen.loc["Hainan"] == 1])
    assert hainan == {"Guangdong", "Guangxi"}
    assert queen.loc["Guangdong", "Hainan"] == 1 and queen.loc["Guangxi", "Hainan"] == 1  # symmetric
    assert queen.attrs["island_links"] == {"Hainan": ("Guangxi", "Guangdong")}
    assert "Hainan -> Guangxi, Guangdong" in queen.attrs["method"]
    one = weights.queen_weights(provinces, islands={"Hainan": ["Guangdong"]})
    assert set(one.columns[one.loc["Hainan"] == 1]) == {"Guangdong"} and one.loc["Guangxi", "Hainan"] == 0
    nearest = weights.queen_weights(provinces, k_islands=1)
    assert set(nearest.columns[nearest.loc["Hainan"] == 1]) == {"Guangxi"}
    bare = weights.queen_weights(provinces, islands="none")
    assert not bare.loc["Hainan"].any()
    with pytest.raises(InvalidWeightsError, match="Hainan"):
        weights.row_standardise(bare)
    # an omitted province never bridges two kept ones: without Guangdong, Hainan's nearest kept ones change
    no_gd = weights.queen_weights([p for p in provinces if p != "Guangdong"])
    assert "Guangdong" not in no_gd.index and no_gd.loc["Hainan"].sum() == 2


def test_great_circle_against_hand_values_and_libpysal_arcdist():
    from libpysal.cg import arcdist

    assert weights.great_circle_km(0, 0, 90, 0) == pytest.approx(math.pi / 2 * 6371.0)
    assert weights.great_circle_km(0, 0, 0, 1) == pytest.approx(2 * math.pi * 6371.0 / 360)
    c = weights.province_centroids(["Beijing", "Shanghai"])
    ours = weights.great_circle_km(c.lon_deg.iloc[0], c.lat_deg.iloc[0], c.lon_deg.iloc[1], c.lat_deg.iloc[1])
    theirs = arcdist(tuple(c.iloc[0]), tuple(c.iloc[1]), radius=6371.0)
    assert ours == pytest.approx(theirs, rel=1e-9)
    assert 1000 < ours < 1150  # Beijing-Shanghai is about 1070 km


def test_knn_matches_libpysal_knn_on_the_centroids(provinces):
    from libpysal.weights import KNN

    ours = weights.knn_weights(provinces, k=4)
    assert (ours.sum(axis=1) == 4).all() and (np.diag(ours) == 0).all()
    c = weights.province_centroids(provinces)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)
        theirs = KNN(c.to_numpy(), k=4, ids=provinces, radius=6371.0)
    for p in provinces:
        assert set(ours.columns[ours.loc[p] == 1]) == set(theirs.neighbors[p]), p


def test_inverse_distance_is_one_over_km_and_cutoff_is_checked(provinces):
    w = weights.inverse_distance_weights(provinces)
    d = weights.distance_matrix_km(provinces)
    assert w.loc["Beijing", "Tianjin"] == pytest.approx(1 / d.loc["Beijing", "Tianjin"])
    assert np.allclose(w.to_numpy(), w.to_numpy().T) and (np.diag(w) == 0).all()
    sq = weights.inverse_distance_weights(provinces, power=2, cutoff_km=1500)
    assert sq.loc["Beijing", "Tianjin"] == pytest.approx(d.loc["Beijing", "Tianjin"] ** -2)
    assert sq.loc["Beijing", "Xinjiang"] == 0
    with pytest.raises(InvalidWeightsError, match="within 100 km"):
        weights.inverse_distance_weights(provinces, cutoff_km=100)
    with pytest.raises(InvalidWeightsError):
        weights.inverse_distance_weights(provinces, power=0)


def test_dispatch_labels_and_bad_input(provinces):
    w = weights.province_weights("knn", provinces, k=3)
    assert list(w.index) == provinces == list(w.columns) and w.attrs["kind"] == "knn"
    with pytest.raises(InvalidWeightsError, match="unknown kind"):
        weights.province_weights("rook", provinces)
    with pytest.raises(WeightsMismatchError, match="Atlantis"):
        weights.queen_weights(["Beijing", "Atlantis"])
    with pytest.raises(WeightsMismatchError, match="Atlantis"):
        weights.queen_weights(provinces, islands={"Hainan": ["Atlantis"]})
    with pytest.raises(InvalidWeightsError, match="k must be"):
        weights.knn_weights(provinces, k=30)
    assert issubclass(InvalidWeightsError, SpatialModelError) and issubclass(SpatialModelError, ValueError)


def test_row_standardise_and_its_checks():
    raw = pd.DataFrame([[0, 1, 1], [1, 0, 0], [2, 2, 0]], index=list("abc"), columns=list("abc"), dtype=float)
    std = weights.row_standardise(raw)
    assert std.loc["a"].tolist() == [0, 0.5, 0.5] and std.loc["c"].tolist() == [0.5, 0.5, 0]
    # columns in another order are aligned by label, not by position
    assert weights.row_standardise(raw[["c", "a", "b"]]).equals(std)
    with pytest.raises(InvalidWeightsError, match="not square"):
        check_weights(raw.iloc[:, :2])
    with pytest.raises(InvalidWeightsError, match="different labels"):
        check_weights(raw.set_axis(list("abd"), axis=1))
    for bad, message in ((-1.0, "negative"), (np.nan, "missing"), (np.inf, "missing")):
        broken = raw.copy()
        broken.loc["a", "b"] = bad
        with pytest.raises(InvalidWeightsError, match=message):
            check_weights(broken)
    diag = raw.copy()
    diag.loc["b", "b"] = 1
    with pytest.raises(InvalidWeightsError, match="own neighbour"):
        check_weights(diag)


def test_to_libpysal_round_trip(provinces):
    w = weights.queen_weights(provinces)
    lw = weights.to_libpysal(w)
    full, ids = lw.full()
    assert list(ids) == provinces and np.array_equal(full, w.to_numpy())


def test_map_weights_come_from_the_precomputed_file_and_equal_the_geometry_path(collection, provinces,
                                                                               monkeypatch):
    geometry = spatial.contiguity_weights(collection, provinces, use_precomputed=False)
    import geopandas

    def no_polygons(*args, **kwargs):
        raise AssertionError("the bundled geometry must not be intersected at run time")

    monkeypatch.setattr(geopandas.GeoDataFrame, "from_features", no_polygons)
    fast = spatial.contiguity_weights(collection, provinces)
    assert fast.ids == geometry.ids and fast.island_links == geometry.island_links
    assert fast.method == geometry.method
    for p in provinces:
        assert dict(zip(fast.w.neighbors[p], fast.w.weights[p])) == pytest.approx(
            dict(zip(geometry.w.neighbors[p], geometry.w.weights[p]))), p
    assert fast.w.transform == geometry.w.transform == "R"
    with pytest.raises(spatial.SpatialInputError, match="no polygon"):
        spatial.contiguity_weights(collection, ["Atlantis"])
    # another geometry (one vertex moved) is intersected, never matched to the precomputed neighbours
    moved = copy.deepcopy(collection)
    ring = moved["features"][0]["geometry"]["coordinates"][0]
    ring = ring[0] if isinstance(ring[0][0], list) else ring
    ring[1] = [ring[1][0] + 1e-6, ring[1][1]]
    assert weights.geometry_digest(moved) != weights.geometry_digest(collection)
    with pytest.raises(AssertionError, match="intersected"):
        spatial.contiguity_weights(moved, provinces)
