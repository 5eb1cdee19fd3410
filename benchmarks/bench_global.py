"""Benchmark of core.clusters and the world-map spec behind the Global talent clusters page.

Run: ``.venv/bin/python benchmarks/bench_global.py [repeats]`` (default 7).  Writes
``benchmarks/results_global.md`` with medians, the machine and the versions.  Nothing
here passes or fails.  The rank-stability grid is also timed on a synthetic 500-place
table (labelled so) to show how it scales with the number of places.
"""

from __future__ import annotations

import platform
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import altair as alt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402

from core import clusters, datasets  # noqa: E402
from core.charts import global_ as charts  # noqa: E402

CHOICE = {"density": "cbre_band_min", "crossover": "illustrative_crossover", "connectivity": "wipo_2025_score",
          "speed": "illustrative_speed"}
WEIGHTS = dict.fromkeys(clusters.COMPONENTS, 1.0)


def median_s(fn: Callable[[], object], repeats: int) -> float:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main(repeats: int = 7) -> None:
    cities = clusters.load_cities()
    facts = clusters.load_linkedin_facts()
    geo = datasets.load_tech_cities()
    places = clusters.places(cities, geo, facts)
    features = clusters.world_map_countries()
    proxies = clusters.proxy_values(cities, facts, clusters.load_illustrative_values())
    components = clusters.component_table(proxies, CHOICE)
    synthetic = pd.DataFrame(np.random.default_rng(0).uniform(0.1, 10, size=(500, 4)), columns=list(clusters.COMPONENTS),
                             index=[f"synthetic {i}" for i in range(500)])
    bubbles = places[(places.kind == clusters.KIND_CITY) & places.band_low.notna()].dropna(subset=["lon", "lat"])
    wipo = places[places.kind == clusters.KIND_WIPO].dropna(subset=["lon", "lat"])
    corridors = clusters.corridor_lines(facts, places)

    rows = [
        ("load + validate the global tables (cities, statements, facts, links)",
         lambda: (clusters.load_cities(), clusters.load_statements(), clusters.load_linkedin_facts(),
                  clusters.load_china_links())),
        ("places(): cities + WIPO + LinkedIn clusters with band sums", lambda: clusters.places(cities, geo, facts)),
        ("composite_index, 14 places x 4 components", lambda: clusters.composite_index(components, WEIGHTS)),
        ("rank_stability, 14 places, 625 weight samples", lambda: clusters.rank_stability(components, WEIGHTS)),
        ("rank_stability, 28 places (neutral gaps), 625 samples",
         lambda: clusters.rank_stability(components, WEIGHTS, missing="neutral")),
        ("rank_stability, 500 SYNTHETIC places, 625 samples", lambda: clusters.rank_stability(synthetic, WEIGHTS)),
        ("world_map_countries (177 shapes rounded to 0.01 deg, read from the prepared file)",
         clusters.world_map_countries),
        ("world_map_spec (the map's dict written out, 177 shapes inserted)",
         lambda: charts.world_map_spec(features, bubbles, wipo, corridors)),
        ("world_map Altair object, to_dict(validate=True) (the same dict by Altair's route)",
         lambda: charts.world_map(features, bubbles, wipo, corridors).to_dict()),
    ]
    results = [(name, median_s(fn, repeats if "validate=True" not in name else max(2, repeats // 3)))
               for name, fn in rows]
    lines = [
        "# Benchmark: Global talent clusters (core.clusters, world map spec)",
        "",
        f"`.venv/bin/python benchmarks/bench_global.py {repeats}` — median of {repeats} runs "
        "(the validated-map row: a third as many).",
        "",
        "| step | median (ms) |",
        "|---|---:|",
        *[f"| {name} | {1000 * s:,.1f} |" for name, s in results],
        "",
        f"Machine: {platform.platform()}, {platform.processor() or platform.machine()}, Python {platform.python_version()}.",
        f"Versions: pandas {pd.__version__}, numpy {np.__version__}, altair {alt.__version__}.",
        "",
        "The page builds the map with `world_map_spec` (cached per filter combination), the dict Altair's",
        "validated route gives (a test compares them); the PNG/SVG export renders the same dict only on click.",
    ]
    out = ROOT / "benchmarks" / "results_global.md"
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("\n".join(lines))


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 7)
