"""Charts of the digitalization-scale page: eq. 4 coefficients, the computed index beside Table 1,
the yearly series with its status, and the change in A after a RAS update.

Data in, ``alt.Chart`` out (and the page's main chart, the coefficients, also as its Vega-Lite dict,
:func:`coefficient_spec`, so a cold page draws it before Altair is imported).  ``note`` goes into each
chart's subtitle so that the employment source or an approximation travels with the chart into PNG/SVG
exports.
``lang`` ("en" or "zh") picks the words of legends, tooltips and axis titles
(:mod:`core.i18n`); colours follow stable English codes, so they are the same in both
languages.  Every bar of a bar chart is labelled (``labelOverlap`` off, one step per bar).
"""

from __future__ import annotations

__all__ = ["ROLE_COLOURS", "STATUS_COLOURS", "coefficient_chart", "coefficient_spec", "ranking_chart", "scatter_chart",
           "series_chart", "delta_heatmap"]

import json
from typing import Any

import pandas as pd

from core.charts import FONT, VEGA_LITE_SCHEMA, alt, chart_title, inline_rows, title_dict
from core.i18n import translate

ROLE_COLOURS = {"digital core": "#c0392b", "traditional": "#1f5f8b"}
STATUS_COLOURS = {"benchmark table": "#1f5f8b", "RAS-updated": "#5b9bd5", "extrapolated": "#bbbbbb"}
STATUS_SHAPES = {"benchmark table": "circle", "RAS-updated": "triangle-up", "extrapolated": "cross"}
# Line colours by position in the chosen provinces (their stable English names), never by the shown label.
LINE_COLOURS = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f",
                "#bcbd22", "#17becf"]
BAR_STEP = 20  # pixels per bar: every label fits at the axis font


def _title(text: str, note: str | None) -> alt.TitleParams:
    return chart_title(text, note, limit=0)


def _band_axis(limit: int = 320) -> alt.Axis:
    """A band axis whose labels are cut at ``limit`` px (0: never cut, for names a reader must read whole)."""
    return alt.Axis(labelLimit=limit, labelOverlap=False, labelFont=FONT)


def coefficient_chart(sectors: pd.DataFrame, *, label: str = "sector", note: str | None = None,
                      title: str = "Digital consumption coefficient by sector (eq. 4)",
                      x_title: str = "Coefficient (dimensionless)", lang: str = "en") -> alt.Chart:
    """Horizontal bars of eq. 4 per sector, digital-core sectors in red.

    ``sectors`` is :func:`core.digitalization.sector_table` output (``code``, ``label``
    column, ``role``, ``coefficient``, ``dva_10k_yuan``).
    """
    def t(text: str) -> str:
        return translate(text, lang)

    data = _coefficient_rows(sectors, label, lang)
    return (alt.Chart(data, title=_title(title, note))
            .mark_bar()
            .encode(x=alt.X("coefficient:Q", title=x_title),
                    y=alt.Y("name:N", sort="-x", title=None, axis=_band_axis(0)),
                    color=alt.Color("role_label:N", title=None,
                                    scale=alt.Scale(domain=[t(r) for r in ROLE_COLOURS],
                                                    range=list(ROLE_COLOURS.values()))),
                    tooltip=[alt.Tooltip("name:N", title=t("Sector")), alt.Tooltip("role_label:N", title=t("Role")),
                             alt.Tooltip("coefficient:Q", format=".4f", title=t("Coefficient (dimensionless)")),
                             alt.Tooltip("dva_10k_yuan:Q", format=",.0f", title=t("Digital VA (10k yuan)"))])
            .properties(height=alt.Step(BAR_STEP)))


def _coefficient_rows(sectors: pd.DataFrame, label: str, lang: str) -> pd.DataFrame:
    """The coefficient chart's rows: ``sectors`` with the bar's name (code without ``sec``, then the label) and
    the role in words."""
    return sectors.assign(name=sectors["code"].str.replace("sec", "", regex=False) + " " + sectors[label],
                          role_label=sectors["role"].map(lambda r: translate(r, lang)))


def coefficient_spec(sectors: pd.DataFrame, *, label: str = "sector", note: str | None = None,
                     title: str = "Digital consumption coefficient by sector (eq. 4)",
                     x_title: str = "Coefficient (dimensionless)", lang: str = "en") -> dict[str, Any]:
    """:func:`coefficient_chart` as the Vega-Lite dict Altair makes of it (its dataset named by position,
    :func:`core.charts.stable_spec`), written out without Altair.

    It is the page's main chart: built through Altair, a cold deep link first waited for Altair's import (about
    0.3 s) and its chart objects.  A test compares the two over the presets, a custom set, both readings, both
    languages, with and without a note.
    """
    def t(text: str) -> str:
        return translate(text, lang)

    def tip(field: str, kind: str, title: str, **extra: str) -> dict[str, Any]:
        return {"field": field, **extra, "title": title, "type": kind}

    spec = {
        "config": {"view": {"continuousWidth": 300, "continuousHeight": 300}}, "data": {"name": "data-0"},
        "mark": {"type": "bar"},
        "encoding": {
            "color": {"field": "role_label", "scale": {"domain": [t(r) for r in ROLE_COLOURS],
                                                       "range": list(ROLE_COLOURS.values())},
                      "title": None, "type": "nominal"},
            "tooltip": [tip("name", "nominal", t("Sector")), tip("role_label", "nominal", t("Role")),
                        tip("coefficient", "quantitative", t("Coefficient (dimensionless)"), format=".4f"),
                        tip("dva_10k_yuan", "quantitative", t("Digital VA (10k yuan)"), format=",.0f")],
            "x": {"field": "coefficient", "title": x_title, "type": "quantitative"},
            # _band_axis(0): every name whole, one step per bar
            "y": {"axis": {"labelFont": FONT, "labelLimit": 0, "labelOverlap": False}, "field": "name",
                  "sort": "-x", "title": None, "type": "nominal"}},
        "height": {"step": BAR_STEP}, "title": title_dict(title, note, limit=0), "$schema": VEGA_LITE_SCHEMA,
    }
    # One plain copy (no shared lists): Streamlit takes the datasets out of the spec it is given.
    return {**json.loads(json.dumps(spec)),
            "datasets": {"data-0": inline_rows(_coefficient_rows(sectors, label, lang))}}


def ranking_chart(comparison: pd.DataFrame, *, label: str = "province", note: str | None = None,
                  title: str = "Computed index and published Table 1",
                  x_title: str = "Agglomeration index (1 = national parity)",
                  computed_label: str = "computed", published_label: str = "published (Table 1)",
                  lang: str = "en") -> alt.LayerChart:
    """Bars of the computed index per province, ranked, with the published value as a black tick."""
    def t(text: str) -> str:
        return translate(text, lang)

    data = comparison.dropna(subset=["computed"])
    # ranked by the rows themselves (not a list written into the spec), so new values keep the same spec
    order = alt.EncodingSortField("computed", op="max", order="descending")
    base = alt.Chart(data)
    bars = base.mark_bar(color="#5b9bd5").encode(
        x=alt.X("computed:Q", title=x_title),
        y=alt.Y(f"{label}:N", sort=order, title=None, axis=_band_axis()),
        tooltip=[alt.Tooltip(f"{label}:N", title=t("Province")),
                 alt.Tooltip("computed:Q", format=".2f", title=t(computed_label)),
                 alt.Tooltip("published:Q", format=".2f", title=t(published_label)),
                 alt.Tooltip("rank_computed:Q", title=t("Rank (computed)")),
                 alt.Tooltip("rank_published:Q", title=t("Rank (published)"))])
    ticks = base.mark_tick(color="black", thickness=2, size=12).encode(
        x="published:Q", y=alt.Y(f"{label}:N", sort=order))
    parity = alt.Chart(pd.DataFrame({"x": [1.0]})).mark_rule(strokeDash=[4, 3], color="#888").encode(x="x:Q")
    return alt.layer(bars, ticks, parity, title=_title(title, note)).properties(height=alt.Step(BAR_STEP))


def scatter_chart(comparison: pd.DataFrame, *, label: str = "province", note: str | None = None,
                  title: str = "Computed against published",
                  x_title: str = "Published (Table 1)", y_title: str = "Computed from the IO tables",
                  lang: str = "en") -> alt.LayerChart:
    """Scatter of computed against published index with the 45-degree line."""
    def t(text: str) -> str:
        return translate(text, lang)

    data = comparison.dropna(subset=["computed", "published"])
    hi = float(max(data["computed"].max(), data["published"].max(), 1.0)) if len(data) else 1.0
    points = (alt.Chart(data).mark_circle(size=60, color="#1f5f8b")
              .encode(x=alt.X("published:Q", title=x_title), y=alt.Y("computed:Q", title=y_title),
                      tooltip=[alt.Tooltip(f"{label}:N", title=t("Province")),
                               alt.Tooltip("computed:Q", format=".2f", title=t("computed")),
                               alt.Tooltip("published:Q", format=".2f", title=t("published (Table 1)"))]))
    diagonal = alt.Chart(pd.DataFrame({"a": [0.0, hi], "b": [0.0, hi]})).mark_line(strokeDash=[4, 3], color="#888") \
        .encode(x="a:Q", y="b:Q")
    return alt.layer(diagonal, points, title=_title(title, note)).properties(height=320)


def series_chart(series: pd.DataFrame, *, label: str = "province", note: str | None = None,
                 title: str = "Computed index by year, beside Table 1", y_title: str = "Agglomeration index",
                 x_title: str = "Year", lang: str = "en", order: tuple[str, ...] | None = None) -> alt.LayerChart:
    """Computed index (solid line, point shape by status) and the published Table 1 (dashed) per province.

    ``series`` has ``province`` (stable English name), ``year``, ``label`` column, ``idt`` (computed),
    ``published`` and ``status_group`` (benchmark table / RAS-updated / extrapolated).  Line colours follow
    ``order`` (English names; default: first appearance), so a province keeps its colour in both languages.
    """
    def t(text: str) -> str:
        return translate(text, lang)

    provinces = list(order) if order else list(dict.fromkeys(series["province"]))
    names = dict(zip(series["province"], series[label]))
    domain = [names.get(p, p) for p in provinces]
    data = series.assign(status_label=series["status_group"].map(lambda s: t(s)),
                         status_text=series["status"].map(lambda s: t(s)) if "status" in series else "")
    base = alt.Chart(data)
    colour = alt.Color(f"{label}:N", title=None,
                       scale=alt.Scale(domain=domain, range=(LINE_COLOURS * 3)[:len(domain)]))
    computed = base.mark_line().encode(x=alt.X("year:O", title=x_title, axis=alt.Axis(labelAngle=0)),
                                       y=alt.Y("idt:Q", title=y_title), color=colour)
    points = base.mark_point(filled=True, size=55).encode(
        x="year:O", y="idt:Q", color=colour,
        shape=alt.Shape("status_label:N", title=t("Computed value"),
                        scale=alt.Scale(domain=[t(s) for s in STATUS_SHAPES], range=list(STATUS_SHAPES.values()))),
        opacity=alt.condition(alt.datum.status_group == "extrapolated", alt.value(0.35), alt.value(1.0)),
        tooltip=[alt.Tooltip(f"{label}:N", title=t("Province")), alt.Tooltip("year:O", title=t("Year")),
                 alt.Tooltip("idt:Q", format=".2f", title=t("computed")),
                 alt.Tooltip("published:Q", format=".2f", title=t("published (Table 1)")),
                 alt.Tooltip("status_text:N", title=t("Table used"))])
    published = base.mark_line(strokeDash=[5, 4], opacity=0.7).encode(x="year:O", y="published:Q", color=colour)
    return alt.layer(published, computed, points, title=_title(title, note)).properties(height=320)


def delta_heatmap(delta: pd.DataFrame, *, note: str | None = None,
                  title: str = "Change in direct coefficients A after RAS (updated - base)",
                  x_title: str = "Purchasing sector (column)", y_title: str = "Supplying sector (row)",
                  lang: str = "en") -> alt.Chart:
    """Heat map of ``A(t) - A(0)`` cell by cell; diverging colours centred on zero.

    ``delta`` is long: ``row``, ``col``, ``change`` (and optionally ``base``, ``updated``).
    """
    def t(text: str) -> str:
        return translate(text, lang)

    lim = float(delta["change"].abs().max()) if len(delta) else 1.0
    lim = lim if lim > 0 else 1.0
    return (alt.Chart(delta, title=_title(title, note))
            .mark_rect()
            .encode(x=alt.X("col:O", title=x_title, axis=alt.Axis(labelAngle=-90, labelFontSize=8)),
                    y=alt.Y("row:O", title=y_title, axis=alt.Axis(labelFontSize=8)),
                    color=alt.Color("change:Q", scale=alt.Scale(scheme="redblue", domain=[-lim, lim], reverse=True),
                                    title=t("Change in a_ij")),
                    tooltip=[alt.Tooltip("row:O", title=t("Supplying sector (row)")),
                             alt.Tooltip("col:O", title=t("Purchasing sector (column)")),
                             alt.Tooltip("base:Q", format=".4f", title="A(0)"),
                             alt.Tooltip("updated:Q", format=".4f", title="A(t)"),
                             alt.Tooltip("change:Q", format="+.5f", title=t("Change in a_ij"))])
            .properties(height=420, width=420))
