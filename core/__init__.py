"""Pure computation and data loading for the digital-talent agglomeration explorer.

The method is Liu (2026), *Research on the measurement and influencing factors
of the agglomeration degree of industrial digitalization talents in China*,
WJARR 30(01); equation numbers in the docstrings are that paper's.  Nothing in
this package imports Streamlit: a researcher can ``import core`` in a notebook
and get the same numbers the app shows.

``import core`` is cheap: the names below are resolved on first use (PEP 562
module ``__getattr__``), so a script that only needs the IO arithmetic never
loads the estimation or spatial libraries.

>>> import core
>>> idt = core.index_from_io(2017)                 # eq. 1-9 from the provincial IO tables
>>> idt.sort_values(ascending=False).head(3).round(2).to_dict()
{'Beijing': 2.66, 'Guangdong': 2.17, 'Jiangsu': 1.63}
>>> table1 = core.load_table1()                    # the index as published (Table 1)
>>> w = core.contiguity_weights(core.load_china_provinces(), core.paper_provinces())
>>> moran = core.morans_i(table1[table1.year == 2023].set_index("province")["idt"], w)
>>> round(moran.I, 2), moran.p_sim < 0.01          # high values sit next to high values
(0.38, True)
>>> fit = core.fit_panel(core.public_panel(table1, core.load_panel()), "idt", ["gdp", "estr", "urban"])
>>> sorted(fit.params.index)                       # eq. 10 with province fixed effects
['const', 'estr', 'gdp', 'urban']

Every error ``core`` raises on purpose is a :class:`CoreError` (a ``ValueError``);
the classes are in :mod:`core.errors`.
"""

from __future__ import annotations

import importlib
from typing import Any

# Public name -> the module that defines it.  Add new entry points here and to __all__ (a test checks both agree).
_ENTRY_POINTS: dict[str, str] = {
    # the index from the input-output tables (eq. 1-9)
    "index_from_io": "core.digitalization",
    "yearly_index": "core.digitalization",
    "index_by_year": "core.digitalization",
    "province_update": "core.digitalization",
    "location_quotient": "core.agglomeration",
    "ras": "core.io_tables",
    "gras": "core.io_tables",
    # the computed index beside the published Table 1
    "series_beside_published": "core.digitalization",
    "rank_correlation_by_year": "core.digitalization",
    # rankings and descriptives of the index (Tables 2 and 4)
    "rank_by_mean": "core.agglomeration",
    "describe": "core.agglomeration",
    # panel regressions (eq. 10, Table 5)
    "public_panel": "core.panel",
    "fit_panel": "core.panel",
    "poolability_test": "core.panel",
    "hausman_test": "core.panel",
    "compare_fits": "core.panel",
    # difference-in-differences of the pilot-city policies
    "staggered_did": "core.did",
    "event_study": "core.did",
    # spatial autocorrelation
    "contiguity_weights": "core.spatial",
    "morans_i": "core.spatial",
    "lisa": "core.spatial",
    # spatial panel models and spillovers (LeSage & Pace 2009; Elhorst 2003)
    "fit_spatial_panel": "core.spatial_panel",
    "spillover_projection": "core.spatial_panel",
    "compare_models": "core.spatial_panel",
    "lm_tests": "core.spatial_panel",
    "province_weights": "core.weights",
    # global clusters
    "composite_index": "core.clusters",
    # errors
    "CoreError": "core.errors",
    "CoreWarning": "core.errors",
}

# The bundled datasets (core.datasets): one loader per table.
_LOADERS = (
    "paper_provinces", "load_regions", "load_table1", "table1_wide", "load_table2", "load_table3", "load_table4",
    "load_table5", "load_io_tables", "load_sectors", "load_digital_crosswalk", "load_national_employment",
    "load_digital_presets", "load_three_sector_map", "load_panel", "load_pilot_lists", "load_city_province",
    "load_approval_years", "load_cbre_bands", "load_wipo_clusters", "load_wipo_aggregates", "load_geojson",
    "load_china_provinces", "load_world_countries", "load_tech_cities", "load_series", "load_pilot_batches",
    # the global talent-cluster files (validated against core.clusters' vocabulary)
    "load_cities", "load_statements", "load_linkedin_facts", "load_china_links", "load_reports",
    "load_wipo_extra_facts", "load_cluster_facts", "load_proxies", "load_illustrative_values",
)
_ENTRY_POINTS.update(dict.fromkeys(_LOADERS, "core.datasets"))

# Submodules reachable as attributes (``core.panel``) without importing them first.
_SUBMODULES = (
    "agglomeration", "charts", "classes", "clusters", "datasets", "demo_panel", "did", "digitalization", "errors",
    "geo", "i18n", "io_tables", "panel", "pilots", "scenario", "spatial", "uploads",
    "spatial_panel", "weights",
)

__all__ = [
    "index_from_io", "yearly_index", "index_by_year", "province_update", "location_quotient", "ras", "gras",
    "series_beside_published", "rank_correlation_by_year",
    "rank_by_mean", "describe",
    "public_panel", "fit_panel", "poolability_test", "hausman_test", "compare_fits",
    "staggered_did", "event_study",
    "contiguity_weights", "morans_i", "lisa",
    "fit_spatial_panel", "spillover_projection", "compare_models", "lm_tests", "province_weights",
    "composite_index",
    "CoreError", "CoreWarning",
    *_LOADERS,
]


def __getattr__(name: str) -> Any:
    """Import the module that owns ``name`` on first use and cache the attribute here."""
    if name in _ENTRY_POINTS:
        value = getattr(importlib.import_module(_ENTRY_POINTS[name]), name)
    elif name in _SUBMODULES:
        value = importlib.import_module(f"{__name__}.{name}")
    elif name.startswith("load_"):  # a loader added to core.datasets after this list was written
        value = getattr(importlib.import_module("core.datasets"), name, None)
        if value is None:
            raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    else:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__) | set(_SUBMODULES))
