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
