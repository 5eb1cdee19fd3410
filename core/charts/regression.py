"""Chart builders of the regression explorer: data in, ``alt.Chart`` out.

``coefficient_plot`` draws the estimates of eq. 10 with their confidence
intervals (optionally next to Table 5's published points); ``projection_chart``
draws a scenario's projected index per province with its delta-method band and
the baseline.  Every builder takes a ``note`` that is printed as the chart's
subtitle - the page passes "synthetic — for demonstration" whenever the demo
panel feeds the chart, so the label travels with PNG/SVG exports too.
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from core.charts import FONT

MODEL_COLOR = "#2171b5"
PAPER_COLOR = "#d6604d"
OUT_OF_RANGE_COLOR = "#b2182b"


def _title(text: str, note: str | None) -> alt.TitleParams:
    return alt.TitleParams(text, subtitle=[note] if note else [], anchor="start", font=FONT, subtitleFont=FONT,
                           subtitleColor=OUT_OF_RANGE_COLOR if note and "synthetic" in note else "#555")


def coefficient_plot(table: pd.DataFrame, *, paper: pd.DataFrame | None = None, title: str = "Coefficients",
                     note: str | None = None, level: float = 0.95) -> alt.LayerChart:
    """Point estimate and CI of each slope (the constant is left out: it is on another scale).

    ``table`` has ``term``, ``coef``, ``lower``, ``upper`` (and ``stars``);
    ``paper`` optionally has ``term`` and ``paper_coef`` (Table 5) drawn as open diamonds.
    """
    slopes = table[table.term != "const"].assign(source="This model")
    order = slopes.term.tolist()
    base = alt.Chart(slopes).encode(y=alt.Y("term:N", sort=order, title=None))
    rule = base.mark_rule(color=MODEL_COLOR, strokeWidth=2).encode(
        x=alt.X("lower:Q", title=f"Coefficient with {level:.0%} interval"), x2="upper:Q")
    point = base.mark_point(filled=True, size=70, color=MODEL_COLOR).encode(
        x="coef:Q",
        tooltip=[alt.Tooltip("term:N", title="Term"), alt.Tooltip("coef:Q", format=".4f", title="Coefficient"),
                 alt.Tooltip("lower:Q", format=".4f", title="Lower"), alt.Tooltip("upper:Q", format=".4f", title="Upper"),
                 alt.Tooltip("stars:N", title="Significance")])
    zero = alt.Chart(pd.DataFrame({"x": [0.0]})).mark_rule(color="#888", strokeDash=[4, 3]).encode(x="x:Q")
    layers = [zero, rule, point]
    if paper is not None:
        published = paper.dropna(subset=["paper_coef"])
        published = published[published.term.isin(order)]
        if not published.empty:
            layers.append(alt.Chart(published).mark_point(shape="diamond", size=90, color=PAPER_COLOR, filled=False,
                                                          strokeWidth=2).encode(
                y=alt.Y("term:N", sort=order), x="paper_coef:Q",
                tooltip=[alt.Tooltip("term:N", title="Term"),
                         alt.Tooltip("paper_coef:Q", format=".3f", title="Table 5 (paper)")]))
    # a Step height (not a fixed number): Streamlit 1.67 collapses fixed-height layered band charts to one row
    return alt.layer(*layers).properties(title=_title(title, note), height=alt.Step(30))


def projection_chart(projection: pd.DataFrame, *, title: str = "Projected index", note: str | None = None,
                     province_label: str = "province", level: float = 0.95) -> alt.LayerChart:
    """Provinces ranked by projected index: band (lower-upper), projected point, baseline tick.

    ``projection`` comes from :func:`core.panel.project` (``province`` may have
    been replaced by display names); provinces whose changed values leave the
    observed range are drawn in red.
    """
    frame = projection.assign(range=projection.out_of_range.map({True: "outside observed range",
                                                                  False: "inside observed range"}))
    order = frame.sort_values("projected", ascending=False)[province_label].tolist()
    y = alt.Y(f"{province_label}:N", sort=order, title=None, axis=alt.Axis(labelOverlap=False))
    tooltip = [alt.Tooltip(f"{province_label}:N", title="Province"),
               alt.Tooltip("baseline:Q", format=".3f", title="Baseline (fitted)"),
               alt.Tooltip("projected:Q", format=".3f", title="Projected"),
               alt.Tooltip("lower:Q", format=".3f", title="Lower"), alt.Tooltip("upper:Q", format=".3f", title="Upper"),
               alt.Tooltip("range:N", title="Changed values")]
    base = alt.Chart(frame).encode(y=y)
    band = base.mark_bar(height=8, opacity=0.35, color=MODEL_COLOR).encode(
        x=alt.X("lower:Q", title=f"Agglomeration index, projected with {level:.0%} band", scale=alt.Scale(zero=False)),
        x2="upper:Q",
        tooltip=tooltip)
    tick = base.mark_tick(color="#555", thickness=2, size=14).encode(x="baseline:Q", tooltip=tooltip)
    point = base.mark_point(filled=True, size=60).encode(
        x="projected:Q", tooltip=tooltip,
        color=alt.Color("range:N", title=None,
                        scale=alt.Scale(domain=["inside observed range", "outside observed range"],
                                        range=[MODEL_COLOR, OUT_OF_RANGE_COLOR]),
                        legend=alt.Legend(orient="bottom")))
    parity = alt.Chart(pd.DataFrame({"x": [1.0]})).mark_rule(color="#888", strokeDash=[4, 3]).encode(x="x:Q")
    return alt.layer(parity, band, tick, point).properties(title=_title(title, note), height=alt.Step(22))
