"""AppTests of the regression explorer's Spatial spillovers section and of the spillover frame on the map."""

from __future__ import annotations

import json

import numpy as np
import pytest
from streamlit.testing.v1 import AppTest

from core import spatial_panel
from core import spatial_scenario as ss
from tests.pages.helpers import ROOT, assert_clean, run_page

PAGE = "pages/regression.py"
SECTION = "Spatial spillovers"
BALANCED = (2012, 2020)  # of the public default regressors, med has no 2011 value and pcw none after 2020


def run_section(query: dict | None = None, *, years: tuple[int, int] | None = BALANCED, state: dict | None = None
                ) -> AppTest:
    at = AppTest.from_file(str(ROOT / "streamlit_app.py"), default_timeout=120)
    at.switch_page(PAGE)
    for key, value in (query or {}).items():
        at.query_params[key] = value
    at.session_state["reg_section"] = SECTION
    if years is not None:
        at.session_state["years"] = years
    for key, value in (state or {}).items():
        at.session_state[key] = value
    return at.run()


def spill_table(at: AppTest):
    return next(df.value for df in at.dataframe if "spillover" in df.value.columns)


def effects_table(at: AppTest):
    return next(df.value for df in at.dataframe if "indirect_lower" in df.value.columns)


def texts(at: AppTest) -> str:
    return " ".join([m.value for m in at.markdown] + [c.value for c in at.caption] + [w.value for w in at.warning]
                    + [e.value for e in at.error] + [i.value for i in at.info])


def test_default_sample_names_the_gap_and_offers_the_balanced_years():
    at = run_section(years=None)
    assert_clean(at)
    warning = " ".join(w.value for w in at.warning)
    assert "Medical care level: 2011" in warning and "Per-capita wage: 2021–2023" in warning and "Nothing is dropped" in warning
    button = at.button(key="reg_sp_balanced")
    assert button.label.endswith("2012–2020")
    at = button.click().run()
    assert_clean(at)
    assert at.session_state["years"] == BALANCED
    assert not at.error
    assert len(effects_table(at)) == 8


@pytest.mark.parametrize("model", ss.MODELS)
@pytest.mark.parametrize("weights", ss.WEIGHTS)
def test_each_model_and_weights_on_public_data(model, weights):
    at = run_section({"reg_sp_model": model, "reg_sp_w": weights})
    assert_clean(at)
    assert not at.error, [e.value for e in at.error]
    assert at.selectbox(key="reg_sp_model").value == model
    assert at.query_params["reg_sp_model"] == model and at.query_params["reg_sp_w"] == weights
    coef = next(df.value for df in at.dataframe if "estimate" in df.value.columns)
    assert ("lambda" if model == "error" else "rho") in set(coef.term)
    assert any(m.label == "Log-likelihood" for m in at.metric)
    labels = {m.label for m in at.metric}
    assert ("λ" if model == "error" else "ρ") in labels
    assert len(at.get("vega_lite_chart")) == 2  # effects, spillovers
    lm = next(df.value for df in at.dataframe
              if "test" in df.value.columns and set(df.value.test) >= {"LM lag", "Robust LM error"})
    assert (lm.p_value >= 0).all()
    assert any("Moran’s I of the FE residuals" in m.value for m in at.markdown)
    effects = effects_table(at)
    assert (effects.direct_lower <= effects.direct).all() and (effects.direct <= effects.direct_upper).all()
    np.testing.assert_allclose(effects.direct + effects.indirect, effects.total, atol=1e-12)
    text = texts(at)
    if weights == "queen":
        assert "Hainan has no land border; it is linked to **Guangxi, Guangdong**" in text
    else:
        assert "distance between province centroids" in text
    frame = spill_table(at)
    np.testing.assert_allclose(frame.direct + frame.spillover, frame.change, atol=1e-12)


def test_hainan_linked_to_guangdong_only():
    at = run_section({"reg_sp_islands": "guangdong"})
    assert_clean(at)
    assert at.radio(key="reg_sp_islands").value == "guangdong"
    assert "it is linked to **Guangdong** (both ways)" in texts(at)
    assert "Hainan -> Guangdong" in texts(at)


def test_knn_k_is_bound_and_changes_the_fit():
    four = run_section({"reg_sp_w": "knn"})
    six = run_section({"reg_sp_w": "knn", "reg_sp_k": "6"})
    assert_clean(six)
    assert six.slider(key="reg_sp_k").value == 6
    assert "6 nearest provinces" in texts(six) and "4 nearest provinces" in texts(four)
    rho = lambda at: next(m.value for m in at.metric if m.label == "ρ")  # noqa: E731
    assert rho(four) != rho(six)


def test_bad_link_values_fall_back_and_are_named():
    at = run_section({"reg_sp_model": "sar", "reg_sp_w": "rook", "reg_sp_where": "Atlantis"})
    assert_clean(at)
    assert at.selectbox(key="reg_sp_model").value == "lag"
    assert at.selectbox(key="reg_sp_w").value == "queen"
    assert at.multiselect(key="reg_sp_where").value == ["Sichuan"]
    assert any("Ignored invalid link value" in toast.value for toast in at.toast)


def test_regressor_with_gaps_names_the_variable_and_years():
    at = run_section({"x": ["pcw", "estr"]}, years=(2011, 2023))
    assert_clean(at)
    warning = " ".join(w.value for w in at.warning)
    assert "Per-capita wage: 2021–2023" in warning and "Medical" not in warning
    assert at.button(key="reg_sp_balanced").label.endswith("2011–2020")


def test_without_wage_interpolation_no_balanced_run_is_offered():
    at = run_section({"x": ["pcw", "estr"], "reg_interp": "false"}, years=(2011, 2023))
    assert_clean(at)
    assert "Per-capita wage: 2011, 2013, 2015, 2017, 2019, 2021–2023" in " ".join(w.value for w in at.warning)
    assert any("remove the regressor with gaps" in i.value for i in at.info)


@pytest.mark.parametrize("error, heading", [
    (spatial_panel.ConvergenceError("the likelihood is largest at the edge (rho = 0.9990)"), "did not converge"),
    (spatial_panel.WeightsMismatchError("in the panel but not in the weights: Atlantis"), "do not match"),
    (spatial_panel.UnbalancedPanelError("Hainan (11 of 12 years)"), "not balanced"),
])
def test_spatial_errors_are_messages_not_tracebacks(monkeypatch, error, heading):
    def fail(*args, **kwargs):
        raise error

    monkeypatch.setattr(spatial_panel, "fit_spatial_panel", fail)
    at = run_section({"reg_sp_model": "durbin"})
    assert_clean(at)
    assert any(heading in e.value and str(error) in e.value for e in at.error), [e.value for e in at.error]


def test_lever_move_changes_the_table_without_refitting(monkeypatch):
    at = run_section({"reg_sp_model": "durbin", "reg_sp_where": "Sichuan,Chongqing"})
    assert_clean(at)
    assert at.selectbox(key="reg_sp_lever").value == "pcw"  # a policy lever of the model (wages) by default
    before = spill_table(at).set_index("province")
    calls = []
    original = spatial_panel.fit_spatial_panel
    monkeypatch.setattr(spatial_panel, "fit_spatial_panel", lambda *a, **k: calls.append(1) or original(*a, **k))
    at.slider(key="reg_sp_change").set_value(20.0).run()
    assert_clean(at)
    after = spill_table(at).set_index("province")
    assert calls == []  # the lever reuses the fitted model
    ratio = np.log(1.2) / np.log(1.1)
    np.testing.assert_allclose(after.change, before.change.reindex(after.index) * ratio, rtol=1e-9)
    assert set(after.index[after.moved]) == {"Sichuan", "Chongqing"}
    assert (after.loc[~after.moved, "direct"] == 0).all() and (after.loc[~after.moved, "spillover"] != 0).any()


def test_show_spillovers_on_the_map_sends_the_frame():
    at = run_section({"reg_sp_model": "durbin", "reg_sp_where": "Sichuan"})
    assert_clean(at)
    sent_table = spill_table(at)
    at.button(key="reg_sp_to_map").click().run()
    assert_clean(at)
    query, frame = at.session_state[ss_key()]
    spec = ss.from_query(dict(query))
    assert spec.model == "durbin" and spec.provinces == ("Sichuan",) and spec.years == BALANCED
    assert list(frame.columns) == ["province", "year", "idt", "baseline", "change", "direct", "spillover", "moved",
                                   "label"]
    assert "Model estimate" in frame.label.iloc[0]
    np.testing.assert_allclose(sorted(frame.change), sorted(sent_table.change), atol=1e-12)
    # the map page drew it as the scenario source, coloured by the change
    assert at.radio(key="map_source").value == "scenario"
    assert any("Colour: the change in the index" in c.value for c in at.caption), [c.value for c in at.caption]
    spec_json = json.dumps([json.loads(n.proto.spec) for n in at.get("vega_lite_chart")], ensure_ascii=False)
    assert "Index change ×1000 (direct + spillover)" in spec_json
    assert "pcw +10 % in Sichuan — direct change there, spillover elsewhere" in spec_json  # the source subtitle
    from core.charts import map as map_charts
    from tests.pages.helpers import chart_rows

    drawn = next(rows[map_charts.VALUES] for rows in map(chart_rows, at.get("vega_lite_chart"))
                 if map_charts.VALUES in rows)
    value_column = next(c for c in ("value", "idt") if c in drawn.columns)
    by_province = drawn.set_index("province")[value_column]
    np.testing.assert_allclose(by_province.reindex(frame.province), frame.change * 1000, atol=6e-5)  # map rounds


def ss_key() -> str:
    from pages.sections import spatial

    return spatial.SESSION_FRAME


def test_map_rebuilds_the_spillover_from_the_link_alone():
    spec = ss.SpilloverSpec(model="lag", weights="queen", lever="pcw", change=10.0, provinces=("Sichuan",),
                            regressors=("gdp", "pcw", "estr", "pdl"), years=BALANCED)
    at = run_page("pages/map.py", query={**spec.to_query(), "map_source": "Scenario"}, timeout=120)
    assert_clean(at)
    assert at.radio(key="map_source").value == "scenario"
    caption = next(c.value for c in at.caption if "Colour: the change in the index" in c.value)
    expected = ss.recompute(spec)
    sichuan = float(expected.set_index("province").loc["Sichuan", "direct"])
    assert f"Sichuan {sichuan:+.4f}" in caption


def test_map_with_a_bad_spill_link_says_so():
    query = {**ss.SpilloverSpec(model="lag", weights="queen", lever="pdl", change=10.0, provinces=("Sichuan",),
                                regressors=("lnpcgdp", "estr", "pdl", "med"), years=BALANCED).to_query(),
             "spill_w": "rook", "map_source": "Scenario"}
    at = run_page("pages/map.py", query=query, timeout=120)
    assert_clean(at)
    assert any("could not be rebuilt" in w.value and "rook" in w.value for w in at.warning)


def test_chinese_interface_keeps_codes_in_the_link():
    at = run_section({"lang": "zh", "reg_sp_model": "durbin"})
    assert_clean(at)
    assert at.query_params["reg_sp_model"] == "durbin"
    assert at.selectbox(key="reg_sp_model").value == "durbin"
    shown = at.selectbox(key="reg_sp_model").options
    assert all(any("\u4e00" <= ch <= "\u9fff" for ch in option) for option in shown), shown
    assert any("溢出" in m.value for m in at.markdown)


def test_demo_source_is_labelled_synthetic_and_fits_the_full_years():
    at = run_section({"data": "demo", "reg_sp_model": "lag"}, years=None)
    assert_clean(at)
    assert not at.error and not at.warning[1:]  # the demo banner only
    assert next(m.value for m in at.metric if m.label == "Years") == "2011–2023"
    assert sum("Synthetic — for demonstration" in c.value for c in at.caption) >= 4  # beside every table
    specs = [json.loads(n.proto.spec) for n in at.get("vega_lite_chart")]
    assert all("synthetic" in json.dumps(spec["title"]) for spec in specs)


def test_entity_and_year_effects_follow_the_model_choice():
    at = run_section({"model": "twfe", "reg_sp_model": "durbin"})
    assert_clean(at)
    assert any("Fixed effects: province and year" in c.value for c in at.caption)
    at.button(key="reg_sp_to_map").click().run()
    query, _ = at.session_state[ss_key()]
    assert dict(query)["spill_fe"] == "twoway"


def test_one_region_builds_weights_among_its_provinces():
    at = run_section({"regions": ["east"], "reg_sp_islands": "guangdong"})
    assert_clean(at)
    assert not at.error, [e.value for e in at.error]
    assert next(m.value for m in at.metric if m.label == "Provinces") == "11"
    assert "it is linked to **Guangdong** (both ways)" in texts(at)
    assert at.multiselect(key="reg_sp_where").value == ["Beijing"]  # Sichuan is not in the east
    at.button(key="reg_sp_to_map").click().run()
    query, frame = at.session_state[ss_key()]
    assert dict(query)["spill_regions"] == "east" and len(frame) == 11



def test_public_proxies_are_labelled_beside_the_estimates():
    at = run_section({"reg_sp_model": "durbin"})
    assert_clean(at)
    coef = next(df.value for df in at.dataframe if "estimate" in df.value.columns).set_index("term")
    from core import panel

    assert coef.loc["rd", "data"] == coef.loc["W_rd", "data"] == panel.public_status("rd") != "same as the paper"
    assert coef.loc["rho", "data"] == ""
    assert effects_table(at).set_index("regressor").loc["psl", "data"] == panel.public_status("psl")


def test_the_map_opens_in_the_language_of_the_section():
    at = run_section({"lang": "zh", "reg_sp_model": "lag"})
    at.button(key="reg_sp_to_map").click().run()
    assert_clean(at)
    assert at.query_params["lang"] in ("zh", "中文")
    assert any("颜色：指数的变化" in c.value for c in at.caption)
