"""Charts of the pilot-city DID page: treatment timing, event study, ATT comparison, regional split.

Data in, ``alt.Chart`` out.  ``note`` is put in every chart's subtitle, so a
chart made from the synthetic panel always says so (also in PNG/SVG exports).
"""

from __future__ import annotations

__all__ = ["REGION_COLOURS", "METHOD_COLOURS", "METHOD_NAMES", "EVENT_ROWS", "timing_chart", "event_study_chart",
           "event_study_rows", "event_study_template", "att_chart", "timing_spec", "att_spec"]

import json
from collections.abc import Mapping, Sequence

import pandas as pd

from core.charts import VEGA_LITE_SCHEMA, alt, chart_title, records, stable_spec, title_dict

REGION_COLOURS = {"east": "#1f77b4", "central": "#ff7f0e", "west": "#2ca02c"}
METHOD_COLOURS = {"twfe": "#7f7f7f", "did2s": "#d62728"}
METHOD_NAMES = {"twfe": "TWFE", "did2s": "did2s (Gardner)"}


Words = Mapping[str, str] | None  # code or field name -> the words to show (a translation); None: as before


def _word(words: Words, code: str, default: str | None = None) -> str:
    return (words or {}).get(code, code if default is None else default)


def _method_names(words: Words) -> dict[str, str]:
    return {m: _word(words, m, name) for m, name in METHOD_NAMES.items()}


def _tip(field: str, words: Words, **kwargs) -> alt.Tooltip:
    """A tooltip whose title is the field's words (``field`` like ``cities:Q``)."""
    name = field.split(":")[0]
    return alt.Tooltip(field, title=_word(words, name), **kwargs) if words else alt.Tooltip(field, **kwargs)


def _title(text: str, note: str | None) -> alt.TitleParams:
    return chart_title(text, note)


def _timing_rows(timing: pd.DataFrame, words: Words) -> tuple[pd.DataFrame, list[str]]:
    """The timing chart's rows (cohorts and regions in words) and its cohorts in order, ``never`` last."""
    timing = timing.assign(cohort_label=timing["cohort_label"].map(lambda c: _word(words, c)),
                           region=timing["region"].map(lambda r: _word(words, r)))
    never = _word(words, "never")
    order = (timing.drop_duplicates("cohort_label").sort_values("cohort")["cohort_label"].tolist())
    if never in order:
        order = [o for o in order if o != never] + [never]
    return timing, order


def timing_chart(timing: pd.DataFrame, *, note: str | None = None, title: str = "Treatment timing: cities by first approval year",
                 x_title: str = "First approval year (cohort)", y_title: str = "Cities",
                 words: Words = None) -> alt.Chart:
    """Stacked bars of cities per cohort (``never`` = comparison cities), coloured by east/central/west.

    ``timing`` has ``cohort_label``, ``cohort``, ``region``, ``cities`` (see :func:`core.pilots.timing_table`).
    ``words`` (code -> words, e.g. a translation) names the regions, ``never`` and the tooltip fields.
    """
    timing, order = _timing_rows(timing, words)
    return (alt.Chart(timing, title=_title(title, note))
            .mark_bar()
            .encode(x=alt.X("cohort_label:N", sort=order, title=x_title, axis=alt.Axis(labelAngle=0)),
                    y=alt.Y("cities:Q", title=y_title, stack="zero"),
                    color=alt.Color("region:N", scale=alt.Scale(domain=[_word(words, r) for r in REGION_COLOURS],
                                                                range=list(REGION_COLOURS.values())), title=None),
                    tooltip=[_tip("cohort_label:N", words), _tip("region:N", words), _tip("cities:Q", words)])
            .properties(height=260))


EVENT_ROWS = "event_rows"  # the event study's coefficients, one row per period (and estimator)


def event_study_rows(table: pd.DataFrame, *, words: Words = None) -> dict[str, pd.DataFrame]:
    """The rows :func:`event_study_template` draws: ``table`` (:attr:`core.did.EventStudyResult.table`, optionally
    with a ``method`` column) with the estimator's and the period kind's words, and ``binned`` as words."""
    data = table.copy()
    if "method" not in data:
        data["method"] = "did2s"
    data["method_name"] = data["method"].map(_method_names(words))
    kinds = {True: _word(words, "reference"), False: _word(words, "estimated")}
    data["period_kind"] = data["is_reference"].map(kinds)
    if words and "binned" in data:
        data["binned"] = data["binned"].map({True: _word(words, "true"), False: _word(words, "false")})
    return {EVENT_ROWS: data.reset_index(drop=True)}


def _event_layers(source: pd.DataFrame | alt.Data, methods: list[str], *, reference: int, note: str | None,
                  title: str, x_title: str, y_title: str, reference_label: str, width: int,
                  words: Words) -> alt.LayerChart:
    names = _method_names(words)
    kinds = {True: _word(words, "reference"), False: _word(words, "estimated")}
    colour = alt.Color("method_name:N", title=None,
                       scale=alt.Scale(domain=[names[m] for m in methods],
                                       range=[METHOD_COLOURS[m] for m in methods]))
    x = alt.X("rel_period:O", title=x_title, axis=alt.Axis(labelAngle=0))
    offset = alt.XOffset("method_name:N") if len(methods) > 1 else alt.XOffset()
    base = alt.Chart(source)
    zero = alt.Chart(pd.DataFrame({"y": [0.0]})).mark_rule(color="#444", strokeWidth=1).encode(y="y:Q")
    ref = (alt.Chart(pd.DataFrame({"rel_period": [reference], "label": [reference_label]}))
           .mark_rule(strokeDash=[4, 4], color="#444").encode(x=alt.X("rel_period:O")))
    ref_text = (alt.Chart(pd.DataFrame({"rel_period": [reference], "label": [reference_label]}))
                .mark_text(align="left", dx=4, dy=-4, baseline="bottom", fontSize=11, color="#444")
                .encode(x=alt.X("rel_period:O"), y=alt.value(0), text="label:N"))
    tooltip = [alt.Tooltip("rel_period:O", title=_word(words, "period")), _tip("method_name:N", words),
               _tip("estimate:Q", words, format=".4f"), _tip("ci_low:Q", words, format=".4f"),
               _tip("ci_high:Q", words, format=".4f"), _tip("n_obs:Q", words), _tip("binned:N", words)]
    bars = base.mark_rule(strokeWidth=2).encode(x=x, xOffset=offset, y=alt.Y("ci_low:Q", title=y_title),
                                                y2="ci_high:Q", color=colour)
    points = base.mark_point(filled=True, size=60).encode(
        x=x, xOffset=offset, y="estimate:Q", color=colour, tooltip=tooltip,
        shape=alt.Shape("period_kind:N", title=None, scale=alt.Scale(domain=[kinds[False], kinds[True]],
                                                                     range=["circle", "diamond"])))
    return (alt.layer(zero, ref, bars, points, ref_text, title=_title(title, note))
            .properties(height=320, width=width))


def event_study_chart(table: pd.DataFrame, *, reference: int = -1, note: str | None = None,
                      title: str = "Event study: effect by years since approval",
                      x_title: str = "Years since first approval", y_title: str = "Effect on outcome",
                      reference_label: str = "reference period (set to 0)", width: int = 640,
                      words: Words = None) -> alt.LayerChart:
    """Coefficients with 95 % intervals by relative period; the reference period is a hollow point and a dashed rule.

    ``table`` is :attr:`core.did.EventStudyResult.table`, optionally with a ``method`` column
    (``twfe``/``did2s``) to draw both estimators side by side.

    ``width`` (pixels) is the width of an export; the page stretches the chart to its column.  It must be a
    number: with Vega-Lite's default step-based width the estimators' offset scale gets a whole period's step
    per estimator, so an export (drawn at the spec's own size) put the second estimator one period to the right
    of the first, while the screen (which sets a width) drew them side by side in their period.
    The page draws the same chart as :func:`event_study_template` with :func:`event_study_rows`.
    """
    data = event_study_rows(table, words=words)[EVENT_ROWS]
    methods = [m for m in METHOD_NAMES if m in set(data["method"])]
    return _event_layers(data, methods, reference=reference, note=note, title=title, x_title=x_title,
                         y_title=y_title, reference_label=reference_label, width=width, words=words)


def event_study_template(methods: Sequence[str], *, reference: int = -1, note: str | None = None,
                         title: str = "Event study: effect by years since approval",
                         x_title: str = "Years since first approval", y_title: str = "Effect on outcome",
                         reference_label: str = "reference period (set to 0)", width: int = 640,
                         words: Words = None) -> dict:
    """:func:`event_study_chart` as a spec without its rows (the named dataset :data:`EVENT_ROWS`, from
    :func:`event_study_rows`): it depends on the estimators shown, the reference and the words only, so a new
    window or new estimates change rows alone and the drawn chart is updated in place.

    Written out as the Vega-Lite dict Altair makes of :func:`event_study_chart`'s layers (with the datasets named
    by position, :func:`core.charts.stable_spec`) rather than built through Altair: the Altair objects and their
    conversion were about 0.1 s of a cold page before its main chart.  A test compares the two for one and two
    estimators, with and without words."""
    shown = [m for m in METHOD_NAMES if m in set(methods)]
    names = _method_names(words)
    kinds = {True: _word(words, "reference"), False: _word(words, "estimated")}
    colour = {"field": "method_name", "scale": {"domain": [names[m] for m in shown],
                                                "range": [METHOD_COLOURS[m] for m in shown]},
              "title": None, "type": "nominal"}
    x = {"axis": {"labelAngle": 0}, "field": "rel_period", "title": x_title, "type": "ordinal"}
    offset = {"field": "method_name", "type": "nominal"} if len(shown) > 1 else {}
    rows = {"name": EVENT_ROWS}
    ordinal_x = {"x": {"field": "rel_period", "type": "ordinal"}}

    def tip(field: str, kind: str, **extra: str) -> dict:
        return {"field": field, **extra, **({"title": _word(words, field)} if words else {}), "type": kind}

    tooltip = [{"field": "rel_period", "title": _word(words, "period"), "type": "ordinal"},
               tip("method_name", "nominal"), tip("estimate", "quantitative", format=".4f"),
               tip("ci_low", "quantitative", format=".4f"), tip("ci_high", "quantitative", format=".4f"),
               tip("n_obs", "quantitative"), tip("binned", "nominal")]
    layers = [
        {"data": {"name": "data-0"}, "mark": {"type": "rule", "color": "#444", "strokeWidth": 1},
         "encoding": {"y": {"field": "y", "type": "quantitative"}}},
        {"data": {"name": "data-1"}, "mark": {"type": "rule", "color": "#444", "strokeDash": [4, 4]},
         "encoding": dict(ordinal_x)},
        {"data": rows, "mark": {"type": "rule", "strokeWidth": 2},
         "encoding": {"color": colour, "x": x, "xOffset": offset,
                      "y": {"field": "ci_low", "title": y_title, "type": "quantitative"}, "y2": {"field": "ci_high"}}},
        {"data": rows, "mark": {"type": "point", "filled": True, "size": 60},
         "encoding": {"color": colour,
                      "shape": {"field": "period_kind", "scale": {"domain": [kinds[False], kinds[True]],
                                                                  "range": ["circle", "diamond"]},
                                "title": None, "type": "nominal"},
                      "tooltip": tooltip, "x": x, "xOffset": offset,
                      "y": {"field": "estimate", "type": "quantitative"}}},
        {"data": {"name": "data-1"}, "mark": {"type": "text", "align": "left", "baseline": "bottom", "color": "#444",
                                             "dx": 4, "dy": -4, "fontSize": 11},
         "encoding": {"text": {"field": "label", "type": "nominal"}, **ordinal_x, "y": {"value": 0}}},
    ]
    spec = {"config": {"view": {"continuousWidth": 300, "continuousHeight": 300}}, "layer": layers, "height": 320,
            "title": title_dict(title, note), "width": width, "$schema": VEGA_LITE_SCHEMA,
            "datasets": {"data-0": [{"y": 0.0}], "data-1": [{"rel_period": reference, "label": reference_label}]}}
    # One plain copy (no shared sub-dicts): callers and Streamlit may change parts of a spec they were given.
    return json.loads(json.dumps(spec))


def att_chart(table: pd.DataFrame, *, group: str = "method_name", note: str | None = None,
              title: str = "Average effect on the treated (ATT), 95% interval",
              x_title: str = "ATT (outcome units)", words: Words = None) -> alt.LayerChart:
    """Point-and-interval chart of ATTs; rows by ``group`` (method names, or regions), colour by method.

    ``table`` has ``method``, ``att``, ``ci_low``, ``ci_high`` and the ``group`` column.
    """
    data = table.copy()
    names = _method_names(words)
    data["method_name"] = data["method"].map(names)
    methods = [m for m in METHOD_NAMES if m in set(data["method"])]
    colour = alt.Color("method_name:N", title=None, scale=alt.Scale(domain=[names[m] for m in methods],
                                                                    range=[METHOD_COLOURS[m] for m in methods]))
    y = alt.Y(f"{group}:N", title=None, sort=list(dict.fromkeys(data[group])))  # rows in the order given
    offset = alt.YOffset("method_name:N") if group != "method_name" else alt.YOffset()
    base = alt.Chart(data)
    zero = alt.Chart(pd.DataFrame({"x": [0.0]})).mark_rule(color="#444").encode(x="x:Q")
    rules = base.mark_rule(strokeWidth=3).encode(y=y, yOffset=offset, x=alt.X("ci_low:Q", title=x_title),
                                                 x2="ci_high:Q", color=colour)
    points = base.mark_point(filled=True, size=90).encode(
        y=y, yOffset=offset, x="att:Q", color=colour,
        tooltip=[_tip(f"{group}:N", words), _tip("method_name:N", words), _tip("att:Q", words, format=".4f"),
                 _tip("ci_low:Q", words, format=".4f"), _tip("ci_high:Q", words, format=".4f")])
    step = 22 if group != "method_name" else 34  # per method row, or per method within a region row
    return alt.layer(zero, rules, points, title=_title(title, note)).properties(height=alt.Step(step))


# The page draws the ATT charts as Vega-Lite dicts converted without Altair's schema check, which took longer than
# building them (15-45 ms each); a test checks they are the validated conversion of att_chart.

def timing_spec(timing: pd.DataFrame, *, note: str | None = None,
                title: str = "Treatment timing: cities by first approval year",
                x_title: str = "First approval year (cohort)", y_title: str = "Cities", words: Words = None) -> dict:
    """:func:`timing_chart` as the Vega-Lite dict Altair makes of it (datasets named by position,
    :func:`core.charts.stable_spec`), written out: the page's first chart, so built before its main chart,
    where Altair's objects and conversion cost 30-50 ms of a cold process (a test compares the two)."""
    data, order = _timing_rows(timing, words)

    def tip(field: str, kind: str) -> dict:
        return {"field": field, **({"title": _word(words, field)} if words else {}), "type": kind}

    spec = {
        "config": {"view": {"continuousWidth": 300, "continuousHeight": 300}}, "data": {"name": "data-0"},
        "mark": {"type": "bar"},
        "encoding": {
            "color": {"field": "region", "scale": {"domain": [_word(words, r) for r in REGION_COLOURS],
                                                   "range": list(REGION_COLOURS.values())},
                      "title": None, "type": "nominal"},
            "tooltip": [tip("cohort_label", "nominal"), tip("region", "nominal"), tip("cities", "quantitative")],
            "x": {"axis": {"labelAngle": 0}, "field": "cohort_label", "sort": order, "title": x_title,
                  "type": "nominal"},
            "y": {"field": "cities", "stack": "zero", "title": y_title, "type": "quantitative"}},
        "height": 260, "title": title_dict(title, note), "$schema": VEGA_LITE_SCHEMA,
    }
    return json.loads(json.dumps({**spec, "datasets": {"data-0": records(data)}}))


def att_spec(table: pd.DataFrame, **options) -> dict:
    """:func:`att_chart` as its Vega-Lite dict (not schema-checked on each build)."""
    return att_chart(table, **options).to_dict(validate=False)
