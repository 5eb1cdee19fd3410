"""Spatial weights between Chinese provinces from precomputed contiguity and centroids (no geopandas at run time).

``scripts/build_weights.py`` runs libpysal's queen contiguity on the bundled
province polygons once and writes the neighbour pairs and the polygon
centroids to ``geo/china_provinces_weights.json``; this module only reads that
file.  Three kinds of weights are offered, each returned as a square
``DataFrame`` labelled by province on both axes, *not* row-standardised (the
spatial models row-standardise inside; :func:`row_standardise` does it here):

``queen``
    1 if two provinces' polygons share a boundary point (queen contiguity), else 0.
    Hainan has no land neighbour.  By default (``islands="nearest"``) every
    selected province without a contiguous neighbour is linked, symmetrically,
    to its ``k_islands`` nearest selected provinces by great-circle distance
    between centroids; with the default ``k_islands=2`` Hainan is linked to
    Guangdong and Guangxi, across the Qiongzhou Strait and the Gulf of Tonkin
    (the same choice the map's Moran's I has used).  ``islands={"Hainan":
    ("Guangdong",)}`` links explicitly; ``islands="none"`` leaves the row of
    zeros, which the spatial models refuse (a typed error, nothing dropped).
``knn``
    1 for each of the ``k`` nearest provinces by great-circle distance between
    centroids (not symmetric).
``distance``
    Inverse distance ``d_ij ** -power`` with ``d_ij`` the great-circle distance
    in km between centroids (sphere of radius 6371 km), optionally 0 beyond
    ``cutoff_km``.

Centroids are the polygons' centroids computed on longitude/latitude degrees
(adequate for ranking neighbours and for distances between provinces, not a
geodesic centroid).  The island fallback and the method are recorded in the
returned frame's ``attrs`` (``kind``, ``method``, ``island_links``) so a page
can say on screen how the weights were built.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping, Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from core.spatial_panel import InvalidWeightsError, WeightsMismatchError

__all__ = [
    "DEFAULT_K", "DEFAULT_K_ISLANDS", "EARTH_RADIUS_KM", "KINDS", "WEIGHTS_FILE",
    "geometry_digest", "great_circle_km", "precomputed", "province_centroids", "queen_edges",
    "queen_weights", "knn_weights", "inverse_distance_weights", "province_weights", "row_standardise",
    "distance_matrix_km", "to_libpysal",
]

WEIGHTS_FILE = Path(__file__).resolve().parents[1] / "geo" / "china_provinces_weights.json"
EARTH_RADIUS_KM = 6371.0
DEFAULT_K_ISLANDS = 2
DEFAULT_K = 4
#: stable codes of the kinds of weights (pages show words via the translation layer)
KINDS = ("queen", "knn", "distance")


def geometry_digest(collection: Mapping[str, Any], name_key: str = "name") -> str:
    """SHA-256 of the units' names and geometries in a GeoJSON FeatureCollection (key order ignored)."""
    items = [[(f.get("properties") or {}).get(name_key), f.get("geometry")] for f in collection["features"]]
    text = json.dumps(items, sort_keys=True, separators=(",", ":"), ensure_ascii=True)
    return hashlib.sha256(text.encode("ascii")).hexdigest()


@lru_cache(maxsize=1)
def precomputed() -> dict[str, Any]:
    """The parsed ``geo/china_provinces_weights.json`` (units, queen_edges, centroids, geometry_sha256)."""
    payload = json.loads(WEIGHTS_FILE.read_text(encoding="utf-8"))
    for key in ("units", "queen_edges", "centroids", "geometry_sha256"):
        if key not in payload:
            raise InvalidWeightsError("{name} lacks {key!r}; rebuild it with scripts/build_weights.py",
                                      name=WEIGHTS_FILE.name, key=key)
    return payload


def _units(provinces: Sequence[str] | None) -> list[str]:
    units = list(precomputed()["units"])
    if provinces is None:
        return units
    chosen = [str(p) for p in provinces]
    unknown = [p for p in chosen if p not in units]
    if unknown:
        raise WeightsMismatchError("no bundled geometry for {unknown}", unknown=", ".join(unknown))
    if len(set(chosen)) != len(chosen):
        raise InvalidWeightsError("a province is listed twice")
    if len(chosen) < 2:
        raise InvalidWeightsError("spatial weights need at least 2 provinces")
    return chosen


def province_centroids(provinces: Sequence[str] | None = None) -> pd.DataFrame:
    """Centroids (``lon_deg``, ``lat_deg``) indexed by province, in the order asked (all units by default)."""
    units = _units(provinces)
    table = precomputed()["centroids"]
    return pd.DataFrame([table[u] for u in units], index=pd.Index(units, name="province"),
                        columns=["lon_deg", "lat_deg"], dtype="float64")


def queen_edges(provinces: Sequence[str] | None = None) -> list[tuple[str, str]]:
    """Pairs of contiguous provinces (each once) among ``provinces`` (all units by default)."""
    keep = set(_units(provinces))
    return [(a, b) for a, b in precomputed()["queen_edges"] if a in keep and b in keep]


def great_circle_km(lon1: Any, lat1: Any, lon2: Any, lat2: Any) -> Any:
    """Haversine distance in km on a sphere of radius :data:`EARTH_RADIUS_KM` (arguments in degrees)."""
    lon1, lat1, lon2, lat2 = (np.radians(np.asarray(v, dtype=float)) for v in (lon1, lat1, lon2, lat2))
    h = np.sin((lat2 - lat1) / 2) ** 2 + np.cos(lat1) * np.cos(lat2) * np.sin((lon2 - lon1) / 2) ** 2
    return 2 * EARTH_RADIUS_KM * np.arcsin(np.sqrt(np.clip(h, 0.0, 1.0)))


def distance_matrix_km(provinces: Sequence[str] | None = None) -> pd.DataFrame:
    """Great-circle distances (km) between province centroids, labelled on both axes."""
    c = province_centroids(provinces)
    lon, lat = c.lon_deg.to_numpy(), c.lat_deg.to_numpy()
    d = great_circle_km(lon[:, None], lat[:, None], lon[None, :], lat[None, :])
    return pd.DataFrame(d, index=c.index, columns=c.index)


def _nearest(dist: pd.DataFrame, unit: str, k: int) -> list[str]:
    row = dist.loc[unit].drop(unit)
    order = np.argsort(row.to_numpy(), kind="stable")  # ties: the earlier province in the order given
    return [str(row.index[i]) for i in order[:k]]


def _labelled(matrix: np.ndarray, units: list[str], kind: str, method: str,
              links: Mapping[str, tuple[str, ...]] | None = None) -> pd.DataFrame:
    index = pd.Index(units, name="province")
    frame = pd.DataFrame(matrix, index=index, columns=pd.Index(units, name="neighbour"))
    frame.attrs.update({"kind": kind, "method": method, "island_links": dict(links or {})})
    return frame


def queen_weights(provinces: Sequence[str] | None = None, *,
                  islands: str | Mapping[str, Sequence[str]] = "nearest",
                  k_islands: int = DEFAULT_K_ISLANDS) -> pd.DataFrame:
    """Binary queen contiguity among ``provinces`` with a stated rule for provinces without a land neighbour.

    Parameters
    ----------
    provinces : the units, in the order of the rows (default: all 34 units of the bundled geometry).
        Contiguity is only among the units kept: an omitted province never bridges two kept ones.
    islands : ``"nearest"`` (default) links each unit without a contiguous neighbour to its
        ``k_islands`` nearest kept units (great-circle km between centroids), symmetrically;
        a mapping ``{unit: (neighbour, ...)}`` links exactly those pairs, symmetrically;
        ``"none"`` leaves a row of zeros (the spatial models then raise ``InvalidWeightsError``).
    k_islands : neighbours given to an island under ``"nearest"`` (default 2: Hainan -> Guangdong, Guangxi).

    Returns
    -------
    DataFrame of 0/1 (float), rows and columns labelled by province; ``attrs["island_links"]``
    records the links added.
    """
    units = _units(provinces)
    pos = {u: i for i, u in enumerate(units)}
    matrix = np.zeros((len(units), len(units)))
    for a, b in queen_edges(units):
        matrix[pos[a], pos[b]] = matrix[pos[b], pos[a]] = 1.0
    lonely = [u for u in units if not matrix[pos[u]].any()]
    links: dict[str, tuple[str, ...]] = {}
    if isinstance(islands, Mapping):
        for unit, near in islands.items():
            for other in [unit, *near]:
                if other not in pos:
                    raise WeightsMismatchError("island link names {other!r}, which is not among the provinces",
                                               other=other)
            links[str(unit)] = tuple(str(n) for n in near)
    elif islands == "nearest":
        if k_islands < 1:
            raise InvalidWeightsError("k_islands must be at least 1")
        if lonely:
            dist = distance_matrix_km(units)
            links = {u: tuple(_nearest(dist, u, k_islands)) for u in lonely}
    elif islands != "none":
        raise InvalidWeightsError("islands must be 'nearest', 'none' or a mapping, not {islands!r}", islands=islands)
    for unit, near in links.items():
        for other in near:
            if other == unit:
                raise InvalidWeightsError("{unit} cannot be its own neighbour", unit=unit)
            matrix[pos[unit], pos[other]] = matrix[pos[other], pos[unit]] = 1.0
    method = "queen contiguity of the province polygons"
    if links:
        described = "; ".join(f"{k} -> {', '.join(v)}" for k, v in links.items())
        rule = (f"the {k_islands} nearest by centroid distance" if islands == "nearest" else "as given")
        method += f"; no land neighbour, linked to {rule}: {described}"
    elif lonely:
        method += f"; without a neighbour: {', '.join(lonely)}"
    return _labelled(matrix, units, "queen", method, links)


def knn_weights(provinces: Sequence[str] | None = None, *, k: int = DEFAULT_K) -> pd.DataFrame:
    """Binary k-nearest-neighbour weights (great-circle km between centroids); row i marks i's k nearest."""
    units = _units(provinces)
    if not 1 <= k < len(units):
        raise InvalidWeightsError("k must be between 1 and {most}", most=len(units) - 1)
    dist = distance_matrix_km(units)
    pos = {u: i for i, u in enumerate(units)}
    matrix = np.zeros((len(units), len(units)))
    for u in units:
        for other in _nearest(dist, u, k):
            matrix[pos[u], pos[other]] = 1.0
    return _labelled(matrix, units, "knn", f"{k} nearest provinces by great-circle distance between centroids")


def inverse_distance_weights(provinces: Sequence[str] | None = None, *, power: float = 1.0,
                             cutoff_km: float | None = None) -> pd.DataFrame:
    """Inverse-distance weights ``d_ij ** -power`` (d in km between centroids), 0 beyond ``cutoff_km``.

    Raises ``InvalidWeightsError`` if ``power`` <= 0 or a province has no other within ``cutoff_km``.
    """
    units = _units(provinces)
    if not power > 0:
        raise InvalidWeightsError("power must be positive")
    d = distance_matrix_km(units).to_numpy()
    with np.errstate(divide="ignore"):
        matrix = np.where(d > 0, d, np.inf) ** -power
    np.fill_diagonal(matrix, 0.0)
    method = f"inverse great-circle distance between centroids, power {power:g}"
    if cutoff_km is not None:
        if not cutoff_km > 0:
            raise InvalidWeightsError("cutoff_km must be positive")
        matrix[d > cutoff_km] = 0.0
        alone = [u for u, row in zip(units, matrix) if not row.any()]
        if alone:
            raise InvalidWeightsError("no other province within {cutoff_km:g} km of {alone}",
                                      cutoff_km=cutoff_km, alone=", ".join(alone))
        method += f", 0 beyond {cutoff_km:g} km"
    return _labelled(matrix, units, "distance", method)


def province_weights(kind: str = "queen", provinces: Sequence[str] | None = None, **options: Any) -> pd.DataFrame:
    """Dispatch on a stable code of :data:`KINDS` (``queen``, ``knn``, ``distance``) with that kind's options."""
    builders = {"queen": queen_weights, "knn": knn_weights, "distance": inverse_distance_weights}
    if kind not in builders:
        raise InvalidWeightsError("unknown kind of weights {kind!r}; choose from {kinds}",
                                  kind=kind, kinds=", ".join(KINDS))
    return builders[kind](provinces, **options)


def row_standardise(w: pd.DataFrame) -> pd.DataFrame:
    """``w`` with every row divided by its sum (checked: square, same labels, finite, >= 0, no zero row)."""
    from core.spatial_panel import check_weights

    return check_weights(w)


def to_libpysal(w: pd.DataFrame) -> Any:
    """A ``libpysal.weights.W`` with the same neighbours and weights (ids = the labels, in order)."""
    from libpysal.weights import W

    labels = [str(x) for x in w.index]
    values = w.to_numpy(dtype=float)
    neighbors = {a: [labels[j] for j in np.flatnonzero(values[i])] for i, a in enumerate(labels)}
    weights = {a: [float(values[i, j]) for j in np.flatnonzero(values[i])] for i, a in enumerate(labels)}
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)  # islands, if the caller kept any
        return W(neighbors, weights, id_order=labels)
