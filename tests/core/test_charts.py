"""Chart export: PNG and SVG offline from an Altair chart or a ready Vega-Lite dict."""

from __future__ import annotations

import altair as alt
import pytest
import pandas as pd

from core.charts import export_png, export_svg

CHART = alt.Chart(pd.DataFrame({"x": [1, 2, 3], "y": [3, 1, 2]})).mark_line().encode(x="x:Q", y="y:Q")


def test_png_and_svg_from_an_altair_chart():
    assert export_png(CHART).startswith(b"\x89PNG")
    assert "<svg" in export_svg(CHART)[:200]


def test_png_and_svg_from_a_spec_dict_give_the_same_drawing():
    spec = CHART.to_dict()
    assert export_svg(spec) == export_svg(CHART)
    assert export_png(spec).startswith(b"\x89PNG")


def test_stable_spec_names_altair_datasets_by_position_and_keeps_chosen_names():
    from core.charts import stable_spec

    def chart(rows):
        data = alt.Chart(pd.DataFrame({"x": range(rows), "y": range(rows)})).mark_line().encode(x="x:Q", y="y:Q")
        return alt.layer(data, alt.Chart(alt.Data(name="shapes")).mark_point())
    small, large = stable_spec(chart(3).to_dict()), stable_spec(chart(4).to_dict())
    assert "data-0" in small["datasets"] and small["layer"][0]["data"] == {"name": "data-0"}
    assert small["layer"][1]["data"] == {"name": "shapes"}  # a dataset named on purpose keeps its name
    # new rows, same spec otherwise: what lets the browser swap the rows in place
    assert {**small, "datasets": {}} == {**large, "datasets": {}}
    assert small["datasets"]["data-0"] != large["datasets"]["data-0"]


def test_stability_chart_reads_k_and_the_samples_from_its_rows():
    """The title comes from the rows, so k and the weights change rows only (Vega-Lite draws it: vl-convert)."""
    import vl_convert as vlc

    from core.charts import global_

    stability = pd.DataFrame({"place": ["A", "B"], "share_top": [1.0, 0.4], "rank": [1, 2], "best_rank": [1, 1],
                              "worst_rank": [2, 3], "samples": [625, 625]})
    three = global_.stability_bars(stability, top=3, spread=0.2, illustrative=False)
    five = global_.stability_bars(stability, top=5, spread=0.2, illustrative=False)
    assert {**three, "datasets": {}} == {**five, "datasets": {}}
    assert "stays top 5 (625 weight samples)" in vlc.vegalite_to_svg(five, vl_version="6.4")


def test_global_charts_speak_the_chosen_language_with_words_for_gaps():
    """The stability title (a Vega expression over the rows) and the composite legend read Chinese words in
    Chinese; the legend says in words whether a component is missing (no true/false); colours follow codes."""
    import json

    import vl_convert as vlc

    from core.charts import global_

    stability = pd.DataFrame({"place": ["A", "B"], "share_top": [1.0, 0.4], "rank": [1, 2], "best_rank": [1, 1],
                              "worst_rank": [2, 3], "samples": [625, 625]})
    zh = vlc.vegalite_to_svg(global_.stability_bars(stability, top=5, spread=0.2, illustrative=False, lang="zh"),
                             vl_version="6.4")
    assert "留在前 5 名的频率（625 组权重样本）" in zh
    table = pd.DataFrame({"place": ["A", "B"], "score": [1.2, 0.8], "rank": [1, 2], "imputed": ["", "speed"]})
    spec = global_.composite_bars(table, illustrative=False, method="geometric", missing="reweight", lang="zh")
    legend = spec["encoding"]["opacity"]["scale"]["domain"]
    assert legend == ["具备全部有权重的分项", "有分项缺失（权重已重新归一化）"]
    assert "true" not in json.dumps(spec["encoding"]).lower()
    en = global_.composite_bars(table, illustrative=False, method="geometric", missing="reweight")
    assert en["encoding"]["opacity"]["scale"]["range"] == spec["encoding"]["opacity"]["scale"]["range"]


def test_series_colours_follow_provinces_not_their_shown_names():
    from core.charts import scale

    rows = pd.DataFrame({"province": ["Beijing", "Hebei"] * 2, "year": [2012, 2012, 2017, 2017],
                         "idt": [2.0, 0.5, 2.1, 0.6], "published": [2.0, 0.5, 2.1, 0.6],
                         "status_group": ["benchmark table"] * 4, "status": ["benchmark table"] * 4})
    en = scale.series_chart(rows.assign(label=rows.province), label="label", order=("Hebei", "Beijing")).to_dict()
    zh = scale.series_chart(rows.assign(label=rows.province.map({"Beijing": "北京", "Hebei": "河北"})), label="label",
                            order=("Hebei", "Beijing"), lang="zh").to_dict()

    def colour_of(spec: dict, name: str) -> str:
        scale_ = spec["layer"][0]["encoding"]["color"]["scale"]
        return scale_["range"][scale_["domain"].index(name)]

    assert colour_of(en, "Beijing") == colour_of(zh, "北京") and colour_of(en, "Hebei") == colour_of(zh, "河北")


def test_regression_charts_take_words_for_every_title_tooltip_and_legend():
    """Issue 18: the coefficient and projection charts show the words they are given (a translation), and the
    projection's range legend and its rows use the same words, so colours still match."""
    import json

    from core.charts import regression
    from core.i18n import translate

    zh = lambda text: translate(text, "zh")  # noqa: E731
    coef = json.dumps(regression.coefficient_template(["人均工资（元，取对数）"], title="系数", words=zh),
                      ensure_ascii=False)
    assert "系数及 95% 置信区间" in coef and '"Term"' not in coef and "Significance" not in coef
    projection = pd.DataFrame({"province": ["北京", "上海"], "baseline": [1.0, 1.1], "projected": [1.2, 1.3],
                               "lower": [1.1, 1.2], "upper": [1.3, 1.4], "out_of_range": [False, True]})
    spec = regression.projection_chart(projection, title="预测指数", words=zh)
    text = json.dumps(spec, ensure_ascii=False)
    assert "Changed values" not in text and "Baseline (fitted)" not in text
    rows = regression.projection_rows(projection, zh)
    domain = next(layer["encoding"]["color"]["scale"]["domain"] for layer in spec["layer"]
                  if "color" in layer.get("encoding", {}))
    assert set(rows["range"]) == set(domain) == {"在观测范围内", "超出观测范围"}
    # without words: the English of before
    assert set(regression.projection_rows(projection)["range"]) == {"inside observed range", "outside observed range"}


def test_did_charts_name_regions_methods_and_periods_with_the_words_given_keeping_colours():
    from core.charts import did as did_charts

    words = {"east": "东部", "central": "中部", "west": "西部", "never": "从未获批", "twfe": "双向固定效应",
             "did2s": "两阶段估计", "cities": "城市数"}
    timing = pd.DataFrame({"cohort": [0, 2010, 2010], "cohort_label": ["never", "2010", "2010"],
                           "region": ["east", "east", "west"], "cities": [3, 2, 1]})
    spec = did_charts.timing_chart(timing, words=words).to_dict()
    colour = spec["encoding"]["color"]["scale"]
    assert colour["domain"] == ["东部", "中部", "西部"] and colour["range"] == list(did_charts.REGION_COLOURS.values())
    assert spec["encoding"]["x"]["sort"] == ["2010", "从未获批"]  # 'never' stays last in its words
    assert any(t.get("title") == "城市数" for t in spec["encoding"]["tooltip"])
    att = pd.DataFrame({"method": ["twfe", "did2s"], "att": [0.1, 0.12], "ci_low": [0.0, 0.02],
                        "ci_high": [0.2, 0.22]})
    att_spec = did_charts.att_chart(att, words=words).to_dict()
    scale = next(layer["encoding"]["color"]["scale"] for layer in att_spec["layer"] if "color" in layer["encoding"])
    assert scale["domain"] == ["双向固定效应", "两阶段估计"]
    assert scale["range"] == [did_charts.METHOD_COLOURS["twfe"], did_charts.METHOD_COLOURS["did2s"]]
    # no words: the names of before
    plain = did_charts.att_chart(att).to_dict()
    assert next(layer["encoding"]["color"]["scale"]["domain"] for layer in plain["layer"]
                if "color" in layer["encoding"]) == ["TWFE", "did2s (Gardner)"]


def test_cluster_trend_lines_with_parity_and_labels_in_the_sessions_words():
    from core import agglomeration, datasets
    from core.charts import map as map_charts

    means = agglomeration.group_means(datasets.load_table1(), datasets.load_regions(), by="cluster")
    labels = {"Mean agglomeration index": "平均集聚指数", "Cluster": "城市群"}
    spec = map_charts.cluster_trend(means, labels=labels).to_dict()  # validated by Altair
    lines, rule = spec["layer"]
    assert lines["mark"]["type"] == "line" and lines["encoding"]["y"]["title"] == "平均集聚指数"
    assert lines["encoding"]["color"]["title"] == "城市群"
    assert rule["mark"]["type"] == "rule" and rule["encoding"]["y"]["datum"] == 1.0
    rows = spec["datasets"][lines.get("data", spec.get("data", {})).get("name")]
    assert {r["group"] for r in rows} == set(means.group) and len(rows) == len(means)


def test_projected_aspect_of_china_matches_pyproj_albers():
    import json

    import numpy as np
    from pyproj import Transformer  # the independent reference: PROJ's Albers equal-area on a sphere

    from core import datasets
    from core.charts import map as map_charts

    features = json.loads((datasets.GEO_DIR / "china_provinces_map.geojson").read_text(encoding="utf-8"))["features"]
    lon, lat = np.array([p[:2] for f in features for p in map_charts._positions(f["geometry"])]).T
    albers = Transformer.from_crs("+proj=longlat +R=6371000",
                                  "+proj=aea +lat_1=25 +lat_2=47 +lat_0=0 +lon_0=105 +R=6371000", always_xy=True)
    x, y = albers.transform(lon, lat)
    expected = np.ptp(x) / np.ptp(y)
    assert map_charts.projected_aspect(features) == pytest.approx(expected, rel=1e-9)
    assert 1.05 < expected < 1.2  # China with the Paracel Islands: a little wider than tall
    # 1,040 px of shapes need 1,040 / aspect px of plot, plus the title block
    assert map_charts.height_for_width(features, 1040, 110) == int(np.ceil(1040 / expected + 110))


# --- Altair on first use (core.charts.alt): specs written out as dicts need no Altair -------------------------

def test_title_dict_is_the_dict_altair_makes_of_chart_title():
    from core.charts import chart_title, title_dict

    for args, params in ((("T", "a note"), {}), (("标题", None), {"limit": 0}), (("T", ""), {"subtitleColor": "#555"})):
        assert title_dict(*args, **params) == chart_title(*args, **params).to_dict()


def test_the_schema_of_specs_written_as_dicts_is_altairs():
    import altair

    from core.charts import VEGA_LITE_SCHEMA

    assert VEGA_LITE_SCHEMA == altair.SCHEMA_URL


def test_importing_the_dict_chart_modules_does_not_import_altair():
    import subprocess
    import sys

    code = ("import sys; import core.charts, core.charts.did, core.charts.global_; "
            "print('altair' in sys.modules)")
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120,
                         cwd=str(__import__("pathlib").Path(__file__).resolve().parents[2]))
    assert run.returncode == 0, run.stderr[-1000:]
    assert run.stdout.strip() == "False"


def test_the_lazy_altair_is_altair():
    import altair

    from core.charts import alt

    assert alt.Chart is altair.Chart and alt.layer is altair.layer
