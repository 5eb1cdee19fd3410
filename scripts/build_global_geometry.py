"""Prepare the world map's country shapes once, at build time (issue 19).

Writes ``data/global/world_countries_map.geojson``: ``geo/world_countries_110m.geojson`` with its coordinates
rounded to ``core.clusters.WORLD_MAP_DECIMALS`` places, exactly as ``core.clusters.world_map_countries_live`` does in
a new server process, with a ``prepared_from`` stamp (the source's SHA-256 and the rounding).  The /global page uses
the file only while the stamp matches, and rounds the shapes itself otherwise; a test compares the file with the live
rounding.  Then rewrites ``data/MANIFEST.sha256`` as ``scripts/build_data.py`` does.
Run: ``python scripts/build_global_geometry.py``.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from core import clusters, geo  # noqa: E402


def build() -> Path:
    out = {"type": "FeatureCollection", geo.PREPARED_KEY: clusters.world_map_stamp(),
           "features": clusters.world_map_countries_live()}
    path = clusters.WORLD_MAP_PREPARED
    path.write_text(json.dumps(out, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8")
    return path


def main() -> int:
    path = build()
    from scripts.build_data import write_manifest

    write_manifest()
    print(f"wrote {path.relative_to(ROOT)} ({path.stat().st_size / 1024:.0f} KB) and data/MANIFEST.sha256")
    return 0


if __name__ == "__main__":
    sys.exit(main())
