"""Loaders for the bundled data in ``data/`` and ``geo/``.

One function per dataset.  Each reads the file, checks its schema and returns a
typed frame (or a parsed GeoJSON dict); none of them caches (the pages cache at
their boundary) and none of them writes.  A file that does not match its schema
raises :class:`DataSchemaError` naming the file and the column.

Units are in the column names (``_10k_yuan`` = 10,000 yuan, ``_100m_yuan`` =
100 million yuan, ``_pct`` = percent, ``_ratio`` = 0-1) or in ``data/SOURCES.md``.
"""

from __future__ import annotations

__all__ = ["DataSchemaError", "ROOT", "DATA_DIR", "GEO_DIR", "PAPER_YEARS", "check_schema", "load_regions",
           "paper_provinces", "load_table1", "table1_wide", "load_table2", "load_table3", "load_table4",
           "PublishedRegression", "load_table5", "IO_COLUMNS", "load_io_tables", "load_sectors",
           "load_digital_crosswalk", "load_national_employment", "load_digital_presets", "load_three_sector_map",
           "PANEL_COLUMNS", "load_panel", "load_pilot_lists", "load_city_province", "load_approval_years",
           "load_cbre_bands", "load_wipo_clusters", "load_wipo_aggregates", "load_geojson", "load_china_provinces",
           "load_world_countries", "load_tech_cities", "load_cities", "load_statements", "load_linkedin_facts",
           "load_china_links", "load_reports", "load_wipo_extra_facts", "load_cluster_facts", "load_proxies",
           "load_illustrative_values"]

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from core.errors import DataSchemaError

ROOT = Path(__file__).resolve().parents[1]
DATA_DIR = ROOT / "data"
GEO_DIR = ROOT / "geo"

FIRST_YEAR, LAST_YEAR = 2011, 2023
PAPER_YEARS = tuple(range(FIRST_YEAR, LAST_YEAR + 1))


def _relative(path: Path) -> str:
    try:
        return str(path.relative_to(ROOT))
    except ValueError:
        return str(path)


def check_schema(frame: pd.DataFrame, spec: Mapping[str, str], source: str) -> pd.DataFrame:
    """Check that ``frame`` has every column of ``spec`` with the right kind.

    ``spec`` maps column name to ``"str"``, ``"int"``, ``"float"`` or ``"bool"``.
    Numbers may be missing (NaN) but must not be text.  Returns the frame with
    the columns cast to their kind, in ``spec`` order followed by the others.
    """
    missing = [c for c in spec if c not in frame.columns]
    if missing:
        raise DataSchemaError("{source}: missing column(s) {missing}", source=source, missing=", ".join(missing))
    out = frame.copy()
    for column, kind in spec.items():
        values = out[column]
        if kind in ("int", "float"):
            numeric = pd.to_numeric(values, errors="coerce")
            bad = numeric.isna() & values.notna()
            if bad.any():
                example = values[bad].iloc[0]
                raise DataSchemaError("{source}: column '{column}' has text where a number is expected (e.g. "
                                      "{example!r})",
                                      source=source, column=column, example=example)
            if kind == "int":
                if numeric.isna().any():
                    raise DataSchemaError("{source}: column '{column}' has missing values",
                                          source=source, column=column)
                out[column] = numeric.astype("int64")
            else:
                out[column] = numeric.astype("float64")
        elif kind == "bool":
            out[column] = values.astype(str).str.lower().map({"true": True, "false": False})
            if out[column].isna().any():
                raise DataSchemaError("{source}: column '{column}' must be True/False", source=source, column=column)
            out[column] = out[column].astype(bool)
        elif kind == "str":
            out[column] = values.astype("string").fillna("").astype(str)
        else:  # pragma: no cover - programming error
            raise ValueError(f"unknown kind {kind!r}")
    return out[list(spec) + [c for c in out.columns if c not in spec]]


def _read_csv(relative: str, spec: Mapping[str, str]) -> pd.DataFrame:
    path = DATA_DIR / relative
    frame = pd.read_csv(path, dtype=str, keep_default_na=False, na_values=[""])
    return check_schema(frame, spec, _relative(path))


# --- reference ---------------------------------------------------------------

def load_regions() -> pd.DataFrame:
    """34 province-level units: GB code, English and Chinese names, NBS belt, paper cluster.

    ``region`` is east / central / west (empty for Taiwan, Hong Kong, Macao);
    ``cluster`` is one of Liu's (2026) four urban clusters or empty;
    ``in_paper`` marks the 30 provinces of Liu (2026; Tibet excluded).
    """
    return _read_csv("regions.csv", {"code": "str", "province": "str", "province_zh": "str",
                                     "region": "str", "cluster": "str", "in_paper": "bool"})


def paper_provinces() -> list[str]:
    """The 30 provinces of Liu (2026), in the paper's table order."""
    regions = load_regions()
    return regions.loc[regions.in_paper, "province"].tolist()


# --- the published tables of Liu (2026) -----------------------------------------

def load_table1() -> pd.DataFrame:
    """Table 1: agglomeration index ``idt`` (dimensionless), 30 provinces x 2011-2023, long form."""
    frame = _read_csv("published/table1_agglomeration_index.csv", {"province": "str", "year": "int", "idt": "float"})
    if len(frame) != 390 or frame.duplicated(["province", "year"]).any():
        raise DataSchemaError("data/published/table1_agglomeration_index.csv: expected 390 unique province-years")
    return frame


def table1_wide() -> pd.DataFrame:
    """Table 1 as printed: provinces in the paper's order as rows, years as columns."""
    long = load_table1()
    order = list(dict.fromkeys(long.province))
    return long.pivot(index="province", columns="year", values="idt").loc[order]


def load_table2() -> pd.DataFrame:
    """Table 2: published rank and mean index 2011-2023 (means rounded to 0.01)."""
    return _read_csv("published/table2_ranking.csv", {"rank": "int", "province": "str", "mean_idt": "float"})


def load_table3() -> pd.DataFrame:
    """Table 3: the nine explanatory variables, their definitions and transforms."""
    return _read_csv("published/table3_variables.csv", {"first_level": "str", "second_level": "str", "symbol": "str",
                                                         "definition": "str", "transform": "str"})


def load_table4() -> pd.DataFrame:
    """Table 4: descriptive statistics (n, mean, sd, min, max) of idt and the nine regressors."""
    return _read_csv("published/table4_descriptives.csv", {"variable": "str", "symbol": "str", "n": "int",
                                                            "mean": "float", "sd": "float", "min": "float", "max": "float"})


@dataclass(frozen=True)
class PublishedRegression:
    """Table 5 of Liu (2026): coefficients with t statistics and the model statistics."""

    coefficients: pd.DataFrame
    nobs: int
    rsquared: float
    rsquared_adj: float
    f_stat: float
    hausman_stat: float


def load_table5() -> PublishedRegression:
    """Table 5: entity fixed-effects regression of idt on the nine regressors (eq. 10)."""
    coefs = _read_csv("published/table5_fe_coefficients.csv", {"symbol": "str", "coef": "float", "t_stat": "float", "stars": "str"})
    stats = _read_csv("published/table5_model_stats.csv", {"statistic": "str", "value": "float", "where": "str"})
    value = stats.set_index("statistic")["value"]
    return PublishedRegression(coefs, int(value["nobs"]), float(value["rsquared"]), float(value["rsquared_adj"]),
                               float(value["f_stat_entity_effects"]), float(value["hausman_stat"]))


# --- input-output tables -------------------------------------------------------

IO_COLUMNS = {"year": "int", "table": "str", "region": "str", "row_code": "str", "col_code": "str", "value_10k_yuan": "float"}


def io_tables_path() -> Path:
    """Where the bundled IO tables are (one Parquet file)."""
    return DATA_DIR / "io" / "io_tables.parquet"


def load_io_tables() -> pd.DataFrame:
    """All bundled IO tables in one tidy frame (value in 10,000 yuan, current producer prices).

    ``table`` is ``provincial`` (42 sectors, 2007/2012/2017, competitive-import
    type) or ``national`` (42 sectors, 2012/2015/2017/2018/2020; 2017+ are
    non-competitive: imported intermediate rows are ``imp01``..``imp42``).
    Rows ``secNN`` supply, columns ``secNN`` purchase; see ``data/SOURCES.md``
    for the final-demand and value-added codes.
    """
    path = io_tables_path()
    frame = pd.read_parquet(path)
    return check_schema(frame, IO_COLUMNS, _relative(path))


def load_sectors() -> pd.DataFrame:
    """42 sector codes per classification scheme (2007, 2012, 2017) with Chinese and English names."""
    return _read_csv("io/sectors.csv", {"scheme": "int", "code": "str", "name_zh": "str", "name_en": "str"})


def load_digital_crosswalk() -> pd.DataFrame:
    """The paper's digital-core sectors (2012 codes 19/20/21/32/36) in each year's numbering."""
    return _read_csv("io/digital_core_crosswalk.csv", {"concept": "str", "concept_en": "str", "paper_code": "str",
                                                        "code_2007": "str", "code_2012": "str", "code_2017": "str"})


def load_national_employment() -> pd.DataFrame:
    """National employment by sector 1990-2018 (10,000 persons; Wang, Jia & Wang 2021)."""
    return _read_csv("io/national_employment_by_sector.csv", {"code": "str", "name_en": "str", "name_zh": "str",
                                                               "year": "int", "employed_10k": "float"})


def load_digital_presets() -> pd.DataFrame:
    """Named presets of digital-core concepts (paper's five sectors, narrow ICT, ...)."""
    frame = _read_csv("io/digital_presets.csv", {"preset": "str", "label": "str", "concept": "str"})
    unknown = set(frame.concept) - set(load_digital_crosswalk().concept)
    if unknown:
        raise DataSchemaError("data/io/digital_presets.csv: concepts not in the crosswalk: {unknown}",
                              unknown=sorted(unknown))
    return frame


def load_three_sector_map() -> pd.DataFrame:
    """Each sector code of each scheme mapped to primary / secondary / tertiary."""
    frame = _read_csv("io/three_sector_map.csv", {"scheme": "int", "code": "str", "three_sector": "str"})
    if not set(frame.three_sector) <= {"primary", "secondary", "tertiary"}:
        raise DataSchemaError("data/io/three_sector_map.csv: three_sector must be primary/secondary/tertiary")
    return frame


# --- provincial panel -------------------------------------------------------------

PANEL_COLUMNS = {
    "province": "str", "year": "int", "pcgdp_yuan": "float", "tertiary_share_pct": "float", "beds_per_10k": "float",
    "college_students_per_100k": "float", "reg_unemp_rate_pct": "float", "internet_penetration_pct": "float",
    "gdp_100m_yuan": "float", "gdp_primary_100m_yuan": "float", "gdp_secondary_100m_yuan": "float",
    "gdp_tertiary_100m_yuan": "float", "population_10k": "float", "urbanization_ratio": "float", "gdp_vintage": "str",
}


def load_panel() -> pd.DataFrame:
    """Real provincial statistics, 31 provinces x 2011-2023 (missing years are NaN, never filled).

    GDP by sector, population and urbanization cover 2011-2019 only, with a
    statistical revision between 2013 and 2014 (``gdp_vintage``); beds per
    10,000 people start in 2012 (2011 is on another definition and withheld).
    """
    return _read_csv("panel/province_panel.csv", PANEL_COLUMNS)


SERIES_COLUMNS = {
    "province": "str", "year": "int", "rd_expenditure_100m_yuan": "float", "rd_intensity_pct": "float",
    "rd_personnel_fte_person_years": "float", "ind_firms_rd_exp_10k_yuan": "float", "urban_avg_wage_yuan": "float",
    "budget_total_100m_yuan": "float", "budget_education_100m_yuan": "float",
    "budget_science_tech_100m_yuan": "float", "budget_agri_forestry_water_100m_yuan": "float",
    "budget_general_public_services_100m_yuan": "float", "budget_culture_sport_media_100m_yuan": "float",
    "budget_social_security_employment_100m_yuan": "float", "budget_health_100m_yuan": "float",
    "patent_applications_pieces": "float", "patent_grants_pieces": "float", "patent_valid_invention_pieces": "float",
    "tech_market_inflow_10k_yuan": "float", "tech_market_outflow_10k_yuan": "float",
    "hitech_revenue_100m_yuan": "float",
}


def load_series() -> pd.DataFrame:
    """Provincial science, wage and budget series, 31 provinces x 2010-2023 (NaN where a source has no value).

    R&D expenditure and intensity 2011-2023, R&D personnel 2010-2023, industrial firms' R&D 2018-2023, urban
    average wage in even years 2010-2020 only, public budget (total, education, S&T, agriculture) 2010-2023 and
    four more functions 2019-2023, patents 2010-2023, technology-market turnover (no 2011), high-tech revenue (no
    2017).  Units in the names; origins in ``data/SOURCES.md``.
    """
    frame = _read_csv("panel/province_series.csv", SERIES_COLUMNS)
    if frame.duplicated(["province", "year"]).any():
        raise DataSchemaError("data/panel/province_series.csv: duplicate province-years")
    return frame


# --- policy and global ----------------------------------------------------------------

def load_pilot_lists() -> pd.DataFrame:
    """Innovative-city pilot (2016 list, 2018 batch) and Broadband-China (2014-2016) units."""
    return _read_csv("policy/city_pilot_lists.csv", {"policy": "str", "list_year": "int", "raw_region_name": "str",
                                                      "prefecture_city": "str", "mapping_level": "str",
                                                      "source_document": "str", "source_url": "str"})


def load_city_province() -> pd.DataFrame:
    """Every unit of the pilot lists mapped to its province (hand-typed; ``admin_level`` flags county-level units)."""
    return _read_csv("policy/city_province.csv", {"prefecture_city": "str", "city_en": "str", "city_zh_full": "str",
                                                   "province": "str", "admin_level": "str", "note": "str"})


def load_pilot_batches() -> pd.DataFrame:
    """The official 2008/2010 batch notices: one row per unit and agency (MOST 2010-01-10, NDRC 2010-01-13)."""
    return _read_csv("policy/innovative_city_batches_2008_2010.csv", {
        "prefecture_city": "str", "unit_as_named": "str", "agency": "str", "batch": "str", "announce_date": "str",
        "year": "int", "source_url": "str", "source_type": "str"})


def load_approval_years() -> pd.DataFrame:
    """First-approval years of the innovative-city pilots: 2018 batch exact, 2008/2010 official notices (29 units),
    the other 32 units of the 2016 list empty (``unknown, enter``).

    ``first_approval_year`` is a float column (NaN = not known); ``year_status`` says how sure the year is.
    """
    return _read_csv("policy/pilot_approval_years.csv", {"prefecture_city": "str", "listed_units": "str",
                                                         "first_approval_year": "float", "year_status": "str",
                                                         "basis": "str"})


def load_cbre_bands() -> pd.DataFrame:
    """CBRE Global Tech Talent Guidebook 2025: tech-talent band (persons, 2023) per market."""
    return _read_csv("global/cbre_global_tech_talent_2025_bands.csv", {
        "market": "str", "country": "str", "region": "str", "tech_talent_band_2023": "str",
        "band_min": "float", "band_max": "float", "cbre_class_2025": "str", "note": "str"})


def load_wipo_clusters() -> pd.DataFrame:
    """WIPO GII 2025 (and some 2024) innovation-cluster ranks."""
    return _read_csv("global/wipo_gii_2025_clusters_partial.csv", {"gii_edition": "int", "rank": "int", "cluster": "str",
                                                                   "economy": "str", "source_confidence": "str", "note": "str"})


def load_wipo_aggregates() -> pd.DataFrame:
    """WIPO GII cluster counts by economy and shares (value kept as published text, e.g. '70 (approx.)')."""
    return _read_csv("global/wipo_gii_2025_cluster_aggregates.csv", {"gii_edition": "int", "metric": "str", "value": "str",
                                                                     "source_confidence": "str"})


# --- geometry -----------------------------------------------------------------------------

def load_geojson(name: str) -> dict[str, Any]:
    """A bundled GeoJSON FeatureCollection from ``geo/`` (exterior rings clockwise, as Vega needs)."""
    path = GEO_DIR / name
    if path.parent != GEO_DIR or path.suffix != ".geojson":
        raise DataSchemaError("unknown geometry file {name!r}", name=name)
    collection = json.loads(path.read_text(encoding="utf-8"))
    if collection.get("type") != "FeatureCollection" or not collection.get("features"):
        raise DataSchemaError("{path}: not a non-empty FeatureCollection", path=_relative(path))
    return collection


def load_china_provinces() -> dict[str, Any]:
    """34 province-level units (Natural Earth via QGIS; properties name, name_zh, code, label_lon, label_lat)."""
    collection = load_geojson("china_provinces.geojson")
    for feature in collection["features"]:
        if not {"name", "name_zh", "code"} <= set(feature["properties"]):
            raise DataSchemaError("geo/china_provinces.geojson: a feature lacks name, name_zh or code")
    return collection


def load_world_countries() -> dict[str, Any]:
    """177 countries at 1:110m (Natural Earth via world-atlas; properties name, iso_a3, iso_n3)."""
    return load_geojson("world_countries_110m.geojson")


def load_tech_cities() -> pd.DataFrame:
    """69 tech-hub cities with coordinates (GeoNames, CC BY 4.0)."""
    path = GEO_DIR / "world_tech_cities.csv"
    frame = pd.read_csv(path, dtype=str, keep_default_na=False, na_values=[""])
    return check_schema(frame, {"city": "str", "cluster": "str", "country": "str", "iso_a2": "str", "iso_a3": "str",
                                "lat": "float", "lon": "float", "population": "float", "geonameid": "str",
                                "geonames_name": "str"}, _relative(path))


# --- the global talent-cluster files (data/global/), validated against core.clusters' vocabulary ---------

def _read_global(name: str, spec: Mapping[str, str]) -> pd.DataFrame:
    from core.clusters import GLOBAL_DIR  # the global data's vocabulary
    path = DATA_DIR / GLOBAL_DIR / name
    try:
        frame = pd.read_csv(path, dtype=str, keep_default_na=False, na_values=[""])
    except (OSError, pd.errors.ParserError, UnicodeDecodeError) as exc:
        raise DataSchemaError("data/{global_dir}/{name}: cannot be read ({reason})",
                              global_dir=GLOBAL_DIR, name=name, reason=type(exc).__name__) from exc
    return check_schema(frame, spec, f"data/{GLOBAL_DIR}/{name}")


def _require_values(frame: pd.DataFrame, column: str, allowed: Iterable[str], source: str) -> None:
    bad = sorted(set(frame[column]) - set(allowed))
    if bad:
        raise DataSchemaError("{source}: column '{column}' has unexpected value(s) {bad}",
                              source=source, column=column, bad=bad)


def load_cities() -> pd.DataFrame:
    """Cities of the three sources joined with CBRE's bands (``data/global/cities.csv``).

    Returns one row per market with ``band_low`` / ``band_high`` (persons; ``band_high``
    NaN = open), ``band_text``, ``tier`` and ``cbre_class_2025``.  A city in the 48 whose
    band is not in the bundled CBRE rows is ``"100k+ (band not published here)"``.

    Raises
    ------
    DataSchemaError
        If a column is missing, a status or region is unknown, a market repeats, or the
        cities table disagrees with the CBRE band file about a market's country, region
        or whether its band is published.
    """
    from core.clusters import CONFIDENCE, NOT_KNOWN, REGIONS, STATUSES, STATUS_NOT_KNOWN, STATUS_PUBLISHED, STATUS_UNPUBLISHED, UNPUBLISHED, _band_of_row  # the global data's vocabulary

    source = "data/global/cities.csv"
    cities = _read_global("cities.csv", {"market": "str", "country": "str", "region": "str", "cbre_48_status": "str",
                                  "geo_city": "str", "wipo_cluster": "str", "linkedin_cluster": "str",
                                  "source": "str", "confidence": "str", "note": "str"})
    _require_values(cities, "cbre_48_status", STATUSES, source)
    _require_values(cities, "region", REGIONS, source)
    _require_values(cities, "confidence", CONFIDENCE, source)
    if cities.market.duplicated().any():
        raise DataSchemaError("{source}: market {market!r} repeats",
                              source=source, market=cities.market[cities.market.duplicated()].iloc[0])
    cbre = load_cbre_bands().set_index("market")
    merged = cities.join(cbre[["country", "region", "band_min", "band_max", "cbre_class_2025"]],
                         on="market", suffixes=("", "_cbre"))
    for row in merged.itertuples():
        in_cbre = row.market in cbre.index
        if in_cbre and (row.country != row.country_cbre or row.region != row.region_cbre):
            raise DataSchemaError("{source}: {market} has country/region {country}/{region}, the CBRE file "
                                  "{country_cbre}/{region_cbre}",
                                  source=source, market=row.market, country=row.country, region=row.region,
                                  country_cbre=row.country_cbre, region_cbre=row.region_cbre)
        published = in_cbre and not pd.isna(row.band_min)
        if (row.cbre_48_status == STATUS_PUBLISHED) != published:
            raise DataSchemaError("{source}: {market} is '{cbre_48_status}' but the CBRE file has a band for it"
                                  if published else
                                  "{source}: {market} is '{cbre_48_status}' but the CBRE file has no band for it",
                                  source=source, market=row.market, cbre_48_status=row.cbre_48_status)
    bands = [_band_of_row(s, lo, hi) for s, lo, hi in zip(merged.cbre_48_status, merged.band_min, merged.band_max)]
    out = cities.copy()
    out["band_low"] = [b.low if s != STATUS_NOT_KNOWN else np.nan for b, s in zip(bands, cities.cbre_48_status)]
    out["band_high"] = [np.nan if b.high is None else b.high for b in bands]
    out["band_text"] = [b.label() if s == STATUS_PUBLISHED else (UNPUBLISHED if s == STATUS_UNPUBLISHED else "—")
                        for b, s in zip(bands, cities.cbre_48_status)]
    out["tier"] = [b.tier() if s == STATUS_PUBLISHED else (UNPUBLISHED if s == STATUS_UNPUBLISHED else NOT_KNOWN)
                   for b, s in zip(bands, cities.cbre_48_status)]
    out["cbre_class_2025"] = merged.cbre_class_2025.fillna("").astype(str).values
    return out


def load_statements() -> pd.DataFrame:
    """Counts stated by Ba Jiu Ling (2025) about CBRE's 48 cities (``band_min_persons`` threshold, ``count`` cities)."""
    frame = _read_global("cbre_2025_statements.csv", {"statement": "str", "scope": "str", "group": "str",
                                              "band_min_persons": "int", "count": "int", "source": "str",
                                              "confidence": "str", "quote": "str"})
    _require_values(frame, "scope", ("world", "region", "country"), "data/global/cbre_2025_statements.csv")
    return frame


def load_linkedin_facts() -> pd.DataFrame:
    """LinkedIn-Tsinghua (2019) facts stated in the report's summary, long form (``fact``, ``subject``, ``object``, ``order``)."""
    from core.clusters import SKILL_SCORE  # the global data's vocabulary

    frame = _read_global("linkedin_tsinghua_2019_facts.csv", {"fact": "str", "subject": "str", "object": "str",
                                                       "order": "float", "source": "str", "confidence": "str",
                                                       "note": "str"})
    _require_values(frame, "fact", ("coverage", "corridor", "attractive_city", "skill_group", "non_ict_industry"),
                    "data/global/linkedin_tsinghua_2019_facts.csv")
    skill = frame[frame.fact == "skill_group"]
    _require_values(skill, "object", SKILL_SCORE, "data/global/linkedin_tsinghua_2019_facts.csv")
    return frame


def load_china_links() -> pd.DataFrame:
    """Chinese cities and clusters mapped to provinces (``place``, ``province``)."""
    frame = _read_global("china_links.csv", {"place": "str", "province": "str", "source": "str", "confidence": "str",
                                      "note": "str"})
    unknown = sorted(set(frame.province) - set(load_regions().province))
    if unknown:
        raise DataSchemaError("data/global/china_links.csv: unknown province(s) {unknown}", unknown=unknown)
    return frame


def load_reports() -> pd.DataFrame:
    """The reports behind the page, with publication dates (for the sources panel)."""
    return _read_global("reports.csv", {"report": "str", "publisher": "str", "published": "str", "used_for": "str",
                                 "where": "str", "licence": "str", "source": "str", "confidence": "str"})


def load_wipo_extra_facts() -> pd.DataFrame:
    """WIPO GII 2025 facts reported beside the ranks: clusters' shares of world publications and PCT filings.

    Long form (``gii_edition``, ``cluster``, ``economy``, ``metric``, ``value`` as text, ``unit``,
    ``source_url``, ``source_confidence``, ``note``); shares are percent of the world total.
    """
    frame = _read_global("wipo_gii_2025_extra_facts.csv", {
        "gii_edition": "int", "cluster": "str", "economy": "str", "metric": "str", "value": "str", "unit": "str",
        "source_url": "str", "source_confidence": "str", "note": "str"})
    _require_values(frame, "unit", ("percent", "rank", "list"), "data/global/wipo_gii_2025_extra_facts.csv")
    return frame


def load_cluster_facts() -> pd.DataFrame:
    """Counts stated for a cluster in one year (``value``) with its share of China's total (percent)."""
    return _read_global("cluster_facts_2024.csv", {"cluster": "str", "year": "int", "metric": "str", "value": "float",
                                            "unit": "str", "share_of_china_percent": "float", "source": "str",
                                            "confidence": "str", "quote": "str"})


def load_proxies() -> pd.DataFrame:
    """Catalogue of component proxies; ``illustrative`` marks those that are not measurements."""
    from core.clusters import COMPONENTS  # the global data's vocabulary

    frame = _read_global("composite_proxies.csv", {"component": "str", "proxy": "str", "label": "str", "unit": "str",
                                            "illustrative": "bool", "source": "str", "confidence": "str",
                                            "note": "str"})
    _require_values(frame, "component", COMPONENTS, "data/global/composite_proxies.csv")
    return frame


def load_illustrative_values() -> pd.DataFrame:
    """Values of the illustrative proxies (set by the app authors, not measurements), long form."""
    frame = _read_global("composite_illustrative.csv", {"market": "str", "component": "str", "value": "float",
                                                 "unit": "str", "illustrative": "bool", "source": "str",
                                                 "confidence": "str", "note": "str"})
    if not frame.illustrative.all():
        raise DataSchemaError("data/global/composite_illustrative.csv: every row must be marked illustrative")
    return frame
