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


# --- keys, words, exports, labels ------------------------------------------------------------

import re

import pytest

from tests.pages.helpers import english_words, visible_texts

CJK = re.compile(r"[\u3400-\u9fff]")
TABS = ("steps", "ranked", "series", "ras")


@pytest.mark.parametrize("tab", TABS)
def test_chinese_mode_shows_no_english_words(tab):
    """Every text /scale shows in Chinese mode (labels, options, captions, headers, chart texts) is Chinese,
    apart from proper nouns, units and acronyms (helpers.ALLOWED_WORDS)."""
    at = run_page(PAGE, query={"lang": "zh", "scale_tab": tab})
    assert_clean(at)
    words = english_words(at)
    assert not words, {w: places[:3] for w, places in words.items()}


@pytest.mark.parametrize("tab", TABS)
def test_english_mode_shows_no_chinese_in_labels(tab):
    at = run_page(PAGE, query={"scale_tab": tab})
    assert_clean(at)
    shown = [(where, text) for where, text in visible_texts(at) if CJK.search(text)]
    assert not shown, shown[:5]


def test_every_widget_key_is_the_pages_own_and_the_link_holds_codes():
    at = run_page(PAGE, query={"lang": "zh", "scale_tab": "ras"})
    keys = [w.key for kind in ("selectbox", "multiselect", "radio", "select_slider", "checkbox", "download_button")
            for w in at.main.get(kind) if getattr(w, "key", None)]
    assert keys and all(k.startswith("scale_") for k in keys), keys
    at.selectbox(key="scale_preset").set_value("narrow_ict").run()
    assert at.query_params["scale_preset"] == "narrow_ict"  # the code, not "窄口径信息通信（20 + 32）"
    assert at.query_params["scale_tab"] == "ras"
    assert not {"tab", "source", "upload", "year", "preset"} & set(at.query_params)
    # a Chinese link opens the same view in English
    english = run_page(PAGE, query={"scale_preset": "narrow_ict", "scale_tab": "ras"})
    assert english.selectbox(key="scale_preset").value == "narrow_ict"
    assert metric(english, "Method") == "RAS"


def test_every_bar_is_labelled():
    """Band axes of the bar charts never drop labels (Vega-Lite hides every other label when they overlap)."""
    for tab, title in (("ranked", "Computed index"), ("steps", "Digital consumption coefficient")):
        at = run_page(PAGE, query={"scale_tab": tab})
        spec = next(s for s in specs(at) if title in json.dumps(s.get("title", "")))
        layers = spec.get("layer", [spec])
        y = next(layer["encoding"]["y"] for layer in layers if layer.get("encoding", {}).get("y", {}).get("axis"))
        assert y["axis"]["labelOverlap"] is False
        assert spec["height"]["step"] >= 18


def test_ras_and_series_downloads_say_what_they_download():
    for tab in ("ras", "series"):
        at = run_page(PAGE, query={"scale_tab": tab})
        labels = [b.proto.label for b in at.main.get("download_button")]
        assert len(labels) == len(set(labels)), labels
        assert all(label != "Download CSV" for label in labels), labels


def test_exports_carry_the_assumptions_and_the_screen_table(monkeypatch):
    """The ranking's CSV is the table on screen plus the year, sector preset, scope, reading, employment and
    source; its PNG/SVG is the chart on screen with the assumptions in the subtitle.  (AppTest cannot click a
    download whose data are made on click, so the frames and charts handed to the shell are recorded.)"""
    import pages as shell

    handed: dict[str, tuple] = {}
    original = shell.download_view

    def record(frame, chart, name, *, key, what=None):
        handed[key] = (frame, chart)
        return original(frame, chart, name, key=key, what=what)

    monkeypatch.setattr(shell, "download_view", record)
    at = run_page(PAGE, query={"scale_tab": "ranked", "scale_preset": "narrow_ict", "scale_scope": "plus_core",
                               "scale_year": "2015"})
    assert_clean(at)
    built, chart = handed["scale_dl_rank"]
    frame = built()  # the CSV's table is built on click, as the chart is
    screen = at.dataframe[0].value
    assert list(frame.columns[:len(screen.columns)]) == list(screen.columns)
    assert frame["Province"].tolist() == screen["Province"].tolist()
    row = frame.iloc[0]
    assert row["Year"] == 2015 and row["Digital-core sectors"] == "Narrow ICT (20 + 32)"
    assert row["Whose value added counts"] == "Traditional + core"
    assert "CHNIO" in row["Sources"] and "Table 1" in row["Sources"]
    assert row["Employment source"].startswith("Approximation")
    exported = chart().to_dict()
    drawn = next(spec for spec in specs(at) if "Computed index" in json.dumps(spec.get("title", "")))
    assert exported["title"]["text"] == drawn["title"]["text"]
    subtitle = " ".join(exported["title"]["subtitle"])
    assert "2015" in subtitle and "Narrow ICT" in subtitle and "Traditional" in subtitle and "CHNIO" in subtitle
    assert [layer["mark"] for layer in exported["layer"]] == [layer["mark"] for layer in drawn["layer"]]


def test_no_none_nan_or_true_false_on_screen():
    for tab in TABS:
        at = run_page(PAGE, query={"scale_tab": tab})
        texts = [text for where, text in visible_texts(at) if where in ("table cell", "chart", "metric")]
        assert not [t for t in texts if t in ("None", "nan", "null", "true", "false", "True", "False")], tab


def test_choosing_an_option_is_not_reported_as_an_invalid_link_value():
    at = run_page(PAGE)
    at.selectbox(key="scale_preset").set_value("narrow_ict").run()
    at.selectbox(key="scale_preset").set_value("paper").run()  # back to the default: the parameter leaves the URL
    assert not at.toast and "scale_preset" not in at.query_params
    old_words = run_page(PAGE, query={"scale_preset": "Custom", "scale_tab": "RAS update"})  # a link of the old form
    assert not old_words.toast and old_words.query_params["scale_tab"] == "ras"
    bogus = run_page(PAGE, query={"scale_preset": "bogus"})
    assert any("scale_preset=bogus" in t.value for t in bogus.toast)


@pytest.mark.parametrize("tab", TABS)
def test_every_drawn_chart_is_valid_vega_lite(tab):
    """The page builds its chart specs without Altair's schema check (speed); every chart each tab draws, in a
    benchmark and a RAS-updated year, still validates against the Vega-Lite schema."""
    from altair.utils.schemapi import validate_jsonschema
    from altair.vegalite.v6.schema.core import load_schema

    from tests.pages.helpers import vega_specs

    schema = load_schema()
    for year in ("2017", "2015"):
        at = run_page(PAGE, query={"scale_tab": tab, "scale_year": year})
        assert_clean(at)
        specs = vega_specs(at)
        assert specs, (tab, year)
        for spec in specs:
            validate_jsonschema(spec, schema)  # raises on an invalid spec
        assert validate_jsonschema({"mark": "no-such-mark"}, schema, raise_error=False) is not None


def test_a_cold_page_sends_its_main_chart_before_importing_altair():
    """In a fresh process (a cold deep link), the coefficient chart, the page's main one, goes out before anything
    imports Altair: it is a Vega-Lite dict written out, and nothing above it builds an Altair chart."""
    import subprocess
    import sys
    from pathlib import Path

    code = r"""
import json, os, sys
sys.path.insert(0, ".")
import logging; logging.disable(logging.WARNING)
from streamlit.delta_generator import DeltaGenerator
from streamlit.testing.v1 import AppTest
seen = []
enqueue = DeltaGenerator._enqueue
def _enqueue(self, delta_type, *args, **kwargs):
    if delta_type == "vega_lite_chart":
        spec = json.loads(args[0].spec)
        title = spec.get("title", {})
        seen.append((title.get("text") if isinstance(title, dict) else title, "altair" in sys.modules))
    return enqueue(self, delta_type, *args, **kwargs)
DeltaGenerator._enqueue = _enqueue
at = AppTest.from_file(os.path.abspath("streamlit_app.py"), default_timeout=180)
at.switch_page("pages/scale.py")
at.run()
print(json.dumps({"charts": seen, "exceptions": len(at.exception)}))
"""
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300,
                         cwd=str(Path(__file__).resolve().parents[2]))
    assert run.returncode == 0, run.stderr[-1000:]
    out = json.loads(run.stdout.strip().splitlines()[-1])
    assert out["exceptions"] == 0
    main_title = "Digital consumption coefficient by sector (eq. 4)"
    main = [imported for title, imported in out["charts"] if title == main_title]
    assert main == [False], out["charts"]


def test_a_link_may_name_provinces_in_chinese():
    """A shared link's provinces may be their Chinese names (the aliases read once a run): they pick the same
    provinces as the English names."""
    at = run_page(PAGE, query={"scale_detail": "北京", "scale_prov": ["广东", "Hebei"]})
    assert_clean(at)
    assert at.session_state["scale_detail"] == "Beijing"
    assert at.session_state["scale_prov"] == ["Guangdong", "Hebei"]
