"""Chart builders of the regression explorer: data in, Vega-Lite specs out.

``coefficient_plot`` draws the estimates of eq. 10 with their confidence
intervals (optionally next to Table 5's published points); ``projection_chart``
draws a scenario's projected index per province with its delta-method band and
the baseline.  Each comes as a spec template whose rows are named datasets
(``*_template`` and ``*_rows``), so the page keeps the template and swaps rows
when the sample or a lever moves; ``coefficient_plot`` and ``projection_chart``
return them joined, as self-contained Vega-Lite dicts.  Every builder takes a ``note`` that is printed as the chart's
subtitle - the page passes "synthetic — for demonstration" whenever the demo
panel feeds the chart, so the label travels with PNG/SVG exports too.

The coefficient chart is the page's main chart, the projection the first of a scenario link: their templates
are written out as the Vega-Lite dicts Altair makes of :func:`coefficient_chart` and :func:`projection_layers`,
so a cold page sends them before anything imports Altair (about 0.3 s); tests compare the two.
"""

from __future__ import annotations

__all__ = ["MODEL_COLOR", "PAPER_COLOR", "OUT_OF_RANGE_COLOR", "COEFFICIENT_ROWS", "PAPER_ROWS", "PROJECTION_ROWS",
           "coefficient_rows", "coefficient_chart", "coefficient_template", "coefficient_plot", "projection_rows",
           "projection_layers", "projection_template", "projection_chart"]

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

# ``alt`` imports Altair on first use: the coefficient template below needs none of it.
from core.charts import VEGA_LITE_SCHEMA, alt, chart_title, stable_spec, title_dict, with_rows

if TYPE_CHECKING:
    import altair

Words = Callable[[str], str]  # English text -> the text to show (a translation); identity by default


def _same(text: str) -> str:
    return text


MODEL_COLOR = "#2171b5"
PAPER_COLOR = "#d6604d"
OUT_OF_RANGE_COLOR = "#b2182b"


def _subtitle_color(note: str | None) -> str:
    """Red for the synthetic panel's note (English or Chinese), so the label stands out; grey otherwise."""
    return OUT_OF_RANGE_COLOR if note and ("synthetic" in note or "合成" in note) else "#555"


def _title(text: str, note: str | None) -> altair.TitleParams:
    return chart_title(text, note, subtitleColor=_subtitle_color(note))


def _title_dict(text: str, note: str | None) -> dict:
    """:func:`_title` as Altair writes it out (:func:`core.charts.title_dict` keeps Altair's key order, so the spec
    text the page sends is the one Altair's conversion gave)."""
    return title_dict(text, note, subtitleColor=_subtitle_color(note))


COEFFICIENT_ROWS = "coefficient_rows"  # the model's slopes and intervals
PAPER_ROWS = "paper_rows"  # Table 5's published slopes for the same terms
PROJECTION_ROWS = "projection_rows"  # one row per province: baseline, projection, band


def coefficient_rows(table: pd.DataFrame, paper: pd.DataFrame | None = None) -> dict[str, pd.DataFrame]:
    """The rows :func:`coefficient_template` draws: the slopes (the constant is on another scale, left out) and
    the published slopes of the same terms (``paper``: ``term``, ``paper_coef``; Table 5)."""
    # Column arrays and one frame each, not pandas selections: a dozen rows, rebuilt on every new sample, where
    # boolean indexing, assign and isin on string columns cost ~3 ms.
    terms = table["term"].to_numpy(dtype=object)
    keep = terms != "const"
    columns = {c: table[c].to_numpy()[keep] for c in ("term", "coef", "lower", "upper", "stars") if c in table.columns}
    slopes = pd.DataFrame({**columns, "source": np.full(int(keep.sum()), "This model", dtype=object)})
    published = pd.DataFrame({"term": pd.Series(dtype=str), "paper_coef": pd.Series(dtype=float)})
    if paper is not None:
        shown = set(columns.get("term", ()))
        paper_terms, paper_coef = paper["term"].to_numpy(dtype=object), paper["paper_coef"].to_numpy(dtype=float)
        chosen = np.array([t in shown for t in paper_terms], dtype=bool) & ~np.isnan(paper_coef)
        published = pd.DataFrame({"term": paper_terms[chosen], "paper_coef": paper_coef[chosen]})
    return {COEFFICIENT_ROWS: slopes, PAPER_ROWS: published}


def _axis_title(level: float, words: Words) -> str:
    return words("Coefficient with {level} interval").format(level=f"{level:.0%}")


def coefficient_chart(terms: Sequence[str], *, title: str = "Coefficients", note: str | None = None,
                      level: float = 0.95, words: Words = _same) -> altair.LayerChart:
    """Point estimate and CI of each slope, with Table 5's points as open diamonds, as Altair layers without rows
    (the named datasets of :func:`coefficient_rows`); the page draws :func:`coefficient_template`, this chart's
    Vega-Lite dict written out.  (A Step height, not a fixed number: Streamlit 1.67 collapses fixed-height
    layered band charts to one row.)"""
    order = list(terms)
    base = alt.Chart(alt.Data(name=COEFFICIENT_ROWS)).encode(y=alt.Y("term:N", sort=order, title=None))
    rule = base.mark_rule(color=MODEL_COLOR, strokeWidth=2).encode(
        x=alt.X("lower:Q", title=_axis_title(level, words)), x2="upper:Q")
    point = base.mark_point(filled=True, size=70, color=MODEL_COLOR).encode(
        x="coef:Q",
        tooltip=[alt.Tooltip("term:N", title=words("Term")), alt.Tooltip("coef:Q", format=".4f", title=words("Coefficient")),
                 alt.Tooltip("lower:Q", format=".4f", title=words("Lower")),
                 alt.Tooltip("upper:Q", format=".4f", title=words("Upper")),
                 alt.Tooltip("stars:N", title=words("Significance"))])
    zero = alt.Chart(pd.DataFrame({"x": [0.0]})).mark_rule(color="#888", strokeDash=[4, 3]).encode(x="x:Q")
    published = alt.Chart(alt.Data(name=PAPER_ROWS)).mark_point(
        shape="diamond", size=90, color=PAPER_COLOR, filled=False, strokeWidth=2).encode(
        y=alt.Y("term:N", sort=order), x="paper_coef:Q",
        tooltip=[alt.Tooltip("term:N", title=words("Term")),
                 alt.Tooltip("paper_coef:Q", format=".3f", title=words("Table 5 (paper)"))])
    return alt.layer(zero, rule, point, published).properties(title=_title(title, note), height=alt.Step(30))


def coefficient_template(terms: Sequence[str], *, title: str = "Coefficients", note: str | None = None,
                         level: float = 0.95, words: Words = _same) -> dict:
    """Point estimate and CI of each slope, with Table 5's points as open diamonds, as a spec without rows.

    The rows are the named datasets of :func:`coefficient_rows`; the spec depends only on the terms (their
    order), title and note, so a new sample or standard error changes rows only and the drawn chart is
    updated in place.  ``words`` turns the axis and tooltip titles into the reader's language.

    Written out as the Vega-Lite dict Altair makes of :func:`coefficient_chart` (datasets named by position,
    :func:`core.charts.stable_spec`; same keys in the same order), not built through Altair: this is the
    regression page's main chart, and importing Altair to build it held a cold deep link back about 0.3 s.  A
    test compares the two, validated, over what the page can ask for.
    """
    order = list(terms)

    def y(**title: None) -> dict:  # a new dict per layer: callers may change parts of a spec they were given
        return {"field": "term", "sort": list(order), **title, "type": "nominal"}

    def tip(field: str, kind: str, text: str, **number: str) -> dict:
        return {"field": field, **number, "title": words(text), "type": kind}

    layers = [
        {"data": {"name": "data-0"}, "mark": {"type": "rule", "color": "#888", "strokeDash": [4, 3]},
         "encoding": {"x": {"field": "x", "type": "quantitative"}}},
        {"data": {"name": COEFFICIENT_ROWS}, "mark": {"type": "rule", "color": MODEL_COLOR, "strokeWidth": 2},
         "encoding": {"x": {"field": "lower", "title": _axis_title(level, words), "type": "quantitative"},
                      "x2": {"field": "upper"}, "y": y(title=None)}},
        {"data": {"name": COEFFICIENT_ROWS}, "mark": {"type": "point", "color": MODEL_COLOR, "filled": True, "size": 70},
         "encoding": {"tooltip": [tip("term", "nominal", "Term"),
                                  tip("coef", "quantitative", "Coefficient", format=".4f"),
                                  tip("lower", "quantitative", "Lower", format=".4f"),
                                  tip("upper", "quantitative", "Upper", format=".4f"),
                                  tip("stars", "nominal", "Significance")],
                      "x": {"field": "coef", "type": "quantitative"}, "y": y(title=None)}},
        {"data": {"name": PAPER_ROWS}, "mark": {"type": "point", "color": PAPER_COLOR, "filled": False,
                                                "shape": "diamond", "size": 90, "strokeWidth": 2},
         "encoding": {"tooltip": [tip("term", "nominal", "Term"),
                                  tip("paper_coef", "quantitative", "Table 5 (paper)", format=".3f")],
                      "x": {"field": "paper_coef", "type": "quantitative"}, "y": y()}},
    ]
    return {"config": {"view": {"continuousWidth": 300, "continuousHeight": 300}}, "layer": layers,
            "height": {"step": 30}, "title": _title_dict(title, note), "$schema": VEGA_LITE_SCHEMA,
            "datasets": {"data-0": [{"x": 0.0}]}}


def coefficient_plot(table: pd.DataFrame, *, paper: pd.DataFrame | None = None, title: str = "Coefficients",
                     note: str | None = None, level: float = 0.95) -> dict:
    """Point estimate and CI of each slope (the constant is left out: it is on another scale), self-contained.

    ``table`` has ``term``, ``coef``, ``lower``, ``upper`` (and ``stars``);
    ``paper`` optionally has ``term`` and ``paper_coef`` (Table 5) drawn as open diamonds.
    """
    rows = coefficient_rows(table, paper)
    return with_rows(coefficient_template(rows[COEFFICIENT_ROWS].term, title=title, note=note, level=level), **rows)


INSIDE, OUTSIDE = "inside observed range", "outside observed range"


def projection_rows(projection: pd.DataFrame, words: Words = _same) -> pd.DataFrame:
    """The rows :func:`projection_template` draws (from :func:`core.panel.project`), with the range label
    (in the words :func:`projection_template` was given)."""
    return projection.assign(range=projection.out_of_range.map({True: words(OUTSIDE), False: words(INSIDE)}))


def _projection_axis_title(level: float, words: Words) -> str:
    return words("Agglomeration index, projected with {level} band").format(level=f"{level:.0%}")


_PROJECTION_TOOLTIP = (("Province", None, "nominal", None), ("Baseline (fitted)", "baseline", "quantitative", ".3f"),
                       ("Projected", "projected", "quantitative", ".3f"), ("Lower", "lower", "quantitative", ".3f"),
                       ("Upper", "upper", "quantitative", ".3f"), ("Changed values", "range", "nominal", None))


def projection_layers(*, title: str = "Projected index", note: str | None = None, province_label: str = "province",
                      level: float = 0.95, words: Words = _same) -> altair.LayerChart:
    """Provinces ranked by projected index: band (lower-upper), projected point, baseline tick, as Altair layers
    without rows (the page draws :func:`projection_template`, this chart's Vega-Lite dict written out).

    Provinces are ranked by the rows themselves, so a moved lever changes rows only (named dataset
    :data:`PROJECTION_ROWS`, see :func:`projection_rows`) and the drawn chart is updated in place.
    Provinces whose changed values leave the observed range are drawn in red.
    """
    order = alt.EncodingSortField("projected", op="max", order="descending")
    y = alt.Y(f"{province_label}:N", sort=order, title=None, axis=alt.Axis(labelOverlap=False))
    tooltip = [alt.Tooltip(f"{field or province_label}:{kind[0].upper()}", title=words(text),
                           **({"format": number} if number else {}))
               for text, field, kind, number in _PROJECTION_TOOLTIP]
    base = alt.Chart(alt.Data(name=PROJECTION_ROWS)).encode(y=y)
    band = base.mark_bar(height=8, opacity=0.35, color=MODEL_COLOR).encode(
        x=alt.X("lower:Q", title=_projection_axis_title(level, words), scale=alt.Scale(zero=False)),
        x2="upper:Q",
        tooltip=tooltip)
    tick = base.mark_tick(color="#555", thickness=2, size=14).encode(x="baseline:Q", tooltip=tooltip)
    point = base.mark_point(filled=True, size=60).encode(
        x="projected:Q", tooltip=tooltip,
        color=alt.Color("range:N", title=None,
                        scale=alt.Scale(domain=[words(INSIDE), words(OUTSIDE)],
                                        range=[MODEL_COLOR, OUT_OF_RANGE_COLOR]),
                        legend=alt.Legend(orient="bottom")))
    parity = alt.Chart(pd.DataFrame({"x": [1.0]})).mark_rule(color="#888", strokeDash=[4, 3]).encode(x="x:Q")
    return alt.layer(parity, band, tick, point).properties(title=_title(title, note), height=alt.Step(22))


def projection_template(*, title: str = "Projected index", note: str | None = None,
                        province_label: str = "province", level: float = 0.95, words: Words = _same) -> dict:
    """:func:`projection_layers` as a spec without rows, written out as the Vega-Lite dict Altair makes of it
    (datasets named by position, same keys in the same order), not built through Altair: a scenario link opens
    on this chart, which would otherwise wait for Altair's import (~0.3 s) and build (~50 ms) on a cold page.
    A test compares the two, validated."""
    def tooltip() -> list[dict]:  # new dicts per layer: callers may change parts of a spec they were given
        return [{"field": field or province_label, **({"format": number} if number else {}), "title": words(text),
                 "type": kind} for text, field, kind, number in _PROJECTION_TOOLTIP]

    def y() -> dict:
        return {"axis": {"labelOverlap": False}, "field": province_label,
                "sort": {"field": "projected", "op": "max", "order": "descending"}, "title": None, "type": "nominal"}

    rows = PROJECTION_ROWS
    layers = [
        {"data": {"name": "data-0"}, "mark": {"type": "rule", "color": "#888", "strokeDash": [4, 3]},
         "encoding": {"x": {"field": "x", "type": "quantitative"}}},
        {"data": {"name": rows}, "mark": {"type": "bar", "color": MODEL_COLOR, "height": 8, "opacity": 0.35},
         "encoding": {"tooltip": tooltip(),
                      "x": {"field": "lower", "scale": {"zero": False}, "title": _projection_axis_title(level, words),
                            "type": "quantitative"},
                      "x2": {"field": "upper"}, "y": y()}},
        {"data": {"name": rows}, "mark": {"type": "tick", "color": "#555", "size": 14, "thickness": 2},
         "encoding": {"tooltip": tooltip(), "x": {"field": "baseline", "type": "quantitative"}, "y": y()}},
        {"data": {"name": rows}, "mark": {"type": "point", "filled": True, "size": 60},
         "encoding": {"color": {"field": "range", "legend": {"orient": "bottom"},
                                "scale": {"domain": [words(INSIDE), words(OUTSIDE)],
                                          "range": [MODEL_COLOR, OUT_OF_RANGE_COLOR]},
                                "title": None, "type": "nominal"},
                      "tooltip": tooltip(), "x": {"field": "projected", "type": "quantitative"}, "y": y()}},
    ]
    return {"config": {"view": {"continuousWidth": 300, "continuousHeight": 300}}, "layer": layers,
            "height": {"step": 22}, "title": _title_dict(title, note), "$schema": VEGA_LITE_SCHEMA,
            "datasets": {"data-0": [{"x": 1.0}]}}


def projection_chart(projection: pd.DataFrame, *, title: str = "Projected index", note: str | None = None,
                     province_label: str = "province", level: float = 0.95, words: Words = _same) -> dict:
    """:func:`projection_template` with the rows of ``projection``, self-contained (export, tests)."""
    spec = projection_template(title=title, note=note, province_label=province_label, level=level, words=words)
    return with_rows(spec, **{PROJECTION_ROWS: projection_rows(projection, words)})
