"""AppTest of /scale: presets, year and province change, tabs, upload, RAS errors, URL binding."""

from __future__ import annotations

import json

import pandas as pd

from tests.pages.helpers import assert_clean, run_page

PAGE = "pages/scale.py"


def specs(at) -> list[dict]:
    # the chart element is "vega_lite_chart" in Streamlit 1.67 (helpers.vega_specs looks for the old name)
    return [json.loads(node.proto.spec) for node in at.get("vega_lite_chart")]


def titles(at) -> list[str]:
    out = []
    for spec in specs(at):
        title = spec.get("title", "")
        out.append(title if isinstance(title, str) else title.get("text", ""))
    return out


def metric(at, label: str) -> str:
    return next(m.value for m in at.metric if m.label.startswith(label))


def metric_or_none(at, label: str) -> str | None:
    return next((m.value for m in at.metric if m.label.startswith(label)), None)


def ranking(at) -> list[str]:
    frame = at.dataframe[0].value
    return frame["Province"].tolist()


def test_default_view_computes_2017_and_shows_spearman():
    at = run_page(PAGE)
    assert_clean(at)
    assert not at.error
    assert at.title[0].value == "Digitalization scale and the agglomeration index"
    assert float(metric(at, "Spearman")) > 0.97
    assert metric(at, "Table used") == "benchmark table"
    assert any("eq. 4" in t for t in titles(at))
    # published value beside computed in the step table
    steps = at.dataframe[0].value
    assert {"Index computed (eq. 9)", "Index published (Table 1)", "Practitioners (eq. 8, 10k persons)",
            "Table used"} <= set(steps.columns)
    assert any("Population-weighted" in c.value or "Approximation" in c.value for c in at.caption)


def test_ranking_changes_with_sector_set_year_and_province():
    at = run_page(PAGE, query={"scale_tab": "ranked"})
    assert_clean(at)
    paper = ranking(at)
    assert len(paper) == 30 and any("Computed index" in t for t in titles(at))
    at.selectbox(key="scale_preset").set_value("narrow_ict").run()
    assert_clean(at)
    narrow = ranking(at)
    assert sorted(paper) == sorted(narrow) and paper != narrow
    at.select_slider(key="scale_year").set_value(2012).run()
    assert_clean(at)
    assert ranking(at) != narrow
    rho_2012 = float(metric(at, "Spearman"))
    assert 0.5 < rho_2012 <= 1


def test_province_choice_and_custom_sectors():
    at = run_page(PAGE, query={"scale_prov": ["Beijing", "Hebei"], "scale_preset": "custom"})
    assert_clean(at)
    assert at.dataframe[0].value["Province"].tolist() == ["Beijing", "Hebei"]
    at.multiselect(key="scale_prov").set_value([]).run()
    assert any("Pick one or more provinces" in i.value for i in at.info)
    at.multiselect(key="scale_sectors").set_value([]).run()
    assert_clean(at)
    assert any("at least one digital-core sector" in i.value for i in at.info)
    at.multiselect(key="scale_sectors").set_value(["electronics"]).run()
    assert_clean(at)
    assert metric(at, "Digital-core sectors") == "1"


def test_extrapolated_year_is_labelled():
    at = run_page(PAGE, query={"scale_year": "2022"})
    assert_clean(at)
    assert metric(at, "Table used") == "extrapolated"
    assert any("extrapolated" in w.value for w in at.warning)


def test_ras_year_and_variant_via_url():
    at = run_page(PAGE, query={"scale_year": "2015", "scale_scope": "plus_core", "scale_coef": "intermediate_share",
                               "scale_tab": "series", "scale_base": "2012"})
    assert_clean(at)
    assert at.radio(key="scale_scope").value == "plus_core" and at.radio(key="scale_coef").value == "intermediate_share"
    assert at.selectbox(key="scale_base").value == "2012"
    assert metric(at, "Table used") == "RAS-updated"
    assert any("RAS-updated from 2012" in c.value for c in at.caption)
    assert any("by year" in t for t in titles(at))
    series = at.dataframe[0].value
    assert set(series["Table used"]) >= {"benchmark table", "RAS-updated from 2012"}


def test_ras_panel_heat_map_and_clear_errors():
    at = run_page(PAGE, query={"scale_tab": "ras"})
    assert_clean(at)
    assert metric(at, "Method") == "RAS"
    heat = next(s for s in specs(at) if "Change in direct coefficients" in str(s.get("title")))
    assert heat["mark"]["type"] == "rect" if isinstance(heat["mark"], dict) else heat["mark"] == "rect"
    at.select_slider(key="scale_ras_iter").set_value(1).run()
    assert_clean(at)
    assert any("did not converge" in e.value for e in at.error)
    assert metric_or_none(at, "Method") is None and any("No updated table" in i.value for i in at.info)
    assert at.select_slider(key="scale_ras_iter").value == 1  # the controls stay, the message is beside them
    at.select_slider(key="scale_ras_iter").set_value(10000).run()
    at.checkbox(key="scale_ras_balance").uncheck().run()
    assert any("both cannot hold" in e.value for e in at.error)
    # GRAS for the 2007 Shaanxi table with negative cells
    at.checkbox(key="scale_ras_balance").check().run()
    at.selectbox(key="scale_ras_base").set_value(2007).run()
    at.selectbox(key="scale_ras_year").set_value(2011).run()
    at.selectbox(key="scale_ras_prov").set_value("Shaanxi").run()
    assert_clean(at)
    assert metric(at, "Method") == "GRAS"


def test_employment_upload_good_and_bad():
    at = run_page(PAGE, query={"scale_emp": "upload", "scale_tab": "ranked"})
    assert_clean(at)
    assert any("No employment file" in i.value for i in at.info)
    assert any(b.label == "Download template" for b in at.get("download_button"))
    before = at.dataframe[0].value.set_index("Province")["Index computed (eq. 9)"]
    provinces = list(before.index)
    # a real-looking table: employment = twice Beijing's share for Beijing, equal elsewhere
    rows = "\n".join(f"{p},2017,{3000 if p == 'Beijing' else 1000}" for p in provinces)
    at.file_uploader(key="scale_emp_file").upload("employment.csv", f"province,year,employed_10k\n{rows}\n".encode(),
                                            "text/csv").run()
    assert_clean(at)
    assert not at.error
    assert any("Uploaded province × year employment table" in c.value for c in at.caption)
    after = at.dataframe[0].value.set_index("Province")["Index computed (eq. 9)"]
    # eq. 7-9: employment only rescales every province by the same factor (the national mean), never the ranking
    ratio = (after / before.reindex(after.index)).round(9)
    assert ratio.nunique() == 1 and ratio.iloc[0] != 1
    assert list(after.index) == provinces
    # a broken file: a clear message, and the approximation is used instead
    at.file_uploader(key="scale_emp_file").upload("employment.csv", b"province,year,employed_10k\nAtlantis,2017,5\n",
                                            "text/csv").run()
    assert_clean(at)
    assert any("Unknown province" in e.value and "approximation is used instead" in e.value for e in at.error)
    # a table for another year: the index is left empty with a warning, never invented
    rows_2015 = "\n".join(f"{p},2015,1000" for p in provinces)
    at.file_uploader(key="scale_emp_file").upload("employment.csv", f"province,year,employed_10k\n{rows_2015}\n".encode(),
                                            "text/csv").run()
    assert_clean(at)
    assert any("No employment for 2017" in w.value for w in at.warning)


def test_invalid_url_values_fall_back():
    at = run_page(PAGE, query={"scale_year": "1999", "scale_preset": "everything", "scale_scope": "bogus"})
    assert_clean(at)
    assert metric(at, "Table used") == "benchmark table"
    assert at.selectbox(key="scale_preset").value == "paper"


def test_chinese_labels_render():
    at = run_page(PAGE, query={"lang": "中文", "scale_tab": "ranked"})
    assert_clean(at)
    names = at.dataframe[0].value.iloc[:, 0]
    assert names.str.contains("北京").any()


def test_a_year_move_changes_the_charts_rows_not_their_specs():
    """The year and table stay out of the drawn charts' specs (they are on the slider and in the metrics), so
    the browser swaps rows in place; the ranking's export still names the year (built on click)."""
    from tests.pages.helpers import chart_rows

    for tab in ("steps", "ranked"):
        at = run_page(PAGE, query={"scale_tab": tab, "scale_year": "2015"})
        assert_clean(at)
        before = [(node.proto.spec, chart_rows(node)) for node in at.get("vega_lite_chart")]
        at.select_slider(key="scale_year").set_value(2016).run()
        assert_clean(at)
        after = [(node.proto.spec, chart_rows(node)) for node in at.get("vega_lite_chart")]
        assert [spec for spec, _ in after] == [spec for spec, _ in before], tab
        assert any(not all(a[name].equals(b[name]) for name in a) for (_, a), (_, b) in zip(after, before)), tab
