"""Messages of core shown in Chinese mode are Chinese: the page words the error's template (``shell.said``), it no
longer matches English text, so every message core raises reaches the screen translated, with its arguments."""

from __future__ import annotations

import pytest

from core import datasets, demo_panel
from core.i18n import ZH
from tests.pages.helpers import assert_clean, run_page

REGRESSION, POLICY = "pages/regression.py", "pages/policy.py"


def _chinese(text: str) -> bool:
    return any("\u4e00" <= ch <= "\u9fff" for ch in text)


def _upload(content: bytes, *, kind: str | None = None, name: str = "panel.csv"):
    query = {"lang": "zh", "data": "upload", **({"reg_upload_kind": kind} if kind else {})}
    at = run_page(REGRESSION, query=query)
    at.file_uploader(key="reg_upload").upload(name, content, "text/csv").run()
    return at


def test_a_bad_panel_upload_on_regression_is_said_in_chinese():
    at = _upload(b"province,year,gdp\nBeijing,2011,9.9\n")
    assert_clean(at)
    shown = [e.value for e in at.error]
    assert any("缺少列" in e and "请下载模板查看所需格式" in e for e in shown), shown
    assert not any("Missing column" in e or "Download the template" in e for e in shown), shown


def test_an_upload_that_is_not_a_csv_is_said_in_chinese_with_its_file_name():
    at = _upload(b"\x89PNG\x00\x00\x01" * 40, name="picture.csv")
    shown = [e.value for e in at.error]
    assert any("'picture.csv' 看起来是二进制文件" in e for e in shown), shown


def _errors_shown(at) -> list[str]:
    assert_clean(at)
    return [e.value for e in at.error]


def test_a_bad_cell_of_the_series_upload_is_said_in_chinese_with_its_row():
    """The per-cell messages of the wage / R&D series upload: the row, province and year are its arguments; the
    province is a word of the table (translated), the cell is quoted as the file has it (never translated)."""
    content = "province,year,urban_avg_wage_yuan\nBeijing,2012,85307\nBeijing,2014,high\n".encode()
    shown = _errors_shown(_upload(content, kind="series"))
    assert any("第 3 行（北京 2014），urban_avg_wage_yuan 列：'high' 是文本，不是数字。" in e for e in shown), shown
    assert not any("is text, not a number" in e for e in shown), shown


@pytest.mark.parametrize("years, chinese, english", [
    ("南昌:1999", "链接中 南昌 的年份必须是 2008 至 2030 之间的整数年份（当前为 '1999'）", "must be a whole year"),
    ("Atlantis:2012", "链接中有未知的试点城市（'Atlantis'）", "unknown pilot city"),
], ids=["a bad approval year", "an unknown city"])
def test_bad_approval_years_in_the_link_are_said_in_chinese_on_policy(years, chinese, english):
    shown = _errors_shown(run_page(POLICY, query={"lang": "zh", "pol_years": years}))
    assert any(chinese in e for e in shown), shown
    assert not any(english in e for e in shown), shown


def test_a_bad_event_window_is_said_in_chinese_and_in_english():
    zh = run_page(POLICY, query={"lang": "zh", "window": ["0", "5"]})
    assert any(ZH["The window must start before 0 and end at or after 0 (got {lo} to {hi})."].format(lo=0, hi=5)
               in e.value for e in zh.error), [e.value for e in zh.error]
    en = run_page(POLICY, query={"window": ["0", "5"]})
    assert any("The window must start before 0 and end at or after 0 (got 0 to 5)." in e.value for e in en.error)
    assert not any(_chinese(e.value) for e in en.error)


def test_the_regression_notes_of_an_upload_are_chinese():
    frame = demo_panel.demo_panel(datasets.paper_provinces(), datasets.load_table4(),
                                  datasets.load_table5().coefficients).reset_index()
    at = _upload(frame.drop(columns=["idt"]).to_csv(index=False).encode())
    assert_clean(at)
    captions = [c.value for c in at.caption]
    assert "idt 取自已发表的指数（表 1）。" in captions, captions
    assert not any("taken from the published index" in c for c in captions)
