"""Prepare the world map's country shapes once, at build time (issue 19).

Writes ``data/global/world_countries_map.geojson``: ``geo/world_countries_110m.geojson`` with its coordinates
rounded to ``core.clusters.WORLD_MAP_DECIMALS`` places, exactly as ``core.clusters.world_map_countries_live`` does in
a new server process, with a ``prepared_from`` stamp (the source's SHA-256 and the rounding).  The /global page uses
the file only while the stamp matches, and rounds the shapes itself otherwise; a test compares the file with the live
rounding.  Then rewrites ``data/MANIFEST.sha256`` as ``scripts/build_data.py`` does.
Run: ``python scripts/build_global_geometry.py``.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from core import clusters  # noqa: E402
from scripts.build_data import publish_prepared, write_prepared  # noqa: E402


def build() -> Path:
    return write_prepared(clusters.WORLD_MAP_PREPARED, clusters.world_map_stamp(),
                          clusters.world_map_countries_live())


def main() -> int:
    return publish_prepared(build())


if __name__ == "__main__":
    sys.exit(main())
