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
