"""Spatial weights and spatial autocorrelation of the agglomeration index (thin over libpysal / esda).

The paper (Liu 2026) ranks provinces (Table 2) but does not test whether high
values of the index (eq. 9) sit next to high values.  This module answers that
with the standard tools: queen contiguity weights built from the province
polygons, global Moran's I and local Moran's I (LISA, Anselin 1995), each with
a conditional permutation test.  Nothing here re-implements a statistic: the
numbers are esda's; the functions only fix the inputs and return typed results.

Islands
-------
Hainan shares no land border with any province, so queen contiguity leaves it
without neighbours (an *island* row of zeros, which makes row-standardised
Moran's I ill defined for it).  :func:`contiguity_weights` links every island
to its ``k_islands`` nearest provinces by great-circle distance between polygon
centroids (default 2: Hainan -> Guangdong and Guangxi, the two provinces across
the Qiongzhou Strait and the Gulf of Tonkin) and makes those links symmetric.
The fallback used is recorded in :attr:`ProvinceWeights.island_links`.
"""

from __future__ import annotations

__all__ = ["SpatialInputError", "EARTH_RADIUS_KM", "DEFAULT_PERMUTATIONS", "DEFAULT_SEED", "QUADRANTS",
           "NOT_SIGNIFICANT", "LISA_ORDER", "ProvinceWeights", "contiguity_weights", "MoranResult", "morans_i",
           "LisaResult", "lisa", "morans_i_by_year", "complete_years"]

import threading
import warnings
from collections.abc import Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any, Iterator

import numpy as np
import pandas as pd

from core.errors import SpatialInputError

EARTH_RADIUS_KM = 6371.0
DEFAULT_PERMUTATIONS = 999
DEFAULT_SEED = 20260101

#: LISA quadrant codes of esda (``Moran_Local.q``) -> labels
QUADRANTS = {1: "High-High", 2: "Low-High", 3: "Low-Low", 4: "High-Low"}
NOT_SIGNIFICANT = "Not significant"
LISA_ORDER = ("High-High", "Low-Low", "High-Low", "Low-High", NOT_SIGNIFICANT)


@dataclass(frozen=True)
class ProvinceWeights:
    """Row-standardised spatial weights over named provinces.

    Attributes
    ----------
    w : libpysal.weights.W
        The weights object (``transform == "R"``), ids are province names.
    ids : tuple of str
        Province names in the order of ``w.id_order``.
    island_links : dict
        For each province without a contiguous neighbour, the provinces it was
        linked to by the k-nearest fallback (empty if there was none).
    method : str
        Human-readable description of how the weights were built.
    """

    w: Any
    ids: tuple[str, ...]
    island_links: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    method: str = ""

    def neighbors(self, province: str) -> tuple[str, ...]:
        """The neighbours of ``province`` (after the island fallback)."""
        return tuple(self.w.neighbors[province])


def contiguity_weights(collection: Mapping[str, Any], provinces: Sequence[str], *, k_islands: int = 2,
                       name_key: str = "name", use_precomputed: bool = True) -> ProvinceWeights:
    """Queen contiguity weights of ``provinces`` from a GeoJSON FeatureCollection, islands linked by k-nearest.

    Parameters
    ----------
    collection : mapping
        GeoJSON FeatureCollection (lon/lat degrees) with a ``name_key`` property per feature.
    provinces : sequence of str
        The units to keep, in the order the weights should use.  Polygons of
        other units (Tibet, Taiwan, Hong Kong, Macao in the paper's sample) are
        ignored, so they never bridge two kept provinces.
    k_islands : int
        Nearest provinces (great-circle distance between centroids, km) linked
        to a province that has no contiguous neighbour.
    use_precomputed : bool
        If ``collection`` is the bundled province geometry (same names and
        coordinates, checked by :func:`core.weights.geometry_digest`), take the
        neighbours from ``geo/china_provinces_weights.json``, which
        ``scripts/build_weights.py`` computed from it with the same libpysal
        calls, instead of importing geopandas and intersecting polygons at run
        time.  The neighbours are identical (a test checks it); any other
        collection is always intersected.

    Raises
    ------
    SpatialInputError
        A requested province has no polygon, or ``k_islands`` < 1.
    """
    if k_islands < 1:
        raise SpatialInputError("k_islands must be at least 1")
    if use_precomputed and name_key == "name":
        from core import weights as bundled

        if bundled.geometry_digest(collection, name_key) == bundled.precomputed()["geometry_sha256"]:
            return _precomputed_weights(provinces, k_islands)
    import geopandas as gpd
    from libpysal.weights import KNN, Queen

    frame = gpd.GeoDataFrame.from_features(list(collection["features"]), crs="EPSG:4326")
    frame = frame.drop_duplicates(name_key).set_index(name_key)
    missing = [p for p in provinces if p not in frame.index]
    if missing:
        raise SpatialInputError("no polygon for {missing}", missing=", ".join(missing))
    frame = frame.loc[list(provinces)]
    ids = [str(p) for p in provinces]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)  # libpysal warns about the island; handled below
        queen = Queen.from_dataframe(frame.reset_index(), ids=ids, use_index=False)
    neighbors = {i: list(queen.neighbors[i]) for i in ids}
    links: dict[str, tuple[str, ...]] = {}
    if queen.islands:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", UserWarning)
            # planar centroids of the lon/lat polygons; the distance between them is great-circle (radius given)
            points = np.array([[g.centroid.x, g.centroid.y] for g in frame.geometry])
            knn = KNN(points, k=k_islands, ids=ids, radius=EARTH_RADIUS_KM)
        for island in queen.islands:
            near = tuple(str(n) for n in knn.neighbors[island])
            links[str(island)] = near
            for other in near:
                if other not in neighbors[island]:
                    neighbors[island].append(other)
                if island not in neighbors[other]:
                    neighbors[other].append(island)
    return _province_weights(neighbors, ids, links, k_islands)


def _province_weights(neighbors: Mapping[str, Sequence[str]], ids: Sequence[str],
                      links: Mapping[str, tuple[str, ...]], k_islands: int) -> ProvinceWeights:
    from libpysal.weights import W

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)
        w = W({k: list(v) for k, v in neighbors.items()}, id_order=list(ids))
    w.transform = "R"
    method = "queen contiguity of the province polygons, row-standardised"
    if links:
        described = "; ".join(f"{k} -> {', '.join(v)}" for k, v in links.items())
        method += f"; no land neighbour, linked to the {k_islands} nearest by centroid distance: {described}"
    return ProvinceWeights(w=w, ids=tuple(ids), island_links=dict(links), method=method)


def _precomputed_weights(provinces: Sequence[str], k_islands: int) -> ProvinceWeights:
    """The same weights as the geometry path, from the neighbour pairs and centroids precomputed at build time."""
    from core import weights as bundled
    from core.spatial_panel import SpatialModelError

    try:
        matrix = bundled.queen_weights(provinces, islands="nearest", k_islands=k_islands)
    except SpatialModelError as exc:
        raise SpatialInputError(exc.template.replace("no bundled geometry", "no polygon"), **exc.arguments) from exc
    ids = [str(p) for p in provinces]
    values = matrix.to_numpy()
    neighbors = {a: [ids[j] for j in np.flatnonzero(values[i])] for i, a in enumerate(ids)}
    return _province_weights(neighbors, ids, matrix.attrs["island_links"], k_islands)


_GLOBAL_RNG_LOCK = threading.RLock()


@contextmanager
def _seeded(seed: int | None) -> Iterator[None]:
    """esda's global Moran draws from NumPy's global generator; seed it and restore the state after."""
    if seed is None:
        yield
        return
    # NumPy's global generator is shared by every thread of the process (every session of a Streamlit server):
    # without the lock two sessions' draws interleave and the same view could get different pseudo p-values.
    with _GLOBAL_RNG_LOCK:
        state = np.random.get_state()
        np.random.seed(seed)
        try:
            yield
        finally:
            np.random.set_state(state)


def _aligned(values: Mapping[str, float] | pd.Series, weights: ProvinceWeights) -> np.ndarray:
    series = pd.Series(values, dtype="float64") if not isinstance(values, pd.Series) else values.astype("float64")
    missing = [p for p in weights.ids if p not in series.index]
    if missing:
        raise SpatialInputError("no value for {missing}", missing=", ".join(missing))
    y = series.reindex(list(weights.ids)).to_numpy()
    if not np.isfinite(y).all():
        raise SpatialInputError("values must be finite numbers for every province")
    if y.size < 3:
        raise SpatialInputError("Moran's I needs at least 3 provinces")
    if np.allclose(y, y[0]):
        raise SpatialInputError("values are constant: Moran's I is undefined")
    return y


@dataclass(frozen=True)
class MoranResult:
    """Global Moran's I with its permutation inference (esda.Moran).

    Attributes
    ----------
    I : float
        Moran's I, dimensionless (-1 to about 1; above ``expected`` = similar values are neighbours).
    expected : float
        E[I] = -1/(n-1) under no spatial autocorrelation.
    z_sim : float
        I standardised by the mean and sd of the permutation distribution (NaN without permutations).
    p_sim : float
        Pseudo p-value from ``permutations`` random relabellings, one-sided towards
        the observed sign, as esda reports (NaN without permutations).
    p_norm : float
        Two-sided p-value under the normality assumption.
    permutations : int
        Number of random relabellings.
    seed : int or None
        Seed of the relabellings (None: not reproducible).
    n : int
        Number of provinces.
    """

    I: float  # noqa: E741 - the statistic's own name
    expected: float
    z_sim: float
    p_sim: float
    p_norm: float
    permutations: int
    seed: int | None
    n: int


def morans_i(values: Mapping[str, float] | pd.Series, weights: ProvinceWeights, *,
             permutations: int = DEFAULT_PERMUTATIONS, seed: int | None = DEFAULT_SEED) -> MoranResult:
    """Global Moran's I of ``values`` (indexed by province) under ``weights``.

    A thin wrapper over :class:`esda.Moran` (row-standardised weights).  With a
    fixed ``seed`` the permutation p-value is reproducible.
    """
    from esda import Moran

    y = _aligned(values, weights)
    with _seeded(seed):
        result = Moran(y, weights.w, transformation="r", permutations=permutations)
    return MoranResult(float(result.I), float(result.EI), float(result.z_sim) if permutations else float("nan"),
                       float(result.p_sim) if permutations else float("nan"), float(result.p_norm),
                       permutations, seed, int(y.size))


@dataclass(frozen=True)
class LisaResult:
    """Local Moran's I per province (esda.Moran_Local).

    Attributes
    ----------
    table : DataFrame
        One row per province: ``province``, ``value`` (the input), ``local_i``
        (local Moran's I), ``quadrant`` (High-High, Low-High, Low-Low, High-Low),
        ``p_sim`` (pseudo p-value) and ``cluster`` (the quadrant if ``p_sim <= alpha``,
        else "Not significant").
    alpha : float
        Significance level per province (no multiple-comparison correction).
    permutations : int
        Number of conditional random relabellings.
    seed : int or None
        Seed of the relabellings.
    """

    table: pd.DataFrame
    alpha: float
    permutations: int
    seed: int | None


def lisa(values: Mapping[str, float] | pd.Series, weights: ProvinceWeights, *, alpha: float = 0.05,
         permutations: int = DEFAULT_PERMUTATIONS, seed: int | None = DEFAULT_SEED) -> LisaResult:
    """Local Moran's I (LISA) of ``values`` with conditional-permutation pseudo p-values.

    A thin wrapper over :class:`esda.Moran_Local` (``seed`` passed through).
    No multiple-comparison correction is applied; ``alpha`` is per province.
    The pseudo p-value is esda 2.9's default (directed: the share of the
    ``permutations`` at least as extreme as observed, on the observed side).
    """
    from esda import Moran_Local

    if not 0 < alpha < 1:
        raise SpatialInputError("alpha must be between 0 and 1")
    y = _aligned(values, weights)
    with warnings.catch_warnings():
        # esda 2.9 announces a future change of the default alternative hypothesis; this keeps
        # today's default ("directed": the share of permutations at least as extreme on the
        # observed side, the pseudo p-value GeoDa reports) and says so in the docstring.
        warnings.simplefilter("ignore", DeprecationWarning)
        local = Moran_Local(y, weights.w, transformation="r", permutations=permutations, seed=seed)
    quadrant = [QUADRANTS[int(q)] for q in local.q]
    p_sim = np.asarray(local.p_sim, dtype=float)
    table = pd.DataFrame({
        "province": list(weights.ids), "value": y, "local_i": np.asarray(local.Is, dtype=float),
        "quadrant": quadrant, "p_sim": p_sim,
    })
    table["cluster"] = np.where(table.p_sim <= alpha, table.quadrant, NOT_SIGNIFICANT)
    return LisaResult(table, alpha, permutations, seed)


def complete_years(panel: pd.DataFrame, ids: Sequence[str], value: str = "idt") -> list[int]:
    """The years of a long panel (``province``, ``year``, ``value``) in which every one of ``ids`` has a finite
    value: the years :func:`morans_i` and :func:`lisa` can use with weights over ``ids``.

    >>> panel = pd.DataFrame({"province": ["A", "B", "A", "B", "A"], "year": [2011, 2011, 2012, 2012, 2013],
    ...                       "idt": [1.0, 2.0, 1.5, float("nan"), 1.0]})
    >>> complete_years(panel, ["A", "B"])
    [2011]
    """
    wanted = set(ids)
    rows = panel[panel["province"].isin(wanted) & np.isfinite(pd.to_numeric(panel[value], errors="coerce"))]
    counts = rows.drop_duplicates(["province", "year"]).groupby("year")["province"].nunique()
    return sorted(int(y) for y, n in counts.items() if n == len(wanted))


def morans_i_by_year(panel: pd.DataFrame, weights: ProvinceWeights, value: str = "idt", *,
                     permutations: int = DEFAULT_PERMUTATIONS, seed: int | None = DEFAULT_SEED) -> pd.DataFrame:
    """Global Moran's I for each year of a long panel (``province``, ``year``, ``value``).

    Returns ``year``, ``I``, ``expected``, ``z_sim``, ``p_sim``; each year uses the same ``seed``.
    """
    rows = []
    for year, group in panel.groupby("year", sort=True):
        result = morans_i(group.set_index("province")[value], weights, permutations=permutations, seed=seed)
        rows.append({"year": int(year), "I": result.I, "expected": result.expected, "z_sim": result.z_sim,
                     "p_sim": result.p_sim})
    return pd.DataFrame(rows, columns=["year", "I", "expected", "z_sim", "p_sim"])
