"""Global talent clusters: the bundled tables, band arithmetic and the composite index.

Three public sources place China's digital talent in the world (see
``data/SOURCES.md``, section ``global/``):

* CBRE, *Global Tech Talent Guidebook 2025*: tech-talent workforce per market
  as **bands** (e.g. 300,000-500,000 persons), never as counts.  An article on the guide (Ba Jiu Ling, 2025) adds
  the facts of the 48-city map (8 cities above 500,000, all in Asia; regional
  counts) and the tiers at 100k / 300k / 500k persons.
* WIPO, *Global Innovation Index 2025*: top-100 innovation-cluster ranks (the
  2025 method adds venture-capital deals to patents and publications, so ranks
  are not strictly comparable with 2024).
* LinkedIn China x Tsinghua SEM CIDG (2019): categorical facts only
  (coverage, migration corridors, most attractive cities, skill groups).

Bands are kept as intervals: :class:`Band` adds two bands into a band (the sum
of a 500k+ and a 300k-500k market is an 800k+ cluster) and never invents a
point inside one.

The composite "talent-density" index of Ba Jiu Ling (2025) multiplies four components,

    C = density x structure crossover x ecosystem connectivity x productization speed,

which :func:`composite_index` generalises to a weighted geometric mean of the
components, each divided by its geometric mean over the places compared
(eq. C1 below), with an additive alternative on min-max scaled components
(eq. C2).  Weights are normalised to sum to one; a missing component is either
excluded (the place is dropped), set to the neutral value, or left out of that place's
score with the weights re-normalised over the components it has ("reweight"), and the
result says which.  :func:`rank_stability` re-ranks on a deterministic grid of weights
within +/-20 % of the chosen ones.

Units: head counts in persons; WIPO ranks are ordinal (1 = first);
the agglomeration index of the China link is dimensionless (Liu 2026, eq. 9).
"""

from __future__ import annotations

__all__ = ["CompositeError", "GLOBAL_DIR", "TIER_EDGES", "TIER_1", "TIER_2", "TIER_3", "UNPUBLISHED", "NOT_KNOWN",
           "SPANS", "TIERS", "STATUS_PUBLISHED", "STATUS_UNPUBLISHED", "STATUS_NOT_KNOWN", "STATUSES", "REGIONS",
           "CONFIDENCE", "KIND_CITY", "KIND_WIPO", "KIND_LINKEDIN", "COMPONENTS", "Method", "Missing", "SKILL_SCORE",
           "WIPO_METHOD_NOTE", "Band", "band_sum", "load_cities", "load_statements", "load_linkedin_facts",
           "load_china_links", "load_reports", "load_proxies", "load_illustrative_values", "wipo_ranks",
           "wipo_country_counts", "in_48", "check_statements", "counts_by", "places", "SOURCES", "filter_places",
           "compare", "china_link", "corridor_lines", "proxy_values", "component_table", "normalise_weights",
           "CompositeResult", "composite_index", "weight_grid", "rank_stability", "validate_uploaded_figures", "WORLD_MAP_DECIMALS", "WORLD_MAP_SOURCE",
           "WORLD_MAP_PREPARED", "world_map_stamp", "world_map_countries_live", "world_map_countries"]

import itertools
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Literal

import numpy as np
import pandas as pd

from core import datasets, uploads
from core.agglomeration import rank_by_mean
from core.datasets import DataSchemaError, check_schema
from core.errors import CompositeError

GLOBAL_DIR = "global"

#: Tier thresholds of Ba Jiu Ling (2025), persons (10万 / 30万 / 50万).
TIER_EDGES: tuple[int, int, int] = (100_000, 300_000, 500_000)
TIER_1 = "Tier 1: 500k+"
TIER_2 = "Tier 2: 300k–500k"
TIER_3 = "Tier 3: 100k–300k"
UNPUBLISHED = "100k+ (band not published here)"
NOT_KNOWN = "not known to be in the 48"
SPANS = "spans tiers"
TIERS: tuple[str, ...] = (TIER_1, TIER_2, TIER_3, UNPUBLISHED, NOT_KNOWN)

STATUS_PUBLISHED = "band published"
STATUS_UNPUBLISHED = "in 48 (band not published here)"
STATUS_NOT_KNOWN = "not known"
STATUSES = (STATUS_PUBLISHED, STATUS_UNPUBLISHED, STATUS_NOT_KNOWN)

REGIONS: tuple[str, ...] = ("Asia-Pacific", "North America", "Europe", "Latin America", "Middle East & Africa")
CONFIDENCE = ("high", "medium", "low", "illustrative")

KIND_CITY = "city"
KIND_WIPO = "WIPO cluster"
KIND_LINKEDIN = "LinkedIn cluster"

#: The four components of the talent-density formula in Ba Jiu Ling (2025), an article on CBRE's Global Tech Talent Guidebook 2025 (English key -> the article's wording).
COMPONENTS: dict[str, str] = {
    "density": "talent density (单位平方公里人才密度)",
    "crossover": "talent-structure crossover (人才结构交叉度)",
    "connectivity": "ecosystem connectivity (创业生态连接效率)",
    "speed": "productization speed (技术产品化速度)",
}

Method = Literal["geometric", "additive"]
Missing = Literal["exclude", "neutral", "reweight"]
SKILL_SCORE = {"tech and disruptive tech skills": 2.0, "disruptive tech skills only": 1.0}
WIPO_METHOD_NOTE = ("WIPO changed its method in 2025 (venture-capital deals added to PCT inventors and scientific "
                    "authors), so 2024 → 2025 rank changes mix real change with the new metric.")


# --- bands --------------------------------------------------------------------------------

@dataclass(frozen=True)
class Band:
    """A head-count interval in persons: ``low`` <= true value < ``high`` (``high=None``: open-ended).

    Bands add as intervals, so a sum of bands is a band: ``Band(5e5) + Band(3e5, 5e5) == Band(8e5)``.
    """

    low: float
    high: float | None = None

    def __post_init__(self) -> None:
        if not math.isfinite(self.low) or self.low < 0:
            raise ValueError(f"band lower bound must be a non-negative number, got {self.low!r}")
        if self.high is not None and (not math.isfinite(self.high) or self.high < self.low):
            raise ValueError(f"band upper bound {self.high!r} is below the lower bound {self.low!r}")

    @property
    def is_open(self) -> bool:
        return self.high is None

    def __add__(self, other: Band) -> Band:
        if not isinstance(other, Band):
            return NotImplemented
        high = None if self.high is None or other.high is None else self.high + other.high
        return Band(self.low + other.low, high)

    def label(self) -> str:
        """``"500k+"``, ``"300k–500k"`` (k = thousand persons)."""
        def k(value: float) -> str:
            return f"{value / 1000:,.0f}k"
        return f"{k(self.low)}+" if self.high is None else f"{k(self.low)}–{k(self.high)}"

    def tier(self) -> str:
        """Ba Jiu Ling's (2025) tier if the whole band lies inside one tier, else :data:`SPANS`."""
        low, mid, top = TIER_EDGES
        if self.low >= top:
            return TIER_1
        if self.high is not None and self.low >= mid and self.high <= top:
            return TIER_2
        if self.high is not None and self.low >= low and self.high <= mid:
            return TIER_3
        return SPANS


def band_sum(bands: Iterable[Band]) -> Band:
    """The band of a sum of quantities each known only by its band (empty sum: ``Band(0, 0)``)."""
    total = Band(0.0, 0.0)
    for band in bands:
        total = total + band
    return total


def _band_of_row(status: str, low: float, high: float) -> Band:
    """The band a city contributes: published, 100k+ (in the 48, band missing) or 0+ (not known)."""
    if status == STATUS_PUBLISHED:
        return Band(float(low), None if pd.isna(high) else float(high))
    if status == STATUS_UNPUBLISHED:
        return Band(float(TIER_EDGES[0]), None)
    return Band(0.0, None)


# --- loading and validating: the loaders live in core.datasets (re-exported here) -----------------------

from core.datasets import (load_china_links, load_cities, load_cluster_facts, load_illustrative_values,  # noqa: E402
                           load_linkedin_facts, load_proxies, load_reports, load_statements,
                           load_wipo_extra_facts)


WORLD_SHARES = {"share_of_global_scientific_publications": "scientific publications",
                "share_of_global_PCT_applications": "PCT applications"}


def world_shares(extra: pd.DataFrame) -> pd.DataFrame:
    """Clusters' shares of the world's publications and PCT filings: ``cluster``, ``output`` (a key of
    :data:`WORLD_SHARES`), ``share_percent`` (percent of the world total), ``edition``, ``confidence``."""
    rows = extra[extra.metric.isin(list(WORLD_SHARES))]
    return pd.DataFrame({"cluster": rows.cluster, "output": rows.metric,
                         "share_percent": pd.to_numeric(rows.value).astype("float64"),
                         "edition": rows.gii_edition, "confidence": rows.source_confidence}).reset_index(drop=True)


# --- WIPO ---------------------------------------------------------------------------------

def wipo_ranks(clusters: pd.DataFrame | None = None) -> pd.DataFrame:
    """WIPO cluster ranks side by side: ``rank_2024``, ``rank_2025`` and ``places_up`` (2024 - 2025).

    Built from ``wipo_gii_2025_clusters_partial.csv`` (one row per edition and cluster);
    missing ranks are NaN (not in the bundled excerpt, not "outside the top 100").
    """
    clusters = datasets.load_wipo_clusters() if clusters is None else clusters
    wide = clusters.pivot_table(index="cluster", columns="gii_edition", values="rank", aggfunc="first")
    out = pd.DataFrame({"cluster": wide.index})
    for year in (2024, 2025):
        out[f"rank_{year}"] = wide[year].values if year in wide.columns else np.nan
    meta = clusters.sort_values("gii_edition", ascending=False).drop_duplicates("cluster").set_index("cluster")
    out["economy"] = meta.loc[out.cluster, "economy"].values
    out["confidence"] = meta.loc[out.cluster, "source_confidence"].values
    out["places_up"] = out.rank_2024 - out.rank_2025
    return out.sort_values(["rank_2025", "rank_2024"], na_position="last").reset_index(drop=True)


def wipo_country_counts(aggregates: pd.DataFrame | None = None) -> pd.DataFrame:
    """Top-100 clusters per economy and GII edition (``edition``, ``economy``, ``clusters``)."""
    aggregates = datasets.load_wipo_aggregates() if aggregates is None else aggregates
    rows = aggregates[aggregates.metric.str.startswith("clusters_in_top100_")]
    values = pd.to_numeric(rows.value, errors="coerce")
    if values.isna().any():
        raise DataSchemaError("wipo_gii_2025_cluster_aggregates.csv: a cluster count is not a whole number")
    return pd.DataFrame({"edition": rows.gii_edition.values,
                         "economy": rows.metric.str.removeprefix("clusters_in_top100_").str.replace("_", " ").values,
                         "clusters": values.astype(int).values,
                         "confidence": rows.source_confidence.values})


# --- counts and the article's statements------------------------------------------------------

def in_48(cities: pd.DataFrame) -> pd.DataFrame:
    """The cities known to be among CBRE's 48 markets above 100,000 tech workers."""
    return cities[cities.cbre_48_status != STATUS_NOT_KNOWN]


def check_statements(cities: pd.DataFrame, statements: pd.DataFrame) -> pd.DataFrame:
    """Compare each stated count with the count in the bundled city table.

    A city counts towards a threshold only if its whole band lies at or above it (a
    city without a published band counts towards 100,000 only).  ``status`` is
    ``"agrees"``, ``"bundled list incomplete"`` (fewer listed than stated: the data
    are partial) or ``"conflict"`` (more listed than stated).
    """
    known = in_48(cities)
    rows = []
    for st_row in statements.itertuples():
        scope = known
        if st_row.scope == "region":
            scope = known[known.region == st_row.group]
        elif st_row.scope == "country":
            scope = known[known.country == st_row.group]
        hit = scope[scope.band_low >= st_row.band_min_persons]
        listed = len(hit)
        status = ("agrees" if listed == st_row.count else
                  "bundled list incomplete" if listed < st_row.count else "conflict")
        rows.append({"statement": st_row.statement, "scope": st_row.group, "threshold_persons": st_row.band_min_persons,
                     "stated": st_row.count, "listed": listed, "status": status,
                     "cities_listed": ", ".join(hit.market), "source": st_row.source,
                     "confidence": st_row.confidence})
    return pd.DataFrame(rows)


def counts_by(cities: pd.DataFrame, by: Literal["region", "country"]) -> pd.DataFrame:
    """Cities of the 48 listed in the bundled data, by ``region`` or ``country`` and tier."""
    known = in_48(cities)
    out = known.groupby([by, "tier"], sort=False).size().rename("cities").reset_index()
    return out.sort_values([by, "tier"]).reset_index(drop=True)


# --- places: cities and clusters with everything known about them --------------------------

def _centroid(lons: Sequence[float], lats: Sequence[float]) -> tuple[float, float]:
    """Mean longitude/latitude of a few nearby cities (degrees; fine within one metro region)."""
    if not len(lons):
        return (np.nan, np.nan)
    return float(np.mean(lons)), float(np.mean(lats))


def places(cities: pd.DataFrame, geo: pd.DataFrame, facts: pd.DataFrame,
           wipo: pd.DataFrame | None = None) -> pd.DataFrame:
    """Cities, WIPO clusters and LinkedIn clusters in one table, one row per place.

    A cluster's band is the :func:`band_sum` of its member cities' bands (a member not
    known to be in the 48 contributes 0+, which makes the sum open-ended).  LinkedIn
    units that are single cities (Bangalore, Singapore, Santiago) stay on the city row.
    Coordinates: GeoNames city (``geo_city``), or the centroid of the members.
    """
    wipo = wipo_ranks() if wipo is None else wipo
    coords = geo.drop_duplicates("city").set_index("city")[["lon", "lat"]]
    cities = cities.join(coords, on="geo_city")
    skill = dict(facts.loc[facts.fact == "skill_group", ["subject", "object"]].itertuples(index=False))
    attractive = dict(facts.loc[facts.fact == "attractive_city", ["subject", "order"]].itertuples(index=False))
    # Each unit's corridors in the facts' order, "#<order> <the other end>"; built once for every name
    # (a scan of the corridor rows per place was most of this function's time).
    corridor_parts: dict[str, list[str]] = {}
    for subject, other, order in facts.loc[facts.fact == "corridor", ["subject", "object", "order"]].itertuples(
            index=False):
        corridor_parts.setdefault(subject, []).append(f"#{int(order)} {other}")
        if other != subject:
            corridor_parts.setdefault(other, []).append(f"#{int(order)} {subject}")
    corridor_text = {name: "; ".join(parts) for name, parts in corridor_parts.items()}

    # Plain Python lists, one per column: a few dozen rows, where iterrows and per-group frames cost more
    # than the arithmetic.
    city = {column: cities[column].tolist() for column in
            ("market", "country", "region", "band_low", "band_high", "band_text", "tier", "cbre_class_2025",
             "wipo_cluster", "linkedin_cluster", "geo_city", "cbre_48_status", "lon", "lat", "confidence")}
    rows: list[dict[str, object]] = []
    for i, market in enumerate(city["market"]):
        unit = city["linkedin_cluster"][i]
        # the unit's order among the attractive cities, by its market, GeoNames or LinkedIn name
        order = next((attractive[n] for n in (market, city["geo_city"][i], unit) if n != "" and n in attractive),
                     np.nan)
        rows.append({
            "place": market, "kind": KIND_CITY, "country": city["country"][i], "region": city["region"][i],
            "members": market, "band_low": city["band_low"][i], "band_high": city["band_high"][i],
            "band_text": city["band_text"][i], "tier": city["tier"][i], "cbre_class_2025": city["cbre_class_2025"][i],
            "wipo_cluster": city["wipo_cluster"][i], "linkedin": unit, "skill_group": skill.get(unit, ""),
            "attractive_order": order, "corridors": corridor_text.get(unit, "") if unit else "",
            "lon": city["lon"][i], "lat": city["lat"][i], "confidence": city["confidence"][i]})
    for kind, column in ((KIND_WIPO, "wipo_cluster"), (KIND_LINKEDIN, "linkedin_cluster")):
        groups: dict[str, list[int]] = {}  # in order of first appearance
        for i, name in enumerate(city[column]):
            # a LinkedIn unit that is a single city stays on the city's row
            if name != "" and not (kind == KIND_LINKEDIN and name in (city["market"][i], city["geo_city"][i])):
                groups.setdefault(name, []).append(i)
        for name, members in groups.items():
            band = band_sum(_band_of_row(city["cbre_48_status"][i], city["band_low"][i], city["band_high"][i])
                            for i in members)
            any_in_48 = any(city["cbre_48_status"][i] != STATUS_NOT_KNOWN for i in members)
            located = [i for i in members if not (pd.isna(city["lon"][i]) or pd.isna(city["lat"][i]))]
            lon, lat = _centroid([city["lon"][i] for i in located], [city["lat"][i] for i in located])
            rows.append({
                "place": f"{name} ({kind})", "kind": kind,
                "country": ", ".join(dict.fromkeys(city["country"][i] for i in members)),
                "region": city["region"][members[0]], "members": ", ".join(city["market"][i] for i in members),
                "band_low": band.low if any_in_48 else np.nan,
                "band_high": np.nan if band.high is None else band.high,
                "band_text": band.label() + (" (sum of member bands)" if len(members) > 1 else "") if any_in_48 else "—",
                "tier": band.tier() if any_in_48 else NOT_KNOWN, "cbre_class_2025": "",
                "wipo_cluster": name if kind == KIND_WIPO else "", "linkedin": name if kind == KIND_LINKEDIN else "",
                "skill_group": skill.get(name, "") if kind == KIND_LINKEDIN else "",
                "attractive_order": np.nan,
                "corridors": corridor_text.get(name, "") if kind == KIND_LINKEDIN else "", "lon": lon, "lat": lat,
                "confidence": min((city["confidence"][i] for i in members), key=CONFIDENCE.index)})
    out = pd.DataFrame(rows)
    wipo_by = wipo.set_index("cluster")
    out["rank_2024"] = out.wipo_cluster.map(wipo_by["rank_2024"]) if len(wipo_by) else np.nan
    out["rank_2025"] = out.wipo_cluster.map(wipo_by["rank_2025"]) if len(wipo_by) else np.nan
    return out


SOURCES: dict[str, str] = {"CBRE": KIND_CITY, "WIPO": KIND_WIPO, "LinkedIn": KIND_LINKEDIN}


def filter_places(place_table: pd.DataFrame, *, regions: Iterable[str] | None = None,
                  tiers: Iterable[str] | None = None, sources: Iterable[str] | None = None) -> pd.DataFrame:
    """Places in the chosen regions, tiers and sources (``None`` = no filter on that field).

    ``sources`` are keys of :data:`SOURCES`: ``"CBRE"`` keeps cities, ``"WIPO"`` WIPO
    clusters, ``"LinkedIn"`` LinkedIn clusters and cities that are LinkedIn units.
    """
    keep = pd.Series(True, index=place_table.index)
    if regions is not None:
        keep &= place_table.region.isin(list(regions))
    if tiers is not None:
        keep &= place_table.tier.isin(list(tiers))
    if sources is not None:
        sources = list(sources)
        unknown = sorted(set(sources) - set(SOURCES))
        if unknown:
            raise ValueError(f"unknown source(s) {unknown}")
        by_kind = place_table.kind.isin([SOURCES[s] for s in sources])
        if "LinkedIn" in sources:
            by_kind |= (place_table.kind == KIND_CITY) & (place_table.linkedin != "")
        keep &= by_kind
    return place_table[keep]


def compare(place_table: pd.DataFrame, names: Sequence[str], china: pd.DataFrame | None = None) -> pd.DataFrame:
    """Side-by-side comparison of 2-4 places: one row per attribute, one column per place (text cells).

    ``china`` (from :func:`china_link`) adds the provinces and their agglomeration index.
    Raises ``ValueError`` for fewer than 2 or more than 4 names, or a name not in the table.
    """
    if not 2 <= len(names) <= 4:
        raise ValueError(f"compare 2 to 4 places, got {len(names)}")
    table = place_table.set_index("place")
    unknown = [n for n in names if n not in table.index]
    if unknown:
        raise ValueError(f"unknown place(s): {', '.join(unknown)}")

    def rank(value: float) -> str:
        return "—" if pd.isna(value) else f"{int(value)}"

    attributes: dict[str, list[str]] = {}
    for name in names:
        row = table.loc[name]
        cells = {
            "Kind": row.kind, "Country": row.country, "Region": row.region, "Members": row.members,
            "CBRE 2025 band (tech workers, 2023)": row.band_text, "Tier": row.tier,
            "CBRE class 2025": row.cbre_class_2025 or "—",
            "WIPO cluster": row.wipo_cluster or "—",
            "WIPO rank 2024 → 2025 (2025 method adds VC deals)": f"{rank(row.rank_2024)} → {rank(row.rank_2025)}",
            "LinkedIn–Tsinghua unit": row.linkedin or "—",
            "LinkedIn skill group": row.skill_group or "—",
            "LinkedIn most attractive city (order)": rank(row.attractive_order),
            "LinkedIn migration corridors": row.corridors or "—",
            "Confidence": row.confidence,
        }
        if china is not None:
            hit = china[china.place == name]
            cells["China: provinces (agglomeration index, latest year)"] = "; ".join(
                f"{r.province} {'—' if pd.isna(r.idt_latest) else f'{r.idt_latest:.2f}'}" for r in hit.itertuples()) or "—"
        for key, value in cells.items():
            attributes.setdefault(key, []).append(str(value))
    return pd.DataFrame({"attribute": list(attributes), **{n: [attributes[a][i] for a in attributes]
                                                            for i, n in enumerate(names)}})


def china_link(place_table: pd.DataFrame, links: pd.DataFrame, table1: pd.DataFrame) -> pd.DataFrame:
    """Chinese places with their provinces' agglomeration index (Liu 2026, eq. 9; Table 1).

    Returns ``place``, ``province``, ``idt_latest`` (last year of Table 1), ``idt_mean``
    (2011-2023 mean), ``rank_mean`` (of 30, Table 2 order) and ``year``; provinces not in
    Table 1 (Hong Kong, Macao) have NaN.  Cluster places are matched by their name
    without the "(... cluster)" suffix.
    """
    latest_year = int(table1.year.max())
    latest = table1[table1.year == latest_year].set_index("province").idt
    ranking = rank_by_mean(table1).set_index("province")
    key = place_table.place.str.replace(r" \((WIPO|LinkedIn) cluster\)$", "", regex=True)
    bare = pd.DataFrame({"place": place_table.place, "key": key, "kind": place_table.kind})
    merged = bare.merge(links, left_on="key", right_on="place", suffixes=("", "_link"))
    # a WIPO cluster named like a city (Beijing) maps as the city does
    out = pd.DataFrame({"place": merged.place, "kind": merged.kind, "province": merged.province,
                        "idt_latest": merged.province.map(latest), "idt_mean": merged.province.map(ranking.mean_idt),
                        "rank_mean": merged.province.map(ranking["rank"]), "year": latest_year,
                        "confidence": merged.confidence, "note": merged.note})
    return out.reset_index(drop=True)


def corridor_lines(facts: pd.DataFrame, place_table: pd.DataFrame) -> list[dict[str, object]]:
    """The LinkedIn–Tsinghua report's migration corridors as GeoJSON LineString features between cluster centroids.

    Drawn with a geoshape mark, a LineString follows the great circle (an arc on the map).
    """
    # each LinkedIn unit's end: the first place row naming it (a dict, not a frame lookup per corridor end)
    ends: dict[object, tuple[float, float]] = {}
    for unit, lon, lat in zip(place_table.linkedin.tolist(), place_table.lon.tolist(), place_table.lat.tolist()):
        if unit != "" and unit not in ends:
            ends[unit] = (lon, lat)
    features: list[dict[str, object]] = []
    for row in facts[facts.fact == "corridor"].itertuples():
        if row.subject not in ends or row.object not in ends:
            continue
        (a_lon, a_lat), (b_lon, b_lat) = ends[row.subject], ends[row.object]
        if any(pd.isna(v) for v in (a_lon, a_lat, b_lon, b_lat)):
            continue
        features.append({"type": "Feature",
                         "geometry": {"type": "LineString",
                                      "coordinates": [[float(a_lon), float(a_lat)], [float(b_lon), float(b_lat)]]},
                         "properties": {"from": row.subject, "to": row.object, "order": int(row.order),
                                        "confidence": row.confidence, "note": row.note}})
    return features


# --- the world map's country shapes -----------------------------------------------------------------

#: Decimal places (degrees) the world map's countries are drawn with: 0.01 deg is about 0.02 px at the map's 860 px
#: (0.05 at a 2x export); rendered, no pixel of the countries moved more than 15/255 in one colour channel against the
#: bundled 4-decimal shapes, and the spec is 42 KB (19 %) lighter.  Not simplified: removing vertices moved edges.
WORLD_MAP_DECIMALS = 2
WORLD_MAP_SOURCE = "world_countries_110m.geojson"  # in geo/
#: The rounded shapes, prepared at build time (``scripts/build_global_geometry.py``) with what they were made from.
WORLD_MAP_PREPARED = datasets.DATA_DIR / GLOBAL_DIR / "world_countries_map.geojson"


def world_map_stamp() -> dict[str, object]:
    """What the prepared shapes must record: the source file's SHA-256 and the rounding (no simplification)."""
    from core import geo

    return geo.prepared_stamp((datasets.GEO_DIR / WORLD_MAP_SOURCE).read_bytes(), 0.0, WORLD_MAP_DECIMALS)


def world_map_countries_live() -> list[dict[str, object]]:
    """The world map's 177 countries: the bundled shapes with coordinates rounded to :data:`WORLD_MAP_DECIMALS`
    (``core.geo.round_coordinates``: a ring that rounding would collapse or turn keeps its coordinates)."""
    from core import geo

    return geo.round_coordinates(datasets.load_world_countries(), WORLD_MAP_DECIMALS)["features"]


def world_map_countries() -> list[dict[str, object]]:
    """:func:`world_map_countries_live`, read from :data:`WORLD_MAP_PREPARED` while that file records the same source
    and rounding (rounding in every new server process took 20 ms before the first map), computed otherwise."""
    import json

    if WORLD_MAP_PREPARED.is_file():
        from core import geo

        built = json.loads(WORLD_MAP_PREPARED.read_text(encoding="utf-8"))
        if built.get(geo.PREPARED_KEY) == world_map_stamp() and built.get("features"):
            return built["features"]
    return world_map_countries_live()


# --- the composite index --------------------------------------------------------------------

def proxy_values(cities: pd.DataFrame, facts: pd.DataFrame, illustrative: pd.DataFrame,
                 wipo: pd.DataFrame | None = None, uploaded: pd.DataFrame | None = None) -> pd.DataFrame:
    """Every proxy's value per market of the 48 (index ``market``; NaN = not available).

    Real proxies: ``cbre_band_min`` (persons), ``linkedin_skill_group`` (2/1 ordinal),
    ``wipo_2025_score`` (101 - rank).  Illustrative ones: ``illustrative_<component>``.
    ``uploaded`` (from :func:`validate_uploaded_figures`) adds ``upload:<column>``.
    """
    wipo = wipo_ranks() if wipo is None else wipo
    known = in_48(cities).set_index("market")
    skill = facts[facts.fact == "skill_group"].set_index("subject")["object"].map(SKILL_SCORE)
    rank25 = wipo.set_index("cluster")["rank_2025"]
    out = pd.DataFrame(index=known.index)
    out["cbre_band_min"] = known.band_low
    out["linkedin_skill_group"] = known.linkedin_cluster.map(skill)
    out["wipo_2025_score"] = 101 - known.wipo_cluster.map(rank25)
    wide = illustrative.pivot_table(index="market", columns="component", values="value", aggfunc="first")
    for component in wide.columns:
        out[f"illustrative_{component}"] = wide[component].reindex(out.index)
    if uploaded is not None:
        for column in uploaded.columns.drop("place"):
            out[f"upload:{column}"] = uploaded.set_index("place")[column].reindex(out.index)
    out.index.name = "place"
    return out.astype("float64")


def component_table(proxies: pd.DataFrame, choice: Mapping[str, str]) -> pd.DataFrame:
    """The components table for :func:`composite_index`: one column per component, from the chosen proxy."""
    unknown = {c: p for c, p in choice.items() if p not in proxies.columns}
    if unknown:
        raise CompositeError("unknown proxy for {unknown}",
                             unknown=", ".join(f'{c} ({p})' for c, p in unknown.items()))
    return pd.DataFrame({component: proxies[proxy] for component, proxy in choice.items()}, index=proxies.index)


def normalise_weights(weights: Mapping[str, float]) -> dict[str, float]:
    """Weights scaled to sum to 1; each must be finite and >= 0 and at least one > 0."""
    values = {k: float(v) for k, v in weights.items()}
    bad = [k for k, v in values.items() if not math.isfinite(v) or v < 0]
    if bad:
        raise CompositeError("weights must be finite and non-negative ({bad})", bad=", ".join(bad))
    total = sum(values.values())
    if total <= 0:
        raise CompositeError("at least one weight must be above zero")
    return {k: v / total for k, v in values.items()}


@dataclass(frozen=True)
class _Prepared:
    places: list[str]
    active: list[str]
    matrix: np.ndarray  # places x active components, normalised (log scale for geometric)
    imputed: np.ndarray  # bool, same shape
    excluded: list[str]
    reweight: bool = False  # missing cells leave the place's weights (eq. C3) instead of being filled

    def scores(self, weights: np.ndarray) -> np.ndarray:
        """Raw scores (log scale for C1) for weight vectors ``weights`` (active components x samples).

        With ``reweight`` a place's weights are re-normalised over the components it has (eq. C3):
        ``sum_i w_i a_ij m_ij / sum_i w_i a_ij`` with ``a_ij`` = 1 where the value exists.
        """
        if not self.reweight:
            return self.matrix @ weights
        have = (~self.imputed).astype("float64")
        return (np.where(self.imputed, 0.0, self.matrix) @ weights) / (have @ weights)


def _prepare(components: pd.DataFrame, active: Sequence[str], method: Method, missing: Missing) -> _Prepared:
    if method not in ("geometric", "additive"):
        raise CompositeError("method must be 'geometric' or 'additive', not {method!r}", method=method)
    if missing not in ("exclude", "neutral", "reweight"):
        raise CompositeError("missing must be 'exclude', 'neutral' or 'reweight', not {missing!r}", missing=missing)
    absent = [c for c in active if c not in components.columns]
    if absent:
        raise CompositeError("no column for component(s) {absent}", absent=", ".join(absent))
    values = components[list(active)].apply(pd.to_numeric, errors="coerce").astype("float64")
    values = values.replace([np.inf, -np.inf], np.nan)
    excluded: list[str] = []
    if missing == "exclude":
        gaps = values.isna().any(axis=1)
        excluded = [str(p) for p in values.index[gaps]]
        values = values[~gaps]
    elif missing == "reweight":
        empty = values.isna().all(axis=1)  # nothing to re-normalise over
        excluded = [str(p) for p in values.index[empty]]
        values = values[~empty]
    for column in active:
        if values[column].notna().sum() == 0:
            raise CompositeError("component '{column}' has no value for any place", column=column)
    if values.empty:
        raise CompositeError("no place has every weighted component; choose 'neutral' for missing values")
    if method == "geometric":
        nonpositive = values[(values <= 0).any(axis=1)]
        if not nonpositive.empty:
            raise CompositeError("the multiplicative index needs positive components; {index} has a zero or negative "
                                 "value (use the additive form)",
                                 index=nonpositive.index[0])
        logs = np.log(values)
        norm = logs - logs.mean()  # log(x / geometric mean): eq. C1, scale-free
        fill = 0.0  # the geometric mean itself
        matrix = norm.fillna(fill).to_numpy()
    else:
        low, high = values.min(), values.max()
        span = (high - low).replace(0.0, np.nan)
        scaled = (values - low) / span  # eq. C2, min-max, scale-free
        for column in values.columns[span.isna()]:  # a constant component: 0.5 for every place
            scaled[column] = np.where(values[column].notna(), 0.5, np.nan)
        matrix = scaled.fillna(scaled.mean()).to_numpy()
    return _Prepared([str(p) for p in values.index], list(active), matrix, values.isna().to_numpy(), excluded,
                     reweight=missing == "reweight")


def _ranks(scores: np.ndarray) -> np.ndarray:
    """Rank 1 = highest score; ties share the best rank ("min").  ``scores``: places x samples."""
    rounded = np.round(scores, 10)
    return (rounded[None, :, :] > rounded[:, None, :]).sum(axis=1) + 1


@dataclass(frozen=True)
class CompositeResult:
    """Ranking of places by the composite index.

    ``table`` columns: ``place``, ``score``, ``rank`` (1 = best), one normalised column per
    active component and ``imputed`` (components set to the neutral value, comma list).
    """

    table: pd.DataFrame
    weights: dict[str, float]
    method: str
    missing: str
    excluded: tuple[str, ...] = field(default=())


def composite_index(components: pd.DataFrame, weights: Mapping[str, float], *, method: Method = "geometric",
                    missing: Missing = "exclude") -> CompositeResult:
    """Ba Jiu Ling's (2025) composite talent-density index over places (rows) and components (columns).

    Multiplicative (``method="geometric"``; Ba Jiu Ling's (2025) product, weighted)::

        C_j = prod_i (x_ij / g_i) ** w_i,   g_i = geometric mean of x_i over places     (C1)

    Additive (``method="additive"``)::

        C_j = sum_i w_i (x_ij - min_i) / (max_i - min_i)                                  (C2)

    Weights are normalised to sum to 1 (:func:`normalise_weights`); components with
    weight 0 are ignored.  Both forms are unchanged when a component is multiplied by a
    positive constant (a change of unit).  With equal weights, C1 orders places as the
    geometric mean of their components.

    Parameters
    ----------
    components : places as index, components as columns (any positive units for C1).
    weights : component -> weight (any non-negative scale).
    missing : ``"exclude"`` drops places lacking a weighted component (listed in
        ``excluded``); ``"neutral"`` sets the gap to the neutral value (the geometric mean
        in C1, the mean scaled value in C2) and lists it in ``imputed``; ``"reweight"``
        scores each place on the components it has, its weights re-normalised over them
        (eq. C3: ``sum_i w_i a_ij m_ij / sum_i w_i a_ij``, ``a_ij`` = 1 where place j has
        component i), and lists the missing components in ``imputed``.  A place with no
        weighted component at all is excluded.

    Raises
    ------
    CompositeError
        Bad weights, unknown method, no usable place, or a non-positive value in C1.
    """
    w = normalise_weights(weights)
    active = [c for c, v in w.items() if v > 0]
    prep = _prepare(components, active, method, missing)
    vector = np.array([w[c] for c in active])
    raw = prep.scores(vector)
    score = np.exp(raw) if method == "geometric" else raw
    ranks = _ranks(raw[:, None])[:, 0]
    table = pd.DataFrame({"place": prep.places, "score": score, "rank": ranks})
    for i, c in enumerate(active):
        table[c] = np.exp(prep.matrix[:, i]) if method == "geometric" else prep.matrix[:, i]
    for i, c in enumerate(active):
        if prep.reweight:
            table.loc[prep.imputed[:, i], c] = np.nan  # left out of that place's score, not filled
    table["imputed"] = [", ".join(c for c, gap in zip(active, row) if gap) for row in prep.imputed]
    table = table.sort_values(["rank", "place"]).reset_index(drop=True)
    return CompositeResult(table, w, method, missing, tuple(prep.excluded))


def weight_grid(weights: Mapping[str, float], *, spread: float = 0.2, levels: int = 5) -> np.ndarray:
    """Deterministic weight samples: every combination of ``levels`` factors in [1 - spread, 1 + spread].

    Returns an array (samples x active components), each row normalised to sum to 1;
    ``levels=5`` and 4 components give 5**4 = 625 rows.  No random numbers are used.
    """
    if not 0 <= spread < 1:
        raise CompositeError("spread must be in [0, 1)")
    if levels < 1:
        raise CompositeError("levels must be at least 1")
    w = normalise_weights(weights)
    base = np.array([v for v in w.values() if v > 0])
    factors = np.linspace(1 - spread, 1 + spread, levels) if levels > 1 else np.array([1.0])
    grid = np.array(list(itertools.product(factors, repeat=base.size))) * base
    return grid / grid.sum(axis=1, keepdims=True)


def rank_stability(components: pd.DataFrame, weights: Mapping[str, float], *, method: Method = "geometric",
                   missing: Missing = "exclude", spread: float = 0.2, levels: int = 5, top: int = 5) -> pd.DataFrame:
    """How often each place stays in the top ``top`` when every weight moves within +/- ``spread``.

    Re-ranks the composite (eq. C1 or C2) for every row of :func:`weight_grid`.  Returns
    ``place``, ``rank`` (at the chosen weights), ``share_top`` (0-1), ``best_rank``,
    ``worst_rank`` and ``samples``, sorted by ``share_top`` then rank.
    """
    w = normalise_weights(weights)
    active = [c for c, v in w.items() if v > 0]
    prep = _prepare(components, active, method, missing)
    grid = weight_grid(w, spread=spread, levels=levels)
    ranks = _ranks(prep.scores(grid.T))
    base = _ranks(prep.scores(np.array([w[c] for c in active]))[:, None])[:, 0]
    out = pd.DataFrame({"place": prep.places, "rank": base, "share_top": (ranks <= top).mean(axis=1),
                        "best_rank": ranks.min(axis=1), "worst_rank": ranks.max(axis=1), "samples": grid.shape[0]})
    return out.sort_values(["share_top", "rank", "place"], ascending=[False, True, True]).reset_index(drop=True)


# --- user-held figures ------------------------------------------------------------------------

def validate_uploaded_figures(frame: pd.DataFrame, known_places: Iterable[str]) -> pd.DataFrame:
    """Check an uploaded table of figures a user holds (e.g. LinkedIn-Tsinghua numbers).

    Layout: a ``place`` column naming markets of the cities table, and one or more
    numeric columns (any names made of plain characters).  Returns ``place`` plus the
    numeric columns as floats.  Raises :class:`core.uploads.UploadError` with a message
    for the user otherwise.
    """
    if "place" not in frame.columns:
        raise uploads.UploadError("Missing column 'place' (the market name as in the comparison list).")
    numeric = [c for c in frame.columns if c != "place"]
    if not numeric:
        raise uploads.UploadError("Add at least one numeric column next to 'place'.")
    unsafe = [c for c in numeric if not uploads.is_safe_column_name(c)]
    if unsafe:
        raise uploads.UploadError("Column name(s) not allowed: {unsafe}. Use letters, digits, spaces and simple "
                                  "punctuation.",
                                  unsafe=", ".join(repr(c) for c in unsafe[:3]))
    return uploads.validate_panel(frame, keys=("place",), numeric=numeric, required=(), known_units=set(known_places),
                                  unit_column="place")
