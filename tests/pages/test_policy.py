"""/policy: default synthetic run, URL-bound controls, and upload errors shown as messages (not tracebacks)."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from core import datasets, pilots
from tests.pages.helpers import assert_clean, run_page

PAGE = "pages/policy.py"


def specs(at) -> list[dict]:
    """Vega-Lite specs of the page's Altair charts (element type 'vega_lite_chart' in Streamlit 1.67)."""
    return [json.loads(node.proto.spec) for node in at.get("vega_lite_chart")]


def subtitles(spec: dict) -> str:
    title = spec.get("title") or {}
    sub = title.get("subtitle", []) if isinstance(title, dict) else []
    return " ".join(sub) if isinstance(sub, list) else str(sub)


@pytest.fixture(scope="module")
def default_run():
    return run_page(PAGE)


def test_default_page_is_labelled_synthetic(default_run):
    at = default_run
    assert_clean(at)
    assert not at.error
    assert any("Synthetic — for demonstration" in w.value for w in at.warning)
    charts = specs(at)
    assert len(charts) == 4  # timing, event study, ATT comparison, regions
    for spec in charts[1:]:
        assert "synthetic — for demonstration" in subtitles(spec)
    assert "real pilot lists" in subtitles(charts[0])


def test_default_page_shows_pretrend_test_and_both_estimators(default_run):
    at = default_run
    text = " ".join(m.value for m in at.markdown)
    assert "Joint test that the 5 pre-period coefficients are zero" in text
    assert "Two-way fixed effects differ from the two-stage estimate by" in text
    labels = [m.label for m in at.metric]
    assert labels[:2] == ["Two-way fixed effects", "Two-stage (Gardner 2022)"] and "Synthetic truth" in labels[2]
    es = next(s for s in specs(at) if "Event study" in str(s.get("title")))
    marks = [layer["mark"] for layer in es["layer"]]
    assert any(m.get("type") == "rule" and m.get("strokeDash") for m in marks)  # the dashed reference line
    assert any(m.get("type") == "text" for m in marks)  # its label
    assert [b.label for b in at.get("download_button")][-3:] == ["Download CSV", "Download PNG", "Download SVG"]


def test_query_params_reproduce_the_view():
    at = run_page(PAGE, query={"window": ["-4", "4"], "cluster": "Province", "es_method": "both",
                               "controls": ["ln_gdp_per_capita"], "broadband": "false", "cohorts": ["2010"]})
    assert_clean(at)
    assert at.slider(key="window").value == (-4, 4)
    assert at.selectbox(key="cluster").value == "province"
    assert at.multiselect(key="cohorts").value == [2010]
    assert at.toggle(key="broadband").value is False
    text = " ".join(m.value for m in at.markdown)
    assert "**Two-way fixed effects**" in text and "**Two-stage (Gardner 2022)**" in text  # both pre-trend tests
    assert "3 pre-period coefficients" in text


def test_empty_cohort_selection_shows_info():
    at = run_page(PAGE, query={"cohorts": ""})
    assert_clean(at)
    assert any("Select at least one cohort" in i.value for i in at.info)
    assert not specs(at)


def upload(content: str, name: str = "panel.csv"):
    at = run_page(PAGE, query={"src": "Upload"})
    assert any("Upload a city x year panel" in i.value for i in at.info)
    at.file_uploader(key="pol_upload").upload(name, content.encode("utf-8"), "text/csv").run()
    assert_clean(at)
    return at


def synthetic_csv(cities: list[str] | None = None, years: range = range(2002, 2020)) -> str:
    regions = datasets.load_regions()
    table = pilots.city_table(datasets.load_city_province(), regions)
    approvals = pilots.approval_table(datasets.load_approval_years())
    bb = pilots.broadband_years(datasets.load_pilot_lists()).to_dict()
    panel = pilots.synthetic_city_panel(table, pilots.cohort_map(approvals), set(approvals["city"]), bb)
    if cities is not None:
        panel = panel[panel["city"].isin(cities)]
    panel = panel[panel["year"].isin(list(years))]
    return panel[["city", "year", pilots.OUTCOME, "ln_gdp_per_capita"]].to_csv(index=False)


def errors(at) -> str:
    return " ".join(e.value for e in at.error)


def test_upload_unknown_city():
    at = upload("city,year,lq_hightech\n深圳,2002,1\n深圳,2003,1\nGotham,2002,1\nGotham,2003,1\n")
    assert "Unknown city(s): 'Gotham'" in errors(at)


def test_upload_duplicate_city_year():
    at = upload("city,year,lq_hightech\n深圳,2002,1\n深圳市,2002,1.2\n北京,2002,1\n北京,2003,1\n")
    assert "Duplicate rows for 深圳 / 2002" in errors(at)


def test_upload_cohort_after_last_year():
    at = upload(synthetic_csv(years=range(2002, 2010)))
    msg = errors(at)
    assert "start after the panel's last year 2009" in msg and "Cohorts included" not in msg or "Leave those" in msg


def test_upload_without_comparison_units():
    batch_2018 = datasets.load_pilot_lists().query("list_year == 2018 and policy == 'innovative_city_pilot'")
    at = upload(synthetic_csv(cities=batch_2018["prefecture_city"].tolist()))
    assert "No never-treated and no not-yet-treated units" in errors(at)


def test_valid_upload_is_not_labelled_synthetic():
    at = upload(synthetic_csv())
    assert not at.error
    charts = specs(at)
    assert len(charts) == 4
    assert all("synthetic" not in subtitles(s) for s in charts)
    assert "your uploaded city panel" in subtitles(charts[1])
    assert not any("Synthetic truth" in m.label for m in at.metric)


def test_estimates_table_has_att_rows_and_the_event_study_its_own_download(default_run):
    frame = default_run.dataframe[-1].value
    assert isinstance(frame, pd.DataFrame)
    assert set(frame["Table"]) == {"Average effect on the treated"}  # headers and cells as words
    assert set(frame["Region"]) >= {"All", "East"}
    assert (frame["Outcome data"] == "synthetic — for demonstration").all()
    keys = [b.key for b in default_run.get("download_button")]
    # the event study (a fragment: its window reruns only that section) downloads its own rows and chart
    assert {"es_dl_csv", "es_dl_png", "es_dl_svg", "policy_dl_csv"} <= set(keys)


def test_chinese_interface_and_presenter_mode():
    at = run_page(PAGE, query={"lang": "中文", "present": "1"})
    assert_clean(at)
    assert not at.error
    assert at.title[0].value == "创新型城市试点是否吸引了高技术人才？"
    assert any("合成数据——仅供演示" in subtitles(s) for s in specs(at))
    text = " ".join(m.value for m in at.markdown)
    assert "This page runs the pilot-city study's design" not in text  # explanation hidden in presenter mode


def test_window_without_pre_periods_keeps_the_rest_of_the_page():
    at = run_page(PAGE, query={"window": ["0", "5"]})
    assert_clean(at)
    assert "window must start before 0" in errors(at)
    assert [m.label for m in at.metric][:2] == ["Two-way fixed effects", "Two-stage (Gardner 2022)"]
    assert len(specs(at)) == 3  # timing, ATT, regions


def test_approval_years_from_the_link_enter_the_design_and_their_cohorts():
    at = run_page(PAGE, query={"pol_years": "南昌:2011,太原:2012"})
    assert_clean(at)
    assert not at.error
    assert {2011, 2012} <= set(at.multiselect(key="cohorts").value)
    assert any("南昌 2011" in i.value for i in at.info)
    assert at.query_params["pol_years"] in ("南昌:2011,太原:2012", "太原:2012,南昌:2011")


def test_a_bad_year_in_the_link_is_a_message_not_a_traceback():
    at = run_page(PAGE, query={"pol_years": "南昌:1999"})
    assert_clean(at)
    assert any("whole year" in e.value for e in at.error)


def test_official_years_and_the_studys_sample_are_said_on_screen(default_run):
    text = " ".join(w.value for w in default_run.warning) + " ".join(c.value for c in default_run.caption)
    assert "29 cities, 2002-2019" in text and "east largest, then west, central weakest" in text
    assert "official notices" in text and "commonly cited" not in text


def test_exploratory_real_design_runs_on_table1():
    at = run_page(PAGE)
    at.session_state["pol_real_open"] = True
    at.run()
    assert_clean(at)
    assert any("Exploratory" in i.value for i in at.info)
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Observations (N)"] == "390"
    table = next(df.value for df in at.dataframe if "Number of approved pilot cities" in df.value.columns)
    assert len(table) == 390


# --- one language on screen, words instead of codes, links that hold codes -----------------------------

import re

from tests.pages.helpers import english_words_with_tables as english_words, table_texts, visible_texts

CJK = re.compile(r"[\u3400-\u9fff]")
# Proper nouns only: authors and names of methods and libraries (Gardner, Wald, did2s, linearmodels) and the
# natural-log notation of units (ln). The study's title is translated in Chinese mode (it was 9 English words here).
PROPER = {"Gardner", "Wald", "did", "ln", "linearmodels"}
CODES = {"did2s", "twfe", "both", "synthetic", "upload", "city", "province", "none", "None", "east", "central", "west",
         "never", "att", "ln_gdp_per_capita", "true", "false", "True", "False", "null", "nan"}


def test_chinese_mode_shows_no_english_words():
    """Chinese mode shows Chinese words apart from proper nouns; the approval editor's 'English name' column holds
    the cities' English names (proper nouns too, e.g. "Jilin (city)")."""
    from core import datasets

    names = {w for name in datasets.load_city_province()["city_en"].dropna() for w in re.findall(r"[A-Za-z'’]+", name)}
    at = run_page(PAGE, query={"lang": "zh", "es_method": "both"})
    at.session_state["pol_real_open"] = True
    at.run()
    assert_clean(at)
    words = english_words(at, allow=PROPER | names)
    assert not words, {w: places[:3] for w, places in words.items()}


def test_english_mode_shows_no_chinese_labels_and_no_codes(default_run):
    shown = [(where, text) for where, text in visible_texts(default_run) + table_texts(default_run)
             if where.endswith(".option") or where in ("table header", "metric", "chart")]
    assert not [(w, x) for w, x in shown if CJK.search(x) and w != "table cell"], shown[:5]
    assert not [(w, x) for w, x in shown if x in CODES]


def test_no_widget_shows_a_code():
    for query in ({}, {"lang": "zh"}):
        at = run_page(PAGE, query=query)
        for kind in ("selectbox", "multiselect", "radio"):
            for widget in at.main.get(kind):
                options = [o if isinstance(o, str) else getattr(o, "content", "") for o in widget.proto.options]
                assert not set(options) & CODES, (query, widget.key, options)


def test_links_with_codes_and_old_links_with_words_open_the_same_view_in_both_languages():
    query = {"cluster": "province", "es_method": "both", "controls": "ln_gdp_per_capita", "window": ["-4", "4"]}
    old = {"cluster": "Province", "es_method": "both", "controls": "ln_gdp_per_capita", "window": ["-4", "4"]}
    for q in (query, {**query, "lang": "zh"}, old, {**old, "lang": "zh"}):
        at = run_page(PAGE, query=q)
        assert_clean(at)
        assert at.selectbox(key="cluster").value == "province"
        assert at.radio(key="es_method").value == "both"
        assert at.multiselect(key="controls").value == ["ln_gdp_per_capita"]
        assert at.query_params["cluster"] == "province"  # the code, whatever was in the link or the language
        assert not at.toast
    zh = run_page(PAGE, query={"lang": "zh"})
    zh.radio(key="es_method").set_value("twfe").run()
    assert zh.query_params["es_method"] == "twfe"


def test_a_cold_page_says_what_it_computes():
    """The slow calls of the page run under spinners whose words say what is computed: drawn by the page around
    the call, or, for the calls a control repeats, by Streamlit on a cache miss only (``show_spinner=t("…")``)."""
    import ast

    from tests.pages.helpers import ROOT

    tree = ast.parse((ROOT / PAGE).read_text())
    spinners = [node for node in ast.walk(tree) if isinstance(node, ast.Call)
                and getattr(node.func, "attr", None) == "spinner"]
    texts = [ast.literal_eval(node.args[0].args[0]) for node in spinners]
    on_miss = {fn.name: ast.literal_eval(kw.value.args[0]) for fn in ast.walk(tree) if isinstance(fn, ast.FunctionDef)
               for deco in fn.decorator_list if isinstance(deco, ast.Call)
               for kw in deco.keywords if kw.arg == "show_spinner" and isinstance(kw.value, ast.Call)}
    assert len(texts) >= 4 and all(text.endswith("…") for text in [*texts, *on_miss.values()])
    wrapped = {getattr(call.func, "id", None) for with_ in ast.walk(tree) if isinstance(with_, ast.With)
               and any(isinstance(i.context_expr, ast.Call) and getattr(i.context_expr.func, "attr", None) == "spinner"
                       for i in with_.items)
               for call in ast.walk(with_) if isinstance(call, ast.Call)}
    assert {"_reference", "_synthetic_panel", "_province_fit"} <= wrapped
    # the estimates a control repeats: no timer thread when the estimate is cached
    assert {"_event", "_att", "_by_region"} <= set(on_miss) and not {"_att", "_by_region"} & wrapped


def test_chinese_mode_messages_of_a_bad_window_and_a_bad_link_year():
    window = run_page(PAGE, query={"lang": "zh", "window": ["0", "5"]})
    assert_clean(window)
    assert any("窗口必须从 0 之前开始" in e.value for e in window.error)
    assert not english_words(window, allow=PROPER)
    link = run_page(PAGE, query={"lang": "zh", "pol_years": "南昌:1999"})
    assert_clean(link)
    assert any("必须是 2008 至 2030 之间的整数年份" in e.value for e in link.error)
