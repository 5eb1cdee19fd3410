"""Charts of the Global talent clusters page: world map, band ranges, counts, composite, stability.

Data in, ``alt.Chart`` out.  CBRE bands are drawn as ranges (a filled circle at the
band's lower bound, a ring at its upper bound; open bands have no ring), never as an
invented point inside the band.
"""

from __future__ import annotations

__all__ = ["TIER_COLOURS", "REGION_COLOURS", "SIZE_DOMAIN", "SIZE_RANGE", "ILLUSTRATIVE_NOTE", "world_map",
           "world_map_spec", "band_ranges", "count_bars", "wipo_country_bars", "COMPOSITE_ROWS", "STABILITY_ROWS",
           "composite_rows", "composite_template", "composite_bars", "stability_rows", "stability_template",
           "stability_bars", "china_bars"]

from typing import Any, Literal

import altair as alt
import pandas as pd

from core.charts import FONT, with_rows

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


def _colour(field: str, by: Literal["tier", "region"], title: str) -> alt.Color:
    palette = TIER_COLOURS if by == "tier" else REGION_COLOURS
    return alt.Color(f"{field}:N", title=title,
                     scale=alt.Scale(domain=list(palette), range=list(palette.values())))


def world_map(features: list[dict[str, Any]], bubbles: pd.DataFrame, clusters: pd.DataFrame,
              corridors: list[dict[str, Any]], **kwargs: Any) -> alt.LayerChart:
    """The world map as an Altair chart (countries inline as ``alt.Data(values=features)``); see :func:`_world_map`."""
    chart = _world_map(bubbles, clusters, corridors, **kwargs)
    chart.layer[0].data = alt.Data(values=features)
    return chart


def world_map_spec(features: list[dict[str, Any]], bubbles: pd.DataFrame, clusters: pd.DataFrame,
                   corridors: list[dict[str, Any]], **kwargs: Any) -> dict[str, Any]:
    """The same map as a Vega-Lite dict, built fast: the spec is validated without the 177 country
    shapes (Altair's validation and copying of them takes seconds), which are then inserted as inline values."""
    spec = _world_map(bubbles, clusters, corridors, **kwargs).to_dict(validate=True)
    spec["layer"][0]["data"] = {"values": features}
    return spec


def _world_map(bubbles: pd.DataFrame, clusters: pd.DataFrame,
               corridors: list[dict[str, Any]], *, colour_by: Literal["tier", "region"] = "tier",
              title: str = "World tech-talent cities and innovation clusters", width: int = 860,
              height: int = 460) -> alt.LayerChart:
    """Countries, corridors (great-circle arcs), CBRE cities as band ranges, WIPO clusters as triangles.

    ``bubbles``: ``place``, ``lon``, ``lat``, ``band_low``, ``band_high``, ``band_text``, ``tier``,
    ``region``, ``confidence``.  ``clusters``: ``place``, ``lon``, ``lat``, ``rank_2024``, ``rank_2025``.
    ``corridors``: GeoJSON LineString features with ``from``, ``to``, ``order`` properties.
    """
    size = alt.Scale(domain=list(SIZE_DOMAIN), range=list(SIZE_RANGE), zero=True)
    # the country features are attached by the callers: Altair deep-copies inline values at every
    # chained call, which for 177 shapes costs seconds
    countries = alt.Chart(alt.Data(values=[])).mark_geoshape(
        fill="#eceff3", stroke="#b0b8c1", strokeWidth=0.4).encode(tooltip=[alt.Tooltip("properties.name:N", title="Country")])
    layers: list[alt.Chart] = [countries]
    if corridors:
        layers.append(alt.Chart(alt.Data(values=corridors)).mark_geoshape(filled=False, strokeCap="round").encode(
            stroke=alt.value("#c0392b"),
            strokeWidth=alt.StrokeWidth("properties.order:O", scale=alt.Scale(domain=[1, 2], range=[3.5, 2]),
                                        title="LinkedIn corridor (1 = most frequent)"),
            tooltip=[alt.Tooltip("properties.from:N", title="From"), alt.Tooltip("properties.to:N", title="To"),
                     alt.Tooltip("properties.order:O", title="Order"), alt.Tooltip("properties.note:N", title="Note")]))
    tooltip = [alt.Tooltip("place:N", title="City"), alt.Tooltip("band_text:N", title="CBRE band (tech workers)"),
               alt.Tooltip("tier:N", title="Tier"), alt.Tooltip("region:N", title="Region"),
               alt.Tooltip("confidence:N", title="Confidence")]
    if not bubbles.empty:
        base = alt.Chart(bubbles).encode(longitude="lon:Q", latitude="lat:Q", tooltip=tooltip)
        closed = bubbles.dropna(subset=["band_high"])
        if not closed.empty:
            layers.append(alt.Chart(closed).mark_circle(filled=False, strokeWidth=1.2, opacity=0.9).encode(
                longitude="lon:Q", latitude="lat:Q", size=alt.Size("band_high:Q", scale=size, legend=None),
                color=_colour(colour_by, colour_by, colour_by.title()), tooltip=tooltip))
        layers.append(base.mark_circle(opacity=0.85, stroke="#333", strokeWidth=0.4).encode(
            size=alt.Size("band_low:Q", scale=size, title="Band lower bound (persons)",
                          legend=alt.Legend(values=[100_000, 300_000, 500_000], format=",")),
            color=_colour(colour_by, colour_by, colour_by.title())))
    if not clusters.empty:
        layers.append(alt.Chart(clusters).mark_point(shape="triangle-up", filled=True, size=70, color="#111").encode(
            longitude="lon:Q", latitude="lat:Q",
            tooltip=[alt.Tooltip("place:N", title="WIPO cluster"), alt.Tooltip("rank_2024:Q", title="Rank 2024"),
                     alt.Tooltip("rank_2025:Q", title="Rank 2025 (new method)")]))
    chart = alt.layer(*layers).project("equalEarth").properties(
        width=width, height=height,
        title=alt.Title(title, subtitle=["Filled circle: band lower bound; ring: upper bound (none = open-ended band). "
                                         "▲ WIPO cluster. Red arcs: LinkedIn–Tsinghua corridors."])
    ).configure_view(stroke=None).configure_title(font=FONT, anchor="start").configure_axis(labelFont=FONT)
    return chart


def band_ranges(frame: pd.DataFrame, *, title: str = "CBRE 2025 tech-talent bands (persons, 2023)") -> alt.LayerChart:
    """Horizontal ranges from ``band_low`` to ``band_high``; open bands dashed to the right edge, marked '+'."""
    data = frame.dropna(subset=["band_low"]).copy()
    edge = float(max(data.band_low.max() * 1.3, data.band_high.max() if data.band_high.notna().any() else 0,
                     600_000)) if not data.empty else 600_000.0
    data["open"] = data.band_high.isna()
    data["right"] = data.band_high.fillna(edge)
    x = alt.X("band_low:Q", title="Tech workers (persons)", scale=alt.Scale(domain=[0, edge]), axis=alt.Axis(format="~s"))
    y = alt.Y("place:N", title=None, sort=None)
    bars = alt.Chart(data).mark_rule(strokeWidth=8, opacity=0.75).encode(
        x=x, x2="right:Q", y=y, color=alt.Color("kind:N", title="Kind"),
        strokeDash=alt.StrokeDash("open:N", scale=alt.Scale(domain=[False, True], range=[[1, 0], [4, 3]]),
                                  title="Open-ended"),
        tooltip=["place:N", alt.Tooltip("band_text:N", title="Band"), "tier:N"])
    start = alt.Chart(data).mark_tick(thickness=2, size=18, color="#111").encode(x=x, y=y)
    return alt.layer(bars, start).properties(title=title, width=520)


def count_bars(counts: pd.DataFrame, by: str, stated: pd.DataFrame | None = None, *,
               title: str) -> alt.LayerChart | alt.Chart:
    """Cities listed per ``by`` stacked by tier; ``stated`` (``group``, ``stated``) drawn as black ticks."""
    bars = alt.Chart(counts).mark_bar().encode(
        y=alt.Y(f"{by}:N", title=None, sort="-x"), x=alt.X("sum(cities):Q", title="Cities listed in the bundled data"),
        color=_colour("tier", "tier", "Tier"), tooltip=[f"{by}:N", "tier:N", "cities:Q"])
    if stated is None or stated.empty:
        return bars.properties(title=title, width=420)
    ticks = alt.Chart(stated).mark_tick(color="#000", thickness=3, size=20).encode(
        y=alt.Y("group:N", sort="-x"), x="stated:Q", tooltip=["group:N", alt.Tooltip("stated:Q", title="Stated (Ba Jiuling 2025)")])
    return alt.layer(bars, ticks).properties(title=alt.Title(title, subtitle="Black tick: count stated by Ba Jiuling (2025)"),
                                             width=420)


def wipo_country_bars(counts: pd.DataFrame) -> alt.Chart:
    """Top-100 WIPO clusters per economy, GII 2024 beside 2025 (2025 method adds VC deals)."""
    return alt.Chart(counts).mark_bar().encode(
        y=alt.Y("economy:N", title=None, sort="-x"), x=alt.X("clusters:Q", title="Clusters in the top 100"),
        yOffset="edition:N", color=alt.Color("edition:N", title="GII edition",
                                             scale=alt.Scale(range=["#9ecae1", "#08519c"])),
        tooltip=["economy:N", "edition:N", "clusters:Q"]).properties(
        title=alt.Title("WIPO top-100 innovation clusters per economy",
                        subtitle="2025 method adds venture-capital deals: not strictly comparable with 2024"), width=420)


COMPOSITE_ROWS = "composite_rows"  # one row per place: rank, score, components, imputed
STABILITY_ROWS = "stability_rows"  # one row per place: share of weight samples in the top k, k, samples


def composite_rows(table: pd.DataFrame) -> pd.DataFrame:
    """The rows :func:`composite_template` draws (:attr:`core.clusters.CompositeResult.table`)."""
    return table.assign(imputed_any=table.imputed != "")


def composite_template(*, illustrative: bool, method: str) -> dict:
    """Composite score per place, best first, lighter where a component was imputed; a spec without rows.

    Its rows (:func:`composite_rows`, named :data:`COMPOSITE_ROWS`) are all a weight changes, so a weight move
    swaps the drawn bars' rows in place.
    """
    subtitle = [f"{'Weighted geometric mean (product of Ba Jiuling 2025)' if method == 'geometric' else 'Weighted sum of min-max scaled'} "
                "of the chosen proxies"]
    if illustrative:
        subtitle.append(ILLUSTRATIVE_NOTE)
    chart = alt.Chart(alt.Data(name=COMPOSITE_ROWS)).mark_bar().encode(
        y=alt.Y("place:N", sort=alt.EncodingSortField("rank", order="ascending"), title=None),
        x=alt.X("score:Q", title="Composite score (1 = average place)" if method == "geometric" else "Composite score (0-1)"),
        opacity=alt.Opacity("imputed_any:N", scale=alt.Scale(domain=[False, True], range=[1.0, 0.45]),
                            title="Component imputed"),
        color=alt.value("#1f5f8b"),
        tooltip=["rank:Q", "place:N", alt.Tooltip("score:Q", format=".3f"), "imputed:N"]).properties(
        title=alt.Title("Talent-density composite: ranking", subtitle=subtitle), width=420)
    return chart.to_dict()


def composite_bars(table: pd.DataFrame, *, illustrative: bool, method: str) -> dict:
    """:func:`composite_template` with the rows of ``table``, self-contained (export, tests)."""
    return with_rows(composite_template(illustrative=illustrative, method=method),
                     **{COMPOSITE_ROWS: composite_rows(table)})


def stability_rows(stability: pd.DataFrame, top: int) -> pd.DataFrame:
    """The rows :func:`stability_template` draws, with the top ``k`` they count."""
    return stability.assign(top=int(top))


def stability_template(*, spread: float, illustrative: bool) -> dict:
    """Share of weight samples in which each place stays in the top k; a spec without rows.

    The title reads k and the number of samples from the rows (:data:`STABILITY_ROWS`), so neither a weight
    nor k changes the spec and the drawn bars are updated in place.
    """
    subtitle = [f"Every weight moved within ±{spread:.0%} on a fixed grid"]
    if illustrative:
        subtitle.append(ILLUSTRATIVE_NOTE)
    rows = f"data('{STABILITY_ROWS}')"
    title = (f"length({rows}) ? 'Rank stability: how often each place stays top ' + {rows}[0].top + ' (' + "
             f"{rows}[0].samples + ' weight samples)' : 'Rank stability'")
    chart = alt.Chart(alt.Data(name=STABILITY_ROWS)).mark_bar(color="#e6550d").encode(
        y=alt.Y("place:N", sort=alt.EncodingSortField("share_top", order="descending"), title=None),
        x=alt.X("share_top:Q", title="Share of weight samples in the top k", scale=alt.Scale(domain=[0, 1]),
                axis=alt.Axis(format="%")),
        tooltip=["place:N", alt.Tooltip("share_top:Q", format=".0%"), "rank:Q", "best_rank:Q", "worst_rank:Q"]
    ).properties(title=alt.Title(alt.ExprRef(title), subtitle=subtitle), width=420)
    return chart.to_dict()


def stability_bars(stability: pd.DataFrame, *, top: int, spread: float, illustrative: bool) -> dict:
    """:func:`stability_template` with the rows of ``stability``, self-contained (export, tests)."""
    return with_rows(stability_template(spread=spread, illustrative=illustrative),
                     **{STABILITY_ROWS: stability_rows(stability, top)})


def china_bars(link: pd.DataFrame, *, year: int) -> alt.LayerChart:
    """Agglomeration index (Liu 2026, eq. 9) of the provinces behind China's clusters; rule at parity 1."""
    data = link.dropna(subset=["idt_latest"]).drop_duplicates("province")
    bars = alt.Chart(data).mark_bar(color="#3182bd").encode(
        x=alt.X("province:N", sort="-y", title=None), y=alt.Y("idt_latest:Q", title=f"Agglomeration index, {year}"),
        tooltip=["province:N", alt.Tooltip("idt_latest:Q", format=".2f"), alt.Tooltip("idt_mean:Q", format=".2f"),
                 alt.Tooltip("rank_mean:Q", title="Rank of 30 (mean 2011-2023)")])
    parity = alt.Chart(pd.DataFrame({"y": [1.0]})).mark_rule(strokeDash=[4, 3], color="#555").encode(y="y:Q")
    return alt.layer(bars, parity).properties(
        title=alt.Title("China link: provinces' agglomeration index", subtitle="Liu (2026), Table 1; dashed line = national parity"),
        width=420)
