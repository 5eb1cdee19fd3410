"""Chart export: PNG and SVG offline from an Altair chart or a ready Vega-Lite dict."""

from __future__ import annotations

import altair as alt
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
