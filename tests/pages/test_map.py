"""AppTests of the agglomeration map: every control changes the map's spec, deep links, no exception."""

from __future__ import annotations

import json

import pandas as pd
from streamlit.testing.v1 import AppTest

from core.charts import map as map_charts
from tests.pages.helpers import ROOT, assert_clean, chart_rows, run_page


def charts(at: AppTest) -> list:
    """The page's chart elements (AppTest names st.vega_lite_chart elements ``vega_lite_chart``)."""
    return list(at.get("vega_lite_chart")) + list(at.get("arrow_vega_lite_chart"))


def specs(at: AppTest) -> list[dict]:
    """Vega-Lite specs of the page (without the rows Streamlit sends beside them as Arrow)."""
    return [json.loads(node.proto.spec) for node in charts(at)]


def map_node(at: AppTest):
    return next(node for node in charts(at) if "provinces" in json.loads(node.proto.spec).get("datasets", {}))


def map_spec(at: AppTest) -> dict:
    return json.loads(map_node(at).proto.spec)


def map_view(at: AppTest) -> tuple[str, dict[str, bytes]]:
    """What the browser receives for the map: the spec, and the bytes of each dataset sent beside it."""
    node = map_node(at)
    return node.proto.spec, {d.name: d.data.data for d in node.proto.datasets}


def lisa_node(at: AppTest):
    return next(node for node in charts(at) if "lisa_provinces" in json.loads(node.proto.spec).get("datasets", {}))


def year_param(spec: dict) -> int:
    """The year the in-map slider opens on (a point selection's initial value)."""
    return next(p for p in spec["params"] if p["name"] == "year")["value"][0]["year"]


def test_default_page_draws_map_statistics_and_tables():
    at = run_page("pages/map.py")
    assert_clean(at)
    assert not at.error
    spec = map_spec(at)
    assert year_param(spec) == 2023
    assert len(json.dumps(spec)) < 150_000
    assert any("Moran" in m.label for m in at.metric)
    assert len(specs(at)) >= 3  # map, group means, LISA map (+ Moran's I line)
    assert "Anhui" in " ".join(c.value for c in at.caption)


def test_deep_link_sets_the_year_and_settings():
    at = run_page("pages/map.py", query={"year": "2017", "classes": "Quantiles", "palette": "Diverging",
                                         "stats_year": "2016"})
    assert_clean(at)
    assert year_param(map_spec(at)) == 2017
    assert at.selectbox(key="map_classes").value == "quantiles" and at.radio(key="map_palette").value == "diverging"
    assert any("2016" in m.label for m in at.metric)  # the statistics have their own year (own fragment)
    lisa = chart_rows(lisa_node(at))[map_charts.LISA_VALUES]
    assert set(lisa.year) == {2016} and len(lisa) == 30
    assert "lisa_values" in json.dumps(json.loads(lisa_node(at).proto.spec)["title"])  # the title reads the rows' year


def test_the_statistics_year_is_its_own_control_and_leaves_the_map_alone():
    at = run_page("pages/map.py", query={"year": "2017"})
    assert_clean(at)
    assert at.select_slider(key="map_stats_year").value == 2023  # its default: the latest year, whatever the map's
    before, lisa_before = map_view(at), lisa_node(at).proto.spec
    at.select_slider(key="map_stats_year").set_value(2012).run()
    assert_clean(at)
    assert any("2012" in m.label for m in at.metric)
    assert map_view(at) == before
    # another year is other rows under the same LISA spec: the browser updates the drawn map in place
    assert lisa_node(at).proto.spec == lisa_before
    assert set(chart_rows(lisa_node(at))[map_charts.LISA_VALUES].year) == {2012}


def test_a_tampered_statistics_year_falls_back_with_a_notice():
    at = run_page("pages/map.py", query={"stats_year": "1800"})
    assert_clean(at)
    assert at.select_slider(key="map_stats_year").value == 2023
    assert any("Ignored invalid link value" in toast.value for toast in at.toast)


def test_every_control_changes_what_the_map_draws():
    at = run_page("pages/map.py")
    previous = map_view(at)
    steps = [
        lambda: at.selectbox(key="map_classes").set_value("quantiles"),
        lambda: at.slider(key="map_k").set_value(4),
        lambda: at.toggle(key="map_fixed").set_value(False),
        lambda: at.radio(key="map_palette").set_value("diverging"),
        lambda: at.selectbox(key="map_group_by").set_value("cluster"),
        lambda: at.multiselect(key="map_groups_cluster").set_value(["Cheng-Yu"]),
        lambda: at.radio(key="map_group_mode").set_value("filter"),
        lambda: at.selectbox(key="map_classes").set_value("continuous"),
        lambda: at.radio(key="map_source").set_value("io"),
    ]
    for number, step in enumerate(steps):
        step().run()
        assert_clean(at)
        current = map_view(at)
        assert current != previous, f"control {number} did not change the map"
        previous = current
    assert "IO tables" in previous[0]


def test_classes_their_number_and_the_palette_change_rows_not_the_spec():
    """So the browser swaps the drawn map's rows in place instead of embedding a new ~115 KB spec."""
    at = run_page("pages/map.py", query={"year": "2017"})
    assert_clean(at)
    spec = map_spec(at)
    assert len(json.dumps(spec)) < 150_000
    rows = chart_rows(map_node(at))
    legend = rows[map_charts.LEGEND]
    assert len(legend[legend.year == 2017]) == 5 and legend.cls.iloc[0].startswith("0|")  # Fisher-Jenks, k = 5
    steps = [
        lambda: at.slider(key="map_k").set_value(3),
        lambda: at.radio(key="map_palette").set_value("diverging"),
        lambda: at.selectbox(key="map_classes").set_value("quantiles"),
        lambda: at.selectbox(key="map_classes").set_value("meaning"),
    ]
    for number, step in enumerate(steps):
        step().run()
        assert_clean(at)
        assert map_spec(at) == spec, f"step {number} changed the spec"
        now = chart_rows(map_node(at))
        assert not now[map_charts.VALUES].equals(rows[map_charts.VALUES]), f"step {number} left the colours alone"
        rows = now
    legend = rows[map_charts.LEGEND]
    assert legend[legend.year == 2017].cls.str.split("|").str[1].str.startswith(("≤ 1.0", "1.0", "> 1.5")).all()


def test_the_map_rows_hold_every_year_with_values_ranks_and_colours():
    at = run_page("pages/map.py")
    assert_clean(at)
    values = chart_rows(map_node(at))[map_charts.VALUES]
    assert len(values) == 30 * 13 and set(values.year) == set(range(2011, 2024))
    beijing = values.set_index("key").loc["Beijing|2017"]
    assert beijing["rank"] == 1 and beijing["value"] == 2.69 and beijing["fill"].startswith("#")


def test_scenario_from_session_state_is_labelled_illustrative():
    at = AppTest.from_file(str(ROOT / "streamlit_app.py"), default_timeout=60)
    at.switch_page("pages/map.py")
    at.session_state["scenario_index"] = pd.DataFrame({
        "province": ["Beijing", "Tianjin", "Hebei", "Shanxi"], "year": 2023, "idt": [2.9, 1.8, 0.8, 0.7],
        "label": "Projection from public data (model estimate, not an observed index)"})
    at.query_params["map_source"] = "Scenario"
    at.run()
    assert_clean(at)
    text = json.dumps(map_spec(at), ensure_ascii=False)
    assert "ILLUSTRATIVE SCENARIO" in text and "model estimate" in text
    assert set(chart_rows(map_node(at))[map_charts.VALUES].province) == {"Beijing", "Tianjin", "Hebei", "Shanxi"}
    assert any("Illustrative scenario" in w.value for w in at.warning)
    assert any("need a value for all 30" in i.value for i in at.info)


def test_scenario_option_without_a_scenario_falls_back_with_a_message():
    at = run_page("pages/map.py", query={"source": "Scenario"})
    assert_clean(at)
    assert any("No scenario was sent" in w.value for w in at.warning)
    assert "Table 1" in json.dumps(map_spec(at))


def test_the_map_has_a_play_control_driven_by_the_vega_lite_timer():
    at = run_page("pages/map.py", query={"year": "2017"})
    assert_clean(at)
    spec = map_spec(at)
    params = {p["name"]: p for p in spec["params"]}
    assert params["play"]["value"] is False and params["play"]["bind"]["input"] == "checkbox"
    assert "Play 2011 → 2023" in params["play"]["bind"]["name"]
    # the year on screen: the animation's while playing, the slider's (2017) otherwise
    assert "play" in params["shown_year"]["expr"] and "year" in params["shown_year"]["expr"]
    assert params["year"]["value"] == [{"year": 2017}]  # the in-map slider opens on the link's year
    clock = next(layer for layer in spec["layer"] if layer.get("name") == "clock")
    timer = params["anim"]  # Altair lifts a layer's selection to the top, bound to its view
    assert timer["select"] == {"type": "point", "fields": ["year"], "on": "timer"} and timer["views"] == ["clock"]
    assert clock["encoding"]["time"]["scale"]["domain"] == list(range(2011, 2024))  # steps 2011 -> 2023
    assert spec["config"]["scale"]["framesPerSecond"] > 0
    text = json.dumps(spec)
    # each province looks up its row of the shown year, and the legend shows that year's rows
    assert "'|' + shown_year" in text and "datum.year == shown_year" in text
    assert len(text) < 150_000


def test_the_in_map_slider_sets_the_link_and_downloads_without_changing_the_spec():
    """A move of the map's own slider reaches the page as the chart's selection (on_select)."""
    at = run_page("pages/map.py", query={"year": "2017"})
    assert_clean(at)
    assert at.query_params["year"] == "2017"
    before = map_view(at)
    at.session_state["map_chart"] = {"selection": {"year": [{"year": 2014}]}}
    at.run()
    assert_clean(at)
    assert at.query_params["year"] == "2014"  # the link follows the slider
    assert map_view(at) == before  # same spec and rows: the browser keeps its map, nothing is redrawn
    at.slider(key="map_k").set_value(4).run()  # new rows, same spec: the map keeps its year in the browser
    assert_clean(at)
    assert year_param(map_spec(at)) == 2017
    at.toggle(key="map_fixed").set_value(False).run()  # a new spec: it opens on the year shown
    assert_clean(at)
    assert year_param(map_spec(at)) == 2014


def test_a_tampered_map_year_falls_back_to_the_latest_with_a_notice():
    for bad in ("1800", "1e308", "<script>", "9" * 10_000):
        at = run_page("pages/map.py", query={"year": bad})
        assert_clean(at)
        assert year_param(map_spec(at)) == 2023
        assert "year" not in at.query_params
        assert any("Ignored invalid link value" in toast.value for toast in at.toast)


def test_an_empty_scenario_never_crashes_the_map():
    """Issue 16 item 2: "Show on the map" with a projection that has no rows (or no finite values)."""
    for empty in (pd.DataFrame(columns=["province", "year", "idt", "label"]),
                  pd.DataFrame({"province": ["Beijing"], "year": [2023], "idt": [float("nan")]}),
                  pd.DataFrame({"province": ["Beijing"]})):
        at = AppTest.from_file(str(ROOT / "streamlit_app.py"), default_timeout=60)
        at.switch_page("pages/map.py")
        at.session_state["scenario_index"] = empty
        at.query_params["map_source"] = "Scenario"
        at.run()
        assert_clean(at)
        assert any("No scenario was sent" in w.value and "scenario sent has no" in w.value for w in at.warning)
        assert "Table 1" in json.dumps(map_spec(at))


def test_a_one_year_scenario_says_what_it_is_and_shows_the_change():
    at = AppTest.from_file(str(ROOT / "streamlit_app.py"), default_timeout=60)
    at.switch_page("pages/map.py")
    from core import datasets

    latest = datasets.load_table1().query("year == 2023")
    at.session_state["scenario_index"] = latest.assign(baseline=latest.idt, change=0.1, idt=latest.idt + 0.1,
                                                       label="Projection (model estimate)")
    at.query_params["map_source"] = "Scenario"
    at.run()
    assert_clean(at)
    captions = " ".join(c.value for c in at.caption)
    assert "What this view is: the model's projection for 2023 only" in captions
    assert "no lines over time" in captions and "Moran's I by year needs more than one year" in captions
    params = {p["name"]: p for p in map_spec(at)["params"]}
    assert "bind" not in params["year"] and "bind" not in params["play"]  # no slider or Play over one year
    rows = chart_rows(map_node(at))[map_charts.VALUES]
    assert set(rows.columns) >= {"baseline", "scenario_change"} and rows.scenario_change.round(3).eq(0.1).all()
    change = next(df.value for df in at.dataframe if "scenario_change" in df.value.columns)
    assert len(change) == 30
    assert "scenario_change" in json.dumps(map_spec(at))  # the tooltip reads it


def test_old_links_with_unprefixed_map_parameters_still_open_their_view():
    at = run_page("pages/map.py", query={"source": "IO tables", "classes": "Quantiles", "k": "4"})
    assert_clean(at)
    assert at.radio(key="map_source").value == "io" and at.selectbox(key="map_classes").value == "quantiles"
    assert at.slider(key="map_k").value == 4
    assert "source" not in at.query_params and not at.toast


def test_sidebar_links_carry_each_pages_own_view_and_the_shared_settings():
    at = run_page("pages/map.py", query={"present": "1", "map_source": "IO tables"})
    assert_clean(at)
    links = {el.proto.page: el.proto.query_string for el in at.sidebar.get("page_link")}
    assert links["global"] == "present=1" and links["scale"] == "present=1"  # no map parameter elsewhere
    assert "map_source=IO+tables" in links["map"] and "present=1" in links["map"]


def test_show_on_the_map_opens_the_scenario_under_the_maps_own_key_and_keeps_presenter_mode():
    at = run_page("pages/regression.py", query={"data": "demo", "pcw": "10", "rd": "-0.5", "present": "1"})
    at.button(key="to_map").click().run()
    assert_clean(at)
    assert at.radio(key="map_source").value == "scenario"
    assert at.query_params["map_source"] == "scenario" and at.query_params["present"] == "1"
    assert "source" not in at.query_params
    assert any("Illustrative scenario" in w.value for w in at.warning)


def test_the_share_popover_says_what_the_link_leaves_out():
    from core import datasets

    at = AppTest.from_file(str(ROOT / "streamlit_app.py"), default_timeout=60)
    at.switch_page("pages/map.py")
    latest = datasets.load_table1().query("year == 2023")
    at.session_state["scenario_index"] = latest.assign(label="Projection (model estimate)")
    at.query_params["map_source"] = "Scenario"  # a scenario in the session, none in the link
    at.run()
    at.session_state["share_open"] = True  # the popover opened (it is built when opened)
    at.run()
    assert_clean(at)
    captions = [c.value for c in at.sidebar.get("caption")]
    assert any("except:" in c for c in captions)
    assert any("the scenario itself" in m.value for m in at.sidebar.get("markdown"))
    plain = run_page("pages/map.py", query={"map_classes": "Quantiles"})
    plain.session_state["share_open"] = True
    plain.run()
    assert any("every setting you chose" in c.value for c in plain.sidebar.get("caption"))
    assert any("map_classes=quantiles" in c.value for c in plain.sidebar.get("code"))
