"""The map's light geometry prepared at build time (scripts/build_map_geometry.py) is what the page would compute."""

from __future__ import annotations

import json

from core import datasets, geo

SOURCE = datasets.GEO_DIR / "china_provinces.geojson"
PREPARED = datasets.GEO_DIR / "china_provinces_map.geojson"


def test_bundled_prepared_geometry_is_current_and_equal_to_computing_it():
    computed = geo.light_collection(datasets.load_china_provinces(), 0.03, 2)["features"]
    built = json.loads(PREPARED.read_text(encoding="utf-8"))
    assert built[geo.PREPARED_KEY] == geo.prepared_stamp(SOURCE.read_bytes(), 0.03, 2)  # rebuilt after any change
    assert built["features"] == computed
    assert geo.light_features(SOURCE, 0.03, 2, PREPARED) == computed


def test_exterior_rings_of_the_prepared_file_stay_clockwise():
    built = json.loads(PREPARED.read_text(encoding="utf-8"))
    rings = list(geo.exterior_rings(built))
    assert len(rings) >= 34 and all(geo.is_clockwise(ring) for _, ring in rings)


def test_other_parameters_or_source_are_computed_not_read(tmp_path):
    # a stale stamp (another tolerance) must not be used: the result differs from the prepared file's
    coarse = geo.light_features(SOURCE, 0.2, 2, PREPARED)
    assert coarse == geo.light_collection(datasets.load_china_provinces(), 0.2, 2)["features"]
    assert coarse != json.loads(PREPARED.read_text(encoding="utf-8"))["features"]
    other = tmp_path / "one.geojson"
    collection = datasets.load_china_provinces()
    other.write_text(json.dumps({"type": "FeatureCollection", "features": collection["features"][:1]}))
    assert len(geo.light_features(other, 0.03, 2, PREPARED)) == 1
