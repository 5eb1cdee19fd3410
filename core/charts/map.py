"""Chart builders of the agglomeration map page: data in, ``alt.Chart`` out.

The choropleth carries **every year** in one chart (a row per province and
year, looked up in the browser for the year shown) and filters through a
Vega-Lite point selection ``year`` bound to a slider, so moving the year never
waits for the server; the page listens to that selection (Streamlit ``on_select``) only to
keep the link and the downloads on the year shown.  A ``play`` checkbox steps
the years in the browser too (Vega-Lite 6's timer-driven selection, see
:func:`animation_clock`).  Classes are computed in ``core.classes`` (mapclassify) and sent as a
colour per province and year with a legend row per class (its bounds); being
rows rather than spec, they change without the browser rebuilding the map.

Colour ramps are ColorBrewer's (Cynthia Brewer, Apache-2.0 licence): Blues for
sequential classes, RdBu for the diverging option centred on 1 (national parity).
"""

from __future__ import annotations

__all__ = ["NO_DATA", "OUTSIDE_GROUP", "BLUES", "RDBU_LOW_TO_HIGH", "LISA_COLORS", "GROUP_COLORS", "LISA_DATASET",
           "DATASET", "INDEX_TITLE", "Palette", "sample_ramp", "class_colors", "MapOptions", "VALUES", "LEGEND",
           "KEY_SEPARATOR", "MapValues", "value_key", "map_values", "map_shapes", "YEAR", "SHAPES_LAYER", "PLAY",
           "ANIMATION", "SHOWN_YEAR", "CLOCK_LAYER", "year_from_selection", "year_from_link", "play_label",
           "animation_clock", "choropleth", "LISA_VALUES", "lisa_rows", "lisa_map_frame", "lisa_map", "group_lines",
           "moran_line", "choropleth_spec", "choropleth_dict", "cluster_trend", "cluster_trend_spec", "CENTRAL_MERIDIAN", "STANDARD_PARALLELS",
           "projected_aspect", "height_for_width"]

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

import numpy as np
import pandas as pd

from core import classes as cls
# Altair on its first use: the page's main charts (the choropleth, Home's cluster trend) are written out as dicts
# below, so a cold deep link sends them before the 0.3 s import.
from core.charts import FONT, VEGA_LITE_SCHEMA, alt, inline_name, inline_rows, records, with_rows
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
    legend_orient: str = "bottom-left"  # where the legends sit ("right" in presenter mode, beside a wide map)
    labels: Mapping[str, str] = field(default_factory=dict)
    play_ms_per_year: int = 900  # how long the Play control shows each year (milliseconds)
    scenario_change: bool = False  # the rows carry ``baseline`` and ``scenario_change`` (a scenario's change)


def _t(options: MapOptions, text: str) -> str:
    return options.labels.get(text, text)


VALUES = "map_values"  # one row per province and year: value, rank, change, fill colour (Arrow, not in the spec)
LEGEND = "map_legend"  # one row per year and class: the class's label and colour (Arrow, not in the spec)
KEY_SEPARATOR = "|"


@dataclass(frozen=True)
class MapValues:
    """What the choropleth colours, as rows the browser looks up; none of it is written into the spec.

    Classes, colours and legend labels live here rather than in the Vega-Lite spec
    so that moving the number of classes, the method or the palette changes rows
    only: Streamlit then swaps the rows of the drawn map in place instead of
    embedding a new ~100 KB spec (measured: about 45 ms of browser work and
    30 ms of server JSON work per move saved).

    ``rows``: ``key`` (``"Beijing|2017"``), ``province``, ``year``, ``value``
    (index, dimensionless), ``rank`` (that year), ``change`` (since the first
    year), ``fill`` (hex colour of its class; empty for the continuous scale), and for a scenario
    ``baseline`` and ``scenario_change`` (the index without the lever changes, and projected minus baseline).  ``legend``: ``year``, ``cls`` (``"0|0.36 – 0.72"``:
    class order and label, so sorting the text sorts the classes) and ``fill``.
    """

    rows: pd.DataFrame
    legend: pd.DataFrame
    domain: tuple[float, float]

    def datasets(self) -> dict[str, list[dict[str, Any]]]:
        """The two named datasets as JSON-ready records (NaN as null), for export or a self-contained spec."""
        return {VALUES: records(self.rows), LEGEND: records(self.legend)}


def value_key(province: str, year: int) -> str:
    """The lookup key of a province and year (what the map computes in the browser for the shown year)."""
    return f"{province}{KEY_SEPARATOR}{int(year)}"


def map_values(ranking: pd.DataFrame, options: MapOptions) -> MapValues:
    """Values, ranks, changes, classes and colours of every province and year, and the legend of each year.

    ``ranking`` is the long frame of :func:`core.agglomeration.rankings_all_years`
    (``province``, ``year``, ``idt``, ``rank``, ``change``).  Reads ``method``,
    ``k``, ``fixed_scale``, ``palette`` and ``years`` of ``options``.  Under a
    fixed scale (or the index-meaning classes) every year has the same classes,
    pooled over all years; otherwise each year is classed on its own.
    """
    values = ranking["idt"].to_numpy(dtype=float)
    finite = values[np.isfinite(values)]
    domain = (float(finite.min()), float(finite.max()))
    frame = ranking[["province", "year", "idt", "rank", "change"]].copy()
    frame["year"] = frame["year"].astype(int)
    frame["fill"] = None
    legend: list[dict[str, Any]] = []
    if options.method != "continuous":
        classes_by_year: dict[int, cls.Classes] = {}
        if options.fixed_scale or options.method == "meaning":
            pooled = cls.classify(finite, options.method, options.k)
            classes_by_year = {int(year): pooled for year in options.years}
            colors = class_colors(pooled, options.palette, vmin=domain[0], vmax=domain[1])
        else:
            for year in options.years:
                year_values = frame.loc[frame.year == int(year), "idt"].to_numpy(dtype=float)
                if np.isfinite(year_values).sum() >= 2:
                    classes_by_year[int(year)] = cls.classify(year_values, options.method, options.k)
            k = max((c.k for c in classes_by_year.values()), default=options.k)
            ramp = BLUES[1:] if options.palette == "sequential" else RDBU_LOW_TO_HIGH
            # per-year breaks: the ramp by class order (a diverging ramp cannot be centred on breaks that move)
            colors = [sample_ramp(ramp, (i + 0.5) / k) for i in range(k)]
        for year, year_classes in classes_by_year.items():
            mask = (frame.year == year).to_numpy()
            index = cls.assign(frame.loc[mask, "idt"].to_numpy(dtype=float), year_classes)
            frame.loc[mask, "fill"] = [colors[i] if i >= 0 else None for i in index]
            legend += [{"year": year, "cls": f"{i}{KEY_SEPARATOR}{label}", "fill": colors[i]}
                       for i, label in enumerate(year_classes.labels())]
    rows = pd.DataFrame({
        "key": [value_key(p, y) for p, y in zip(frame.province, frame.year)],
        "province": frame.province.astype(str).to_numpy(),
        "year": frame.year.to_numpy(),
        "value": frame.idt.astype(float).round(4).to_numpy(),
        "rank": frame["rank"].astype(float).to_numpy(),
        "change": frame.change.astype(float).round(4).to_numpy(),
        "fill": frame.fill.to_numpy(dtype=object),
    })
    for column in ("baseline", "scenario_change"):  # a scenario's baseline and change vs baseline, if given
        if column in ranking.columns:
            rows[column] = ranking[column].astype(float).round(4).to_numpy()
    return MapValues(rows, pd.DataFrame(legend, columns=["year", "cls", "fill"]), domain)


def map_shapes(features: Sequence[Mapping[str, Any]], regions: pd.DataFrame,
               group_by: str | None = None) -> list[dict[str, Any]]:
    """The province features the spec carries: geometry, English and Chinese name, and the group (if any)."""
    from core.geo import join_properties

    records = {}
    if group_by:
        records = {str(p): {"group": str(g or "")} for p, g in zip(regions.province, regions[group_by])}
    features = join_properties({"features": list(features)}, records, keep=("name", "name_zh"))
    for feature in features:
        feature["properties"].pop("has_data", None)  # whether a province has data is a matter of the rows
        feature["properties"].setdefault("group", "")
    return features


YEAR = "year"  # the in-map year slider: a point selection over "year" bound to a range input
# The maps' projection: Albers conic equal-area for China (central meridian 105° E, standard parallels 25° and 47° N).
CENTRAL_MERIDIAN = 105.0
STANDARD_PARALLELS = (25.0, 47.0)


def _positions(geometry: Mapping[str, Any]) -> list[Sequence[float]]:
    coordinates = geometry["coordinates"]
    polygons = [coordinates] if geometry["type"] == "Polygon" else coordinates
    return [point for polygon in polygons for ring in polygon for point in ring]


def projected_aspect(features: Sequence[Mapping[str, Any]]) -> float:
    """Width over height of the features' bounding box as the maps draw them (Albers conic equal-area on a
    sphere, :data:`CENTRAL_MERIDIAN`, :data:`STANDARD_PARALLELS`; Snyder 1987, *Map Projections: A Working
    Manual*, eq. 14-1 to 14-6, as d3-geo's ``geoConicEqualArea``).

    Hand-worked: a cell of 0.2° x 0.2° is cos φ as wide as tall on the ground.  On a standard parallel the
    projection keeps scale, so the cell at 25° N keeps that shape, cos 25° = 0.906; at the equator it is
    stretched east-west by k and shrunk north-south by 1/k (equal area), k² = cos²φ1 + 2n sin φ1 = 1.309 with
    n = (sin φ1 + sin φ2) / 2 = 0.577.

    >>> def square(lat):
    ...     return {"geometry": {"type": "Polygon", "coordinates": [[[104.9, lat - .1], [105.1, lat - .1],
    ...             [105.1, lat + .1], [104.9, lat + .1], [104.9, lat - .1]]]}}
    >>> round(projected_aspect([square(25)]), 2), round(projected_aspect([square(0)]), 2)
    (0.91, 1.31)
    """
    points = np.array([p[:2] for f in features for p in _positions(f["geometry"])], dtype=float)
    lam = np.radians(points[:, 0] - CENTRAL_MERIDIAN)
    phi = np.radians(points[:, 1])
    phi1, phi2 = np.radians(STANDARD_PARALLELS)
    n = (np.sin(phi1) + np.sin(phi2)) / 2
    c = np.cos(phi1) ** 2 + 2 * n * np.sin(phi1)
    rho = np.sqrt(c - 2 * n * np.sin(phi)) / n
    x, y = rho * np.sin(n * lam), -rho * np.cos(n * lam)
    return float(np.ptp(x) / np.ptp(y))


def height_for_width(features: Sequence[Mapping[str, Any]], drawn_width_px: float, title_px: float) -> int:
    """The chart height (px) at which the shapes, fitted to the plot, are ``drawn_width_px`` wide: the plot's
    height from the shapes' aspect (:func:`projected_aspect`) plus ``title_px`` for the title block above it.

    >>> cell = {"type": "Polygon", "coordinates": [[[104.9, -.1], [105.1, -.1], [105.1, .1], [104.9, .1],
    ...                                             [104.9, -.1]]]}
    >>> height_for_width([{"geometry": cell}], 500, 100)   # aspect 1.309: 500 / 1.309 = 382 px, + 100 px title
    482
    """
    return int(np.ceil(drawn_width_px / projected_aspect(features) + title_px))


SHAPES_LAYER = "shapes"  # name of the provinces layer, the one view the year selection lives in
PLAY = "play"  # the browser-side Play checkbox (a Vega-Lite parameter)
ANIMATION = "anim"  # the timer-driven point selection over "year" (Vega-Lite 6 animation)
PLAY_START = "play_start"  # when Play was ticked (ms since the epoch, browser clock)
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


def play_label(options: MapOptions) -> str:
    """Label of the in-map Play checkbox, e.g. ``"▶ Play 2011 → 2023"``."""
    return f"▶ {_t(options, 'Play')} {min(options.years)} → {max(options.years)} "


def shown_year_expr(year: int, years: Sequence[int], ms_per_year: int) -> str:
    """The Vega expression of the year on screen: while *Play* is ticked, the year it has reached (counted from
    the first year since the tick, one per ``ms_per_year``); otherwise the slider's, else ``year``.

    (The slider itself cannot follow: Vega-Lite gives a bound parameter its expression at start only, so no
    expression can move an input; the page hides the slider while Play runs, see ``pages/map.py``.)
    """
    years = sorted(int(y) for y in years)
    played = f"{json.dumps(years)}[floor((now() - {PLAY_START}) / {int(ms_per_year)}) % {len(years)}]"
    return f"{PLAY} && {ANIMATION}.year ? {played} : ({YEAR}.year ? {_selected(YEAR)} : {int(year)})"


def at_year(spec: Mapping[str, Any], year: int, notes: Sequence[str] = ()) -> dict[str, Any]:
    """The map's spec opening on ``year``: what the screen shows with the in-map slider at ``year``.

    The export path: the spec and rows drawn on screen, with the slider's initial value (and the
    expression's fallback) set to the year on screen, so a PNG/SVG carries that year in its title and colours.
    ``notes`` are added to the subtitle (what the screen says beside the map: the classes, the data's caveats).
    The spec passed in (often a cached template) is left as it is.
    """
    params = []
    for param in spec.get("params", []):
        param = dict(param)
        if param.get("name") == YEAR:
            param["value"] = [{"year": int(year)}]
        elif param.get("name") == SHOWN_YEAR:  # its last term is the fallback year
            expr = str(param["expr"])
            param["expr"] = expr[:expr.rindex(":") + 1] + f" {int(year)})"
        params.append(param)
    out = {**spec, "params": params}
    if notes and isinstance(spec.get("title"), Mapping):
        subtitle = spec["title"].get("subtitle", [])
        subtitle = [subtitle] if isinstance(subtitle, str) else list(subtitle)
        out["title"] = {**spec["title"], "subtitle": [*subtitle, *notes]}
    return out


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
    single = len(years) < 2  # nothing to play: no checkbox
    play = alt.param(name=PLAY, value=False,
                     bind=alt.Undefined if single else alt.binding_checkbox(name=play_label(options)))
    anim = alt.selection_point(name=ANIMATION, fields=["year"], on="timer")
    # Play starts at the first year whatever the timer's phase: the year reached counts the steps since the box
    # was ticked (``play_start`` is re-evaluated only when ``play`` changes; ``anim`` ticks once a year-step).
    start = alt.param(name=PLAY_START, expr=f"{PLAY} ? now() : 0")
    shown = alt.param(name=SHOWN_YEAR, expr=shown_year_expr(options.year, years, options.play_ms_per_year))
    params: list[Any] = [play, start, shown]
    clock = alt.Chart(pd.DataFrame({"year": years}), name=CLOCK_LAYER).mark_text(
        opacity=0, aria=False, size=1).encode(
        text=alt.Text("year:O"),
        time=alt.Time("year:O", scale=alt.Scale(domain=years)),
    ).transform_filter(anim).add_params(anim)
    return clock, params


def choropleth(options: MapOptions, domain: tuple[float, float] | None = None) -> alt.LayerChart:
    """The timeline choropleth: one spec for all years, a browser-side ``year`` slider and Play control.

    Time is handled in the browser, never by the server: the ``year`` point
    selection is bound to a range slider (clicks on the map never change it) and
    opens on ``options.year``; the ``play`` checkbox steps the years 2011 → 2023
    in a loop, driven by Vega-Lite's timer (see :func:`animation_clock`).  A
    selection rather than a plain parameter so that Streamlit can report the
    slider's year to the page (``on_select``, ``selection_mode=["year"]``): the
    page keeps ``?year=`` and the downloads on the year shown, and since the
    spec does not change, the chart is not redrawn.  The
    map layers colour each province by its row for :data:`SHOWN_YEAR`; under a
    fixed scale every year's legend rows are the same, so the legend stays put
    while the years change, playing or not.

    The chart reads three named datasets: :data:`DATASET`, the province shapes
    (attached by :func:`choropleth_spec`: Altair would otherwise walk every
    coordinate, about a second per build), and :data:`VALUES` and :data:`LEGEND`
    (:func:`map_values`), which Streamlit sends as Arrow rows.  Each province looks
    up its row for the shown year, so the classes, their colours and the legend are
    data: changing them changes rows, never the spec, and the browser updates the
    drawn map in place.  ``domain`` (the index's range) is only read by the
    continuous scale under a fixed scale.

    Tooltips give the English and Chinese name, the value, the rank that year
    and the change since the first year.  Provinces without data (Tibet,
    Taiwan, Hong Kong, Macao; or years a source lacks) are light grey.
    """
    first, last = min(options.years), max(options.years)
    # One year (a scenario): no slider to move, and no Play; the title says the year.
    year = alt.selection_point(name=YEAR, fields=["year"], value=[{"year": int(options.year)}], on="click[false]",
                               clear=False, bind=alt.Undefined if first == last else alt.binding_range(
                                   min=first, max=last, step=1, name=_t(options, "Year") + " "))
    clock, clock_params = animation_clock(options)
    params: list[Any] = list(clock_params)
    name_field = "properties.name_zh" if options.lang == "zh" else "properties.name"
    base = alt.Chart(alt.Data(name=DATASET)).transform_calculate(
        key=f"datum.properties.name + '{KEY_SEPARATOR}' + {SHOWN_YEAR}", label=f"datum.{name_field}",
    ).transform_lookup(lookup="key", from_=alt.LookupData(data=alt.Data(name=VALUES), key="key",
                                                           fields=["value", "rank", "change", "fill"]
                                                           + (["baseline", "scenario_change"]
                                                              if options.scenario_change else [])))
    # Tooltips read text, so a province without a row (Tibet; a year a source lacks) says "no data", not null.
    no_data = json.dumps(_t(options, "no data"))
    texts = {"value_text": ("value", ".2f"), "rank_text": ("rank", "d"), "change_text": ("change", "+.2f")}
    if options.scenario_change:
        texts.update(baseline_text=("baseline", ".2f"), scenario_change_text=("scenario_change", "+.2f"))
    base = base.transform_calculate(**{name: f"isValid(datum.{field}) ? format(datum.{field}, '{fmt}') : {no_data}"
                                       for name, (field, fmt) in texts.items()})
    in_group = "true"
    if options.group_by and options.groups:
        chosen = json.dumps(list(options.groups))
        in_group = f"indexof({chosen}, datum.properties.group) >= 0"
        base = base.transform_calculate(in_group=in_group)
    else:
        base = base.transform_calculate(in_group="true")
    shown = "isValid(datum.value) && (datum.in_group || " + ("false" if options.group_mode == "filter" else "true") + ")"

    legend_layers: list[alt.Chart] = []
    if options.method == "continuous":
        fixed_domain = list(domain) if options.fixed_scale and domain is not None else alt.Undefined
        if options.palette == "diverging":
            scale = alt.Scale(scheme="redblue", reverse=True, domainMid=1.0, domain=fixed_domain)
        else:
            scale = alt.Scale(scheme="blues", domain=fixed_domain, zero=False)
        color_channel = alt.Color("value:Q", scale=scale, title=_t(options, "Agglomeration index"),
                                  legend=alt.Legend(format=".2f", orient=options.legend_orient, direction="horizontal",
                                                    gradientLength=220))
    else:
        # Each province is filled with its class's colour straight from the rows (no scale); the legend comes
        # from an invisible layer over the shown year's legend rows, whose colour scale takes its range from the
        # same rows (sorted alike: "0|…", "1|…"), so legend and map cannot disagree.
        color_channel = alt.Fill("fill:N", scale=None, legend=None)
        shown += " && isValid(datum.fill)"  # a year too thin to be classed on its own stays grey
        legend_layers.append(alt.Chart(alt.Data(name=LEGEND), name="legend").transform_filter(
            f"datum.year == {SHOWN_YEAR}").mark_square(opacity=0, filled=True, aria=False).encode(
            # fill, not color: the shapes' color channel has no legend, and a color legend here would merge with it
            fill=alt.Fill("cls:O", scale=alt.Scale(range=alt.FieldRange(field="fill")),
                            title=_t(options, "Agglomeration index"),
                            legend=alt.Legend(labelExpr=f"slice(datum.value, indexof(datum.value, '{KEY_SEPARATOR}') + 1)",
                                              orient=options.legend_orient, symbolType="square", symbolSize=180,
                                              symbolOpacity=1, labelFontSize=12, titleLimit=360))))
    fill = alt.condition(shown, color_channel, alt.value(NO_DATA))
    tooltip = [
        alt.Tooltip("properties.name:N", title=_t(options, "Name (English)")),
        alt.Tooltip("properties.name_zh:N", title=_t(options, "Name (Chinese)")),
        alt.Tooltip("value_text:N", title=f"{_t(options, 'Agglomeration index')}"),
        alt.Tooltip("rank_text:N", title=_t(options, "Rank that year")),
    ]
    if first != last:
        tooltip.append(alt.Tooltip("change_text:N", title=_t(options, f"Change since {first}")))
    if options.scenario_change:
        tooltip += [alt.Tooltip("baseline_text:N", title=_t(options, "Baseline (no change)")),
                    alt.Tooltip("scenario_change_text:N", title=_t(options, "Change vs baseline"))]
    if options.group_by:
        tooltip.append(alt.Tooltip("properties.group:N", title=_t(options, "Group")))
    provinces = base.mark_geoshape(stroke="white", strokeWidth=0.6).encode(color=fill, tooltip=tooltip).properties(
        name=SHAPES_LAYER).add_params(year)
    layers: list[alt.Chart] = [provinces]
    if options.group_by and options.group_mode == "outline":
        outline = base.transform_filter("isValid(datum.value) && datum.properties.group").mark_geoshape(
            filled=False, strokeWidth=2.2)
        if options.groups:
            outline = outline.transform_filter("datum.in_group")
        layers.append(outline.encode(
            stroke=alt.Stroke("properties.group:N", title=_t(options, "Group"),
                              scale=alt.Scale(range=list(GROUP_COLORS)),
                              legend=alt.Legend(orient="right" if options.legend_orient == "right" else "bottom-right",
                                                symbolType="stroke", symbolStrokeWidth=3)),
            tooltip=tooltip))
    subtitle = [f"{_t(options, 'Source')}: {options.source_label}"
                + (f" — {_t(options, 'ILLUSTRATIVE SCENARIO, not observed data')}" if options.synthetic else ""),
                _t(options, "Scale fixed across years") if options.fixed_scale or options.method == "meaning"
                else _t(options, "Scale recomputed for each year")]
    layers += [*legend_layers, clock]
    chart = alt.layer(*layers).add_params(*params).project(
        "conicEqualArea", rotate=[-CENTRAL_MERIDIAN, 0], parallels=list(STANDARD_PARALLELS)
    ).properties(
        height=options.height,
        title=alt.TitleParams(alt.ExprRef(f"'{_t(options, 'Agglomeration index')}, ' + {SHOWN_YEAR}"), subtitle=subtitle,
                              anchor="start", fontSize=18, subtitleFontSize=12),
    ).configure_view(stroke=None).configure(font=FONT).configure_scale(
        framesPerSecond=1000.0 / options.play_ms_per_year)  # the time scale's step: one year per play_ms_per_year
    return chart


def choropleth_dict(options: MapOptions, domain: tuple[float, float] | None = None, *,
                    width: int = 760) -> dict[str, Any]:
    """:func:`choropleth` with this ``width`` as the Vega-Lite dict Altair's ``to_dict()`` gives, written out
    directly (without the province shapes, which :func:`choropleth_spec` attaches).

    The map page's main chart: through Altair a cold deep link first imported it (about 0.3 s) and built the
    layered parameters (about 0.1 s); this takes well under a millisecond.  A test compares the two over every
    combination of options the page can produce; :func:`choropleth` stays the readable reference.
    """
    t = lambda text: _t(options, text)  # noqa: E731
    years = sorted(int(y) for y in options.years)
    first, last = years[0], years[-1]
    many = first != last
    name_field = "properties.name_zh" if options.lang == "zh" else "properties.name"
    looked_up = ["value", "rank", "change", "fill"] + (["baseline", "scenario_change"] if options.scenario_change else [])
    no_data = json.dumps(t("no data"))
    texts = {"value_text": ("value", ".2f"), "rank_text": ("rank", "d"), "change_text": ("change", "+.2f")}
    if options.scenario_change:
        texts.update(baseline_text=("baseline", ".2f"), scenario_change_text=("scenario_change", "+.2f"))
    in_group = "true"
    if options.group_by and options.groups:
        in_group = f"indexof({json.dumps(list(options.groups))}, datum.properties.group) >= 0"
    # the shapes' transforms: the shown year's row looked up per province, its numbers as tooltip text
    base_transforms = [
        {"calculate": f"datum.properties.name + '{KEY_SEPARATOR}' + {SHOWN_YEAR}", "as": "key"},
        {"calculate": f"datum.{name_field}", "as": "label"},
        {"lookup": "key", "from": {"data": {"name": VALUES}, "key": "key", "fields": looked_up}},
        *({"calculate": f"isValid(datum.{field}) ? format(datum.{field}, '{fmt}') : {no_data}", "as": name}
          for name, (field, fmt) in texts.items()),
        {"calculate": in_group, "as": "in_group"},
    ]
    shown = "isValid(datum.value) && (datum.in_group || " + ("false" if options.group_mode == "filter" else "true") + ")"
    title = t("Agglomeration index")
    legend_layers: list[dict[str, Any]] = []
    if options.method == "continuous":
        fixed = {"domain": list(domain)} if options.fixed_scale and domain is not None else {}
        scale = ({**fixed, "domainMid": 1.0, "reverse": True, "scheme": "redblue"} if options.palette == "diverging"
                 else {**fixed, "scheme": "blues", "zero": False})
        channel = _field("value", "quantitative", title, scale=scale, legend={
            "direction": "horizontal", "format": ".2f", "gradientLength": 220, "orient": options.legend_orient})
    else:
        # as in choropleth: the class colours come from the rows, the legend from an invisible layer over them
        channel = _field("fill", "nominal", legend=None, scale=None)
        shown += " && isValid(datum.fill)"
        legend_layers.append({
            "data": {"name": LEGEND}, "mark": {"type": "square", "aria": False, "filled": True, "opacity": 0},
            "encoding": {"fill": _field("cls", "ordinal", title, scale={"range": {"field": "fill"}}, legend={
                "labelExpr": f"slice(datum.value, indexof(datum.value, '{KEY_SEPARATOR}') + 1)",
                "labelFontSize": 12, "orient": options.legend_orient, "symbolOpacity": 1, "symbolSize": 180,
                "symbolType": "square", "titleLimit": 360})},
            "name": "legend", "transform": [{"filter": f"datum.year == {SHOWN_YEAR}"}]})
    tooltip = [_field("properties.name", "nominal", t("Name (English)")),
               _field("properties.name_zh", "nominal", t("Name (Chinese)")),
               _field("value_text", "nominal", title), _field("rank_text", "nominal", t("Rank that year"))]
    if many:
        tooltip.append(_field("change_text", "nominal", t(f"Change since {first}")))
    if options.scenario_change:
        tooltip += [_field("baseline_text", "nominal", t("Baseline (no change)")),
                    _field("scenario_change_text", "nominal", t("Change vs baseline"))]
    if options.group_by:
        tooltip.append(_field("properties.group", "nominal", t("Group")))
    layers: list[dict[str, Any]] = [{
        "data": {"name": DATASET}, "mark": {"type": "geoshape", "stroke": "white", "strokeWidth": 0.6},
        "encoding": {"color": {"condition": {"test": shown, **channel}, "value": NO_DATA}, "tooltip": tooltip},
        "name": SHAPES_LAYER, "transform": base_transforms}]
    if options.group_by and options.group_mode == "outline":
        filters = [{"filter": "isValid(datum.value) && datum.properties.group"}]
        if options.groups:
            filters.append({"filter": "datum.in_group"})
        layers.append({
            "data": {"name": DATASET}, "mark": {"type": "geoshape", "filled": False, "strokeWidth": 2.2},
            "encoding": {"stroke": _field("properties.group", "nominal", t("Group"), legend={
                "orient": "right" if options.legend_orient == "right" else "bottom-right", "symbolStrokeWidth": 3,
                "symbolType": "stroke"}, scale={"range": list(GROUP_COLORS)}), "tooltip": tooltip},
            "transform": [*base_transforms, *filters]})
    clock_rows = [{"year": y} for y in years]
    clock_name = inline_name(clock_rows)
    layers += [*legend_layers, {  # the timer's layer (animation_clock)
        "data": {"name": clock_name}, "mark": {"type": "text", "aria": False, "opacity": 0, "size": 1},
        "encoding": {"text": {"field": "year", "type": "ordinal"},
                     "time": {"field": "year", "scale": {"domain": years}, "type": "ordinal"}},
        "name": CLOCK_LAYER, "transform": [{"filter": {"param": ANIMATION}}]}]
    year: dict[str, Any] = {"name": YEAR, "select": {"type": "point", "clear": False, "fields": ["year"],
                                                       "on": "click[false]"}}
    if many:
        year["bind"] = {"input": "range", "max": last, "min": first, "name": t("Year") + " ", "step": 1}
    play: dict[str, Any] = {"name": PLAY}
    if many:
        play["bind"] = {"input": "checkbox", "name": play_label(options)}
    params = [
        {**year, "value": [{"year": int(options.year)}], "views": [SHAPES_LAYER]},
        {"name": ANIMATION, "select": {"type": "point", "fields": ["year"], "on": "timer"}, "views": [CLOCK_LAYER]},
        {**play, "value": False},
        {"name": PLAY_START, "expr": f"{PLAY} ? now() : 0"},
        {"name": SHOWN_YEAR, "expr": shown_year_expr(options.year, years, options.play_ms_per_year)},
    ]
    subtitle = [f"{t('Source')}: {options.source_label}"
                + (f" — {t('ILLUSTRATIVE SCENARIO, not observed data')}" if options.synthetic else ""),
                t("Scale fixed across years") if options.fixed_scale or options.method == "meaning"
                else t("Scale recomputed for each year")]
    return {
        # Altair's default theme (its continuous view size) with the chart's font and time-scale step; Altair
        # writes configure_view(stroke=None) as no stroke entry at all, and so does this
        "config": {"view": {"continuousWidth": 300, "continuousHeight": 300}, "font": FONT,
                   "scale": {"framesPerSecond": 1000.0 / options.play_ms_per_year}},
        "layer": layers, "height": options.height, "params": params,
        "projection": {"parallels": list(STANDARD_PARALLELS), "rotate": [-CENTRAL_MERIDIAN, 0],
                       "type": "conicEqualArea"},
        "title": {"text": {"expr": f"'{title}, ' + {SHOWN_YEAR}"}, "anchor": "start", "fontSize": 18,
                  "subtitle": subtitle, "subtitleFontSize": 12},
        "width": width, "$schema": VEGA_LITE_SCHEMA, "datasets": {clock_name: clock_rows}}


LISA_VALUES = "lisa_values"  # one row per province: cluster, pseudo p-value, local I, year (Arrow, not in the spec)


def lisa_rows(clusters: pd.DataFrame, year: int) -> pd.DataFrame:
    """The rows the LISA map looks up: ``province``, ``cluster``, ``p_sim``, ``local_i``, ``year``.

    ``clusters`` has ``province``, ``cluster``, ``p_sim``, ``local_i`` (from :func:`core.spatial.lisa`).
    """
    return pd.DataFrame({"province": clusters.province.astype(str).to_numpy(),
                         "cluster": clusters.cluster.astype(str).to_numpy(),
                         "p_sim": clusters.p_sim.astype(float).round(3).to_numpy(),
                         "local_i": clusters.local_i.astype(float).round(3).to_numpy(), "year": int(year)})


def lisa_map_frame(features: Sequence[Mapping[str, Any]], *, source_label: str, labels: Mapping[str, str] | None = None,
                   height: int = 380) -> dict[str, Any]:
    """LISA cluster map spec without its rows (High-High, Low-Low, High-Low, Low-High, not significant).

    The province shapes are in the spec; each province looks up its cluster in
    the named dataset :data:`LISA_VALUES` (:func:`lisa_rows`), and the title reads
    the year from those rows, so another year changes rows only and the browser
    updates the drawn map in place.
    """
    labels = dict(labels or {})
    t = lambda s: labels.get(s, s)  # noqa: E731
    shapes = [{"type": "Feature", "properties": {k: v for k, v in f.get("properties", {}).items()
                                                 if k in ("name", "name_zh")}, "geometry": f["geometry"]}
              for f in features]
    order = [t(c) for c in LISA_ORDER]
    lisa_colors = {t(c): LISA_COLORS[c] for c in LISA_ORDER}
    rows = f"data('{LISA_VALUES}')"
    chart = alt.Chart(alt.Data(name=LISA_DATASET)).transform_lookup(
        lookup="properties.name", from_=alt.LookupData(data=alt.Data(name=LISA_VALUES), key="province",
                                                       fields=["cluster", "p_sim", "local_i"]),
    ).transform_calculate(  # tooltips read text: a province without a row (Tibet) says "no data", not null
        **{f"{field}_text": f"isValid(datum.{field}) ? {fmt} : {json.dumps(t('no data'))}"
           for field, fmt in (("cluster", "datum.cluster"), ("local_i", "format(datum.local_i, '.3f')"),
                              ("p_sim", "format(datum.p_sim, '.3f')"))}
    ).mark_geoshape(stroke="white", strokeWidth=0.6).encode(
        color=alt.condition("isValid(datum.cluster)",
                            alt.Color("cluster:N", title=t("LISA cluster"),
                                      scale=alt.Scale(domain=order, range=[lisa_colors[c] for c in order]),
                                      legend=alt.Legend(orient="bottom-left")),
                            alt.value("white")),
        tooltip=[alt.Tooltip("properties.name:N", title=t("Name (English)")),
                 alt.Tooltip("properties.name_zh:N", title=t("Name (Chinese)")),
                 alt.Tooltip("cluster_text:N", title=t("LISA cluster")),
                 alt.Tooltip("local_i_text:N", title=t("Local Moran's I")),
                 alt.Tooltip("p_sim_text:N", title=t("Pseudo p-value"))],
    ).project("conicEqualArea", rotate=[-CENTRAL_MERIDIAN, 0], parallels=list(STANDARD_PARALLELS)).properties(
        height=height, width=420,
        title=alt.TitleParams(alt.ExprRef(f"'{t('LISA clusters')}, ' + (length({rows}) ? {rows}[0].year : '')"),
                              subtitle=f"{t('Source')}: {source_label}", anchor="start"),
    ).configure_view(stroke=None).configure(font=FONT)
    spec = chart.to_dict(validate=False)
    spec.setdefault("datasets", {})[LISA_DATASET] = shapes
    return spec


def lisa_map(features: Sequence[Mapping[str, Any]], clusters: pd.DataFrame, *, year: int, source_label: str,
             labels: Mapping[str, str] | None = None, height: int = 380) -> dict[str, Any]:
    """The LISA map with its rows, a self-contained Vega-Lite dict (for export and tests)."""
    spec = lisa_map_frame(features, source_label=source_label, labels=labels, height=height)
    return with_rows(spec, **{LISA_VALUES: lisa_rows(clusters, year)})


def group_lines(means: pd.DataFrame, national: pd.DataFrame, *, title: str, source_label: str,
                labels: Mapping[str, str] | None = None) -> alt.LayerChart:
    """Each group's mean index per year (``group``, ``year``, ``mean_idt``), the national mean dashed."""
    labels = dict(labels or {})
    t = lambda s: labels.get(s, s)  # noqa: E731
    lines = alt.Chart(means).mark_line(point=True).encode(
        x=alt.X("year:O", title=t("Year")),
        y=alt.Y("mean_idt:Q", title=t("Mean index of the group"), scale=alt.Scale(zero=False)),
        color=alt.Color("group:N", title=t("Group"), scale=alt.Scale(range=list(GROUP_COLORS))),
        tooltip=[alt.Tooltip("group:N", title=t("Group")), alt.Tooltip("year:O", title=t("Year")),
                 alt.Tooltip("mean_idt:Q", title=t("Mean index of the group"), format=".3f"),
                 alt.Tooltip("provinces:Q", title=t("Provinces"))],
    )
    avg = alt.Chart(national).mark_line(strokeDash=[5, 4], color="#555").encode(
        x="year:O", y="mean_idt:Q", tooltip=[alt.Tooltip("mean_idt:Q", title=t("All provinces"), format=".3f")])
    parity = alt.Chart(pd.DataFrame({"y": [1.0]})).mark_rule(color="#999", strokeDash=[2, 2]).encode(y="y:Q")
    return alt.layer(lines, avg, parity).properties(
        height=300, title=alt.TitleParams(title, subtitle=f"{t('Source')}: {source_label}; "
                                          f"{t('dashed: mean of all provinces; dotted: parity 1')}", anchor="start"))


def cluster_trend(means: pd.DataFrame, *, labels: Mapping[str, str] | None = None, height: int = 260) -> alt.LayerChart:
    """The mean index of each cluster per year (``group``, ``year``, ``mean_idt``, ``provinces``), parity 1 dashed.

    ``labels`` maps the English axis, legend and tooltip titles to the words shown (the session's language).
    """
    labels = dict(labels or {})
    t = lambda s: labels.get(s, s)  # noqa: E731
    index_title = t("Mean agglomeration index")
    trend = alt.Chart(means).mark_line(point=True).encode(
        x=alt.X("year:O", title=None),
        y=alt.Y("mean_idt:Q", title=index_title, scale=alt.Scale(zero=False)),
        color=alt.Color("group:N", title=t("Cluster")),
        tooltip=[alt.Tooltip("group:N", title=t("Cluster")), alt.Tooltip("year:O", title=t("Year")),
                 alt.Tooltip("mean_idt:Q", title=index_title, format=".2f"),
                 alt.Tooltip("provinces:Q", title=t("Provinces"))],
    ).properties(height=height)
    rule = alt.Chart().mark_rule(strokeDash=[4, 4], color="grey").encode(y=alt.datum(1.0))
    return trend + rule


def _field(name: str, kind: str, title: Any = None, **extra: Any) -> dict[str, Any]:
    """An encoding channel on ``name`` as Altair writes it (``title`` left out when not given)."""
    out: dict[str, Any] = {"field": name, "type": kind, **extra}
    if title is not None:
        out["title"] = title
    return out


def cluster_trend_spec(means: pd.DataFrame, *, labels: Mapping[str, str] | None = None,
                       height: int = 260) -> dict[str, Any]:
    """:func:`cluster_trend` as the Vega-Lite dict its ``to_dict()`` gives, written out directly.

    Home's one chart: built through Altair, a cold visit to Home first waited about 0.3 s for Altair's import;
    this needs none.  A test compares the two.
    """
    labels = dict(labels or {})
    t = lambda s: labels.get(s, s)  # noqa: E731
    index_title = t("Mean agglomeration index")
    rows = inline_rows(means)
    name = inline_name(rows)
    trend = {"data": {"name": name}, "mark": {"type": "line", "point": True}, "encoding": {
        "color": _field("group", "nominal", t("Cluster")),
        "tooltip": [_field("group", "nominal", t("Cluster")), _field("year", "ordinal", t("Year")),
                    _field("mean_idt", "quantitative", index_title, format=".2f"),
                    _field("provinces", "quantitative", t("Provinces"))],
        "x": {"field": "year", "title": None, "type": "ordinal"},  # no axis title: the years speak for themselves
        "y": _field("mean_idt", "quantitative", index_title, scale={"zero": False})}}
    # Altair gives a layer without data the placeholder dataset "empty" (one empty row: one rule drawn)
    rule = {"data": {"name": "empty"}, "mark": {"type": "rule", "color": "grey", "strokeDash": [4, 4]},
            "encoding": {"y": {"datum": 1.0}}}
    return {"config": {"view": {"continuousWidth": 300, "continuousHeight": 300}}, "layer": [trend, rule],
            "height": height, "$schema": VEGA_LITE_SCHEMA, "datasets": {name: rows, "empty": [{}]}}


def moran_line(by_year: pd.DataFrame, *, year: int, alpha: float = 0.05, source_label: str,
               labels: Mapping[str, str] | None = None) -> alt.LayerChart:
    """Global Moran's I per year (``year``, ``I``, ``expected``, ``p_sim``), filled points where p <= alpha."""
    labels = dict(labels or {})
    t = lambda s: labels.get(s, s)  # noqa: E731
    frame = by_year.assign(significant=np.where(by_year.p_sim <= alpha, f"p ≤ {alpha}", f"p > {alpha}"))
    base = alt.Chart(frame).encode(x=alt.X("year:O", title=t("Year")))
    line = base.mark_line(color="#1f5f8b").encode(y=alt.Y("I:Q", title=t("Moran's I")))
    points = base.mark_point(size=70, filled=True).encode(
        y="I:Q", color=alt.Color("significant:N", title=t("Permutation test"),
                                 scale=alt.Scale(domain=[f"p ≤ {alpha}", f"p > {alpha}"], range=["#1f5f8b", "#bbbbbb"])),
        tooltip=[alt.Tooltip("year:O", title=t("Year")), alt.Tooltip("I:Q", title=t("Moran's I"), format=".3f"),
                 alt.Tooltip("p_sim:Q", title=t("Pseudo p-value"), format=".3f")])
    expected = base.mark_line(strokeDash=[4, 3], color="#999").encode(y="expected:Q")
    chosen = alt.Chart(pd.DataFrame({"year": [year]})).mark_rule(color="#d7191c").encode(x="year:O")
    return alt.layer(line, expected, points, chosen).properties(
        height=260, title=alt.TitleParams(t("Global Moran's I by year"),
                                          subtitle=f"{t('Source')}: {source_label}; {t('dashed: E[I] = -1/(n-1)')}",
                                          anchor="start"))


def choropleth_spec(shapes: Sequence[Mapping[str, Any]], options: MapOptions, values: MapValues | None = None, *,
                    domain: tuple[float, float] | None = None, validate: bool = False) -> dict[str, Any]:
    """:func:`choropleth` as a Vega-Lite dict with a fixed export width (the page stretches it).

    ``shapes`` (:func:`map_shapes`) travel in the spec.  With ``values`` the rows
    are added too, as records, for a self-contained spec (export, tests); the page
    leaves them out of the cached spec and adds the rows of the current settings.
    ``domain`` defaults to ``values.domain``.
    """
    domain = domain if domain is not None else (values.domain if values is not None else None)
    # validate: through Altair, which checks the spec against the Vega-Lite schema (the dict is tested equal)
    spec = (choropleth(options, domain).properties(width=760).to_dict(validate=True) if validate
            else choropleth_dict(options, domain, width=760))
    spec.setdefault("datasets", {})[DATASET] = list(shapes)
    if values is not None:
        spec["datasets"].update(values.datasets())
    return spec
