"""Bundled data: schemas, provenance checks between published tables, checksums."""

from __future__ import annotations

import pandas as pd
import pytest

from core import agglomeration, datasets
from tests.conftest import manifest_mismatches


def test_manifest_verifies_every_bundled_file():
    assert manifest_mismatches() == []


def test_manifest_covers_data_and_geo():
    names = (datasets.DATA_DIR / "MANIFEST.sha256").read_text().split()
    assert "../geo/china_provinces.geojson" in names
    assert "published/table1_agglomeration_index.csv" in names
    bundled = {str(p.relative_to(datasets.DATA_DIR)) for p in datasets.DATA_DIR.rglob("*")
               if p.is_file() and p.name != "MANIFEST.sha256"}
    assert bundled <= set(names), f"unhashed files: {bundled - set(names)}"


def test_table1_has_390_values_for_the_papers_30_provinces():
    t1 = datasets.load_table1()
    assert len(t1) == 390
    assert sorted(t1.province.unique()) == sorted(datasets.paper_provinces())
    assert "Tibet" not in set(t1.province)
    assert t1.year.min() == 2011 and t1.year.max() == 2023
    wide = datasets.table1_wide()
    assert wide.loc["Beijing", 2017] == 2.69 and wide.loc["Xinjiang", 2017] == 0.36


def test_table2_ranks_follow_from_table1_and_means_agree_within_001():
    ours = agglomeration.rank_by_mean(datasets.load_table1()).set_index("province")
    published = datasets.load_table2().set_index("province")
    assert (ours["rank"] == published["rank"].reindex(ours.index)).all()
    gap = (ours["mean_idt"] - published["mean_idt"].reindex(ours.index)).abs()
    assert gap.max() <= 0.01
    # the two cells the author rounded from unrounded data
    assert set(gap.nlargest(2).index) == {"Anhui", "Shanghai"}
    assert gap.nlargest(2).min() > 0.005


def test_table4_index_row_follows_from_table1():
    row = datasets.load_table4().set_index("symbol").loc["idt"]
    stats = agglomeration.describe(datasets.load_table1())
    assert stats.n == row.n == 390
    assert stats.mean == pytest.approx(row["mean"], abs=0.001)
    assert stats.sd == pytest.approx(row.sd, abs=0.001)
    assert stats.min == pytest.approx(row["min"], abs=0.005)
    assert stats.max == pytest.approx(row["max"], abs=0.005)


def test_table5_statistics():
    t5 = datasets.load_table5()
    assert (t5.nobs, t5.rsquared, t5.f_stat, t5.hausman_stat) == (390, 0.31, 89.81, 296.92)
    assert t5.coefficients.set_index("symbol").loc["rd", "coef"] == -8.547


def test_regions_carry_both_names_and_belts():
    regions = datasets.load_regions()
    assert len(regions) == 34 and regions.in_paper.sum() == 30
    assert regions.set_index("province").loc["Guangdong", "province_zh"] == "广东"
    assert regions[regions.in_paper].region.value_counts().to_dict() == {"east": 11, "west": 11, "central": 8}
    geo_names = {f["properties"]["name"] for f in datasets.load_china_provinces()["features"]}
    assert set(regions.province) == geo_names


def test_io_tables_balance_and_gdp_check():
    io = datasets.load_io_tables()
    bj = io[(io.table == "provincial") & (io.year == 2012) & (io.region == "Beijing")]
    tva = bj[(bj.row_code == "TVA") & bj.col_code.str.startswith("sec")].value_10k_yuan.sum()
    assert tva / 1e4 == pytest.approx(17879.4, abs=0.5)  # 亿元, official 2012 GDP of Beijing
    ti = bj[(bj.row_code == "TI") & bj.col_code.str.startswith("sec")].set_index("col_code").value_10k_yuan
    go = bj[(bj.col_code == "GO") & bj.row_code.str.startswith("sec")].set_index("row_code").value_10k_yuan
    assert (ti - go.reindex(ti.index)).abs().max() / go.max() < 1e-6  # total input = gross output
    assert set(io[io.table == "provincial"].year.unique()) == {2007, 2012, 2017}


def test_panel_withholds_2011_beds_and_flags_the_gdp_revision():
    panel = datasets.load_panel()
    assert panel[panel.year == 2011].beds_per_10k.isna().all()
    assert panel[panel.year == 2012].beds_per_10k.notna().sum() == 31
    assert set(panel.gdp_vintage.unique()) == {"first-release", "revised-2014", ""}
    assert panel[panel.year > 2019].gdp_100m_yuan.isna().all()


def test_schema_error_names_file_and_column():
    frame = pd.DataFrame({"province": ["Beijing"], "year": ["2011"], "idt": ["high"]})
    with pytest.raises(datasets.DataSchemaError, match=r"x\.csv: column 'idt' has text"):
        datasets.check_schema(frame, {"province": "str", "year": "int", "idt": "float"}, "x.csv")
    with pytest.raises(datasets.DataSchemaError, match="missing column"):
        datasets.check_schema(frame[["province"]], {"province": "str", "year": "int"}, "x.csv")


def test_unknown_geometry_name_is_refused():
    with pytest.raises(datasets.DataSchemaError):
        datasets.load_geojson("../data/regions.csv")


# --- issue 15: the compiled province series, against cells of the source files ------------------------------

SHARED_SOURCES = next((d / "shared" / "data-sources" for d in datasets.ROOT.parents
                       if (d / "shared" / "data-sources").is_dir()), None)
# (province, year, compiled column, value in the source file's cell, source file: row, column)
SOURCE_CELLS = [
    ("Beijing", 2019, "rd_intensity_pct", 6.31, "rd_intensity_province_2011_2023.csv: 北京,2019"),
    ("Guangdong", 2020, "rd_intensity_pct", 3.14, "rd_intensity_province_2011_2023.csv: 广东,2020"),
    ("Guangdong", 2020, "rd_expenditure_100m_yuan", 3479.9, "rd_intensity_province_2011_2023.csv: 广东,2020"),
    ("Guangdong", 2023, "ind_firms_rd_exp_10k_yuan", 34266367, "industrial_firms_rd…: 广东,44,2023, col 10"),
    ("Beijing", 2012, "urban_avg_wage_yuan", 85307, "urban_avg_wage…: 2012,11,北京"),
    ("Beijing", 2012, "budget_total_100m_yuan", 3685.3076, "public_budget_4func…: 北京,11,2012"),
    ("Beijing", 2019, "budget_general_public_services_100m_yuan", 499.43, "public_budget_allfunc…: 北京,11,2019"),
    ("Jiangsu", 2015, "patent_applications_pieces", 428337, "patents_province…: 江苏,32,2015"),
    ("Beijing", 2023, "patent_valid_invention_pieces", 574323, "patents_province…: 北京,11,2023"),
    ("Beijing", 2023, "tech_market_inflow_10k_yuan", 50247266, "tech_market_contracts…: 北京,11,2023"),
]


@pytest.mark.parametrize(("province", "year", "column", "value", "where"), SOURCE_CELLS)
def test_series_cells_equal_the_source_files(province, year, column, value, where):
    series = datasets.load_series().set_index(["province", "year"])
    assert series.loc[(province, year), column] == pytest.approx(value, abs=1e-9), where


def test_series_shape_and_gaps_are_the_sources():
    series = datasets.load_series()
    assert len(series) == 31 * 14 and series.province.nunique() == 31
    wage = series.dropna(subset=["urban_avg_wage_yuan"])
    assert sorted(wage.year.unique()) == [2010, 2012, 2014, 2016, 2018, 2020]  # even years only, none invented
    firms = series.dropna(subset=["ind_firms_rd_exp_10k_yuan"])
    assert firms.year.min() == 2018 and len(firms) == 31 * 6
    assert series.loc[series.year == 2011, "tech_market_inflow_10k_yuan"].isna().all()


@pytest.mark.skipif(SHARED_SOURCES is None, reason="../shared/data-sources is not beside this clone")
def test_every_compiled_cell_equals_its_source_cell():
    import importlib.util

    spec = importlib.util.spec_from_file_location("build_data", datasets.ROOT / "scripts" / "build_data.py")
    build = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(build)
    zh = {p[2]: p[1] for p in build.PROVINCES}
    compiled = datasets.load_series().set_index(["province", "year"])
    checked = 0
    for folder, name, columns in build.SERIES:
        src = pd.read_csv(SHARED_SOURCES / folder / name)
        src = src[src.province_zh.map(zh).notna() & src.year.between(2010, 2023)]
        for _, row in src.iterrows():
            for source_column, column in columns.items():
                got = compiled.loc[(zh[row.province_zh], row.year), column]
                assert (pd.isna(got) and pd.isna(row[source_column])) or got == row[source_column], (name, row.province_zh)
                checked += 1
    assert checked > 6000  # every cell of the 21 compiled columns in 2010-2023


def test_official_pilot_batches_are_bundled_unchanged():
    batches = datasets.load_pilot_batches()
    assert len(batches) == 37 and set(batches.agency) == {"MOST", "NDRC"}
    assert (batches.agency == "MOST").sum() == 20
    assert batches.loc[batches.prefecture_city == "深圳", "year"].tolist() == [2008]
    years = datasets.load_approval_years().set_index("prefecture_city")
    assert years.loc["兰州", "year_status"] == "official" and years.loc["兰州", "first_approval_year"] == 2010
    assert "MOST 2010-01-10" in years.loc["南京", "basis"] and "NDRC 2010-01-12/13" in years.loc["南京", "basis"]
