"""GeoJSON features ready for an Altair/Vega-Lite map: lighter coordinates, data joined into properties.

Why this module exists (measured in this project): handing a GeoDataFrame to
``st.altair_chart`` draws an empty map, because Streamlit converts geometry to
text for Arrow.  The map therefore receives plain GeoJSON features as
``alt.Data(values=...)`` and encodes ``properties.<column>``.  Two further rules:

* Vega's ``geoshape`` uses d3-geo, which reads a polygon's exterior ring
  *clockwise*; a ring that flips orientation would be drawn as "the whole globe
  minus the province".  :func:`round_coordinates` never changes a ring's
  orientation: if rounding would flip or collapse a ring, the ring keeps its
  original coordinates.
* Geometry is never "repaired" (no ``make_valid``): it is drawn as bundled.

Coordinates are lon/lat degrees (WGS 84).  Two decimals are about 1.1 km of
latitude, finer than the generalised Natural Earth boundaries themselves.
"""

from __future__ import annotations

__all__ = ["Ring", "signed_area", "is_clockwise", "round_coordinates", "simplify", "exterior_rings",
           "join_properties", "payload_kb"]

import copy
import json
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any

Ring = list[list[float]]


def signed_area(ring: Sequence[Sequence[float]]) -> float:
    """Shoelace signed area of a closed lon/lat ring (degrees²): negative = clockwise (x east, y north)."""
    total = 0.0
    for (x0, y0), (x1, y1) in zip(ring[:-1], ring[1:]):
        total += x0 * y1 - x1 * y0
    return total / 2.0


def is_clockwise(ring: Sequence[Sequence[float]]) -> bool:
    """True if the ring runs clockwise on a map with north up (what d3-geo expects for exteriors)."""
    return signed_area(ring) < 0


def _round_ring(ring: Ring, decimals: int) -> Ring:
    out: Ring = []
    for x, y in ring:
        point = [round(float(x), decimals), round(float(y), decimals)]
        if not out or point != out[-1]:
            out.append(point)
    if out[0] != out[-1]:
        out.append(list(out[0]))
    # a closed ring needs 4 positions and must keep its orientation; otherwise keep the original
    if len(out) < 4 or signed_area(out) == 0 or (signed_area(out) < 0) != (signed_area(ring) < 0):
        return [list(map(float, p)) for p in ring]
    return out


def round_coordinates(collection: Mapping[str, Any], decimals: int = 2) -> dict[str, Any]:
    """A copy of a FeatureCollection with coordinates rounded to ``decimals`` places (degrees).

    Consecutive duplicate positions created by rounding are dropped; a ring that
    would collapse (fewer than 4 positions) or change orientation keeps its
    original coordinates, so small islands (Macao, Hong Kong) stay drawn.
    Only ``Polygon`` and ``MultiPolygon`` geometries are supported.
    """
    if decimals < 0:
        raise ValueError("decimals must be >= 0")

    def rounded(geometry: Mapping[str, Any]) -> Any:
        kind = geometry["type"]
        if kind == "Polygon":
            return [_round_ring(ring, decimals) for ring in geometry["coordinates"]]
        if kind == "MultiPolygon":
            return [[_round_ring(ring, decimals) for ring in polygon] for polygon in geometry["coordinates"]]
        raise ValueError(f"unsupported geometry type {kind!r}")

    return _map_coordinates(collection, rounded)


def _map_coordinates(collection: Mapping[str, Any], transform: Callable[[Mapping[str, Any]], Any]) -> dict[str, Any]:
    """A copy of ``collection`` whose features keep type and properties, with ``transform(geometry)`` as coordinates."""
    out = {key: value for key, value in collection.items() if key != "features"}
    out["features"] = [
        {"type": "Feature", "properties": dict(feature.get("properties", {})),
         "geometry": {"type": feature["geometry"]["type"], "coordinates": transform(feature["geometry"])}}
        for feature in collection["features"]
    ]
    return out


def _oriented_like(new: Ring, old: Sequence[Sequence[float]]) -> Ring:
    """``new`` reversed if its orientation differs from ``old``'s (a reversal, never a repair)."""
    if (signed_area(new) < 0) != (signed_area(old) < 0):
        return list(reversed(new))
    return new


def simplify(collection: Mapping[str, Any], tolerance_deg: float = 0.03) -> dict[str, Any]:
    """A copy of a FeatureCollection with each geometry simplified (Douglas-Peucker, topology preserved).

    ``tolerance_deg`` is the largest allowed deviation in degrees (0.03 deg is about
    3 km, under half a pixel on a 900-pixel map of China).  Each polygon is simplified
    on its own, so neighbouring borders can differ by up to the tolerance (sub-pixel
    slivers, hidden under the white province outlines).  Ring orientation is kept as
    bundled; geometry is otherwise untouched (no ``make_valid``).
    """
    import shapely
    from shapely.geometry import mapping, shape

    if tolerance_deg < 0:
        raise ValueError("tolerance_deg must be >= 0")

    def simplified(geometry: Mapping[str, Any]) -> Any:
        simple = mapping(shapely.simplify(shape(geometry), tolerance_deg, preserve_topology=True))
        if simple["type"] != geometry["type"]:  # pragma: no cover - preserve_topology keeps the type
            raise ValueError(f"simplification changed {geometry['type']} into {simple['type']}")
        if simple["type"] == "Polygon":
            return [_oriented_like([list(p) for p in ring], old)
                    for ring, old in zip(simple["coordinates"], geometry["coordinates"])]
        return [[_oriented_like([list(p) for p in ring], old) for ring, old in zip(polygon, old_polygon)]
                for polygon, old_polygon in zip(simple["coordinates"], geometry["coordinates"])]

    return _map_coordinates(collection, simplified)


def exterior_rings(collection: Mapping[str, Any]) -> Iterable[tuple[str, Ring]]:
    """(feature name, exterior ring) for every polygon part, for orientation checks."""
    for feature in collection["features"]:
        geometry = feature["geometry"]
        name = str(feature.get("properties", {}).get("name", ""))
        polygons = [geometry["coordinates"]] if geometry["type"] == "Polygon" else geometry["coordinates"]
        for polygon in polygons:
            yield name, polygon[0]


def join_properties(collection: Mapping[str, Any], records: Mapping[str, Mapping[str, Any]], *,
                    key: str = "name", keep: Sequence[str] | None = None) -> list[dict[str, Any]]:
    """Features with ``records[feature.properties[key]]`` merged into their properties.

    ``records`` maps a feature's key (province name) to a dict of JSON-able
    values (nested dicts/lists are fine; Vega expressions can index them).  A
    feature without a record keeps its geometry and gets ``has_data = False``;
    the map draws it as no-data.  ``keep`` limits the original properties kept
    (default: all).  The input is not modified.
    """
    features = []
    for feature in collection["features"]:
        props = dict(feature.get("properties", {}))
        if keep is not None:
            props = {k: v for k, v in props.items() if k in keep}
        record = records.get(str(props.get(key, feature.get("properties", {}).get(key))))
        props["has_data"] = record is not None
        if record is not None:
            props.update(copy.deepcopy(dict(record)))
        features.append({"type": "Feature", "properties": props, "geometry": feature["geometry"]})
    return features


def payload_kb(obj: Any) -> float:
    """Size of ``obj`` as compact JSON, in kilobytes (1 KB = 1000 bytes)."""
    return len(json.dumps(obj, separators=(",", ":"), ensure_ascii=False).encode("utf-8")) / 1000.0


# --- light geometry prepared at build time ---------------------------------------------------------
# Simplifying and rounding the provinces takes 0.1-0.5 s (and imports shapely) in every new server process,
# before the map can be drawn; scripts/build_map_geometry.py does it once into geo/, with what it was made from.

PREPARED_KEY = "prepared_from"


def light_collection(collection: Mapping[str, Any], tolerance_deg: float, decimals: int) -> dict[str, Any]:
    """``collection`` simplified by :func:`simplify` (``tolerance_deg``) then rounded by :func:`round_coordinates`."""
    return round_coordinates(simplify(collection, tolerance_deg), decimals)


def prepared_stamp(source_bytes: bytes, tolerance_deg: float, decimals: int) -> dict[str, Any]:
    """What a prepared file records of its making: the source file's SHA-256 and the two parameters."""
    import hashlib

    return {"sha256": hashlib.sha256(source_bytes).hexdigest(), "tolerance_deg": float(tolerance_deg),
            "decimals": int(decimals)}


def light_features(source: Any, tolerance_deg: float, decimals: int, prepared: Any = None,
                   load: Callable[[], Mapping[str, Any]] | None = None) -> list[dict[str, Any]]:
    """The features of the GeoJSON file ``source`` after :func:`light_collection`.

    Read from ``prepared`` (a path) when that file records the same source bytes and parameters
    (:func:`prepared_stamp`); computed otherwise, from ``load()`` (e.g. a validating loader) or the file itself.
    """
    from pathlib import Path

    raw = Path(source).read_bytes()
    if prepared is not None and Path(prepared).is_file():
        built = json.loads(Path(prepared).read_text(encoding="utf-8"))
        if built.get(PREPARED_KEY) == prepared_stamp(raw, tolerance_deg, decimals):
            return built["features"]
    collection = load() if load is not None else json.loads(raw)
    return light_collection(collection, tolerance_deg, decimals)["features"]
