"""Compile the bundled data files in ``data/`` and ``geo/`` from ``../shared``.

Run once by a maintainer (``python scripts/build_data.py``); the app and the
tests never read ``../shared``.  Every output is written deterministically so a
rebuild gives byte-identical files, and ``data/MANIFEST.sha256`` is rewritten at
the end.  Published figures of the 001 paper are parsed from the seed text and
cross-checked against each other before anything is written.
"""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import sys
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
# ``../shared`` beside the clone (a worktree under ``wt/`` finds it one level further up).
SHARED = next((d / "shared" for d in ROOT.parents if (d / "shared" / "data-sources").is_dir()), ROOT.parent / "shared")
SOURCES = SHARED / "data-sources"
SEED_001 = SHARED / "seeds" / "001_6f1902168498fce9.txt"
DATA = ROOT / "data"
GEO = ROOT / "geo"

# Province reference: GB/T 2260 code, English, Chinese, NBS three-belt region.
# The four clusters follow the 001 paper's conclusion (Jing-Jin-Ji, the Yangtze
# River Delta core Jiangsu-Zhejiang-Shanghai, the Pearl River Delta (Guangdong)
# and Cheng-Yu (Chongqing-Sichuan)).
PROVINCES = [
    ("110000", "Beijing", "北京", "east", "Jing-Jin-Ji"),
    ("120000", "Tianjin", "天津", "east", "Jing-Jin-Ji"),
    ("130000", "Hebei", "河北", "east", "Jing-Jin-Ji"),
    ("140000", "Shanxi", "山西", "central", ""),
    ("150000", "Inner Mongolia", "内蒙古", "west", ""),
    ("210000", "Liaoning", "辽宁", "east", ""),
    ("220000", "Jilin", "吉林", "central", ""),
    ("230000", "Heilongjiang", "黑龙江", "central", ""),
    ("310000", "Shanghai", "上海", "east", "Yangtze River Delta"),
    ("320000", "Jiangsu", "江苏", "east", "Yangtze River Delta"),
    ("330000", "Zhejiang", "浙江", "east", "Yangtze River Delta"),
    ("340000", "Anhui", "安徽", "central", ""),
    ("350000", "Fujian", "福建", "east", ""),
    ("360000", "Jiangxi", "江西", "central", ""),
    ("370000", "Shandong", "山东", "east", ""),
    ("410000", "Henan", "河南", "central", ""),
    ("420000", "Hubei", "湖北", "central", ""),
    ("430000", "Hunan", "湖南", "central", ""),
    ("440000", "Guangdong", "广东", "east", "Pearl River Delta"),
    ("450000", "Guangxi", "广西", "west", ""),
    ("460000", "Hainan", "海南", "east", ""),
    ("500000", "Chongqing", "重庆", "west", "Cheng-Yu"),
    ("510000", "Sichuan", "四川", "west", "Cheng-Yu"),
    ("520000", "Guizhou", "贵州", "west", ""),
    ("530000", "Yunnan", "云南", "west", ""),
    ("540000", "Tibet", "西藏", "west", ""),
    ("610000", "Shaanxi", "陕西", "west", ""),
    ("620000", "Gansu", "甘肃", "west", ""),
    ("630000", "Qinghai", "青海", "west", ""),
    ("640000", "Ningxia", "宁夏", "west", ""),
    ("650000", "Xinjiang", "新疆", "west", ""),
    ("710000", "Taiwan", "台湾", "", ""),
    ("810000", "Hong Kong", "香港", "", ""),
    ("820000", "Macao", "澳门", "", ""),
]

# English sector names per classification scheme (2012 and 2017 from the NBS
# national tables' English descriptions; 2007 translated from its Chinese names).
SECTORS_EN_2007 = [
    "Agriculture, forestry, animal husbandry and fishery", "Mining and washing of coal",
    "Extraction of petroleum and natural gas", "Mining and processing of metal ores",
    "Mining and processing of non-metal and other ores", "Food and tobacco",
    "Textiles", "Wearing apparel, footwear, leather, fur and feather products",
    "Timber processing and furniture", "Paper, printing and articles for culture, education and sports",
    "Petroleum processing, coking and nuclear fuel", "Chemical industry",
    "Non-metallic mineral products", "Smelting and rolling of metals", "Metal products",
    "General and special purpose machinery", "Transport equipment",
    "Electrical machinery and equipment",
    "Communication equipment, computers and other electronic equipment",
    "Instruments, meters, cultural and office machinery", "Handicrafts and other manufacturing",
    "Scrap and waste", "Production and supply of electric power and heat power",
    "Production and supply of gas", "Production and supply of water", "Construction",
    "Transport and storage", "Postal services",
    "Information transmission, computer services and software", "Wholesale and retail trades",
    "Accommodation and catering", "Finance", "Real estate", "Leasing and business services",
    "Research and experimental development", "Comprehensive technical services",
    "Management of water conservancy, environment and public facilities",
    "Resident and other services", "Education", "Health, social security and social welfare",
    "Culture, sports and entertainment", "Public administration and social organizations",
]

# The 001 paper's five digital-core sectors (2012 codes 19, 20, 21, 32, 36) and
# their codes in the 2007 and 2017 schemes (shared/data-sources SOURCE.md table).
CROSSWALK = [
    ("electrical_machinery", "Electrical machinery and equipment", "19", "sec18", "sec19", "sec19"),
    ("electronics", "Communication equipment, computers and other electronic equipment", "20", "sec19", "sec20", "sec20"),
    ("instruments", "Instruments and meters", "21", "sec20", "sec21", "sec21"),
    ("information_services", "Information transmission, software and IT services", "32", "sec29", "sec32", "sec31"),
    ("research_technical", "Scientific research and technical services", "36", "sec35", "sec36", "sec35"),
    ("research_technical", "Scientific research and technical services", "36", "sec36", "", "sec36"),
]


def write_csv(frame: pd.DataFrame, path: Path, float_format: str | None = "%.10g") -> None:
    """``float_format=None`` writes Python's shortest round-trip repr (values unchanged to the last digit)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    frame.to_csv(path, index=False, lineterminator="\n", float_format=float_format)


def seed_table_lines(text: str, start: str, stop: str) -> list[str]:
    block = text.split(start, 1)[1].split(stop, 1)[0]
    return [ln for ln in block.splitlines() if ln.strip()]


def build_published() -> None:
    text = SEED_001.read_text(encoding="utf-8")
    names = {p[1] for p in PROVINCES}

    # Table 1 ----------------------------------------------------------------
    rows = []
    years = list(range(2011, 2024))
    for line in seed_table_lines(text, "Table 1 Industrial", "To make the analysis easier"):
        parts = line.split("\t")
        if parts[0] in names:
            values = [float(v) for v in parts[1:]]
            assert len(values) == 13, line
            rows += [(parts[0], y, v) for y, v in zip(years, values)]
    t1 = pd.DataFrame(rows, columns=["province", "year", "idt"])
    assert len(t1) == 390 and t1.province.nunique() == 30, len(t1)
    write_csv(t1, DATA / "published" / "table1_agglomeration_index.csv")

    # Table 2 ----------------------------------------------------------------
    rows = []
    for line in seed_table_lines(text, "Table 2 Average", "Looking at the calculation"):
        parts = line.split("\t")
        if parts[0].isdigit():
            for i in range(0, len(parts), 3):
                rows.append((int(parts[i]), parts[i + 1], float(parts[i + 2])))
    t2 = pd.DataFrame(rows, columns=["rank", "province", "mean_idt"]).sort_values("rank")
    assert len(t2) == 30
    means = t1.groupby("province").idt.mean()
    diff = (t2.set_index("province").mean_idt - means).abs()
    assert diff.max() < 0.01 + 1e-9, diff.sort_values().tail()
    order = means.rank(ascending=False, method="first").astype(int)
    assert (t2.set_index("province")["rank"].sort_index() == order.sort_index()).all(), (t2, order)
    write_csv(t2, DATA / "published" / "table2_ranking.csv")

    # Table 3 ----------------------------------------------------------------
    t3 = pd.DataFrame(
        [
            ("Economic Environment", "Gross Regional Product", "gdp", "Regional GDP (processed by logarithm)", "log"),
            ("Economic Environment", "Per Capita Wage", "pcw", "Average wage of employees in urban units (processed by logarithm)", "log"),
            ("Industrial Environment", "Digital Economy Level", "del", "Construct an indicator system and calculate the score using the entropy weight method", "score"),
            ("Industrial Environment", "Economic Structure", "estr", "Share of tertiary industry output in GDP", "ratio"),
            ("Cultural Environment", "Population Quality", "pdl", "Number of college students per 100,000 people (processed by logarithm)", "log"),
            ("Cultural Environment", "R&D Investment Intensity", "rd", "The ratio of R&D spending by industrial firms above a designated scale to GDP", "ratio"),
            ("Living Environment", "Urbanization Rate", "urban", "Urban population as a share of total population", "ratio"),
            ("Living Environment", "Medical Care Level", "med", "Number of medical institution beds per 10,000 people (processed by logarithm)", "log"),
            ("Living Environment", "Public Service Level", "psl", "Proportion of employees in the public service sector to the total urban employed population", "ratio"),
        ],
        columns=["first_level", "second_level", "symbol", "definition", "transform"],
    )
    assert all(s in text for s in t3.definition)
    write_csv(t3, DATA / "published" / "table3_variables.csv")

    # Table 4 ----------------------------------------------------------------
    rows = []
    for line in seed_table_lines(text, "Table 4 Descriptive Statistics of Variables", "4.2. Model Construction"):
        parts = line.split("\t")
        if len(parts) == 7 and parts[2].isdigit():
            rows.append((parts[0], parts[1].lower(), int(parts[2]), *map(float, parts[3:])))
    t4 = pd.DataFrame(rows, columns=["variable", "symbol", "n", "mean", "sd", "min", "max"])
    assert len(t4) == 10 and t4.symbol.iloc[0] == "idt"
    idx = t1.idt
    assert abs(idx.mean() - t4["mean"].iloc[0]) < 0.001 and abs(idx.std() - t4.sd.iloc[0]) < 0.001
    write_csv(t4, DATA / "published" / "table4_descriptives.csv")

    # Table 5 ----------------------------------------------------------------
    block = text.split("Table 5 Panel Data Regression Results", 1)[1].split("t statistics in parentheses", 1)[0]
    coef = re.findall(r"\t(\w+)\t(-?[\d.]+)(\**)\s*\n\s*\t\t\((-?[\d.]+)\)", block)
    t5 = pd.DataFrame(coef, columns=["symbol", "coef", "stars", "t_stat"])
    t5["coef"] = t5.coef.astype(float)
    t5["t_stat"] = t5.t_stat.astype(float)
    t5["symbol"] = t5.symbol.replace({"_cons": "const"})
    assert t5.symbol.tolist() == ["gdp", "pcw", "del", "estr", "pdl", "rd", "urban", "med", "psl", "const"], t5
    write_csv(t5[["symbol", "coef", "t_stat", "stars"]], DATA / "published" / "table5_fe_coefficients.csv")
    stats = pd.DataFrame(
        [
            ("nobs", 390, "N in Table 5"),
            ("rsquared", 0.31, "R-squared in Table 5"),
            ("rsquared_adj", 0.23, "adjusted R-squared in Table 5"),
            ("f_stat_entity_effects", 89.81, "F test, section 4.2 text (significant at 1 %)"),
            ("hausman_stat", 296.92, "Hausman test, section 4.2 text (significant at 1 %)"),
        ],
        columns=["statistic", "value", "where"],
    )
    assert "89.81" in text and "296.92" in text
    write_csv(stats, DATA / "published" / "table5_model_stats.csv")


def build_regions() -> None:
    rows = [
        {
            "code": code, "province": en, "province_zh": zh, "region": region,
            "cluster": cluster, "in_paper": en not in {"Tibet", "Taiwan", "Hong Kong", "Macao"},
        }
        for code, en, zh, region, cluster in PROVINCES
    ]
    write_csv(pd.DataFrame(rows), DATA / "regions.csv")


def build_io() -> None:
    zh_to_en = {p[2]: p[1] for p in PROVINCES}
    frames = []
    src = SOURCES / "china-provincial-io-42"
    for year in (2007, 2012, 2017):
        wide = pd.read_csv(src / f"provincial_io_{year}_42.csv")
        assert set(wide.province.map(zh_to_en)) == set(wide.province_en)
        long = wide.drop(columns=["province", "row_name"]).melt(
            id_vars=["year", "province_en", "row_code"], var_name="col_code", value_name="value"
        )
        long = long.rename(columns={"province_en": "region"})
        long.insert(1, "table", "provincial")
        frames.append(long.dropna(subset=["value"]))
    nat = SOURCES / "china-national-io"
    for year in (2012, 2015, 2017, 2018, 2020):
        wide = pd.read_csv(nat / f"national_io_{year}_42.csv", dtype={"Code": str})
        origin = wide["Origin"] if "Origin" in wide else pd.Series("", index=wide.index)
        code = wide["Code"].where(~wide["Code"].str.fullmatch(r"\d\d"), "sec" + wide["Code"])
        code = code.where(origin != "Imports", code.str.replace("sec", "imp"))
        wide = wide.assign(row_code=code).drop(columns=[c for c in ("Code", "Description", "DescriptionInChinese", "Origin") if c in wide])
        wide = wide.rename(columns={c: f"sec{c}" for c in wide.columns if re.fullmatch(r"\d\d", c)})
        long = wide.melt(id_vars=["row_code"], var_name="col_code", value_name="value").dropna(subset=["value"])
        long.insert(0, "year", year)
        long.insert(1, "table", "national")
        long.insert(2, "region", "China")
        frames.append(long)
    io = pd.concat(frames, ignore_index=True)
    io["year"] = io.year.astype("int16")
    io["value"] = io.value.astype("float64")
    io = io.rename(columns={"value": "value_10k_yuan"})
    (DATA / "io").mkdir(parents=True, exist_ok=True)
    io.to_parquet(DATA / "io" / "io_tables.parquet", index=False, compression="zstd")

    sectors = []
    for year in (2007, 2012, 2017):
        s = pd.read_csv(src / f"sectors_{year}.csv")
        if year == 2007:
            en = SECTORS_EN_2007
        else:
            n = pd.read_csv(nat / f"national_io_{2015 if year == 2012 else 2017}_42.csv", dtype={"Code": str})
            en = n.drop_duplicates("Code").set_index("Code").loc[[f"{i:02d}" for i in range(1, 43)], "Description"].tolist()
        sectors.append(pd.DataFrame({"scheme": year, "code": s.code, "name_zh": s.name_zh, "name_en": en}))
    write_csv(pd.concat(sectors), DATA / "io" / "sectors.csv")
    cw = pd.DataFrame(CROSSWALK, columns=["concept", "concept_en", "paper_code", "code_2007", "code_2012", "code_2017"])
    write_csv(cw, DATA / "io" / "digital_core_crosswalk.csv")
    emp = pd.read_csv(nat / "china_sectoral_employment_1990_2018.csv")
    emp = emp.melt(id_vars=["Code", "Description", "DescriptionInChinese"], var_name="year", value_name="employed_10k")
    emp = emp.rename(columns={"Code": "code", "Description": "name_en", "DescriptionInChinese": "name_zh"})
    write_csv(emp, DATA / "io" / "national_employment_by_sector.csv")


def build_panel() -> None:
    zh_to_en = {p[2]: p[1] for p in PROVINCES}
    res = pd.read_csv(SOURCES / "cn-province-panel-resilience" / "province_panel_2011_2023.csv")
    res["province"] = res.province.map(zh_to_en)
    res = res[["province", "year", "pcgdp_yuan", "tertiary_share_pct", "beds_per_10k",
               "college_students_per_100k", "reg_unemp_rate_pct", "internet_penetration_pct"]]
    # 2011 beds are on a different definition (SOURCE.md): withheld, not guessed.
    res.loc[res.year == 2011, "beds_per_10k"] = np.nan
    carb = pd.read_csv(SOURCES / "cn-province-carbondata" / "province_gdp_pop_urban_2011_2019.csv")
    carb = carb.rename(columns={"province_en": "province"})[
        ["province", "year", "gdp_100m_yuan", "gdp_primary_100m_yuan", "gdp_secondary_100m_yuan",
         "gdp_tertiary_100m_yuan", "population_10k", "urbanization_ratio"]]
    panel = res.merge(carb, on=["province", "year"], how="left")
    panel["gdp_vintage"] = np.where(panel.gdp_100m_yuan.isna(), "", np.where(panel.year <= 2013, "first-release", "revised-2014"))
    panel = panel.sort_values(["province", "year"])
    assert len(panel) == 31 * 13
    write_csv(panel, DATA / "panel" / "province_panel.csv")


# Province series of issue 15: (source folder, file, {source column: compiled column}); values copied unchanged,
# national rows (全国 / 地方合计) dropped, provinces renamed to English.  Units are in the compiled names.
SERIES = [
    ("cn-province-rd-intensity", "rd_intensity_province_2011_2023.csv", {
        "rd_expenditure_100m_yuan": "rd_expenditure_100m_yuan", "rd_intensity_pct": "rd_intensity_pct"}),
    ("cn-province-rd-intensity", "rd_personnel_fte_province_2010_2023.csv", {
        "rd_personnel_fte_total": "rd_personnel_fte_person_years"}),
    ("cn-province-industrial-firms-rd", "industrial_firms_rd_province_2018_2023.csv", {
        "rd_intramural_exp_10k_yuan": "ind_firms_rd_exp_10k_yuan"}),
    ("cn-province-urban-wage-even-years", "urban_avg_wage_province_even_years_2010_2020.csv", {
        "urban_avg_wage_yuan": "urban_avg_wage_yuan"}),
    ("cn-province-public-budget", "public_budget_4func_province_2010_2023.csv", {
        "exp_total_100m_yuan": "budget_total_100m_yuan", "exp_education_100m_yuan": "budget_education_100m_yuan",
        "exp_science_tech_100m_yuan": "budget_science_tech_100m_yuan",
        "exp_agri_forestry_water_100m_yuan": "budget_agri_forestry_water_100m_yuan"}),
    ("cn-province-public-budget", "public_budget_allfunc_province_2019_2023.csv", {
        "exp_general_public_services_100m_yuan": "budget_general_public_services_100m_yuan",
        "exp_culture_tourism_sport_media_100m_yuan": "budget_culture_sport_media_100m_yuan",
        "exp_social_security_employment_100m_yuan": "budget_social_security_employment_100m_yuan",
        "exp_health_100m_yuan": "budget_health_100m_yuan"}),
    ("cn-province-patents", "patents_province_2010_2023.csv", {
        "applications_accepted_total_pieces": "patent_applications_pieces",
        "granted_total_pieces": "patent_grants_pieces",
        "valid_invention_pieces": "patent_valid_invention_pieces"}),
    ("cn-province-tech-market", "tech_market_contracts_province_2000_2023.csv", {
        "inflow_turnover_10k_yuan": "tech_market_inflow_10k_yuan",
        "outflow_turnover_10k_yuan": "tech_market_outflow_10k_yuan"}),
    ("cn-province-hitech-industry", "hitech_industry_operation_province_2010_2023.csv", {
        "revenue_100m_yuan": "hitech_revenue_100m_yuan"}),
]
SERIES_YEARS = range(2010, 2024)


def build_series() -> None:
    """``panel/province_series.csv``: 31 provinces x 2010-2023, one column per source column (values unchanged)."""
    zh_to_en = {p[2]: p[1] for p in PROVINCES}
    provinces = [p[1] for p in PROVINCES[:31]]
    out = pd.DataFrame([(p, y) for p in provinces for y in SERIES_YEARS], columns=["province", "year"])
    for folder, name, columns in SERIES:
        src = pd.read_csv(SOURCES / folder / name)
        src = src[~src.province_zh.isin(["全国", "地方合计"])]
        src = src.assign(province=src.province_zh.map(zh_to_en))
        assert src.province.notna().all() and not src.duplicated(["province", "year"]).any(), name
        src = src[src.year.isin(SERIES_YEARS)][["province", "year", *columns]].rename(columns=columns)
        out = out.merge(src, on=["province", "year"], how="left", validate="one_to_one")
    assert len(out) == 31 * len(SERIES_YEARS)
    write_csv(out, DATA / "panel" / "province_series.csv", float_format=None)


def build_pilot_years() -> None:
    """Copy the official 2008/2010 batch files and rewrite ``pilot_approval_years.csv`` from them.

    The 2018 batch (``exact``) stays; the 29 units found in the MOST (2010-01-10) and NDRC (2010-01-13, Shenzhen
    2008) notices get ``official``; the 32 others stay empty (``unknown, enter``).
    """
    src = SOURCES / "cn-city-pilot-policies"
    for name in ("innovative_city_batches_2008_2010.csv", "list2016_first_year_found.csv"):
        shutil.copyfile(src / name, DATA / "policy" / name)
    found = pd.read_csv(src / "list2016_first_year_found.csv").set_index("prefecture_city")
    batches = pd.read_csv(src / "innovative_city_batches_2008_2010.csv")
    years = pd.read_csv(DATA / "policy" / "pilot_approval_years.csv", dtype=str, keep_default_na=False)
    for i, row in years.iterrows():
        if row.year_status == "exact":
            continue
        city = row.prefecture_city
        assert city in found.index, city
        year = found.loc[city, "first_year_found"]
        if pd.isna(year):
            years.loc[i, ["first_approval_year", "year_status", "basis"]] = [
                "", "unknown, enter", "approved 2011-2013 (on the Dec-2016 list); no batch document found"]
            continue
        docs = batches[batches.prefecture_city == city]
        assert int(docs.year.min()) == int(year), city
        basis = "; ".join(f"{a} {d}" for a, d in zip(docs.agency, docs.announce_date))
        years.loc[i, ["first_approval_year", "year_status", "basis"]] = [
            str(int(year)), "official", f"official notice: {basis} (innovative_city_batches_2008_2010.csv)"]
    counts = years.year_status.value_counts().to_dict()
    assert counts == {"exact": 17, "official": 29, "unknown, enter": 32}, counts
    years.to_csv(DATA / "policy" / "pilot_approval_years.csv", index=False, lineterminator="\n")


def build_policy_and_global() -> None:
    shutil.copyfile(SOURCES / "cn-city-pilot-policies" / "city_pilot_lists.csv", DATA / "policy" / "city_pilot_lists.csv")
    src = SOURCES / "global-talent-clusters"
    for name in ("cbre_global_tech_talent_2025_bands.csv", "wipo_gii_2025_clusters_partial.csv",
                 "wipo_gii_2025_cluster_aggregates.csv"):
        shutil.copyfile(src / name, DATA / "global" / name)


# Facts of the Shenzhen-Hong Kong-Guangzhou cluster stated in the article on CBRE's 2025 guide and WIPO's 2025
# cluster ranking (seeds/003): each row is checked against the quoted sentence of the seed before it is written.
SEED_003 = SHARED / "seeds" / "003_a6a722f412903461.txt"
CLUSTER_FACTS_QUOTE = "2024年,深港廣三地的發明專利授權量共計11.3萬件,占國內總量的12.1%;PCT國際專利申請量達1.9萬件,占國內總量的27.5%"
CLUSTER_FACTS = [
    # cluster, year, metric, value, unit, share of China's total (percent), quoted figure
    ("Shenzhen–Hong Kong–Guangzhou", 2024, "invention_patents_granted", 113000, "patents", 12.1, "11.3萬件"),
    ("Shenzhen–Hong Kong–Guangzhou", 2024, "pct_applications", 19000, "applications", 27.5, "1.9萬件"),
]


def build_global_facts() -> None:
    """``global/wipo_gii_2025_extra_facts.csv`` (copied unchanged) and ``global/cluster_facts_2024.csv`` (typed)."""
    shutil.copyfile(SOURCES / "global-talent-clusters" / "wipo_gii_2025_extra_facts.csv",
                    DATA / "global" / "wipo_gii_2025_extra_facts.csv")
    text = SEED_003.read_text(encoding="utf-8")
    assert CLUSTER_FACTS_QUOTE in text, "the quoted sentence is not in seed 003"
    rows = []
    for cluster, year, metric, value, unit, share, figure in CLUSTER_FACTS:
        assert figure in CLUSTER_FACTS_QUOTE and f"{share}%" in CLUSTER_FACTS_QUOTE, (metric, figure, share)
        assert abs(float(figure.removesuffix("萬件")) * 10_000 - value) < 1e-6, (metric, figure, value)
        rows.append({"cluster": cluster, "year": year, "metric": metric, "value": value, "unit": unit,
                     "share_of_china_percent": share,
                     "source": "article on CBRE's Global Tech Talent Guidebook 2025 and WIPO GII 2025 (巴九靈, 2025)",
                     "confidence": "medium", "quote": CLUSTER_FACTS_QUOTE})
    write_csv(pd.DataFrame(rows), DATA / "global" / "cluster_facts_2024.csv")


def build_geo() -> None:
    for name in ("china_provinces.geojson", "world_countries_110m.geojson", "world_tech_cities.csv"):
        shutil.copyfile(SHARED / "geo" / name, GEO / name)


def write_manifest() -> None:
    files = sorted(p for p in list(DATA.rglob("*")) + list(GEO.rglob("*"))
                   if p.is_file() and p.name != "MANIFEST.sha256")
    lines = [f"{hashlib.sha256(p.read_bytes()).hexdigest()}  {Path('..') / p.relative_to(ROOT) if p.is_relative_to(GEO) else p.relative_to(DATA)}"
             for p in files]
    (DATA / "MANIFEST.sha256").write_text("\n".join(lines) + "\n", encoding="utf-8")


def write_prepared(path: Path, stamp: dict, features: list) -> Path:
    """A geometry prepared at build time (``scripts/build_*_geometry.py``): a compact FeatureCollection stamped
    with what it was made from (``core.geo.PREPARED_KEY``), which the pages use only while the stamp matches."""
    from core import geo

    out = {"type": "FeatureCollection", geo.PREPARED_KEY: stamp, "features": features}
    path.write_text(json.dumps(out, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8")
    return path


def publish_prepared(path: Path) -> int:
    """After a prepared file is written: the manifest again, and what was written."""
    write_manifest()
    print(f"wrote {path.relative_to(ROOT)} ({path.stat().st_size / 1024:.0f} KB) and data/MANIFEST.sha256")
    return 0


def main(argv: list[str]) -> int:
    for d in (DATA / "published", DATA / "io", DATA / "panel", DATA / "policy", DATA / "global", GEO):
        d.mkdir(parents=True, exist_ok=True)
    steps = {"published": build_published, "regions": build_regions, "io": build_io, "panel": build_panel,
             "series": build_series, "pilots": build_pilot_years, "other": build_policy_and_global, "geo": build_geo,
             "global_facts": build_global_facts}
    # "manifest" alone only re-hashes: use it after adding a hand-compiled file to data/.
    for name in argv or list(steps):
        if name != "manifest":
            steps[name]()
    write_manifest()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
