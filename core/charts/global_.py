"""Charts of the Global talent clusters page: world map, band ranges, counts, composite, stability.

Data in, ``alt.Chart`` out.  CBRE bands are drawn as ranges (a filled circle at the
band's lower bound, a ring at its upper bound; open bands have no ring), never as an
invented point inside the band.

``lang`` ("en" or "zh") picks the words of titles, legends, tooltips and axis titles
(:mod:`core.i18n`); colours follow the stable English codes (tier, region), so a tier or a
region has the same colour in both languages.  Legends read words, never ``true``/``false``.
"""

from __future__ import annotations

__all__ = ["TIER_COLOURS", "REGION_COLOURS", "SIZE_DOMAIN", "SIZE_RANGE", "ILLUSTRATIVE_NOTE", "world_map",
           "world_map_spec", "band_ranges", "count_bars", "wipo_country_bars", "COMPOSITE_ROWS", "STABILITY_ROWS",
           "composite_rows", "composite_template", "composite_bars", "stability_rows", "stability_template",
           "stability_bars", "china_bars"]

import json
from typing import Any, Literal

import pandas as pd

from core.charts import FONT, VEGA_LITE_SCHEMA, alt, inline_name, inline_rows, with_rows
from core.i18n import translate

TIER_COLOURS = {
    "Tier 1: 500k+": "#08306b",
    "Tier 2: 300k–500k": "#2171b5",
    "Tier 3: 100k–300k": "#6baed6",
    "100k+ (band not published here)": "#bdbdbd",
    "not known to be in the 48": "#f0f0f0",
    "spans tiers": "#9e9ac8",
}
REGION_COLOURS = {"Asia-Pacific": "#d95f02", "North America": "#1b9e77", "Europe": "#7570b3",
                  "Latin America": "#e7298a", "Middle East & Africa": "#66a61e"}
SIZE_DOMAIN = (0, 1_000_000)  # persons; bubble area proportional to head count
SIZE_RANGE = (0, 1400)
ILLUSTRATIVE_NOTE = "Illustrative components included: not measurements"


def _colour(field: str, by: Literal["tier", "region"], title: str, lang: str = "en") -> alt.Color:
    """Colour by the translated words in ``{field}_words``, domain in the palette's (English) order."""
    palette = TIER_COLOURS if by == "tier" else REGION_COLOURS
    return alt.Color(f"{field}_words:N", title=title, legend=alt.Legend(labelLimit=0),
                     scale=alt.Scale(domain=[translate(k, lang) for k in palette], range=list(palette.values())))


def _words(frame: pd.DataFrame, lang: str, *fields: str) -> pd.DataFrame:
    """``frame`` with a ``<field>_words`` column (the field's values translated) per field."""
    return frame.assign(**{f"{f}_words": frame[f].map(lambda v: translate(str(v), lang)) for f in fields
                           if f in frame.columns})


def world_map(features: list[dict[str, Any]], bubbles: pd.DataFrame, clusters: pd.DataFrame,
              corridors: list[dict[str, Any]], **kwargs: Any) -> alt.LayerChart:
    """The world map as an Altair chart (countries inline as ``alt.Data(values=features)``); see :func:`_world_map`."""
    chart = _world_map(bubbles, clusters, corridors, **kwargs)
    chart.layer[0].data = alt.Data(values=features)
    return chart


def world_map_spec(features: list[dict[str, Any]], bubbles: pd.DataFrame, clusters: pd.DataFrame,
                   corridors: list[dict[str, Any]], *, colour_by: Literal["tier", "region"] = "tier",
                   title: str = "World tech-talent cities and innovation clusters", width: int = 860,
                   height: int = 460, lang: str = "en") -> dict[str, Any]:
    """The same map as :func:`world_map`, as the Vega-Lite dict ``world_map(...).to_dict()`` gives (Altair's default
    theme, datasets named by their rows), written out directly.

    Altair's route (chart objects, schema validation, deep copies) took about 100 ms a map, the page's main chart
    on a cold first view, for a spec whose shape only ``colour_by``, ``lang`` and which layers have rows change;
    this takes about a millisecond.  A test compares the two for every colouring, both languages and empty layers.
    """
    def t(text: str) -> str:
        return translate(text, lang)

    def field(name: str, kind: str, title: str | None = None) -> dict[str, Any]:
        out: dict[str, Any] = {"field": name, "type": kind}
        return out if title is None else {**out, "title": title}

    datasets: dict[str, list[dict[str, Any]]] = {}

    def named(values: list[dict[str, Any]]) -> dict[str, str]:
        name = inline_name(values)
        datasets[name] = values
        return {"name": name}

    palette = TIER_COLOURS if colour_by == "tier" else REGION_COLOURS
    colour = {**field(f"{colour_by}_words", "nominal", t(colour_by.title())), "legend": {"labelLimit": 0},
              "scale": {"domain": [translate(k, lang) for k in palette], "range": list(palette.values())}}
    size_scale = {"domain": list(SIZE_DOMAIN), "range": list(SIZE_RANGE), "zero": True}
    where = {"latitude": field("lat", "quantitative"), "longitude": field("lon", "quantitative")}
    countries = {"data": {"values": features},
                 "mark": {"type": "geoshape", "fill": "#eceff3", "stroke": "#b0b8c1", "strokeWidth": 0.4},
                 "encoding": {"tooltip": [field("properties.name", "nominal", t("Country"))]}}
    layers: list[dict[str, Any]] = [countries]
    if corridors:
        layers.append({"data": {"values": corridors}, "mark": {"type": "geoshape", "filled": False, "strokeCap": "round"},
                       "encoding": {"stroke": {"value": "#c0392b"},
                                    "strokeWidth": {**field("properties.order", "ordinal",
                                                            t("LinkedIn corridor (1 = most frequent)")),
                                                    "scale": {"domain": [1, 2], "range": [3.5, 2]}},
                                    "tooltip": [field("properties.from", "nominal", t("From")),
                                                field("properties.to", "nominal", t("To")),
                                                field("properties.order", "ordinal", t("Order"))]}})
    tooltip = [field("place", "nominal", t("City")), field("band_text", "nominal", t("CBRE band (tech workers)")),
               field("tier_words", "nominal", t("Tier")), field("region_words", "nominal", t("Region"))]
    if not bubbles.empty:
        # the rows as _words and the column choice of the Altair route make them, in plain Python (a few dozen rows)
        raw = {f: bubbles[f].tolist() for f in ("tier", "region") if f in bubbles.columns}
        rows = inline_rows(bubbles, BUBBLE_FIELDS)
        for i, row in enumerate(rows):
            row.update({f"{f}_words": translate(str(values[i]), lang) for f, values in raw.items()})
        open_high = bubbles["band_high"].isna().tolist()
        closed = [row for row, is_open in zip(rows, open_high) if not is_open]
        if closed:
            layers.append({"data": named(closed),
                           "mark": {"type": "circle", "filled": False, "opacity": 0.9, "strokeWidth": 1.2},
                           "encoding": {**where, "color": colour, "tooltip": tooltip,
                                        "size": {**field("band_high", "quantitative"), "legend": None,
                                                 "scale": size_scale}}})
        layers.append({"data": named(rows),
                       "mark": {"type": "circle", "opacity": 0.85, "stroke": "#333", "strokeWidth": 0.4},
                       "encoding": {**where, "color": colour, "tooltip": tooltip,
                                    "size": {**field("band_low", "quantitative", t("Band lower bound (persons)")),
                                             "legend": {"format": ",", "values": [100_000, 300_000, 500_000]},
                                             "scale": size_scale}}})
    if not clusters.empty:
        layers.append({"data": named(inline_rows(clusters, CLUSTER_FIELDS)),
                       "mark": {"type": "point", "color": "#111", "filled": True, "shape": "triangle-up", "size": 70},
                       "encoding": {**where, "tooltip": [field("place", "nominal", t("WIPO cluster")),
                                                         field("rank_2024", "quantitative", t("Rank 2024")),
                                                         field("rank_2025", "quantitative",
                                                               t("Rank 2025 (new method)"))]}})
    spec: dict[str, Any] = {
        # Altair's default theme (continuous view size) with the chart's own view, title and axis settings
        "config": {"view": {"continuousWidth": 300, "continuousHeight": 300, "stroke": None},
                   "axis": {"labelFont": FONT}, "title": {"anchor": "start", "font": FONT}},
        "layer": layers, "height": height, "projection": {"type": "equalEarth"},
        "title": {"text": title, "subtitle": [t("Filled circle: band lower bound; ring: upper bound (none = open-ended band)."),
                                              t("▲ WIPO cluster. Red arcs: LinkedIn–Tsinghua corridors.")]},
        "width": width, "$schema": VEGA_LITE_SCHEMA}
    if len(layers) == 1:  # Altair lifts the data a lone layer shares with no other to the top (still empty there)
        spec["data"] = {"values": []}
    if datasets:
        spec["datasets"] = datasets
    return spec


# The columns the map's layers encode (positions, sizes, colours and tooltips): the only ones it sends.
BUBBLE_FIELDS = ("place", "lon", "lat", "band_low", "band_high", "band_text", "tier_words", "region_words")
CLUSTER_FIELDS = ("place", "lon", "lat", "rank_2024", "rank_2025")


def _world_map(bubbles: pd.DataFrame, clusters: pd.DataFrame,
               corridors: list[dict[str, Any]], *, colour_by: Literal["tier", "region"] = "tier",
              title: str = "World tech-talent cities and innovation clusters", width: int = 860,
              height: int = 460, lang: str = "en") -> alt.LayerChart:
    """Countries, corridors (great-circle arcs), CBRE cities as band ranges, WIPO clusters as triangles.

    ``bubbles``: ``place``, ``lon``, ``lat``, ``band_low``, ``band_high``, ``band_text``, ``tier``,
    ``region``, ``confidence``.  ``clusters``: ``place``, ``lon``, ``lat``, ``rank_2024``, ``rank_2025``.
    ``corridors``: GeoJSON LineString features with ``from``, ``to``, ``order`` properties.
    """
    def t(text: str) -> str:
        return translate(text, lang)

    bubbles = _words(bubbles, lang, "tier", "region")
    bubbles = bubbles[[f for f in BUBBLE_FIELDS if f in bubbles.columns]]
    clusters = clusters[[f for f in CLUSTER_FIELDS if f in clusters.columns]]
    size = alt.Scale(domain=list(SIZE_DOMAIN), range=list(SIZE_RANGE), zero=True)
    # the country features are attached by the callers: Altair deep-copies inline values at every
    # chained call, which for 177 shapes costs seconds
    countries = alt.Chart(alt.Data(values=[])).mark_geoshape(
        fill="#eceff3", stroke="#b0b8c1", strokeWidth=0.4).encode(tooltip=[alt.Tooltip("properties.name:N", title=t("Country"))])
    layers: list[alt.Chart] = [countries]
    if corridors:
        layers.append(alt.Chart(alt.Data(values=corridors)).mark_geoshape(filled=False, strokeCap="round").encode(
            stroke=alt.value("#c0392b"),
            strokeWidth=alt.StrokeWidth("properties.order:O", scale=alt.Scale(domain=[1, 2], range=[3.5, 2]),
                                        title=t("LinkedIn corridor (1 = most frequent)")),
            tooltip=[alt.Tooltip("properties.from:N", title=t("From")), alt.Tooltip("properties.to:N", title=t("To")),
                     alt.Tooltip("properties.order:O", title=t("Order"))]))
    tooltip = [alt.Tooltip("place:N", title=t("City")), alt.Tooltip("band_text:N", title=t("CBRE band (tech workers)")),
               alt.Tooltip("tier_words:N", title=t("Tier")), alt.Tooltip("region_words:N", title=t("Region"))]
    if not bubbles.empty:
        base = alt.Chart(bubbles).encode(longitude="lon:Q", latitude="lat:Q", tooltip=tooltip)
        closed = bubbles.dropna(subset=["band_high"])
        if not closed.empty:
            layers.append(alt.Chart(closed).mark_circle(filled=False, strokeWidth=1.2, opacity=0.9).encode(
                longitude="lon:Q", latitude="lat:Q", size=alt.Size("band_high:Q", scale=size, legend=None),
                color=_colour(colour_by, colour_by, t(colour_by.title()), lang), tooltip=tooltip))
        layers.append(base.mark_circle(opacity=0.85, stroke="#333", strokeWidth=0.4).encode(
            size=alt.Size("band_low:Q", scale=size, title=t("Band lower bound (persons)"),
                          legend=alt.Legend(values=[100_000, 300_000, 500_000], format=",")),
            color=_colour(colour_by, colour_by, t(colour_by.title()), lang)))
    if not clusters.empty:
        layers.append(alt.Chart(clusters).mark_point(shape="triangle-up", filled=True, size=70, color="#111").encode(
            longitude="lon:Q", latitude="lat:Q",
            tooltip=[alt.Tooltip("place:N", title=t("WIPO cluster")), alt.Tooltip("rank_2024:Q", title=t("Rank 2024")),
                     alt.Tooltip("rank_2025:Q", title=t("Rank 2025 (new method)"))]))
    chart = alt.layer(*layers).project("equalEarth").properties(
        width=width, height=height,
        title=alt.Title(title, subtitle=[t("Filled circle: band lower bound; ring: upper bound (none = open-ended band)."),
                                         t("▲ WIPO cluster. Red arcs: LinkedIn–Tsinghua corridors.")])
    ).configure_view(stroke=None).configure_title(font=FONT, anchor="start").configure_axis(labelFont=FONT)
    return chart


def band_ranges(frame: pd.DataFrame, *, title: str = "CBRE 2025 tech-talent bands (persons, 2023)",
                lang: str = "en", label: str = "place") -> alt.LayerChart:
    """Horizontal ranges from ``band_low`` to ``band_high``; open bands dashed to the right edge, marked '+'."""
    def t(text: str) -> str:
        return translate(text, lang)

    data = _words(frame.dropna(subset=["band_low"]), lang, "kind", "tier")
    edge = float(max(data.band_low.max() * 1.3, data.band_high.max() if data.band_high.notna().any() else 0,
                     600_000)) if not data.empty else 600_000.0
    closed, open_ = t("closed band"), t("open-ended band (no upper bound)")
    data["band_kind"] = [open_ if v else closed for v in data.band_high.isna()]
    data["right"] = data.band_high.fillna(edge)
    x = alt.X("band_low:Q", title=t("Tech workers (persons)"), scale=alt.Scale(domain=[0, edge]),
              axis=alt.Axis(format="~s"))
    y = alt.Y(f"{label}:N", title=None, sort=None, axis=alt.Axis(labelLimit=320, labelOverlap=False))
    bars = alt.Chart(data).mark_rule(strokeWidth=8, opacity=0.75).encode(
        x=x, x2="right:Q", y=y, color=alt.Color("kind_words:N", title=t("Kind"), legend=alt.Legend(labelLimit=0)),
        strokeDash=alt.StrokeDash("band_kind:N", scale=alt.Scale(domain=[closed, open_], range=[[1, 0], [4, 3]]),
                                  title=t("Band"), legend=alt.Legend(labelLimit=0)),
        tooltip=[alt.Tooltip(f"{label}:N", title=t("Place")), alt.Tooltip("band_text:N", title=t("Band")),
                 alt.Tooltip("tier_words:N", title=t("Tier"))])
    start = alt.Chart(data).mark_tick(thickness=2, size=18, color="#111").encode(x=x, y=y)
    return alt.layer(bars, start).properties(title=alt.Title(title, limit=0), width="container")


def count_bars(counts: pd.DataFrame, by: str, stated: pd.DataFrame | None = None, *,
               title: str, lang: str = "en") -> alt.LayerChart | alt.Chart:
    """Cities listed per ``by`` stacked by tier; ``stated`` (``group``, ``stated``) drawn as black ticks.

    ``by`` values are shown translated (regions) or as they are (country names)."""
    def t(text: str) -> str:
        return translate(text, lang)

    counts = _words(counts, lang, "tier", by)
    axis = alt.Axis(labelLimit=240, labelOverlap=False)
    bars = alt.Chart(counts).mark_bar().encode(
        y=alt.Y(f"{by}_words:N", title=None, sort="-x", axis=axis),
        x=alt.X("sum(cities):Q", title=t("Cities listed in the bundled data")),
        color=_colour("tier", "tier", t("Tier"), lang),
        tooltip=[alt.Tooltip(f"{by}_words:N", title=t(by.title())), alt.Tooltip("tier_words:N", title=t("Tier")),
                 alt.Tooltip("cities:Q", title=t("Cities"))])
    if stated is None or stated.empty:
        return bars.properties(title=alt.Title(title, limit=0), width="container")
    stated = stated.assign(group_words=stated["group"].map(lambda v: translate(str(v), lang)))
    ticks = alt.Chart(stated).mark_tick(color="#000", thickness=3, size=20).encode(
        y=alt.Y("group_words:N", sort="-x"), x="stated:Q",
        tooltip=[alt.Tooltip("group_words:N", title=t(by.title())), alt.Tooltip("stated:Q", title=t("Stated count"))])
    return alt.layer(bars, ticks).properties(
        title=alt.Title(title, subtitle=t("Black tick: count stated in the article on CBRE's 2025 guide"), limit=0),
        width="container")


def wipo_country_bars(counts: pd.DataFrame, *, lang: str = "en") -> alt.Chart:
    """Top-100 WIPO clusters per economy, GII 2024 beside 2025 (2025 method adds VC deals)."""
    def t(text: str) -> str:
        return translate(text, lang)

    return alt.Chart(counts).mark_bar().encode(
        y=alt.Y("economy:N", title=None, sort="-x", axis=alt.Axis(labelOverlap=False, labelLimit=240)),
        x=alt.X("clusters:Q", title=t("Clusters in the top 100")),
        yOffset="edition:N", color=alt.Color("edition:N", title=t("GII edition"),
                                             scale=alt.Scale(range=["#9ecae1", "#08519c"])),
        tooltip=[alt.Tooltip("economy:N", title=t("Economy")), alt.Tooltip("edition:N", title=t("GII edition")),
                 alt.Tooltip("clusters:Q", title=t("Clusters in the top 100"))]).properties(
        title=alt.Title(t("WIPO top-100 innovation clusters per economy"),
                        subtitle=t("2025 method adds venture-capital deals: not strictly comparable with 2024"),
                        limit=0), width="container")


def world_share_bars(shares: pd.DataFrame, *, lang: str = "en") -> alt.Chart:
    """Clusters' shares of the world's scientific publications and PCT applications (percent, GII 2025).

    ``shares`` is :func:`core.clusters.world_shares` output with an ``output_words`` column."""
    def t(text: str) -> str:
        return translate(text, lang)

    return alt.Chart(shares).mark_bar().encode(
        y=alt.Y("cluster:N", title=None, sort="-x", axis=alt.Axis(labelOverlap=False, labelLimit=260)),
        x=alt.X("share_percent:Q", title=t("Share of the world total (%)")),
        color=alt.Color("output_words:N", title=None, scale=alt.Scale(range=["#3182bd", "#e6550d"])),
        yOffset="output_words:N",
        tooltip=[alt.Tooltip("cluster:N", title=t("WIPO cluster")), alt.Tooltip("output_words:N", title=t("Output")),
                 alt.Tooltip("share_percent:Q", title=t("Share of the world total (%)"), format=".1f")]).properties(
        title=alt.Title(t("Shares of world output, WIPO GII 2025"),
                        subtitle=t("As reported by Yicai Global (2 Sep 2025) from the WIPO release; only the clusters "
                                   "the report names"), limit=0), width="container")


COMPOSITE_ROWS = "composite_rows"  # one row per place: rank, score, components, imputed
STABILITY_ROWS = "stability_rows"  # one row per place: share of weight samples in the top k, k, samples


GAP_WORDS = {"exclude": "every weighted component", "neutral": "a component set to the neutral value",
             "reweight": "a component left out (weights re-normalised)"}


def composite_rows(table: pd.DataFrame, *, missing: str = "neutral", lang: str = "en",
                   label: str | None = None) -> pd.DataFrame:
    """The rows :func:`composite_template` draws (:attr:`core.clusters.CompositeResult.table`): ``gap`` says in
    words whether the place has every weighted component (a legend of words, not true/false)."""
    full, gap = translate(GAP_WORDS["exclude"], lang), translate(GAP_WORDS.get(missing, GAP_WORDS["neutral"]), lang)
    rows = table.assign(gap=[gap if v else full for v in table.imputed != ""])
    return rows.assign(name=rows[label] if label else rows["place"])


def composite_template(*, illustrative: bool, method: str, missing: str = "neutral", lang: str = "en") -> dict:
    """Composite score per place, best first, lighter where a component was imputed; a spec without rows.

    Its rows (:func:`composite_rows`, named :data:`COMPOSITE_ROWS`) are all a weight changes, so a weight move
    swaps the drawn bars' rows in place.
    """
    def t(text: str) -> str:
        return translate(text, lang)

    subtitle = [t("Weighted geometric mean of the chosen proxies") if method == "geometric"
                else t("Weighted sum of the min-max scaled proxies")]
    if illustrative:
        subtitle.append(t(ILLUSTRATIVE_NOTE))
    full, gap = t(GAP_WORDS["exclude"]), t(GAP_WORDS.get(missing, GAP_WORDS["neutral"]))
    chart = alt.Chart(alt.Data(name=COMPOSITE_ROWS)).mark_bar().encode(
        y=alt.Y("name:N", sort=alt.EncodingSortField("rank", order="ascending"), title=None,
                axis=alt.Axis(labelOverlap=False, labelLimit=260)),
        x=alt.X("score:Q", title=t("Composite score (1 = average place)") if method == "geometric"
                else t("Composite score (0-1)")),
        opacity=alt.Opacity("gap:N", scale=alt.Scale(domain=[full, gap], range=[1.0, 0.45]), title=t("Components"),
                            legend=alt.Legend(labelLimit=0, orient="bottom", direction="vertical")),
        color=alt.value("#1f5f8b"),
        tooltip=[alt.Tooltip("rank:Q", title=t("Rank")), alt.Tooltip("name:N", title=t("Place")),
                 alt.Tooltip("score:Q", format=".3f", title=t("Composite score")),
                 alt.Tooltip("gap:N", title=t("Components"))]).properties(
        title=alt.Title(t("Talent-density composite: ranking"), subtitle=subtitle, limit=0), width="container",
        height=alt.Step(18))
    return chart.to_dict()


def composite_bars(table: pd.DataFrame, *, illustrative: bool, method: str, missing: str = "neutral",
                   lang: str = "en") -> dict:
    """:func:`composite_template` with the rows of ``table``, self-contained (export, tests)."""
    return with_rows(composite_template(illustrative=illustrative, method=method, missing=missing, lang=lang),
                     **{COMPOSITE_ROWS: composite_rows(table, missing=missing, lang=lang)})


def stability_rows(stability: pd.DataFrame, top: int, label: str | None = None) -> pd.DataFrame:
    """The rows :func:`stability_template` draws, with the top ``k`` they count."""
    return stability.assign(top=int(top), name=stability[label] if label else stability["place"])


def stability_template(*, spread: float, illustrative: bool, lang: str = "en") -> dict:
    """Share of weight samples in which each place stays in the top k; a spec without rows.

    The title reads k and the number of samples from the rows (:data:`STABILITY_ROWS`), so neither a weight
    nor k changes the spec and the drawn bars are updated in place.
    """
    def t(text: str) -> str:
        return translate(text, lang)

    subtitle = [t("Every weight moved within ±{spread} on a fixed grid").format(spread=f"{spread:.0%}")]
    if illustrative:
        subtitle.append(t(ILLUSTRATIVE_NOTE))
    rows = f"data('{STABILITY_ROWS}')"
    # the words around k and the number of samples, as Vega string literals (k and samples come from the rows)
    before, middle, after = (t(w).replace("'", "\\'") for w in
                             ("Rank stability: how often each place stays top ", " (", " weight samples)"))
    title = (f"length({rows}) ? '{before}' + {rows}[0].top + '{middle}' + "
             f"{rows}[0].samples + '{after}' : '{t('Rank stability')}'")
    chart = alt.Chart(alt.Data(name=STABILITY_ROWS)).mark_bar(color="#e6550d").encode(
        y=alt.Y("name:N", sort=alt.EncodingSortField("share_top", order="descending"), title=None,
                axis=alt.Axis(labelOverlap=False, labelLimit=260)),
        x=alt.X("share_top:Q", title=t("Share of weight samples in the top k"), scale=alt.Scale(domain=[0, 1]),
                axis=alt.Axis(format="%")),
        tooltip=[alt.Tooltip("name:N", title=t("Place")),
                 alt.Tooltip("share_top:Q", format=".0%", title=t("Share of weight samples in the top k")),
                 alt.Tooltip("rank:Q", title=t("Rank")), alt.Tooltip("best_rank:Q", title=t("Best rank")),
                 alt.Tooltip("worst_rank:Q", title=t("Worst rank"))]
    ).properties(title=alt.Title(alt.ExprRef(title), subtitle=subtitle, limit=0), width="container",
                 height=alt.Step(18))
    return chart.to_dict()


def stability_bars(stability: pd.DataFrame, *, top: int, spread: float, illustrative: bool,
                   lang: str = "en") -> dict:
    """:func:`stability_template` with the rows of ``stability``, self-contained (export, tests)."""
    return with_rows(stability_template(spread=spread, illustrative=illustrative, lang=lang),
                     **{STABILITY_ROWS: stability_rows(stability, top)})


def china_bars(link: pd.DataFrame, *, year: int, lang: str = "en") -> alt.LayerChart:
    """Agglomeration index (Liu 2026, eq. 9) of the provinces behind China's clusters; rule at parity 1."""
    def t(text: str) -> str:
        return translate(text, lang)

    data = link.dropna(subset=["idt_latest"]).drop_duplicates("province")
    bars = alt.Chart(data).mark_bar(color="#3182bd").encode(
        x=alt.X("province:N", sort="-y", title=None, axis=alt.Axis(labelOverlap=False, labelAngle=0)),
        y=alt.Y("idt_latest:Q", title=t("Agglomeration index, {year}").format(year=year)),
        tooltip=[alt.Tooltip("province:N", title=t("Province")),
                 alt.Tooltip("idt_latest:Q", format=".2f", title=t("Agglomeration index, {year}").format(year=year)),
                 alt.Tooltip("idt_mean:Q", format=".2f", title=t("Mean index 2011-2023")),
                 alt.Tooltip("rank_mean:Q", title=t("Rank of 30 (mean 2011-2023)"))])
    parity = alt.Chart(pd.DataFrame({"y": [1.0]})).mark_rule(strokeDash=[4, 3], color="#555").encode(y="y:Q")
    return alt.layer(bars, parity).properties(
        title=alt.Title(t("China link: provinces' agglomeration index"),
                        subtitle=t("Liu (2026), Table 1; dashed line = national parity"), limit=0),
        width="container")
