"""Agglomeration map (/map): where industrial-digitalization talents cluster, year by year.

The page gathers the controls, calls ``core`` (agglomeration, classes, geo,
spatial, charts.map) through cached wrappers defined here, and draws.  The map
receives every year at once; its own slider (a Vega-Lite selection) changes the
year in the browser without a round trip to the server, and its *Play* checkbox
steps through the years there too (a Vega-Lite timer).  That slider is the one
year control: the chart reports its year back (``on_select``), and the page keeps
it in the link (``?year=2017``) and uses it for the downloads.  The spatial
statistics have their own ``stats_year`` (``?stats_year=2017``, default the
latest year).

Speed: the map with its controls, downloads and group lines is one
``st.fragment`` and the spatial statistics another, so moving a map control or
the statistics' year reruns only that section; the data source (which changes
everything) and the paper's tables stay outside.
"""

from __future__ import annotations

import streamlit as st

from ui.loading import first_paint_pause, loading_placeholder

# The first element, before the heavy imports below (ui.loading says why); cleared once the page starts drawing.
loading = loading_placeholder()

import dataclasses  # noqa: E402
import hashlib  # noqa: E402
from typing import Any  # noqa: E402

import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402

import pages as shell  # noqa: E402
from pages import coded  # noqa: E402
from core import agglomeration, datasets  # noqa: E402
from core.errors import CoreError, Message  # noqa: E402
from core.charts import attach  # noqa: E402

# Old links named the map's parameters without the page's prefix (before every key was made unique).
RENAMED = {old: f"map_{old}" for old in ("source", "classes", "k", "fixed", "palette", "group_by", "group_mode",
                                          "groups_region", "groups_cluster", "stats_year")}
shell.page_shell("Agglomeration map", ":material/map:", renamed=RENAMED)
loading.empty()
t = shell.t

# Option labels double as URL values (Streamlit binds the formatted label), so they stay short, English
# and stable across interface languages: ?source=IO+tables&classes=Quantiles&year=2017
SOURCE_LABELS = {"published": "Published", "io": "IO tables", "scenario": "Scenario"}
CLASS_LABELS = {
    "fisher_jenks": "Fisher-Jenks",
    "quantiles": "Quantiles",
    "equal_interval": "Equal interval",
    "meaning": "Parity (1, 1.5)",
    "continuous": "Continuous",
}
GROUP_LABELS = {"none": "None", "region": "Region", "cluster": "Cluster"}
PALETTE_LABELS = {"sequential": "Sequential", "diverging": "Diverging"}
GROUP_MODE_LABELS = {"outline": "Outline", "filter": "Filter"}
# The words shown for each option (translated on screen); the link carries the code, and the labels above
# (what older links carry, ?map_source=IO+tables) are read as aliases.
SOURCE_WORDS = {"published": "Published index (Table 1)", "io": "Computed from the IO tables",
                "scenario": "Scenario from the regression page"}
CLASS_WORDS = {"fisher_jenks": "Fisher-Jenks natural breaks", "quantiles": "Quantiles (equal counts)",
               "equal_interval": "Equal intervals", "meaning": "Parity bands (1, 1.5)",
               "continuous": "Continuous colour scale"}
GROUP_WORDS = {"none": "No groups", "region": "Region (east, central, west)", "cluster": "The paper's four clusters"}
PALETTE_WORDS = {"sequential": "Sequential (light to dark)", "diverging": "Diverging (around parity 1)"}
GROUP_MODE_WORDS = {"outline": "Outline the groups", "filter": "Show only the groups"}
SIMPLIFY_DEG, DECIMALS = 0.03, 2
# Presenter mode on a 1920x1080 projector: the chart's width (px, the legend to the right of the shapes) and the
# width the shapes themselves are drawn (px). The height follows from the shapes' aspect under the map's
# projection (about 1.12 wide for 1 tall), plus the title block above them (about 105 px in presenter type).
PRESENTER_MAP_WIDTH, PRESENTER_DRAWN_WIDTH, PRESENTER_TITLE_PX = 1300, 1040, 110
PUBLISHED_NOTE = "Liu (2026), WJARR 30(01), Table 1"


# --- cached wrappers (page boundary) -----------------------------------------------------------

@st.cache_resource(show_spinner=False)
def map_features() -> list[dict[str, Any]]:
    """Province polygons, simplified (0.03°) and rounded (0.01°) so the map spec stays small."""
    from core import geo

    # prepared at build time (scripts/build_map_geometry.py); computed here only if the stamp does not match
    return geo.light_features(datasets.GEO_DIR / "china_provinces.geojson", SIMPLIFY_DEG, DECIMALS,
                              datasets.GEO_DIR / "china_provinces_map.geojson", load=datasets.load_china_provinces)


@st.cache_resource(show_spinner=False)
def presenter_map_height() -> int:
    """The map's height in presenter mode: the shapes drawn PRESENTER_DRAWN_WIDTH px wide (height-limited otherwise)."""
    from core.charts import map as map_charts

    return map_charts.height_for_width(map_features(), PRESENTER_DRAWN_WIDTH, PRESENTER_TITLE_PX)


@st.cache_resource(show_spinner=False)
def province_weights():
    from core import spatial

    return spatial.contiguity_weights(datasets.load_china_provinces(), datasets.paper_provinces())


IO_NOTE = "2011–2019 (2012 and 2017 benchmark tables, other years RAS-updated); later years have no data."


@st.cache_data(show_spinner=t("Computing the index from the IO tables (a few seconds the first time)…"))
def io_index() -> tuple[pd.DataFrame | None, str]:
    """The index computed by core from the IO tables for every year it can, or (None, why not)."""
    from core import digitalization

    computed = digitalization.index_by_year(datasets.PAPER_YEARS)
    if computed.frame.empty:
        reasons = " | ".join(f"{year}: {why[:90]}" for year, why in computed.skipped.items())
        return None, "No year could be computed: " + reasons
    note = "Years without data: " + ", ".join(str(y) for y in computed.skipped) if computed.skipped else ""
    return computed.frame, note


@st.cache_data(show_spinner=False)
def scenario_from_link(params: tuple[tuple[str, str], ...]) -> tuple[pd.DataFrame | None, str]:
    """Rebuild a regression scenario from the link's ``scenario*`` parameters (core.scenario)."""
    from core import scenario

    try:
        spec = scenario.from_query(dict(params))
        if spec is None:
            return None, ""
        return scenario.recompute(spec), ""
    except CoreError as exc:
        return None, Message("The scenario in the link could not be rebuilt: {reason}", reason=exc.message)


# The index behind every section is keyed by ``key`` (the source, or a scenario's digest) rather than by hashing
# the frame on every call: a leading underscore keeps ``_frame`` out of the cache key.

def frame_key(source: str, frame: pd.DataFrame) -> str:
    """What identifies the index shown: a bundled source by name, a scenario by a digest of its rows."""
    if source != "scenario":
        return source
    digest = hashlib.sha256(pd.util.hash_pandas_object(frame, index=False).to_numpy().tobytes()).hexdigest()
    return f"scenario:{digest}"


@st.cache_data(show_spinner=False, max_entries=16)
def rankings(key: str, _frame: pd.DataFrame) -> pd.DataFrame:
    return agglomeration.rankings_all_years(_frame)


@st.cache_resource(show_spinner=False, max_entries=32)
def map_frame(key: str, _frame: pd.DataFrame, settings: tuple[tuple[str, Any], ...],
              labels: tuple[tuple[str, str], ...]) -> dict[str, Any]:
    """The map's spec without its rows (shapes, encodings, the in-map controls), shared and never modified.

    ``settings`` are the options that shape the spec (not the classes, their number, the palette); a spec
    is about 115 KB, so handing out the same object saves a copy per rerun (``st.cache_resource``).
    """
    from core.charts import map as map_charts

    from core.i18n import translate

    options = map_charts.MapOptions(**dict(settings), labels=dict(labels))
    # Groups are named in the session's language on the map (outline legend, tooltip) and in its filter.
    named = shell.regions()
    if options.group_by:
        named = named.assign(**{options.group_by: named[options.group_by].map(
            lambda g: translate(g, options.lang) if g else g)})
        options = dataclasses.replace(options, groups=tuple(translate(g, options.lang) for g in options.groups))
    values = _frame["idt"].to_numpy(dtype=float)
    domain = (float(np.nanmin(values)), float(np.nanmax(values)))
    # written out as a dict (choropleth_dict, tested equal to Altair's): the map is sent before Altair is imported
    return map_charts.choropleth_spec(map_charts.map_shapes(map_features(), named, options.group_by),
                                      options, domain=domain)


@st.cache_data(show_spinner=False, max_entries=64)
def map_rows(key: str, _frame: pd.DataFrame, years: tuple[int, ...], method: str, k: int, fixed_scale: bool,
             palette: str, _extra: pd.DataFrame | None = None, lang: str = "en") -> shell.ChartRows:
    """The map's rows (values, colours, legend) for these classes: what a classes, number or palette move changes.

    ``_extra`` (a scenario's ``baseline`` and ``scenario_change`` by province and year) is part of ``key``."""
    from core.charts import map as map_charts

    options = map_charts.MapOptions(year=years[-1], years=years, method=method, k=k, fixed_scale=fixed_scale,
                                    palette=palette)  # type: ignore[arg-type]
    ranking = rankings(key, _frame)
    if _extra is not None:
        ranking = ranking.merge(_extra, on=["province", "year"], how="left")
    values = map_charts.map_values(ranking, options)
    legend = values.legend
    if lang != "en":  # the classes' words (the parity classes) in the session's language; bounds stay numbers
        from core.i18n import translate

        sep = map_charts.KEY_SEPARATOR
        legend = legend.assign(cls=[f"{c.split(sep, 1)[0]}{sep}{translate(c.split(sep, 1)[1], lang)}"
                                    for c in legend.cls])
    return shell.ChartRows.of({map_charts.VALUES: values.rows, map_charts.LEGEND: legend})


@st.cache_data(show_spinner=False, max_entries=16)
def moran_by_year(key: str, _frame: pd.DataFrame, years: tuple[int, ...]) -> pd.DataFrame:
    from core import spatial

    return spatial.morans_i_by_year(_frame[_frame.year.isin(years)], province_weights())


@st.cache_data(show_spinner=False, max_entries=64)
def lisa_rows(key: str, _frame: pd.DataFrame, year: int, lang: str = "en") -> shell.ChartRows:
    """The LISA map's rows (cluster, pseudo p-value, local I) of one year, clusters named in ``lang``."""
    from core.i18n import translate
    from core import spatial
    from core.charts import map as map_charts

    values = _frame[_frame.year == year].set_index("province")["idt"]
    clusters = spatial.lisa(values, province_weights()).table
    rows = map_charts.lisa_rows(clusters, year)
    rows["cluster"] = rows.cluster.map(lambda c: translate(c, lang))
    return shell.ChartRows.of({map_charts.LISA_VALUES: rows})


@st.cache_data(show_spinner=False, max_entries=16)
def complete_years(key: str, _frame: pd.DataFrame, ids: tuple[str, ...]) -> list[int]:
    """The years with a value for every province of the weights (core.spatial.complete_years)."""
    from core import spatial

    return spatial.complete_years(_frame, ids)


@st.cache_data(show_spinner=False, max_entries=64)
def moran_stats(key: str, _frame: pd.DataFrame, year: int) -> dict[str, Any]:
    """Global Moran's I of one year (core.spatial.morans_i), as plain numbers."""
    from core import spatial

    result = spatial.morans_i(_frame[_frame.year == year].set_index("province")["idt"], province_weights())
    return {"I": float(result.I), "p_sim": float(result.p_sim), "permutations": int(result.permutations),
            "expected": float(result.expected), "z_sim": float(result.z_sim), "seed": result.seed}


@st.cache_resource(show_spinner=False, max_entries=16)
def lisa_frame(source_label: str, labels: tuple[tuple[str, str], ...]) -> dict[str, Any]:
    """The LISA map's spec without its rows (shared and never modified, like :func:`map_frame`)."""
    from core.charts import map as map_charts

    return map_charts.lisa_map_frame(map_features(), source_label=source_label, labels=dict(labels))


@st.cache_data(show_spinner=False, max_entries=16)
def group_means(key: str, _frame: pd.DataFrame, by: str) -> pd.DataFrame:
    return agglomeration.group_means(_frame, shell.regions(), by=by)


@st.cache_data(show_spinner=False, max_entries=16)
def national_mean(key: str, _frame: pd.DataFrame) -> pd.DataFrame:
    return agglomeration.national_mean(_frame)


# --- inputs -------------------------------------------------------------------------------------

st.title(t("Agglomeration map"))
shell.explain(t(
    "Where do **industrial-digitalization talents** concentrate? Each province is coloured by the "
    "agglomeration index of the chosen year: a location quotient, so **1 is national parity** and 2 means "
    "the province's share of these workers is twice its share of all employed persons. Use the *Year* slider "
    "under the map to move through the years, or tick *▶ Play* to step through them (one every 0.9 s, looping); "
    "both work in your browser, without waiting for the server."
))

io_ok, io_note = True, t(IO_NOTE)


def valid_scenario(candidate: Any) -> tuple[pd.DataFrame | None, str]:
    """The rows of a scenario the map can draw (a province, a year and a finite index each), or None and why not.

    A projection can arrive empty (a sample that ends before the year projected, a failed fit, a link whose
    source has no such rows), so it is checked here before any year is read from it.
    """
    if not isinstance(candidate, pd.DataFrame) or not {"province", "year", "idt"} <= set(candidate.columns):
        return None, t("the scenario sent has no province, year and index columns.")
    rows = candidate.assign(year=pd.to_numeric(candidate["year"], errors="coerce"),
                            idt=pd.to_numeric(candidate["idt"], errors="coerce"))
    rows = rows[np.isfinite(rows["year"].to_numpy(dtype=float)) & np.isfinite(rows["idt"].to_numpy(dtype=float))]
    if rows.empty:
        return None, t("the scenario sent has no projected values (the model's sample or the year projected left "
                       "no rows): change them on the regression page and send it again.")
    return rows.astype({"year": int}).reset_index(drop=True), ""


session_scenario = st.session_state.get("scenario_index")
link_params = tuple((k, str(v)) for k, v in st.query_params.to_dict().items() if k.startswith("scenario"))
scenario_frame: pd.DataFrame | None = None
scenario_note = ""
if isinstance(session_scenario, pd.DataFrame):
    scenario_frame, scenario_note = valid_scenario(session_scenario)
elif any(k == "scenario" for k, _ in link_params):
    scenario_frame, scenario_note = scenario_from_link(link_params)
    scenario_note = shell.said(scenario_note)
    if scenario_frame is not None:
        scenario_frame, scenario_note = valid_scenario(scenario_frame)
else:
    scenario_note = t("no scenario was sent: set one on the regression page and send it to the map.")
spill_frame, spill_note = None, ""
if "spill" in st.query_params:  # a spatial spillover scenario from the regression page (its spill_* parameters)
    from pages.sections import spatial as spill

    spill_frame, spill_note = spill.for_map()
    scenario_frame, scenario_note = valid_scenario(spill.map_values(spill_frame)) if spill_frame is not None \
        else (None, spill_note)

captions = [
    t("Table 1 as printed in the paper (default)."),
    (t("Computed by core (eq. 4–9), ") + io_note) if io_ok else t("Unavailable: ") + io_note,
    (t("Sent from the regression page.") if scenario_frame is not None else t("Unavailable: ") + scenario_note),
]
# The source changes every section below, so it stays outside the fragments (a full rerun).
map_slot = st.container()  # the map comes first on the page; its controls are drawn below it
source = coded.radio(t("Data source"), list(SOURCE_LABELS), words=SOURCE_WORDS, horizontal=True, key="map_source",
                     aliases=lambda code: [SOURCE_LABELS[code]],
                     help="\n\n".join(f"**{t(SOURCE_WORDS[s])}**: {c}" for s, c in zip(SOURCE_LABELS, captions)))
unavailable = [t(SOURCE_WORDS[s]) for s, ok in zip(SOURCE_LABELS, (True, io_ok, scenario_frame is not None)) if not ok]
if unavailable:
    st.caption(t("Not available now") + ": " + ", ".join(unavailable) + " " + t("(see ?)"))

synthetic = False
source_label = t(PUBLISHED_NOTE)
frame = shell.table1()
shown_source = "published"  # the source whose index is drawn (a source without data falls back to Table 1)
if source == "io":
    io_frame, why = io_index() if io_ok else (None, io_note)
    if io_frame is None:
        st.warning(t("The index computed from the IO tables is not available; showing the published Table 1.")
                   + f" ({why})")
    else:
        frame, shown_source = io_frame, "io"
        source_label = t("computed by core from the IO tables (eq. 4–9; employment approximated)")
elif source == "scenario":
    if scenario_frame is None:
        st.warning(t("No scenario was sent from the regression page; showing the published Table 1.")
                   + (f" ({scenario_note})" if scenario_note else ""))
    else:
        frame, shown_source = scenario_frame, "scenario"
        label_col = scenario_frame["label"] if "label" in scenario_frame.columns else None
        source_label = t(str(label_col.iloc[0])) if label_col is not None and len(label_col) else \
            t("scenario projection from the regression page (model estimate, not observed)")
        synthetic = True
        if isinstance(session_scenario, pd.DataFrame) and "scenario" not in st.query_params and spill_frame is None:
            shell.not_in_link(t("the scenario itself (it was sent in this session only): send it to the map again "
                                "from the regression page, then share"))
# A scenario's baseline (the index without the lever changes) and its change vs that baseline, when it has them.
extra: pd.DataFrame | None = None
if shown_source == "scenario" and "baseline" in frame.columns:
    extra = frame[["province", "year"]].assign(
        baseline=pd.to_numeric(frame["baseline"], errors="coerce"),
        scenario_change=pd.to_numeric(frame["change"], errors="coerce") if "change" in frame.columns
        else pd.to_numeric(frame["idt"], errors="coerce") - pd.to_numeric(frame["baseline"], errors="coerce"))
frame = frame[["province", "year", "idt"]].astype({"year": int, "idt": float}).reset_index(drop=True)
key = frame_key(shown_source, frame if extra is None else frame.merge(extra, on=["province", "year"], how="left"))
years = sorted(int(y) for y in frame.year.unique())
labels = {text: t(text) for text in ("Year", "Play", "Province", "Agglomeration index", "Rank that year", "Group", "Source",
                                     f"Change since {years[0]}", "Scale fixed across years",
                                     "Scale recomputed for each year", "ILLUSTRATIVE SCENARIO, not observed data",
                                     "LISA cluster", "LISA clusters", "Local Moran's I", "Pseudo p-value",
                                     "Mean index of the group", "All provinces", "Permutation test",
                                     "Global Moran's I by year", "no data", "Baseline (no change)",
                                     "Change vs baseline", "Provinces", "Name (English)", "Name (Chinese)", "Moran's I",
                                     "High-High", "Low-Low", "High-Low", "Low-High", "Not significant",
                                     "dashed: E[I] = -1/(n-1)", "dashed: mean of all provinces; dotted: parity 1")}
labels[f"Change since {years[0]}"] = t("Change since {year}").format(year=years[0])
if spill_frame is not None and shown_source == "scenario":  # coloured by the change, not the level
    labels["Agglomeration index"] = t(spill.MAP_VALUE_LABEL)


# --- the year on screen ------------------------------------------------------------------------------
# The map's own slider (in the browser) is the one year control. Its moves reach the page as the chart's
# selection; the year is kept in ?year= (default: the latest year, left out of the link).

MAP_CHART = "map_chart"


def shown_year(years: list[int]) -> int:
    """The year the map shows: the in-map slider's, else the link's ``?year=``, else the latest; kept in the URL."""
    from core.charts import map as map_charts

    state = st.session_state.get(MAP_CHART)
    selection = state.get("selection") if hasattr(state, "get") else None
    year = (map_charts.year_from_selection(selection, years)
            or map_charts.year_from_link(st.query_params.get("year"), years) or years[-1])
    if year == years[-1]:
        st.query_params.pop("year", None)  # an invalid ?year= also leaves the link, and url_notice names it
    else:
        st.query_params["year"] = str(year)
    return year


def opening_year(settings: dict[str, Any], year: int) -> int:
    """The year written into the map spec: the year shown when a setting of the spec last changed.

    Writing the current year instead would change the spec on every move of the in-map slider, and
    the browser would rebuild the map (and its slider, mid-drag) after each one.  ``settings`` are the
    ones the spec holds; the classes, their number and the palette are rows and leave the spec alone.
    """
    remembered = st.session_state.get("_map_opening")
    key = tuple(settings.items())
    if not remembered or remembered[0] != key:
        st.session_state["_map_opening"] = (key, year)
        return year
    return remembered[1]


# --- the map, its controls, downloads and group lines: one fragment --------------------------------
# Moving the year, the classes or any other map control reruns only this function (st.fragment), so the
# browser redraws these elements and not the tables of the paper below.

@shell.fragment
def map_section(key: str, frame: pd.DataFrame, years: list[int], source_label: str, synthetic: bool,
                labels: dict[str, str], groups: tuple[str, str, tuple[str, ...]],
                extra: pd.DataFrame | None = None) -> None:
    """The class controls, the map and its downloads: a move of a class control reruns only this.

    ``groups`` is (group_by, group_mode, chosen groups), chosen above the fragment: they change the map's spec
    and the group lines below it, so they rerun the page.  What stays the same from move to move (the
    explanations, the group lines) is drawn outside, so a move re-sends fewer elements.
    """
    from core.charts import map as map_charts

    group_by, group_mode, chosen_groups = groups
    year = shown_year(years)
    chart_slot = st.container()  # the map above its controls
    controls = st.columns([1.3, 1.2, 1.6])  # aligned with the group controls below
    with controls[0]:
        method = coded.selectbox(t("Classes"), list(CLASS_LABELS), words=CLASS_WORDS, key="map_classes",
                                 aliases=lambda code: [CLASS_LABELS[code]])
        k = st.slider(t("Number of classes"), 3, 7, 5, key="map_k", bind="query-params",
                      disabled=method in ("meaning", "continuous"))
    with controls[1]:
        fixed = st.toggle(t("Same scale for all years"), value=True, key="map_fixed", bind="query-params",
                          help=t("On: a colour means the same value in every year. Off: the scale is recomputed "
                                 "for each year (compares provinces within a year only)."))
        palette = coded.radio(t("Colours"), ["sequential", "diverging"], key="map_palette", words=PALETTE_WORDS,
                              aliases=lambda code: [PALETTE_LABELS[code]], horizontal=True,
                           help=t("Diverging: blue below national parity (1), red above."))

    # What the spec holds (a change re-embeds the map) apart from what its rows hold (classes, their number,
    # the palette: a change swaps the rows of the drawn map in place).
    settings = dict(
        years=tuple(years), method="continuous" if method == "continuous" else "classes",
        fixed_scale=bool(fixed) or method == "meaning",  # the meaning classes are the same in every year
        palette=palette if method == "continuous" else "sequential",
        group_by=None if group_by == "none" else group_by, group_mode=group_mode, groups=tuple(chosen_groups),
        source_label=source_label, synthetic=synthetic, lang=shell.lang(),
        height=presenter_map_height() if shell.presenting() else 520, scenario_change=extra is not None,
        legend_orient="right" if shell.presenting() else "bottom-left",
    )
    try:
        frame_spec = map_frame(key, frame, tuple(settings.items()) + (("year", opening_year(settings, year)),),
                               tuple(labels.items()))
        rows = map_rows(key, frame, tuple(years), method, int(k), bool(fixed), palette, extra, shell.lang())
    except ValueError as exc:  # e.g. ClassificationError: too few distinct values for the classes asked
        st.error(f"{t('The map could not be drawn with these settings')}: {shell.said(exc)}")
        return
    # The in-map slider's moves come back as a selection (fragment rerun): the spec is unchanged, so the
    # browser keeps its view, and only the link and the downloads below follow the year.
    # In presenter mode as wide as the map's shapes plus the legend beside them, so the legend sits by the map.
    shell.chart(frame_spec, rows=rows, container=chart_slot, key=MAP_CHART,
                width="content" if shell.presenting() else "stretch", presenter_width=PRESENTER_MAP_WIDTH,
                on_select="rerun", selection_mode=[map_charts.YEAR])
    first_paint_pause()  # the map paints before the sections below arrive (ui.loading says why)
    # The downloads: the rows of the year on screen, and the spec drawn, opened on that year (one export path:
    # same spec, same rows, same year as the screen), both saying their source, year and assumptions.
    classes_note = (f"{t('Classes')}: {t(CLASS_WORDS[method])}" + (f", {int(k)}" if method not in ("meaning", "continuous")
                                                                  else ""))
    scale_note = t("Scale fixed across years") if settings["fixed_scale"] else t("Scale recomputed for each year")
    visible = rankings(key, frame)
    visible = visible[visible.year == year]
    if extra is not None:
        visible = visible.merge(extra, on=["province", "year"], how="left")
    visible = visible.merge(shell.regions()[["province", "province_zh", "region", "cluster"]], on="province",
                            how="left").assign(source=source_label, classes=classes_note, scale=scale_note,
                                               observed="no: model projection" if synthetic else "yes")
    visible = visible.rename(columns={"change": f"change_since_{years[0]}"}) if len(years) > 1 else \
        visible.drop(columns=["change"])
    notes = [classes_note] + ([t("One year: the model's projection for this year only")] if len(years) == 1 else [])
    records_spec = attach(frame_spec, rows.records)
    shell.download_view(visible.fillna(""), lambda: map_charts.at_year(records_spec, year, notes),
                        f"agglomeration_map_{year}", key="map")


def group_lines_section(key: str, frame: pd.DataFrame, source_label: str, labels: dict[str, str],
                        groups: tuple[str, str, tuple[str, ...]]) -> None:
    """Each group's mean index over time; it follows the group controls above the map."""
    from core.charts import map as map_charts

    group_by, _, chosen_groups = groups
    st.markdown(f"### {t('Regional groups over time')}")
    by = "cluster" if group_by == "cluster" else "region"
    means = group_means(key, frame, by)
    means = means.assign(group=means.group.map(t))
    if chosen_groups and group_by != "none":
        means = means[means.group.isin([t(g) for g in chosen_groups])]
    if means.empty:
        st.info(t("No province of the chosen groups has data for this source."))
        return
    if means.year.nunique() < 2:  # one year (a scenario): a table of that year, not lines of single points
        year = int(means.year.iloc[0])
        st.caption(t("This source covers one year, so there are no lines over time: each group's mean index in ")
                   + f"{year}.")
        table = means.rename(columns={"group": t("Group"), "mean_idt": t("Mean index of the group"),
                                      "provinces": t("Provinces")}).drop(columns=["year"], errors="ignore")
        st.dataframe(table, hide_index=True, column_config={t("Mean index of the group"):
                                                            st.column_config.NumberColumn(format="%.3f")})
        return
    shell.chart(map_charts.group_lines, means, national_mean(key, frame), source_label=source_label,
                 title=t("Mean index by group"), labels=labels, width="stretch")
    shell.how_to_read(t("Each line is the unweighted mean of the index over the group's provinces in that year "
                        "(the paper's four clusters: Jing-Jin-Ji, Yangtze River Delta, Pearl River Delta, Cheng-Yu)."),
                      f"{source_label}; {t('groups')}: data/regions.csv.")


# --- spatial autocorrelation: its own fragment with its own year -----------------------------------

@shell.fragment
def spatial_section(key: str, frame: pd.DataFrame, years: list[int], source_label: str, labels: dict[str, str]) -> None:
    """Moran's I, the LISA map and Moran's I by year, for the statistics' own year (a move reruns only this)."""
    from core.charts import map as map_charts

    weights = province_weights()
    complete = complete_years(key, frame, tuple(weights.ids))
    if not complete:
        year = years[-1]
        st.info(t("Spatial statistics need a value for all 30 provinces in the chosen year; this source has ")
                + f"{int((frame.year == year).sum())}.")
        return
    if len(complete) > 1:
        year = st.select_slider(t("Year for the statistics"), options=complete, value=complete[-1],
                                key="map_stats_year", bind="query-params",
                                help=t("The year of Moran's I and of the LISA map (the map above has its own year)."))
    else:
        year = complete[0]
    stats = moran_stats(key, frame, year)
    row = st.container(horizontal=True, gap="large")  # one block, not four columns: fewer to redraw per move
    row.metric(f"{t('Global Moran’s I')}, {year}", f"{stats['I']:.3f}")
    row.metric(t("Permutation p-value"), f"{stats['p_sim']:.3f}", f"{stats['permutations']} {t('permutations')}",
               delta_color="off")
    row.metric(t("Expected under no clustering"), f"{stats['expected']:.3f}")
    row.metric(t("z (permutation)"), f"{stats['z_sim']:.2f}")
    left, right = st.columns(2)
    # The spec stays the same from year to year (the year is in the rows), so the browser updates both charts
    # in place instead of rebuilding them.
    shell.chart(lisa_frame(source_label, tuple(labels.items())), rows=lisa_rows(key, frame, year, shell.lang()),
                width="stretch", container=left)
    if len(complete) < 2:  # one point is not a line over years: say why there is none
        right.caption(t("Moran's I by year needs more than one year with all 30 provinces; this source has ")
                      + f"{year} " + t("only."))
        return
    shell.chart(map_charts.moran_line, moran_by_year(key, frame, tuple(complete)), year=year,
                 source_label=source_label, labels=labels, width="stretch", container=right)


def spatial_reading(source_label: str) -> None:
    """How to read the statistics (the same for every year, so drawn outside their fragment)."""
    from core import spatial

    shell.how_to_read(
        t("Moran's I > 0 means provinces resemble their neighbours (clustering); the p-value compares it with "
          "{permutations} random reshufflings of the values over the map (seed {seed}, so the number is "
          "reproducible). The LISA map marks provinces whose local statistic is significant at 5 % (no correction "
          "for multiple tests): High-High = a high province among high neighbours, Low-Low likewise, High-Low and "
          "Low-High are outliers. Neighbours: {neighbours}.").format(
            permutations=spatial.DEFAULT_PERMUTATIONS, seed=spatial.DEFAULT_SEED,
            neighbours=t(province_weights().method)),
        f"{source_label}; esda / libpysal (PySAL).",
    )


# The group controls change the map's spec and the group lines, so they rerun the page (outside the fragment).
group_cols = st.columns([1.3, 1.2, 1.6])
group_by = coded.selectbox(
    t("Regional groups"), list(GROUP_LABELS), words=GROUP_WORDS, key="map_group_by", container=group_cols[0],
    aliases=lambda code: [GROUP_LABELS[code]],
    help=t("Region: east / central / west. Cluster: the paper's four urban clusters."))
group_options = sorted(g for g in shell.regions()[group_by].unique() if g) if group_by != "none" else []
group_mode = coded.radio(t("Show groups as"), ["outline", "filter"], key="map_group_mode", words=GROUP_MODE_WORDS,
                         container=group_cols[1], aliases=lambda code: [GROUP_MODE_LABELS[code]], horizontal=True,
                         disabled=group_by == "none")
chosen_groups = coded.multiselect(t("Groups"), group_options, key=f"map_groups_{group_by}", words={g: g for g in group_options},
                                  default=[], container=group_cols[2], disabled=group_by == "none",
                                  placeholder=t("All groups")) if group_by != "none" else []
groups = (group_by, group_mode, tuple(chosen_groups))

# While the in-map Play box is ticked the title steps through the years and the slider cannot follow (a
# Vega-Lite input is moved only by the visitor), so it is hidden rather than left reading another year; unticking
# Play brings it back, and the map returns to its year.
st.html("<style>.vega-bindings:has(input[type=checkbox]:checked) .vega-bind:has(input[type=range])"
        " { visibility: hidden; }</style>")
with map_slot:
    map_section(key, frame, years, source_label, synthetic, labels, groups, extra)
if spill_frame is not None and shown_source == "scenario":
    spill.map_caption(spill_frame)
if synthetic:
    st.warning(t("Illustrative scenario: a model projection, not observed data."))
    if len(years) == 1:
        # Decision: the map shows the scenario's one year and says so, rather than splicing
        # observed years before it (which would mix an observed index with a model's fitted one on one scale).
        st.caption(t("What this view is: the model's projection for ") + f"{years[0]} "
                   + t("only (a scenario covers the year projected). Compare with the observed index: Data source → "
                       "Published."))
    if extra is not None:
        change_table = frame.merge(extra, on=["province", "year"], how="left").sort_values(
            "scenario_change", ascending=False)
        if shell.lang() == "zh":
            change_table["province"] = change_table.province.map(shell.province_names())
        st.dataframe(change_table, hide_index=True, width="stretch", column_config={
            "province": t("Province"), "year": st.column_config.NumberColumn(t("Year"), format="%d"),
            "idt": st.column_config.NumberColumn(t("Projected index"), format="%.3f"),
            "baseline": st.column_config.NumberColumn(t("Baseline (no change)"), format="%.3f"),
            "scenario_change": st.column_config.NumberColumn(t("Change vs baseline"), format="%+.3f")})
shell.how_to_read(t(
    "Darker blue = higher index (diverging: red above parity 1, blue below). The legend gives each class's "
    "bounds in index units; with *Same scale for all years* on, a colour means the same value in every year, so "
    "colour changes are real changes. Hover a province for its English and Chinese name, value, rank that year "
    "and change since the first year. The slider under the map changes the year in your browser (the link and "
    "the downloads follow it) and *▶ Play* steps through the years (untick it to return to the slider's "
    "year). Grey: no data (Tibet is not in "
    "the paper's 30 provinces; Taiwan, Hong Kong and Macao are outside it)."),
    f"{source_label}; {t('classes')}: mapclassify; "
    + t("boundaries are illustrative: Natural Earth (public domain), generalized by QGIS, simplified for the web."),
)
all_years = rankings(key, frame).rename(columns={"change": f"change_since_{years[0]}"}) if len(years) > 1 else \
    rankings(key, frame).drop(columns=["change"])
if extra is not None:
    all_years = all_years.merge(extra, on=["province", "year"], how="left")
shell.csv_button(all_years.merge(shell.regions()[["province", "province_zh", "region", "cluster"]], on="province",
                                 how="left").assign(source=source_label,
                                                    observed="no: model projection" if synthetic else "yes").fillna(""),
                 "agglomeration_index_all_years", key="map_csv_all", label="Download CSV (all years)")
group_lines_section(key, frame, source_label, labels, groups)

st.markdown(f"### {t('Do high values sit next to high values?')}")
spatial_section(key, frame, years, source_label, labels)
spatial_reading(source_label)

# --- the paper's tables ------------------------------------------------------------------------------

st.subheader(t("Ranking: the paper's Table 2, reproduced from Table 1"))
published = shell.table1()
regions = shell.regions()
table2 = agglomeration.table2_with_trend(published, shell.table2())
if shell.lang() == "zh":
    table2["province"] = table2.province.map(regions.set_index("province")["province_zh"])
st.dataframe(
    table2, hide_index=True, width="stretch",
    column_config={
        "rank": st.column_config.NumberColumn(t("Rank"), format="%d"),
        "province": t("Province"),
        "mean_idt": st.column_config.NumberColumn(t("Mean 2011–2023 (computed)"), format="%.3f"),
        "trend": st.column_config.LineChartColumn(t("Index 2011–2023"), y_min=0.0, y_max=3.0),
        "published_rank": st.column_config.NumberColumn(t("Published rank"), format="%d"),
        "published_mean": st.column_config.NumberColumn(t("Published mean"), format="%.2f"),
        "mean_minus_published": st.column_config.NumberColumn(t("Computed − published"), format="%+.3f"),
    },
)
st.caption(t("All 30 ranks match the paper. The means are of the rounded Table 1 cells; the paper averaged unrounded "
             "values, so Anhui (0.926 here, 0.92 printed) and Shanghai (1.575 here, 1.57 printed) round differently "
             "— a difference of about 0.005, not an error in either."))

st.subheader(t("Descriptive statistics: Table 4's index row"))
stats = agglomeration.describe(published)
table4 = shell.table4().set_index("symbol").loc["idt"]
st.dataframe(pd.DataFrame({
    "": [t("Computed from Table 1"), t("Published Table 4")],
    "N": [stats.n, int(table4["n"])],
    t("Mean"): [round(stats.mean, 3), table4["mean"]], t("SD"): [round(stats.sd, 3), table4["sd"]],
    t("Minimum"): [stats.min, table4["min"]], t("Maximum"): [stats.max, table4["max"]],
}), hide_index=True)
st.caption(t("Min and max differ in the third decimal because Table 4 was computed from unrounded values "
             "(0.359 and 2.692) and Table 1 prints two decimals (0.36 and 2.69)."))
shell.url_notice()
