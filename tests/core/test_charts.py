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
