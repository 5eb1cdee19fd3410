"""Chart builders of the agglomeration map page: data in, ``alt.Chart`` out.

The choropleth carries **every year** in one spec (each feature's properties
hold a value per year) and filters in the browser through a Vega-Lite point
selection ``year`` bound to a slider, so moving the year never waits for the
server; the page listens to that selection (Streamlit ``on_select``) only to
keep the link and the downloads on the year shown.  A ``play`` checkbox steps
the years in the browser too (Vega-Lite 6's timer-driven selection, see
:func:`animation_clock`).  Classes are computed in ``core.classes`` (mapclassify) and sent as a
class index per province and year; the legend labels are the class bounds.

Colour ramps are ColorBrewer's (Cynthia Brewer, Apache-2.0 licence): Blues for
sequential classes, RdBu for the diverging option centred on 1 (national parity).
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

import altair as alt
import numpy as np
import pandas as pd

from core import classes as cls
from core.charts import FONT
from core.spatial import LISA_ORDER

NO_DATA = "#e3e3e3"
OUTSIDE_GROUP = "#f4f4f4"
BLUES = ("#f7fbff", "#deebf7", "#c6dbef", "#9ecae1", "#6baed6", "#4292c6", "#2171b5", "#08519c", "#08306b")
RDBU_LOW_TO_HIGH = ("#053061", "#2166ac", "#4393c3", "#92c5de", "#d1e5f0", "#f7f7f7",
                    "#fddbc7", "#f4a582", "#d6604d", "#b2182b", "#67001f")
LISA_COLORS = {"High-High": "#d7191c", "Low-Low": "#2c7bb6", "High-Low": "#fdae61", "Low-High": "#abd9e9",
               "Not significant": "#eeeeee"}
GROUP_COLORS = ("#e41a1c", "#ff7f00", "#4daf4a", "#984ea3", "#a65628", "#377eb8")
LISA_DATASET = "lisa_provinces"
DATASET = "provinces"  # the features travel as a named dataset, added after Altair has built the spec
INDEX_TITLE = "Agglomeration index (location quotient; 1 = national parity)"

Palette = Literal["sequential", "diverging"]


def _hex_to_rgb(code: str) -> np.ndarray:
    return np.array([int(code[i:i + 2], 16) for i in (1, 3, 5)], dtype=float)


def sample_ramp(ramp: Sequence[str], position: float) -> str:
    """The colour at ``position`` (0..1) of a ramp, linearly interpolated in RGB."""
    position = float(np.clip(position, 0.0, 1.0)) * (len(ramp) - 1)
    low = int(np.floor(position))
    high = min(low + 1, len(ramp) - 1)
    mix = _hex_to_rgb(ramp[low]) * (1 - (position - low)) + _hex_to_rgb(ramp[high]) * (position - low)
    return "#" + "".join(f"{int(round(c)):02x}" for c in mix)


def class_colors(classes: cls.Classes, palette: Palette = "sequential", *, center: float = 1.0,
                 vmin: float | None = None, vmax: float | None = None) -> list[str]:
    """One colour per class.

    Sequential: evenly spaced along Blues (light = low).  Diverging: each class's
    colour is read at its midpoint on RdBu with ``center`` (parity) at white,
    blues below and reds above, so a class that straddles 1 is near white and the
    colour means the same on both sides whatever the breaks.
    """
    k = classes.k
    if palette == "sequential":
        return [sample_ramp(BLUES[1:], (i + 0.5) / k) for i in range(k)]
    lo = classes.lower if vmin is None else vmin
    hi = classes.upper[-1] if vmax is None else vmax
    colors = []
    for low, high in classes.bounds():
        mid = (low + high) / 2
        if mid <= center:
            t = 0.5 - 0.5 * (center - mid) / max(center - lo, 1e-9)
        else:
            t = 0.5 + 0.5 * (mid - center) / max(hi - center, 1e-9)
        colors.append(sample_ramp(RDBU_LOW_TO_HIGH, t))
    return colors


@dataclass(frozen=True)
class MapOptions:
    """What the choropleth shows; each field is one control on the page."""

    year: int
    years: tuple[int, ...]
    method: str = "fisher_jenks"  # a key of core.classes.METHODS, or "continuous"
    k: int = 5
    fixed_scale: bool = True
    palette: Palette = "sequential"
    group_by: str | None = None  # "region" or "cluster"
    group_mode: Literal["outline", "filter"] = "outline"
    groups: tuple[str, ...] = ()
    source_label: str = "published Table 1"
    synthetic: bool = False
    lang: Literal["en", "zh"] = "en"
    height: int = 520
    labels: Mapping[str, str] = field(default_factory=dict)
    play_ms_per_year: int = 900  # how long the Play control shows each year (milliseconds)


def _t(options: MapOptions, text: str) -> str:
    return options.labels.get(text, text)


@dataclass(frozen=True)
class MapData:
    """Features with per-year values joined, plus the legend description."""

    features: list[dict[str, Any]]
    legend_labels: dict[str, list[str]]  # year -> labels (the same list for every year under a fixed scale)
    colors: list[str]
    domain: tuple[float, float]


def map_features(features: Sequence[Mapping[str, Any]], ranking: pd.DataFrame, regions: pd.DataFrame,
                 options: MapOptions) -> MapData:
    """Join values, ranks, changes, classes and group labels (all years) into the features' properties.

    ``ranking`` is the long frame of :func:`core.agglomeration.rankings_all_years`
    (``province``, ``year``, ``idt``, ``rank``, ``change``).  Properties added:
    ``v`` (value), ``r`` (rank), ``d`` (change since the first year), ``c``
    (class index, when classed), each ``{"2011": ..., ...}``; ``n`` (provinces
    ranked that year); ``group``.
    """
    from core.geo import join_properties, records_by_year

    values = ranking["idt"].to_numpy(dtype=float)
    finite = values[np.isfinite(values)]
    domain = (float(finite.min()), float(finite.max()))
    frame = ranking.copy()
    legend: dict[str, list[str]] = {}
    colors: list[str] = []
    columns = ["idt", "rank", "change"]
    if options.method != "continuous":
        if options.fixed_scale or options.method == "meaning":
            pooled = cls.classify(finite, options.method, options.k)
            frame["cls"] = cls.assign(frame["idt"].to_numpy(dtype=float), pooled)
            for year in options.years:
                legend[str(year)] = pooled.labels()
            colors = class_colors(pooled, options.palette, vmin=domain[0], vmax=domain[1])
        else:
            frame["cls"] = -1
            for year in options.years:
                mask = (frame.year == year).to_numpy()
                year_values = frame.loc[mask, "idt"].to_numpy(dtype=float)
                if np.isfinite(year_values).sum() < 2:
                    legend[str(year)] = []
                    continue
                year_classes = cls.classify(year_values, options.method, options.k)
                frame.loc[mask, "cls"] = cls.assign(year_values, year_classes)
                legend[str(year)] = year_classes.labels()
            k = max(len(labels) for labels in legend.values()) if legend else options.k
            if options.palette == "sequential":
                colors = [sample_ramp(BLUES[1:], (i + 0.5) / k) for i in range(k)]
            else:  # per-year breaks: a symmetric diverging ramp by class order
                colors = [sample_ramp(RDBU_LOW_TO_HIGH, (i + 0.5) / k) for i in range(k)]
        columns.append("cls")
    records = records_by_year(frame.rename(columns={"idt": "v", "rank": "r", "change": "d", "cls": "c"}),
                              ["v", "r", "d"] + (["c"] if "cls" in columns else []))
    counts = frame.dropna(subset=["idt"]).groupby("year").size()
    group_of = regions.set_index("province")[options.group_by] if options.group_by else None
    for province, record in records.items():
        record["n"] = {str(int(y)): int(n) for y, n in counts.items()}
        record["group"] = str(group_of.get(province, "")) if group_of is not None else ""
    joined = join_properties({"features": list(features)}, records, keep=("name", "name_zh"))
    return MapData(joined, legend, colors, domain)


YEAR = "year"  # the in-map year slider: a point selection over "year" bound to a range input
SHAPES_LAYER = "shapes"  # name of the provinces layer, the one view the year selection lives in
PLAY = "play"  # the browser-side Play checkbox (a Vega-Lite parameter)
ANIMATION = "anim"  # the timer-driven point selection over "year" (Vega-Lite 6 animation)
SHOWN_YEAR = "shown_year"  # the year on screen: the animation's while playing, the slider's otherwise
CLOCK_LAYER = "clock"  # name of the invisible layer that carries the animation's time encoding


def year_from_selection(selection: Mapping[str, Any] | None, years: Sequence[int]) -> int | None:
    """The year the in-map slider shows, from the chart's selection state, or None.

    ``selection`` is what Streamlit reports for the chart (``event.selection``):
    ``{"year": [{"year": 2016}]}`` once the slider has moved, ``{"year": {}}``
    before.  A year outside ``years`` (e.g. after a switch to a source with fewer
    years) gives None, so the caller falls back to a valid year.
    """
    picked: Any = (selection or {}).get(YEAR)
    for _ in range(3):  # unwrap [{"year": v}], {"year": [v]} or [v], whichever Vega-Lite resolved
        if isinstance(picked, Mapping):
            picked = picked.get(YEAR)
        elif isinstance(picked, Sequence) and not isinstance(picked, str):
            picked = picked[0] if picked else None
    return year_from_link(picked, years)


def year_from_link(value: Any, years: Sequence[int]) -> int | None:
    """The year a link's ``?year=`` asks for, or None when it is missing, not a year or not in ``years``."""
    if isinstance(value, bool) or value is None:
        return None
    text = str(value).strip()
    if not (text.isascii() and text.isdigit() and len(text) == 4):
        return None
    year = int(text)
    return year if year in {int(y) for y in years} else None


def _year_expr(field_name: str) -> str:
    return f"datum.properties.has_data ? datum.properties.{field_name}[''+{SHOWN_YEAR}] : null"


def play_label(options: MapOptions) -> str:
    """Label of the in-map Play checkbox, e.g. ``"▶ Play 2011 → 2023"``."""
    return f"▶ {_t(options, 'Play')} {min(options.years)} → {max(options.years)} "


def _selected(selection: str) -> str:
    """Expression for the year a point selection over "year" holds (resolved as ``{year: [value]}``)."""
    return f"(isArray({selection}.year) ? {selection}.year[0] : {selection}.year)"


def animation_clock(options: MapOptions) -> tuple[alt.Chart, list[Any]]:
    """An invisible layer that owns the timer, and the parameters that turn it into a year.

    Vega-Lite 6 animates a chart through a point selection triggered by the
    ``timer`` event over a field that also has the ``time`` encoding channel;
    the selection then holds the current time value, stepping through the time
    scale's domain (here every year, ``play_ms_per_year`` each, looping).  The
    ``time`` channel is not supported by ``geoshape`` marks, so the timer lives
    on a one-row-per-year text layer with opacity 0, and the map layers read its
    year through :data:`SHOWN_YEAR`: ``anim``'s year while the ``play`` checkbox
    is ticked, the ``year`` slider's otherwise.  (Vega-Lite logs "Animation
    involving facet, layer, or concat is currently unsupported" to the browser
    console for this arrangement; the compiled dataflow is the single-view one.)
    """
    years = sorted(int(y) for y in options.years)
    play = alt.param(name=PLAY, value=False, bind=alt.binding_checkbox(name=play_label(options)))
    anim = alt.selection_point(name=ANIMATION, fields=["year"], on="timer")
    # a point selection resolves to {year: [value]}
    shown = alt.param(name=SHOWN_YEAR, expr=f"{PLAY} && {ANIMATION}.year ? {_selected(ANIMATION)} : "
                                            f"({YEAR}.year ? {_selected(YEAR)} : {int(options.year)})")
    clock = alt.Chart(pd.DataFrame({"year": years}), name=CLOCK_LAYER).mark_text(
        opacity=0, aria=False, size=1).encode(
        text=alt.Text("year:O"),
        time=alt.Time("year:O", scale=alt.Scale(domain=years)),
    ).transform_filter(anim).add_params(anim)
    return clock, [play, shown]


def choropleth(data: MapData, options: MapOptions) -> alt.LayerChart:
    """The timeline choropleth: one spec for all years, a browser-side ``year`` slider and Play control.

    Time is handled in the browser, never by the server: the ``year`` point
    selection is bound to a range slider (clicks on the map never change it) and
    opens on ``options.year``; the ``play`` checkbox steps the years 2011 → 2023
    in a loop, driven by Vega-Lite's timer (see :func:`animation_clock`).  A
    selection rather than a plain parameter so that Streamlit can report the
    slider's year to the page (``on_select``, ``selection_mode=["year"]``): the
    page keeps ``?year=`` and the downloads on the year shown, and since the
    spec does not change, the chart is not redrawn.  The
    map layers colour each province by its value for :data:`SHOWN_YEAR`.  Class
    colours and the fixed-scale domain are constants in the spec, so under a
    fixed scale the legend is the same in every year, playing or not.

    The chart reads the named dataset :data:`DATASET`; :func:`choropleth_spec`
    attaches ``data.features`` to it (Altair would otherwise walk every coordinate,
    about a second per build).

    Tooltips give the English and Chinese name, the value, the rank that year
    and the change since the first year.  Provinces without data (Tibet,
    Taiwan, Hong Kong, Macao; or years a source lacks) are light grey.
    """
    first, last = min(options.years), max(options.years)
    year = alt.selection_point(name=YEAR, fields=["year"], value=[{"year": int(options.year)}], on="click[false]",
                               clear=False, bind=alt.binding_range(min=first, max=last, step=1,
                                                                   name=_t(options, "Year") + " "))
    clock, clock_params = animation_clock(options)
    params: list[Any] = list(clock_params)
    name_field = "properties.name_zh" if options.lang == "zh" else "properties.name"
    base = alt.Chart(alt.Data(name=DATASET)).transform_calculate(
        value=_year_expr("v"), rank=_year_expr("r"), change=_year_expr("d"),
        provinces=_year_expr("n"),
        label=f"datum.{name_field}",
    )
    in_group = "true"
    if options.group_by and options.groups:
        chosen = json.dumps(list(options.groups))
        in_group = f"indexof({chosen}, datum.properties.group) >= 0"
        base = base.transform_calculate(in_group=in_group)
    else:
        base = base.transform_calculate(in_group="true")
    shown = "isValid(datum.value) && (datum.in_group || " + ("false" if options.group_mode == "filter" else "true") + ")"

    if options.method == "continuous":
        if options.palette == "diverging":
            scale = alt.Scale(scheme="redblue", reverse=True, domainMid=1.0,
                              domain=list(data.domain) if options.fixed_scale else alt.Undefined)
        else:
            scale = alt.Scale(scheme="blues", domain=list(data.domain) if options.fixed_scale else alt.Undefined,
                              zero=False)
        color_channel = alt.Color("value:Q", scale=scale, title=_t(options, "Agglomeration index"),
                                  legend=alt.Legend(format=".2f", orient="bottom-left", direction="horizontal",
                                                    gradientLength=220))
    else:
        base = base.transform_calculate(cls=_year_expr("c"))
        k = len(data.colors)
        labels_by_year = json.dumps(data.legend_labels, ensure_ascii=False)
        label_expr = f"({labels_by_year})[''+{SHOWN_YEAR}][datum.value]"
        color_channel = alt.Color("cls:O", scale=alt.Scale(domain=list(range(k)), range=data.colors),
                                  title=_t(options, "Agglomeration index"),
                                  legend=alt.Legend(labelExpr=label_expr, orient="bottom-left", symbolType="square",
                                                    symbolSize=180, labelFontSize=12, titleLimit=360))
    fill = alt.condition(shown, color_channel, alt.value(NO_DATA))
    tooltip = [
        alt.Tooltip("properties.name:N", title=_t(options, "Province")),
        alt.Tooltip("properties.name_zh:N", title="省份"),
        alt.Tooltip("value:Q", title=f"{_t(options, 'Agglomeration index')}", format=".2f"),
        alt.Tooltip("rank:Q", title=_t(options, "Rank that year")),
        alt.Tooltip("change:Q", title=_t(options, f"Change since {first}"), format="+.2f"),
    ]
    if options.group_by:
        tooltip.append(alt.Tooltip("properties.group:N", title=_t(options, "Group")))
    provinces = base.mark_geoshape(stroke="white", strokeWidth=0.6).encode(color=fill, tooltip=tooltip).properties(
        name=SHAPES_LAYER).add_params(year)
    layers: list[alt.Chart] = [provinces]
    if options.group_by and options.group_mode == "outline":
        outline = base.transform_filter("datum.properties.has_data && datum.properties.group").mark_geoshape(filled=False, strokeWidth=2.2)
        if options.groups:
            outline = outline.transform_filter("datum.in_group")
        layers.append(outline.encode(
            stroke=alt.Stroke("properties.group:N", title=_t(options, "Group"),
                              scale=alt.Scale(range=list(GROUP_COLORS)),
                              legend=alt.Legend(orient="bottom-right", symbolType="stroke", symbolStrokeWidth=3)),
            tooltip=tooltip))
    subtitle = [f"{_t(options, 'Source')}: {options.source_label}"
                + (f" — {_t(options, 'ILLUSTRATIVE SCENARIO, not observed data')}" if options.synthetic else ""),
                _t(options, "Scale fixed across years") if options.fixed_scale or options.method == "meaning"
                else _t(options, "Scale recomputed for each year")]
    layers.append(clock)
    chart = alt.layer(*layers).add_params(*params).project(
        "conicEqualArea", rotate=[-105, 0], parallels=[25, 47]
    ).properties(
        height=options.height,
        title=alt.TitleParams(alt.ExprRef(f"'{_t(options, 'Agglomeration index')}, ' + {SHOWN_YEAR}"), subtitle=subtitle,
                              anchor="start", fontSize=18, subtitleFontSize=12),
    ).configure_view(stroke=None).configure(font=FONT).configure_scale(
        framesPerSecond=1000.0 / options.play_ms_per_year)  # the time scale's step: one year per play_ms_per_year
    return chart


def lisa_map(features: Sequence[Mapping[str, Any]], clusters: pd.DataFrame, *, year: int, source_label: str,
             lang: str = "en", labels: Mapping[str, str] | None = None, height: int = 380) -> dict[str, Any]:
    """LISA cluster map spec: High-High, Low-Low, High-Low, Low-High, not significant.

    ``clusters`` has ``province``, ``cluster``, ``p_sim``, ``local_i`` (from
    :func:`core.spatial.lisa`).  Returned as a Vega-Lite dict whose named dataset
    holds the features (see :func:`choropleth_spec`).
    """
    from core.geo import join_properties

    labels = dict(labels or {})
    t = lambda s: labels.get(s, s)  # noqa: E731
    records = {row.province: {"cluster": row.cluster, "p_sim": round(float(row.p_sim), 3),
                              "local_i": round(float(row.local_i), 3)} for row in clusters.itertuples()}
    data = join_properties({"features": list(features)}, records, keep=("name", "name_zh"))
    order = list(LISA_ORDER)
    chart = alt.Chart(alt.Data(name=LISA_DATASET)).mark_geoshape(stroke="white", strokeWidth=0.6).encode(
        color=alt.condition("datum.properties.has_data",
                            alt.Color("properties.cluster:N", title=t("LISA cluster"),
                                      scale=alt.Scale(domain=order, range=[LISA_COLORS[c] for c in order]),
                                      legend=alt.Legend(orient="bottom-left")),
                            alt.value("white")),
        tooltip=[alt.Tooltip("properties.name:N", title=t("Province")), alt.Tooltip("properties.name_zh:N", title="省份"),
                 alt.Tooltip("properties.cluster:N", title=t("LISA cluster")),
                 alt.Tooltip("properties.local_i:Q", title=t("Local Moran's I")),
                 alt.Tooltip("properties.p_sim:Q", title=t("Pseudo p-value"))],
    ).project("conicEqualArea", rotate=[-105, 0], parallels=[25, 47]).properties(
        height=height, width=420, title=alt.TitleParams(f"{t('LISA clusters')}, {year}",
                                                        subtitle=f"{t('Source')}: {source_label}", anchor="start"),
    ).configure_view(stroke=None).configure(font=FONT)
    spec = chart.to_dict(validate=False)
    spec.setdefault("datasets", {})[LISA_DATASET] = data
    return spec


def group_lines(means: pd.DataFrame, national: pd.DataFrame, *, title: str, source_label: str,
                labels: Mapping[str, str] | None = None) -> alt.LayerChart:
    """Each group's mean index per year (``group``, ``year``, ``mean_idt``), the national mean dashed."""
    labels = dict(labels or {})
    t = lambda s: labels.get(s, s)  # noqa: E731
    lines = alt.Chart(means).mark_line(point=True).encode(
        x=alt.X("year:O", title=t("Year")),
        y=alt.Y("mean_idt:Q", title=t("Mean index of the group"), scale=alt.Scale(zero=False)),
        color=alt.Color("group:N", title=t("Group"), scale=alt.Scale(range=list(GROUP_COLORS))),
        tooltip=["group:N", "year:O", alt.Tooltip("mean_idt:Q", format=".3f"), "provinces:Q"],
    )
    avg = alt.Chart(national).mark_line(strokeDash=[5, 4], color="#555").encode(
        x="year:O", y="mean_idt:Q", tooltip=[alt.Tooltip("mean_idt:Q", title=t("All provinces"), format=".3f")])
    parity = alt.Chart(pd.DataFrame({"y": [1.0]})).mark_rule(color="#999", strokeDash=[2, 2]).encode(y="y:Q")
    return alt.layer(lines, avg, parity).properties(
        height=300, title=alt.TitleParams(title, subtitle=f"{t('Source')}: {source_label}; "
                                          f"{t('dashed: mean of all provinces; dotted: parity 1')}", anchor="start"))


def moran_line(by_year: pd.DataFrame, *, year: int, alpha: float = 0.05, source_label: str,
               labels: Mapping[str, str] | None = None) -> alt.LayerChart:
    """Global Moran's I per year (``year``, ``I``, ``expected``, ``p_sim``), filled points where p <= alpha."""
    labels = dict(labels or {})
    t = lambda s: labels.get(s, s)  # noqa: E731
    frame = by_year.assign(significant=np.where(by_year.p_sim <= alpha, f"p ≤ {alpha}", f"p > {alpha}"))
    base = alt.Chart(frame).encode(x=alt.X("year:O", title=t("Year")))
    line = base.mark_line(color="#1f5f8b").encode(y=alt.Y("I:Q", title="Moran's I"))
    points = base.mark_point(size=70, filled=True).encode(
        y="I:Q", color=alt.Color("significant:N", title=t("Permutation test"),
                                 scale=alt.Scale(domain=[f"p ≤ {alpha}", f"p > {alpha}"], range=["#1f5f8b", "#bbbbbb"])),
        tooltip=["year:O", alt.Tooltip("I:Q", format=".3f"), alt.Tooltip("p_sim:Q", format=".3f")])
    expected = base.mark_line(strokeDash=[4, 3], color="#999").encode(y="expected:Q")
    chosen = alt.Chart(pd.DataFrame({"year": [year]})).mark_rule(color="#d7191c").encode(x="year:O")
    return alt.layer(line, expected, points, chosen).properties(
        height=260, title=alt.TitleParams(t("Global Moran's I by year"),
                                          subtitle=f"{t('Source')}: {source_label}; {t('dashed: E[I] = -1/(n-1)')}",
                                          anchor="start"))


def choropleth_spec(data: MapData, options: MapOptions, *, validate: bool = False) -> dict[str, Any]:
    """:func:`choropleth` as a Vega-Lite dict, with a fixed export width (the page stretches it)."""
    chart = choropleth(data, options).properties(width=760)
    spec = chart.to_dict(validate=validate)
    spec.setdefault("datasets", {})[DATASET] = data.features
    return spec
