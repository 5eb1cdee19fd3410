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
