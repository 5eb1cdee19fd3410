"""AppTests of the regression explorer: sources, every model and covariance, tests, scenario, uploads."""

from __future__ import annotations

import json
import os

import pandas as pd
import pytest

from core import datasets, demo_panel, panel
from streamlit.testing.v1 import AppTest

from tests.pages.helpers import ROOT, assert_clean, run_page

PAGE = "pages/regression.py"


def run_tab(tab: str, query: dict | None = None) -> AppTest:
    """Like run_page, with one of the lazy tabs open (only the open tab's content runs)."""
    at = AppTest.from_file(str(ROOT / "streamlit_app.py"), default_timeout=60)
    at.switch_page(PAGE)
    for key, value in (query or {}).items():
        at.query_params[key] = value
    at.session_state["reg_section"] = tab
    return at.run()


def specs(at) -> list[dict]:
    # Streamlit 1.67 names the element "vega_lite_chart" (helpers.vega_specs looks for the older name).
    return [json.loads(node.proto.spec) for node in at.get("vega_lite_chart")]


def metric(at, starts: str) -> str:
    return next(m.value for m in at.metric if m.label.startswith(starts))


N = "Observations (N)"  # the count metric's label (was "N")


def test_public_default_has_the_four_levers_on_real_data():
    """/regression opens on real data with wages, R&D, public services and education in the model."""
    at = run_page(PAGE)
    assert_clean(at)
    assert not at.error
    assert at.segmented_control(key="data").value == "public"
    assert set(panel.LEVERS) <= set(at.multiselect(key="x").value)
    assert metric(at, N) == "270" and metric(at, "Years") == "2012–2020"
    # next to each variable: years, definition and the difference from Table 3, proxies marked
    table = next(df.value for df in at.dataframe if "Difference from Table 3" in df.value.columns)
    status = dict(zip(table["Variable"], table["Status"]))  # variables as words with units
    assert status["Public service level (share, 0–1)"] == "proxy" and status["R&D intensity (share of GDP, 0–1)"] == "proxy"
    assert status["Per-capita wage (log yuan)"] == "odd years interpolated"
    assert status["Digital economy level (score 0–1)"] == "computed here, not the paper's score"
    side = next(df.value for df in at.dataframe if "Paper: coefficient" in df.value.columns).set_index("Term")
    assert side.loc["Public service level (share, 0–1)", "Data here"] == "proxy"
    assert side.loc["Population quality (log college students per 100,000 people)", "Data here"] == "same as the paper"
    assert any("interpolated" in c.value and "150" in c.value for c in at.caption)


def test_default_scenario_levers_are_enabled_and_move_the_real_projection():
    at = run_tab("Scenario")
    assert_clean(at)
    for symbol in panel.LEVERS:
        assert not at.slider(key=symbol).proto.disabled, symbol
    assert at.selectbox(key="sc_year").value == 2020  # the latest year every regressor has (pcw ends 2020)
    assert 2021 not in at.selectbox(key="sc_year").options and "2021" not in at.selectbox(key="sc_year").options

    def projected(app):
        return next(df.value for df in app.dataframe if "Projected index" in df.value.columns).set_index("Province")

    before = projected(at)
    at.slider(key="pcw").set_value(10.0).run()
    after = projected(at)
    assert (after["Projected index"] - before["Projected index"].reindex(after.index)).abs().min() > 0
    assert "Wage interpolated" in after.columns and set(after["Wage interpolated"]) == {"No"}  # 2020 is published
    at.button(key="to_map").click().run()
    frame = at.session_state["scenario_index"]
    assert {"change_vs_baseline", "change_pct", "baseline"} <= set(frame.columns)
    assert (frame.change_vs_baseline != 0).all() and "public" in frame.label.iloc[0]
    assert at.query_params["scenario_year"] == "2020"


def test_odd_projected_year_warns_that_wages_are_interpolated_and_switch_removes_them():
    at = run_tab("Scenario", {"sc_year": "2019", "pcw": "5"})
    assert_clean(at)
    assert any("interpolated" in w.value for w in at.warning)
    off = run_tab("Scenario", {"reg_interp": "false"})
    assert_clean(off)
    assert 2019 not in off.selectbox(key="sc_year").options  # odd years drop out of a model with pcw


def test_section_control_is_in_the_link():
    at = run_page(PAGE, query={"reg_section": "Descriptive"})
    assert_clean(at)
    assert at.segmented_control(key="reg_section").value == "Descriptive"


def test_series_upload_replaces_wages_and_rd_on_a_copy():
    text = "province,year,urban_avg_wage_yuan,rd_intensity_pct\nBeijing,2019,166803,6.31\n"
    at = run_page(PAGE, query={"data": "upload", "reg_upload_kind": "Wage / R&D series"})
    at.file_uploader(key="reg_upload").upload("s.csv", text.encode(), "text/csv").run()
    assert_clean(at)
    assert not at.error and any("pcw: 1 cells" in c.value for c in at.caption)
    bad = run_page(PAGE, query={"data": "upload", "reg_upload_kind": "Wage / R&D series"})
    bad.file_uploader(key="reg_upload").upload("s.csv", text.replace("6.31", "0.0631").encode(), "text/csv").run()
    assert_clean(bad)
    assert [e.value for e in bad.error] == [
        "The file cannot be used: Row 2 (Beijing 2019), column rd_intensity_pct: 0.0631 looks like a share (0-1); this column is in percent "
        "(write 6.31)."]


def test_public_reproduces_the_f_test():
    at = run_page(PAGE, query={"x": ["lnpcgdp", "estr", "pdl", "med"]})
    assert_clean(at)
    assert not at.error
    assert at.multiselect(key="x").value == ["lnpcgdp", "estr", "pdl", "med"]
    assert metric(at, "F test") == "89.85"  # the paper prints 89.81
    assert metric(at, N) == "360"
    assert any("positive definite" in w.value for w in at.warning)  # Hausman caveat shown, not hidden
    assert len(specs(at)) == 1  # lazy tabs: only the Model tab ran


@pytest.mark.parametrize("model", ["pooled", "fe", "twfe", "re"])
def test_each_model_runs(model):
    at = run_page(PAGE, query={"data": "demo", "model": model})
    assert_clean(at)
    assert not at.error
    assert at.selectbox(key="model").value == model


@pytest.mark.parametrize("cov", ["unadjusted", "robust", "clustered", "driscoll-kraay"])
def test_each_covariance_runs(cov):
    at = run_page(PAGE, query={"data": "demo", "se": cov})
    assert_clean(at)
    assert not at.error
    assert at.selectbox(key="se").value == cov


def test_demo_is_labelled_synthetic_on_every_chart_and_table():
    at = run_page(PAGE, query={"data": "demo"})
    assert_clean(at)
    for spec in specs(at):
        assert "synthetic" in " ".join(spec["title"]["subtitle"])
    captions = [c.value for c in at.caption if "Synthetic" in c.value]
    assert len(captions) >= len(at.dataframe)  # one label per table or chart


def test_scenario_slider_changes_the_projection():
    base = run_tab("Scenario", {"data": "demo"})
    moved = run_page(PAGE, query={"data": "demo", "pcw": "10"})  # a moved lever in the link opens the tab
    assert_clean(moved)

    def projected(at):
        frame = next(df.value for df in at.dataframe if "Projected index" in df.value.columns)
        return frame.set_index("Province")["Projected index"]

    diff = (projected(moved) - projected(base).reindex(projected(moved).index)).dropna()
    assert (diff > 0).all() and diff.max() - diff.min() < 1e-9  # positive slope, same change everywhere
    # moving the slider in the session also changes it
    base.slider(key="rd").set_value(-0.5).run()
    assert_clean(base)
    assert not projected(base).equals(projected(run_tab("Scenario", {"data": "demo"})))
    assert len(specs(base)) == 1 and "synthetic" in " ".join(specs(base)[0]["title"]["subtitle"])


def test_lever_link_opens_scenario_only_on_entering_the_page():
    at = run_page(PAGE, query={"data": "demo", "pcw": "10"})
    assert at.session_state["reg_section"] == "Scenario"
    at.session_state["reg_section"] = "Model"  # the visitor's next choice wins over the lever still in the link
    at.run()
    assert_clean(at)
    assert metric(at, N) == "390"


COLD_RUN = r"""
import json, os, sys
sys.path.insert(0, ".")
import logging; logging.disable(logging.WARNING)
from streamlit.delta_generator import DeltaGenerator
from streamlit.testing.v1 import AppTest
seen = []  # per chart sent: its title and whether Altair was loaded by then
enqueue = DeltaGenerator._enqueue
def _enqueue(self, delta_type, *args, **kwargs):
    if delta_type == "vega_lite_chart":
        spec = json.loads(args[0].spec or "{}")
        if not (spec.get("width") == 1 and spec.get("height") == 1):  # not ui.loading's warm-up chart
            seen.append([spec.get("title", {}).get("text"), "altair" in sys.modules])
    return enqueue(self, delta_type, *args, **kwargs)
DeltaGenerator._enqueue = _enqueue
at = AppTest.from_file(os.path.abspath("streamlit_app.py"), default_timeout=180)
at.switch_page("pages/regression.py")
for key, value in json.loads(sys.argv[1]).items():
    at.query_params[key] = value
at.run()
print(json.dumps({"charts": seen, "exceptions": len(at.exception)}))
"""


@pytest.mark.parametrize(("query", "title"), [({}, "Coefficients with 95 % intervals"),
                                            ({"data": "demo", "pcw": "10"}, "Projected index, 2023")])
def test_a_cold_deep_link_sends_its_chart_before_importing_altair(query, title):
    """Issue 19: in a fresh process the page's first chart - the Model section's coefficients, or the projection
    a scenario link opens on - is a Vega-Lite dict sent before anything imports Altair (~0.3 s), so a cold deep
    link paints it without waiting for that import."""
    import subprocess
    import sys

    run = subprocess.run([sys.executable, "-c", COLD_RUN, json.dumps(query)], cwd=str(ROOT), capture_output=True,
                         text=True, timeout=300)
    assert run.returncode == 0, run.stderr[-2000:]
    result = json.loads(run.stdout.strip().splitlines()[-1])
    assert result["exceptions"] == 0
    assert result["charts"][0] == [title, False]


def test_moving_the_years_changes_the_charts_rows_not_its_spec():
    # A spec template with named rows: the browser swaps the rows in place instead of re-embedding the chart.
    at = run_page(PAGE, query={"data": "demo"})
    before = at.get("vega_lite_chart")[0].proto
    spec, rows = before.spec, [d.data.data for d in before.datasets]
    assert {"coefficient_rows", "paper_rows"} <= {d.name for d in before.datasets}
    at.select_slider(key="years").set_value((2013, 2023)).run()
    after = at.get("vega_lite_chart")[0].proto
    assert after.spec == spec and [d.data.data for d in after.datasets] != rows


def test_moving_a_lever_changes_the_projections_rows_not_its_spec():
    at = run_page(PAGE, query={"data": "demo", "pcw": "5"})
    assert_clean(at)

    def projection():
        return next(node.proto for node in at.get("vega_lite_chart")
                    if "projection_rows" in {d.name for d in node.proto.datasets})
    spec, rows = projection().spec, [d.data.data for d in projection().datasets]
    at.slider(key="pcw").set_value(12.0).run()
    assert_clean(at)
    assert projection().spec == spec and [d.data.data for d in projection().datasets] != rows


def test_the_exported_charts_are_self_contained_and_draw():
    """The PNG/SVG export renders the template with its rows (vl-convert, offline): every province and term drawn."""
    import vl_convert as vlc

    from core import demo_panel, panel
    from core.charts import regression as charts

    regions = datasets.load_regions()
    data = demo_panel.demo_panel(regions.query("in_paper").province.tolist(), datasets.load_table4(),
                                 datasets.load_table5().coefficients)
    fit = panel.fit_panel(data, "idt", list(panel.PAPER_REGRESSORS), model="fe", cov_type="clustered")
    coef = charts.coefficient_plot(fit.table(), paper=panel.compare_with_table5(fit, datasets.load_table5().coefficients))
    svg = vlc.vegalite_to_svg(coef, vl_version="6.4")
    assert all(term in svg for term in panel.PAPER_REGRESSORS)
    projection = charts.projection_chart(panel.project(fit, data, {"pcw": 10.0}, year=2023))
    svg = vlc.vegalite_to_svg(projection, vl_version="6.4")
    assert all(province in svg for province in ("Beijing", "Guangdong", "Xinjiang"))


def test_lever_outside_model_is_disabled():
    at = run_tab("Scenario", {"x": ["estr", "pdl"]})  # a model without pcw
    assert at.slider(key="pcw").proto.disabled
    assert not at.slider(key="pdl").proto.disabled


def test_show_on_the_map_sends_frame_and_link():
    at = run_page(PAGE, query={"data": "demo", "pcw": "10", "rd": "-0.5"})
    at.button(key="to_map").click().run()
    frame = at.session_state["scenario_index"]
    assert list(frame.columns)[:5] == ["province", "year", "idt", "lower", "upper"]
    assert len(frame) == 30 and "synthetic" in frame.label.iloc[0]
    assert at.query_params["scenario"] == "pcw:+10,rd:-0.5"
    assert at.query_params["scenario_source"] == "demo"
    assert_clean(at)
    assert at.title[0].value == "Agglomeration map"


def test_map_rebuilds_the_scenario_from_the_link_alone():
    at = run_page(PAGE, query={"data": "demo", "pcw": "10", "rd": "-0.5"})
    sent = at.button(key="to_map").click().run().session_state["scenario_index"]
    fresh = run_page("pages/map.py", query=dict(at.query_params))  # a new browser: no session state
    assert_clean(fresh)
    from core import scenario
    rebuilt = scenario.recompute(scenario.from_query(dict(at.query_params)))
    pd.testing.assert_frame_equal(rebuilt, sent)


def test_empty_regressors_and_regions_show_info():
    at = run_page(PAGE)
    at.multiselect(key="x").set_value([]).run()
    assert_clean(at)
    assert any("at least one regressor" in i.value for i in at.info)
    at = run_page(PAGE)
    at.multiselect(key="regions").set_value([]).run()
    assert any("at least one region" in i.value for i in at.info)


def test_too_small_sample_is_an_error_message_not_a_traceback():
    at = run_page(PAGE, query={"data": "demo", "years": ["2023", "2023"]})
    assert_clean(at)
    assert any("Too few observations" in e.value for e in at.error)


def test_transformations_and_robustness_table():
    at = run_tab("Robustness", {"data": "demo", "log": "estr", "lag": "estr", "std": "estr"})
    assert_clean(at)
    compare = next(df.value for df in at.dataframe if "2017–2023" in df.value.columns)
    # the term z_L1_ln_estr, in words: the variable, then log, lag and standardization in the order applied
    assert "Economic structure (tertiary share of GDP, 0–1) — log, previous year, standardized" in compare["Term"].tolist()
    assert {"All", "East", "Central", "West", "2011–2016"} <= set(compare.columns)


def test_descriptive_tab_matches_table4_for_demo():
    at = run_tab("Descriptive", {"data": "demo"})
    table = next(df.value for df in at.dataframe if "Mean (paper)" in df.value.columns).set_index("Variable")
    shown = ["Agglomeration index (index)", "Gross regional product (log 100 million yuan)", "Per-capita wage (log yuan)",
             "R&D intensity (share of GDP, 0–1)", "Public service level (share, 0–1)"]
    ratio = (table["Mean"] / table["Mean (paper)"]).loc[shown]
    assert ((ratio - 1).abs() < 0.02).all()


# --- uploads through the page ----------------------------------------------------------------------

def _demo_csv(**changes) -> pd.DataFrame:
    frame = demo_panel.demo_panel(datasets.paper_provinces(), datasets.load_table4(),
                                  datasets.load_table5().coefficients).reset_index()
    return frame.assign(**changes)


def _upload(content: bytes, name: str = "panel.csv"):
    at = run_page(PAGE, query={"data": "upload"})
    at.file_uploader(key="reg_upload").upload(name, content, "text/csv").run()
    return at


def test_good_upload_fits_all_nine():
    at = _upload(_demo_csv().drop(columns=["idt"]).to_csv(index=False).encode())
    assert_clean(at)
    assert not at.error
    assert metric(at, N) == "390"
    assert any("Table 1" in c.value for c in at.caption)


UPLOAD_ERRORS = {
    "empty": (b"", "empty"),
    "binary": (b"\x89PNG\x00\x00\x01" * 40, "binary"),
    "encoding": (b"province,year\nBeijing\xff\xfe,2011\n", "UTF-8"),
    "missing": (b"province,year,gdp\nBeijing,2011,9.9\n", "Missing column"),
    "text": (_demo_csv(pcw="high").to_csv(index=False).encode(), "text where a number"),
    "duplicate": (pd.concat([_demo_csv(), _demo_csv().head(1)]).to_csv(index=False).encode(), "Duplicate rows"),
    "unknown": (_demo_csv(province="Atlantis").to_csv(index=False).encode(), "Unknown province"),
    "formula": (_demo_csv(**{"I(__import__('os').getpid())": 1.0}).to_csv(index=False).encode(), "not a plain name"),
    "negative": (_demo_csv(rd=-0.01).to_csv(index=False).encode(), "cannot be negative"),
    "few": (_demo_csv().head(12).to_csv(index=False).encode(), "complete row"),
}


@pytest.mark.parametrize("case", list(UPLOAD_ERRORS))
def test_upload_error_is_shown(case):
    content, message = UPLOAD_ERRORS[case]
    pid = os.getpid()
    at = _upload(content)
    assert_clean(at)
    assert any(message in e.value for e in at.error), [e.value for e in at.error]
    assert not specs(at)  # nothing is fitted on a rejected file
    assert os.getpid() == pid


def test_map_rebuilds_the_public_scenario_from_the_link_alone():
    at = run_page(PAGE, query={"pcw": "10", "psl": "1"})
    sent = at.button(key="to_map").click().run().session_state["scenario_index"]
    from core import scenario
    rebuilt = scenario.recompute(scenario.from_query(dict(at.query_params)))
    pd.testing.assert_frame_equal(rebuilt, sent)
    assert (sent.change_vs_baseline.abs() > 0).all()


# --- one language on screen, words instead of codes, links that hold codes -----------------------------

import re

from tests.pages.helpers import english_words_with_tables as english_words, table_texts, visible_texts

CJK = re.compile(r"[\u3400-\u9fff]")
# Proper nouns of this page: estimator and library names (White, Driscoll-Kraay, linearmodels, the delta method).
# "red" is the markdown colour directive of the synthetic label (:red[...]), not a shown word.
# Wy and Wu are the spatial models' notation (ρ·Wy, λ·Wu), not words.
PROPER = {"White", "Driscoll-Kraay", "Driscoll", "Kraay", "linearmodels", "delta", "red", "Wy", "Wu"}
SECTION_CODES = ("Model", "Scenario", "Robustness", "Descriptive", "Spatial spillovers")
CODES = {"idt", "fe", "re", "twfe", "pooled", "clustered", "unadjusted", "robust", "driscoll-kraay", "public", "demo",
         "upload", "east", "central", "west", "estr", "lnpcgdp", "gdp", "pcw", "del", "pdl", "rd", "urban", "med", "psl",
         "paper_coef", "same_sign", "None", "null", "true", "false", "True", "False", "nan"}


def zh_section(section: str, query: dict | None = None) -> AppTest:
    return run_page(PAGE, query={"lang": "zh", "reg_section": section, **(query or {})})


@pytest.mark.parametrize("section", SECTION_CODES)
def test_chinese_mode_shows_no_english_words(section):
    """Every text of each section in Chinese mode (labels, options, help, captions, headers, cells, chart texts) is
    Chinese apart from proper nouns, units and acronyms; the section named by its code in the link opens."""
    at = zh_section(section)
    assert_clean(at)
    assert at.segmented_control(key="reg_section").value == section
    words = english_words(at, allow=PROPER)
    assert not words, {w: places[:3] for w, places in words.items()}


def test_chinese_mode_on_the_demo_with_a_moved_lever_and_every_covariance_word():
    at = run_page(PAGE, query={"lang": "zh", "data": "demo", "pcw": "10", "se": "driscoll-kraay", "model": "twfe"})
    assert_clean(at)
    assert at.segmented_control(key="reg_section").value == "Scenario"
    words = english_words(at, allow=PROPER)
    assert not words, {w: places[:3] for w, places in words.items()}


@pytest.mark.parametrize("section", SECTION_CODES)
def test_english_mode_shows_no_chinese_and_no_codes(section):
    at = run_tab(section)
    assert_clean(at)
    chinese = [(where, text) for where, text in visible_texts(at) + table_texts(at) if CJK.search(text)]
    assert not chinese, chinese[:5]
    shown = [(where, text) for where, text in visible_texts(at) + table_texts(at)
             if where.endswith(".option") or where in ("table cell", "table header", "metric")]
    coded_ = [(where, text) for where, text in shown if text in CODES]
    assert not coded_, coded_[:5]


def test_no_widget_shows_a_code():
    """Every option of every worded control is drawn as words (in both languages), never as its code."""
    for lang in ("en", "zh"):
        at = run_page(PAGE, query={"lang": lang} if lang == "zh" else None)
        for kind in ("selectbox", "multiselect", "radio", "segmented_control"):
            for widget in at.main.get(kind):
                options = [o if isinstance(o, str) else getattr(o, "content", "") for o in widget.proto.options]
                assert not set(options) & CODES, (lang, widget.key, options)
        labels = {w.key: w.proto.options for w in at.main.get("selectbox")}
        assert "Per-capita wage (log yuan)" in [getattr(o, "content", o) for o in at.multiselect(key="x").proto.options] \
            or lang == "zh"


def test_a_link_with_codes_opens_the_same_view_in_both_languages():
    query = {"data": "demo", "model": "twfe", "se": "robust", "x": ["pcw", "rd", "estr"], "regions": ["east", "west"],
             "log": "estr", "reg_section": "Robustness"}
    english = run_page(PAGE, query=query)
    chinese = run_page(PAGE, query={**query, "lang": "zh"})
    for at in (english, chinese):
        assert_clean(at)
        assert at.segmented_control(key="data").value == "demo"
        assert at.selectbox(key="model").value == "twfe" and at.selectbox(key="se").value == "robust"
        assert at.multiselect(key="x").value == ["pcw", "rd", "estr"]
        assert at.multiselect(key="regions").value == ["east", "west"]
        assert at.multiselect(key="log").value == ["estr"]
        assert at.segmented_control(key="reg_section").value == "Robustness"
        # the link keeps the codes, whatever the language
        assert at.query_params["model"] == "twfe" and at.query_params["reg_section"] == "Robustness"
        assert at.query_params["regions"] == ["east", "west"]
    en_table = next(df.value for df in english.dataframe if "2017–2023" in df.value.columns)
    zh_table = next(df.value for df in chinese.dataframe if "2017–2023" in df.value.columns)
    assert (en_table.iloc[:, 1:].to_numpy() == zh_table.iloc[:, 1:].to_numpy()).all()  # same numbers, translated headers
    # choosing in Chinese writes the code, not the shown words
    chinese.selectbox(key="model").set_value("re").run()
    assert chinese.query_params["model"] == "re"
    assert not chinese.toast


def test_chinese_test_verdicts_and_headers():
    at = zh_section("Model")
    text = " ".join(m.value for m in at.markdown)
    assert "省份效应联合显著" in text
    headers = [h for where, h in table_texts(at) if where == "table header"]
    assert "系数" in headers and "论文：系数" in headers and "paper_coef" not in headers


def test_chinese_mode_messages_for_a_too_small_sample_and_the_series_upload():
    small = run_page(PAGE, query={"lang": "zh", "data": "demo", "years": ["2023", "2023"]})
    assert_clean(small)
    assert any("观测值太少" in e.value for e in small.error)
    assert not english_words(small, allow=PROPER)
    series = run_page(PAGE, query={"lang": "zh", "data": "upload", "reg_upload_kind": "series"})
    assert_clean(series)
    assert series.radio(key="reg_upload_kind").value == "series"
    assert not english_words(series, allow=PROPER)
