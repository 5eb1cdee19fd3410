"""core.uploads: reading and validating user files (shared by every upload point)."""

from __future__ import annotations

import pytest

from core.uploads import UploadError, is_safe_column_name, read_table, validate_panel

GOOD = b"province,year,x\nBeijing,2011,1.5\nTianjin,2011,2\n"


def check(content: bytes, name: str = "u.csv", **kwargs):
    frame = read_table(content, name)
    spec = dict(keys=("province", "year"), numeric=("x",), known_units={"Beijing", "Tianjin"}, unit_column="province")
    spec.update(kwargs)
    return validate_panel(frame, **spec)


def test_good_file_is_typed_and_sorted():
    out = check(GOOD)
    assert out.x.tolist() == [1.5, 2.0] and out.year.dtype.kind == "i"


@pytest.mark.parametrize(
    ("content", "name", "message"),
    [
        (b"", "u.csv", "empty"),
        (b"\x00\x01\x02binary", "u.csv", "binary"),
        (b"\xff\xfe\xfa\xfb" * 10, "u.csv", "UTF-8 or GBK"),
        (GOOD, "u.pkl", "only .csv and .xlsx"),
        (b"not a zip", "u.xlsx", "not a valid Excel"),
        (b"province,year\n", "u.csv", "no data rows"),
        (b"province,year\nBeijing,2011\n", "u.csv", "Missing column"),
        (b"province,year,x\nBeijing,2011,abc\n", "u.csv", "text where a number"),
        (b"province,year,x\nBeijing,2011,inf\n", "u.csv", "infinite"),
        (b"province,year,x\nBeijing,1800,1\n", "u.csv", "whole years"),
        (b"province,year,x\nAtlantis,2011,1\n", "u.csv", "Unknown province"),
        (b"province,year,x\nBeijing,2011,1\nBeijing,2011,2\n", "u.csv", "Duplicate rows"),
        (b"province,year,x,x\nBeijing,2011,1,2\n", "u.csv", "repeated"),
        (b"province,year,x\n,2011,1\n", "u.csv", "empty cell"),
    ],
)
def test_each_bad_file_gets_its_message(content, name, message):
    with pytest.raises(UploadError, match=message):
        check(content, name)


def test_negative_where_impossible():
    with pytest.raises(UploadError, match="cannot be negative"):
        check(b"province,year,x\nBeijing,2011,-1\n", non_negative={"x"})


def test_too_few_rows():
    with pytest.raises(UploadError, match="at least 5"):
        check(GOOD, min_rows=5)


def test_too_large():
    with pytest.raises(UploadError, match="limit"):
        read_table(b"a" * 101, "u.csv", max_bytes=100)


def test_gbk_and_bom_are_read():
    out = check("province,year,x\nBeijing,2011,1\n".encode("utf-8-sig"))
    assert len(out) == 1
    frame = read_table("省份,year\n北京,2011\n".encode("gbk"), "u.csv")
    assert frame.columns[0] == "省份"


def test_formula_like_column_is_ignored_never_evaluated():
    hostile = b"province,year,x,I(__import__('os').getpid())\nBeijing,2011,1,2\n"
    out = check(hostile)
    assert list(out.columns) == ["province", "year", "x"]
    assert not is_safe_column_name("I(__import__('os').getpid())")
    assert not is_safe_column_name("{os.system('ls')}")
    assert is_safe_column_name("pcw") and is_safe_column_name("人均工资")


# --- issue 15: the wage / R&D series upload: one clear message naming the cell -----------------------------

import pandas as pd  # noqa: E402

from core import datasets, panel  # noqa: E402


def series_upload(text: str):
    return panel.series_from_upload(text.encode("utf-8"), "series.csv", datasets.load_regions())


GOOD_SERIES = ("province,year,urban_avg_wage_yuan,rd_intensity_pct\n"
               "Beijing,2019,166803,6.31\nBeijing,2020,185026,6.44\n北京,2021,,\n")


def test_good_series_is_read_and_replaces_cells_on_a_copy():
    text = "province,year,urban_avg_wage_yuan,rd_intensity_pct\nBeijing,2019,166803,6.31\n天津,2019,100000,3.28\n"
    out = series_upload(text)
    assert out.province.tolist() == ["Beijing", "Tianjin"]
    public = panel.public_panel(datasets.load_table1(), datasets.load_panel(), datasets.load_series())
    before = public.copy()
    new, notes = panel.apply_series(public, out)
    assert new.loc[("Beijing", 2019), "pcw"] == pytest.approx(float(pd.Series([166803.0]).apply("log").iloc[0]))
    assert not new.loc[("Beijing", 2019), "pcw_interpolated"] and public.loc[("Beijing", 2019), "pcw_interpolated"]
    assert new.loc[("Tianjin", 2019), "rd"] == pytest.approx(0.0328)
    pd.testing.assert_frame_equal(public, before)  # the bundled panel is not changed
    assert any("pcw: 2 cells" in n for n in notes)


@pytest.mark.parametrize(("text", "message"), [
    # text in a number: row, province, year and column named
    ("province,year,rd_intensity_pct\nBeijing,2019,6.31\nBeijing,2020,about 6\n",
     "Row 3 (Beijing 2020), column rd_intensity_pct: 'about 6' is text, not a number."),
    # unknown province
    ("province,year,rd_intensity_pct\nBeijing,2019,6.31\nGotham,2019,2.0\n",
     "Row 3, column province: 'Gotham' is not one of the 31 provinces"),
    # missing year of one province
    ("province,year,rd_intensity_pct\nBeijing,2019,6.31\nBeijing,2020,6.44\nBeijing,2021,6.53\n"
     "Tianjin,2019,3.28\nTianjin,2021,3.66\n",
     "Tianjin: no row for 2020 (the file covers 2019-2021)"),
    # a column with no value at all (an empty cell alone keeps the bundled value)
    ("province,year,rd_intensity_pct\nBeijing,2019,\nBeijing,2020,\n", "Column rd_intensity_pct has no values"),
    # percent vs share
    ("province,year,rd_intensity_pct\nBeijing,2019,0.0631\nTianjin,2019,0.0328\n",
     "Row 3 (Tianjin 2019), column rd_intensity_pct: 0.0328 looks like a share (0-1); this column is in percent "
     "(write 3.28)"),
    ("province,year,rd_intensity_pct\nBeijing,2019,631\n", "above 100 %"),
    # wage in thousands of yuan
    ("province,year,urban_avg_wage_yuan\nBeijing,2019,166.8\n",
     "Row 2 (Beijing 2019), column urban_avg_wage_yuan: 166.8 is too small"),
    ("province,year\nBeijing,2019\n", "Missing column(s): urban_avg_wage_yuan or rd_intensity_pct"),
    ("province,year,rd_intensity_pct\nBeijing,20x9,6.31\n", "Row 2, column year: '20x9' is not a year"),
    ("province,year,rd_intensity_pct\nBeijing,2019,6.31\n北京,2019,6.31\n", "appear twice"),
])
def test_bad_series_get_one_message_naming_the_cell(text, message):
    with pytest.raises(UploadError) as caught:
        series_upload(text)
    assert message in str(caught.value)
    assert "\n" not in str(caught.value)


def test_series_template_holds_the_bundled_values():
    template = panel.series_template(datasets.paper_provinces(), datasets.load_series())
    assert list(template.columns) == ["province", "year", "urban_avg_wage_yuan", "rd_intensity_pct"]
    assert len(template) == 30 * 13
    row = template.set_index(["province", "year"]).loc[("Beijing", 2019)]
    assert row.rd_intensity_pct == 6.31 and pd.isna(row.urban_avg_wage_yuan)
    # the template as downloaded uploads cleanly (empty wage cells in odd years keep the bundled values)
    out = panel.series_from_upload(template.to_csv(index=False).encode(), "t.csv", datasets.load_regions())
    assert len(out) == 390
