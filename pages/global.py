"""Global talent clusters (/global): world map, tiers, side-by-side comparison, composite index.

Reads widgets, calls ``core.clusters`` (pure) through the cached wrappers below, and
draws with ``core.charts.global_``.  Every assumption widget is in the URL: options are
stable English codes (``pages.coded``), the screen shows words in the session's language.
"""

from __future__ import annotations

import streamlit as st

from ui.loading import first_paint_pause, loading_placeholder

# The first element, before the heavy imports below (ui.loading says why); cleared once the page starts drawing.
loading = loading_placeholder()

import hashlib  # noqa: E402

import pandas as pd  # noqa: E402

import pages as shell  # noqa: E402
from core import clusters, uploads  # noqa: E402
from core.charts import records  # noqa: E402
from core.charts import global_ as charts  # noqa: E402
from core.datasets import DataSchemaError  # noqa: E402
from pages import coded  # noqa: E402

shell.page_shell("Global talent clusters", ":material/public:")
loading.empty()
t = shell.t

GEONAMES_CREDIT = "City coordinates: GeoNames (geonames.org), CC BY 4.0. Country shapes: Natural Earth (public domain)."
# Works cited by author, title and year.
CBRE_WORK = "CBRE, Global Tech Talent Guidebook 2025 (22 Apr 2025), as summarised by Ba Jiu Ling (2025)"
WIPO_WORK = "WIPO, Global Innovation Index 2025 (Sept 2025) and 2024"
LINKEDIN_WORK = ("LinkedIn China and Tsinghua SEM CIDG, Innovative Cities and City Clusters in the Era of Digital "
                 "Economy: A Talent Perspective (10 Nov 2019)")
PAPER_WORK = "Liu (2026), WJARR 30(01), Table 1"


def source_line() -> str:
    return "; ".join(t(w) for w in (CBRE_WORK, WIPO_WORK, LINKEDIN_WORK))


COMPONENT_WORDS = {"density": "Talent density", "crossover": "Talent-structure crossover",
                   "connectivity": "Ecosystem connectivity", "speed": "Productization speed"}
PROXY_WORDS = {"cbre_band_min": "CBRE band lower bound (persons)",
               "linkedin_skill_group": "LinkedIn–Tsinghua skill group (ordinal score)",
               "illustrative_crossover": "Illustrative crossover index (0-1)",
               "wipo_2025_score": "WIPO 2025 rank score",
               "illustrative_speed": "Illustrative speed index (0-1)"}
FORM_WORDS = {"multiplicative": "Multiplicative (weighted geometric mean)", "additive": "Additive (weighted sum)"}
GAP_WORDS = {"exclude": "Leave the place out", "neutral": "Set the gap to the average",
             "reweight": "Re-normalise the weights over the components a place has"}
COLOUR_WORDS = {"tier": "Tier", "region": "Region"}
KIND_SUFFIX = {" (WIPO cluster)": "WIPO cluster", " (LinkedIn cluster)": "LinkedIn cluster"}
STATEMENT_WORDS = {
    "cities_100k_world": "Cities above 100,000 tech workers, world",
    "cities_500k_world": "Cities above 500,000 tech workers, world",
    "cities_500k_asia": "Cities above 500,000 tech workers, Asia-Pacific",
}


def component_words(component: str) -> str:
    return t(COMPONENT_WORDS.get(component, component))


def place_words(place: str) -> str:
    """A place's name as shown: proper names stay, the kind of cluster is said in the session's language."""
    for suffix, kind in KIND_SUFFIX.items():
        if place.endswith(suffix):
            return f"{t(place.removesuffix(suffix))} ({t(kind)})"
    return t(place)


def statement_words(code: str) -> str:
    if code in STATEMENT_WORDS:
        return t(STATEMENT_WORDS[code])
    # cities_100k_<group>: "Cities above 100,000 tech workers, <group>"
    parts = code.split("_", 2)
    if len(parts) == 3 and parts[0] == "cities":
        threshold = {"100k": "100,000", "300k": "300,000", "500k": "500,000"}.get(parts[1], parts[1])
        return t("Cities above {n} tech workers, {group}").format(n=threshold, group=t(parts[2].replace("_", " ")))
    return t(code)


# --- cached wrappers around core (keyed by their arguments) ------------------------------------

# The bundled tables are resources, not data: st.cache_data would unpickle a copy of each on every rerun (about
# 10 ms here).  The page only reads them (filters, assign and set_index make new frames); a test reruns the page
# after other views and finds the same screen.

@st.cache_resource(show_spinner=False)
def first_view() -> dict[str, pd.DataFrame]:
    """What the filters and the world map need (the first view): the places and the LinkedIn facts."""
    cities = clusters.load_cities()
    facts = clusters.load_linkedin_facts()
    wipo = clusters.wipo_ranks(shell.wipo_clusters())
    return {"cities": cities, "facts": facts, "wipo": wipo,
            "places": clusters.places(cities, shell.tech_cities(), facts, wipo)}


@st.cache_resource(show_spinner=False)
def below_the_map() -> dict[str, object]:
    """The tables of the sections below the world map, loaded once the map is drawn, and what follows from them
    alone (the statement checks, the China link, the markets of the 48): computed once, not hashed per rerun."""
    first = first_view()
    statements, links = clusters.load_statements(), clusters.load_china_links()
    return {"statements": statements, "links": links,
            "reports": clusters.load_reports(), "proxies": clusters.load_proxies(),
            "illustrative": clusters.load_illustrative_values(),
            "wipo_counts": clusters.wipo_country_counts(shell.wipo_aggregates()),
            "world_shares": clusters.world_shares(clusters.load_wipo_extra_facts()),
            "cluster_facts": clusters.load_cluster_facts(),
            "checks": clusters.check_statements(first["cities"], statements),
            "china": clusters.china_link(first["places"], links, shell.table1()),
            "markets_48": tuple(clusters.in_48(first["cities"]).market)}


def bundled(loader) -> dict[str, pd.DataFrame]:
    """A loader's tables, or a clear message (and the page stops) if a bundled table cannot be read."""
    try:
        return loader()
    except DataSchemaError as exc:
        st.error(f"{t('The bundled global tables could not be read')}: {shell.said(exc)}")
        st.stop()


@st.cache_resource(show_spinner=False, max_entries=16)
def proxy_figures(figures: str, _uploaded: pd.DataFrame | None) -> pd.DataFrame:
    """Every proxy's values (the bundled ones, or with an upload's, ``figures`` naming which): the same for every
    weight, so computed once per upload rather than on every rerun."""
    data = {**first_view(), **below_the_map()}
    return clusters.proxy_values(data["cities"], data["facts"], data["illustrative"], data["wipo"], _uploaded)


@st.cache_resource(show_spinner=False, max_entries=256)
def shown_places(regions: tuple[str, ...], tiers: tuple[str, ...], sources: tuple[str, ...]) -> pd.DataFrame:
    return clusters.filter_places(first_view()["places"], regions=regions, tiers=tiers, sources=sources)


@st.cache_resource(show_spinner=False, max_entries=256)
def city_counts(regions: tuple[str, ...], tiers: tuple[str, ...],
                sources: tuple[str, ...]) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The listed cities of the 48 shown under these filters, by region and by country."""
    cities = first_view()["cities"]
    shown = shown_places(regions, tiers, sources)
    cities_shown = cities[cities.market.isin(shown.place) & cities.region.isin(regions)]
    return clusters.counts_by(cities_shown, "region"), clusters.counts_by(cities_shown, "country")


@st.cache_resource(show_spinner=False, max_entries=256)
def count_charts(regions: tuple[str, ...], tiers: tuple[str, ...], sources: tuple[str, ...],
                 lang: str) -> tuple[tuple[dict, shell.ChartRows], tuple[dict, shell.ChartRows]] | None:
    """The two count charts under these filters (``None`` if no CBRE city is shown), in the words of ``lang``."""
    by_region, by_country = city_counts(regions, tiers, sources)
    if by_region.empty:
        return None
    stated = sources_view(lang)["stated"]
    return (drawn(charts.count_bars, by_region, "region", stated["region"], title=t("CBRE cities above 100,000 by region"),
                  lang=lang),
            drawn(charts.count_bars, by_country, "country", stated["country"],
                  title=t("CBRE cities above 100,000 by country"), lang=lang))


@st.cache_resource(show_spinner=False, max_entries=256)
def comparison(picked: tuple[str, ...]) -> pd.DataFrame:
    return clusters.compare(first_view()["places"], picked, below_the_map()["china"])


# The composite is keyed by ``key`` (the proxy figures, the proxy chosen per component and the places shown)
# instead of hashing the frames on every move of a weight: a leading underscore keeps them out of the key. The
# component values are a read-only resource (st.cache_data would unpickle a copy of them on every move).

@st.cache_resource(show_spinner=False, max_entries=64)
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


# The spinner of a cached call a control repeats is the cache's, shown on a miss only (ui.loading says why).
@st.cache_resource(show_spinner=t("Ranking the places on the composite…"), max_entries=256)
def composite_view(key: tuple, _components: pd.DataFrame, weights: tuple[tuple[str, float], ...], method: str,
                   missing: str, top: int, lang: str) -> dict[str, object]:
    """The composite and its stability with what the section draws of them in the words of ``lang``: the places
    named, both charts' rows (as Arrow, converted once) and the ranking table's rows.  A weight moved back to a
    value it had draws from here."""
    result, stability = composite(key, _components, weights, method, missing, top)
    ranking = result.table
    ranking_named = ranking.assign(label=ranking.place.map(place_words))
    stability_named = stability.assign(label=stability.place.map(place_words))
    active = [c for c, w in result.weights.items() if w > 0]
    gaps = _components.loc[list(result.excluded), active].isna().to_numpy()
    left_out = [f"{place_words(p)} ({t('no')} {', '.join(component_words(c) for c, gap in zip(active, row) if gap)})"
                for p, row in zip(result.excluded, gaps)]
    return {"result": result, "ranking_named": ranking_named, "left_out": left_out,
            "composite_rows": shell.ChartRows.of({charts.COMPOSITE_ROWS: charts.composite_rows(
                ranking_named, missing=missing, lang=lang, label="label")}),
            "stability_rows": shell.ChartRows.of({charts.STABILITY_ROWS: charts.stability_rows(
                stability_named, top, label="label")}),
            "ranking_rows": ranking.assign(place=ranking.place.map(place_words),
                                           imputed=[dash(", ".join(component_words(c) for c in v.split(", "))
                                                         if v else "") for v in ranking.imputed])}


# The two charts are templates whose rows a weight (or k) changes, so the browser swaps the bars in place.
composite_template = st.cache_data(show_spinner=False, max_entries=16)(charts.composite_template)
stability_template = st.cache_data(show_spinner=False, max_entries=16)(charts.stability_template)


@st.cache_data(show_spinner=False)
def read_upload(content: bytes, name: str, known: tuple[str, ...]) -> pd.DataFrame:
    return clusters.validate_uploaded_figures(uploads.read_table(content, name), known)


def map_layers(regions: tuple[str, ...], tiers: tuple[str, ...], sources: tuple[str, ...]):
    """Bubbles, WIPO triangles and corridor arcs for these filters."""
    data = first_view()
    shown = shown_places(regions, tiers, sources)
    city_rows = shown[(shown.kind == clusters.KIND_CITY) & shown.band_low.notna()]
    bubbles = city_rows.dropna(subset=["lon", "lat"]) if "CBRE" in sources else city_rows.iloc[0:0]
    wipo_rows = shown[shown.kind == clusters.KIND_WIPO].dropna(subset=["lon", "lat"])
    linked = set(shown.linkedin) - {""}
    corridors = [f for f in clusters.corridor_lines(data["facts"], data["places"])
                 if "LinkedIn" in sources and {f["properties"]["from"], f["properties"]["to"]} <= linked]
    return bubbles, wipo_rows, corridors


# The countries' coordinates rounded to 0.01 degree (read from the file prepared at build time): shared, read only.
world_countries = st.cache_resource(show_spinner=False)(clusters.world_map_countries)


# A resource, not data: st.cache_data would hand each rerun a copy of the map, unpickling its 177 country shapes
# (the page only reads it: shell.chart and the export build new dicts around it).
@st.cache_resource(show_spinner=t("Drawing the world map…"), max_entries=256)
def map_spec(regions: tuple[str, ...], tiers: tuple[str, ...], sources: tuple[str, ...], colour_by: str,
             lang: str) -> tuple[dict, shell.ChartRows]:
    """The world map for these filters: the spec without its rows, and the rows as Arrow bytes (drawn as they are,
    where Streamlit would convert the records on every rerun) and as records (the export)."""
    from streamlit import dataframe_util  # the conversion st.vega_lite_chart applies to a spec's rows

    bubbles, wipo_rows, corridors = map_layers(regions, tiers, sources)
    wipo_rows = wipo_rows.assign(place=wipo_rows.place.map(place_words))
    spec = charts.world_map_spec(world_countries(), bubbles, wipo_rows, corridors,
                                 colour_by=colour_by, lang=lang, title=t("World tech-talent cities and innovation clusters"))
    rows = spec.pop("datasets", {})
    return spec, shell.ChartRows({name: dataframe_util.convert_anything_to_arrow_bytes(values)
                                  for name, values in rows.items()}, rows)


# Tables as words with units, "—" for a missing value: ui.tables (shared with the other pages).
words_table, table = shell.words_table, shell.table


WORKS_BY_FILE = {"seed 000": "LinkedIn China and Tsinghua SEM CIDG (2019)", "seed 001": "Liu (2026)",
                 "seed 003": "Ba Jiu Ling (2025)"}


def cite(text: str) -> str:
    """A bundled table's text with its references to source files replaced by author and year."""
    for name, work in WORKS_BY_FILE.items():
        text = text.replace(name, work)
    return text


def dash(value: object) -> str:
    """A table cell: the value, or a dash where there is none (never None or nan)."""
    return "—" if value is None or (isinstance(value, float) and pd.isna(value)) or value == "" else str(value)


def drawn(builder, *args, **kwargs) -> tuple[dict, shell.ChartRows]:
    """What ``shell.chart`` makes of a builder's chart: the spec (datasets named by position, converted under
    Streamlit's Altair lock) without its rows, and the rows as Arrow (drawn) and as records (export).  Kept in the
    cached views below, so a rerun neither hashes the chart's frames nor unpickles the spec and its rows."""
    from streamlit import dataframe_util  # the conversion st.vega_lite_chart applies to a spec's rows

    from ui.charts import altair_dict

    spec = dict(altair_dict(builder(*args, **kwargs)))
    rows = spec.pop("datasets", {})
    return spec, shell.ChartRows({name: dataframe_util.convert_anything_to_arrow_bytes(values)
                                  for name, values in rows.items()}, rows)


# --- the tables in words: what a language (and the filters) make of the bundled tables -------------------------
# The same on every rerun of a view, and two dozen column translations (Series.map building Arrow strings) were a
# fifth of a rerun's script time; shared and read only, as the tables above.

@st.cache_resource(show_spinner=False, max_entries=8)
def sources_view(lang: str) -> dict[str, pd.DataFrame]:
    """The sections' tables that no filter changes, in the words of ``lang``."""
    data = below_the_map()
    shares = data["world_shares"]
    world_shares = shares.assign(output_words=shares.output.map(lambda o: t(clusters.WORLD_SHARES[o])),
                                 cluster=shares.cluster.map(t))
    said_rows, _ = words_table(world_shares.assign(edition=world_shares.edition.astype(str),
                                                   confidence=world_shares.confidence.map(t)),
                               {"cluster": ("WIPO cluster", None), "output_words": ("Output", None),
                                "share_percent": ("Share of the world total (%)", "%.1f"),
                                "edition": ("GII edition", None), "confidence": ("Confidence", None)})
    checks, reports = data["checks"], data["reports"]
    wipo_counts = data["wipo_counts"].assign(edition=data["wipo_counts"].edition.astype(str))
    stated = data["statements"][data["statements"].band_min_persons == 100_000]
    return {"world_shares": world_shares, "shares_chart": drawn(charts.world_share_bars, world_shares, lang=lang),
            "wipo_chart": drawn(charts.wipo_country_bars, wipo_counts, lang=lang),
            "stated": {scope: stated[stated.scope == scope][["group", "count"]].rename(columns={"count": "stated"})
                       for scope in ("region", "country")},
            "said_rows": said_rows.assign(**{t("Sources"): t("As reported by Yicai Global (2 Sep 2025) from the "
                                                             "WIPO release")}),
            "checks": checks.assign(statement=checks.statement.map(statement_words), scope=checks.scope.map(t),
                                    status=checks.status.map(t), confidence=checks.confidence.map(t)),
            "reports": reports.assign(licence=reports.licence.map(t), report=reports.report.map(cite),
                                      publisher=reports.publisher.map(cite))}


@st.cache_resource(show_spinner=False, max_entries=256)
def places_view(regions: tuple[str, ...], tiers: tuple[str, ...], sources: tuple[str, ...],
                lang: str) -> dict[str, object]:
    """The places shown under these filters as the closing table (with its sources, for the CSV), and their
    Chinese places with the provinces' index, for the chart and with a note for the table (``None`` if there is
    none), in the words of ``lang``."""
    shown = shown_places(regions, tiers, sources)
    on_screen, _ = words_table(
        shown.assign(place=shown.place.map(place_words), kind=shown.kind.map(t), region=shown.region.map(t),
                     tier=shown.tier.map(t), skill_group=shown.skill_group.map(lambda v: t(v) if v else "—"),
                     confidence=shown.confidence.map(t), band_text=shown.band_text.map(dash),
                     wipo_cluster=shown.wipo_cluster.map(dash), linkedin=shown.linkedin.map(dash)),
        {"place": ("Place", None), "kind": ("Kind", None), "country": ("Country", None), "region": ("Region", None),
         "members": ("Members", None), "band_low": ("CBRE band, lower bound (persons)", "%d"),
         "band_high": ("CBRE band, upper bound (persons)", "%d"),
         "band_text": ("CBRE band (tech workers, 2023)", None), "tier": ("Tier", None),
         "wipo_cluster": ("WIPO cluster", None), "rank_2024": ("WIPO rank 2024", "%d"),
         "rank_2025": ("WIPO rank 2025", "%d"), "linkedin": ("LinkedIn–Tsinghua unit", None),
         "skill_group": ("LinkedIn skill group", None), "confidence": ("Confidence", None)})
    link = below_the_map()["china"]
    china_places = link[link.place.isin(shown.place)]
    display = None
    if not china_places.empty:
        display = china_places.assign(province=china_places.province.map(shell.province_names()).fillna(
            china_places.province.map(t)), place=china_places.place.map(place_words), kind=china_places.kind.map(t))
    chart = None if display is None else drawn(charts.china_bars, display, year=int(display.year.iloc[0]), lang=lang)
    return {"on_screen": on_screen.assign(**{t("Sources"): source_line()}), "china": display, "china_chart": chart,
            "china_rows": None if display is None else display.assign(
                note=[t("Not in Table 1") if pd.isna(v) else "" for v in display.idt_latest])}


@st.cache_resource(show_spinner=False, max_entries=256)
def comparison_view(picked: tuple[str, ...], lang: str) -> tuple[pd.DataFrame, tuple[dict, shell.ChartRows]]:
    """The side-by-side table of these places and the chart of their bands, in the words of ``lang``."""
    names = shell.province_names()
    cells = comparison(picked).set_index("attribute")
    translated = cells.apply(lambda column: [
        t(v) if a in ("Kind", "Region", "Tier", "LinkedIn skill group", "Confidence", "CBRE class 2025",
                      "LinkedIn–Tsinghua unit") else
        "; ".join(f"{names.get(p.rsplit(' ', 1)[0], p.rsplit(' ', 1)[0])} {p.rsplit(' ', 1)[1]}"
                  if " " in p else p for p in v.split("; ")) if a.startswith("China: provinces") else
        "; ".join(f"{w.split(' ', 1)[0]} {t(w.split(' ', 1)[1])}" if w.startswith("#") else w
                  for w in v.split("; ")) if a == "LinkedIn migration corridors" else
        v.replace("(sum of member bands)", t("(sum of member bands)")) for a, v in zip(cells.index, column)])
    translated.index = [t(a) for a in cells.index]
    translated.columns = [place_words(p) for p in translated.columns]
    band_rows = first_view()["places"].set_index("place").loc[list(picked)].reset_index()
    bands = drawn(charts.band_ranges, band_rows.assign(label=band_rows.place.map(place_words)), lang=lang,
                  label="label", title=t("CBRE 2025 tech-talent bands (persons, 2023)"))
    return translated.rename_axis(t("Attribute")).reset_index(), bands


with st.spinner(t("Loading the bundled global tables…")):
    data = bundled(first_view)

places = data["places"]

st.title(t("Global talent clusters"))
shell.explain(t(
    "Where do China's digital-talent clusters stand among the world's tech-talent cities? Three public sources, "
    "each with its own unit: **CBRE** counts tech workers per market in **bands** (2023), **WIPO** ranks innovation "
    "clusters by patents, papers and (from 2025) venture-capital deals, and the **LinkedIn–Tsinghua** report (2019) "
    "describes talent flows and skills in categories only. Bands stay ranges here; no point inside a band is invented."))

# --- filters ---------------------------------------------------------------------------------------
region_options = [r for r in clusters.REGIONS if r in set(places.region)]
tier_options = [tier for tier in (*clusters.TIERS[:4], clusters.SPANS, clusters.NOT_KNOWN) if tier in set(places.tier)]
tier_options = list(dict.fromkeys(tier_options))
with st.container(border=True):
    cols = st.columns([3, 3, 2, 1.4])
    regions = coded.multiselect(t("Region"), region_options, key="glob_region", words=lambda r: t(r),
                                default=region_options, container=cols[0])
    tiers = coded.multiselect(t("Tier"), tier_options, key="glob_tier", words=lambda r: t(r), default=tier_options,
                              container=cols[1])
    sources = coded.multiselect(t("Source"), list(clusters.SOURCES), key="glob_source", words=lambda s: s,
                                default=list(clusters.SOURCES), container=cols[2])
    colour_by = coded.radio(t("Colour by"), list(COLOUR_WORDS), key="glob_colour", words=COLOUR_WORDS,
                            container=cols[3])

shown = shown_places(tuple(regions), tuple(tiers), tuple(sources))

# --- world map ----------------------------------------------------------------------------------------
st.subheader(t("World map"))
if shown.empty:
    st.info(t("No place matches the filters: choose at least one region, tier and source."))
    map_chart = None
else:
    filters = (tuple(regions), tuple(tiers), tuple(sources), colour_by)
    spec, map_rows = map_spec(*filters, shell.lang())
    map_chart = shell.chart(spec, rows=map_rows, key="glob_world_map")  # the spec with its rows, for the export
    undrawn = shown[shown.lon.isna()].place.tolist()
    if undrawn:
        st.caption(f"{t('Not drawn (no bundled coordinates)')}: {', '.join(place_words(p) for p in undrawn)}")
    st.caption(t(GEONAMES_CREDIT))
    shell.how_to_read(t(
        "Each CBRE market is a **range**: the filled circle's area is the band's lower bound, the ring's area its "
        "upper bound; a circle without a ring is open-ended (e.g. 500k+). Grey circles are cities known to be among "
        "the 48 whose band is not published in the bundled copy (\"100k+\"). Triangles are WIPO clusters (centre of "
        "their member cities). Red arcs are the LinkedIn–Tsinghua migration corridors (great circles; thicker = more "
        "frequent; the three Chinese pairs share second place)."), f"{source_line()}. {t(GEONAMES_CREDIT)}")

first_paint_pause()  # the world map paints before the sections below arrive (ui.loading says why)

# --- what the sources say --------------------------------------------------------------------------------
data = {**data, **bundled(below_the_map)}  # after the map: the first view does not wait for these
st.subheader(t("What the sources say"))
facts = data["facts"]
coverage = facts[facts.fact == "coverage"].set_index("subject")["order"]
attractive = facts[facts.fact == "attractive_city"].sort_values("order").subject.tolist()
cluster_facts = data["cluster_facts"].set_index("metric")
said = st.container(horizontal=True, gap="medium")
said.metric(t("Cities the LinkedIn–Tsinghua report covers"), f"{int(coverage.get('cities', 0))}",
            t("and {n} city clusters (2019)").format(n=int(coverage.get("city clusters", 0))),
            delta_color="off", delta_arrow="off")
said.metric(t("Most attractive city for digital talent"), t(attractive[0]) if attractive else "—",
            t("first of five: {cities}").format(cities=", ".join(t(c) for c in attractive)),
            delta_color="off", delta_arrow="off")
patents = cluster_facts.loc["invention_patents_granted"]
pct = cluster_facts.loc["pct_applications"]
said.metric(t("Invention patents granted, Shenzhen–Hong Kong–Guangzhou, 2024"), f"{patents.value:,.0f}",
            t("{share} % of China's total").format(share=f"{patents.share_of_china_percent:.1f}"),
            delta_color="off", delta_arrow="off")
said.metric(t("PCT applications, Shenzhen–Hong Kong–Guangzhou, 2024"), f"{pct.value:,.0f}",
            t("{share} % of China's total").format(share=f"{pct.share_of_china_percent:.1f}"),
            delta_color="off", delta_arrow="off")
st.caption(f"{t('Sources')}: {t(LINKEDIN_WORK)}; {t(CBRE_WORK)} ({t('patent figures, medium confidence')}).")
in_words = sources_view(shell.lang())
world_shares = in_words["world_shares"]
shell.chart(in_words["shares_chart"][0], rows=in_words["shares_chart"][1], key="glob_world_shares", width="stretch")
shell.download_view(in_words["said_rows"],
                    lambda lang=shell.lang(): charts.world_share_bars(world_shares, lang=lang), "wipo_2025_world_shares",
                    key="glob_dl_shares")

# --- side by side --------------------------------------------------------------------------------------
st.subheader(t("Side by side"))
choices = places.place.tolist()
default_pick = [p for p in ("Beijing", "Shanghai", "S.F. Bay Area") if p in choices]
picked = coded.multiselect(t("Compare 2–4 cities or clusters"), choices, key="glob_compare", words=place_words,
                           default=default_pick, max_selections=4)
if len(picked) < 2:
    st.info(t("Choose at least two places to compare."))
else:
    comparison_table, (bands, band_rows) = comparison_view(tuple(picked), shell.lang())
    st.dataframe(comparison_table, hide_index=True)
    st.caption(f"⚠ {t(clusters.WIPO_METHOD_NOTE)}")
    shell.chart(bands, rows=band_rows, key="glob_band_ranges", width="stretch")
    shell.how_to_read(t(
        "A cluster's band is the **sum of its members' bands** (500k+ plus 300k–500k is 800k+); a member whose CBRE "
        "status is unknown makes the sum open-ended. The tick marks the lower bound; dashed bars are open-ended."),
        source_line())
    shell.csv_button(comparison_table.assign(**{t("Sources"): source_line()}), "global_comparison",
                     key="glob_dl_compare", label="Download CSV: the comparison")

# --- counts -------------------------------------------------------------------------------------------
st.subheader(t("Counts by region and country"))
cols = st.columns(2)
counted = count_charts(tuple(regions), tuple(tiers), tuple(sources), shell.lang())
if counted is None:
    cols[0].info(t("No CBRE city matches the filters."))
else:
    (region_spec, region_rows), (country_spec, country_rows) = counted
    shell.chart(region_spec, rows=region_rows, key="glob_by_region", container=cols[0], width="stretch")
    shell.chart(country_spec, rows=country_rows, key="glob_by_country", container=cols[1], width="stretch")
shell.how_to_read(t("Bars count the cities of CBRE's 48 listed in the bundled data; black ticks are the counts "
                    "the article on CBRE's 2025 guide states. A bar shorter than its tick means the bundled list is "
                    "incomplete (about 27 cities of 100k–200k are missing), never that the statement is wrong."),
                  source_line())
table(in_words["checks"], {"statement": ("Statement", None), "scope": ("Scope", None),
                     "threshold_persons": ("Threshold (tech workers, persons)", "%d"),
                     "stated": ("Stated count", "%d"), "listed": ("Listed in the bundled data", "%d"),
                     "status": ("Check", None), "cities_listed": ("Cities listed", None),
                     "confidence": ("Confidence", None)})
shell.chart(in_words["wipo_chart"][0], rows=in_words["wipo_chart"][1], key="glob_wipo_counts", width="stretch")
shell.how_to_read(t("Clusters per economy among WIPO's top 100 (China 24, US 22, Germany 7, India 4, UK 4 in 2025)."),
                  t(WIPO_WORK))

# --- composite index -------------------------------------------------------------------------------------
st.subheader(t("Talent-density composite"))
shell.explain(t(
    "The article on CBRE's 2025 guide (Ba Jiu Ling, 2025) proposes judging a tech hub by **talent density × structure "
    "crossover × ecosystem connectivity × productization speed**. Choose a proxy and a weight for each component; "
    "weights are normalised to sum to 1. The multiplicative form is a weighted geometric mean (each component "
    "divided by its geometric mean, so units do not matter); the additive form sums min-max-scaled components."))


def proxy_choices(data: dict) -> tuple[str, pd.DataFrame, dict[str, str]]:
    """The upload of held figures and the proxy per component: rarely changed, so they rerun the whole page.

    Returns what identifies the proxy figures (the bundled ones, or the upload's digest), the figures, and the
    proxy chosen per component.
    """
    uploaded = None
    figures = "bundled"
    with st.expander(t("Upload figures you hold (e.g. LinkedIn–Tsinghua)")):
        st.markdown(t("A CSV or XLSX with a `place` column (market names as in the comparison list) and one or more "
                      "numeric columns. Each numeric column becomes a proxy named `upload:<column>`, labelled "
                      "user-supplied. Nothing is stored."))
        file = st.file_uploader(t("Figures file"), type=["csv", "xlsx"], key="glob_upload_figures")
        if file is not None:
            try:
                uploaded = read_upload(file.getvalue(), file.name, data["markets_48"])
                figures = f"upload:{hashlib.sha256(file.getvalue()).hexdigest()}"
                st.success(f"{len(uploaded)} {t('rows read')}: {', '.join(uploaded.columns.drop('place'))}")
            except uploads.UploadError as exc:
                detail = f": {shell.said(exc)}"
                st.error(f"{t('The figures file cannot be used')}{detail}")

    proxy_frame = proxy_figures(figures, uploaded)
    catalogue = data["proxies"].set_index("proxy")
    upload_proxies = [c for c in proxy_frame.columns if c.startswith("upload:")]

    def proxy_words(proxy: str) -> str:
        if proxy in PROXY_WORDS:
            return t(PROXY_WORDS[proxy])  # "Illustrative" is in the words, and said in full beside the chart
        return f"{proxy.removeprefix('upload:')} ({t('your upload')})"

    defaults = {"density": "cbre_band_min", "crossover": "illustrative_crossover", "connectivity": "wipo_2025_score",
                "speed": "illustrative_speed"}
    choice: dict[str, str] = {}
    for col, component in zip(st.columns(4), clusters.COMPONENTS):
        options = catalogue.index[catalogue.component == component].tolist() + upload_proxies
        choice[component] = coded.selectbox(
            component_words(component), options, key=f"glob_proxy_{component}", words=proxy_words,
            default=defaults[component], container=col,
            aliases=lambda p: [f"{catalogue.loc[p, 'label']} [{catalogue.loc[p, 'unit']}]"] if p in catalogue.index else [],
            help=t("The figure that stands for this component. WIPO rank score = 101 − the cluster's 2025 rank; "
                   "illustrative indices are set by the app authors, not measured."))
    return figures, proxy_frame, choice


def _include_left_out() -> None:
    st.session_state["glob_gaps"] = "reweight"


@shell.fragment
def composite_section(data: dict, shown: pd.DataFrame, figures: str, proxy_frame: pd.DataFrame,
                      choice: dict[str, str]) -> None:
    """Weights, form and the composite; a fragment, so moving a weight reruns only this part (not the world map)."""
    catalogue = data["proxies"].set_index("proxy")
    weights: dict[str, float] = {}
    # Rows as horizontal containers, not columns: one block each instead of four, fewer to redraw per move.
    sliders = st.container(horizontal=True, gap="medium")
    for component in clusters.COMPONENTS:
        weights[component] = sliders.slider(
            f"{t('Weight')}: {component_words(component)}", 0, 100, 25, step=5, key=f"glob_w_{component}",
            bind="query-params",
            help=t("Weight of {component} (normalised with the others)").format(component=component_words(component)))
    options = st.container(horizontal=True, gap="large")
    form = coded.radio(t("Form"), list(FORM_WORDS), key="glob_form", words=FORM_WORDS, container=options,
                       horizontal=True, help=t("Multiplicative: the article's product, as a weighted geometric mean; "
                                               "additive: a weighted sum of min-max scaled components."))
    method = "geometric" if form == "multiplicative" else "additive"
    missing = coded.radio(t("Missing component"), list(GAP_WORDS), key="glob_gaps", words=GAP_WORDS,
                          container=options, horizontal=True,
                          help=t("Leave out: a place lacking a weighted component is not ranked (listed above the "
                                 "chart). Average: the gap is set to the average place's value and flagged. "
                                 "Re-normalise: the place is scored on the components it has, its weights scaled "
                                 "to sum to 1 over them (eq. C3), and flagged."))
    top = options.slider(t("Top k for stability"), 3, 10, 5, key="glob_top", bind="query-params")

    illustrative_used = [c for c in clusters.COMPONENTS if weights[c] > 0 and choice[c] in catalogue.index
                         and bool(catalogue.loc[choice[c], "illustrative"])]
    user_used = [c for c in clusters.COMPONENTS if weights[c] > 0 and choice[c].startswith("upload:")]
    try:
        key = (figures, tuple(choice.items()), tuple(shown.place))
        components = component_values(key, proxy_frame, tuple(choice.items()), tuple(shown.place))
        view = composite_view(key, components, tuple(weights.items()), method, missing, top, shell.lang())
        result = view["result"]
    except clusters.CompositeError as exc:
        detail = f": {shell.said(exc)}"
        st.warning(f"{t('The composite cannot be computed')}{detail}. "
                   f"{t('Give at least one component a weight above zero, or choose another rule for missing components.')}")
        return
    if result.excluded:
        reasons = view["left_out"]
        how = t("To rank them, choose “Re-normalise the weights over the components a place has” under Missing "
                "component: each is then scored on the components it has, and flagged.")
        st.warning(f"**{t('{n} places are left out of the ranking').format(n=len(result.excluded))}** "
                   f"({t('a weighted component has no value for them')}): {'; '.join(reasons)}. {how}",
                   icon=":material/warning:")
        st.button(t("Include them: re-normalise the weights over the components each place has"),
                  key="glob_include_left_out", on_click=_include_left_out, icon=":material/add:")
    if illustrative_used:
        st.warning(f"**{t('Illustrative')}**: {', '.join(component_words(c) for c in illustrative_used)} "
                   f"{t('use values set by the app authors to demonstrate the method, not measurements.')}")
    if user_used:
        st.info(f"{t('User-supplied figures used for')}: {', '.join(component_words(c) for c in user_used)}")
    if missing != "exclude" and (result.table.imputed != "").any():
        flagged = result.table[result.table.imputed != ""]
        st.info(t("{n} places are ranked with a component missing ({rule}): {places}.").format(
            n=len(flagged), rule=t(GAP_WORDS[missing]).lower() if shell.lang() == "en" else t(GAP_WORDS[missing]),
            places=", ".join(place_words(p) for p in flagged.place)))
    ranking = result.table
    leaders = ranking[ranking["rank"] <= top]
    st.markdown(f"**{t('Top')} {top}:** " + " › ".join(f"{place_words(r.place)} ({r.rank})" for r in leaders.itertuples())
                + f"  \n**{t('Ranking')}** · {t('weights')}: "
                + ", ".join(f"{component_words(c)} {w:.2f}" for c, w in result.weights.items())
                + (f" · {t('ILLUSTRATIVE components')}: {', '.join(component_words(c) for c in illustrative_used)}"
                   if illustrative_used else ""))
    pair = st.container(horizontal=True, gap="medium")
    illustrative = bool(illustrative_used)
    lang = shell.lang()
    ranking_named = view["ranking_named"]
    shell.chart(composite_template(illustrative=illustrative, method=method, missing=missing, lang=lang),
                rows=view["composite_rows"], key="glob_composite", width="stretch", container=pair)
    shell.chart(stability_template(spread=0.2, illustrative=illustrative, lang=lang),
                rows=view["stability_rows"], key="glob_stability", width="stretch", container=pair)
    active = [c for c, w in result.weights.items() if w > 0]
    columns = {"rank": ("Rank", "%d"), "place": ("Place", None), "score": ("Composite score", "%.3f"),
               **{c: (f"{COMPONENT_WORDS[c]} (scaled)", "%.3f") for c in active},
               "imputed": ("Components missing", None)}
    shown_ranking = table(view["ranking_rows"], columns, key="glob_ranking_table")
    def export() -> pd.DataFrame:  # the table on screen with the view's settings, built on click
        return shown_ranking.assign(**{
            t("Form"): t(FORM_WORDS[form]), t("Missing component"): t(GAP_WORDS[missing]),
            t("weights"): ", ".join(f"{component_words(c)} {w:.2f}" for c, w in result.weights.items()),
            t("Proxies"): ", ".join(f"{component_words(c)}: {c_p}" for c, c_p in choice.items()),
            t("Left out"): ", ".join(place_words(p) for p in result.excluded) or "—",
            t("Sources"): source_line()})

    def composite_export() -> dict:
        spec = charts.composite_bars(ranking_named, illustrative=illustrative, method=method, missing=missing,
                                     lang=lang)
        spec = {**spec, "datasets": {charts.COMPOSITE_ROWS: records(charts.composite_rows(
            ranking_named, missing=missing, lang=lang, label="label"))}}
        lines = [f"{t('weights')}: " + ", ".join(f"{component_words(c)} {w:.2f}" for c, w in result.weights.items()),
                 f"{t('Missing component')}: {t(GAP_WORDS[missing])}"
                 + (f" · {t('Left out')}: {', '.join(place_words(p) for p in result.excluded)}" if result.excluded else ""),
                 f"{t('Sources')}: {source_line()}"]
        return {**spec, "title": {**spec["title"], "subtitle": [*spec["title"]["subtitle"], *lines]}}

    shell.download_view(export, composite_export, "talent_density_composite", key="glob_dl_composite")


composite_section(data, shown, *proxy_choices(data))  # (figures, proxy_frame, choice)
# The same for every weight, so drawn by the page rather than re-sent with each move of a weight.
shell.how_to_read(t(
    "Rank 1 is the highest composite. Scores of the multiplicative form are relative to an average place (1.0). "
    "Lighter bars had a component missing (set to the average, or left out with the weights re-normalised). The "
    "stability chart re-ranks on a fixed grid of weights, each within ±20 % of yours (5 levels per component), and "
    "shows how often each place stays in the top k."),
    f"{source_line()}; {t('illustrative values set by the app authors (data/global/composite_illustrative.csv)')}")

# --- China link ------------------------------------------------------------------------------------------
st.subheader(t("Link to China"))
view = places_view(tuple(regions), tuple(tiers), tuple(sources), shell.lang())
display = view["china"]
if display is None:
    st.info(t("No Chinese city or cluster matches the filters."))
else:
    year = int(display.year.iloc[0])
    shell.chart(view["china_chart"][0], rows=view["china_chart"][1], key="glob_china_bars", width="stretch")
    china_table = table(view["china_rows"],
                        {"place": ("Place", None), "kind": ("Kind", None), "province": ("Province", None),
                         "idt_latest": (t("Agglomeration index, {year}").format(year=year), "%.2f"),
                         "idt_mean": ("Mean index 2011-2023", "%.2f"), "rank_mean": ("Rank of 30 (mean 2011-2023)", "%d"),
                         "note": ("Note", None)})
    shell.how_to_read(t(
        "For China's cities and clusters, the agglomeration index of their provinces (location quotient of "
        "industrial-digitalization practitioners, eq. 9; 1 = national parity). Hong Kong and Macao are not in "
        "Table 1."), t(PAPER_WORK))
    st.page_link("pages/map.py", label=t("Open the agglomeration map"), icon=":material/map:")

# --- sources ----------------------------------------------------------------------------------------------
with st.expander(t("Sources and report dates"), expanded=False):
    table(in_words["reports"],
          {"report": ("Report", None), "publisher": ("Publisher", None), "published": ("Published", None),
           "licence": ("Licence", None)})
    st.caption(t(GEONAMES_CREDIT) + " " + t("Full provenance per column: data/SOURCES.md, section global/."))

st.divider()
def with_sources(spec: dict | None) -> dict | None:
    """The chart on screen with its sources and filters as the last subtitle lines (what an export carries)."""
    if spec is None:
        return None
    title = dict(spec.get("title") or {}) if isinstance(spec.get("title"), dict) else {"text": spec.get("title", "")}
    subtitle = title.get("subtitle", [])
    subtitle = [subtitle] if isinstance(subtitle, str) else list(subtitle)
    filters = (f"{t('Region')}: {', '.join(t(r) for r in regions)}; {t('Tier')}: {', '.join(t(x) for x in tiers)}; "
               f"{t('Source')}: {', '.join(sources)}")
    return {**spec, "title": {**title, "subtitle": [*subtitle, filters, f"{t('Sources')}: {source_line()}"]}}


shell.download_view(view["on_screen"],
                    (lambda: with_sources(map_chart)) if map_chart is not None else None, "global_talent_clusters",
                    key="glob_dl_map")
st.caption(t("CSV: the places shown under the current filters; PNG/SVG: the world map."))
shell.url_notice()
