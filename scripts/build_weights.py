"""Precompute the province contiguity and centroids in ``geo/china_provinces_weights.json``.

Run by a maintainer after ``geo/china_provinces.geojson`` changes
(``python scripts/build_weights.py``; it needs geopandas and libpysal, the app
does not).  The output lets :mod:`core.weights` and :mod:`core.spatial` build
queen-contiguity, k-nearest and inverse-distance weights without importing
geopandas or touching the polygons at run time.

What is written (deterministic, so a rebuild gives identical bytes):

``queen_edges``
    Every pair of units whose polygons share at least one boundary point
    (libpysal ``Queen.from_dataframe`` over all 34 units of the file), each pair
    once, sorted.  Restricting the list to a subset of units gives the queen
    contiguity of that subset (contiguity is a relation between two polygons).
``centroids``
    Per unit, the centroid of its polygon(s) in longitude/latitude degrees as
    shapely computes it on the lon/lat coordinates (the same points
    :func:`core.spatial.contiguity_weights` uses for its island fallback),
    rounded to 1e-6 degrees.
``geometry_sha256``
    :func:`core.weights.geometry_digest` of the source collection, so a caller
    holding a collection can tell whether these neighbours belong to it.

The data/MANIFEST.sha256 is re-hashed at the end (as ``scripts/build_data.py manifest`` does).
"""

from __future__ import annotations

import json
import sys
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

SOURCE = ROOT / "geo" / "china_provinces.geojson"
TARGET = ROOT / "geo" / "china_provinces_weights.json"


def build(collection: dict) -> dict:
    import geopandas as gpd
    import libpysal
    from libpysal.weights import Queen

    from core.weights import geometry_digest

    frame = gpd.GeoDataFrame.from_features(list(collection["features"]), crs="EPSG:4326")
    frame = frame.drop_duplicates("name").reset_index(drop=True)
    ids = [str(n) for n in frame["name"]]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)  # islands (Hainan, Taiwan) are reported, not an error
        queen = Queen.from_dataframe(frame, ids=ids, use_index=False)
    edges = sorted({tuple(sorted((a, b))) for a in ids for b in queen.neighbors[a]})
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)  # centroid of geographic coordinates: intended
        centroids = {name: [round(float(g.centroid.x), 6), round(float(g.centroid.y), 6)]
                     for name, g in zip(ids, frame.geometry)}
    return {
        "source": "geo/china_provinces.geojson",
        "geometry_sha256": geometry_digest(collection),
        "method": f"libpysal {libpysal.__version__} Queen.from_dataframe over all units; centroids by shapely "
                  "on lon/lat degrees",
        "units": ids,
        "queen_edges": [list(e) for e in edges],
        "islands": sorted(str(i) for i in queen.islands),
        "centroids": centroids,
    }


def main() -> int:
    collection = json.loads(SOURCE.read_text(encoding="utf-8"))
    payload = build(collection)
    TARGET.write_text(json.dumps(payload, ensure_ascii=False, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    sys.path.insert(0, str(ROOT / "scripts"))
    import build_data

    build_data.write_manifest()
    print(f"{TARGET.relative_to(ROOT)}: {len(payload['units'])} units, {len(payload['queen_edges'])} queen edges, "
          f"islands {payload['islands']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
