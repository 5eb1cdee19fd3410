"""Digitalization scale (/scale): the agglomeration index computed live from the IO tables (eq. 1-9).

The page gathers the assumptions (year, digital sectors, reading of eq. 4,
employment source, base-table rule), calls ``core.digitalization`` through
``st.cache_data`` wrappers defined here, and draws each step beside the
published Table 1.  No arithmetic on data happens here beyond picking columns.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import streamlit as st

import pages as shell
from core import datasets, io_tables
from core import digitalization as dg
from core.charts import scale as charts
from core.charts import stable_spec
from core.uploads import UploadError, read_table

shell.page_shell("Digitalization scale", ":material/account_tree:")
st.title("Digitalization scale and the agglomeration index")

t = shell.t
PAPER = st.cache_data(show_spinner=False)(datasets.paper_provinces)()
YEARS = list(datasets.PAPER_YEARS)
# A widget bound to the URL writes its *displayed* option label into the link, so the labels of bound
# widgets are short, fixed English words (a link copied in either language works in both); the
# translated explanations go into captions.  Province pickers show English names for the same reason.
PRESET_LABELS = {"paper": "Paper (5 core sectors)", "narrow_ict": "Narrow ICT (20 + 32)", "custom": "Custom"}
EMPLOYMENT_LABELS = {"population": "Population approximation", "upload": "Upload"}
SCOPE_LABELS = {"traditional": "Traditional only", "plus_core": "Traditional + core", "core_only": "Core only"}
COEF_LABELS = {"direct": "Direct coefficient", "intermediate_share": "Share of intermediate inputs"}
BASE_LABELS = {"previous": "Previous benchmark", "nearest": "Nearest benchmark", "2012": "2012 table"}
SRC_IO = ("Provincial IO tables 2007/2012/2017, 42 sectors (provincial statistics bureaus via CHNIO); "
          "crosswalk data/io/digital_core_crosswalk.csv")
SRC_TABLE1 = "Liu (2026), WJARR 30(01), Table 1"
SRC_PANEL = "GDP by three sectors and population 2011-2019 (NBS via carbondata)"


# --- cached calls into core (keyed by plain, hashable arguments) ----------------------------

@st.cache_data(show_spinner=False)
def _stacks() -> dict[int, dg.IOStack]:
    return dg.benchmark_stacks(datasets.load_io_tables())


@st.cache_data(show_spinner=False)
def _panel() -> pd.DataFrame:
    return datasets.load_panel()


@st.cache_data(show_spinner=False)
def _concepts() -> pd.DataFrame:
    return dg.concept_table()


@st.cache_data(show_spinner=False)
def _sectors() -> pd.DataFrame:
    return datasets.load_sectors()


@st.cache_data(show_spinner=False)
def _preset(name: str) -> tuple[str, ...]:
    return dg.preset_concepts(name)


@st.cache_data(show_spinner=False)
def _codes(concepts: tuple[str, ...], scheme: int) -> tuple[str, ...]:
    return dg.digital_codes(concepts, scheme)


@st.cache_data(show_spinner=False)
def _control_years() -> list[int]:
    panel = _panel()
    have = panel.groupby("year")["gdp_secondary_100m_yuan"].apply(lambda s: s.notna().any())
    return sorted(set(have[have].index) | {2012, 2017})


@st.cache_data(show_spinner=False)
def _table_for(year: int, base_rule: str) -> dg.IOStack:
    """The benchmark table of ``year`` or the base table RAS-updated to it."""
    stacks = _stacks()
    if year in (2012, 2017):
        return stacks[year]
    base = stacks[dg.base_year_for(year, base_rule)]
    return dg.update_stack(base, year, _panel(), regions=[p for p in PAPER if p in base.regions])


@st.cache_data(show_spinner=False)
def _table_info(year: int, base_rule: str) -> tuple[str, int]:
    """Status and sector-numbering scheme of the table used for ``year`` (without copying its matrices)."""
    stack = _table_for(year, base_rule)
    return stack.status, stack.scheme


def _employment(table: pd.DataFrame | None) -> dg.EmploymentSource:
    return dg.population_employment() if table is None else dg.EmploymentSource("upload", table)


@st.cache_data(show_spinner=False)
def _scale(year: int, concepts: tuple[str, ...], coefficient: str, scope: str, base_rule: str,
           employment: pd.DataFrame | None) -> pd.DataFrame:
    stack = _table_for(year, base_rule)
    provinces = [p for p in PAPER if p in stack.regions]
    emp = _employment(employment).employed(year, provinces, _panel())
    return dg.province_scale(stack, _codes(concepts, stack.scheme), dg.Variant(coefficient, scope), emp)


@st.cache_data(show_spinner=False)
def _sector_detail(year: int, province: str, concepts: tuple[str, ...], coefficient: str, scope: str,
                   base_rule: str) -> pd.DataFrame:
    stack = _table_for(year, base_rule)
    return dg.sector_table(stack, province, _codes(concepts, stack.scheme), dg.Variant(coefficient, scope),
                           _sectors())


@st.cache_data(show_spinner=False)
def _yearly(concepts: tuple[str, ...], coefficient: str, scope: str, base_rule: str,
            employment: pd.DataFrame | None) -> pd.DataFrame:
    return dg.yearly_index(_stacks(), _panel(), concepts, dg.Variant(coefficient, scope), _employment(employment),
                           PAPER, base_rule=base_rule)


@st.cache_data(show_spinner=False)
def _ras_update(base_year: int, province: str, target_year: int, tol: float, max_iter: int,
                balance: bool) -> tuple[dict | None, pd.DataFrame | None, pd.DataFrame | None, str | None]:
    """RAS-update one table; returns (summary, change in A (long), control totals, error message)."""
    stack = _stacks()[base_year]
    try:
        totals = dg.control_totals(stack, province, target_year, _panel(), balance=balance)
        res = dg.update_table(stack, province, totals, tol=tol, max_iter=max_iter)
    except (dg.DigitalizationError, io_tables.RasError) as exc:
        return None, None, None, str(exc)
    i = stack.index_of(province)
    a0 = io_tables.calc_A(stack.Z[i], stack.x[i])
    a1 = io_tables.calc_A(np.asarray(res.Z), totals.x)
    codes = [c.replace("sec", "") for c in dg.SECTORS]
    delta = pd.DataFrame({"row": np.repeat(codes, len(codes)), "col": np.tile(codes, len(codes)),
                          "base": a0.ravel(), "updated": a1.ravel()})
    delta["change"] = delta["updated"] - delta["base"]
    controls = pd.DataFrame({"code": dg.SECTORS, "output_x_10k_yuan": totals.x, "row_total_u_10k_yuan": totals.u,
                             "column_total_v_10k_yuan": totals.v, "value_added_10k_yuan": totals.va})
    summary = {"method": "GRAS" if isinstance(res, io_tables.GrasResult) else "RAS", "iterations": res.iterations,
               "max_residual": res.max_residual, "growth": totals.growth}
    return summary, delta, controls, None


@st.cache_data(show_spinner=False)
def _comparison(year: int, table_year: int, concepts: tuple[str, ...], coefficient: str, scope: str, base_rule: str,
                employment: pd.DataFrame | None) -> tuple[pd.DataFrame, float]:
    """Computed index of ``year`` beside Table 1 (values, ranks, difference) and their Spearman correlation."""
    idt = _scale(table_year, concepts, coefficient, scope, base_rule, employment)["idt"]
    table1 = shell.table1()
    rho = dg.rank_correlation(idt, table1[table1.year == year].set_index("province")["idt"])
    return dg.compare_with_published(idt, table1, year), rho


@st.cache_data(show_spinner=False)
def _series(concepts: tuple[str, ...], coefficient: str, scope: str, base_rule: str,
            employment: pd.DataFrame | None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The index 2011-2023 beside Table 1 with its status group, and the Spearman correlation year by year."""
    yearly = _yearly(concepts, coefficient, scope, base_rule, employment)
    yearly = yearly.merge(shell.table1().rename(columns={"idt": "published"}), on=["province", "year"], how="left")
    yearly["status_group"] = np.select(
        [yearly.status.eq("benchmark table"), yearly.status.str.startswith("RAS"), yearly.status.str.startswith("extra")],
        ["benchmark table", "RAS-updated", "extrapolated"], default="no data")
    by_year = pd.DataFrame([
        {"year": y, "status": g.status.iloc[0],
         "spearman_with_table1": dg.rank_correlation(g.set_index("province")["idt"], g.set_index("province")["published"])}
        for y, g in yearly.groupby("year")])
    return yearly, by_year


# --- labels -------------------------------------------------------------------------------

NAMES = shell.province_names()


def pname(province: str) -> str:
    return NAMES.get(province, province)


def with_label(frame: pd.DataFrame) -> pd.DataFrame:
    return frame.assign(label=frame["province"].map(pname))


@st.cache_data(show_spinner=False, max_entries=64)
def _spec(builder: str, inputs: tuple, _data: pd.DataFrame, options: tuple[tuple[str, object], ...]) -> dict:
    """The Vega-Lite spec of a core.charts.scale chart, cached so reruns skip Altair's build and validation.

    Datasets are named by position (:func:`core.charts.stable_spec`), so a chart whose title and encodings stay
    the same when the year moves gets its rows swapped in place instead of being rebuilt by the browser.

    ``inputs`` are the plain values ``_data`` was computed from; they key the cache in its place, so a
    rerun does not hash the frame (the leading underscore keeps ``_data`` out of the key).
    """
    return stable_spec(getattr(charts, builder)(_data, **dict(options)).to_dict())


def show(builder: str, data: pd.DataFrame, inputs: tuple, **options: object) -> dict:
    """Draw a chart from its cached spec; returns it for the PNG/SVG export buttons.

    ``inputs`` must determine ``data`` completely (the language is added here, for the labels).
    """
    spec = _spec(builder, (*inputs, shell.lang()), data, tuple(sorted(options.items())))
    st.vega_lite_chart(spec, width="stretch")
    return spec


TAB_NAMES = ["Step by step", "All provinces ranked", "Series 2011-2023", "RAS update"]


# --- sections rerun on their own (st.fragment): a widget inside reruns only its section --------------

@shell.fragment
def ras_section() -> None:
    """The RAS update of one table (eq. 1-3); it depends on no assumption above, so its controls rerun only it.

    Its heading and explanation are drawn by the caller (static text, not redrawn on a RAS move).
    """
    q1, q2, q3 = st.columns(3)
    ras_base = q1.selectbox(t("Base table"), list(dg.BENCHMARK_YEARS), index=1, key="ras_base", bind="query-params")
    ras_year = q1.selectbox(t("Target year"), [y for y in YEARS if y <= 2019], index=4, key="ras_year",
                            bind="query-params")
    base_regions = list(_stacks()[ras_base].regions)
    ras_prov = q2.selectbox(t("Province"), [p for p in PAPER if p in base_regions], index=PAPER.index("Guangdong"),
                            key="ras_prov", bind="query-params")
    ras_balance = q2.checkbox(t("Scale row totals to the column totals' grand total"), value=True, key="ras_balance",
                              bind="query-params")
    ras_tol = q3.select_slider(t("Tolerance (relative)"), options=[1e-4, 1e-6, 1e-8, 1e-10, 1e-12], value=1e-10,
                               format_func=lambda v: f"{v:.0e}", key="ras_tol", bind="query-params")
    ras_iter = q3.select_slider(t("Maximum iterations"), options=[1, 5, 20, 100, 1000, 10000], value=10000,
                                key="ras_iter", bind="query-params")
    summary, delta, controls, error = _ras_update(ras_base, ras_prov, ras_year, ras_tol, ras_iter, ras_balance)
    if error is not None:
        st.error(f"{t('The table cannot be balanced')}: {error}")
        return
    # one horizontal row, not four columns: fewer blocks to redraw on each RAS move
    row = st.container(horizontal=True, gap="medium")
    row.metric(t("Method"), summary["method"])
    row.metric(t("Iterations"), f"{summary['iterations']:,}")
    row.metric(t("Largest residual (relative)"), f"{summary['max_residual']:.1e}")
    row.metric(t("Growth of GDP by sector"), " / ".join(f"{v:.2f}" for v in summary["growth"].values()),
               t("primary / secondary / tertiary"), delta_color="off", delta_arrow="off")
    show("delta_heatmap", delta, (ras_base, ras_prov, ras_year, ras_tol, ras_iter, ras_balance),
         note=f"{pname(ras_prov)} {ras_base} → {ras_year}",
         title=t("Change in direct coefficients A after RAS (updated - base)"),
         x_title=t("Purchasing sector (column)"), y_title=t("Supplying sector (row)"))
    shell.how_to_read("Red cells gained, blue cells lost coefficient value; structural zeros stay blank-white. "
                      "Rows are scaled by r, columns by s: the pattern shows which sectors' sales (rows) and "
                      "purchases (columns) the new totals pushed up or down.", f"{SRC_IO}; {SRC_PANEL}")
    st.markdown(f"**{t('Control totals')}** ({t('10,000 yuan')})")
    st.dataframe(controls, hide_index=True)
    shell.csv_button(controls, f"control_totals_{ras_prov}_{ras_year}", key="dl_controls")
    shell.csv_button(delta, f"change_in_A_{ras_prov}_{ras_base}_{ras_year}", key="dl_delta")


@shell.fragment
def year_section(concepts: tuple[str, ...], coefficient: str, scope: str, base_rule: str,
                 employment_table: pd.DataFrame | None, source: dg.EmploymentSource) -> None:
    """The year slider and everything it changes: metrics, status line, warnings and the open tab.

    A fragment, so moving the year (or a control inside a tab) reruns only this section; the
    assumptions above it are passed in from the full run and trigger a full rerun when changed.
    """
    year = st.select_slider(t("Year"), options=YEARS, value=2017, key="year", bind="query-params")
    if not concepts:
        st.info(t("Choose at least one digital-core sector to compute the index."))
        return
    control_years = _control_years()
    table_year = year if year in control_years else max(y for y in control_years if y <= year)
    extrapolated = table_year != year
    table_status, scheme = _table_info(table_year, base_rule)
    scale = _scale(table_year, concepts, coefficient, scope, base_rule, employment_table)
    status = table_status if not extrapolated else f"extrapolated ({table_year} carried forward: no control totals for {year})"
    variant = dg.Variant(coefficient, scope)
    comparison, rho = _comparison(year, table_year, concepts, coefficient, scope, base_rule, employment_table)
    comparison = with_label(comparison)
    note = f"{year}: {status}. {t('Employment')}: {source.label.split(';')[0]}."
    codes = _codes(concepts, scheme)
    inputs = (year, table_year, concepts, coefficient, scope, base_rule, employment_table)

    # one horizontal row, not three columns: fewer blocks to redraw on each year move
    row = st.container(horizontal=True, gap="medium")
    row.metric(t("Spearman rank correlation with Table 1"), f"{rho:.3f}" if np.isfinite(rho) else "–",
               f"{year}, {comparison['computed'].notna().sum()} {t('provinces')}", delta_color="off", delta_arrow="off")
    if extrapolated:
        kind, detail_text = "extrapolated", f"{table_year} {t('carried forward')}"
    elif table_status == "benchmark table":
        kind, detail_text = "benchmark table", f"{t('published')} {year} {t('table')}"
    else:
        kind, detail_text = "RAS-updated", f"{t('from')} {dg.base_year_for(year, base_rule)} {t('table')}"
    row.metric(t("Table used"), t(kind), detail_text, delta_color="off", delta_arrow="off")
    row.metric(t("Digital-core sectors (codes in this table)"), str(len(codes)),
               ", ".join(c.replace("sec", "") for c in codes), delta_color="off", delta_arrow="off")
    # One caption (status, then the note on employment), not two: fewer elements to redraw on each year move.
    status_line = f"{status}. {t('Reading')}: {variant.label}. {t('Employment')}: {source.label}."
    if not shell.presenting():
        status_line += "  \n" + t(
            "Whatever the employment source, eq. 7-8 give practitioners ÷ employment = digital VA ÷ GDP, so eq. 9 "
            "is each province's digital value-added share of GDP over its employment-weighted national mean: "
            "employment moves every province by the same factor, never the ranking.")
    st.caption(status_line)
    missing_emp = [pname(p) for p in scale.index[scale["employed_10k"].isna()]]
    if missing_emp:
        st.warning(f"{t('No employment for')} {table_year} {t('in the employment source for')} {len(missing_emp)} "
                   f"{t('provinces')} ({', '.join(missing_emp[:6])}{' …' if len(missing_emp) > 6 else ''}); "
                   f"{t('their index is left empty and they are not part of the national total.')}")
    if extrapolated:
        st.warning(f"{t('No control totals for')} {year}: {t('the values shown are the')} {table_year} "
                   f"{t('computation carried forward and are labelled extrapolated.')}")

    # Switching tabs reruns this fragment; only the open tab is computed and drawn.
    tab_steps, tab_rank, tab_series, tab_ras = st.tabs(TAB_NAMES, key="tab", bind="query-params",
                                                       on_change="rerun")
    with tab_steps:
        if tab_steps.open:
            default_prov = [p for p in ("Beijing", "Guangdong", "Jiangsu", "Liaoning") if p in PAPER]
            chosen_prov = st.multiselect(t("Provinces"), PAPER, default=default_prov, key="prov",
                                         bind="query-params")
            detail = st.selectbox(t("Province for the sector detail"), PAPER, index=PAPER.index("Guangdong"),
                                  key="detail", bind="query-params")
            sectors = _sector_detail(table_year, detail, concepts, coefficient, scope, base_rule)
            sectors = sectors.assign(label=sectors["sector_zh"] if shell.lang() == "zh" else sectors["sector"])
            st.markdown(f"**{t('Step 1 · digital consumption coefficients (eq. 4)')}**")
            # The year and table stay out of the chart's subtitle (they are on the slider and in the metrics above),
            # so a year move updates the drawn chart's rows instead of rebuilding it.
            show("coefficient_chart", sectors, (table_year, detail, concepts, coefficient, scope, base_rule),
                 label="label", note=pname(detail),
                 title=t("Digital consumption coefficient by sector (eq. 4)"), x_title=t("Coefficient (dimensionless)"))
            if scope == "core_only":
                st.caption(t("Under the current scope (digital core only) these coefficients do not enter the index."))
            shell.how_to_read(
                "Each bar is the share of a sector's inputs bought from the digital-core sectors (red bars are the core "
                "itself). Under the scopes that count traditional sectors, the bar times the sector's value added is its "
                "digital value added (eq. 5-6).", SRC_IO)
            shell.csv_button(sectors.drop(columns=["label"]), f"coefficients_{detail}_{year}", key="dl_sectors")

            st.markdown(f"**{t('Steps 2-4 · digital value added, practitioners, index')}**")
            if not chosen_prov:
                st.info(t("Pick one or more provinces to see their steps."))
            else:
                steps = scale.reindex(chosen_prov).reset_index()
                steps["published"] = steps["province"].map(comparison.set_index("province")["published"])
                steps.insert(1, "year", year)
                steps.insert(2, "status", status)
                shown = steps.assign(province=steps["province"].map(pname))
                st.dataframe(shown, hide_index=True, column_config={
                    "gdp_10k_yuan": st.column_config.NumberColumn(t("GDP (10k yuan)"), format="%.0f"),
                    "dva_traditional_10k_yuan": st.column_config.NumberColumn(t("Digital VA, traditional (eq. 6)"), format="%.0f"),
                    "va_core_10k_yuan": st.column_config.NumberColumn(t("VA of the digital core"), format="%.0f"),
                    "dva_10k_yuan": st.column_config.NumberColumn(t("Digital VA counted"), format="%.0f"),
                    "dva_share": st.column_config.NumberColumn(t("Share of GDP"), format="%.4f"),
                    "employed_10k": st.column_config.NumberColumn(t("Employment (10k)"), format="%.1f"),
                    "productivity_yuan_per_person": st.column_config.NumberColumn(t("GDP per employed (eq. 7, yuan)"), format="%.0f"),
                    "practitioners_10k": st.column_config.NumberColumn(t("Practitioners (eq. 8, 10k)"), format="%.2f"),
                    "idt": st.column_config.NumberColumn(t("Index computed (eq. 9)"), format="%.2f"),
                    "published": st.column_config.NumberColumn(t("Index published (Table 1)"), format="%.2f"),
                })
                shell.csv_button(steps, f"scale_steps_{year}", key="dl_steps")

    with tab_rank:
        if tab_rank.open:
            st.markdown(f"**{t('All provinces')} {year}: {t('computed beside Table 1')}**")
            # On screen without the year's note (it is above), so a year move swaps rows; exported with it.
            rank_options = dict(label="label", title=t("Computed index (bars) and published Table 1 (ticks)"),
                                x_title=t("Agglomeration index (1 = national parity)"))
            show("ranking_chart", comparison, inputs, **rank_options)
            shell.how_to_read(
                f"Bars: the index computed here; black ticks: the published Table 1 value; dashed line: national parity. "
                f"Spearman rank correlation {rho:.3f}.", f"{SRC_IO}; {SRC_TABLE1}; {SRC_PANEL}")
            ranked = comparison.sort_values("computed", ascending=False).drop(columns=["label"])
            ranked.insert(1, "year", year)
            ranked.insert(2, "status", status)
            st.dataframe(ranked.assign(province=ranked["province"].map(pname)), hide_index=True)
            shell.download_view(ranked, lambda: charts.ranking_chart(comparison, note=note, **rank_options),
                                f"agglomeration_index_{year}", key="dl_rank")
            show("scatter_chart", comparison, inputs, label="label", title=t("Computed against published"),
                 x_title=t("Published (Table 1)"), y_title=t("Computed from the IO tables"))

    with tab_series:
        if tab_series.open:
            yearly, by_year = _series(concepts, coefficient, scope, base_rule, employment_table)
            series_prov = st.multiselect(t("Provinces in the series"), PAPER, default=["Beijing", "Guangdong", "Liaoning"],
                                         key="series_prov", bind="query-params")
            if not series_prov:
                st.info(t("Pick one or more provinces to draw their series."))
            else:
                part = with_label(yearly[yearly.province.isin(series_prov)])
                show("series_chart", part, (concepts, coefficient, scope, base_rule, employment_table, tuple(series_prov)),
                     label="label", note=f"{t('Employment')}: {source.label.split(';')[0]}",
                     title=t("Computed index by year (solid) and Table 1 (dashed)"), y_title=t("Agglomeration index"),
                     x_title=t("Year"))
                shell.how_to_read(
                    "Circles: benchmark tables (2012, 2017). Triangles: the base table RAS-updated to the year's GDP by "
                    "three sectors (2011-2019). Faint crosses: **extrapolated**, the last updated year carried forward, "
                    "because the bundled data have no control totals after 2019. Dashed: Table 1 as published.",
                    f"{SRC_IO}; {SRC_PANEL}; {SRC_TABLE1}")
            st.markdown(f"**{t('Rank correlation with Table 1, year by year')}**")
            st.dataframe(by_year, hide_index=True, column_config={
                "spearman_with_table1": st.column_config.NumberColumn(format="%.3f")})
            shell.csv_button(by_year, "spearman_by_year", key="dl_by_year")
            shell.csv_button(yearly.drop(columns=["status_group"]), "agglomeration_index_2011_2023", key="dl_series")

    with tab_ras:
        if tab_ras.open:
            st.markdown(f"**{t('RAS update of one provincial table (eq. 1-3)')}**")
            shell.explain(
                "Pick a benchmark table and a target year. Each sector's output, value added and intermediate inputs grow "
                "with its broad sector's GDP (primary, secondary, tertiary) between the table and the target year; RAS then "
                "rescales rows and columns of the coefficient matrix until both sets of totals hold. Tables with negative "
                "cells (2007 Qinghai and Shaanxi) use GRAS.")
            ras_section()


# --- assumptions (each change reruns the whole page) -------------------------------------------

shell.explain(
    "The 001 paper measures industrial digitalization from input-output tables: it picks the **digital-core "
    "sectors**, computes how much each sector buys from them (eq. 4), turns that into digital value added "
    "(eq. 5-6), converts value added into practitioners with GDP per employed person (eq. 7-8), and compares "
    "each province's share of practitioners with the national share (eq. 9, a location quotient). This page "
    "does every step live on the published provincial tables; change an assumption and the index answers. "
    "Years without a table are RAS-updated from a benchmark table (eq. 1-3) to the GDP of that year.")

concept_info = _concepts()
concept_names = dict(zip(concept_info.concept, concept_info.concept_en))
c1, c2 = st.columns(2)
preset = c1.selectbox(t("Digital-core sectors"), list(PRESET_LABELS), format_func=PRESET_LABELS.get,
                      key="preset", bind="query-params")
if preset == "custom":
    chosen = c1.multiselect(t("Custom digital-core sectors"), list(concept_names), default=list(_preset("paper")),
                            format_func=lambda c: concept_names[c], key="sectors", bind="query-params")
    concepts = tuple(c for c in concept_names if c in chosen)
else:
    concepts = _preset(preset)
employment_kind = c2.radio(t("Employment source"), list(EMPLOYMENT_LABELS), format_func=EMPLOYMENT_LABELS.get,
                           captions=[t("Employment proportional to resident population (labelled approximation)"),
                                     t("Your province × year table of employed persons")],
                           key="emp", bind="query-params")

with st.expander(t("Reading of eq. 4-6 and base tables"), expanded=False):
    r1, r2, r3 = st.columns(3)
    scope = r1.radio(t("Whose value added counts"), list(dg.SCOPES), index=list(dg.SCOPES).index(dg.DEFAULT_VARIANT.scope),
                     format_func=SCOPE_LABELS.get, captions=[t(v) for v in dg.SCOPES.values()], key="scope",
                     bind="query-params")
    coefficient = r2.radio(t("Digital consumption coefficient (eq. 4)"), list(dg.COEFFICIENTS),
                           index=list(dg.COEFFICIENTS).index(dg.DEFAULT_VARIANT.coefficient),
                           format_func=COEF_LABELS.get, captions=[t(v) for v in dg.COEFFICIENTS.values()],
                           key="coef", bind="query-params")
    base_rule = r3.selectbox(t("Base table for years between benchmarks"), list(dg.BASE_RULES),
                             format_func=BASE_LABELS.get, key="base", bind="query-params")
    r3.caption(t(dg.BASE_RULES[base_rule]))
    st.markdown(
        "- **Coefficient, direct**: $c_j = \\sum_{i\\in D} z_{ij} / x_j$ (digital inputs over total output).\n"
        "- **Coefficient, share of intermediate inputs**: $c_j = 1 - \\sum_{i\\notin D} z_{ij} / \\sum_i z_{ij}$ "
        "(eq. 4 as printed, reading *total inputs* as intermediate inputs).\n"
        "- **Eq. 5-6**: digital value added of sector $j$ = $c_j \\times x_j \\times (va_j/x_j) = c_j\\,va_j$.\n"
        "- **Scope**: traditional sectors only $\\sum_{j\\notin D} c_j va_j$ (the text); plus the digital core's "
        "own value added $\\sum_{j\\in D} va_j$; or the core alone.\n\n"
        "Measured Spearman correlation with Table 1 (30 provinces, population weights): traditional only "
        "0.28-0.43 (2012) and 0.14-0.32 (2017); plus core, direct 0.91 / 0.98; core only 0.93 / 0.98. "
        "The default is the reading that reproduces Table 1 best (core only); it does not use the coefficients, "
        "so switch the scope to see eq. 4 at work.")

employment_table: pd.DataFrame | None = None
if employment_kind == "upload":
    template = pd.DataFrame({"province": np.repeat(PAPER, 2), "year": np.tile([2012, 2017], len(PAPER)),
                             "employed_10k": ""})
    u1, u2 = st.columns([2, 1])
    upload = u1.file_uploader(t("Employment table (CSV or XLSX: province, year, employed_10k)"), type=["csv", "xlsx"],
                              key="emp_file")
    u2.download_button(t("Download template"), template.to_csv(index=False).encode("utf-8"),
                       "employment_template.csv", "text/csv", key="emp_template", on_click="ignore")
    if upload is None:
        st.info(t("No employment file uploaded yet: the population-weighted approximation is used until you add one."))
    else:
        try:
            employment_table = dg.employment_from_upload(read_table(upload.getvalue(), upload.name), PAPER).table
        except UploadError as exc:
            st.error(f"{t('The employment file cannot be used')}: {exc} "
                     f"{t('The population-weighted approximation is used instead.')}")
source = _employment(employment_table)

# --- one year: the slider and all it changes rerun on their own ---------------------------------

year_section(concepts, coefficient, scope, base_rule, employment_table, source)

with st.expander(t("Sources of each input")):
    st.markdown(
        f"- **Input-output tables**: {SRC_IO}. Units 10,000 yuan, current producer prices; competitive-import type.\n"
        "- **Digital-core sectors**: the paper's codes 19, 20, 21, 32, 36 (2012 scheme), mapped to the 2007 and 2017 "
        "numbering by `data/io/digital_core_crosswalk.csv`; presets in `data/io/digital_presets.csv`.\n"
        f"- **Control totals for RAS**: {SRC_PANEL}; sectors mapped to the three broad sectors by "
        "`data/io/three_sector_map.csv`. No control totals after 2019: later years are labelled *extrapolated*.\n"
        f"- **Employment**: {source.label}. Provincial employment by year is not in the bundled public data.\n"
        f"- **Published index**: {SRC_TABLE1}.\n"
        "- Full provenance: `data/SOURCES.md`.")
    st.dataframe(concept_info, hide_index=True)
    shell.csv_button(concept_info, "digital_core_crosswalk", key="dl_concepts")

shell.url_notice()
