"""Prepare the province map's light geometry once, at build time (issue 19).

Writes ``geo/china_provinces_map.geojson``: ``geo/china_provinces.geojson``
simplified (Douglas-Peucker, 0.03°) and rounded (0.01°) exactly as the map page
would do in every new server process, with a ``prepared_from`` stamp (the
source's SHA-256 and the two parameters).  The page uses the file only while
the stamp matches its source and parameters, and computes the geometry
otherwise.  Then rewrites ``data/MANIFEST.sha256`` as ``scripts/build_data.py``
does.  Run: ``python scripts/build_map_geometry.py``.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from core import datasets, geo  # noqa: E402
from scripts.build_data import publish_prepared, write_prepared  # noqa: E402

SOURCE = datasets.GEO_DIR / "china_provinces.geojson"
PREPARED = datasets.GEO_DIR / "china_provinces_map.geojson"
TOLERANCE_DEG, DECIMALS = 0.03, 2  # the map page's SIMPLIFY_DEG and DECIMALS


def build() -> Path:
    light = geo.light_collection(datasets.load_china_provinces(), TOLERANCE_DEG, DECIMALS)
    return write_prepared(PREPARED, geo.prepared_stamp(SOURCE.read_bytes(), TOLERANCE_DEG, DECIMALS),
                          light["features"])


def main() -> int:
    return publish_prepared(build())


if __name__ == "__main__":
    sys.exit(main())
