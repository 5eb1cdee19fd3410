"""Global talent clusters (/global): world map, tiers, side-by-side comparison, composite index.

Reads widgets, calls ``core.clusters`` (pure) through the cached wrappers below, and
draws with ``core.charts.global_``.  Every assumption widget is bound to the URL.
"""

from __future__ import annotations

import hashlib

import pandas as pd
import streamlit as st

import pages as shell
from core import clusters, uploads
from core.charts import attach
from core.charts import global_ as charts
from core.datasets import DataSchemaError

shell.page_shell("Global talent clusters", ":material/public:")
t = shell.t

GEONAMES_CREDIT = "City coordinates: GeoNames (geonames.org), CC BY 4.0. Country shapes: Natural Earth (public domain)."
SOURCE_LINE = ("CBRE Global Tech Talent Guidebook 2025 (22 Apr 2025) via seed 003; WIPO GII 2025 (Sept 2025) and "
               "2024; LinkedIn China × Tsinghua SEM CIDG (10 Nov 2019) via seed 000")


# --- cached wrappers around core (keyed by their arguments) ------------------------------------

@st.cache_data(show_spinner=False)
def load_all() -> dict[str, pd.DataFrame]:
    cities = clusters.load_cities()
    facts = clusters.load_linkedin_facts()
    wipo = clusters.wipo_ranks(shell.wipo_clusters())
    return {"cities": cities, "facts": facts, "wipo": wipo,
            "statements": clusters.load_statements(), "links": clusters.load_china_links(),
            "reports": clusters.load_reports(), "proxies": clusters.load_proxies(),
            "illustrative": clusters.load_illustrative_values(),
            "wipo_counts": clusters.wipo_country_counts(shell.wipo_aggregates()),
            "places": clusters.places(cities, shell.tech_cities(), facts, wipo)}


@st.cache_data(show_spinner=False)
def checks(cities: pd.DataFrame, statements: pd.DataFrame) -> pd.DataFrame:
    return clusters.check_statements(cities, statements)


@st.cache_data(show_spinner=False)
def china(place_table: pd.DataFrame, links: pd.DataFrame) -> pd.DataFrame:
    return clusters.china_link(place_table, links, shell.table1())


# The composite is keyed by ``key`` (the proxy figures, the proxy chosen per component and the places shown)
# instead of hashing the frames on every move of a weight: a leading underscore keeps them out of the key.

@st.cache_data(show_spinner=False, max_entries=64)
def component_values(key: tuple, _proxy_frame: pd.DataFrame, choice: tuple[tuple[str, str], ...],
                     places: tuple[str, ...]) -> pd.DataFrame:
    components = clusters.component_table(_proxy_frame, dict(choice))
    return components[components.index.isin(places)]  # the filters apply here too


@st.cache_data(show_spinner=False, max_entries=256)
def composite(key: tuple, _components: pd.DataFrame, weights: tuple[tuple[str, float], ...], method: str,
              missing: str, top: int) -> tuple[clusters.CompositeResult, pd.DataFrame]:
    result = clusters.composite_index(_components, dict(weights), method=method, missing=missing)
    stability = clusters.rank_stability(_components, dict(weights), method=method, missing=missing, top=top)
    return result, stability


# The two charts are templates whose rows a weight (or k) changes, so the browser swaps the bars in place.
composite_template = st.cache_data(show_spinner=False, max_entries=8)(charts.composite_template)
stability_template = st.cache_data(show_spinner=False, max_entries=8)(charts.stability_template)


@st.cache_data(show_spinner=False)
def read_upload(content: bytes, name: str, known: tuple[str, ...]) -> pd.DataFrame:
    return clusters.validate_uploaded_figures(uploads.read_table(content, name), known)


def map_layers(regions: tuple[str, ...], tiers: tuple[str, ...], sources: tuple[str, ...]):
    """Bubbles, WIPO triangles and corridor arcs for these filters."""
    data = load_all()
    shown = clusters.filter_places(data["places"], regions=regions, tiers=tiers, sources=sources)
    city_rows = shown[(shown.kind == clusters.KIND_CITY) & shown.band_low.notna()]
    bubbles = city_rows.dropna(subset=["lon", "lat"]) if "CBRE" in sources else city_rows.iloc[0:0]
    wipo_rows = shown[shown.kind == clusters.KIND_WIPO].dropna(subset=["lon", "lat"])
    linked = set(shown.linkedin) - {""}
    corridors = [f for f in clusters.corridor_lines(data["facts"], data["places"])
                 if "LinkedIn" in sources and {f["properties"]["from"], f["properties"]["to"]} <= linked]
    return bubbles, wipo_rows, corridors


@st.cache_data(show_spinner=False)
def map_spec(regions: tuple[str, ...], tiers: tuple[str, ...], sources: tuple[str, ...], colour_by: str) -> dict:
    return charts.world_map_spec(shell.world_countries()["features"], *map_layers(regions, tiers, sources),
                                 colour_by=colour_by)



try:
    data = load_all()
except DataSchemaError as exc:
    st.error(f"{t('The bundled global tables could not be read')}: {exc}")
    st.stop()

places = data["places"]

st.title(t("Global talent clusters"))
shell.explain(
    "Where do China's digital-talent clusters stand among the world's tech-talent cities? Three public sources, "
    "each with its own unit: **CBRE** counts tech workers per market in **bands** (2023), **WIPO** ranks innovation "
    "clusters by patents, papers and (from 2025) venture-capital deals, and the **LinkedIn–Tsinghua** report (2019) "
    "describes talent flows and skills in categories only. Bands stay ranges here; no point inside a band is invented.")

# --- filters ---------------------------------------------------------------------------------------
region_options = [r for r in clusters.REGIONS if r in set(places.region)]
tier_options = [tier for tier in (*clusters.TIERS[:4], clusters.SPANS, clusters.NOT_KNOWN) if tier in set(places.tier)]
tier_options = list(dict.fromkeys(tier_options))
with st.container(border=True):
    cols = st.columns([3, 3, 2, 1.4])
    regions = cols[0].multiselect(t("Region"), region_options, default=region_options, key="region",
                                  bind="query-params")
    tiers = cols[1].multiselect(t("Tier"), tier_options, default=tier_options, key="tier", bind="query-params")
    sources = cols[2].multiselect(t("Source"), list(clusters.SOURCES), default=list(clusters.SOURCES), key="source",
                                  bind="query-params")
    # bound widgets keep their option text in the URL, so options are plain, untranslated values
    colour_by = cols[3].radio(t("Colour by"), ["tier", "region"], key="colour", bind="query-params")

shown = clusters.filter_places(places, regions=regions, tiers=tiers, sources=sources)

# --- world map ----------------------------------------------------------------------------------------
st.subheader(t("World map"))
if shown.empty:
    st.info(t("No place matches the filters: choose at least one region, tier and source."))
    map_chart = None
else:
    filters = (tuple(regions), tuple(tiers), tuple(sources), colour_by)
    spec = map_spec(*filters)
    map_chart = spec
    st.vega_lite_chart(spec=spec, key="world_map")
    undrawn = shown[shown.lon.isna()].place.tolist()
    if undrawn:
        st.caption(f"{t('Not drawn (no bundled coordinates)')}: {', '.join(undrawn)}")
    st.caption(GEONAMES_CREDIT)
    shell.how_to_read(
        "Each CBRE market is a **range**: the filled circle's area is the band's lower bound, the ring's area its "
        "upper bound; a circle without a ring is open-ended (e.g. 500k+). Grey circles are cities known to be among "
        "the 48 whose band is not published in the bundled copy (\"100k+\"). Triangles are WIPO clusters (centre of "
        "their member cities). Red arcs are the LinkedIn–Tsinghua migration corridors (great circles; thicker = more "
        "frequent; the three Chinese pairs share second place).", f"{SOURCE_LINE}. {GEONAMES_CREDIT}")

# --- side by side --------------------------------------------------------------------------------------
st.subheader(t("Side by side"))
choices = places.place.tolist()
default_pick = [p for p in ("Beijing", "Shanghai", "S.F. Bay Area") if p in choices]
picked = st.multiselect(t("Compare 2–4 cities or clusters"), choices, default=default_pick, max_selections=4,
                        key="compare", bind="query-params")
link = china(places, data["links"])
if len(picked) < 2:
    st.info(t("Choose at least two places to compare."))
else:
    table = clusters.compare(places, picked, link)
    st.dataframe(table, hide_index=True)
    st.caption(f"⚠ {clusters.WIPO_METHOD_NOTE}")
    shell.altair(charts.band_ranges, places.set_index("place").loc[picked].reset_index(), key="band_ranges")
    shell.how_to_read(
        "A cluster's band is the **sum of its members' bands** (500k+ plus 300k–500k is 800k+); a member whose CBRE "
        "status is unknown makes the sum open-ended. The tick marks the lower bound; dashed bars are open-ended.",
        SOURCE_LINE)

# --- counts -------------------------------------------------------------------------------------------
st.subheader(t("Counts by region and country"))
statement_checks = checks(data["cities"], data["statements"])
cities_shown = data["cities"][data["cities"].market.isin(shown.place) & data["cities"].region.isin(regions)]
cols = st.columns(2)
stated = data["statements"]
region_stated = stated[(stated.scope == "region") & (stated.band_min_persons == 100_000)]
country_stated = stated[(stated.scope == "country") & (stated.band_min_persons == 100_000)]
by_region = clusters.counts_by(cities_shown, "region")
by_country = clusters.counts_by(cities_shown, "country")
if by_region.empty:
    cols[0].info(t("No CBRE city matches the filters."))
else:
    shell.altair(charts.count_bars, by_region, "region", region_stated[["group", "count"]].rename(
        columns={"count": "stated"}), title="CBRE cities above 100,000 by region", key="by_region", container=cols[0])
    shell.altair(charts.count_bars, by_country, "country", country_stated[["group", "count"]].rename(
        columns={"count": "stated"}), title="CBRE cities above 100,000 by country", key="by_country",
        container=cols[1])
shell.how_to_read("Bars count the cities of CBRE's 48 listed in the bundled data; black ticks are the counts "
                  "seed 003 states. A bar shorter than its tick means the bundled list is incomplete (about 27 "
                  "cities of 100k–200k are missing), never that the statement is wrong.", SOURCE_LINE)
st.dataframe(statement_checks, hide_index=True, column_config={
    "threshold_persons": st.column_config.NumberColumn(format="%d")})
shell.altair(charts.wipo_country_bars, data["wipo_counts"], key="wipo_counts")
shell.how_to_read("Clusters per economy among WIPO's top 100 (China 24, US 22, Germany 7, India 4, UK 4 in 2025).",
                  "WIPO GII 2025 and 2024")

# --- composite index -------------------------------------------------------------------------------------
st.subheader(t("Talent-density composite"))
shell.explain(
    "Seed 003 proposes judging a tech hub by **talent density × structure crossover × ecosystem connectivity × "
    "productization speed**. Choose a proxy and a weight for each component; weights are normalised to sum to 1. "
    "The multiplicative form is a weighted geometric mean (each component divided by its geometric mean, so units "
    "do not matter); the additive form sums min-max-scaled components.")
def proxy_choices(data: dict) -> tuple[str, pd.DataFrame, dict[str, str]]:
    """The upload of held figures and the proxy per component: rarely changed, so they rerun the whole page.

    Returns what identifies the proxy figures (the bundled ones, or the upload's digest), the figures, and the
    proxy chosen per component.
    """
    uploaded = None
    figures = "bundled"
    with st.expander(t("Upload figures you hold (e.g. LinkedIn–Tsinghua)")):
        st.markdown("A CSV or XLSX with a `place` column (market names as in the comparison list) and one or more "
                    "numeric columns. Each numeric column becomes a proxy named `upload:<column>`, labelled "
                    "user-supplied. Nothing is stored.")
        file = st.file_uploader(t("Figures file"), type=["csv", "xlsx"], key="upload_figures")
        if file is not None:
            try:
                uploaded = read_upload(file.getvalue(), file.name, tuple(clusters.in_48(data["cities"]).market))
                figures = f"upload:{hashlib.sha256(file.getvalue()).hexdigest()}"
                st.success(f"{len(uploaded)} {t('rows read')}: {', '.join(uploaded.columns.drop('place'))}")
            except uploads.UploadError as exc:
                st.error(str(exc))

    proxy_frame = clusters.proxy_values(data["cities"], data["facts"], data["illustrative"], data["wipo"], uploaded)
    catalogue = data["proxies"].set_index("proxy")
    upload_proxies = [c for c in proxy_frame.columns if c.startswith("upload:")]


    def proxy_label(proxy: str) -> str:
        if proxy in catalogue.index:
            row = catalogue.loc[proxy]
            return f"{row.label} [{row.unit}]" + (" — ILLUSTRATIVE" if row.illustrative else "")
        return f"{proxy} (user-supplied)"


    by_label = {proxy_label(p): p for p in list(catalogue.index) + upload_proxies}


    defaults = {"density": "cbre_band_min", "crossover": "illustrative_crossover", "connectivity": "wipo_2025_score",
                "speed": "illustrative_speed"}
    choice: dict[str, str] = {}
    for col, (component, label) in zip(st.columns(4), clusters.COMPONENTS.items()):
        options = [proxy_label(p) for p in catalogue.index[catalogue.component == component].tolist() + upload_proxies]
        picked_label = col.selectbox(label, options, index=options.index(proxy_label(defaults[component])),
                                     key=f"proxy_{component}", bind="query-params")
        choice[component] = by_label[picked_label]
    return figures, proxy_frame, choice


@shell.fragment
def composite_section(data: dict, shown: pd.DataFrame, figures: str, proxy_frame: pd.DataFrame,
                      choice: dict[str, str]) -> None:
    """Weights, form and the composite; a fragment, so moving a weight reruns only this part (not the world map)."""
    catalogue = data["proxies"].set_index("proxy")
    weights: dict[str, float] = {}
    # Rows as horizontal containers, not columns: one block each instead of four, fewer to redraw per move.
    sliders = st.container(horizontal=True, gap="medium")
    for component, label in clusters.COMPONENTS.items():
        weights[component] = sliders.slider(f"{t('Weight')}: {label}", 0, 100, 25, step=5, key=f"w_{component}",
                                            bind="query-params",
                                            help=f"{t('Weight of')} {label} (normalised with the others)")
    options = st.container(horizontal=True, gap="large")
    form = options.radio(t("Form"), ["multiplicative", "additive"], key="form", bind="query-params", horizontal=True,
                         help="multiplicative = seed 003's product (weighted geometric mean); additive = weighted sum")
    method = "geometric" if form == "multiplicative" else "additive"
    missing = options.radio(t("Missing component"), ["exclude", "neutral"], key="gaps", bind="query-params",
                            horizontal=True, help="exclude: drop a place lacking a weighted component; neutral: set the "
                            "gap to the average (geometric mean) and flag it")
    top = options.slider(t("Top k for stability"), 3, 10, 5, key="top", bind="query-params")

    illustrative_used = [c for c in clusters.COMPONENTS if weights[c] > 0 and choice[c] in catalogue.index
                         and bool(catalogue.loc[choice[c], "illustrative"])]
    user_used = [c for c in clusters.COMPONENTS if weights[c] > 0 and choice[c].startswith("upload:")]
    ranking = pd.DataFrame()
    try:
        key = (figures, tuple(choice.items()), tuple(shown.place))
        components = component_values(key, proxy_frame, tuple(choice.items()), tuple(shown.place))
        result, stability = composite(key, components, tuple(weights.items()), method, missing, top)
    except clusters.CompositeError as exc:
        st.warning(f"{t('The composite cannot be computed')}: {exc}")
    else:
        if illustrative_used:
            st.warning(f"**{t('Illustrative')}**: {', '.join(illustrative_used)} "
                       f"{t('use values set by the app authors to demonstrate the method, not measurements.')}")
        if user_used:
            st.info(f"{t('User-supplied figures used for')}: {', '.join(user_used)}")
        ranking = result.table
        leaders = ranking[ranking["rank"] <= top]
        st.markdown(f"**{t('Top')} {top}:** " + " › ".join(f"{r.place} ({r.rank})" for r in leaders.itertuples())
                    + f"  \n**{t('Ranking')}** · {t('weights')}: "
                    + ", ".join(f"{c} {w:.2f}" for c, w in result.weights.items())
                    + (f" · {t('ILLUSTRATIVE components')}: {', '.join(illustrative_used)}" if illustrative_used else ""))
        pair = st.container(horizontal=True, gap="medium")
        illustrative = bool(illustrative_used)
        pair.vega_lite_chart(attach(composite_template(illustrative=illustrative, method=method),
                                             {charts.COMPOSITE_ROWS: charts.composite_rows(ranking)}), key="composite")
        pair.vega_lite_chart(attach(stability_template(spread=0.2, illustrative=illustrative),
                                             {charts.STABILITY_ROWS: charts.stability_rows(stability, top)}),
                             key="stability")
        if result.excluded:
            st.caption(f"{t('Excluded (a weighted component is missing)')}: {', '.join(result.excluded)}")
        st.dataframe(ranking, hide_index=True, key="ranking_table",
                     column_config={"score": st.column_config.NumberColumn(format="%.3f")})


composite_section(data, shown, *proxy_choices(data))  # (figures, proxy_frame, choice)
# The same for every weight, so drawn by the page rather than re-sent with each move of a weight.
shell.how_to_read(
    "Rank 1 is the highest composite. Scores of the multiplicative form are relative to an average place (1.0). "
    "Lighter bars had a component set to the neutral value. The stability chart re-ranks on a fixed grid of "
    "weights, each within ±20 % of yours (5 levels per component), and shows how often each place stays in the "
    "top k.", f"{SOURCE_LINE}; illustrative values: data/global/composite_illustrative.csv")

# --- China link ------------------------------------------------------------------------------------------
st.subheader(t("Link to China"))
china_places = link[link.place.isin(shown.place)]
if china_places.empty:
    st.info(t("No Chinese city or cluster matches the filters."))
else:
    year = int(china_places.year.iloc[0])
    display = china_places.copy()
    if shell.lang() == "zh":
        display["province"] = display.province.map(shell.province_names()).fillna(display.province)
    shell.altair(charts.china_bars, display, year=year, key="china_bars")
    st.dataframe(display, hide_index=True)
    shell.how_to_read(
        "For China's cities and clusters, the agglomeration index of their provinces (location quotient of "
        "industrial-digitalization practitioners, eq. 9; 1 = national parity). Hong Kong and Macao are not in "
        "Table 1.", "Liu (2026), WJARR 30(01), Table 1")
    st.page_link("pages/map.py", label=t("Open the agglomeration map"), icon=":material/map:")

# --- sources ----------------------------------------------------------------------------------------------
with st.expander(t("Sources and report dates"), expanded=False):
    st.dataframe(data["reports"], hide_index=True)
    st.caption(GEONAMES_CREDIT + " Full provenance per column: data/SOURCES.md, section global/.")

st.divider()
on_screen = shown.drop(columns=["lon", "lat"])
shell.download_view(on_screen, map_chart, "global_talent_clusters", key="global")
st.caption(t("CSV: the places shown under the current filters; PNG/SVG: the world map."))
shell.url_notice()
